"""A question's key terms: the named things it asks about, read with spaCy (ragnews.nlp).

Why one module: answerability (which entity must the evidence name) and story scope (which
names must an in-scope article have) both start from the same reading of a short text -- its
named entities plus the proper nouns the small model's NER misses -- and used to have two
hand-written copies of it. Hand-written on top of spaCy because the NER of en_core_web_sm
misses many names in questions (capitalised words it tags PROPN or even NOUN); the rules
below are the ones answerability had, kept verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from .dates import MONTH_NAMES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


#: Entity labels that are amounts, dates or ordinals, not named things.
_NUMERIC_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE", "TIME", "ORDINAL"})
#: Honorifics, roles and their qualifiers: a span made only of these ("Foreign Minister", "CEO") is not a name.
TITLE_WORDS = frozenset({
    "ambassador", "analyst", "author", "ceo", "chairman", "chairwoman", "chancellor", "chief", "counterpart", "defence",
    "defense", "deputy", "diplomat", "director", "dr", "economist", "editor", "envoy", "executive", "finance", "foreign",
    "founder", "gen", "gov", "governor", "head", "judge", "king", "lawyer", "leader", "lord", "manager", "mayor", "minister",
    "mr", "mrs", "ms", "negotiator", "official", "officials", "owner", "premier", "president", "prime", "queen", "rep",
    "reporter", "representative", "secretary", "sen", "senator", "senior", "sir", "special", "spokesman", "spokeswoman",
    "trade", "trader", "vice",
})


def name_spans(doc: "Doc", titles: Collection[str] = TITLE_WORDS, nationalities: bool = False) -> list["Span"]:
    """The named things of a question or story query, in text order: the key terms both answerability
    (which entity must the evidence name) and story scope (which names must an article have) start from.

    spaCy's named entities that are not amounts or dates (nationalities -- NORP, "Soviet" -- only
    when asked for), plus runs of proper nouns the small model's NER missed ("Sung Kim" tagged
    PROPN but no entity; a capitalised word tagged NOUN counts too, a hyphen joins two proper
    nouns). The first token never starts a run (sentence-initial capitals), month names never
    do. Spans made only of title words (TITLE_WORDS: "Foreign Minister", "CEO") are dropped.
    """
    spans: list[Span] = [e for e in doc.ents if e.label_ not in _NUMERIC_LABELS and (nationalities or e.label_ != "NORP")]
    covered = {i for e in doc.ents for i in range(e.start, e.end)} | {t.i for t in doc if t.lower_ in MONTH_NAMES}
    run: list[Token] = []
    for t in [*doc, None]:
        if t is not None and t.i not in covered and t.i > 0 and (_name_like(t) or _joins_names(t, run)):
            run.append(t)
            continue
        if run:
            spans.append(doc[run[0].i: run[-1].i + 1])
            run = []
    if titles:
        spans = [e for e in spans if not all(w.lower() in titles for w in re.findall(r"[A-Za-z]+", e.text))]
    return sorted(spans, key=lambda s: s.start)


def _name_like(t: "Token") -> bool:
    """A proper noun, or a capitalised word the tagger read as a common noun."""
    return t.is_alpha and (t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.text[:1].isupper()))


def _joins_names(t: "Token", run: list["Token"]) -> bool:
    """A hyphen between a name and a proper noun ("Trump-Kim")."""
    doc = t.doc
    return t.text == "-" and bool(run) and t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN"
