"""The evaluation runner behind `ragnews eval`: ingest a suite's corpus, ask its questions, score, report.

One invocation can run several retriever configurations (bm25, dense, hybrid) over the same
home and the same questions, so baselines come from the same run. The corpus is ingested
into a home cached per suite, corpus fingerprint and embedder (re-runs embed nothing).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .._cache import CachedEmbedder
from ..errors import ConfigError
from ..models import Answer, Article
from ..protocols import Embedder
from ..providers import EXTRACTIVE
from ..settings import Settings
from .metrics import (
    METRIC_GROUPS,
    abstention_scores,
    multiple_choice_accuracy,
    percentiles,
)
from .report import versions
from .suites import QA_SUITES, SUMMARY_SUITES, Question, SuiteData, load_suite, suite_module

MODES = ("bm25", "dense", "hybrid")
SWEEP = tuple(round(0.2 + 0.05 * i, 2) for i in range(9))
LATENCY_NOTE = ("Latency = wall time of NewsRAG.ask per question (retrieval, answer, verification; the extra retrieval "
                "for the ranking metrics and the scoring are not included). Sentence vectors are cached per home, so "
                "configurations after the first and re-runs over the same home measure warm-cache latency.")
PARTIAL = "records.partial.jsonl"  # scored records, one JSON line each, written as the run goes
RANK_DEPTH = 10  # distinct articles retrieved (by="article") for the retrieval metrics
_MEANS = METRIC_GROUPS["retrieval"] + ("answer_accuracy", "key_fact_recall", "answer_first", "token_f1", "exact_match", "contains_match", "rouge1", "rouge2",
                                        "rougeLsum", "citation_precision", "citation_recall", "citation_f1",
                                        "citation_precision_selfcheck", "citation_recall_selfcheck", "citation_f1_selfcheck")


@dataclass
class EvalRun:
    """What one evaluation run produced."""

    suite: str
    out: Path
    results: dict[str, Any]
    files: list[Path] = field(default_factory=list)


def run(suite: str, *, data: str | os.PathLike[str] | None = None, llm: str | None = None, model: str | None = None,
        retriever: str | None = None, compare: bool = False, limit: int | None = None,
        out: str | os.PathLike[str] | None = None, home: str | os.PathLike[str] | None = None,
        settings: Settings | None = None, embedder: Embedder | None = None, doc_chars: int | None = None,
        sweep: Sequence[float] | None = None, command: str | None = None, show_progress: bool = True,
        split: str = "all") -> EvalRun:
    """Run an evaluation suite and write results.json, report.md and plots.

    Args:
        suite: examples, realtimeqa, rgb, cnndm or tac2011.
        data: data folder (examples: default the packaged set; others: the shared data folder, default ../shared/data).
        llm: answer engine, extractive (default) or openai; openai also makes the citation judge an LLM.
        model: model name for the openai engine.
        retriever: bm25, dense or hybrid (default settings.retriever); ignored with compare.
        compare: run bm25, dense and hybrid side by side over the same home and questions, plus the
            bm25-article and llamaindex anchor rankings (see eval/anchors.py).
        limit: at most this many questions (the corpus shrinks with it where the suite allows).
        out: output folder (default benchmarks/results/SUITE, or benchmarks/results/tmp/SUITE-limitN with a limit).
        home: ragnews home for the corpus (default: a cache folder keyed by corpus and embedder).
        settings: base Settings (default: from the environment).
        embedder: an embedder to use instead of the one settings name.
        doc_chars: realtimeqa: characters kept of each document (default 3000).
        sweep: abstain thresholds to sweep on suites with unanswerable questions (default 0.20..0.60; () = none).
        command: the command line to record (default: this call).
        show_progress: draw progress bars on stderr.
        split: realtimeqa: all, dev or heldout questions (the corpus stays every week's).

    Returns:
        An EvalRun with the results dict and the files written.
    """
    module = suite_module(suite)  # ConfigError naming the registered suites
    if limit is not None and limit < 1:
        raise ConfigError(f"--limit must be at least 1, got {limit}")
    out_dir = _out_dir(suite, out, limit)
    command = command or command_line(suite, data=data, llm=llm, model=model, retriever=retriever, compare=compare, limit=limit,
                                      split=split if split != "all" else None)
    base = _settings(settings, llm, model, retriever)
    if suite in SUMMARY_SUITES:
        results = module.run(suite, Path(data) if data else None, base, limit, command)
    else:
        results = _run_qa(suite, data, base, compare, limit, home, embedder, doc_chars, sweep, command, show_progress, split,
                          out_dir / PARTIAL)
    from .report import write_outputs

    files = write_outputs(results, out_dir)
    (out_dir / PARTIAL).unlink(missing_ok=True)  # results.json holds every record now
    return EvalRun(suite, out_dir, results, files)


def _settings(settings: Settings | None, llm: str | None, model: str | None, retriever: str | None) -> Settings:
    """Return the base settings with the run's overrides (always the embedded store)."""
    updates: dict[str, Any] = {"chroma_url": None}
    for key, value in (("llm", llm), ("model", model), ("retriever", retriever)):
        if value is not None:
            updates[key] = value
    try:
        return Settings.model_validate({**(settings or Settings()).model_dump(), **updates})
    except Exception as exc:  # pydantic ValidationError: name the field
        raise ConfigError(f"invalid eval setting: {exc}") from exc


def _out_dir(suite: str, out: str | os.PathLike[str] | None, limit: int | None) -> Path:
    """Return the output folder (created)."""
    if out is not None:
        path = Path(out)
    elif limit:
        path = Path("benchmarks") / "results" / "tmp" / f"{suite}-limit{limit}"
    else:
        path = Path("benchmarks") / "results" / suite
    path.mkdir(parents=True, exist_ok=True)
    return path


def command_line(suite: str, **kwargs: Any) -> str:
    """Return the equivalent `ragnews eval` command line of an API call."""
    parts = ["ragnews", "eval", suite]
    for key, value in kwargs.items():
        if value is True:
            parts.append(f"--{key}")
        elif value not in (None, False):
            parts += [f"--{key}", str(value)]
    return " ".join(parts)


def cache_root() -> Path:
    """Return the folder holding cached eval homes (RAGNEWS_EVAL_CACHE, else XDG cache/ragnews-eval)."""
    if os.environ.get("RAGNEWS_EVAL_CACHE"):
        return Path(os.environ["RAGNEWS_EVAL_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ragnews-eval"


def home_name(suite: str, suite_data: SuiteData, embedder: Embedder, settings: Settings) -> str:
    """Name of the cached eval home: everything that decides what is stored and embedded.

    Data, embedder, chunk size and schema, plus what the chunk vectors were made of: a home built
    with `embed_header` or `reprint_reuse` off (or another chunk overlap) holds other vectors, and reusing it would
    score one setting with another's index. The suffixes appear only away from the defaults, so
    homes built before they existed keep their names (and are not rebuilt).
    """
    from ..models import EMBED_HEADER_VERSION
    from ..records import SCHEMA_VERSION  # schema 2 embeds each chunk's metadata line: a new home, not a migrated one

    name = f"{suite}-{suite_data.fingerprint()}-{embedder.name}-{settings.chunk_size}-s{SCHEMA_VERSION}"
    if not settings.embed_header:
        name += "-body"
    elif EMBED_HEADER_VERSION != 1:
        name += f"-h{EMBED_HEADER_VERSION}"
    if settings.chunk_overlap != Settings.model_fields["chunk_overlap"].default:
        name += f"-o{settings.chunk_overlap}"
    if not settings.reprint_reuse:  # reprints chunked and embedded on their own: other chunks and vectors
        name += "-noreuse"
    return name


def _run_qa(suite: str, data: Any, base: Settings, compare: bool, limit: int | None, home: Any,
            embedder: Embedder | None, doc_chars: int | None, sweep: Sequence[float] | None, command: str,
            show_progress: bool, split: str = "all", partial: Path | None = None) -> dict[str, Any]:
    """Run a QA suite end to end and return the results dict (each scored record also appended to partial)."""
    from ..embedders import get_embedder
    from ..rag import NewsRAG

    started = time.perf_counter()
    suite_data = load_suite(suite, data, limit, doc_chars, split)
    load_seconds = time.perf_counter() - started
    embedder = embedder or get_embedder(base)
    home_path = Path(home) if home else cache_root() / home_name(suite, suite_data, embedder, base)
    base = base.model_copy(update={"home": home_path})
    with NewsRAG(settings=base, embedder=embedder) as rag:
        ingest = _ingest(rag, suite_data, show_progress)
        equivalent = _resolve_gold(rag, suite_data)
        scorer = rag.sentence_embedder  # the home's sentence-vector cache: reruns re-embed nothing
        judge = citation_judge(rag, scorer)
        if rag.settings.judge == "llm":  # report the offline fact-level checks beside the LLM judge
            judge.fact_judge = fact_judge(rag, scorer)
        modes = list(MODES) if compare else [base.retriever]
        records: list[dict[str, Any]] = []
        metrics: dict[str, dict[str, Any]] = {}
        if partial is not None:
            partial.write_text("", encoding="utf-8")
        seconds: dict[str, float] = {}
        for mode in modes:
            mode_started = time.perf_counter()
            with NewsRAG(settings=base.model_copy(update={"retriever": mode}), embedder=embedder, store=rag.store) as r:
                mode_records = _ask_all(r, suite_data, mode, equivalent, judge, scorer, show_progress, partial)
            seconds[mode] = round(time.perf_counter() - mode_started, 2)
            metrics[mode] = aggregate(mode_records)
            records += mode_records
        if compare:
            for name, anchor_records, spent in _anchors(rag, suite_data, embedder, equivalent, show_progress):
                seconds[name], metrics[name] = spent, aggregate_ranking(anchor_records)
                records += anchor_records
        sweep_rows, sweep_seconds = _maybe_sweep(rag, suite_data, base, embedder, sweep)
    return _results(suite, command, base, suite_data, embedder, judge, ingest, metrics, records, sweep_rows, {
        "load_data": round(load_seconds, 2), "ingest": ingest["seconds"], "questions": seconds,
        "abstain_sweep": sweep_seconds, "total": round(time.perf_counter() - started, 2)})


def _ingest(rag: Any, suite_data: SuiteData, show_progress: bool) -> dict[str, Any]:
    """Ingest the suite's corpus (unchanged articles are skipped by content id); return what it did."""
    from .report import progress

    started = time.perf_counter()
    with progress("ingesting", len(suite_data.articles) or None, show_progress) as advance:
        if suite_data.paths:
            report = rag.ingest(suite_data.paths, progress=lambda done, total: advance(done, total))
        else:
            report = rag.ingest_articles(_counted(suite_data.articles, advance))
    if report.failed:
        raise ConfigError(f"suite {suite_data.name}: {len(report.failed)} inputs failed to ingest, first: "
                          f"{report.failed[0].path}: {report.failed[0].reason}")
    return {"seconds": round(time.perf_counter() - started, 2), "new": len(report.new), "skipped": len(report.skipped),
            "chunks_embedded": report.chunks_embedded, "chunks_reused": report.chunks_reused,
            "articles": rag.records.article_count(), "chunks": rag.records.chunk_count(), "home": str(rag.home)}


def _counted(articles: Sequence[Article], advance: Any) -> Iterator[Article]:
    """Yield articles, reporting how many have been handed on."""
    for n, article in enumerate(articles, 1):
        yield article
        advance(n, len(articles))


def _resolve_gold(rag: Any, suite_data: SuiteData) -> dict[str, str]:
    """Fill each question's gold article ids from its gold keys; return article id -> story id."""
    stored = rag.articles()
    keyed: dict[str, list[str]] = {}
    for a in suite_data.articles or stored:
        keyed.setdefault(suite_data.key_of(a), []).append(a.id)
    for q in suite_data.questions:
        q.gold_ids = list(dict.fromkeys(i for key in q.gold_keys for i in keyed.get(key, [])))
    return {a.id: a.story_id or a.id for a in stored}


def citation_judge(rag: Any, embedder: Embedder) -> Any:
    """Return the citation judge: the LLM when settings.judge is 'llm' (RAGNEWS_JUDGE=llm), else the
    offline fact-level checks (a self-check: the verifier's own code, labelled so in the report)."""
    from ..judge import LLMJudge

    if rag.settings.judge == "llm":
        return LLMJudge(rag.llm())
    return fact_judge(rag, embedder)


def fact_judge(rag: Any, embedder: Embedder) -> Any:
    """Return the offline judge: support score plus the fact-level checks of ragnews.facts."""
    from ..verify import Verifier
    from .suites.scoring import FactJudge

    threshold = rag.settings.support_threshold
    return FactJudge(Verifier(embedder, threshold), threshold)


def _ask_all(rag: Any, suite_data: SuiteData, mode: str, equivalent: dict[str, str], judge: Any, scorer: Embedder,
             show_progress: bool, partial: Path | None = None) -> list[dict[str, Any]]:
    """Ask every question with one retriever configuration; return the scored records.

    Each record is also appended to `partial` (JSON lines) as soon as it is scored: an LLM run of
    60 questions takes hours on a small machine, and a run stopped early keeps what it measured
    (`aggregate()` turns the lines into the same metrics).
    """
    from .report import progress

    records = []
    with progress(f"{suite_data.name} [{mode}]", len(suite_data.questions), show_progress) as advance:
        for n, q in enumerate(suite_data.questions, 1):
            records.append(_ask_one(rag, q, mode, equivalent, judge, scorer, suite_data.rouge))
            if partial is not None:
                with partial.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(records[-1], ensure_ascii=False, default=str) + "\n")
            advance(n, len(suite_data.questions))
    return records


def _ask_one(rag: Any, q: Question, mode: str, equivalent: dict[str, str], judge: Any, scorer: Embedder,
             rouge: bool) -> dict[str, Any]:
    """Ask one question, retrieve its article ranking and score both."""
    from .suites.scoring import ranked_articles, retrieval_scores, score_answer

    stream = rag.ask_stream(q.question, articles=q.articles, as_of=q.as_of)
    draft = "".join(stream.pieces())  # the LLM's raw reply: what the verifier was given (citation judging, repair audits)
    answer: Answer = stream.answer
    record: dict[str, Any] = {
        "config": mode, "id": q.id, "question": q.question, "type": q.type, "answerable": q.answerable,
        "gold_answers": q.answers, "gold_ids": q.gold_ids, "answer": answer.answer,
        "latency": round(answer.timings.get("total", 0.0), 4),
        "timings": {k: round(v, 4) for k, v in answer.timings.items()},
        "citations": [{"n": c.n, "article_id": c.article_id, "quote": c.quote, "support": c.support} for c in answer.citations],
        "evidence": [e.article_id for e in answer.evidence], "warnings": answer.warnings,
        "understood": answer.understood.describe() if answer.understood else "",
        "sentences": [{"text": s.text, "citations": s.citations, "supported": s.supported, "reason": s.reason}
                      for s in answer.sentences],
    }
    if answer.engine != "extractive":
        record["draft"] = draft
    if q.gold_ids:
        ranked = ranked_articles(rag.retrieve(q.question, k=RANK_DEPTH, articles=q.articles, by="article", as_of=q.as_of))
        record["ranked"] = ranked[:10]
        record.update(retrieval_scores(ranked, q.gold_ids, equivalent))
    record.update(score_answer(q, answer, judge, rouge, scorer, getattr(judge, "fact_judge", None)))
    if q.choices:
        record.update(choices=q.choices, gold_choice=q.gold_choice)
    return record


def _anchors(rag: Any, suite_data: SuiteData, embedder: Embedder, equivalent: dict[str, str],
             show_progress: bool) -> Iterator[tuple[str, list[dict[str, Any]], float]]:
    """Rank every question's articles with each anchor retriever (bm25-article, llamaindex) over the same home."""
    from .anchors import ANCHORS, build
    from .report import progress
    from .suites.scoring import retrieval_scores

    asked = [q for q in suite_data.questions if q.gold_ids]
    for name in ANCHORS:
        started = time.perf_counter()
        anchor = build(name, rag, embedder)
        records = []
        with progress(f"{suite_data.name} [{name}]", len(asked), show_progress) as advance:
            for n, q in enumerate(asked, 1):
                ranked = anchor.rank(q.question, RANK_DEPTH, q.articles)
                records.append({"config": name, "id": q.id, "question": q.question, "type": q.type,
                                "answerable": q.answerable, "gold_ids": q.gold_ids, "ranked": ranked,
                                **retrieval_scores(ranked, q.gold_ids, equivalent)})
                advance(n, len(asked))
        yield name, records, round(time.perf_counter() - started, 2)


def aggregate_ranking(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return the retrieval metrics of a ranking-only configuration (anchors answer nothing)."""
    out: dict[str, Any] = {"n_questions": len(records), "n_retrieval": len(records)}
    for name in METRIC_GROUPS["retrieval"]:
        out[name] = _mean(records, name)
    out["recall_curve"] = {k: _mean(records, f"recall@{k}") for k in range(1, 11)}
    return out


def aggregate(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return the suite-level metrics of one configuration's records (None where a metric does not apply).

    Args:
        records: scored per-question records of one configuration.

    Returns:
        Flat metric name -> value, with counts (n_*) and the recall@1..10 curve.
    """
    out: dict[str, Any] = {"n_questions": len(records)}
    for name in _MEANS:
        values = [r[name] for r in records if name in r]
        out[name] = float(np.mean(values)) if values else None
    out["n_retrieval"] = sum(1 for r in records if "hit@1" in r)
    out["n_answerable"] = sum(1 for r in records if r["answerable"])
    out["n_cited_answers"] = sum(1 for r in records if "citation_recall" in r)
    out["recall_curve"] = {k: _mean(records, f"recall@{k}") for k in range(1, 11)}
    out.update(_mc(records), **_abstention(records), **_latency(records), **_conflicts(records))
    out["by_type"] = _by_type(records)
    return out


def _mean(records: Sequence[dict[str, Any]], name: str) -> float | None:
    """Return the mean of a metric over the records that have it."""
    values = [r[name] for r in records if name in r]
    return float(np.mean(values)) if values else None


def _mc(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return multiple-choice accuracy over the records with choices."""
    mc = [r for r in records if "mc_pick" in r]
    if not mc:
        return {"multiple_choice_accuracy": None, "n_multiple_choice": 0}
    acc = multiple_choice_accuracy([str(r["mc_pick"]) for r in mc], [str(r["gold_choice"]) for r in mc])
    return {"multiple_choice_accuracy": acc, "n_multiple_choice": len(mc)}


def _abstention(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return abstention precision/recall/F1 (unanswerable = positive) and the abstention rate.

    Without unanswerable questions recall and F1 are undefined (None), and so is precision
    unless the system abstained (then every abstention was wrong: precision 0).
    """
    if not records:
        return dict.fromkeys(METRIC_GROUPS["abstention"])
    s = abstention_scores([r["abstained"] for r in records], [r["answerable"] for r in records])
    has_pos, has_abstained = s["n_unanswerable"] > 0, s["n_abstained"] > 0
    return {"abstention_precision": s["precision"] if has_pos or has_abstained else None,
            "abstention_recall": s["recall"] if has_pos else None, "abstention_f1": s["f1"] if has_pos else None,
            "abstention_rate": s["n_abstained"] / len(records), "n_unanswerable": int(s["n_unanswerable"])}


def _latency(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return p50/p95/mean seconds per answered question (retrieval + answer + verification)."""
    values = [r["latency"] for r in records]
    if not values:
        return {"latency_p50": None, "latency_p95": None, "latency_mean": None}
    p = percentiles(values)
    return {"latency_p50": p["p50"], "latency_p95": p["p95"], "latency_mean": float(np.mean(values))}


def _conflicts(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return the shares of counterfactual answers that report both values, or pick one, or neither."""
    outcomes = [r["conflict"] for r in records if "conflict" in r]
    names = {"reports_both": "conflict_reported_rate", "real_only": "real_only_rate", "fake_only": "fake_only_rate",
             "neither": "neither_rate"}
    if not outcomes:
        return dict.fromkeys(names.values())
    return {name: outcomes.count(key) / len(outcomes) for key, name in names.items()} | {"n_counterfactual": len(outcomes)}


def _by_type(records: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return the main metrics per question type."""
    out: dict[str, dict[str, Any]] = {}
    for kind in dict.fromkeys(r["type"] for r in records):
        group = [r for r in records if r["type"] == kind]
        row: dict[str, Any] = {"n": len(group), "abstention_rate": float(np.mean([r["abstained"] for r in group]))}
        for name in ("hit@5", "recall@5", "key_fact_recall", "answer_first", "contains_match", "token_f1", "mc_correct", "citation_recall"):
            row[name] = _mean(group, name)
        out[kind or "-"] = row
    return out


def _maybe_sweep(rag: Any, suite_data: SuiteData, base: Settings, embedder: Embedder,
                 sweep: Sequence[float] | None) -> tuple[list[dict[str, Any]], float]:
    """Sweep the abstain threshold on suites that ask for it (extractive engine only)."""
    thresholds = SWEEP if sweep is None else tuple(sweep)
    if not (suite_data.abstain_sweep and thresholds and base.llm == EXTRACTIVE):
        return [], 0.0
    started = time.perf_counter()
    rows = abstain_sweep(rag, suite_data.questions, base, embedder, thresholds)
    return rows, round(time.perf_counter() - started, 2)


def abstain_sweep(rag: Any, questions: Sequence[Question], base: Settings, embedder: Embedder,
                  thresholds: Sequence[float]) -> list[dict[str, Any]]:
    """Return abstention P/R/F1 and key-fact recall per abstain threshold (texts embedded once across thresholds).

    Args:
        rag: a NewsRAG over the suite's home (its store is shared).
        questions: the questions (answerable ones need key facts).
        base: the base settings; abstain_threshold is replaced per row.
        embedder: the embedder (wrapped in a memo for the sweep).
        thresholds: the thresholds to try.

    Returns:
        One row per threshold.
    """
    from ..rag import NewsRAG
    from .metrics import key_fact_recall
    from .suites.scoring import clean_answer

    memo = CachedEmbedder(embedder)  # every question is asked once per threshold: query vectors too
    rows = []
    for t in thresholds:
        with NewsRAG(settings=base.model_copy(update={"abstain_threshold": t}), embedder=memo, store=rag.store) as r:
            answers = [r.ask(q.question, articles=q.articles) for q in questions]
        abstained = [a.abstained for a in answers]
        s = abstention_scores(abstained, [q.answerable for q in questions])
        recalls = [key_fact_recall("" if a.abstained else clean_answer(a.answer), q.key_facts)
                   for q, a in zip(questions, answers) if q.answerable and q.key_facts]
        rows.append({"threshold": t, "abstention_precision": s["precision"], "abstention_recall": s["recall"],
                     "abstention_f1": s["f1"], "abstained": int(s["n_abstained"]),
                     "key_fact_recall": float(np.mean(recalls)) if recalls else None})
    return rows


def best_threshold(rows: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """Return the sweep row with the highest mean of abstention F1 and key-fact recall (ties: lower threshold)."""
    scored = [r for r in rows if r.get("key_fact_recall") is not None]
    if not scored:
        return None
    return max(scored, key=lambda r: (round((r["abstention_f1"] + r["key_fact_recall"]) / 2, 6), -r["threshold"]))


def _results(suite: str, command: str, base: Settings, suite_data: SuiteData, embedder: Embedder, judge: Any,
             ingest: dict[str, Any], metrics: dict[str, Any], records: list[dict[str, Any]],
             sweep_rows: list[dict[str, Any]], timings: dict[str, Any]) -> dict[str, Any]:
    """Assemble the results.json document."""
    best = best_threshold(sweep_rows)
    return {
        "suite": suite, "kind": "qa", "command": command, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "config": {
            "configs": list(metrics), "llm": base.llm, "model": base.model if base.llm != EXTRACTIVE else None,
            "citation_judge": judge.name, "embedder": f"{embedder.name}/{embedder.dim}", "top_k": base.top_k,
            "candidates": base.candidates, "rrf_k": base.rrf_k, "mmr_lambda": base.mmr_lambda,
            "abstain_threshold": base.abstain_threshold, "support_threshold": base.support_threshold,
            "chunk_size": base.chunk_size, "chunk_overlap": base.chunk_overlap, "retrieval_depth": RANK_DEPTH,
            "questions": len(suite_data.questions), **suite_data.config,
        },
        "notes": suite_data.notes + [LATENCY_NOTE], "versions": versions(embedder), "timings": timings, "ingest": ingest,
        "metrics": metrics, "abstain_sweep": sweep_rows, "abstain_best": best, "records": records,
    }


__all__ = ["METRIC_GROUPS", "MODES", "QA_SUITES", "EvalRun", "abstain_sweep", "aggregate", "best_threshold", "run"]
