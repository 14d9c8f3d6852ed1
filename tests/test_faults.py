"""Fault suite: each fault gives one line naming the file or setting and the next step, never a traceback.

Runs the real `ragnews` command in child processes (as a user would) over damaged, moved,
read-only and full homes. Bounded in time: it reuses the session's example home.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, run_read_only

QUESTION = "Who visited Korea?"


def ragnews(*argv: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `python -m ragnews ARGV` as a child process."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "ragnews", *argv], capture_output=True, text=True, env=full_env, timeout=timeout)


def assert_one_line(result: subprocess.CompletedProcess[str], *must: str) -> str:
    """The run failed with exactly one stderr line, no traceback, containing every `must`."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr and len(lines) == 1, result.stderr[-3000:]
    for text in must:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def home(example_home: Path, tmp_path: Path) -> Path:
    """A private copy of the ingested example home."""
    copy = tmp_path / "home"
    shutil.copytree(example_home, copy)
    return copy


def test_truncated_chroma_file_is_one_line_naming_doctor_repair_for_ask_and_ingest(home: Path) -> None:
    db = home / "chroma" / "chroma.sqlite3"
    db.write_bytes(db.read_bytes()[:40000])
    for argv in (["ask", QUESTION], ["ingest", str(EXAMPLES)], ["timeline", "Korea"]):
        result = ragnews(*argv, "--home", str(home))
        assert result.returncode == 2
        assert_one_line(result, str(home / "chroma"), "ragnews doctor --repair")
    assert ragnews("doctor", "--repair", "--home", str(home)).returncode == 0
    assert ragnews("ask", QUESTION, "--home", str(home)).returncode == 0


def test_moved_away_chroma_is_one_line_not_a_bm25_only_answer_or_a_skipping_ingest(home: Path, tmp_path: Path) -> None:
    shutil.move(home / "chroma", tmp_path / "elsewhere")
    for argv in (["ask", QUESTION], ["ingest", str(EXAMPLES)]):
        result = ragnews(*argv, "--home", str(home))
        assert result.returncode == 2
        assert_one_line(result, "ragnews doctor --repair")
    repaired = ragnews("doctor", "--repair", "--home", str(home))
    assert repaired.returncode == 0 and "0 embedded" in repaired.stdout, repaired.stdout


def test_read_only_home_answers_and_lists_and_refuses_ingest_in_one_line(home: Path) -> None:
    asked = run_read_only(home, "ask", QUESTION, "--home", str(home), "--json")
    assert asked.returncode == 0 and "Traceback" not in asked.stderr, asked.stderr[-3000:]
    assert '"dense_rank": 1' in asked.stdout  # the dense side works without Chroma opening its files
    for argv in (["articles"], ["summarize", "--query", "Korea"], ["timeline", "Korea"]):
        result = run_read_only(home, *argv, "--home", str(home))
        assert result.returncode == 0 and not result.stderr.strip(), (argv, result.stderr[-3000:])
    chat = run_read_only(home, "chat", "--home", str(home), stdin="Who visited Seoul?\n")
    assert chat.returncode == 0 and "Sung Kim" in chat.stdout and not chat.stderr.strip(), chat.stderr[-3000:]
    ingest = run_read_only(home, "ingest", str(EXAMPLES), "--home", str(home))
    assert ingest.returncode == 2
    line = assert_one_line(ingest, str(home), "read-only")
    assert "move" not in line and "re-ingest" not in line  # no advice that throws away good data


def test_ingest_failures_go_to_stderr_as_file_line_without_doubled_words(tmp_path: Path) -> None:
    feed = tmp_path / "bad.jsonl"
    feed.write_text('{"title": "A", "body": "Officials met in Geneva on Monday to discuss aid."}\n{"title": "unterminated\n'
                    '{"title": "no body"}\n', encoding="utf-8")
    result = ragnews("ingest", str(feed), "--home", str(tmp_path / "h"))
    assert result.returncode == 1 and "failed" not in result.stdout.replace("failed: 2", "")
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ")[1] for line in lines] == [f"{feed}:2", f"{feed}:3"], lines
    assert all(" at at " not in line and "#" not in line for line in lines)


def test_llm_fallback_warning_is_one_plain_line_without_a_source_path(home: Path) -> None:
    env = {"RAGNEWS_LLM": "openai", "RAGNEWS_OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "RAGNEWS_OPENAI_API_KEY": "test-key",
           "RAGNEWS_LLM_FALLBACK": "true", "RAGNEWS_LLM_MAX_RETRIES": "0", "RAGNEWS_LLM_TIMEOUT": "2"}
    result = ragnews("ask", QUESTION, "--home", str(home), env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    line = assert_one_line(result, "warning: the LLM failed, answered extractively instead")
    assert ".py" not in line and "UserWarning" not in line and "test-key" not in line
