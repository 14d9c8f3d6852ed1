"""keyterms.name_spans: the one extractor of a question's named things (answerability and story scope)."""

from __future__ import annotations

from ragnews.keyterms import name_spans
from ragnews.nlp import parse


def spans(text: str, nationalities: bool = False) -> list[str]:
    """The texts of name_spans(parse(text))."""
    return [s.text for s in name_spans(parse(text), nationalities=nationalities)]


def test_entities_and_names_the_ner_missed_are_found_titles_dropped() -> None:
    found = spans("What did Sung Kim and Foreign Minister Chung Eui-yong discuss in June?")
    assert found == ["Sung Kim", "Chung Eui-yong"]  # "Foreign Minister" is a title, "June" a date


def test_a_hyphen_joins_two_proper_nouns_into_one_name() -> None:
    assert spans("Why did the Trump-Kim summit collapse?") == ["Trump-Kim"]


def test_a_bare_title_is_not_a_name() -> None:
    assert spans("Who is the CEO of Apple?") == ["Apple"]


def test_nationalities_only_when_asked_for() -> None:
    assert spans("Iranian attacks on Kuwaiti tankers") == ["Kuwaiti"]
    assert spans("Iranian attacks on Kuwaiti tankers", nationalities=True) == ["Iranian", "Kuwaiti"]
