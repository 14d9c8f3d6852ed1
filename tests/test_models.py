"""Public data types: the answer stream and the neutral filters."""

from __future__ import annotations

from collections.abc import Generator

import pytest

from ragnews import Answer
from ragnews.models import CANNOT_ANSWER, AnswerStream, Filters


def _writer(log: list[str]) -> Generator[str, None, Answer]:
    try:
        yield "Kim "
        yield "met Noh."
        return Answer(question="q", answer="Kim met Noh.")
    finally:
        log.append("closed")


def test_iterating_yields_pieces_then_the_answer_which_is_also_at_answer() -> None:
    stream = AnswerStream(_writer([]))
    items = list(stream)
    assert items[:2] == ["Kim ", "met Noh."] and isinstance(items[2], Answer)
    assert stream.answer is items[2] and list(stream) == []


def test_answer_drains_the_rest_and_then_maps_the_final_answer() -> None:
    stream = AnswerStream(_writer([]))
    assert next(stream) == "Kim "
    assert stream.answer.answer == "Kim met Noh."
    mapped = AnswerStream(_writer([])).then(lambda a: a.model_copy(update={"answer": CANNOT_ANSWER}))
    assert list(mapped.pieces()) == ["Kim ", "met Noh."] and mapped.answer.answer == CANNOT_ANSWER


def test_closing_stops_the_writer_and_leaves_no_answer() -> None:
    log: list[str] = []
    stream = AnswerStream(_writer(log))
    assert next(stream) == "Kim "
    stream.close()
    assert log == ["closed"]
    with pytest.raises(RuntimeError, match="closed before"):
        stream.answer


def test_of_wraps_a_finished_answer() -> None:
    done = Answer(question="q", answer=CANNOT_ANSWER, abstained=True)
    assert list(AnswerStream.of(done)) == [done]


def test_filters_until_a_date_includes_that_whole_day() -> None:
    lo, hi = Filters.build(since="2021-08-01", until="2021-08-01").bounds()
    assert hi is not None and lo is not None and hi - lo == 86399


def test_a_long_body_gets_the_same_id_when_hashed_piece_by_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    from ragnews import models

    # NFKC changes (ligature, full-width, no-break space, a diaeresis that decomposes to a space) and
    # combining marks right after the spaces where pieces are cut
    body = "\n\n".join(f"Para {n}: the ﬁrst ＡＢＣ\u00a0test caf\u0065\u0301 \u0301x \u00a8 end.\t  tail  " for n in range(400))
    whole = models.article_id_for("Title ﬁ", body)
    for size in (7, 64, 1000):
        monkeypatch.setattr(models, "_HASH_PIECE", size)
        assert models.article_id_for("Title ﬁ", body) == whole
    assert "".join(models._whitespace_pieces(body, 64)) == body
