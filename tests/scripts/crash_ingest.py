"""Ingest a path into a home, SIGKILLing this process right after the n-th call of one step.

Usage: python crash_ingest.py HOME PATH [STEP N]
STEP names a write step of the ingest order: pending (intents committed), upsert (vectors in
Chroma, records not yet committed), write (inside the records transaction), delete (replaced
chunks deleted from Chroma, intents not yet cleared). Without STEP it ingests normally.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import ragnews.ingest as ingest_module
from ragnews import NewsRAG, Settings
from ragnews.adapters.chroma_store import ChromaStore
from ragnews.records import Records

ingest_module._BATCH_CHUNKS = 6  # several batches even for a small corpus
TARGETS = {
    "pending": (Records, "add_pending"),
    "upsert": (ChromaStore, "upsert"),
    "write": (ingest_module, "write_article"),
    "delete": (ChromaStore, "delete"),
}


def crash_after(step: str, n: int) -> None:
    """Wrap the step so the process dies by SIGKILL after its n-th call."""
    owner, name = TARGETS[step]
    original = getattr(owner, name)
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, name, wrapper)


if __name__ == "__main__":
    home, path = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3:
        crash_after(sys.argv[3], int(sys.argv[4]))
    report = NewsRAG(settings=Settings(home=Path(home), chroma_url=None)).ingest(path)
    print(report.summary())
