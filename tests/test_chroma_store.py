"""The Chroma adapter: search breadth of new and older collections."""

from __future__ import annotations

from pathlib import Path

import chromadb

from ragnews.adapters.chroma_store import EF_SEARCH, ChromaStore


def _ef_search(home: Path) -> int:
    col = chromadb.PersistentClient(path=str(home / "chroma")).get_collection("ragnews")
    return int(col.configuration["hnsw"]["ef_search"])


def test_a_new_collection_searches_wider_than_chromas_default(tmp_path: Path) -> None:
    ChromaStore(tmp_path)
    assert EF_SEARCH > 100 and _ef_search(tmp_path) == EF_SEARCH


def test_a_collection_made_with_chromas_default_breadth_is_widened_when_opened(tmp_path: Path) -> None:
    """Homes made before EF_SEARCH: at Chroma's 100 the dense list missed ~4% of the exact top 80
    and differed between processes; opening the home fixes the collection's setting."""
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"))
    client.get_or_create_collection("ragnews", embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    assert _ef_search(tmp_path) == 100
    ChromaStore(tmp_path)
    assert _ef_search(tmp_path) == EF_SEARCH
