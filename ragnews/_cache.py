"""The one embedder wrapper that embeds each distinct text once.

Answer scoring and citation checks embed article sentences at query time; the same
sentences come back across questions, so their vectors are kept (keyed like chunk
vectors: sha256 of the normalised text): in the records' embedding cache, so each
sentence is embedded once per home, or in memory (no records, or a read-only home),
as the evaluation's threshold sweep and the summary benchmarks use it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .models import text_key
from .protocols import Embedder
from .records import Records


class CachedEmbedder:
    """Embeds through `inner`, reading and filling the records' embedding cache (or memory without records)."""

    def __init__(self, inner: Embedder, records: Records | None = None) -> None:
        """Wrap inner; vectors persist in records when given, else live in memory for this object's life."""
        self.inner, self.records = inner, records
        self.name, self.dim = inner.name, inner.dim
        self._memory: dict[str, np.ndarray] = {}  # a read-only home's cache lives in memory for the process

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return vectors for texts, embedding only those never embedded before (in this home, or by this object)."""
        keys = [text_key(t) for t in texts]
        found = {k: self._memory[k] for k in keys if k in self._memory}
        if self.records is not None:
            found.update(self.records.cached_vectors([k for k in dict.fromkeys(keys) if k not in found]))
        missing = {k: t for k, t in zip(keys, texts) if k not in found}
        if missing:
            fresh = self.inner.embed(list(missing.values()))
            new = dict(zip(missing.keys(), fresh))
            if self.records is None or self.records.read_only:
                self._memory.update(new)
            else:
                self.records.store_vectors(new)
            found.update(new)
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)
