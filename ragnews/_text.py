"""Sentence spans and word tokens with exact character offsets.

Hand-written on purpose: citations need exact (start, end) offsets into the article
body at query time, and nltk/llama-index sentence tokenizers cost ~1 s to import and
return strings, not spans. This splitter is a regex pass with an abbreviation list.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.n u.k e.u u.s.a no nos vs etc inc corp co ltd bros dept est approx fig al e.g i.e
    a.m p.m mln bln pct""".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*\S)")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those there their they them he she his her we our you your i me my
    not no do does did done has have had will would can could should may might must shall
    what which who whom whose when where why how than then so such also about into over after
    before under between during while said says say according up out off just very more most
    any all some each other only own same too s t""".split()
)


_STARTERS = frozenset("the a an he she it they we i in on at but this that these those there its his her their "
                      "after before while when however meanwhile earlier later last".split())


_NEXT_WORD = re.compile(r"\s*(\S+)")  # the word str.split() would return first (same whitespace: str.isspace)


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period ending at `end` closes an abbreviation or an initial, not a sentence."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:end].rstrip(".").lower()
    if "." in word:  # "U.S." ends a sentence when a typical sentence opener follows
        following = _NEXT_WORD.match(text, end)  # not text[end:].split(): a copy of the rest per "U.S." is quadratic
        return not (following and following[1].lower().strip("\"'“‘") in _STARTERS)
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of text[start:end], whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group().startswith(".") and _is_abbreviation(text, match.start() + 1):
            continue
        spans.extend(_trimmed(text, cursor, match.end()))
        cursor = match.end()
    spans.extend(_trimmed(text, cursor, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the span with surrounding whitespace removed, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield (start, end)


def words(text: str) -> list[str]:
    """Return the lowercased word tokens of text.

    Lowercased as one string, not word by word (half the CPU; ingest signs every article with them):
    a token holds only ASCII letters, digits, ' ’ and -, so no space appears inside one and
    lowering or replacing never crosses from one to the next -- the same list.
    """
    tokens = _WORD.findall(text)
    return " ".join(tokens).lower().replace("’", "'").split(" ") if tokens else []


def cased_words(text: str) -> list[str]:
    """Return the word tokens of text as written (words() lowercases them; capitals mark names)."""
    return _WORD.findall(text)


def iter_words(text: str) -> Iterator[str]:
    """Yield the tokens words() returns, one at a time (a huge text's token list would not fit in memory)."""
    for match in _WORD.finditer(text):
        yield match.group().lower().replace("’", "'")


def content_words(text: str) -> list[str]:
    """Return lowercased word tokens without stopwords, lightly stemmed."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


_STEM_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """Return the Snowball (Porter 2) English stemmer (pure Python, ~25 ms to import)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the Snowball stem, so 'discussed'/'discuss' and 'sanctions'/'sanction' meet."""
    with _STEM_LOCK:  # the Snowball stemmer keeps its working word on the instance: one thread at a time
        return str(_stemmer().stemWord(word.replace("'", "").removesuffix("s") if word.endswith("'s") else word))
