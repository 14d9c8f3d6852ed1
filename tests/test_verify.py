"""Citation verification: markers, support, exact quotes."""

from __future__ import annotations

from ragnews import Evidence, NewsRAG
from ragnews.verify import Verifier, split_claims


def _evidence(example_rag: NewsRAG, query: str) -> list[Evidence]:
    return example_rag.retrieve(query, k=3)


def test_split_claims_attaches_markers_to_their_sentence() -> None:
    text = "A said x. [1] The North also asked y. [2][3] Next claim [4]. Uncited one. Last [5, 6]."
    assert split_claims(text) == [("A said x.", [1]), ("The North also asked y.", [2, 3]), ("Next claim", [4]),
                                  ("Uncited one.", []), ("Last", [5, 6])]


def test_paraphrase_is_supported_and_quote_is_exact(example_rag: NewsRAG, embedder) -> None:
    evidence = _evidence(example_rag, "When did the nine-day exercise begin?")
    n = next(i for i, e in enumerate(evidence, 1) if "nine-day" in e.text)
    text, sentences, citations, warnings = Verifier(embedder).verify(f"The nine-day joint exercise started on Aug. 16 [{n}].", evidence)
    assert sentences[0].supported and not warnings
    c = citations[0]
    assert "Aug. 16" in c.quote
    assert example_rag.article(c.article_id).body[c.start : c.end] == c.quote
    assert text.endswith("[1].")


def test_markers_to_missing_sources_are_removed_and_reported(example_rag: NewsRAG, embedder) -> None:
    evidence = _evidence(example_rag, "When did the nine-day exercise begin?")
    text, sentences, citations, warnings = Verifier(embedder).verify("The exercise began on Aug. 16 [9].", evidence)
    assert "[9]" not in text and citations == []
    assert not sentences[0].supported
    assert any("no given source" in w for w in warnings)


def test_fabricated_sentence_is_flagged_or_removed(example_rag: NewsRAG, embedder) -> None:
    evidence = _evidence(example_rag, "What did North Korea demand for sanctions relief?")
    fake = "North Korea demanded ten billion dollars in gold bullion [1]."
    text, sentences, _, warnings = Verifier(embedder).verify(fake, evidence, mode="mark")
    assert not sentences[0].supported and "[unsupported]" in text and warnings
    text, sentences, _, _ = Verifier(embedder).verify(fake, evidence, mode="remove")
    assert sentences == [] and text == ""


def test_llm_judge_decides_support_for_paraphrases_only(example_rag: NewsRAG, embedder) -> None:
    verdicts: list[str] = []

    def judge(claim: str, passages) -> bool:
        verdicts.append(claim)
        return "Aug. 16" in claim

    evidence = _evidence(example_rag, "When did the nine-day exercise begin?")
    n = next(i for i, e in enumerate(evidence, 1) if "nine-day" in e.text)
    verifier = Verifier(embedder, judge=judge)
    _, sentences, _, _ = verifier.verify(f"The drills began on Aug. 16 [{n}]. The drills began in spring [{n}].", evidence)
    assert [s.supported for s in sentences] == [True, False]
    quote = next(s.text for s in passage_sentences_of(evidence[n - 1]) if "nine-day" in s.text)
    verdicts.clear()
    _, sentences, _, _ = verifier.verify(f"{quote} [{n}]", evidence)
    assert sentences[0].supported and verdicts == []  # a verbatim quote needs no judge


def passage_sentences_of(ev: Evidence):
    from ragnews.verify import passage_sentences

    return passage_sentences(1, ev)
