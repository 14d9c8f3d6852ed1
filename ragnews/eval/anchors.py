"""Anchor retrievers computed in the same eval run as ragnews: untuned baselines a reader knows.

- bm25-article: bm25s over whole articles (title + body), English stopwords, no stemming,
  default parameters, no tuning: the plain lexical article ranker a newsroom would try first.
- llamaindex: llama-index's default VectorStoreIndex retriever (in-memory SimpleVectorStore,
  cosine top-k) over the home's own chunks with the same embedder. The nodes reuse the vectors
  the home stored (metadata line + passage; llama-index's default MetadataMode.EMBED also
  embeds node metadata with the text) instead of embedding every chunk a second time. Its
  top LLAMAINDEX_TOP_K chunks are cut to distinct articles like every other configuration.

Both only rank articles (no answers), so they fill the retrieval rows of the comparison table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Article
from ..protocols import Embedder

ANCHORS = ("bm25-article", "llamaindex")
#: Chunks the llama-index retriever returns before the ranking is cut to 10 distinct articles.
LLAMAINDEX_TOP_K = 20


class BM25Articles:
    """bm25s over whole stored articles (title + body), untuned."""

    name = "bm25-article"

    def __init__(self, articles: Sequence[Article]) -> None:
        """Index the articles."""
        import bm25s

        self.ids = [a.id for a in articles]
        self.index = bm25s.BM25()
        self.index.index(bm25s.tokenize([f"{a.title}\n{a.body}" for a in articles], stopwords="en", show_progress=False),
                         show_progress=False)

    def rank(self, question: str, k: int = 10, within: Sequence[str] | None = None) -> list[str]:
        """Return the ids of the k best articles (within the given ids when set)."""
        import bm25s

        tokens = bm25s.tokenize([question], stopwords="en", show_progress=False)
        depth = len(self.ids) if within else min(k, len(self.ids))
        docs, _ = self.index.retrieve(tokens, k=depth, show_progress=False)
        ranked = [self.ids[int(i)] for i in docs[0]]
        if within:
            allowed = set(within)
            ranked = [a for a in ranked if a in allowed]
        return ranked[:k]


class LlamaIndexDense:
    """llama-index's default VectorStoreIndex retriever over the home's chunks, same embedder."""

    name = "llamaindex"

    def __init__(self, rag: Any, embedder: Embedder) -> None:
        """Build the index from the stored chunks and their stored vectors."""
        from llama_index.core import VectorStoreIndex
        from llama_index.core.schema import TextNode

        chunks = [c for a in rag.records.iter_articles() for c in rag.records.chunks_of(a.id)]
        stored = rag.records.chunk_vectors([c.id for c in chunks])
        missing = [c for c in chunks if c.id not in stored]
        if missing:
            stored.update(zip([c.id for c in missing], embedder.embed([c.embed_text for c in missing])))
        nodes = [TextNode(id_=c.id, text=c.text, embedding=[float(x) for x in stored[c.id]],
                          metadata={"article_id": c.article_id}) for c in chunks]
        self.index = VectorStoreIndex(nodes, embed_model=_as_llamaindex(embedder))

    def rank(self, question: str, k: int = 10, within: Sequence[str] | None = None) -> list[str]:
        """Return the ids of the k best articles from the retriever's top LLAMAINDEX_TOP_K chunks."""
        if within:
            from llama_index.core.vector_stores import (
                FilterOperator,
                MetadataFilter,
                MetadataFilters,
            )

            filters = MetadataFilters(filters=[MetadataFilter(key="article_id", value=list(within), operator=FilterOperator.IN)])
            retriever = self.index.as_retriever(similarity_top_k=LLAMAINDEX_TOP_K, filters=filters)
        else:
            retriever = self.index.as_retriever(similarity_top_k=LLAMAINDEX_TOP_K)
        nodes = retriever.retrieve(question)
        return list(dict.fromkeys(n.node.metadata["article_id"] for n in nodes))[:k]


def _as_llamaindex(model: Embedder) -> Any:
    """The ragnews embedder as a llama-index BaseEmbedding (for the query side)."""
    from llama_index.core.embeddings import BaseEmbedding

    class RagnewsEmbedding(BaseEmbedding):
        """ragnews' embedder seen by llama-index."""

        def _get_query_embedding(self, query: str) -> list[float]:
            return [float(x) for x in model.embed([query])[0]]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return [float(x) for x in model.embed([text])[0]]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return [[float(x) for x in v] for v in model.embed(texts)]

    return RagnewsEmbedding(model_name=model.name)


def build(name: str, rag: Any, embedder: Embedder) -> BM25Articles | LlamaIndexDense:
    """Return the anchor retriever called name over rag's home."""
    if name == "bm25-article":
        return BM25Articles(list(rag.records.iter_articles()))
    return LlamaIndexDense(rag, embedder)


__all__ = ["ANCHORS", "BM25Articles", "LlamaIndexDense", "build"]
