"""Evidence helpers shared by answers, summaries and timelines.

They turn stored articles into numbered Evidence passages, render evidence for a prompt,
and finish citations (chunk ids, syndicated outlets) from the records. Answer, summarize
and timeline all use them, so none of those modules needs another, or NewsRAG.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ._sources import PromptSource, format_sources
from .injection import redacted_text, screen
from .models import Article, Chunk, Citation, Evidence
from .records import Records

#: Retrieval with the caller's filters already applied: (query, k) -> passages, best first.
Search = Callable[[str, int], list[Evidence]]

#: Characters per token assumed when fitting a prompt into an LLM's context window. English news
#: runs ~4-4.5 characters per token in GPT and Qwen tokenizers; 3.5 leaves a margin, because the
#: model's own tokenizer is not available offline for every endpoint (and counting is not worth a
#: round trip).
CHARS_PER_TOKEN = 3.5

#: Tokens kept free for the reply: at most this many, and never more than a quarter of the window.
REPLY_TOKENS = 1024


def article_evidence(article: Article, score: float = 1.0) -> Evidence:
    """Return the whole body of an article as one Evidence passage (offsets are body offsets; planted sentences blanked)."""
    return screen(Evidence(chunk_id="", article_id=article.id, title=article.title, source=article.source,
                           published=article.published_iso, text=article.body, start=0, end=len(article.body),
                           score=score, story_id=article.story_id), article)


def marked_text(picks: Iterable[tuple[str, int]]) -> str:
    """Return sentences each followed by its [n] marker (n numbers the evidence, from 1)."""
    return " ".join(f"{text} [{n}]" for text, n in picks)


def story_articles(records: Records, evidence: Sequence[Evidence]) -> list[Article]:
    """Return one article per story among the evidence, best-ranked first (syndicated copies count once)."""
    seen: set[str] = set()
    ids = []
    for ev in evidence:
        story = ev.story_id or ev.article_id
        if story not in seen:
            seen.add(story)
            ids.append(ev.article_id)
    found = records.get_articles(ids)
    return [found[i] for i in ids if i in found]


def attach_chunks(records: Records, citations: Sequence[Citation]) -> None:
    """Set each citation's chunk_id to the stored chunk that contains its quote, when it has none."""
    chunks: dict[str, list[Chunk]] = {}
    for c in citations:
        if c.chunk_id:
            continue
        if c.article_id not in chunks:
            chunks[c.article_id] = records.chunks_of(c.article_id)
        inside = [ch for ch in chunks[c.article_id] if ch.start <= c.start and c.end <= ch.end]
        if inside:
            c.chunk_id = inside[0].id


def add_syndication(records: Records, citations: Sequence[Citation]) -> None:
    """List the other outlets that carried each cited story (syndicated copies count once)."""
    stories = {c.story_id for c in citations if c.story_id}
    members = records.story_members(stories) if stories else {}
    for c in citations:
        outlets = [src or aid for aid, src in members.get(c.story_id, []) if aid != c.article_id]
        c.also_in = sorted(set(outlets) - {c.source}) if outlets else []


def finish_citations(records: Records, citations: Sequence[Citation]) -> None:
    """Give citations without one their stored chunk id, and list the outlets that syndicated each story."""
    attach_chunks(records, citations)
    add_syndication(records, citations)


def fit_context(evidence: Sequence[Evidence], render: Callable[[Sequence[Evidence]], list[dict[str, str]]],
                context_tokens: int) -> tuple[list[Evidence], list[str]]:
    """Return the evidence whose rendered prompt fits context_tokens, and a warning for what was left out.

    Why: a local model's server refuses a prompt longer than its window (llama.cpp: HTTP 400
    "exceeds the available context size"), so at the default k a timeline of whole articles failed
    outright. The lowest-ranked sources go first; a single source still too long is cut at a
    sentence end (its text stays an exact prefix of the passage, so quotes remain exact spans).
    context_tokens <= 0 means no limit.
    """
    kept = list(evidence)
    if context_tokens <= 0 or not kept:
        return kept, []
    limit = int((context_tokens - min(REPLY_TOKENS, context_tokens // 4)) * CHARS_PER_TOKEN)
    while len(kept) > 1 and _prompt_chars(render(kept)) > limit:
        kept.pop()
    over = _prompt_chars(render(kept)) - limit
    if over > 0:
        kept[-1] = _cut(kept[-1], len(kept[-1].text) - over)
    dropped = len(evidence) - len(kept)
    if not dropped and over <= 0:
        return kept, []
    what = f"left out {dropped} of {len(evidence)} sources" if dropped else "shortened the last source"
    cut = " and shortened the last one" if dropped and over > 0 else ""
    return kept, [f"the prompt would not fit the LLM's {context_tokens}-token context (RAGNEWS_LLM_CONTEXT_TOKENS): {what}{cut}"]


def _prompt_chars(messages: list[dict[str, str]]) -> int:
    """Return the characters of a chat prompt (all message contents)."""
    return sum(len(m.get("content", "")) for m in messages)


def _cut(passage: Evidence, chars: int) -> Evidence:
    """Return passage cut to at most chars characters, at the last sentence end before them (never empty)."""
    text = passage.text[:max(chars, 0)]
    end = max(text.rfind(". "), text.rfind(".\n"), text.rfind('." '))
    text = text[:end + 1] if end > 0 else text
    text = text or passage.text[:200]
    return passage.model_copy(update={"text": text, "end": passage.start + len(text)})


def prompt_sources(evidence: Sequence[Evidence]) -> str:
    """Render evidence as numbered, delimited, untrusted sources for a prompt, text addressed to AI readers removed."""
    return format_sources([PromptSource(n, e.title, e.source, e.published[:10], redacted_text(e))
                           for n, e in enumerate(evidence, 1)])
