"""Citation verification shared by every answer and summary engine.

Every [n] marker must point at a passage that was given; each cited sentence is
scored against the sentences of its cited passages (lexical + embedding support) and
the best-supporting sentence becomes the citation's quote, an exact span of the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ._text import content_words, sentence_spans
from .models import AnswerSentence, Citation, Evidence
from .protocols import Embedder

_MARKERS = re.compile(r"\s*((?:\[\d+(?:\s*,\s*\d+)*\]\s*)+)")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Span:
    """A sentence of an evidence passage, with absolute offsets into its article body."""

    passage: int
    start: int
    end: int
    text: str


def passage_sentences(n: int, ev: Evidence) -> list[Span]:
    """Return the sentences of evidence passage n with article-body offsets."""
    return [Span(n, ev.start + s, ev.start + e, ev.text[s:e]) for s, e in sentence_spans(ev.text)]


def lexical_support(claim: str, quote: str) -> float:
    """Return the fraction of the claim's content words found in the quote (numbers must match)."""
    claim_words = set(content_words(claim))
    if not claim_words:
        return 0.0
    return len(claim_words & set(content_words(quote))) / len(claim_words)


def split_claims(text: str) -> list[tuple[str, list[int]]]:
    """Split answer text into (sentence without markers, cited numbers) pairs.

    Marker groups end claims ("... Monday [2]. Next ... [1][3]"), so the text is cut at
    them first and only then into sentences; sentences before the last one in a cut carry
    no citation of their own.
    """
    out: list[tuple[str, list[int]]] = []
    pos = 0
    for m in _MARKERS.finditer(text):
        _add_segment(out, text[pos : m.start()], [int(x) for x in _NUMBER.findall(m.group(1))])
        pos = m.end()
    _add_segment(out, text[pos:], [])
    return out


def _add_segment(out: list[tuple[str, list[int]]], segment: str, cited: list[int]) -> None:
    """Append the sentences of one segment; the last one takes the segment's citations."""
    sentences = [segment[s:e] for s, e in sentence_spans(segment)]
    sentences = [" ".join(t.split()) for t in sentences if any(ch.isalnum() for ch in t)]
    if not sentences:
        if cited and out:  # markers right after markers, or after a lone "."
            out[-1][1].extend(cited)
        return
    out.extend((t, []) for t in sentences[:-1])
    out.append((sentences[-1], cited))


Judge = Callable[[str, Sequence[str]], bool]


class Verifier:
    """Checks and anchors the citations of generated text against the passages given."""

    def __init__(self, embedder: Embedder, threshold: float = 0.5, judge: Judge | None = None) -> None:
        """Use embedder for semantic support; threshold flags unsupported sentences.

        Args:
            embedder: scores semantic support and picks the quote.
            threshold: support score below which a sentence is unsupported.
            judge: optional second opinion (an LLM judge) deciding support for non-verbatim claims.
        """
        self.embedder, self.threshold, self.judge = embedder, threshold, judge

    def best_quote(self, claim: str, spans: Sequence[Span]) -> tuple[Span | None, float]:
        """Return the span that best supports the claim and its support score (0..1)."""
        if not spans:
            return None, 0.0
        normal = " ".join(claim.split())
        for span in spans:
            if normal and normal in " ".join(span.text.split()):
                return span, 1.0
        lex = np.array([lexical_support(claim, s.text) for s in spans])
        vecs = self.embedder.embed([claim, *[s.text for s in spans]])
        cos = np.clip(vecs[1:] @ vecs[0], 0.0, 1.0)
        score = 0.5 * lex + 0.5 * cos
        best = int(np.argmax(score))
        return spans[best], float(score[best])

    def verify(self, text: str, evidence: Sequence[Evidence], mode: str = "mark") -> tuple[str, list[AnswerSentence], list[Citation], list[str]]:
        """Verify [n]-marked text against numbered evidence (1-based).

        Args:
            text: generated text with [n] markers referring to evidence numbers.
            evidence: the passages that were given, numbered from 1.
            mode: "mark" keeps unsupported sentences flagged, "remove" drops them.

        Returns:
            (text renumbered to citations, sentences, citations, warnings).
        """
        spans = {n: passage_sentences(n, ev) for n, ev in enumerate(evidence, 1)}
        citations: dict[tuple[str, int, int], Citation] = {}
        sentences: list[AnswerSentence] = []
        warnings: list[str] = []
        for claim, cited in split_claims(text):
            valid = [n for n in dict.fromkeys(cited) if n in spans]
            if len(valid) < len(set(cited)):
                warnings.append(f"removed citation markers pointing at no given source: {sorted(set(cited) - set(valid))}")
            sentence = self._check(claim, valid, spans, evidence, citations)
            if not sentence.supported:
                warnings.append(f"unsupported: {claim[:80]}")
                if mode == "remove":
                    continue
            sentences.append(sentence)
        return render(sentences, mode), sentences, list(citations.values()), warnings

    def _check(self, claim: str, cited: list[int], spans: dict[int, list[Span]], evidence: Sequence[Evidence],
               citations: dict[tuple[str, int, int], Citation]) -> AnswerSentence:
        """Anchor one claim to the best quote of each cited passage and score its support."""
        numbers, best, stories = [], 0.0, set()
        for n in cited:
            span, score = self.best_quote(claim, spans[n])
            if span is None or score < self.threshold * 0.8:
                continue
            ev = evidence[n - 1]
            key = (ev.article_id, span.start, span.end)
            if key not in citations:
                citations[key] = make_citation(len(citations) + 1, ev, span, score)
            numbers.append(citations[key].n)
            stories.add(ev.story_id or ev.article_id)
            best = max(best, score)
        supported = bool(numbers) and best >= self.threshold
        if numbers and self.judge is not None and best < 1.0:  # verbatim quotes need no judge
            supported = self.judge(claim, [evidence[n - 1].text for n in cited])
        return AnswerSentence(text=claim, citations=numbers, supported=supported, support=round(best, 3), stories=len(stories))


def make_citation(n: int, ev: Evidence, span: Span, support: float) -> Citation:
    """Build a citation of an exact sentence span of an evidence passage's article."""
    return Citation(
        n=n, article_id=ev.article_id, title=ev.title, source=ev.source, published=ev.published,
        chunk_id=ev.chunk_id, start=span.start, end=span.end, quote=span.text, story_id=ev.story_id,
        support=round(support, 3),
    )


def render(sentences: Sequence[AnswerSentence], mode: str = "mark") -> str:
    """Return the text of verified sentences with their [n] markers."""
    parts = []
    for s in sentences:
        marks = "".join(f"[{n}]" for n in s.citations)
        flag = " [unsupported]" if not s.supported and mode == "mark" else ""
        stop = "" if s.text[-1] in ".!?\"”’)" else "."
        independent = f" ({s.stories} independent reports)" if s.stories > 1 else ""
        parts.append(f"{s.text}{(' ' + marks) if marks else ''}{independent}{flag}{stop}")
    return " ".join(parts)
