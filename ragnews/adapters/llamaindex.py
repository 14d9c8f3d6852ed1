"""llama-index interop: ragnews retrieval as a llama-index retriever (chunking is in adapters.chunking)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..models import Evidence

if TYPE_CHECKING:
    from llama_index.core.retrievers import BaseRetriever

def make_retriever(retrieve: Callable[[str], Sequence[Evidence]]) -> "BaseRetriever":
    """Return a llama-index BaseRetriever over a retrieve(query) function; nodes carry citation metadata."""
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

    class NewsRetriever(BaseRetriever):
        """ragnews news retrieval (hybrid, article-aware, story collapse) as a llama-index retriever."""

        def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
            evidence = retrieve(query_bundle.query_str)
            return [NodeWithScore(node=_node(TextNode, e), score=e.score) for e in evidence]

    return NewsRetriever()


def _node(node_cls: Any, e: "Evidence") -> Any:
    """Build a TextNode from evidence, keeping what a citation needs in its metadata."""
    meta = {"article_id": e.article_id, "title": e.title, "source": e.source, "published": e.published,
            "start": e.start, "end": e.end, "story_id": e.story_id, "reprints": ",".join(e.reprints)}
    return node_cls(id_=e.chunk_id, text=e.text, metadata=meta, start_char_idx=e.start, end_char_idx=e.end,
                    excluded_llm_metadata_keys=["start", "end", "story_id", "reprints", "article_id"])
