"""Syndicated copies: one story group, collapsed in retrieval, listed in citations."""

from __future__ import annotations

import pytest

from ragnews import Article, NewsRAG
from ragnews.syndication import jaccard, shingles, signature

from .conftest import REUTERS_AUG, article_id_of


def _reprint(rag: NewsRAG, outlet: str) -> Article:
    """A lightly edited copy of the August Reuters story as another outlet would run it."""
    original = rag.article(article_id_of(rag, REUTERS_AUG))
    body = original.body.replace("Washington's special envoy", "the special envoy of Washington").replace("on Monday", "on Monday, Aug. 23,")
    return Article.create(original.title + f" | {outlet}", body, source=outlet, published=original.published, url=f"https://{outlet.lower().replace(' ', '')}.test/story")


def test_signatures_estimate_similarity() -> None:
    a = "The US does not have hostile intent towards Pyongyang and is open to meeting any time and any place, the envoy said."
    b = a.replace("any place", "anywhere")
    c = "Stocks fell sharply on Tuesday as investors worried about rising interest rates and slower growth in Europe."
    assert jaccard(signature(a), signature(b)) > 0.5
    assert jaccard(signature(a), signature(c)) < 0.1
    assert len(shingles("one two three")) == 1


def test_reprint_joins_the_story_group_and_others_do_not(example_copy: NewsRAG) -> None:
    report = example_copy.ingest_articles([_reprint(example_copy, "Korea Herald")])
    assert len(report.new) == 1
    original = example_copy.article(article_id_of(example_copy, REUTERS_AUG))
    copy = example_copy.article(report.new[0])
    assert copy.story_id == original.story_id == original.id
    assert len({a.story_id for a in example_copy.articles()}) == 3  # 4 articles, 3 stories


def test_retrieval_collapses_copies_and_citation_lists_outlets(example_copy: NewsRAG) -> None:
    copy_id = example_copy.ingest_articles([_reprint(example_copy, "Korea Herald")]).new[0]
    evidence = example_copy.retrieve("When did the nine-day joint military exercise begin?", k=6)
    story = example_copy.article(copy_id).story_id
    in_story = [e for e in evidence if e.story_id == story and "nine-day" in e.text]
    assert len(in_story) == 1
    assert copy_id in in_story[0].reprints or in_story[0].article_id == copy_id
    answer = example_copy.ask("When did the nine-day joint military exercise begin?")
    cited = [c for c in answer.citations if c.story_id == story]
    assert cited and "Korea Herald" in cited[0].also_in
    assert all(s.stories == 1 for s in answer.sentences)


def test_independent_stories_backing_one_claim_are_said_to_be_independent(example_rag: NewsRAG) -> None:
    answer = example_rag.ask("How are the joint military exercises described?")  # not yes/no: those show each side apart
    backed = [s for s in answer.sentences if s.stories > 1]
    assert backed, answer.answer
    assert "independent reports" in answer.answer
    outlets = {c.article_id for c in answer.citations if c.n in backed[0].citations}
    assert len(outlets) == 2


def test_a_long_text_is_signed_in_batches_with_the_same_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    from ragnews import syndication

    text = " ".join(f"Officials in city {n % 97} said on day {n % 13} that talks {n % 5} would resume." for n in range(3000))
    whole = signature(text)
    monkeypatch.setattr(syndication, "_STREAM_CHARS", 0)
    monkeypatch.setattr(syndication, "_SHINGLE_BATCH", 101)
    assert len(list(syndication.shingle_batches(text, batch=101))) > 10
    assert set().union(*syndication.shingle_batches(text, batch=101)) == shingles(text)
    assert (signature(text) == whole).all()
    from datasketch import MinHash

    short = MinHash(num_perm=128, seed=1)
    short.update_batch([b"two words"])
    assert (signature("Two words.") == short.hashvalues).all()  # fewer words than a shingle: one shingle


@pytest.mark.parametrize("num_perm", [128, 64])
def test_signatures_are_datasketchs_own_so_stored_band_keys_stay_valid(num_perm: int) -> None:
    """signature() reuses one set of permutations and a leaner SHA-1 hash; it must give exactly what a fresh
    datasketch MinHash(seed=1) gives, or articles stored earlier would stop matching their reprints."""
    from datasketch import MinHash

    texts = ["Cocoa prices rose in Bahia after the rains.", "Officials in Kabul said talks would resume on Monday, officials said.",
             " ".join(f"word{n}" for n in range(400))]
    for text in texts * 2:  # twice: the cached permutations are not changed by use
        fresh = MinHash(num_perm=num_perm, seed=1)
        fresh.update_batch(list(shingles(text)))
        assert (signature(text, num_perm) == fresh.hashvalues).all()


def test_best_match_picks_the_most_similar_candidate_above_the_threshold() -> None:
    """Scores are jaccard()'s; the best one wins (ties: the larger id), nothing below the threshold, other lengths score 0."""
    import numpy as np

    from ragnews.syndication import best_match, jaccard

    rng = np.random.default_rng(3)
    sig = rng.integers(0, 50, 128).astype(np.uint64)
    near = sig.copy()
    near[:20] += np.uint64(1)  # jaccard 108/128
    nearer = sig.copy()
    nearer[:5] += np.uint64(1)  # 123/128
    candidates = {"a": near, "b": nearer, "c": nearer.copy(), "d": sig[:64], "e": rng.integers(0, 50, 128).astype(np.uint64)}
    assert jaccard(sig, candidates["b"]) == 123 / 128
    assert best_match(sig, candidates, 0.7) == "c"  # b and c tie: the larger id, as the sorted reference did
    assert best_match(sig, {k: candidates[k] for k in "ade"}, 0.7) == "a"
    assert best_match(sig, {k: candidates[k] for k in "ade"}, 0.9) is None
    assert best_match(sig, {"d": sig[:64]}, 0.0) == "d" and best_match(sig, {}, 0.0) is None


def test_vectorised_signature_equals_datasketchs_update_batch_on_real_text() -> None:
    """signature() hashes every shingle at once with numpy; datasketch does it item by item. Both must agree,
    for an empty text (all permutations at their maximum), a single shingle, and news text with curly quotes."""
    from datasketch import MinHash

    texts = ["", "...", "Two words.", "Reuters\u2019 index rose \u2019s 1.5 pct, officials said.",
             "U.S. grain exports to the Soviet Union rose 12 pct in the week, the agriculture department said. " * 3]
    for text in texts:
        fresh = MinHash(num_perm=128, seed=1)
        fresh.update_batch(list(shingles(text)))
        assert fresh.scheme == "affine32"  # the scheme stored signatures use (datasketch's default)
        assert (signature(text) == fresh.hashvalues).all(), text
        assert signature(text).dtype.name == "uint64"


def test_words_lowercases_in_one_pass_with_the_same_tokens() -> None:
    """words() lowercases the joined tokens at once; the tokens must equal lowercasing each one."""
    from ragnews._text import _WORD, iter_words, words

    for text in ["", "  , . ;", "O\u2019Neill's U.S.-based Co said 1.5 pct", "\u0130stanbul KELVIN \u212a ABC-def"]:
        expected = [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]
        assert words(text) == expected == list(iter_words(text))
