"""Build the contradiction set (issue 15) from real news sentences, reproducibly (seeded).

Every item is one claim cited to one real sentence (an exact span of its passage): the
original sentence, a light faithful paraphrase of it, or a copy altered in exactly one
detail (number, unit, date/weekday, person, organisation, place, nationality/adjective,
negation/antonym verb, role swap, quantity word). Replacements are natural: a person is
swapped for another person named elsewhere in the same corpus, a city for another city,
a weekday for another weekday, so a checker cannot win by spotting oddities.

Sources (read from ../shared/data, never copied into the repo except as the quoted
sentences and their passages): Reuters-21578 bodies (line-wrapped SGML, re-joined into
paragraphs), RealTimeQA gold articles (CNN and others), RGB positive passages.

The set is split by source document (every item of one document is in the same half):
``contradictions_dev.jsonl`` is for building and tuning, ``contradictions_heldout.jsonl``
is the headline and is never tuned on.

Usage:
    python benchmarks/build_contradictions.py [--data ../shared/data] [--out benchmarks/datasets]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ragnews._text import sentence_spans
from ragnews.nlp import parse_many

SEED = 15
KINDS = ("number", "unit", "date", "person", "organisation", "place", "nationality", "negation", "role", "quantity")
PER_KIND = 36  # altered items per kind (total altered = 360)
FAITHFUL = 360  # original + paraphrase items
WINDOW = 1200  # characters of passage kept around the quoted sentence (like a retrieval chunk)


@dataclass
class Doc:
    """One source article: corpus name, stable id, text."""

    corpus: str
    doc_id: str
    text: str


# ---------------------------------------------------------------- corpora


def reuters_docs(root: Path, files: int = 8) -> Iterator[Doc]:
    """Reuters-21578 bodies with wrapped lines joined into paragraphs (paragraphs start indented)."""
    for path in sorted((root / "reuters21578").glob("reut2-*.sgm"))[:files]:
        raw = path.read_text(encoding="latin-1")
        for m in re.finditer(r'NEWID="(\d+)".*?<BODY>(.*?)</BODY>', raw, re.S):
            body = html.unescape(m.group(2)).replace("\x03", "")
            paras = [" ".join(p.split()) for p in re.split(r"\n\s{2,}|\n\s*\n", body)]
            text = "\n\n".join(p for p in paras if p and not re.fullmatch(r"Reuter\W*", p))
            if len(text) > 300:
                yield Doc("reuters21578", f"reuters:{m.group(1)}", text)


def realtimeqa_docs(root: Path) -> Iterator[Doc]:
    """RealTimeQA gold articles (500+ characters), one per URL."""
    seen: set[str] = set()
    for path in sorted((root / "realtimeqa").glob("*_gold.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for r in json.loads(line).get("search_result") or []:
                text, url = (r.get("text") or "").strip(), r.get("url") or ""
                if len(text) >= 500 and url not in seen:
                    seen.add(url)
                    yield Doc("realtimeqa", f"rtqa:{hashlib.sha1(url.encode()).hexdigest()[:12]}", text)


def rgb_docs(root: Path) -> Iterator[Doc]:
    """RGB (en_fact) positive passages: real web text supporting the gold answer."""
    for line in (root / "rgb" / "en_fact.json").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for i, text in enumerate(rec.get("positive") or []):
            if len(text) >= 200:
                yield Doc("rgb", f"rgb:{rec['id']}:{i}", text)


# ---------------------------------------------------------------- sentences


@dataclass
class Sent:
    """A candidate sentence: its document, offsets and the passage window around it."""

    doc: Doc
    start: int
    end: int
    text: str
    passage_start: int
    passage_end: int
    parsed: Any = None


def candidates(doc: Doc) -> Iterator[Sent]:
    """Yield well-formed single-line sentences of 10-45 words with a passage window."""
    for s, e in sentence_spans(doc.text):
        text = doc.text[s:e]
        n = len(text.split())
        if not 10 <= n <= 45 or "\n" in text or not text[0].isupper() or text[-1] not in ".\"”":
            continue
        if text.isupper() or "..." in text or "http" in text or sum(c.isupper() for c in text) > len(text) / 3:
            continue
        ps = max(0, s - WINDOW // 2)
        pe = min(len(doc.text), e + WINDOW // 2)
        yield Sent(doc, s, e, text, ps, pe)


# ---------------------------------------------------------------- alterations

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
MONTH_ABBR = "Jan Feb March April May June July Aug Sept Oct Nov Dec".split()
NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve".split()
UNIT_FAMILIES = [
    ["mln", "billion"], ["million", "billion"], ["dlrs", "yen", "marks", "stg"], ["dollars", "euros", "pounds"],
    ["pct", "points"], ["percent", "points"], ["tonnes", "kilos", "bushels"], ["barrels", "tonnes"],
    ["day", "week", "month", "year"], ["days", "weeks", "months", "years"], ["miles", "kilometers"],
    ["hours", "minutes", "days"], ["feet", "meters"], ["ounces", "tonnes"],
]
ANTONYMS = {
    "rose": "fell", "fell": "rose", "increased": "decreased", "decreased": "increased", "raised": "lowered",
    "lowered": "raised", "gained": "lost", "lost": "gained", "bought": "sold", "sold": "bought",
    "approved": "rejected", "rejected": "approved", "accepted": "rejected", "won": "lost", "higher": "lower",
    "lower": "higher", "opened": "closed", "closed": "opened", "rise": "fall", "fall": "rise", "increase": "decrease",
    "decrease": "increase", "rises": "falls", "falls": "rises", "increases": "decreases", "buy": "sell", "sell": "buy",
    "up": "down", "down": "up", "above": "below", "below": "above", "supports": "opposes", "supported": "opposed",
    "opposed": "supported", "allowed": "banned", "banned": "allowed", "expanded": "reduced", "reduced": "expanded",
    "strengthened": "weakened", "weakened": "strengthened", "ahead": "behind", "more": "fewer", "before": "after",
    "after": "before", "acquired": "sold", "agreed": "refused", "began": "ended", "ended": "began", "boosted": "cut",
}
QUANTITY = {"all": "some", "some": "all", "every": "no", "none": "all", "no": "some", "most": "few", "many": "few",
            "few": "many", "several": "all", "each": "no"}
COUNTRIES = set("""Afghanistan Argentina Australia Austria Belgium Brazil Britain Canada Chile China Colombia Cuba Denmark
Egypt England Ethiopia Finland France Germany Ghana Greece Hungary India Indonesia Iran Iraq Ireland Israel Italy
Japan Jordan Kenya Kuwait Lebanon Libya Malaysia Mexico Morocco Netherlands Nigeria Norway Pakistan Peru Philippines
Poland Portugal Qatar Romania Russia Scotland Singapore Spain Sweden Switzerland Syria Taiwan Thailand Turkey
Uganda Ukraine Venezuela Vietnam Yemen Zambia Zimbabwe Belarus Korea Ecuador Bolivia Algeria Nicaragua""".split()) | {
    "United States", "Soviet Union", "West Germany", "East Germany", "United Kingdom", "South Korea", "North Korea",
    "Saudi Arabia", "South Africa", "New Zealand", "Sri Lanka"}
NATIONALITIES = """American British Canadian Mexican Brazilian Argentine Chilean Peruvian Colombian Venezuelan Cuban French German
Italian Spanish Portuguese Dutch Belgian Swiss Austrian Swedish Norwegian Danish Finnish Polish Hungarian Czech Greek
Turkish Russian Ukrainian Chinese Japanese Korean Taiwanese Indian Pakistani Afghan Iranian Iraqi Syrian Israeli
Palestinian Lebanese Jordanian Saudi Egyptian Libyan Nigerian Kenyan Ethiopian Australian Indonesian Malaysian Filipino
Thai Vietnamese Irish Scottish Soviet Kuwaiti Qatari Algerian Moroccan""".split()


class Alterer:
    """One-detail alterations of a parsed sentence, with natural replacements from corpus pools."""

    def __init__(self, rng: random.Random, pools: dict[str, dict[str, list[str]]]) -> None:
        """pools[corpus][label] lists entity texts seen in that corpus."""
        self.rng, self.pools = rng, pools

    def apply(self, kind: str, sent: Sent, passage: str) -> tuple[str, str] | None:
        """Return (altered claim, 'old' -> 'new') or None when the kind does not apply."""
        fn: Callable[[Sent, str], tuple[int, int, str] | None] = getattr(self, f"_{kind}")
        hit = fn(sent, passage)
        if hit is None:
            return None
        s, e, new = hit
        old = sent.text[s:e]
        if new == old or not new:
            return None
        return sent.text[:s] + new + sent.text[e:], f"{old!r} -> {new!r}"

    def _pick(self, options: list[Any]) -> Any:
        return self.rng.choice(options) if options else None

    def _number(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        toks = [t for t in sent.parsed if t.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") and
                not re.search(r"[()/]|\d-\d", sent.text[max(0, t.idx - sent.parsed[0].idx - 2):t.idx - sent.parsed[0].idx + len(t.text) + 2]) and
                (re.fullmatch(r"\d+(\.\d+)?", t.text) or t.lower_ in NUMBER_WORDS or
                 re.fullmatch(r"(\d+|[a-z]+)-[a-z]+", t.text) and t.text.split("-")[0].lower() in NUMBER_WORDS)]
        t = self._pick(toks)
        if t is None:
            return None
        word = t.text.split("-")[0]
        if word.lower() in NUMBER_WORDS:
            new = self.rng.choice([w for w in NUMBER_WORDS if w != word.lower()])
            new = new.capitalize() if word[0].isupper() else new
            return t.idx - sent.parsed[0].idx, t.idx - sent.parsed[0].idx + len(word), new
        value = float(word)
        places = len(word.split(".")[1]) if "." in word else 0
        for _ in range(20):
            factor = self.rng.choice([self.rng.uniform(0.4, 0.85), self.rng.uniform(1.2, 2.5)])
            new_value = round(value * factor, places)
            new = f"{new_value:.{places}f}"
            if new != word and new_value > 0:
                return t.idx - sent.parsed[0].idx, t.idx - sent.parsed[0].idx + len(word), new
        return None

    def _unit(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        options = []
        for m in re.finditer(r"\b(\d[\d,.]*|" + "|".join(NUMBER_WORDS) + r")(\s+|-)([a-z]+)\b", sent.text, re.I):
            unit = m.group(3)
            for fam in UNIT_FAMILIES:
                if unit in fam:
                    options.append((m.start(3), m.end(3), self.rng.choice([u for u in fam if u != unit])))
                    break
        return self._pick(options)

    def _date(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        options = []
        for m in re.finditer(r"\b(" + "|".join(WEEKDAYS) + r")\b", sent.text):
            options.append((m.start(), m.end(), self.rng.choice([w for w in WEEKDAYS if w != m.group()])))
        for m in re.finditer(r"\b(" + "|".join(MONTHS) + r")\b", sent.text):
            options.append((m.start(), m.end(), self.rng.choice([w for w in MONTHS if w != m.group()])))
        for m in re.finditer(r"\b(19[5-9]\d|20[0-2]\d)\b", sent.text):
            options.append((m.start(), m.end(), str(int(m.group()) + self.rng.choice([-2, -1, 1, 2]))))
        return self._pick(options)

    def _entity_swap(self, sent: Sent, passage: str, labels: tuple[str, ...], pool_label: str,
                     accept: Callable[[str, str], bool] = lambda a, b: True) -> tuple[int, int, str] | None:
        ents = [e for e in sent.parsed.ents if e.label_ in labels and len(e.text) > 2 and e.text[0].isupper()]
        self.rng.shuffle(ents)
        base = sent.parsed[0].idx
        low_passage = passage.lower()
        for ent in ents:
            text = ent.text.removeprefix("the ").removeprefix("The ")
            pool = [p for p in self.pools[sent.doc.corpus].get(pool_label, [])
                    if p.lower() not in low_passage and text.lower() not in p.lower() and p.lower() not in text.lower()
                    and len(p.split()) == len(text.split()) and accept(text, p)]
            if pool:
                start = ent.start_char + (len(ent.text) - len(text)) - base
                return start, start + len(text), self.rng.choice(pool)
        return None

    def _person(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        return self._entity_swap(sent, passage, ("PERSON",), "PERSON", lambda a, b: _clean("PERSON", a))

    def _organisation(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        pools = self.pools[sent.doc.corpus]
        other = set(pools.get("PERSON", [])) | set(pools.get("GPE", [])) | set(pools.get("_PERSON_WORDS", []))
        ok = lambda a, b: (a in pools.get("ORG", []) and b not in other and a not in other  # noqa: E731
                           and (len(a.split()) > 1 or a.isupper()) and (len(b.split()) > 1 or b.isupper()))
        return self._entity_swap(sent, passage, ("ORG",), "ORG", ok)

    def _place(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        gpes = self.pools[sent.doc.corpus].get("GPE", [])
        same_type = lambda a, b: (a in COUNTRIES) == (b in COUNTRIES) and a in gpes  # noqa: E731 - city for city
        return self._entity_swap(sent, passage, ("GPE",), "GPE", same_type)

    def _nationality(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        return self._entity_swap(sent, passage, ("NORP",), "NORP", lambda a, b: a in NATIONALITIES)

    def _negation(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        doc, base = sent.parsed, sent.parsed[0].idx
        options = []
        for t in doc:
            if t.dep_ == "neg" and t.lower_ in ("not", "n't"):
                if t.lower_ == "n't":  # "isn't" -> "is", "won't" -> "will", "don't" -> "do"
                    head = doc[t.i - 1]
                    repl = {"wo": "will", "ca": "can", "sha": "shall"}.get(head.lower_, head.text)
                    options.append((head.idx - base, t.idx + len(t.text) - base, repl))
                else:
                    options.append((t.idx - 1 - base, t.idx + len(t.text) - base, ""))
            elif t.lower_ in ANTONYMS and t.pos_ in ("VERB", "ADJ", "ADV", "ADP", "NOUN") and t.lower_ not in ("more", "before", "after", "up", "down") :
                new = ANTONYMS[t.lower_]
                options.append((t.idx - base, t.idx + len(t.text) - base, new.capitalize() if t.text[0].isupper() else new))
        if not options and not any(t.dep_ == "neg" or t.lower_ in ("never", "no", "none") for t in doc):
            # insert "not" after the root's auxiliary: "is expected" -> "is not expected"
            root = next((t for t in doc if t.dep_ == "ROOT"), None)
            aux = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.lower_ in
                   ("is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "should", "may")] if root else []
            if root is not None and root.lemma_ == "be" and root.pos_ == "AUX":
                aux = [root]
            if aux:
                a = aux[0]
                options.append((a.idx + len(a.text) - base, a.idx + len(a.text) - base, " not"))
        hit = self._pick(options)
        if hit and hit[2] == "":  # deleting " not": report as replacement of the span with nothing
            return hit[0], hit[1], "\x00"
        return hit

    def _role(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        """Swap who did what to whom: the subject and object (or agent and patient) of one verb,
        both named entities of the same type ("NEC sued Intel" -> "Intel sued NEC")."""
        doc, base = sent.parsed, sent.parsed[0].idx
        for verb in doc:
            if verb.pos_ != "VERB":
                continue
            for a, b in _role_pairs(verb):
                named = ("PERSON", "ORG", "GPE", "NORP")
                if not (a.ent_type_ in named and b.ent_type_ in named and (a.ent_type_ == "PERSON") == (b.ent_type_ == "PERSON")):
                    continue
                sa, sb = span_of(a), span_of(b)
                if sa and sb and sa[1] <= sb[0]:
                    ta, tb = sent.text[sa[0] - base:sa[1] - base], sent.text[sb[0] - base:sb[1] - base]
                    mid = sent.text[sa[1] - base:sb[0] - base]
                    if (ta.lower() != tb.lower() and not re.search(r"'s|’s|[<>]", ta + tb) and len(mid.split()) <= 4
                            and not re.search(r"[,;:<>]| said| says", mid) and len(ta.split()) <= 4 and len(tb.split()) <= 4):
                        return sa[0] - base, sb[1] - base, tb + mid + ta
        return None

    def _quantity(self, sent: Sent, passage: str) -> tuple[int, int, str] | None:
        base = sent.parsed[0].idx
        options = []
        for t in sent.parsed:
            if t.lower_ in QUANTITY and (t.dep_ in ("det", "predet", "amod") and t.head.pos_ == "NOUN"
                                         or t.lower_ == "none" and t.dep_ in ("nsubj", "nsubjpass")):
                if t.i > 0 and sent.parsed[t.i - 1].lower_ in ("a", "the", "at", "of", "in"):
                    continue
                new = QUANTITY[t.lower_]
                options.append((t.idx - base, t.idx + len(t.text) - base, new.capitalize() if t.text[0].isupper() else new))
        return self._pick(options)


def _role_pairs(verb: Any) -> list[tuple[Any, Any]]:
    """(doer, done-to) token pairs of a verb: subject/object, passive subject/agent, from/to places."""
    kids = list(verb.children)
    subj = [c for c in kids if c.dep_ == "nsubj"] or ([c for c in verb.head.children if c.dep_ == "nsubj"]
                                                     if verb.dep_ == "xcomp" else [])
    obj = [c for c in kids if c.dep_ == "dobj"]
    pas = [c for c in kids if c.dep_ == "nsubjpass"]
    agent = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    src = [g for c in kids if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"]
    dst = [g for c in kids if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    pairs = []
    if subj and obj:
        pairs.append((subj[0], obj[0]))
    if pas and agent:
        pairs.append((pas[0], agent[0]))
    if src and dst:
        pairs.append((src[0], dst[0]))
    return pairs


def span_of(tok: Any) -> tuple[int, int] | None:
    """Character span of the named entity the token heads (without 'the'), or None if it is long."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.end - ent.start <= 6:
            first = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
            return first.start_char, first.end_char
    toks = list(tok.subtree)
    if len(toks) > 4 or any(t.dep_ in ("relcl", "acl", "prep", "cc", "conj", "appos", "punct") for t in toks):
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# ---------------------------------------------------------------- faithful paraphrases

PARAPHRASES: list[tuple[str, str]] = [
    (r"\bmln\b", "million"), (r"\bbln\b", "billion"), (r"\bdlrs\b", "dollars"), (r"\bpct\b", "percent"),
    (r"\bU\.S\.(?= [a-z])", "US"), (r"\bsaid\b", "stated"), (r"\bannounced\b", "said"), (r"\bapproximately\b", "about"),
    (r"\babout\b(?= \d)", "around"), (r"\bpurchase\b", "buy"), (r"\bacquire\b", "buy"), (r"\bcompany\b", "firm"),
    (r"\bhowever, ", ""), (r"^(However|Meanwhile|In addition|Also), ", ""), (r"\bintends to\b", "plans to"),
    (r"\bplans to\b", "intends to"), (r"\bbecause\b", "since"), (r"\bcurrently\b", "now"),
    (r"\bbegan\b", "started"), (r"\bbegin\b", "start"), (r"\bstarted\b", "began"), (r"\bhelp\b", "assist"),
    (r"\bshowed\b", "indicated"), (r"\bmajor\b", "big"), (r"\blarge\b", "big"), (r"\bwas unable to\b", "could not"),
]
NUMBER_WORD_DIGITS = {w: str(i) for i, w in enumerate(NUMBER_WORDS, 2)}


def paraphrase(text: str, rng: random.Random) -> str | None:
    """A light faithful paraphrase: 1-2 meaning-preserving rewrites, or a dropped attribution tail."""
    out = text
    tail = re.match(r"^(?P<body>.{40,}?),? (?P<who>(he|she|they|it|officials|analysts|the [a-z]+|[A-Z][a-z]+( [A-Z][a-z]+)?) )said( on [A-Z][a-z]+day)?\.$", out)
    ops = [(p, r) for p, r in PARAPHRASES if re.search(p, out)]
    nums = [w for w in NUMBER_WORD_DIGITS if re.search(rf"\b{w}\b", out)]
    rng.shuffle(ops)
    if tail and rng.random() < 0.4:
        out = tail.group("body").rstrip(",") + "."
    for p, r in ops[:2]:
        out = re.sub(p, r, out, count=1)
        if r and out[0].islower():
            out = out[0].upper() + out[1:]
    if nums and (out == text or rng.random() < 0.3):
        w = rng.choice(nums)
        out = re.sub(rf"\b{w}\b", NUMBER_WORD_DIGITS[w], out, count=1)
    if out and out[0].islower():
        out = out[0].upper() + out[1:]
    return out if out != text else None


# ---------------------------------------------------------------- build


def load_sentences(root: Path, rng: random.Random) -> list[Sent]:
    """Sample candidate sentences from the three corpora (at most 3 per document) and parse them."""
    sents: list[Sent] = []
    for docs, cap in ((list(reuters_docs(root)), 4000), (list(realtimeqa_docs(root)), 1600), (list(rgb_docs(root)), 300)):
        rng.shuffle(docs)
        chosen: list[Sent] = []
        for doc in docs:
            cands = list(candidates(doc))
            rng.shuffle(cands)
            chosen.extend(cands[:3])
            if len(chosen) >= cap:
                break
        sents.extend(chosen)
    for sent, parsed in zip(sents, parse_many([s.text for s in sents])):
        sent.parsed = parsed
    return sents


def build_pools(sents: list[Sent]) -> dict[str, dict[str, list[str]]]:
    """Entity texts per corpus and label, each seen at least once, for natural swaps."""
    pools: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for s in sents:
        for e in s.parsed.ents:
            text = e.text.removeprefix("the ").removeprefix("The ")
            if e.label_ in ("PERSON", "ORG", "GPE", "NORP") and re.fullmatch(r"[A-Z][\w.&'-]*( [A-Z][\w.&'-]*){0,3}", text):
                if e.label_ == "NORP" and not re.search(r"(an|ese|ish|i|ch)$", text):
                    continue
                pools[s.doc.corpus][e.label_][text] += 1 if e.label_ != "NORP" else 0
    out: dict[str, dict[str, list[str]]] = {}
    for corpus, d in pools.items():
        out[corpus] = {lab: sorted(t for t, n in cnt.items() if n >= 2 and _clean(lab, t)) for lab, cnt in d.items()}
        out[corpus]["NORP"] = NATIONALITIES
        out[corpus]["_PERSON_WORDS"] = sorted({w for t in d.get("PERSON", {}) for w in t.split()})
    return out


def _clean(label: str, text: str) -> bool:
    """Pool entries whose shape fits their label (NER errors such as 'Velveeta' as a PERSON are left out)."""
    if label == "PERSON":
        return bool(re.fullmatch(r"[A-Z][a-z]+( [A-Z]\.)? [A-Z][a-z]+", text))
    if label == "GPE":
        return bool(re.fullmatch(r"[A-Z][a-z]+( [A-Z][a-z]+)?", text))
    if label == "ORG":
        return bool(re.fullmatch(r"[A-Z][\w&.'-]+( [A-Z][\w&.'-]+){0,3}", text)) and not text.isupper() or len(text) <= 5
    return True


def item(sent: Sent, claim: str, label: str, kind: str, detail: str = "") -> dict[str, Any]:
    """One dataset record: the claim, the cited sentence as an exact span of its passage."""
    passage = sent.doc.text[sent.passage_start:sent.passage_end]
    qs, qe = sent.start - sent.passage_start, sent.end - sent.passage_start
    assert passage[qs:qe] == sent.text
    return {"corpus": sent.doc.corpus, "doc_id": sent.doc.doc_id, "label": label, "kind": kind, "claim": claim,
            "quote": sent.text, "detail": detail, "passage": passage, "quote_start": qs, "quote_end": qe,
            "passage_offset": sent.passage_start}


def heldout(doc_id: str) -> bool:
    """Split by document (stable hash), so no document's sentences are in both halves."""
    return int(hashlib.sha256(f"{SEED}:{doc_id}".encode()).hexdigest(), 16) % 2 == 1


def build(root: Path) -> list[dict[str, Any]]:
    """Return the items: PER_KIND altered claims of every kind and FAITHFUL originals/paraphrases."""
    rng = random.Random(SEED)
    sents = load_sentences(root, rng)
    alterer = Alterer(rng, build_pools(sents))
    rng.shuffle(sents)
    counts: Counter[str] = Counter()
    items: list[dict[str, Any]] = []
    used: set[int] = set()
    for kind in sorted(KINDS, key=lambda k: {"role": 0, "quantity": 1, "unit": 2, "nationality": 3, "date": 4}.get(k, 9)):
        for i, sent in enumerate(sents):  # rarest kinds first so common sentences go to them
            if counts[kind] >= PER_KIND:
                break
            if i in used:
                continue
            passage = sent.doc.text[sent.passage_start:sent.passage_end]
            hit = alterer.apply(kind, sent, passage)
            if hit is None:
                continue
            claim, detail = hit
            claim = claim.replace("\x00", "")
            items.append(item(sent, " ".join(claim.split()), "altered", kind, detail.replace("\\x00", "")))
            counts[kind] += 1
            used.add(i)
    faithful = 0
    for i, sent in enumerate(sents):
        if faithful >= FAITHFUL:
            break
        if i in used:
            continue
        para = paraphrase(sent.text, rng) if faithful % 3 else None
        items.append(item(sent, para or sent.text, "faithful", "paraphrase" if para else "original"))
        faithful += 1
        used.add(i)
    for n, it in enumerate(items):
        it["split"] = "heldout" if heldout(it["doc_id"]) else "dev"
        it["id"] = f"c{n:04d}"
    return items


def main() -> None:
    """Write contradictions_dev.jsonl and contradictions_heldout.jsonl and print the counts."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "datasets"))
    args = ap.parse_args()
    items = build(Path(args.data))
    out = Path(args.out)
    for split in ("dev", "heldout"):
        rows = [it for it in items if it["split"] == split]
        with (out / f"contradictions_{split}.jsonl").open("w", encoding="utf-8") as f:
            for it in rows:
                f.write(json.dumps({k: it[k] for k in ("id", "split", "corpus", "doc_id", "label", "kind", "claim", "quote",
                                                        "detail", "quote_start", "quote_end", "passage_offset", "passage")},
                                   ensure_ascii=False) + "\n")
        print(split, len(rows), dict(Counter(it["kind"] for it in rows)))


if __name__ == "__main__":
    main()
