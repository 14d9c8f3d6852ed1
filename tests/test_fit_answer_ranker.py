"""benchmarks/fit_answer_ranker.py: the features it records from the engine, the conditional logit, its cross-validation."""

from __future__ import annotations

import numpy as np

from benchmarks.fit_answer_ranker import FEATURES, _beside, cross_validate, fit, recorded
from ragnews._text import content_words
from ragnews.answer import ExtractiveAnswerer
from ragnews.models import Evidence

# Reuters (verbatim, reuters-dev4): the best-scored sentence names another figure of the story ("100 pct owned")
_GM_ESPANOLA = ("Workers at <General Motors Espanola S.A.> have called for five days of strikes next month in a dispute over "
                "this year's wage increase, union sources said.\n\nThey said the unofficial strike calendar had been set for "
                "April 2, 7, 8, 21 and 22.\n\nThe workers are seeking a wage rise above this year's five pct inflation target "
                "set by the government. The government and employers' organisations have urged companies to hold wage rises "
                "below this level.\n\nAverage wages rose 8.2 pct last year compared with an 8.3 pct increase in the cost of "
                "living.\n\nGeneral Motors Espanalo was the top sales performer last year among Spain's six car manufacturers."
                "\n\nThe Saragossa-based plant reported a 53.1 pct rise in domestic sales to 538,654 units.\n\nFord Espana S.A. "
                "Was second with a 27.8 pct gain over 1985.\n\nGeneral Motors Espanola is 100 pct owned by General Motors Corp "
                "<GM.N> and Ford Espana is wholly-owned by Ford Motor Co <F.N>.")


def test_recorded_features_of_the_engines_eligible_sentences(embedder) -> None:
    """The recorder sees every eligible sentence of a factoid, marks the one the engine led with, and the answer's
    own figure ("53.1 pct rise in domestic sales") has more of the question's words beside it than "100 pct owned"."""
    ev = Evidence(chunk_id="gm-0", article_id="gm", title="WORKERS AT SPANISH GM UNIT CALL STRIKE", source="Reuters",
                  published="1987-03-22", text=_GM_ESPANOLA, start=0, end=len(_GM_ESPANOLA), score=1.0)
    with recorded() as seen:
        answer = ExtractiveAnswerer(embedder).answer("How much did GM Espanola's domestic sales rise last year?", [ev])
    assert len(seen) >= 2 and all(len(c["features"]) == len(FEATURES) for c in seen)
    led = [c for c in seen if c["hand"]]
    assert len(led) == 1 and answer.answer.startswith(f"{led[0]['lead']} [1]. {led[0]['text']}"), answer.answer
    by_lead = {c["lead"]: dict(zip(FEATURES, c["features"], strict=True)) for c in seen}
    assert by_lead["53.1 pct"]["beside"] > by_lead["100 pct"]["beside"]


def test_beside_reads_the_question_words_next_to_the_answer() -> None:
    """Of two figures in one sentence (Reuters, verbatim), the one next to the question's words scores higher."""
    sentence = "Commerce bank set loan loss provisions of 636.0 mln dlrs in fiscal 1986, ended October 31."
    asked = set(content_words("How much did the bank set aside for loan loss provisions?"))
    assert _beside("636.0 mln dlrs", sentence, asked) > 0.5 > _beside("October 31", sentence, asked)
    assert _beside("", sentence, asked) == 0.0 and _beside("72.1 billion yen", sentence, asked) == 0.0


def test_fit_learns_the_feature_that_marks_the_right_sentence_and_cross_validates() -> None:
    """On questions where the right sentence is the one the parse links (not the hand rule's), the weight of
    "linked" comes out positive and every held-out suite's learned first sentence is the right one."""
    rng = np.random.default_rng(0)
    k, questions = len(FEATURES), []
    for n in range(40):
        x = rng.normal(size=(4, k))
        x[:, FEATURES.index("linked")] = [0.0, 1.0, 0.0, 0.0]
        questions.append((f"suite{n % 3}", x, np.array([0.0, 1.0, 0.0, 0.0]), 0))
    w = fit(questions, l2=1.0)
    assert w[FEATURES.index("linked")] > 1.0
    rows = cross_validate(questions, l2=1.0)
    assert [r["suite"] for r in rows] == ["suite0", "suite1", "suite2"]
    assert all(r["learned"] == r["questions"] == r["best_possible"] and r["hand_rule"] == 0 for r in rows)
