"""Public data types: the answer stream and the neutral filters."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

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


def test_the_embedded_header_drops_separators_day_and_ellipsis_but_keeps_the_searched_line_whole() -> None:
    """Every chunk's vector carries the metadata line, so its tokens are ingest cost: the embedded form keeps the
    words (title, outlet, month, year) and drops what a vector cannot use; the searched line (head) is unchanged."""
    from datetime import date

    from ragnews.models import Chunk, chunk_header, embed_header

    head = chunk_header("BAHIA COCOA REVIEW", "Reuters", date(1987, 2, 26))
    assert head == "BAHIA COCOA REVIEW | Reuters, 26 February 1987"  # BM25 still sees the day
    assert embed_header(head) == "BAHIA COCOA REVIEW\nReuters February 1987"
    assert embed_header(chunk_header("Democrats see glimmers of hope as the Senate battlefield takes ...", "cnn.com", date(2022, 8, 10))) \
        == "Democrats see glimmers of hope as the Senate battlefield takes\ncnn.com August 2022"
    assert embed_header(chunk_header("Who is to blame? | The Week UK", "", date(2021, 10, 15))) == "Who is to blame?\nThe Week UK\nOctober 2021"
    assert embed_header(chunk_header("Fiji coup leader", "Reuters", None)) == "Fiji coup leader\nReuters"
    assert embed_header(chunk_header("", "cnn.com", date(2022, 10, 19))) == "cnn.com October 2022"
    chunk = Chunk("c", "a", 0, 0, 9, "Showers continued.", head)
    assert chunk.text == "Showers continued." and chunk.head == head  # quotes and the searched line: untouched
    assert chunk.embed_text == "BAHIA COCOA REVIEW\nReuters February 1987\nShowers continued."


def test_the_embedded_header_costs_fewer_model_tokens(embedder: Any) -> None:
    from datetime import date

    from ragnews.models import Chunk, chunk_header

    head = chunk_header("Ukrainian cities ban independence day events as Zelensky warns of ...", "cnn.com", date(2022, 8, 22))
    chunk = Chunk("c", "a", 0, 0, 40, "Kyiv banned public events on Monday.", head)
    assert embedder.count_tokens(chunk.embed_text) <= embedder.count_tokens(f"{head}\n{chunk.text}") - 5
