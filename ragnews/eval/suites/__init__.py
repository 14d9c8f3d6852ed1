"""Evaluation suites: each turns a data set into a corpus to ingest and questions (or documents) to score.

A QA suite module has load(data, limit, **options) -> SuiteData: the Articles (or files) to
ingest, the questions with their gold, and a key function mapping a stored Article to the key
space its gold uses (file name, URL or article id). A summary suite module has run(...) -> the
results dict. REGISTRY names them all; the CLI's help and the runner read it, so a new suite is
one module plus one line there, and another set of a kind a module already serves (the Reuters
answer sets) is one line naming the set in its options.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Literal

from ...errors import ConfigError
from .base import PACKAGED_DATA, Question, SuiteData, SuiteDataMissing, default_data_dir, require


@dataclass(frozen=True)
class Suite:
    """One registered suite: its kind, its module under ragnews.eval.suites and a one-line description."""

    kind: Literal["qa", "summary"]
    module: str
    about: str
    #: keyword arguments the module's load() gets for this suite (one module serving several sets names the set here)
    options: tuple[tuple[str, str], ...] = ()


REGISTRY: dict[str, Suite] = {
    "examples": Suite("qa", "examples", "hand-written questions over the 3 example articles (packaged; --data DIR for others)"),
    "examples-probes": Suite("qa", "examples_probes", "paraphrases and near-miss questions over the 3 example articles (packaged)"),
    "reuters-heldout": Suite("qa", "reuters", "held-out answer set: 100 questions (32 unanswerable) over 300 Reuters-21578 "
                             "articles (DATA/reuters21578; the headline)", options=(("name", "reuters-heldout"),)),
    "reuters-dev": Suite("qa", "reuters", "dev answer set: 41 questions (12 unanswerable) over 150 other Reuters-21578 articles",
                         options=(("name", "reuters-dev"),)),
    "reuters-dev2": Suite("qa", "reuters", "second dev answer set: 79 questions (24 unanswerable) over a third slice of "
                          "150 Reuters-21578 articles", options=(("name", "reuters-dev2"),)),
    "reuters-dev3": Suite("qa", "reuters", "third dev answer set: 112 questions (29 unanswerable) over a fourth slice of "
                          "150 Reuters-21578 articles, written blind in session 7", options=(("name", "reuters-dev3"),)),
    "reuters-dev4": Suite("qa", "reuters", "fourth dev answer set: 99 questions (25 unanswerable) over a fifth slice of "
                          "150 Reuters-21578 articles, written blind in session 8", options=(("name", "reuters-dev4"),)),
    "reuters-heldout2": Suite("qa", "reuters", "second held-out set, written blind in session 10: 152 questions (37 "
                              "unanswerable) over a sixth slice of 200 Reuters-21578 articles",
                              options=(("name", "reuters-heldout2"),)),
    "reuters-dev5": Suite("qa", "reuters", "dev set written blind in session 11 by a non-tuner: 205 questions (42 "
                          "unanswerable) over a seventh slice of 200 Reuters-21578 articles", options=(("name", "reuters-dev5"),)),
    "reuters-dev6": Suite("qa", "reuters", "dev set written blind in session 22 by a non-tuner: 218 questions (52 "
                          "unanswerable; 106 answerables state a detail in another form than the article) over an "
                          "eighth slice of 200 Reuters-21578 articles", options=(("name", "reuters-dev6"),)),
    "frank-heldout": Suite("qa", "frank", "held-out answer set over 2010s web news, written blind in session 16 by a "
                           "non-tuner: 182 questions (37 unanswerable) over 51 articles of a seeded half of FRANK's "
                           "CNN/DailyMail + BBC articles, all 501 ingested (DATA/cnndm_xsum_frank)",
                           options=(("name", "frank-heldout"),)),
    "frank-dev": Suite("qa", "frank", "dev answer set over 2010s web news, written blind in session 16 by a non-tuner: "
                       "145 questions (30 unanswerable) over 38 articles of the other seeded half of FRANK, all 501 "
                       "ingested (DATA/cnndm_xsum_frank); the set to tune on", options=(("name", "frank-dev"),)),
    "tac-heldout": Suite("qa", "tac", "held-out answer set over 2005-2010 WikiNews, written blind in session 18 by a "
                         "non-tuner: 152 questions (30 unanswerable) over TAC 2011 MultiLing's 100 articles (10 topics), "
                         "FRANK's 501 ingested beside them as distractors (DATA/tac2011_multiling_en, DATA/cnndm_xsum_frank)",
                         options=(("name", "tac-heldout"),)),
    "realtimeqa": Suite("qa", "realtimeqa", "RealTimeQA weekly news questions (DATA/realtimeqa)"),
    "realtimeqa-heldout": Suite("qa", "realtimeqa_heldout", "60 RealTimeQA questions from weeks after 2022-08-26, 10 made unanswerable (DATA/realtimeqa)"),
    "realtimeqa-fresh": Suite("qa", "realtimeqa_fresh", "60 RealTimeQA questions no earlier evaluation used (session 7's LLM "
                              "held-out), 15 made unanswerable (DATA/realtimeqa)"),
    "rgb": Suite("qa", "rgb", "RGB news questions with noisy and counterfactual passages (DATA/rgb)"),
    "rgb-heldout": Suite("qa", "rgb_heldout", "the LLM path's second held-out (session 10): 60 RGB questions, 45 in the "
                         "noise form and 15 unanswerable (negative passages only) (DATA/rgb)"),
    "realtimeqa-devunans": Suite("qa", "realtimeqa_heldout", "the LLM path's dev set with unanswerables (session 7): 20 "
                                 "RealTimeQA questions of dev weeks 0715-0805, 12 made unanswerable (DATA/realtimeqa)",
                                 options=(("ids", "realtimeqa_devunans.json"), ("name", "realtimeqa-devunans"))),
    "rgb-dev": Suite("qa", "rgb_heldout", "the LLM path's RGB dev set (session 11): the 40 RGB records outside "
                     "rgb-heldout, 10 unanswerable (negative passages only) (DATA/rgb)",
                     options=(("ids", "rgb_dev.json"), ("name", "rgb-dev"))),
    "cnndm": Suite("summary", "summaries", "CNN/DailyMail summaries vs LEAD-3 and 5 published systems (DATA/cnndm_xsum_frank)"),
    "tac2011": Suite("summary", "summaries", "TAC 2011 MultiLing multi-document summaries (DATA/tac2011_multiling_en)"),
}
SUITES = tuple(REGISTRY)
QA_SUITES = tuple(name for name, s in REGISTRY.items() if s.kind == "qa")
SUMMARY_SUITES = tuple(name for name, s in REGISTRY.items() if s.kind == "summary")

__all__ = [
    "PACKAGED_DATA", "QA_SUITES", "REGISTRY", "SUITES", "SUMMARY_SUITES", "Question", "Suite", "SuiteData",
    "SuiteDataMissing", "default_data_dir", "describe", "load_suite", "require", "suite_module",
]


def describe() -> str:
    """Return one line per registered suite (the CLI's help text)."""
    return "\n".join(f"{name}: {s.about}" for name, s in REGISTRY.items())


def suite_module(name: str) -> Any:
    """Return the module of a registered suite (ConfigError naming the choices for an unknown one)."""
    suite = REGISTRY.get(name)
    if suite is None:
        raise ConfigError(f"unknown suite {name!r}; choose one of {', '.join(SUITES)}")
    return import_module(f"{__name__}.{suite.module}")


def load_suite(name: str, data: str | os.PathLike[str] | None, limit: int | None, doc_chars: int | None = None,
               split: str = "all") -> SuiteData:
    """Load a QA suite's corpus and questions.

    Args:
        name: a QA suite of REGISTRY.
        data: the data folder (examples: default the packaged set; others: default ../shared/data).
        limit: at most this many questions (records for rgb); the corpus shrinks with it.
        doc_chars: realtimeqa only: keep the first this many characters of each document.
        split: realtimeqa only: all, dev or heldout questions (see realtimeqa.DEV_LAST_WEEK).

    Returns:
        The SuiteData.
    """
    if name in SUMMARY_SUITES:
        raise ConfigError(f"{name} is a summary suite; it has no questions to load")
    options: dict[str, Any] = dict(REGISTRY[name].options) if name in REGISTRY else {}
    if doc_chars:
        options["doc_chars"] = doc_chars
    if split != "all":
        if name != "realtimeqa":
            raise ConfigError(f"--split is only defined for realtimeqa, not {name!r}")
        options["split"] = split
    loaded: SuiteData = suite_module(name).load(Path(data) if data else None, limit, **options)
    return loaded
