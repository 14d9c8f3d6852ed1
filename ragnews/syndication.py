"""Near-duplicate (syndicated copy) detection with MinHash over word shingles.

MinHash signatures come from datasketch. The LSH index is kept as band keys in the
SQLite records instead of datasketch's in-memory MinHashLSH, so it persists with the
articles, updates incrementally and is shared by every process using the same home.
"""

from __future__ import annotations

import hashlib
import struct
from collections import deque
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ._text import iter_words, words

if TYPE_CHECKING:
    from datasketch import MinHash

SHINGLE = 4
#: Texts longer than this are shingled in batches: a 60 MB body's set of shingles alone took 10 GB.
_STREAM_CHARS = 1_000_000
#: Distinct shingles hashed per MinHash update when streaming.
_SHINGLE_BATCH = 50_000


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Return the set of `size`-word shingles of text (lowercased, punctuation dropped)."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def shingle_batches(text: str, size: int = SHINGLE, batch: int = _SHINGLE_BATCH) -> Iterator[list[bytes]]:
    """Yield the shingles of text in batches of at most `batch` (together: shingles(text), maybe repeated).

    Memory stays bounded by the batch whatever the text's length; a shingle may come in two
    batches, which MinHash does not mind (it keeps the minimum hash of each permutation).
    """
    window: deque[str] = deque(maxlen=size)
    seen: set[bytes] = set()
    count = 0
    for word in iter_words(text):
        window.append(word)
        count += 1
        if count >= size:
            seen.add(" ".join(window).encode())
            if len(seen) >= batch:
                yield list(seen)
                seen = set()
    if 0 < count < size:
        seen.add(" ".join(window).encode())
    if seen:
        yield list(seen)


_UNPACK32 = struct.Struct("<I").unpack_from


def _sha1_32(data: bytes) -> int:
    """datasketch's sha1_hash32 (the first 4 bytes of SHA-1, little-endian) without its per-call slicing and copying."""
    value: int = _UNPACK32(hashlib.sha1(data).digest())[0]
    return value


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[Any, str]:
    """The permutations (and scheme) of MinHash(num_perm, seed=1), drawn once per process.

    Why: datasketch draws them from a seeded RandomState on every MinHash() call, a third of
    signing a news article; reusing them gives the same signatures (tested) at half the CPU.
    """
    from datasketch import MinHash

    template = MinHash(num_perm=num_perm, seed=1)
    return template.permutations, template.scheme


def _minhash(num_perm: int) -> "MinHash":
    """An empty MinHash equal to MinHash(num_perm=num_perm, seed=1), made without redrawing its permutations."""
    from datasketch import MinHash  # lazy: datasketch pulls in scipy

    permutations, scheme = _permutations(num_perm)
    return MinHash(num_perm=num_perm, seed=1, permutations=permutations, scheme=scheme, hashfunc=_sha1_32)


def signature(text: str, num_perm: int = 128) -> np.ndarray:
    """Return the MinHash signature (uint64 array) of a text's shingles (streamed for a very long text)."""
    mh = _minhash(num_perm)
    if len(text) <= _STREAM_CHARS:
        mh.update_batch(list(shingles(text)))
    else:
        for part in shingle_batches(text, batch=_SHINGLE_BATCH):
            mh.update_batch(part)
    return np.asarray(mh.hashvalues, dtype=np.uint64)


def bands(sig: np.ndarray, rows: int = 8) -> list[str]:
    """Return the LSH band keys of a signature (bands of `rows` values each)."""
    out = []
    for b in range(0, len(sig) - rows + 1, rows):
        digest = hashlib.blake2b(sig[b : b + rows].tobytes(), digest_size=8).hexdigest()
        out.append(f"{b // rows}:{digest}")
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Return the Jaccard similarity estimated from two signatures."""
    return float(np.mean(a == b)) if len(a) == len(b) and len(a) else 0.0


def best_match(sig: np.ndarray, candidates: dict[str, np.ndarray], threshold: float) -> str | None:
    """Return the candidate id most similar to sig at or above threshold, if any (ties: the larger id).

    All candidates are scored in one numpy comparison: short Reuters-style items share LSH bands
    with dozens of earlier articles, and a jaccard() call per candidate was ~2% of a fake-embedder
    ingest. The scores equal jaccard()'s (the same mean of equal positions).
    """
    if not candidates:
        return None
    ids = list(candidates)
    scores = np.zeros(len(ids))
    same = [n for n, aid in enumerate(ids) if len(sig) and len(candidates[aid]) == len(sig)]
    if same:
        scores[same] = (np.stack([candidates[ids[n]] for n in same]) == sig).mean(axis=1)
    score, best = max(zip(scores.tolist(), ids))
    return best if score >= threshold else None
