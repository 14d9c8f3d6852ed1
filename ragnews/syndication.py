"""Near-duplicate (syndicated copy) detection with MinHash over word shingles.

MinHash signatures come from datasketch. The LSH index is kept as band keys in the
SQLite records instead of datasketch's in-memory MinHashLSH, so it persists with the
articles, updates incrementally and is shared by every process using the same home.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np

from ._text import iter_words, words

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


_SHA1_WORDS = 5  # a SHA-1 digest is 20 bytes: five 4-byte words, of which datasketch keeps the first
#: MurmurHash3's 32-bit finalizer, which datasketch's "affine32" scheme applies to each hash first.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _sha1_32(items: Iterable[bytes]) -> np.ndarray:
    """datasketch's sha1_hash32 of each item (the first 4 bytes of its SHA-1, little-endian), as one uint32 array.

    Why not datasketch's own per-item call: one Python call, slice and int per shingle was half of
    signing an article; the digests joined and read with numpy give the same numbers (tested).
    """
    sha1 = hashlib.sha1
    digests = b"".join([sha1(item).digest() for item in items])
    return np.frombuffer(digests, dtype="<u4")[:: _SHA1_WORDS].astype(np.uint32)


#: datasketch's permutation scheme the stored signatures use (its default since 2.0); pinned so a
#: change of datasketch's default cannot silently change every signature and band key.
SCHEME = "affine32"


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The permutations (a, b) of datasketch's MinHash(num_perm, seed=1), drawn once per process.

    Why: datasketch draws them from a seeded RandomState on every MinHash() call, a third of
    signing a news article; drawn once, the signatures are the same (tested).
    """
    from datasketch import MinHash  # lazy: datasketch pulls in scipy

    a, b = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME).permutations
    return a, b


def _apply(hashes: np.ndarray, minimum: np.ndarray, num_perm: int) -> np.ndarray:
    """Fold a batch of shingle hashes into the running minimum, as datasketch's update_batch does ("affine32").

    Hand-written (a few numpy lines) because datasketch hashes item by item in Python; the
    arithmetic is its own: fmix32 pre-mix, then a * h + b wrapping at 2**32, minimum per permutation.
    """
    a, b = _permutations(num_perm)
    s1, m1, s2, m2, s3 = _FMIX32
    h = hashes ^ (hashes >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    h = h ^ (h >> s3)
    folded: np.ndarray = np.minimum(minimum, (h[:, None] * a + b).min(axis=0))
    return folded


def signature(text: str, num_perm: int = 128) -> np.ndarray:
    """Return the MinHash signature (uint64 array) of a text's shingles (streamed for a very long text).

    Exactly datasketch's MinHash(num_perm, seed=1).update_batch(shingles) (tested against it): stored
    band keys must stay valid.
    """
    parts: Iterable[list[bytes]] = [list(shingles(text))] if len(text) <= _STREAM_CHARS else shingle_batches(text, batch=_SHINGLE_BATCH)
    minimum = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    for part in parts:
        if part:
            minimum = _apply(_sha1_32(part), minimum, num_perm)
    return minimum.astype(np.uint64)


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
