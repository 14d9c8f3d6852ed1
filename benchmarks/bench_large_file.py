"""Peak memory of ingesting one large input file (issue 17: a 60 MB file must stay under 1.5 GB RSS).

Two inputs of --mb megabytes (default 60) are built from real news text in ../shared/data
(RealTimeQA search results and gold articles, Reuters-21578 bodies, FRANK CNN/DM+XSum; repeated
with a `Copy N.` first paragraph when the data runs out):
- `many.jsonl`: one article per line (the "big JSONL export" case);
- `single.txt`: one huge article whose body is all that text (the worst case for chunking,
  MinHash and the injection scan, which see a whole body at once).
Each is ingested by `ragnews ingest`'s code path (NewsRAG.ingest, embedded Chroma) in a child
process with RAGNEWS_MAX_FILE_MB raised; the child's peak RSS (kernel high-water mark) is reported.

The embedder is a hash embedder by default (`--embedder hash`): embedding 60 MB with MiniLM takes
about an hour on a 2-core machine, and the embedder's memory does not grow with the file (it sees
one window of at most 512 chunks). `--embedder minilm` uses the real one (pass a small --mb);
the report's `minilm_overhead_mb` (real minus hash on the same small input) is that constant.

    nice -n 10 python -m benchmarks.bench_large_file            # figures + benchmarks/results/bench_large_file.json
    nice -n 10 python -m benchmarks.bench_large_file --mb 2 --embedder minilm
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks._bench import RESULTS, ROOT, machine, run_child, write_json

DATA = ROOT.parent / "shared" / "data"
LIMIT_MB = 1536  # issue 17's target: peak RSS < 1.5 GB


class HashEmbedder:
    """Deterministic unit vectors from a text's hash: the pipeline's memory without the model's CPU time."""

    name = "bench-hash"
    dim = 384

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return one pseudo-random unit vector per text, seeded by the text."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
            row = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            out[i] = row / np.linalg.norm(row)
        return out


def _records() -> Iterator[dict[str, Any]]:
    """Yield real news records (title, text, url, published) from ../shared/data, each once."""
    from ragnews.loaders import _SGML_RECORD, _sgml_tag, _sgml_text

    seen: set[str] = set()
    for path in sorted((DATA / "realtimeqa").glob("*_g*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for r in json.loads(line).get("search_result") or []:
                if len(r.get("text") or "") >= 500 and r.get("url") not in seen:
                    seen.add(r["url"])
                    yield {"title": r.get("title") or "", "text": r["text"], "url": r["url"], "published": r.get("publish_date")}
    for line in (DATA / "cnndm_xsum_frank" / "frank_articles_refs.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        yield {"title": "", "text": r["article"], "url": r.get("url") or f"frank:{r['id']}"}
    for path in sorted((DATA / "reuters21578").glob("*.sgm")):
        for n, m in enumerate(_SGML_RECORD.finditer(path.read_text(encoding="latin-1"))):
            body = _sgml_tag(m["inner"], "BODY")
            if body and len(body) >= 300:
                yield {"title": _sgml_text(_sgml_tag(m["inner"], "TITLE") or ""), "text": _sgml_text(body),
                       "url": f"reuters:{path.stem}:{n}"}


def _filled(mb: float) -> Iterator[dict[str, Any]]:
    """Yield records until about mb megabytes of text; repeats get a `Copy N.` paragraph (new ids)."""
    target, size, copy = int(mb * 2**20), 0, 0
    while True:
        for r in _records():
            if copy:
                r = {**r, "text": f"Copy {copy}.\n\n{r['text']}", "url": f"{r['url']}#copy{copy}"}
            size += len(r["text"].encode()) + len(r["title"]) + 60
            yield r
            if size >= target:
                return
        copy += 1


def build_inputs(folder: Path, mb: float) -> dict[str, Path]:
    """Write many.jsonl and single.txt of about mb megabytes each into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    many, single = folder / "many.jsonl", folder / "single.txt"
    with many.open("w", encoding="utf-8") as out:
        for r in _filled(mb):
            out.write(json.dumps(r) + "\n")
    with single.open("w", encoding="utf-8") as out:
        out.write("One very long article\n\n")
        for r in _filled(mb):
            out.write("\n\n".join(p.strip() for p in r["text"].split("\n\n") if p.strip()) + "\n\n")
    return {"many.jsonl": many, "single.txt": single}


def child(opts: dict[str, Any]) -> None:
    """Ingest one file into a fresh home and print the report as one JSON line."""
    from ragnews import NewsRAG, Settings

    settings = Settings(home=Path(opts["home"]), chroma_url=None, max_file_mb=opts["limit_mb"])
    embedder = HashEmbedder() if opts["embedder"] == "hash" else None
    started = time.process_time()
    with NewsRAG(settings=settings, embedder=embedder) as rag:
        report = rag.ingest(opts["path"])
        chunks = rag.records.chunk_count()
    print(json.dumps({**report.summary(), "chunks": chunks, "cpu_seconds": round(time.process_time() - started, 1),
                      "failures": [str(f) for f in report.failed][:3]}))


def measure(path: Path, work: Path, embedder: str) -> dict[str, Any]:
    """Ingest path in a child; return its figures."""
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    opts = {"home": str(home), "path": str(path), "embedder": embedder, "limit_mb": 10_000}
    result = run_child(["benchmarks.bench_large_file", "--child", json.dumps(opts)], nice=0)
    return {"file_mb": round(path.stat().st_size / 2**20, 1), "embedder": embedder, **result.output,
            "wall_seconds": round(result.wall_seconds, 1), "peak_rss_mb": round(result.peak_rss_mb),
            "peak_tree_rss_mb": round(result.peak_tree_rss_mb), "under_1_5_gb": result.peak_tree_rss_mb < LIMIT_MB}


def main(argv: Sequence[str] | None = None) -> None:
    """Build the inputs, ingest each in a child, print the figures and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=60.0, help="size of each input file (default 60)")
    parser.add_argument("--embedder", choices=("hash", "minilm"), default="hash")
    parser.add_argument("--only", choices=("many.jsonl", "single.txt"), help="measure one input only")
    parser.add_argument("--out", type=Path, help="JSON report (default benchmarks/results/bench_large_file[_EMB_MB].json)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(json.loads(args.child))
        return
    if not (DATA / "reuters21578").is_dir():
        sys.exit(f"needs the real data in {DATA} (see its README)")
    with tempfile.TemporaryDirectory(prefix="ragnews-large-") as tmp:
        inputs = build_inputs(Path(tmp) / "inputs", args.mb)
        rows = {}
        for name, path in inputs.items():
            if args.only and name != args.only:
                continue
            rows[name] = measure(path, Path(tmp), args.embedder)
            print(f"{name:<12} {rows[name]['file_mb']:>6.1f} MB  peak RSS {rows[name]['peak_tree_rss_mb']:>5} MB  "
                  f"{rows[name]['cpu_seconds']:>7.1f} s CPU  {rows[name]['wall_seconds']:>7.1f} s wall  "
                  f"new {rows[name]['new']} chunks {rows[name]['chunks']} failed {rows[name]['failed']}", flush=True)
    report = {"benchmark": "bench_large_file", "mb": args.mb, "embedder": args.embedder, "limit_mb": LIMIT_MB,
              "command": "python -m benchmarks.bench_large_file " + " ".join(argv if argv is not None else sys.argv[1:]),
              "machine": machine(), "rows": rows}
    suffix = "" if args.mb == 60 and args.embedder == "hash" else f"_{args.embedder}_{args.mb:g}mb"
    write_json(args.out or RESULTS / f"bench_large_file{suffix}.json", report)
    print(json.dumps(report))


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
