"""Citation verification shared by every answer and summary engine.

Every [n] marker must point at a passage that was given; each cited sentence is
scored against the sentences of its cited passages (lexical + embedding support) and
the best-supporting sentence becomes the citation's quote, an exact span of the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ._text import cased_words, content_words, sentence_spans, stem
from .models import AnswerSentence, Citation, Evidence
from .protocols import Embedder

_MARKERS = re.compile(r"\s*((?:\[\d+(?:\s*,\s*\d+)*\]\s*)+)")
_NUMBER = re.compile(r"\d+")
# the stop of the claim before a marker ("... 21 billion dlrs [1]. venezuela is ..."): not part of the next claim
_PREVIOUS_STOP = re.compile(r"^[\s.!?\u2026;:,]+")


@dataclass(frozen=True)
class Span:
    """A sentence of an evidence passage, with absolute offsets into its article body."""

    passage: int
    start: int
    end: int
    text: str


def passage_sentences(n: int, ev: Evidence) -> list[Span]:
    """Return the sentences of evidence passage n with article-body offsets."""
    return [Span(n, ev.start + s, ev.start + e, ev.text[s:e]) for s, e in sentence_spans(ev.text)]


def lexical_support(claim: str, quote: str) -> float:
    """Return the fraction of the claim's content words found in the quote (numbers must match)."""
    claim_words = set(content_words(claim))
    if not claim_words:
        return 0.0
    return len(claim_words & set(content_words(quote))) / len(claim_words)


def split_claims(text: str) -> list[tuple[str, list[int]]]:
    """Split answer text into (sentence without markers, cited numbers) pairs.

    Marker groups end claims ("... Monday [2]. Next ... [1][3]"), so the text is cut at
    them first and only then into sentences; sentences before the last one in a cut carry
    no citation of their own.
    """
    out: list[tuple[str, list[int]]] = []
    pos = 0
    for m in _MARKERS.finditer(text):
        _add_segment(out, text[pos : m.start()], [int(x) for x in _NUMBER.findall(m.group(1))])
        pos = m.end()
    _add_segment(out, text[pos:], [])
    return out


def _add_segment(out: list[tuple[str, list[int]]], segment: str, cited: list[int]) -> None:
    """Append the sentences of one segment; the last one takes the segment's citations.

    The segment's leading stop belongs to the claim before the marker. Why: a sentence that starts
    in lower case or with "<" ("venezuela is ...", "<BP Oil Ltd> ...", as Reuters copy does) is no
    sentence start to the splitter, so the stop stayed on it and readers saw "[1]. . venezuela is".
    """
    segment = _PREVIOUS_STOP.sub("", segment)
    sentences = [segment[s:e] for s, e in sentence_spans(segment)]
    sentences = [" ".join(t.split()) for t in sentences if any(ch.isalnum() for ch in t)]
    if not sentences:
        if cited and out:  # markers right after markers, or after a lone "."
            out[-1][1].extend(cited)
        return
    out.extend((t, []) for t in sentences[:-1])
    out.append((sentences[-1], cited))


Judge = Callable[[str, Sequence[str]], bool]
#: Other sentences of a cited passage tried as the quote when the best-scoring one misstates a detail,
#: if they support the claim nearly as well (within ALTERNATIVE_MARGIN of the best score).
ALTERNATIVES = 3
ALTERNATIVE_MARGIN = 0.1
#: Passages tried (best support first) when repairing an uncited or mis-cited claim.
REPAIR_TRIES = 2
_VERDICT = re.compile(r"^\s*(?:yes|no)\b\s*[,.;:\u2014-]\s*", re.IGNORECASE)


def _core(claim: str) -> str:
    """The claim without a leading "Yes,"/"No," verdict: the verdict answers the question, the rest is
    what the source must state (the verdict word lowered every yes/no claim's support score)."""
    rest = _VERDICT.sub("", claim, count=1)
    return rest if rest != claim and len(rest.split()) >= 3 else claim


@dataclass
class _Anchor:
    """A claim with the ranked candidate quotes of each of its cited passages.

    context: for a verbless continuation ("... visited Seoul on Monday [1] and Saturday [2]"), the
    claim before it, whose subject and verb the continuation borrows (see _continuation).
    """

    claim: str
    cited: list[int]
    ranked: dict[int, list[tuple[Span, float]]]
    context: str = ""

    @property
    def judged(self) -> str:
        """What the quotes must state: the claim without a verdict word, read with its context if it has one."""
        return _core(f"{self.context} {self.claim}" if self.context else self.claim)


def _continuation(previous: str, claim: str) -> bool:
    """True when claim carries on the sentence of the claim before it with no verb of its own.

    Why: a writer may put a marker mid-sentence ("Sung Kim ... visited Seoul on Monday [1] and
    Saturday [2], ..."), and "and Saturday" alone states nothing a source could contradict: judged
    alone it passed against any sentence naming a Saturday and was shown as a supported sentence.
    Read with the claim before it, it claims what the sentence claims. A piece with a verb of its own
    ("... rose 5 pct [1] and exports fell 3 pct [2]") is a claim of its own, as before.
    """
    if not previous or _ends_sentence(previous) or not claim[:1].islower():
        return False
    from .nlp import parse  # only for a lower-case piece after an unfinished one: spaCy stays lazy

    return not any(t.pos_ in ("VERB", "AUX") for t in parse(claim))


class Verifier:
    """Checks and anchors the citations of generated text against the passages given.

    A cited sentence is supported when its quote scores high enough (word overlap +
    embedding similarity) AND the fact-level checks (ragnews.facts) find every number,
    unit, date, name, negation, role and quantity word of the claim stated by the quote.
    """

    def __init__(self, embedder: Embedder, threshold: float = 0.5, judge: Judge | None = None,
                 facts: bool = True, repair: bool = False, article_text: Callable[[str], str] | None = None) -> None:
        """Use embedder for semantic support; threshold flags unsupported sentences.

        Args:
            embedder: scores semantic support and picks the quote.
            threshold: support score below which a sentence is unsupported.
            judge: optional second opinion (an LLM judge) deciding support per (claim, quotes) for
                non-verbatim claims that pass the fact-level checks.
            facts: run the fact-level checks (off only to measure the support score alone).
            repair: re-attribute a claim whose marker is missing or points at a passage that does not
                support it to the given passage that does (see _repair); the checks still decide.
            article_text: the full body of an article by id, so the name check can read who a
                surname in the quote is ("Kim" in the quote, "Sung Kim" earlier in the article).
        """
        self.embedder, self.threshold, self.judge, self.facts = embedder, threshold, judge, facts
        self.repair, self.article_text = repair, article_text

    def ranked_quotes(self, claim: str, spans: Sequence[Span]) -> list[tuple[Span, float]]:
        """Return the spans with their support scores (0..1), best first; a verbatim span scores 1."""
        if not spans:
            return []
        normal = " ".join(claim.split())
        for span in spans:
            if normal and normal in " ".join(span.text.split()):
                return [(span, 1.0)]
        lex = np.array([lexical_support(claim, s.text) for s in spans])
        vecs = self.embedder.embed([claim, *[s.text for s in spans]])
        cos = np.clip(vecs[1:] @ vecs[0], 0.0, 1.0)
        score = 0.5 * lex + 0.5 * cos
        order = np.argsort(-score, kind="stable")
        return [(spans[int(i)], float(score[int(i)])) for i in order]

    def best_quote(self, claim: str, spans: Sequence[Span]) -> tuple[Span | None, float]:
        """Return the span that best supports the claim and its support score (0..1)."""
        ranked = self.ranked_quotes(claim, spans)
        return ranked[0] if ranked else (None, 0.0)

    def verify(self, text: str, evidence: Sequence[Evidence], mode: str = "mark",
               question: str = "") -> tuple[str, list[AnswerSentence], list[Citation], list[str]]:
        """Verify [n]-marked text against numbered evidence (1-based).

        Args:
            text: generated text with [n] markers referring to evidence numbers.
            evidence: the passages that were given, numbered from 1.
            mode: "mark" keeps unsupported sentences flagged, "remove" drops them.
            question: the question a written answer replies to; with repair on, a claim that fails
                its checks falls back to the source sentence that states its answer (see _fallback).

        Returns:
            (text renumbered to citations, sentences, citations, warnings).
        """
        spans = {n: passage_sentences(n, ev) for n, ev in enumerate(evidence, 1)}
        citations: dict[tuple[str, int, int], Citation] = {}
        sentences: list[AnswerSentence] = []
        warnings: list[str] = []
        anchors: list[_Anchor] = []
        for claim, cited in split_claims(text):
            valid = [n for n in dict.fromkeys(cited) if n in spans]
            if len(valid) < len(set(cited)):
                warnings.append(f"removed citation markers pointing at no given source: {sorted(set(cited) - set(valid))}")
            previous = anchors[-1].claim if anchors else ""
            anchor = _Anchor(claim, valid, {}, previous if _continuation(previous, claim) else "")
            anchor.ranked = {n: self.ranked_quotes(anchor.judged, spans[n]) for n in valid}
            anchors.append(anchor)
        checked = [a for a in anchors if a.ranked and not _verbatim(a.judged, {n: r[0] for n, r in a.ranked.items() if r})]
        if self.facts and checked:  # parse the claims to check and their quotes in one batch (spaCy's pipe is ~3x faster)
            from . import facts  # verbatim (extractive) answers never load spaCy

            facts.prefetch([a.judged for a in checked] + [r[0][0].text for a in checked for r in a.ranked.values() if r])
        dropped = False
        for anchor in anchors:
            if anchor.context and dropped and mode == "remove":
                continue  # "and Saturday [2]" is no sentence once the claim it continues is gone
            trial = dict(citations)  # a claim that is repaired keeps no citation of the quotes that failed it
            sentence = self._check(anchor, evidence, trial)
            repaired = self._repair(anchor, spans, evidence, citations, warnings) if not sentence.supported and self.repair else None
            if repaired is None:
                citations.update(trial)
            sentence = repaired or sentence
            if not sentence.supported and self.repair and question:
                sentence = self._fallback(anchor, spans, evidence, citations, warnings, question, sentences) or sentence
            if not sentence.supported:
                warnings.append(f"unsupported: {anchor.claim[:80]}" + (f" ({sentence.reason})" if sentence.reason else ""))
                if mode == "remove":
                    dropped = True
                    continue
            dropped = False
            sentences.append(sentence)
        return render(sentences, mode), sentences, list(citations.values()), warnings

    def _repair(self, anchor: _Anchor, spans: dict[int, list[Span]], evidence: Sequence[Evidence],
                citations: dict[tuple[str, int, int], Citation], warnings: list[str]) -> AnswerSentence | None:
        """Attach the given passage that supports an uncited or mis-cited claim, if one does.

        Why: a 1.5B model states facts from its sources but drops the marker or numbers its
        sentences [1], [2], ... instead of citing; rejecting those threw away correct, sourced
        answers (41% of held-out answers abstained). This is post-hoc attribution, not a looser
        check: every passage's sentences are ranked with the same support score, and the claim is
        kept only if one passage's quote passes the same threshold and fact-level checks (and judge)
        a cited claim must pass. Passages are tried best first, at most REPAIR_TRIES of them; the
        change is reported in the warnings, so a reader sees the marker was ours, not the writer's.
        """
        core = anchor.judged
        if len(content_words(core)) < 2:  # "Yes." or a bare name: nothing to attribute
            return None
        ranked = {n: self.ranked_quotes(core, sp) for n, sp in spans.items() if n not in anchor.cited}
        order = sorted((n for n, r in ranked.items() if r and r[0][1] >= self.threshold), key=lambda n: -ranked[n][0][1])
        for n in order[:REPAIR_TRIES]:
            trial: dict[tuple[str, int, int], Citation] = dict(citations)
            sentence = self._check(_Anchor(anchor.claim, [n], {n: ranked[n]}, anchor.context), evidence, trial)
            if sentence.supported:
                citations.update(trial)
                was = f"cited {anchor.cited}" if anchor.cited else "uncited"
                warnings.append(f"citation repaired ({was} -> source {n}): {anchor.claim[:80]}")
                return sentence
        return None

    def _fallback(self, anchor: _Anchor, spans: dict[int, list[Span]], evidence: Sequence[Evidence],
                  citations: dict[tuple[str, int, int], Citation], warnings: list[str], question: str,
                  kept: Sequence[AnswerSentence]) -> AnswerSentence | None:
        """Replace a rejected claim by the source sentence that states its answer, quoted whole.

        Why: a 1.5B model picks the right sentence but rewords it, adding a detail the sentence lacks
        ("... the 2022 NHL Stanley Cup Finals" beside "The Colorado Avalanche won the Stanley Cup");
        the checks then strip the claim and, with it, a correct answer. The sentence itself is an
        exact span of the article, so it needs no check: the reader gets the source's words, not
        the model's. It must carry the claim's answer -- the claim's words the question does not
        ask about: every name and number among them and at least half of them -- so a claim whose
        answer no source sentence states is still dropped (an unanswerable question stays unanswered) --
        and it must be a quote of this claim at all (support >= the cutoff at which _check anchors a
        claim): a sentence that merely names the answer (a WNBA player's conviction beside a claim of
        abuse in the WNBA) is no source for it. A sentence that contradicts the claim ('nine-day' for
        its 'five-day') is not put in its place either: the claim stays flagged with that reason, so the
        reader sees the disagreement rather than a silent swap (names are left to the rule above: the
        sentence must state the claim's names, and "which says 'The Internal Revenue Service'" beside
        "IRS" is the same name). Tried on the cited passages, else the
        REPAIR_TRIES passages that support the claim best.
        """
        claim = anchor.judged
        answer = _answer_words(claim, question)
        if not answer:
            return None
        details, shown = _detail_words(claim, question), {" ".join(s.text.split()) for s in kept}
        for n in anchor.cited or self._best_passages(claim, spans):
            for span, score in self.ranked_quotes(claim, spans[n]):
                if score < self.threshold * 0.8:  # below the cutoff at which _check anchors a claim at all
                    break
                if _carries(span.text, answer, details, shown) and not self._contradicts(claim, n, span, evidence, names=False):
                    sentence = self._quoted_whole(span, n, evidence, citations)
                    if sentence is not None:
                        warnings.append(f"claim replaced by its source sentence ({n}, support {score:.2f}): {anchor.claim[:80]}")
                        return sentence
        return None

    def _best_passages(self, claim: str, spans: dict[int, list[Span]]) -> list[int]:
        """The REPAIR_TRIES passages whose best quote supports the claim most (for a claim that cites none)."""
        def best(n: int) -> float:
            return max((score for _span, score in self.ranked_quotes(claim, spans[n])[:1]), default=0.0)

        return sorted(spans, key=lambda n: -best(n))[:REPAIR_TRIES]

    def _quoted_whole(self, span: Span, n: int, evidence: Sequence[Evidence],
                      citations: dict[tuple[str, int, int], Citation]) -> AnswerSentence | None:
        """The source sentence as a claim of its own, citing passage n, when it passes every check (else None)."""
        trial: dict[tuple[str, int, int], Citation] = dict(citations)
        sentence = self._check(_Anchor(span.text, [n], {n: [(span, 1.0)]}), evidence, trial)
        if not sentence.supported:
            return None
        citations.update(trial)
        return sentence

    def _check(self, anchor: _Anchor, evidence: Sequence[Evidence], citations: dict[tuple[str, int, int], Citation]) -> AnswerSentence:
        """Anchor one claim to the best quote of each cited passage, score its support, check its facts."""
        chosen = {n: r[0] for n, r in anchor.ranked.items() if r and r[0][1] >= self.threshold * 0.8}
        best = max((score for _span, score in chosen.values()), default=0.0)
        supported, reason = bool(chosen) and best >= self.threshold, ""
        if not anchor.cited:
            reason = "no citation"
        elif not supported:
            reason = f"the cited passages do not state it (support {best:.2f} < {self.threshold:g})"
        elif self.facts:  # a score of 1.0 is not verbatim: a role swap keeps every word
            chosen, reason = self._facts(anchor, chosen, evidence)
            supported = not reason
            best = max((score for _span, score in chosen.values()), default=0.0) if supported else best
        if supported and self.judge is not None and not _verbatim(anchor.judged, chosen):  # verbatim needs no judge
            supported = self.judge(anchor.judged, [span.text for span, _score in chosen.values()])
            reason = "" if supported else "the LLM judge found that the cited sentence does not support it"
        numbers, stories = [], set()
        for n, (span, score) in chosen.items():
            ev = evidence[n - 1]
            key = (ev.article_id, span.start, span.end)
            if key not in citations:
                citations[key] = make_citation(len(citations) + 1, ev, span, score)
            numbers.append(citations[key].n)
            stories.add(ev.story_id or ev.article_id)
        return AnswerSentence(text=anchor.claim, citations=numbers, supported=supported, support=round(best, 3),
                              stories=len(stories), reason=reason)

    def _facts(self, anchor: _Anchor, chosen: dict[int, tuple[Span, float]],
               evidence: Sequence[Evidence]) -> tuple[dict[int, tuple[Span, float]], str]:
        """Run the fact-level checks on the chosen quotes; if they fail, try the next-best sentences.

        A claim citing several passages keeps the quotes that each state it alone (see _corroborating).
        Returns the quotes to cite and '' when every detail is stated, else the first quotes and the reason.
        """
        if len(chosen) > 1:
            return self._corroborating(anchor, chosen, evidence)
        return self._facts_one(anchor, chosen, evidence)

    def _facts_one(self, anchor: _Anchor, chosen: dict[int, tuple[Span, float]], evidence: Sequence[Evidence],
                   lenient: tuple[str, ...] = ()) -> tuple[dict[int, tuple[Span, float]], str]:
        """The fact-level checks of a claim against one passage's quote, or its next-best sentences
        (mismatches of the `lenient` kinds are left to the caller)."""
        from . import facts

        # the passage (who a surname or pronoun of the quote is) and the report's month and year (printed with the citation)
        context = " ".join(evidence[n - 1].text for n in chosen)
        published = ". ".join(facts.publication_words(evidence[n - 1].published) for n in chosen)
        claim = anchor.judged

        def found(trial: dict[int, tuple[Span, float]]) -> list[facts.Mismatch]:
            got = facts.check(claim, [span.text for span, _ in trial.values()], context, self._articles(trial, evidence), published)
            return [m for m in got if m.kind not in lenient]

        first = found(chosen)
        if not first:
            return chosen, ""
        for n in chosen:
            for alt in anchor.ranked[n][1:ALTERNATIVES]:
                if alt[1] < max(self.threshold, anchor.ranked[n][0][1] - ALTERNATIVE_MARGIN):
                    break
                trial = {**chosen, n: alt}
                if not found(trial):
                    return trial, ""
        return chosen, facts.reason(first)

    def _corroborating(self, anchor: _Anchor, chosen: dict[int, tuple[Span, float]],
                       evidence: Sequence[Evidence]) -> tuple[dict[int, tuple[Span, float]], str]:
        """Of a claim's several quotes, keep those that state its facts alone; none: the claim is unsupported.

        Why: every quote printed beside a claim is read as "this report says this" (and two of them as
        "2 independent reports"), yet a claim citing two passages passed when the quotes held its parts
        between them: "The CEO of Tesla in 2021 is Elon Musk" kept "During the year ended December 31,
        2021, our CEO exercised ..." beside the quote naming Musk; "Meta Platform acquired Instagram in
        April 2012 for $1 billion" joined a quote with the month to one with the sum, and neither states
        the whole; a quote naming Facebook sat beside "... acquired by Apple ..." because the other quote
        named Apple. So each quote is checked as if the claim cited it alone -- its own support score, its
        own passage for who a surname or pronoun is, every name, number, date, negation, antonym, role,
        quantity and cut check -- and the claim is supported when at least one quote states it; a compound
        claim no single sentence states is rejected (with repair on, it may fall back to a source sentence
        that states its answer). Describing adjectives are the one detail the kept quotes may share: a
        second report of the same statement that leaves out "ongoing" still corroborates it, as long as a
        kept quote says "ongoing".
        """
        from . import facts

        alone: dict[int, tuple[Span, float]] = {}
        reason = ""
        for n, pick in chosen.items():
            if pick[1] < self.threshold:
                reason = reason or f"no cited sentence states it alone (support {pick[1]:.2f} < {self.threshold:g})"
                continue
            kept, why = self._facts_one(anchor, {n: pick}, evidence, lenient=("modifier",))
            if why:
                reason = reason or why
            else:
                alone.update(kept)
        if not alone:
            return chosen, f"no cited sentence states it alone: {reason}" if not reason.startswith("no cited") else reason
        shared = [m for m in facts.check(anchor.judged, [span.text for span, _ in alone.values()]) if m.kind == "modifier"]
        return (alone, "") if not shared else (alone, facts.reason(shared))

    def _contradicts(self, claim: str, n: int, span: Span, evidence: Sequence[Evidence], names: bool = True) -> bool:
        """True when the quote states something else in a detail's place: a rival name (unless names is
        False), number or date, a negation, an antonym or a reversed role (not merely a detail it leaves out)."""
        from . import facts

        ev = evidence[n - 1]
        found = facts.check(claim, [span.text], ev.text, self._articles({n: (span, 0.0)}, evidence),
                            facts.publication_words(ev.published))
        return any(m.quote and (names or m.kind != "entity") or m.kind in ("negation", "antonym", "role")
                   for m in found if m.kind != "cut")

    def _articles(self, chosen: dict[int, tuple[Span, float]], evidence: Sequence[Evidence]) -> str:
        """The full bodies of the cited articles (for the name check), or '' without an article_text lookup."""
        if self.article_text is None:
            return ""
        ids = dict.fromkeys(evidence[n - 1].article_id for n in chosen)
        return " ".join(self.article_text(aid) for aid in ids)


def _answer_words(claim: str, question: str) -> set[str]:
    """The claim's content words the question does not contain (stemmed): what the claim answers."""
    return set(content_words(claim)) - set(content_words(question))


def _carries(text: str, answer: set[str], details: set[str], shown: set[str]) -> bool:
    """True when a source sentence states every name and number of a claim's answer and half its answer words,
    and is not already in the answer."""
    have = set(content_words(text))
    return details <= have and 2 * len(answer & have) >= len(answer) and " ".join(text.split()) not in shown


def _detail_words(claim: str, question: str) -> set[str]:
    """The answer words that are names or numbers (capitalised after the first word, or with a digit)."""
    tokens = cased_words(claim)
    picked = {stem(t.lower().replace("’", "'")) for i, t in enumerate(tokens)
              if any(ch.isdigit() for ch in t) or (i > 0 and t[:1].isupper())}
    return picked & _answer_words(claim, question)


def _verbatim(claim: str, chosen: dict[int, tuple[Span, float]]) -> bool:
    """True when the claim is word for word inside one of its quotes."""
    normal = " ".join(claim.split())
    return bool(normal) and any(normal in " ".join(span.text.split()) for span, _score in chosen.values())


def make_citation(n: int, ev: Evidence, span: Span, support: float) -> Citation:
    """Build a citation of an exact sentence span of an evidence passage's article."""
    return Citation(
        n=n, article_id=ev.article_id, title=ev.title, source=ev.source, published=ev.published,
        chunk_id=ev.chunk_id, start=span.start, end=span.end, quote=span.text, story_id=ev.story_id,
        support=round(support, 3),
    )


def _ends_sentence(text: str) -> bool:
    """True when text already ends a sentence: '.', '!' or '?', also inside closing quotes or brackets
    ('... he said.”', '(as reported.)'). A bracket that closes a name ('Department of Transportation
    (DOT)', an answer-first lead) ends no sentence, so the renderer adds the full stop."""
    return text.rstrip("\"”’)]")[-1:] in (".", "!", "?")


def render(sentences: Sequence[AnswerSentence], mode: str = "mark") -> str:
    """Return the text of verified sentences with their [n] markers."""
    parts = []
    for i, s in enumerate(sentences):
        marks = "".join(f"[{n}]" for n in s.citations)
        flag = " [unsupported]" if not s.supported and mode == "mark" else ""
        goes_on = i + 1 < len(sentences) and _continuation(s.text, sentences[i + 1].text)  # "Monday [1] and Saturday [2]"
        stop = "" if _ends_sentence(s.text) or goes_on else "."
        independent = f" ({s.stories} independent reports)" if s.stories > 1 else ""
        parts.append(f"{s.text}{(' ' + marks) if marks else ''}{independent}{flag}{stop}")
    return " ".join(parts)
