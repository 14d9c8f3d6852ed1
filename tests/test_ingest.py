"""Ingestion: idempotency, updates without orphans, kill -9 recovery, bad input, offline."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import pytest

from benchmarks.bench_large_file import HashEmbedder
from ragnews import NewsRAG, Settings

from .conftest import EXAMPLES, REUTERS_AUG

CRASH_SCRIPT = Path(__file__).parent / "scripts" / "crash_ingest.py"


def store_ids(rag: NewsRAG) -> list[str]:
    """All chunk ids in the vector store."""
    return sorted(cast(Any, rag.store)._col.get(include=[])["ids"])


def state(rag: NewsRAG) -> dict[str, Any]:
    """Everything an ingest writes, in comparable form."""
    q = rag.records._query
    return {
        "articles": sorted(q("SELECT id, story_id, title FROM articles")),
        "chunks": sorted(q("SELECT id, article_id, start, end FROM chunks")),
        "keys": sorted(q("SELECT key, article_id FROM source_keys")),
        "fts": q("SELECT COUNT(*) FROM chunks_fts")[0][0],
        "fts_hits": sorted(r[0] for r in q("SELECT c.id FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid WHERE chunks_fts MATCH 'korea'")),
        "pending": q("SELECT COUNT(*) FROM pending")[0][0],
        "store": store_ids(rag),
    }


def test_reingest_of_unchanged_articles_is_skipped_and_embeds_nothing(example_copy: NewsRAG) -> None:
    before = state(example_copy)
    report = example_copy.ingest(EXAMPLES)
    assert report.summary() == {"new": 0, "updated": 0, "skipped": 3, "failed": 0}
    assert report.chunks_embedded == 0
    assert state(example_copy) == before


def test_example_articles_titles_dates_and_sources(example_rag: NewsRAG) -> None:
    by_file = {Path(a.path).name: a for a in example_rag.articles()}
    assert by_file["000_b02027f058b419c9.txt"].published.isoformat().startswith("2021-08-23")
    assert by_file["000_b02027f058b419c9.txt"].title == "US envoy says no hostile intent towards North Korea, calls for talks"
    assert by_file["004_7e964dae68d9b4d9.txt"].published.isoformat() == "2021-06-21"
    assert by_file["001_7b07b0b14461c031.txt"].published is None  # the "Copyright 2023" footer is not a date
    assert by_file["001_7b07b0b14461c031.txt"].title == "Biden envoy calls on North Korea to restart nuclear talks"
    assert len(example_rag.records.chunks_of(by_file[REUTERS_AUG].id)) >= 2


def test_changed_article_replaces_its_chunks_without_orphans(rag: NewsRAG, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text((EXAMPLES / REUTERS_AUG).read_text(encoding="utf-8"), encoding="utf-8")
    first = rag.ingest(path)
    old_id = first.new[0]
    old_chunks = set(rag.records.chunk_ids_of(old_id))
    path.write_text(path.read_text(encoding="utf-8").replace("four-day visit", "five-day visit"), encoding="utf-8")
    second = rag.ingest(path)
    assert second.summary() == {"new": 0, "updated": 1, "skipped": 0, "failed": 0}
    assert 0 < second.chunks_embedded < len(old_chunks) + 1  # unchanged chunk texts reuse their vectors
    new_id = second.updated[0]
    assert [a.id for a in rag.articles()] == [new_id]
    assert not old_chunks & set(store_ids(rag))
    assert store_ids(rag) == sorted(rag.records.chunk_ids_of(new_id))
    assert "five-day visit" in rag.article(new_id).body


def _run(home: Path, path: Path, *crash: str) -> subprocess.CompletedProcess[str]:
    """Run the crash script in a child process."""
    return subprocess.run([sys.executable, str(CRASH_SCRIPT), str(home), str(path), *crash], capture_output=True, text=True, timeout=300)


def _corpus(tmp_path: Path, edit: str = "") -> Path:
    """Write a JSONL corpus of 12 distinct articles cut from the examples (optionally edited)."""
    sentences = [s.strip() for f in sorted(EXAMPLES.iterdir()) for s in f.read_text(encoding="utf-8").split(".") if len(s.strip()) > 40]
    lines = []
    for i in range(12):
        body = ". ".join(sentences[i : i + 6]) + f". Item {i}{edit}."
        lines.append(json.dumps({"title": f"Story {i}", "body": body, "url": f"https://example.test/{i}", "published": f"2021-08-{i + 1:02d}"}))
    path = tmp_path / f"corpus{edit and '_edited'}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference_states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """States of uninterrupted runs: corpus v1, and v1 then v2 (every article edited)."""
    tmp = tmp_path_factory.mktemp("reference")
    v1, v2 = _corpus(tmp), _corpus(tmp, " revised")
    assert _run(tmp / "h1", v1).returncode == 0
    assert _run(tmp / "h2", v1).returncode == 0 and _run(tmp / "h2", v2).returncode == 0
    return {"v1": _state_of(tmp / "h1"), "v2": _state_of(tmp / "h2"), "dir": tmp}


def _state_of(home: Path) -> dict[str, object]:
    """State of a home, opened fresh."""
    with NewsRAG(settings=Settings(home=home, chroma_url=None)) as r:
        return state(r)


@pytest.mark.slow
@pytest.mark.parametrize("step,n", [("pending", 2), ("upsert", 2), ("write", 5)])
def test_kill_minus_9_during_first_ingest_then_rerun_matches_uninterrupted(reference_states: dict, tmp_path: Path, step: str, n: int) -> None:
    corpus = _corpus(tmp_path)
    crashed = _run(tmp_path / "home", corpus, step, str(n))
    assert crashed.returncode == -9, crashed.stderr[-2000:]
    assert _run(tmp_path / "home", corpus).returncode == 0
    assert _state_of(tmp_path / "home") == reference_states["v1"]


@pytest.mark.slow
@pytest.mark.parametrize("step,n", [("write", 3), ("delete", 1), ("upsert", 1)])
def test_kill_minus_9_during_update_then_rerun_matches_uninterrupted(reference_states: dict, tmp_path: Path, step: str, n: int) -> None:
    v1, v2 = _corpus(tmp_path), _corpus(tmp_path, " revised")
    assert _run(tmp_path / "home", v1).returncode == 0
    crashed = _run(tmp_path / "home", v2, step, str(n))
    assert crashed.returncode == -9, crashed.stderr[-2000:]
    assert _run(tmp_path / "home", v2).returncode == 0
    assert _state_of(tmp_path / "home") == reference_states["v2"]


def _bad_inputs(folder: Path) -> None:
    """Write one file of each kind of bad input, plus two good ones."""
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (folder / "latin1.txt").write_bytes("Caf\xe9 talks resume\n\nOfficials met in Seoul on Monday to discuss aid.".encode("latin-1"))
    with open(folder / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    good = json.dumps({"title": "Aid talks", "body": "Officials discussed humanitarian aid for North Korea in Geneva.", "url": "u1"})
    untitled = json.dumps({"body": "An article without a title or a date, still worth keeping for its facts.", "url": "u2"})
    (folder / "feed.jsonl").write_text(f"{good}\n{{not json\n{untitled}\n", encoding="utf-8")


def test_bad_input_is_reported_and_damages_nothing(example_copy: NewsRAG, tmp_path: Path) -> None:
    before = state(example_copy)
    _bad_inputs(tmp_path / "bad")
    report = example_copy.ingest([tmp_path / "bad", tmp_path / "missing.txt"])
    reasons = {Path(f.path).name: (f.reason, f.line) for f in report.failed}
    assert set(reasons) == {"empty.txt", "binary.txt", "huge.txt", "feed.jsonl", "missing.txt"}
    assert "empty" in reasons["empty.txt"][0]
    assert "binary" in reasons["binary.txt"][0]
    assert "RAGNEWS_MAX_FILE_MB" in reasons["huge.txt"][0]
    assert reasons["feed.jsonl"][1] == 2
    assert any("latin1.txt" in w for w in report.warnings)
    assert len(report.new) == 3  # latin1.txt + two good JSONL lines
    titles = {a.title for a in example_copy.articles()}
    assert "Aid talks" in titles and "" in titles
    after = state(example_copy)
    assert set(before["chunks"]) < set(after["chunks"]) and after["pending"] == 0
    assert len(after["store"]) == len(after["chunks"])


def test_whole_ingest_and_ask_make_no_network_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every non-loopback connection is blocked by the guard; loading the model, ingesting and asking still work."""
    import pytest_socket

    from ragnews.embedders import MiniLMEmbedder

    pytest_socket.socket_allow_hosts(["127.0.0.1", "::1", "localhost"], allow_unix_socket=True)
    real_getaddrinfo = socket.getaddrinfo
    lookups: list[str] = []

    def loopback_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", "::1", "localhost", None):
            lookups.append(str(host))
            raise OSError(f"network lookups are forbidden in this test: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    try:
        # the guard itself refuses (not a missing network, which would also make a connect fail)
        with pytest.raises(pytest_socket.SocketConnectBlockedError):
            socket.socket().connect(("93.184.216.34", 80))
        blocked: list[str] = []
        real_connect = socket.socket.connect  # pytest_socket's guarded connect

        def counting_connect(self: socket.socket, address: Any) -> None:
            try:
                real_connect(self, address)
            except pytest_socket.SocketConnectBlockedError:
                blocked.append(repr(address))
                raise

        monkeypatch.setattr(socket.socket, "connect", counting_connect)
        with NewsRAG(settings=Settings(home=tmp_path / "offline", chroma_url=None), embedder=MiniLMEmbedder()) as rag:
            report = rag.ingest(EXAMPLES)
            answer = rag.ask("When did the nine-day joint military exercise begin?")
    finally:
        pytest_socket.enable_socket()
    assert report.summary()["new"] == 3 and not report.failed
    assert "Aug. 16" in answer.answer
    assert blocked == [] and lookups == [], (blocked, lookups)


OFFLINE_SCRIPT = Path(__file__).parent / "scripts" / "offline_ask.py"
NETAUDIT = Path(__file__).parent / "scripts" / "netaudit"


def _unshare_net() -> list[str] | None:
    """The command prefix that runs a process in a new network namespace, or None where it is not allowed."""
    import shutil

    if shutil.which("unshare") is None:
        return None
    for prefix in (["unshare", "-rn"], ["unshare", "-n"]):
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return None


def _run_offline(tmp_path: Path, prefix: list[str], name: str, *extra: str) -> tuple[dict[str, Any], list[str]]:
    """Run offline_ask.py in a network namespace; return its JSON line and the logged network attempts."""
    import os

    log = tmp_path / f"{name}.netlog"
    env = {**os.environ, "RAGNEWS_TEST_NETLOG": str(log),
           "PYTHONPATH": os.pathsep.join([str(NETAUDIT), str(OFFLINE_SCRIPT.parents[2]), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([*prefix, sys.executable, str(OFFLINE_SCRIPT), str(tmp_path / name), str(EXAMPLES),
                           "When did the nine-day joint military exercise begin?", *extra],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    attempts = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return json.loads(done.stdout.strip().splitlines()[-1]), attempts


def test_ingest_and_ask_in_a_network_namespace_attempt_no_connection(tmp_path: Path) -> None:
    """OS-level check: in a namespace without network, ingest (with worker processes) and ask work and try no connection.

    Every socket connect and name lookup of the process and its workers is counted by an audit
    hook; a probe run proves a deliberate connect is counted, so zero means none was tried.
    """
    prefix = _unshare_net()
    if prefix is None:
        pytest.skip("unshare cannot create a network namespace here (needs util-linux and user namespaces or root)")
    result, attempts = _run_offline(tmp_path, prefix, "clean")
    assert result == {"new": 3, "failed": 0, "answer": result["answer"]} and "Aug. 16" in result["answer"]
    assert attempts == [], attempts
    _, probed = _run_offline(tmp_path, prefix, "probe", "--probe")
    assert any("connect ('93.184.216.34', 80)" in line for line in probed), probed


def test_worker_processes_in_a_script_without_main_guard_fail_with_a_clear_ingest_error(tmp_path: Path) -> None:
    script = tmp_path / "no_guard.py"  # spawned workers re-run this file, which starts another pool while bootstrapping
    script.write_text(
        "from ragnews import IngestError, NewsRAG, Settings\n"
        f"rag = NewsRAG(settings=Settings(home={str(tmp_path / 'home')!r}, chroma_url=None, ingest_workers=1, llm='extractive'))\n"
        "try:\n"
        f"    rag.ingest({str(EXAMPLES)!r})\n"
        "except IngestError as exc:\n"
        "    print('INGEST-ERROR:', exc)\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    lines = [line for line in done.stdout.splitlines() if line.startswith("INGEST-ERROR:")]
    assert lines, done.stdout[-2000:] + done.stderr[-2000:]
    assert "__main__" in lines[-1] and "RAGNEWS_INGEST_WORKERS" in lines[-1]
    with NewsRAG(settings=Settings(home=tmp_path / "home", chroma_url=None, llm="extractive")) as rag:
        report = rag.ingest(EXAMPLES)  # without workers the same home ingests cleanly: nothing lost or duplicated
        assert report.summary()["failed"] == 0 and rag.records.article_count() == 3 == len(report.new) + len(report.skipped)
        assert rag.store.count() == rag.records.chunk_count()


def test_ingest_with_worker_processes_stores_what_an_in_process_ingest_stores(example_rag: NewsRAG, tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "workers", chroma_url=None, ingest_workers=1, llm="extractive")
    with NewsRAG(settings=settings, embedder=embedder) as rag:
        report = rag.ingest(EXAMPLES)
        assert report.summary() == {"new": 3, "updated": 0, "skipped": 0, "failed": 0}
        assert _chunk_ids(rag) == _chunk_ids(example_rag) and rag.store.count() == example_rag.store.count()


def _chunk_ids(rag: NewsRAG) -> set[str]:
    """Every stored chunk id of a home's records."""
    return {c.id for aid in rag.records.article_ids() for c in rag.records.chunks_of(aid)}


def test_commits_keep_pace_with_embedding_and_status_counts_articles_and_chunks(rag: NewsRAG, tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3
    import time

    import ragnews.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "_BATCH_CHUNKS", 2)
    monkeypatch.setattr(ingest_module, "_WINDOW_SECONDS", 0.2)
    monkeypatch.setattr(ingest_module, "_STATUS_EVERY", 0.0)

    class Slow:  # an embedder at ~20 texts/s, so a window is a few texts
        name, dim = embedder.name, embedder.dim

        def embed(self, texts):
            time.sleep(0.05 * len(texts))
            return embedder.embed(texts)

    rag._embedder = Slow()
    seen = []
    probe = sqlite3.connect(rag.records.path, check_same_thread=False)

    def status(p):
        committed = probe.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        seen.append((p.files_done, p.articles_read, p.articles_stored, p.chunks_stored, committed))

    report = rag.ingest(_corpus(tmp_path), status=status)
    total = rag.records.chunk_count()
    assert report.summary()["new"] == 12 and total >= 12
    during = sorted({s[3] for s in seen if 0 < s[3] < total})
    assert len(during) >= 3, seen  # several commits while the run was still going, not one at the end
    assert all(s[4] >= s[3] for s in seen)  # what status calls stored is committed in SQLite
    assert seen[-1][:4] == (1, 12, 12, total)
    assert max(s[1] for s in seen if s[0] == 0) > 0  # articles counted before the (only) file was finished


def test_a_huge_article_is_embedded_in_parts_each_committed_to_the_cache(rag: NewsRAG, tmp_path: Path, embedder,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """One article of many windows: a failure (or kill) mid-way keeps the parts embedded so far; the re-run embeds only the rest."""
    import ragnews.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "_EMBED_CHUNKS", 4)  # parts of 4 chunks; "huge" = more than 8
    body = "\n\n".join(f"Paragraph {n}: the envoy met officials in Seoul on day {n} and said talks would resume. " * 12
                       for n in range(30))
    path = tmp_path / "huge.txt"
    path.write_text("A very long article\n\n" + body, encoding="utf-8")
    calls: list[int] = []

    class FailsThird:
        name, dim = embedder.name, embedder.dim

        def embed(self, texts):
            calls.append(len(texts))
            if len(calls) == 3:
                raise RuntimeError("stopped in the third part")
            return embedder.embed(texts)

    rag._embedder = FailsThird()
    with pytest.raises(RuntimeError):
        rag.ingest(path)
    assert calls[:2] == [4, 4] and rag.records.chunk_count() == 0  # the article is not stored ...
    assert rag.records._query("SELECT COUNT(*) FROM embeddings")[0][0] == 8  # ... but two parts' vectors are

    counted: list[int] = []

    class Counting:
        name, dim = embedder.name, embedder.dim

        def embed(self, texts):
            counted.append(len(texts))
            return embedder.embed(texts)

    rag._embedder = Counting()
    seen: list[int] = []
    report = rag.ingest(path, status=lambda p: seen.append(p.chunks_embedded))
    chunks = rag.records.chunk_count()
    assert report.summary()["new"] == 1 and chunks > 12
    assert sum(counted) == report.chunks_embedded == chunks - 8 and report.chunks_reused == 8
    assert max(seen) == chunks - 8  # progress counted the parts while the article was not stored yet
    cached = rag.records.chunk_vectors(rag.records.all_chunk_ids())
    fresh = {c.id: embedder.embed([c.embed_text])[0] for c in rag.records.get_chunks(rag.records.all_chunk_ids()).values()}
    assert all(float(cached[cid] @ fresh[cid]) > 0.9999 for cid in fresh)  # the same vectors as one uninterrupted run


class _Vectors(HashEmbedder):
    """The large-file benchmark's hash embedder under the real one's name and size (memory tests embed
    thousands of texts)."""

    def __init__(self, like: Any) -> None:
        self.name: str = like.name
        self.dim: int = like.dim


def test_a_huge_article_is_embedded_and_written_a_part_at_a_time_in_memory(rag: NewsRAG, tmp_path: Path, embedder,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Embedding and writing one huge article never hold all its embedded texts, vectors or chunk metadata
    at once (a 60 MB article is 82k chunks: ~75 MB of texts, 120 MB of vectors, ~70 MB of metadata).

    Python allocations are counted (tracemalloc), so the bound does not depend on the machine's load:
    each phase's peak must stay well under what all the chunks' embedded texts take (bookkeeping of
    ~0.4 bytes per text byte, hashes and ids, is per chunk; holding every text or metadata dict is > 1).
    """
    import tracemalloc

    import ragnews.ingest as ingest_module
    from ragnews.ingest import Ingestor

    from ragnews.adapters import chunking

    for name, value in (("_EMBED_CHUNKS", 8), ("_BATCH_CHUNKS", 8), ("_UPSERT_CHUNKS", 16)):
        monkeypatch.setattr(ingest_module, name, value)  # parts of 8 chunks ("huge": more than 16), write slices of 16
    monkeypatch.setattr(chunking, "SPAN_CHUNK_CHARS", 10_000)  # its chunks are SpanChunks, as a huge body's are
    body = "\n\n".join(f"Paragraph {n}: the envoy met officials in Seoul on day {n} and said talks would resume. " * 9
                       for n in range(160))
    path = tmp_path / "huge.txt"
    path.write_text("A very long article\n\n" + body, encoding="utf-8")
    peaks: dict[str, int] = {}

    def measured(name: str, method: Any) -> Any:
        def run(self: Ingestor, *args: Any, **kwargs: Any) -> Any:
            if len(args[0]) != 1 or len(args[0][0].chunks) < 100:  # only the huge article's window and batch
                return method(self, *args, **kwargs)
            tracemalloc.start()  # counts what the phase allocates (both threads are in it: the producer is done)
            try:
                return method(self, *args, **kwargs)
            finally:
                peaks[name] = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
        return run

    monkeypatch.setattr(Ingestor, "_embed_window", measured("embed", Ingestor._embed_window))
    monkeypatch.setattr(Ingestor, "_write", measured("write", Ingestor._write))
    rag._embedder = _Vectors(embedder)
    report = rag.ingest(path)
    chunks = rag.records.get_chunks(rag.records.all_chunk_ids()).values()
    texts = sum(sys.getsizeof(c.embed_text) for c in chunks)
    assert report.summary()["new"] == 1 and len(chunks) > 120 and set(peaks) == {"embed", "write"}
    assert peaks["embed"] < 0.75 * texts and peaks["write"] < 0.75 * texts, (peaks, texts)
