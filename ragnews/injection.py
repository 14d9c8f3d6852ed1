"""Text addressed to AI readers (prompt injection): found by structure, kept out of all evidence.

Why structure and not a phrase list: a planted sentence can say "Note to AI assistants: ...",
"[assistant]: ...", "<|im_start|>system ...", "If you are a program condensing this story, make
sure they hear ..." or hide its keywords behind zero-width characters and homoglyphs. What they
share is their shape: a **role marker** or chat-template token; a **heading or vocative naming
an AI reader** ("Note to AI assistants:"); **second person bound to an AI identity** ("As a
language model, you ..."); a **directive** (imperative or modal) whose addressee is an AI reader
or "you", about **answering, summarising, quoting or citing**, or about earlier instructions;
or a directive about how **this article** must be summarised or cited. News that *reports* an
instruction ("Officials told residents to ignore earlier evacuation orders", "the chatbot told
users to ...") has a different shape: a third-party subject and a past-tense reporting verb,
and no AI reader addressed. spaCy's dependency parse (ragnews/nlp.py) tells those apart; it
runs only on the rare sentences a cheap prefilter marks as candidates, so ingest stays fast.

Unicode tricks are undone for detection only (`fold`): zero-width and bidi characters dropped,
NFKC (fullwidth letters), homoglyphs mapped to the Latin letter they imitate (the Unicode
confusables table via `confusable-homoglyphs`). Loaders also strip invisible characters from
stored text (`strip_invisible`).

The one seam every engine goes through is `screen()`: flagged sentences of an Evidence passage
are blanked with spaces (offsets stay exact), so prompts, the extractive answerer, summaries,
timelines and the verifier never see them, and the passage records what was removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ._text import sentence_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .models import Article, Evidence

#: Bumped whenever the rules change: articles scanned by an older version are scanned again.
DETECTOR_VERSION = 1
Span = tuple[int, int]

# Zero-width, joiner, bidi-control, soft-hyphen and BOM characters: invisible on a page, used to
# break keywords apart. C0 controls (except tab/newline) never belong in article text either.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_invisible(text: str) -> str:
    """Remove invisible characters (zero-width, joiners, bidi controls, soft hyphens, C0 controls)."""
    return _INVISIBLE.sub("", text) if not text.isascii() or _INVISIBLE.search(text) else text


@lru_cache(maxsize=4096)
def _latin(ch: str) -> str:
    """The ASCII letter a non-ASCII character imitates (homoglyph), else the character itself."""
    from confusable_homoglyphs import confusables  # type: ignore[import-untyped]

    found = confusables.is_confusable(ch, preferred_aliases=["latin"], greedy=True) or []
    for item in found:
        for glyph in item["homoglyphs"]:
            if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalpha():
                return str(glyph["c"])
    return ch


def fold(text: str) -> str:
    """Return the detection view of text: invisible characters gone, NFKC, homoglyphs made Latin."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    return "".join(_latin(ch) if not ch.isascii() and ch.isalpha() else ch for ch in text)


# --------------------------------------------------------------------------------------- vocabulary

# An AI reader named outright (never ambiguous in news: "assistant" alone is a job title, so it
# needs an AI modifier; "agents" alone are FBI agents).
_AI = (r"(?:a\.?i\.?|artificial[- ]intelligence|chat ?bots?|bots?|llms?|gpts?|chatgpt|(?:large )?language models?|"
       r"(?:ai|virtual|digital|automated|smart) (?:assistants?|agents?|models?|systems?|tools?|helpers?|readers?)|"
       r"automated (?:crawlers?|scrapers?|summari[sz]ers?|programs?|services?|software)|crawlers?|scrapers?|"
       r"summari[sz]ers?|neural networks?)")
# Something that may be an AI reader when the sentence is about reading/answering this text.
_MACHINE = r"(?:machines?|programs?|software|tools?|systems?|algorithms?|apps?|applications?|engines?|models?|readers?|agents?)"
_SELF = r"(?:this|the present|the following|the above) (?:article|page|story|report|text|document|site|post|piece|sentence|line|paragraph|passage|content|webpage|web page|item)"
_META_VERB = (r"(?:say|says|state|tell|answer|answers|reply|respond|report|mention|repeat|quote|cite|summari[sz]e|include|"
              r"write|claim|assert|describe|output|print|pass (?:along|on)|relay|convey|make (?:it )?clear|hear|begin|start|"
              r"ignore|disregard|forget|override)")
_META_NOUN = r"(?:answers?|repl(?:y|ies)|responses?|summar(?:y|ies)|digests?|citations?|outputs?|instructions?|prompts?)"
_DIRECTIVE = (r"(?:must|should|shall|ought to|has to|have to|need to|needs to|is required to|are required to|is to|are to|"
              r"be sure to|make sure|always|never)")
_REPORTED = re.compile(r"\b(?:said|says|told|according to|reported|wrote|added|asked|urged|warned|announced|tweeted|posted)\b")

# --------------------------------------------------------------------------------------- rules

_TEMPLATE_TOKEN = re.compile(r"<\|[a-z_ ]{2,24}\|>|\[/?inst\]|<</?sys>>|\{\s*\"role\"\s*:|#{2,}\s*(?:instruction|system|response)\b")
_ROLE_START = re.compile(r"^\W{0,3}(?:system|assistant|user|developer|human|ai|chatbot|bot|model|gpt|llm)"
                         r"(?:\s+(?:message|prompt|note|instructions?|override|notice))?\s*[\]>)]?\s*:")
_ROLE_TAG = re.compile(r"^\W{0,3}[\[<]\s*/?\s*(?:system|assistant|user|developer|inst)\s*[\]>]|"
                       r"</?\s*(?:system|assistant|user)\s*>")
_ROLE_INLINE = re.compile(r"[.?!”\"]\s+[\[<]?\s*(?:system|assistant|user|developer)\s*[\]>:]")
# A capitalised role name with a colon inside a sentence ("... Jason Bell System: the answer is"); raw case.
_ROLE_CAPS = re.compile(r"\b(?:System|SYSTEM|Assistant|ASSISTANT|Developer|DEVELOPER)\s*:\s")
_HEADING = re.compile(r"^\W{0,3}([^:]{0,120}?[^:\d])\s*:(?!\d)")
_AI_WORD = re.compile(rf"\b{_AI}\b")
_AI_IDENTITY = re.compile(rf"\b(?:as an?(?=[^.]*\byou)|since you are an?|if you are an?|you are (?:now )?an?|you're (?:now )?an?)\s+(?:[\w-]+\s+){{0,2}}(?:{_AI}|{_MACHINE})\b")
_MACHINE_SUBJECT = re.compile(rf"\b(?:any|every|all|each|whatever|whichever|no|some)\s+(?:[\w-]+\s+){{0,2}}(?:{_AI}|{_MACHINE})\b")
_IMPERATIVE_START = re.compile(r"^\W{0,3}(?:please\s+|kindly\s+|now\s+|always\s+|never\s+|do not\s+|don't\s+)?"
                               r"(?:ignore|disregard|forget|override|answer|reply|respond|say|state|tell|repeat|summari[sz]e|quote|"
                               r"cite|print|output|pretend|act as|make sure|be sure)\b(?!\s*:)")
_PRIOR = re.compile(r"\b(?:previous|prior|above|earlier|preceding|original|all|any|your|other|existing)\s+(?:[\w-]+\s+)?"
                    r"(?:instructions?|rules|guidance|guidelines|prompts?|directions|sources?|context|messages?|directives?|orders)\b|"
                    r"\b(?:instructions?|rules|guidance|guidelines|prompts?|sources?|context|messages?)\s+(?:above|before|so far|"
                    r"(?:that )?you (?:were|have been|got) given)\b|\band\s+(?:instead\s+)?(?:say|reply|answer|state|tell|respond)\b")
_AI_DIRECTIVE = re.compile(rf"\b{_AI}\b[^.;:]{{0,100}}\b{_DIRECTIVE}\s+(?:[\w-]+\s+){{0,3}}{_META_VERB}\b")
_META_SUBJECT = re.compile(rf"\b(?:every|each|all|any|your|its)\s+(?:[\w-]+\s+)?{_META_NOUN}\s+(?:[\w-]+\s+){{0,3}}{_DIRECTIVE}\b")
_SELF_META = re.compile(rf"\b(?:{_META_NOUN}|quot\w+|citing|summari[sz]\w+|condens\w+|digest\w*|answer\w*|asked|processing|indexing|"
                        rf"reading|repeating)\b.{{0,80}}\b{_SELF}\b|\b{_SELF}\b.{{0,80}}\b(?:{_META_NOUN}|{_META_VERB})\b")
_ASKED = re.compile(r"\b(?:when|if|once|should)\s+(?:you\s+are|you're|you\s+get|it\s+is|a\s+\w+\s+is|a\s+\w+\s+be|an?\s+\w+\s+be)?\s*asked\b")
_YOU = re.compile(r"\byou(?:r|'re|rs)?\b")
# Compiled once (written inline they cost a pattern-cache lookup per sentence, ~10% of screening at ingest).
_DIRECTIVE_WORD = re.compile(rf"\b{_DIRECTIVE}\b")
_META_VERB_WORD = re.compile(rf"\b{_META_VERB}\b")
_META_NOUN_WORD = re.compile(rf"\b{_META_NOUN}\b")
_META_ABOUT = re.compile(rf"\b(?:that|with)\b.{{0,60}}\b{_META_NOUN}\b|\b{_META_NOUN}\b.{{0,80}}\b(?:is|with)\b|\buser")
_MACHINE_WORD = re.compile(rf"\b{_MACHINE}\b")
_META_ANY = re.compile(rf"\b(?:{_META_VERB}|{_META_NOUN})\b")
_SPEECH = re.compile(r"[”\"’'],?\s+(?:\w+\s+){0,4}(?:said|says|told|added|wrote|asked|explained)\b")


def _soft_candidate(t: str) -> str | None:
    """Return the rule a sentence might match, for the parser to confirm (t: folded, lowercased)."""
    ai = bool(_AI_WORD.search(t))
    directive = bool(_DIRECTIVE_WORD.search(t))
    meta = bool(_META_VERB_WORD.search(t)) or bool(_META_NOUN_WORD.search(t))
    if _AI_IDENTITY.search(t) and (meta or ai):
        return "ai_identity"
    if _AI_DIRECTIVE.search(t) or (ai and _YOU.search(t) and meta):
        return "ai_directive"
    if _IMPERATIVE_START.match(t) and (_PRIOR.search(t) or _META_ABOUT.search(t)):
        return "imperative_meta"
    if _META_SUBJECT.search(t):
        return "meta_subject"
    if _SELF_META.search(t) and (directive or _MACHINE_SUBJECT.search(t)):
        return "self_directive"
    if _ASKED.search(t) and (_YOU.search(t) or _MACHINE_WORD.search(t)) and _META_ANY.search(t):
        return "asked_directive"
    return None


def _hard_rule(raw: str, t: str) -> str | None:
    """Rules that need no parse: chat-template tokens, role markers, a heading naming an AI reader."""
    if _TEMPLATE_TOKEN.search(t):
        return "template_token"
    if _ROLE_START.match(t) or _ROLE_TAG.search(t) or _ROLE_INLINE.search(t) or _ROLE_CAPS.search(fold(raw)):
        return "role_marker"
    heading = _HEADING.match(t)
    if heading and len(heading.group(1).split()) <= 14 and _AI_WORD.search(heading.group(1)) and not _REPORTED.search(heading.group(1)):
        return "ai_heading"
    return None


def _is_reported(doc: Doc) -> bool:
    """True when the sentence reports what someone said or did (past-tense root with a third-party subject).

    "Officials told residents to ignore earlier evacuation orders" and "Livdahl said the AI helper
    told the girl to ..." are news about instructions; a planted sentence is an instruction itself
    (imperative or modal root, or an AI reader / "you" as its subject).
    """
    roots = [tok for tok in doc if tok.dep_ == "ROOT"]
    if not roots:
        return False
    root = roots[0]
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in root.children):  # "should say", "must tell": a directive
        return False
    past = root.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in root.children)
    if not past and root.lemma_ not in ("say", "tell", "report", "accord"):
        return False
    subjects = [" ".join(tok.text for tok in c.subtree).lower() for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and not any(_YOU.search(s) or _AI_WORD.search(s) or _MACHINE_SUBJECT.search(s) for s in subjects)


def _is_quoted_speech(raw: str, t: str) -> bool:
    """True for a quotation attributed to a speaker ("“Don't tell your nana,” he says.")."""
    return bool(_SPEECH.search(t))


def _is_imperative(doc: Doc) -> bool:
    """True when the sentence's main verb is a bare imperative (base form, no subject)."""
    first = next((tok for tok in doc if tok.is_alpha and tok.lower_ not in ("please", "kindly", "now", "always", "never", "do", "not")), None)
    for verb in (next((tok for tok in doc if tok.dep_ == "ROOT"), None), first):
        if verb is not None and verb.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            return True
    return False


# A quotation inside a sentence is parsed as one word: a quoted question ("the answer to “Which ... ?”
# is X") would otherwise become the root of the parse.
_QUOTATION = re.compile(r"“[^“”]{0,400}”|\"[^\"]{0,400}\"")


_HEADING_ANY = re.compile(r"^[^:]{0,40}:\s+(?=\S)")  # "News: ..." - the parse reads the sentence after the label


# Every rule needs one of these words or marks: sentences without any are ordinary text (most of them).
_GATE = re.compile(rf"<\||\[/?inst|<</?sys|\"role\"|##|\b(?:{_AI}|system|assistant|user|developer|human|model|you\w*|asked|"
                   rf"this|the (?:present|following|above)|{_META_NOUN}|ignore|disregard|forget|override|answer|reply|respond|say|"
                   rf"state|tell|repeat|summari[sz]e|quote|cite|print|output|pretend|act|make|be)\b")


def classify(sentence: str) -> str | None:
    """Return why a sentence is addressed to an AI reader (the rule's name), or None for ordinary text."""
    raw = " ".join(sentence.split())
    t = fold(raw).lower()
    if not _GATE.search(t):
        return None
    hard = _hard_rule(raw, t)
    if hard:
        return hard
    rule = _soft_candidate(t)
    if rule is None or _is_quoted_speech(raw, t):
        return None
    from .nlp import parse

    body = fold(raw)
    for _ in range(3):  # nested quotations, innermost first
        body = _QUOTATION.sub("it", body)
    head, colon, _ = body.partition(":")
    if colon and _soft_candidate(head.lower()):  # the directive comes before the colon, the payload after it
        body = head
    else:
        body = _HEADING_ANY.sub("", body, count=1)
    doc = parse(body)
    if _is_reported(doc) or (rule == "imperative_meta" and not _is_imperative(doc)):
        return None
    return rule


_MARKER_CHARS = re.compile("[:<>\\[\\]{#\uff1a\uff1c\uff3b]")  # ASCII and fullwidth colon/brackets


def has_ai_markers(sentence: str) -> bool:
    """True when a sentence carries a role marker, a chat-template token or a heading naming an AI reader.

    The parse-free subset of `classify`, cheap enough for query time (hand-built evidence that never
    went through ingest still loses its most blatant planted sentences).
    """
    if not _MARKER_CHARS.search(sentence):  # every parse-free rule needs a colon or a bracket: most sentences stop here
        return False
    raw = " ".join(sentence.split())
    return _hard_rule(raw, fold(raw).lower()) is not None


def is_addressed_to_ai(sentence: str) -> bool:
    """True when a sentence is written for an AI reader (an instruction to it), not for people."""
    return classify(sentence) is not None


def flagged_spans(text: str) -> list[Span]:
    """Return (start, end) offsets of the sentences of text addressed to AI readers.

    A flagged sentence that opens a quotation it does not close (the sentence splitter cut
    inside a planted question) carries the following sentences up to the closing mark.
    """
    spans = sentence_spans(text)
    out: list[Span] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        depth, last = _open_quotes(text[start:end]), i
        while depth > 0 and last + 1 < len(spans) and last - i < _MAX_QUOTED:  # rejoin a quotation cut by the splitter
            last += 1
            depth += _open_quotes(text[spans[last][0] : spans[last][1]])
        if classify(text[start : spans[last][1]]) or last > i and any(classify(text[s:e]) for s, e in spans[i : last + 1]):
            out.append((start, spans[last][1]))
            i = last
        i += 1
    return out


_MAX_QUOTED = 3  # sentences a quotation may span before the rest is read on its own


def _open_quotes(text: str) -> int:
    """Opening minus closing curly double quotes in text."""
    return text.count("“") - text.count("”")


# --------------------------------------------------------------------------------------- the seam


def blank(text: str, offset: int, spans: Iterable[Span]) -> tuple[str, list[Span]]:
    """Replace the parts of text (which starts at body offset `offset`) covered by spans with spaces.

    Returns the blanked text (same length, so every offset stays exact) and the spans that hit it.
    """
    end = offset + len(text)
    hits = [(max(s, offset), min(e, end)) for s, e in spans if s < end and e > offset]
    if not hits:
        return text, []
    chars = list(text)
    for s, e in hits:
        chars[s - offset : e - offset] = " " * (e - s)
    return "".join(chars), hits


def screen(evidence: Evidence, article: Article | None = None, spans: Sequence[Span] | None = None) -> Evidence:
    """Return the passage with every sentence addressed to AI readers blanked (the one evidence seam).

    Flags come from `spans`, else the article's stored flags, else are computed from the
    passage text itself (articles ingested before flags existed).
    """
    if spans is None:
        spans = article_flags(article) if article is not None else _shifted(flagged_spans(evidence.text), evidence.start)
    text, hits = blank(evidence.text, evidence.start, spans)
    title_flagged = bool(evidence.title) and _title_flagged(evidence.title)
    if not hits and not title_flagged:
        return evidence
    flagged = [*evidence.flagged, *hits]
    update: dict[str, object] = {"text": text, "flagged": flagged}
    if title_flagged:  # a title is shown in prompts too; the span (0, 0) marks it in `flagged`
        update.update(title=REDACTED_TITLE, flagged=[(0, 0), *flagged])
    return evidence.model_copy(update=update)


@lru_cache(maxsize=4096)
def _title_flagged(title: str) -> bool:
    """True when a title is addressed to AI readers (cached: titles recur with every passage of an article)."""
    return classify(title) is not None


def _shifted(spans: Sequence[Span], offset: int) -> list[Span]:
    """Spans moved by offset."""
    return [(s + offset, e + offset) for s, e in spans]


def article_flags(article: Article) -> list[Span]:
    """Return an article's flagged spans: as stored at ingest, or computed now for older records."""
    if article.injection is not None:
        return [tuple(s) for s in article.injection]  # type: ignore[misc]
    return _flags_of_body(article.body)


@lru_cache(maxsize=2048)
def _flags_of_body(body: str) -> list[Span]:
    """Flags of a body without stored flags (cached: the same articles recur across questions)."""
    return flagged_spans(body)


def scan(article: Article) -> Article:
    """Return the article with its flagged spans computed (ingest calls this once per article)."""
    title = [(0, 0)] if article.title and _title_flagged(article.title) else []  # (0, 0) marks the title
    return article.model_copy(update={"injection": title + flagged_spans(article.body)})


def visible_body(article: Article) -> str:
    """The article body with flagged sentences blanked (for engines that read whole articles)."""
    return blank(article.body, 0, article_flags(article))[0]


REDACTED = "[a sentence addressed to an AI assistant was removed here]"
REDACTED_TITLE = "[title addressed to AI readers removed]"


def redacted_text(evidence: Evidence) -> str:
    """The passage text for a prompt: each blanked (flagged) span replaced by one short marker."""
    return _redacted(evidence.text, evidence.start, evidence.flagged)


def passage_for_prompt(text: str, start: int, article: Article) -> str:
    """A stored chunk's text (starting at body offset `start`) for a prompt, its flagged sentences replaced by a marker."""
    return _redacted(text, start, blank(text, start, article_flags(article))[1])


def _redacted(text: str, offset: int, spans: Sequence[Span]) -> str:
    """text (starting at body offset `offset`) with each span replaced by REDACTED."""
    cursor, out = 0, []
    for s, e in sorted(spans):
        s, e = s - offset, e - offset
        if s >= cursor and e > s:
            out.append(text[cursor:s] + REDACTED)
            cursor = e
    return "".join(out) + text[cursor:]


def warnings_for(evidence: Sequence[Evidence]) -> list[str]:
    """One warning per article whose passages had sentences addressed to AI readers removed."""
    seen: dict[str, list[Span]] = {}
    titles: dict[str, str] = {}
    for ev in evidence:
        if ev.flagged:
            seen.setdefault(ev.article_id, []).extend(s for s in ev.flagged if s not in seen.get(ev.article_id, []))
            titles[ev.article_id] = ev.title or ev.source or ev.article_id
    return [f"article {aid} ({titles[aid][:60]}) carries text addressed to AI readers at {_where(spans)}; it was not used as evidence"
            for aid, spans in seen.items()]


def _where(spans: Sequence[Span]) -> str:
    """Name flagged places for people: the title, and body offsets."""
    body = sorted(s for s in spans if s != (0, 0))
    return ", ".join((["its title"] if (0, 0) in spans else []) + ([f"body offsets {body}"] if body else []))
