"""Answers: the offline extractive engine, the LLM engine, and asking (retrieve -> draft -> verify).

Both engines return text whose [n] markers number the evidence passages given; ask_stream
then runs the same citation verification on either.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass

from ._text import content_words, stem
from .dates import DATEISH, EXACT_DATE
from .errors import LLMError
from .evidence import add_syndication, prompt_sources
from .injection import has_ai_markers, warnings_for
from .models import CANNOT_ANSWER, Answer, AnswerStream, Evidence, Filters
from .notices import warn
from .protocols import LLM, Answerer, Embedder
from .records import Records
from .retrieval import Retriever
from .settings import Settings
from .verify import Span, Verifier, passage_sentences

INSUFFICIENT = "INSUFFICIENT_EVIDENCE"
_MAX_SCORED = 12  # sentences embedded per question: ~10 ms each on 2 cores
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundreds?|thousands?|millions?|billions?"
_NUMBERISH = re.compile(rf"\d|\b({_NUMBER_WORDS})\b", re.I)
_SPEECH = "said|says|told|tells|stated|added|noted|wrote|announced|warned|urged"
_CONTINUATION = re.compile(r"^\W*(\w+\s+){0,3}(also|further|additionally|meanwhile)\b", re.I)


@dataclass
class Scored:
    """A candidate answer sentence with its score parts."""

    span: Span
    lexical: float
    semantic: float = 0.0
    score: float = 0.0


def expected_type(question: str) -> re.Pattern[str] | None:
    """Return a pattern an answer sentence must match for this question type, if any.

    "How many missiles ..." needs a number counting missiles ("two missiles", "3 short-range
    missiles"), not just any number; other how-much/when questions need a number or a date.
    """
    q = question.lower()
    speaker = re.search(r"\b(?i:what did) ([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*) (say|tell|announce|write)\b", question)
    if speaker:  # the sentence must attribute words to that person
        name = "|".join(re.escape(part) for part in speaker.group(1).split() if len(part) > 2)
        return re.compile(rf"\b({name})\b[^.]{{0,80}}\b({_SPEECH})\b|\b({_SPEECH})\b[^.]{{0,80}}\b({name})\b", re.I)
    if re.search(r"\b(what|which) (exact )?(date|day)\b|\bexact date\b", q):
        return EXACT_DATE
    counted = re.search(r"\bhow many ([a-z][a-z'-]*)", q)
    if counted:
        noun = re.escape(stem(counted.group(1))[:5])
        return re.compile(rf"(\d|\b(?:{_NUMBER_WORDS}))\b\W+(\w+\W+){{0,3}}{noun}", re.I)
    if re.search(r"\bhow (much|long|old)\b|\bwhat (number|percentage|amount)\b", q):
        return _NUMBERISH
    if re.search(r"^\s*when\b|\bwhat (year|month|time)\b", q):
        return DATEISH
    return None


class ExtractiveAnswerer:
    """Offline answers made of the retrieved sentences that best answer the question, each cited."""

    name = "extractive"

    def __init__(self, embedder: Embedder, settings: Settings | None = None) -> None:
        """Score sentences with embedder; thresholds from settings."""
        self.embedder, self.settings = embedder, settings or Settings()

    def answer(self, question: str, evidence: Sequence[Evidence]) -> Answer:
        """Return an answer whose sentences are quoted from the evidence, or an abstention."""
        scored = self.score(question, evidence)
        needed = expected_type(question)
        eligible = [s for s in scored if needed is None or needed.search(s.span.text)]
        if not eligible or eligible[0].score < self.settings.abstain_threshold:
            return Answer(question=question, answer=CANNOT_ANSWER, abstained=True, evidence=list(evidence), engine=self.name)
        picked = self.select(eligible, scored)
        text = " ".join(f"{s.span.text} {''.join(f'[{n}]' for n in ns)}" for s, ns in picked)
        return Answer(question=question, answer=text, evidence=list(evidence), engine=self.name)

    def stream(self, question: str, evidence: Sequence[Evidence]) -> AnswerStream:
        """Return the answer as a stream without draft pieces (extractive answers are not written word by word)."""
        return AnswerStream.of(self.answer(question, evidence))

    def score(self, question: str, evidence: Sequence[Evidence]) -> list[Scored]:
        """Score the evidence sentences against the question, best first."""
        spans = [s for s in _unique_spans(evidence) if not has_ai_markers(s.text)]  # screened already; this catches hand-built evidence
        q_words = set(content_words(question))
        idf = _idf(spans)
        weight = sum(idf.get(w, 1.0) for w in q_words) or 1.0
        cands = [Scored(s, sum(idf.get(w, 1.0) for w in q_words & set(content_words(s.text))) / weight) for s in spans]
        for c in cands:  # an answer must say something beyond the question's own words
            c.lexical -= 0.1 * max(0, 3 - len(set(content_words(c.span.text)) - q_words))
        cands.sort(key=lambda c: (-(c.lexical + 0.15 / c.span.passage), c.span.passage))
        top = cands[:_MAX_SCORED]
        if top:
            vecs = self.embedder.embed([question, *[c.span.text for c in top]])
            for c, cos in zip(top, vecs[1:] @ vecs[0]):
                c.semantic = float(cos)
                novelty = len(set(content_words(c.span.text)) - q_words)  # words the question did not bring
                c.score = 0.6 * c.semantic + 0.4 * c.lexical + 0.03 / c.span.passage - (0.15 if novelty < 4 else 0.0)
                c.score -= 1.0 if novelty < 2 else 0.0
            self._vectors = {id(c): v for c, v in zip(top, vecs[1:])}
        return sorted(top, key=lambda c: -c.score)

    def select(self, eligible: list[Scored], scored: list[Scored]) -> list[tuple[Scored, list[int]]]:
        """Pick a small non-redundant set of sentences, each with the passages backing it, in reading order.

        A candidate that paraphrases a chosen sentence (cosine >= 0.8) adds its passage as a
        further backer of that sentence instead of repeating it.
        """
        floor = max(self.settings.abstain_threshold, 0.8 * eligible[0].score)
        chosen: list[Scored] = []
        backers: dict[int, list[int]] = {}
        for c in eligible:
            twin = next((o for o in chosen if self._similar(c, o) >= 0.8), None)
            if twin is not None:
                if c.span.passage not in backers[id(twin)]:
                    backers[id(twin)].append(c.span.passage)
                continue
            bonus = 0.1 if self._continues(c, chosen) else 0.0
            if len(chosen) < self.settings.max_answer_sentences and c.score + bonus >= floor:
                chosen.append(c)
                backers[id(c)] = [c.span.passage]
        order = {p: i for i, p in enumerate(dict.fromkeys(c.span.passage for c in chosen))}
        chosen.sort(key=lambda c: (order[c.span.passage], c.span.start))
        return [(c, backers[id(c)]) for c in chosen]

    def _continues(self, cand: Scored, chosen: list[Scored]) -> bool:
        """True when cand directly follows a chosen sentence and reads as its continuation."""
        return bool(_CONTINUATION.search(cand.span.text)) and any(
            o.span.passage == cand.span.passage and 0 <= cand.span.start - o.span.end <= 3 for o in chosen)

    def _similar(self, a: Scored, b: Scored) -> float:
        """Cosine similarity of two scored sentences."""
        va, vb = self._vectors.get(id(a)), self._vectors.get(id(b))
        return float(va @ vb) if va is not None and vb is not None else 0.0


def _unique_spans(evidence: Sequence[Evidence]) -> list[Span]:
    """Return the sentences of all passages, each (article, start) once."""
    seen: set[tuple[str, int]] = set()
    out = []
    for n, ev in enumerate(evidence, 1):
        for span in passage_sentences(n, ev):
            key = (ev.article_id, span.start)
            if key not in seen and len(span.text) > 20:
                seen.add(key)
                out.append(span)
    return out


def _idf(spans: Sequence[Span]) -> dict[str, float]:
    """Return inverse document frequencies of content words over the candidate sentences."""
    df: dict[str, int] = {}
    for s in spans:
        for w in set(content_words(s.text)):
            df[w] = df.get(w, 0) + 1
    n = len(spans) or 1
    return {w: math.log(1 + n / d) for w, d in df.items()}


class LLMAnswerer:
    """Answers written by an LLM from numbered sources (prompts/answer.txt)."""

    def __init__(self, llm: LLM) -> None:
        """Use llm for generation."""
        self.llm = llm
        self.name = llm.name

    def messages(self, question: str, evidence: Sequence[Evidence]) -> list[dict[str, str]]:
        """Return the chat messages for a question."""
        from .prompts import load_prompt

        return load_prompt("answer", {"question", "sources"}).messages(question=question, sources=prompt_sources(evidence))

    def stream(self, question: str, evidence: Sequence[Evidence]) -> AnswerStream:
        """Return the answer as a stream: the raw text pieces as the LLM writes them, then the (unverified) Answer."""
        return AnswerStream(self._write(question, evidence))

    def _write(self, question: str, evidence: Sequence[Evidence]) -> Generator[str, None, Answer]:
        """Yield the LLM's pieces; return them wrapped as an Answer."""
        pieces = []
        for piece in self.llm.stream(self.messages(question, evidence)):
            pieces.append(piece)
            yield piece
        return self.from_text(question, evidence, "".join(pieces))

    def answer(self, question: str, evidence: Sequence[Evidence]) -> Answer:
        """Return the LLM's answer (unverified; NewsRAG verifies it)."""
        return self.from_text(question, evidence, self.llm.complete(self.messages(question, evidence)))

    def from_text(self, question: str, evidence: Sequence[Evidence], text: str) -> Answer:
        """Wrap generated text as an Answer, recognising the abstention reply."""
        text = text.strip()
        if not text or INSUFFICIENT in text:
            return Answer(question=question, answer=CANNOT_ANSWER, abstained=True, evidence=list(evidence), engine=self.name)
        return Answer(question=question, answer=text, evidence=list(evidence), engine=self.name)


# ----------------------------------------------------------------------------------------
# Asking: retrieve, draft, verify
# ----------------------------------------------------------------------------------------


def ask_stream(question: str, filters: Filters, k: int | None, *, retriever: Retriever, records: Records,
               verifier: Verifier, answerer: Answerer, fallback: Answerer | None = None,
               unsupported: str = "mark", notes: Sequence[str] = ()) -> AnswerStream:
    """Answer a question: retrieve evidence, draft (streamed when the engine can), verify every citation.

    Args:
        question: the question.
        filters: which articles may be used.
        k: passages to give the answerer (default: the retriever's settings).
        retriever: finds the evidence.
        records: the home's records (outlets that syndicated each cited story).
        verifier: checks and anchors every citation.
        answerer: writes the draft.
        fallback: answers instead when the answerer raises LLMError (None: the error propagates).
        unsupported: "mark" or "remove" unsupported sentences.
        notes: warnings about the home to put first in the answer's warnings (e.g. missing vectors).

    Returns:
        An AnswerStream: draft pieces, then the verified Answer.
    """
    return AnswerStream(_ask(question, filters, k, retriever, records, verifier, answerer, fallback, unsupported, notes))


def _ask(question: str, filters: Filters, k: int | None, retriever: Retriever, records: Records, verifier: Verifier,
         answerer: Answerer, fallback: Answerer | None, unsupported: str,
         notes: Sequence[str]) -> Generator[str, None, Answer]:
    """The steps of ask_stream, timed."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    evidence = retriever.retrieve(question, k, filters, timings=timings)
    timings["retrieve"] = time.perf_counter() - started
    drafting = time.perf_counter()
    draft = yield from _draft(question, evidence, answerer, fallback)
    timings["answer"] = time.perf_counter() - drafting
    answer = finish_answer(draft, verifier, records, unsupported, timings, notes)
    timings["total"] = time.perf_counter() - started
    return answer


def _draft(question: str, evidence: list[Evidence], answerer: Answerer,
           fallback: Answerer | None) -> Generator[str, None, Answer]:
    """Run the answerer (yielding its draft pieces), falling back to the fallback answerer on LLMError."""
    try:
        stream = answerer.stream(question, evidence)
        yield from stream.pieces()
        return stream.answer
    except LLMError as exc:
        if fallback is None:
            raise
        warn(f"the LLM failed, answered extractively instead: {exc}")
        draft = fallback.answer(question, evidence)
        draft.warnings.append(f"LLM failed ({exc}); answered extractively instead")
        return draft


def finish_answer(draft: Answer, verifier: Verifier, records: Records, unsupported: str,
                  timings: dict[str, float], notes: Sequence[str] = ()) -> Answer:
    """Verify the draft's citations, list syndicating outlets, abstain (CANNOT_ANSWER) if nothing survives.

    notes (warnings about the home) come first in the answer's warnings.
    """
    notes = [*notes, *warnings_for(draft.evidence)]  # sources that carried text addressed to AI readers
    if draft.abstained:
        draft.timings = timings
        draft.warnings = list(notes) + draft.warnings
        return draft
    started = time.perf_counter()
    text, sentences, citations, checks = verifier.verify(draft.answer, draft.evidence, unsupported)
    timings["verify"] = time.perf_counter() - started
    add_syndication(records, citations)
    abstained = not any(s.supported for s in sentences)
    return draft.model_copy(update={
        "answer": text if not abstained else CANNOT_ANSWER, "sentences": sentences,
        "citations": citations if not abstained else [], "abstained": abstained,
        "warnings": list(notes) + draft.warnings + checks, "timings": timings,
    })
