"""Explained empties: an empty home, filters matching nothing, since > until and empty questions say why."""

from __future__ import annotations

import pytest

from ragnews import ConfigError, EmptyError, NewsRAG
from ragnews.cli import main


@pytest.mark.parametrize("kwargs,expected", [
    ({"sources": ["AP"]}, r"outlet filter AP matches no stored article; stored outlets: Reuters \(2\), unknown outlet \(1\)"),
    ({"since": "2030-01-01"}, r"no stored article was published on or after 2030-01-01; stored articles run from 2021-\d\d-\d\d to 2021-08-23 \(1 undated\)"),
    ({"articles": ["nope"]}, r"none of the article ids nope is stored"),
])
def test_filter_matching_nothing_names_the_filter_and_what_exists(example_rag: NewsRAG, kwargs: dict, expected: str) -> None:
    with pytest.raises(EmptyError, match=expected):
        example_rag.ask("Who visited Korea?", **kwargs)


def test_filters_that_match_only_apart_say_so(example_rag: NewsRAG) -> None:
    with pytest.raises(EmptyError, match="all filters together"):
        example_rag.ask("Who visited Korea?", since="2021-08-20", sources=[""])  # the undated article has no outlet


def test_since_after_until_and_empty_question_are_usage_errors(example_rag: NewsRAG) -> None:
    with pytest.raises(ConfigError, match=r"since \(2021-08-01\) is after until \(2021-07-01\)"):
        example_rag.ask("Who visited Korea?", since="2021-08-01", until="2021-07-01")
    with pytest.raises(ConfigError, match="question is empty"):
        example_rag.ask("   ")


def test_empty_home_says_ingest_first(rag: NewsRAG) -> None:
    with pytest.raises(EmptyError, match=r"holds no articles yet; run `ragnews ingest PATH` first"):
        rag.ask("Who visited Korea?")


def test_cli_exit_codes_and_one_line_messages(example_home, tmp_path, capsys) -> None:
    home = ["--home", str(example_home)]
    assert main(["ask", "Who visited Korea?", "--source", "AP", *home]) == 1
    assert main(["ask", "Who visited Korea?", "--since", "2021-08-01", "--until", "2021-07-01", *home]) == 2
    assert main(["ask", "", *home]) == 2
    assert main(["ask", "Who?", "--home", str(tmp_path / "empty")]) == 1
    assert main(["articles", "--home", str(tmp_path / "empty")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 5 and all("Traceback" not in line for line in err), err
    assert err[0].startswith("nothing to search: the outlet filter AP") and "ragnews ingest" in err[-1]
