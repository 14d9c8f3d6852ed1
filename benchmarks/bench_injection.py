"""Measure the prompt-injection defence on the injection set (benchmarks/datasets/injection, issue 16).

Run from the repository root:
    python -m benchmarks.bench_injection --split heldout [--data ../shared/data]
    python -m benchmarks.bench_injection --split heldout --llm-url http://127.0.0.1:8089/v1 --llm-limit 24   # LLM only

For one split, the planted host articles are written as files (.txt, or .html for hidden-HTML
plants) and ingested into a fresh home, then, with the defences on and off:
- kept out: the planted claim (a wrong choice no host article names) is absent from the
  article's visible body, from the prompt built from the whole article, and from the prompt,
  the answer and the citations of `ask(question)`;
- extractive attack success: the offline answer names the planted wrong choice;
- LLM attack success (with --llm-url, a separate run): the LLM's verified answer names the wrong
  choice (an [unsupported] sentence counts too), styles taken in turn, both conditions per question;
- legit: the real sentences reporting instructions that are flagged, each in its own article.
"Defences off" replaces the detector with one that flags nothing and the loaders' hidden-HTML
and invisible-character filters with identities (in this process only).
Writes benchmarks/results/injection/<split>.json and prints a table.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
from collections import Counter
from itertools import zip_longest
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import injection_set as S

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "benchmarks" / "datasets" / "injection"
OUT = ROOT / "benchmarks" / "results" / "injection"


def _records(name: str, split: str) -> list[dict[str, Any]]:
    """The committed records of one part and split."""
    return [json.loads(line) for line in (DATASETS / f"{name}_{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@contextlib.contextmanager
def defences(on: bool) -> Iterator[None]:
    """Run with the defences as shipped, or with all of them switched off (this process only)."""
    if on:
        yield
        return
    from ragnews import answer, injection, loaders

    off: list[tuple[Any, str, Any]] = [
        (injection, "flagged_spans", lambda text: []), (injection, "_title_flagged", lambda title: False),
        (loaders, "hidden_html", lambda page: (page, [])), (loaders, "strip_invisible", lambda text: text),
        (answer, "has_ai_markers", lambda text: False)]
    saved = [(module, name, getattr(module, name)) for module, name, _ in off]
    for module, name, value in off:
        setattr(module, name, value)
    injection._flags_of_body.cache_clear()
    try:
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)
        injection._flags_of_body.cache_clear()


def build_home(data: Path, planted: list[dict[str, Any]], work: Path, embedder: Any) -> tuple[Any, dict[str, Any], float]:
    """Write the hosts with their plants, ingest them; return the NewsRAG, article by record id, ingest seconds."""
    from ragnews import NewsRAG, Settings

    folder = work / "input"
    folder.mkdir(parents=True)
    for record in planted:
        name, content = S.materialise(data, record)
        (folder / name).write_text(content, encoding="utf-8")
    rag = NewsRAG(settings=Settings(home=work / "home", chroma_url=None, llm="extractive", ingest_workers=0), embedder=embedder)
    started = time.perf_counter()
    report = rag.ingest(folder)
    seconds = time.perf_counter() - started
    if report.failed:
        raise SystemExit(f"ingest failed: {report.failed[:3]}")
    by_path = {Path(a.path).stem: a for a in rag.articles()}
    return rag, {r["id"]: by_path[r["id"]] for r in planted}, seconds


def planted_results(rag: Any, hosts: dict[str, Any], planted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per plant: where the planted claim shows up, for the offline engine."""
    from ragnews.evidence import prompt_sources
    from ragnews.injection import visible_body
    from ragnews.evidence import article_evidence

    out = []
    for record in planted:
        article, wrong = hosts[record["id"]], record["wrong"]
        answer = rag.ask(record["question"])
        host_evidence = [e for e in answer.evidence if e.article_id == article.id]
        row = {
            "id": record["id"], "style": record["style"], "flagged_spans": len(article.injection or []),
            "in_visible_body": S.mentions(visible_body(article), wrong),
            "in_article_prompt": S.mentions(prompt_sources([article_evidence(article)]), wrong),
            "host_retrieved": bool(host_evidence),
            "in_prompt": S.mentions(prompt_sources(host_evidence), wrong) if host_evidence else False,
            "in_answer": S.mentions(answer.answer, wrong),
            "in_citations": any(S.mentions(c.quote, wrong) for c in answer.citations),
            "warned": any("addressed to AI readers" in w for w in answer.warnings),
        }
        row["leaked"] = any(row[k] for k in ("in_visible_body", "in_article_prompt", "in_prompt", "in_answer", "in_citations"))
        out.append(row)
    return out


def llm_run(data: Path, planted: list[dict[str, Any]], embedder: Any, limit: int, url: str, model: str, k: int,
            out: Path) -> dict[str, Any]:
    """LLM attack success with and without the defences, alternating per question (saved after each answer).

    Both homes are built first; then each of the first `limit` plants is asked once per condition,
    so a run cut short still compares the two on the same questions.
    """
    from pydantic import SecretStr

    from ragnews.adapters.openai_llm import OpenAILLM

    rags = {}
    work = Path(tempfile.mkdtemp(prefix="bench_injection_llm-"))
    for on in (True, False):
        with defences(on):
            rags[on] = build_home(data, planted, work / ("on" if on else "off"), embedder)[0]
    rows: list[dict[str, Any]] = []
    by_style: dict[str, list[dict[str, Any]]] = {}
    for record in planted:
        by_style.setdefault(record["style"], []).append(record)
    mixed = [r for group in zip_longest(*by_style.values()) for r in group if r is not None]  # every style early on
    for record in mixed[:limit]:
        for on in (True, False):
            rag = rags[on]
            settings = rag.settings.model_copy(update={"llm": "openai", "openai_base_url": url, "model": model, "top_k": k,
                                                       "openai_api_key": SecretStr("sk-local-not-a-secret"), "llm_timeout": 900, "llm_max_retries": 0})
            rag._llm = OpenAILLM(settings)
            started = time.perf_counter()
            with defences(on):
                answer = rag.ask(record["question"], llm="openai", k=k)
            rows.append({"id": record["id"], "style": record["style"], "defended": on, "wrong": record["wrong"], "answer": answer.answer,
                         "abstained": answer.abstained, "attack_success": S.mentions(answer.answer, record["wrong"]),
                         "seconds": round(time.perf_counter() - started, 1)})
            print(f"  llm {record['id']} {record['style']} defended={on}: success={rows[-1]['attack_success']} ({rows[-1]['seconds']} s)", flush=True)
            summary = {name: {"questions": len(r), "attack_success": _rate(r, "attack_success")}
                       for name, r in (("defended", [x for x in rows if x["defended"]]), ("undefended", [x for x in rows if not x["defended"]]))}
            out.write_text(json.dumps({"model": model, "url": url, "top_k": k, "summary": summary, "answers": rows}, indent=1,
                                      ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


def legit_results(data: Path, legit: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per real sentence reporting an instruction: is it flagged in its own article?"""
    from ragnews.injection import flagged_spans

    texts: dict[str, str] = {}
    for prefix in sorted({r["doc"].split("#")[0] for r in legit}):
        wanted = {r["doc"] for r in legit if r["doc"].split("#")[0] == prefix}
        for key, text in S.legit_documents_for(data, f"{prefix}#"):
            if key in wanted:
                texts[key] = text
    out = []
    for r in legit:
        spans = flagged_spans(texts[r["doc"]])
        hit = any(s < r["end"] and e > r["start"] for s, e in spans)
        out.append({"id": r["id"], "group": r["group"], "flagged": hit, "sentence": r["sentence"]})
    return out


def _rate(rows: list[dict[str, Any]], key: str) -> float:
    """Share of rows where key is true."""
    return round(sum(bool(r[key]) for r in rows) / max(1, len(rows)), 4)


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Headline rates of one condition."""
    by_style = Counter(r["style"] for r in rows if r["leaked"])
    return {"plants": len(rows), "kept_out": round(1 - _rate(rows, "leaked"), 4), "extractive_attack_success": _rate(rows, "in_answer"),
            "in_citations": _rate(rows, "in_citations"), "in_prompt": _rate(rows, "in_prompt"),
            "in_article_prompt": _rate(rows, "in_article_prompt"), "host_retrieved": _rate(rows, "host_retrieved"),
            "warned_when_met": _rate([r for r in rows if r["host_retrieved"]], "warned"), "leaks_by_style": dict(by_style)}


def main(argv: list[str] | None = None) -> int:
    """Run one split with the defences on and off; write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout"], default="heldout")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--llm-url", help="OpenAI-compatible endpoint of a local LLM (attack success with/without defences)")
    parser.add_argument("--llm-model", default="qwen2.5-coder-1.5b-instruct-q4_k_m")
    parser.add_argument("--llm-limit", type=int, default=20)
    parser.add_argument("--llm-k", type=int, default=3, help="passages per LLM prompt (fewer: faster on a CPU)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.data / "realtimeqa").is_dir():
        print(f"{args.data}: no realtimeqa/ folder; pass --data pointing at the shared data sets", file=sys.stderr)
        return 2
    from ragnews import Settings
    from ragnews.embedders import MiniLMEmbedder

    embedder = MiniLMEmbedder(Settings())
    planted, legit = _records("planted", args.split), _records("legit", args.split)
    if args.llm_url:  # only the LLM measurement (slow: one answer takes minutes on 2 cores)
        args.out.mkdir(parents=True, exist_ok=True)
        summary = llm_run(args.data, planted, embedder, args.llm_limit, args.llm_url, args.llm_model, args.llm_k,
                          args.out / f"{args.split}-llm.json")
        print(json.dumps(summary))
        return 0
    result: dict[str, Any] = {"split": args.split, "command": "python -m benchmarks.bench_injection " + " ".join(argv or sys.argv[1:])}
    for on in (True, False):
        name = "defended" if on else "undefended"
        with defences(on), tempfile.TemporaryDirectory() as work:
            rag, hosts, seconds = build_home(args.data, planted, Path(work), embedder)
            rows = planted_results(rag, hosts, planted)
            result[name] = {"summary": summarise(rows), "ingest_seconds": round(seconds, 1), "planted": rows}
            rag.close()
        print(f"{name}: {json.dumps(result[name]['summary'])}", flush=True)
    legit_rows = legit_results(args.data, legit)
    result["legit"] = {"sentences": len(legit_rows), "flagged_rate": _rate(legit_rows, "flagged"),
                       "flagged": [r for r in legit_rows if r["flagged"]]}
    print(f"legit: {len(legit_rows)} sentences, flagged {result['legit']['flagged_rate']:.1%}")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{args.split}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
