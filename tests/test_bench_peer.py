"""The llama-index peer's documents in benchmarks/bench_peer.py: what each peer setting embeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("llama_index.core")

from llama_index.core.schema import MetadataMode  # noqa: E402

from benchmarks.bench_peer import PEERS, _documents  # noqa: E402

ARTICLES = [
    {"title": "Cocoa rains ease drought", "body": "Showers continued throughout the week in the Bahia cocoa zone.",
     "source": "Reuters", "url": "https://example.com/1", "published": "1987-02-26T15:01:01"},
    {"title": "Cocoa rains ease drought", "body": "Showers continued throughout the week in the Bahia cocoa zone.",
     "source": "Reuters", "url": "https://example.com/2", "published": "1987-02-26T15:01:01"},
    {"title": "Bahia crop outlook", "body": "Farmers said the temporao crop would be larger than expected.",
     "source": "Wire", "url": "https://example.com/3", "published": "1987-02-27T09:00:00"},
]


@pytest.fixture()
def folder(tmp_path: Path) -> str:
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    return str(tmp_path)


def test_best_peer_embeds_the_body_alone_and_drops_exact_duplicates(folder: str) -> None:
    docs = _documents(folder, dedup=True)
    assert [d.get_content(MetadataMode.EMBED) for d in docs] == [ARTICLES[0]["body"], ARTICLES[2]["body"]]
    assert len(_documents(folder)) == 3  # the default peer keeps the duplicate


def test_equal_text_peer_embeds_title_outlet_and_date_as_llama_index_does_by_default(folder: str) -> None:
    docs = _documents(folder, dedup=True, embed_metadata=True)
    embedded = docs[1].get_content(MetadataMode.EMBED)
    assert embedded.startswith("title: Bahia crop outlook\nsource: Wire\npublished: 1987-02-27")
    assert embedded.endswith(ARTICLES[2]["body"])
    assert PEERS["llamaindex_best_meta"] == {**PEERS["llamaindex_best"], "embed_metadata": True}
