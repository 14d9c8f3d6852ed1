"""The ragnews command line: ingest, articles, ask."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ragnews.cli import main

from .conftest import EXAMPLES


@pytest.fixture
def home(example_home: Path, tmp_path: Path) -> str:
    """A writable copy of the example home."""
    shutil.copytree(example_home, tmp_path / "home")
    return str(tmp_path / "home")


def test_ingest_then_articles_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "h")
    assert main(["ingest", str(EXAMPLES), "--home", home]) == 0
    assert "new: 3" in capsys.readouterr().out
    assert main(["articles", "--json", "--home", home]) == 0
    rows = json.loads(capsys.readouterr().out)
    dates = sorted(r["published"][:10] for r in rows)
    assert dates == ["", "2021-06-21", "2021-08-23"]
    assert {"id", "published", "source", "title", "story_id"} <= set(rows[0])
    assert main(["ingest", str(EXAMPLES), "--home", home]) == 0
    out = capsys.readouterr().out
    assert "skipped: 3" in out and "chunks embedded: 0" in out


def test_ingest_exit_code_1_when_a_file_fails_but_others_are_ingested(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Aid convoy reaches border\n\nThe convoy carried food and medicine to the border town on Friday.", encoding="utf-8")
    code = main(["ingest", str(good), str(tmp_path / "nope.txt"), "--home", home])
    captured = capsys.readouterr()
    assert code == 1
    assert "new: 1" in captured.out and "failed: 1" in captured.out
    assert "nope.txt" in captured.err and "no such file" in captured.err and "nope.txt" not in captured.out  # failures on stderr


def test_ask_json_has_answer_citations_evidence(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "When did the nine-day joint military exercise begin?", "--json", "--home", home]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"answer", "citations", "evidence", "abstained", "timings"} <= set(data)
    assert "Aug. 16" in data["answer"] and not data["abstained"]
    c = data["citations"][0]
    assert {"n", "article_id", "title", "source", "published", "url", "chunk_id", "start", "end", "quote"} <= set(c)


def test_ask_human_output_lists_sources_with_quotes(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "What did North Korea demand for sanctions relief?", "--home", home]) == 0
    out = capsys.readouterr().out
    assert "Sources:" in out and "[1]" in out and "metal exports" in out
    assert "\x1b[" not in out  # no ANSI codes when stdout is not a terminal


def test_ask_source_filter_and_bad_date(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "What did Noh say?", "--source", "Reuters", "--json", "--home", home]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["evidence"] and all(e["source"] == "Reuters" for e in data["evidence"])
    assert main(["ask", "What did Noh say?", "--since", "last week", "--home", home]) == 2
    assert "since='last week' is not a date" in capsys.readouterr().err


def test_openai_engine_without_configuration_is_a_clear_error(home: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    assert main(["ask", "What did Noh say?", "--llm", "openai", "--home", home]) == 2
    err = capsys.readouterr().err
    assert "OPENAI_API_KEY" in err and "Traceback" not in err


def test_ask_empty_question_is_a_usage_error(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "   ", "--home", home]) == 2
    assert "question is empty" in capsys.readouterr().err


def test_ask_reports_what_it_understood(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    """One dimmed line says which outlets and dates were read from the question; JSON carries the same."""
    assert main(["ask", "What did Reuters report about sanctions in August 2021?", "--home", home]) == 0
    assert 'searched with outlets: Reuters · dates: 2021-08-01..2021-08-31 ("in August 2021")' in capsys.readouterr().out
    assert main(["ask", "What did Reuters report about sanctions in August 2021?", "--json", "--home", home]) == 0
    understood = json.loads(capsys.readouterr().out)["understood"]
    assert understood["outlets"] == ["Reuters"] and understood["dates"]["since"] == "2021-08-01"
    assert main(["ask", "What did Noh say?", "--source", "reuters", "--json", "--home", home]) == 0
    assert {e["source"] for e in json.loads(capsys.readouterr().out)["evidence"]} == {"Reuters"}
