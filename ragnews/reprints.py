"""Chunks of a syndicated reprint aligned to the passages it shares with the article it copies.

Why: a wire story reprinted by other outlets is mostly the same text, but a reprint rarely has
the same chunks. Its headline, outlet and date differ, and they are embedded with every chunk
(models.chunk_header), so no embedded text repeats; a new lede or a cut paragraph also moves
every chunk boundary the splitter packs from the top. So a reprint cost as much as new text.

Here a reprint (an article ingest groups into an earlier article's story: MinHash match at the
syndication threshold) keeps, as its own chunks, each passage of the earlier article that its
body still contains (whitespace may differ), and borrows that passage's vector; only the text
between such passages (a new lede, a rewritten or trimmed end) is split and embedded afresh.
The borrowed vector was embedded with the earlier copy's metadata line, not the reprint's: the
reprint's own title, outlet and date stay in its BM25 metadata column, and retrieval folds a
story's copies into one hit listing the reprints, so which copy a dense match lands on hardly
matters. Citations are unaffected: every chunk is still an exact span of the reprint's body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Article, Chunk

_WORD = re.compile(r"\w")
#: Shared passages must cover at least this share of the reprint's body; below it the reprint is
#: chunked as new text (scattered edits would leave many short gap chunks, costing more than they save).
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Aligned:
    """A reprint's chunks, and for each chunk kept from the earlier copy: its text hash -> that copy's chunk text hash."""

    chunks: list[Chunk]
    borrowed: dict[str, str]


def _squeeze(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs folded to one space, and each kept character's offset in text."""
    out: list[str] = []
    offsets: list[int] = []
    for m in re.finditer(r"\s+|\S+", text):
        if m.group().isspace():
            out.append(" ")
            offsets.append(m.start())
        else:
            out.append(m.group())
            offsets.extend(range(m.start(), m.end()))
    return "".join(out), offsets


def _shared(body: str, original: Sequence[Chunk]) -> list[tuple[int, int, Chunk]]:
    """Spans of body holding, in order, the earlier copy's chunk texts (whitespace folded), with those chunks."""
    squeezed, offsets = _squeeze(body)
    found: list[tuple[int, int, Chunk]] = []
    cursor = 0
    for chunk in sorted(original, key=lambda c: c.index):
        needle = " ".join(chunk.text.split())
        at = squeezed.find(needle, cursor) if needle else -1
        if at < 0:
            continue
        found.append((offsets[at], offsets[at + len(needle) - 1] + 1, chunk))
        cursor = at + 1
    return found


def _gaps(body: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of body no shared span covers that hold a word (new or changed text)."""
    gaps: list[tuple[int, int]] = []
    reached = 0
    for start, end in [*covered, (len(body), len(body))]:
        if start > reached and _WORD.search(body, reached, start):
            gaps.append((reached, start))
        reached = max(reached, end)
    return gaps


def align(article: Article, original: Sequence[Chunk], head: str, chunk_size: int, chunk_overlap: int) -> Aligned | None:
    """Chunk a reprint around the passages it shares with `original` (the earlier copy's chunks); None when too little is shared."""
    from .adapters.chunking import make_chunk, split_spans

    body = article.body
    shared = _shared(body, original)
    covered = _union([(s, e) for s, e, _ in shared])
    if not body.strip() or sum(end - start for start, end in covered) < MIN_COVERAGE * len(body.strip()):
        return None
    spans: list[tuple[int, int, Chunk | None]] = [(s, e, c) for s, e, c in shared]
    for g_start, g_end in _gaps(body, covered):
        spans += [(g_start + s, g_start + e, None) for s, e in split_spans(body[g_start:g_end], chunk_size, chunk_overlap)]
    spans.sort(key=lambda x: (x[0], x[1]))
    chunks: list[Chunk] = []
    borrowed: dict[str, str] = {}
    for n, (start, end, source) in enumerate(spans):
        chunk = make_chunk(article, n, start, end, head)
        chunks.append(chunk)
        if source is not None:
            borrowed[chunk.text_hash] = source.text_hash
    return Aligned(chunks, borrowed)


def _union(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping spans (sorted by start)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
