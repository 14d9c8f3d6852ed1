"""Summaries: one article, a topic across articles, syndicated copies, disagreements, LLM checks, CLI.

LLM cassette tests (real recorded traffic, as for answers) are still to be recorded by
whoever has an endpoint: record with RAGNEWS_RECORD=1 through tests/_vcr.py's vcr_for.
The fake-LLM tests below prove that verification catches a fabricated sentence.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ragnews import Article, ConfigError, NewsRAG, NotFoundError, Settings, Summary
from ragnews.cli import EXIT_USAGE, main
from ragnews.errors import EmptyError
from ragnews.models import Evidence
from ragnews.summarize import (
    CNNDM_STOP_WORDS, ExtractiveSummarizer, LLMSummarizer, article_evidence, fit_budget, summarize_texts, word_count,
)
from ragnews.verify import Verifier

from .conftest import HILL, REUTERS_AUG, REUTERS_JUNE, ScriptedLLM, article_id_of

QUERY = "Sung Kim's visits to Seoul"


def _body_words(summary: Summary) -> int:
    """Words of the summary's sentences (markers excluded)."""
    return sum(word_count(s.text) for s in summary.sentences)


def _assert_cited_and_exact(rag: NewsRAG, summary: Summary) -> None:
    """Every sentence is cited and supported; every citation quotes its article exactly and is used."""
    assert summary.sentences
    numbers = {c.n for c in summary.citations}
    for sentence in summary.sentences:
        assert sentence.citations and sentence.supported, sentence
        assert set(sentence.citations) <= numbers
    for c in summary.citations:
        assert rag.article(c.article_id).body[c.start : c.end] == c.quote
        assert f"[{c.n}]" in summary.text


@pytest.mark.parametrize("words", [40, 120])
def test_article_summary_is_cited_exact_and_within_budget(example_rag: NewsRAG, words: int) -> None:
    aid = article_id_of(example_rag, REUTERS_AUG)
    summary = example_rag.summarize(aid, words=words)
    _assert_cited_and_exact(example_rag, summary)
    assert 0 < _body_words(summary) <= words
    assert {c.article_id for c in summary.citations} == {aid}
    assert summary.article_id == aid and summary.engine == "extractive"
    assert all(c.chunk_id.startswith(aid) for c in summary.citations)
    # the news lead is the strongest sentence: it opens the summary
    assert summary.sentences[0].text.startswith("The US does not have hostile intent")


def test_article_summary_default_budget_and_reading_order(example_rag: NewsRAG) -> None:
    aid = article_id_of(example_rag, REUTERS_JUNE)
    summary = example_rag.summarize(aid)
    assert _body_words(summary) <= 120
    starts = [c.start for c in summary.citations]
    assert starts == sorted(starts)


def test_topic_summary_cites_several_articles(example_rag: NewsRAG) -> None:
    summary = example_rag.summarize(query=QUERY, words=200)
    _assert_cited_and_exact(example_rag, summary)
    assert _body_words(summary) <= 200
    assert len({c.article_id for c in summary.citations}) >= 2
    assert summary.query == QUERY
    assert "Sung Kim arrived in Seoul on Saturday for a four-day visit." in summary.text


def test_topic_summary_respects_filters(example_rag: NewsRAG) -> None:
    summary = example_rag.summarize(query=QUERY, since="2021-08-01")
    assert {c.published[:10] for c in summary.citations} == {"2021-08-23"}
    with pytest.raises(EmptyError, match="no stored article was published on or before 2020-01-01; stored articles run from"):
        example_rag.summarize(query=QUERY, until="2020-01-01")  # says why, instead of an empty summary


def test_syndicated_copy_counts_once(example_copy: NewsRAG) -> None:
    original = example_copy.article(article_id_of(example_copy, REUTERS_AUG))
    body = original.body.replace("Sung Kim arrived in Seoul on Saturday", "Sung Kim arrived in the South Korean capital on Saturday")
    copy = Article.create(original.title, body, published=original.published, source="Korea Herald", url="https://example.org/copy")
    example_copy.ingest_articles([copy])
    assert example_copy.article(copy.id).story_id == original.story_id
    summary = example_copy.summarize(query=QUERY)
    _assert_cited_and_exact(example_copy, summary)
    cited = {c.article_id for c in summary.citations}
    assert not {copy.id, original.id} <= cited, "one story cited twice as if independent"
    story = [c for c in summary.citations if c.story_id == original.story_id]
    assert story and all(c.article_id == story[0].article_id for c in story)
    assert all("Korea Herald" in c.also_in for c in story if c.article_id == original.id)


def _evidence(aid: str, story: str, source: str, published: str, text: str) -> Evidence:
    """A whole-article Evidence passage built in the test."""
    return Evidence(chunk_id="", article_id=aid, source=source, published=published, text=text, start=0, end=len(text),
                    score=1.0, story_id=story)


def test_disagreeing_outlets_are_both_cited_and_noted(embedder) -> None:
    a = _evidence("a1", "s1", "Outlet A", "2021-08-23", "Sung Kim arrived in Seoul on Saturday for a four-day visit. "
                  "He met officials from the foreign ministry. Talks on aid continued.")
    b = _evidence("b1", "s2", "Outlet B", "2021-08-23", "Sung Kim arrived in Seoul on Saturday for a six-day visit. "
                  "Weather in the capital was mild during the week.")
    summary = ExtractiveSummarizer(embedder, Verifier(embedder)).summarize([a, b], 60, "Sung Kim visit to Seoul")
    texts = [s.text for s in summary.sentences]
    assert any("four-day" in t for t in texts) and any("six-day" in t for t in texts)
    note = [w for w in summary.warnings if w.startswith("sources differ")]
    assert len(note) == 1 and "Outlet A" in note[0] and "Outlet B" in note[0]
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", note[0])]
    quoted = {c.n: c.quote for c in summary.citations}
    assert {"four-day" in quoted[n] for n in numbers} == {True, False}
    assert "Note: Sources differ on" in summary.text and all(f"[{n}]" in summary.text.split("Note:")[1] for n in numbers)


def test_far_apart_articles_are_not_a_disagreement(embedder) -> None:
    a = _evidence("a1", "s1", "Outlet A", "2021-06-21", "Sung Kim arrived in Seoul on Saturday for a five-day visit.")
    b = _evidence("b1", "s2", "Outlet B", "2021-08-23", "Sung Kim arrived in Seoul on Saturday for a four-day visit.")
    summary = ExtractiveSummarizer(embedder, Verifier(embedder)).summarize([a, b], 60, "Sung Kim visit to Seoul")
    assert not any(w.startswith("sources differ") for w in summary.warnings)


def test_raw_text_selection_obeys_limits(embedder) -> None:
    text = (Path(__file__).resolve().parents[1] / "examples" / "articles" / REUTERS_AUG).read_text(encoding="utf-8")
    for budget in (15, 50, 90):
        picked = summarize_texts([text], embedder, words=budget)
        assert picked and sum(c.n_words for c in picked) <= budget
        assert all(text[c.start : c.end] == c.text for c in picked)
    three = summarize_texts([text], embedder, max_sentences=3, stop_words=CNNDM_STOP_WORDS)
    assert 1 <= len(three) <= 3
    assert sum(c.n_words for c in three[:-1]) < CNNDM_STOP_WORDS
    assert [c.start for c in three] == sorted(c.start for c in three)


FABRICATED = "Kim announced that the United States will lift every sanction on Pyongyang next week."


def test_llm_summary_flags_fabricated_sentence(example_rag: NewsRAG) -> None:
    aid = article_id_of(example_rag, REUTERS_AUG)
    reply = f"Sung Kim arrived in Seoul on Saturday for a four-day visit [1]. {FABRICATED} [1]"
    llm = ScriptedLLM(reply)
    passages = [article_evidence(example_rag.article(aid))]
    summary = LLMSummarizer(llm, example_rag.verifier).summarize(passages, 80, "")
    prompt = llm.seen[0][-1]["content"]
    assert "80 words" in prompt and '<source n="1"' in prompt
    assert [s.supported for s in summary.sentences] == [True, False]
    assert any("unsupported" in w for w in summary.warnings)
    assert "[unsupported]" in summary.text
    removed = LLMSummarizer(ScriptedLLM(reply), example_rag.verifier, mode="remove").summarize(passages, 80, "")
    assert FABRICATED[:30] not in removed.text and len(removed.sentences) == 1


def test_llm_summary_through_newsrag_uses_same_checks(example_home: Path, embedder) -> None:
    reply = "Sung Kim arrived in Seoul on Saturday for a four-day visit [1]. The envoy wants talks [7]."
    with NewsRAG(settings=Settings(home=example_home, chroma_url=None), embedder=embedder, llm=ScriptedLLM(reply)) as rag:
        summary = rag.summarize(article_id_of(rag, REUTERS_AUG), llm="openai")
    assert summary.engine == "scripted"
    assert any("no given source" in w for w in summary.warnings)
    assert summary.sentences[0].supported and summary.citations[0].quote.startswith("Sung Kim arrived")


def test_fit_budget_cuts_trailing_sentences(example_rag: NewsRAG) -> None:
    summary = example_rag.summarize(article_id_of(example_rag, REUTERS_AUG), words=120)
    cut = fit_budget(summary, 40)
    assert _body_words(cut) <= 40 < _body_words(summary)
    assert {n for s in cut.sentences for n in s.citations} == {c.n for c in cut.citations}
    assert any("budget" in w for w in cut.warnings)


def test_bad_requests_raise_clear_errors(example_rag: NewsRAG) -> None:
    with pytest.raises(NotFoundError):
        example_rag.summarize("0000000000000000")
    with pytest.raises(ConfigError):
        example_rag.summarize()
    with pytest.raises(ConfigError):
        example_rag.summarize(article_id_of(example_rag, HILL), words=0)


@pytest.fixture
def cli_home(example_home: Path, tmp_path: Path) -> Path:
    """A private copy of the example home for CLI runs."""
    home = tmp_path / "cli_home"
    shutil.copytree(example_home, home)
    return home


def test_cli_summarize_json_and_human(cli_home: Path, example_rag: NewsRAG, capsys: pytest.CaptureFixture[str]) -> None:
    aid = article_id_of(example_rag, HILL)
    assert main(["summarize", aid, "--words", "60", "--json", "--home", str(cli_home)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"text", "citations", "sentences", "warnings"} <= data.keys()
    assert data["article_id"] == aid and data["citations"]
    assert {"n", "article_id", "title", "source", "published", "start", "end", "quote"} <= data["citations"][0].keys()
    assert sum(word_count(s["text"]) for s in data["sentences"]) <= 60
    assert main(["summarize", "--query", QUERY, "--home", str(cli_home)]) == 0
    out = capsys.readouterr().out
    assert "Sources:" in out and "[1]" in out and "Reuters" in out


def test_cli_summarize_usage_errors(cli_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", "--home", str(cli_home)]) == EXIT_USAGE
    assert main(["summarize", "abc", "--query", "x", "--home", str(cli_home)]) == EXIT_USAGE
    assert main(["summarize", "0000000000000000", "--home", str(cli_home)]) == 3
    assert "not found" in capsys.readouterr().err


def test_a_topic_summary_reads_an_article_only_for_its_sentences_of_the_story(reuters_records) -> None:
    """Held-out v6 (session 8, dev since): the topic summary of "Canadian postal workers' strike" opened with Reuters
    [857]'s "Canadian seafarers are almost certain to go on strike this spring ...": the seafarers' article is in scope
    (Canadian, workers, strike) and the summary read it whole, though the timeline takes none of its sentences (they do
    not say whose strike it is). The summary now reads each in-scope article through the timeline's sentence test: the
    seafarers' article gives nothing, Canada Post's ([19126]) keeps its lead, at its own offsets (citations quote the
    body)."""
    from ragnews.story import query_terms, story_test
    from ragnews.summarize import story_evidence

    query = "Canadian postal workers' strike"
    terms = query_terms(query, reuters_records.term_counts, reuters_records.chunk_count())
    test = story_test(query, terms, len(reuters_records.articles))
    seafarers = story_evidence(reuters_records.by_newid("857"), test)
    assert seafarers is None or "seafarers are almost certain" not in seafarers.text
    article = reuters_records.by_newid("19126")
    postal = story_evidence(article, test)
    lead = "Canada Post presented its striking letter carriers with a new contract offer today"
    assert postal is not None and lead in postal.text
    assert postal.text.index(lead) == article.body.index(lead) and len(postal.text) == len(article.body)


def test_an_llm_topic_summary_reads_retrieved_chunks_only_for_their_sentences_of_the_story(reuters_records) -> None:
    """The LLM path read the retrieved chunks of in-scope articles whole (session 11 left it so): the seafarers'
    strike chunk of Reuters [857] went into a "Canadian postal workers' strike" prompt. Now each chunk keeps only the
    sentences the timeline's test keeps (story_chunks), at their body offsets; a chunk keeping none is left out, and
    a chunk of an article wholly about the story is passed whole."""
    from ragnews.evidence import article_evidence
    from ragnews.story import query_terms, story_test
    from ragnews.summarize import story_chunks

    query = "Canadian postal workers' strike"
    terms = query_terms(query, reuters_records.term_counts, reuters_records.chunk_count())
    test = story_test(query, terms, len(reuters_records.articles))
    seafarers, postal = reuters_records.by_newid("857"), reuters_records.by_newid("19126")
    found = [article_evidence(a).model_copy(update={"chunk_id": f"c{i}"}) for i, a in enumerate((seafarers, postal))]
    passages = story_chunks(found, [seafarers, postal], test)
    assert passages and not any("seafarers are almost certain" in p.text for p in passages)
    lead = "Canada Post presented its striking letter carriers with a new contract offer today"
    kept = [p for p in passages if lead in p.text]
    assert kept and all(p.article_id == postal.id for p in kept)
    for p in passages:
        body = reuters_records.articles[p.article_id].body
        assert body[p.start:p.end] == p.text  # offsets kept: citations quote the body
    assert sum(len(p.text) for p in passages) < len(postal.body) + len(seafarers.body)


def test_a_topic_summary_leaves_out_articles_from_well_before_the_story_s_event(tmp_path: Path, embedder) -> None:
    """v12's "The earthquake in eastern Afghanistan" (June 2022): the topic summary opened with a 2015 Pakistan quake
    report ("LAHORE, Pakistan — At least 311 people were killed ...") that story scope keeps for its names and event
    words. The summary reads the same in-scope articles as the timeline (story.story_period): not the one from years
    before the headlines that state the event. (Asked without "eastern": in a home of three articles that rare word
    alone keeps the 2015 report out of scope.)"""
    def cnn(title: str, body: str, day: str) -> Article:
        return Article.create(title, body, published=day, source="cnn.com")

    articles = [
        cnn("Afghanistan earthquake: More than 1,000 people killed after ...", "Afghanistan was rocked by its deadliest "
            "earthquake in decades on Wednesday when a magnitude 5.9 earthquake struck the country's east, killing more "
            "than 1,000 people and wounding many more, according to a regional official.", "2022-06-22"),
        cnn("Afghanistan earthquake: 'What do we do when another disaster hits ...", "(CNN) Aid groups scrambled on "
            "Thursday to reach victims of a powerful earthquake that rocked eastern Afghanistan, killing more than 1,000 "
            "people in an area blighted by poor infrastructure.", "2022-06-23"),
        cnn("Quake rocks Afghanistan, Pakistan; at least 311 dead", "LAHORE, Pakistan — At least 311 people were killed "
            "when a magnitude-7.5 earthquake centered in Afghanistan rocked neighboring Pakistan and rattled buildings "
            "as far away as India.", "2015-10-26")]
    with NewsRAG(settings=Settings(home=tmp_path / "home", chroma_url=None, llm="extractive"), embedder=embedder) as rag:
        rag.ingest_articles(articles)
        summary = rag.summarize(query="The earthquake in Afghanistan")
        timeline = rag.timeline("The earthquake in Afghanistan")
    assert summary.citations and timeline.entries
    assert articles[2].id not in {c.article_id for c in summary.citations}
    assert articles[2].id not in {c.article_id for e in timeline.entries for c in e.citations}
