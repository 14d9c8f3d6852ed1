"""The evaluation runner: suites, scoring helpers, aggregation, outputs and the `ragnews eval` command."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ragnews import ConfigError, Evidence, NewsRAG, Settings
from ragnews.cli import main
from ragnews.eval import run
from ragnews.eval.runner import METRIC_GROUPS, citation_judge, aggregate, best_threshold
from ragnews.eval.suites import PACKAGED_DATA, SuiteDataMissing
from ragnews.eval.suites.realtimeqa import cut, load as load_realtimeqa, normalise_url
from ragnews.eval.suites.rgb import load as load_rgb
from ragnews.eval.metrics import contains_match, token_f1
from ragnews.eval.suites.scoring import FactJudge, SupportJudge, answer_choice, clean_answer, conflict_outcome, pick_choice
from ragnews.verify import Verifier

ROOT = Path(__file__).resolve().parents[1]
SUBSET = [f"ex{n:02d}" for n in range(1, 59, 5)]
STANDARD = [name for group, names in METRIC_GROUPS.items() if group != "conflicts" for name in names]


@pytest.fixture
def dev_subset(tmp_path: Path) -> Path:
    """A data root with the example articles and every 5th question of the dev set (answerable and unanswerable)."""
    root = tmp_path / "root"
    root.mkdir()
    (root / "articles").symlink_to(PACKAGED_DATA / "examples" / "articles")
    lines = (PACKAGED_DATA / "examples" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    (root / "questions.jsonl").write_text("\n".join(lines[::5]) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def eval_home(example_home: Path, tmp_path: Path) -> Path:
    """A private copy of the ingested example home (so runs re-embed nothing and never write the shared one)."""
    home = tmp_path / "eval_home"
    shutil.copytree(example_home, home)
    return home


# --------------------------------------------------------------------------- end to end on the examples


def test_examples_run_reports_every_metric_and_writes_outputs(tmp_path: Path, dev_subset: Path, eval_home: Path,
                                                              embedder: Any) -> None:
    """The examples suite scores its questions, reuses the home and writes results.json, report.md and plots."""
    result = run("examples", data=dev_subset, out=tmp_path / "out", home=eval_home, embedder=embedder, sweep=(0.3, 0.5),
                 show_progress=False)
    saved = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    metrics = saved["metrics"]["hybrid"]
    for name in STANDARD:
        assert name in metrics, name
    _assert_metrics_follow_from_records(saved["records"], metrics)
    assert metrics["multiple_choice_accuracy"] is None  # no multiple-choice questions in this suite
    assert metrics["latency_p95"] >= metrics["latency_p50"] > 0
    assert [r["id"] for r in saved["records"]] == SUBSET and saved["metrics"]["hybrid"]["n_unanswerable"] == 2
    assert all(r["gold_ids"] for r in saved["records"] if r["answerable"])
    assert saved["ingest"]["chunks_embedded"] == 0 and saved["ingest"]["skipped"] == 3
    assert saved["config"]["citation_judge"].startswith("self-check")
    assert "citation_precision (self-check: fact-level checks)" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert saved["versions"]["ragnews"] and saved["timings"]["questions"]["hybrid"] > 0
    assert [row["threshold"] for row in saved["abstain_sweep"]] == [0.3, 0.5]
    for name in ("report.md", "recall_at_k.png", "latency.png", "abstain_sweep.png"):
        assert (tmp_path / "out" / name).is_file(), name
    assert (tmp_path / "out" / "recall_at_k.png").read_bytes()[:4] == b"\x89PNG"
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "recall@5" in report and "![recall_at_k](recall_at_k.png)" in report and saved["command"] in report
    assert result.results["metrics"]["hybrid"]["recall@5"] == metrics["recall@5"]


def _assert_metrics_follow_from_records(records: list[dict[str, Any]], metrics: dict[str, Any]) -> None:
    """Each per-question score is recomputed from the record's own answer/ranking, and each suite metric is their mean.

    This fails if a score ignores the answer or the ranking, or if aggregation drops or repeats questions.
    """
    answered = [r for r in records if r["answerable"] and not r["abstained"]]
    assert answered, "the subset has answered questions"
    for r in answered:
        text = clean_answer(r["answer"])
        assert r["token_f1"] == pytest.approx(token_f1(text, r["gold_answers"])), r["id"]
        assert r["contains_match"] == contains_match(text, r["gold_answers"]), r["id"]
        gold = set(r["gold_ids"])
        for k in (1, 5):
            assert r[f"recall@{k}"] == pytest.approx(len(gold & set(r["ranked"][:k])) / len(gold)), (r["id"], k)
    for name in ("hit@1", "recall@1", "recall@5", "mrr@10", "key_fact_recall", "token_f1", "contains_match", "rouge2",
                 "citation_precision", "citation_recall"):
        values = [r[name] for r in records if name in r]
        assert values and metrics[name] == pytest.approx(sum(values) / len(values)), name
    assert metrics["recall@1"] < metrics["recall@5"]  # the ranking metrics discriminate on this subset
    assert 0 < metrics["token_f1"] < 1 and 0 < metrics["rouge2"] < 100  # ROUGE in points, the others as fractions


def test_compare_runs_three_retrievers_in_one_results_file(tmp_path: Path, eval_home: Path, embedder: Any) -> None:
    """--compare scores the same questions with bm25, dense and hybrid, plus the two anchor rankers, in one run."""
    result = run("examples", compare=True, limit=4, out=tmp_path / "out", home=eval_home, embedder=embedder, sweep=(),
                 show_progress=False)
    saved = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    configs = ["bm25", "dense", "hybrid", "bm25-article", "llamaindex"]
    assert list(saved["metrics"]) == configs == saved["config"]["configs"]
    by_config = {c: [r["id"] for r in saved["records"] if r["config"] == c] for c in saved["metrics"]}
    assert by_config["bm25"] == by_config["dense"] == by_config["hybrid"] == ["ex01", "ex02", "ex03", "ex04"]
    assert all(m["n_questions"] == 4 for c, m in saved["metrics"].items() if c in ("bm25", "dense", "hybrid"))
    for anchor in ("bm25-article", "llamaindex"):  # rank only: retrieval metrics, no answers
        m = saved["metrics"][anchor]
        assert m["n_retrieval"] == len(by_config[anchor]) > 0 and 0 < m["hit@10"] <= 1 and "contains_match" not in m
        assert all(len(set(r["ranked"])) == len(r["ranked"]) <= 10 for r in saved["records"] if r["config"] == anchor)
    assert result.results["command"] == "ragnews eval examples --compare --limit 4"


def test_cli_eval_prints_the_table(tmp_path: Path, eval_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`ragnews eval examples --out DIR` exits 0, prints the metrics table and writes the report."""
    code = main(["eval", "examples", "--out", str(tmp_path / "out"), "--home", str(eval_home), "--limit", "3"])
    printed = capsys.readouterr().out
    assert code == 0
    for text in ("ragnews eval examples", "recall@5", "key_fact_recall", "citation_precision", "latency_p95", "hybrid"):
        assert text in printed, text
    assert (tmp_path / "out" / "report.md").is_file()
    assert not (tmp_path / "out" / "records.partial.jsonl").exists()  # a finished run leaves only results.json
    saved = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["metrics"]["hybrid"]
    shown = {cells[1].split(" (")[0]: cells[2] for line in printed.splitlines()
             if len(cells := [c.strip() for c in line.strip("│ ").split("│")]) == 3}
    for name in ("hit@1", "recall@5", "mrr@10", "key_fact_recall", "token_f1", "citation_precision"):
        assert shown[name] == f"{saved[name]:.3f}", name  # the table prints this run's numbers, not placeholders
    assert shown["rouge2"] == f"{saved['rouge2']:.2f}" and shown["multiple_choice_accuracy"] == "n/a"


# --------------------------------------------------------------------------- missing data


@pytest.mark.parametrize("suite", ["realtimeqa", "rgb"])
def test_missing_data_raises_a_config_error_naming_the_folder(tmp_path: Path, suite: str) -> None:
    """A suite whose data folder is absent fails before any work with a message naming where it looked."""
    missing = tmp_path / "no-such-data"
    with pytest.raises(SuiteDataMissing, match=str(missing / suite)) as info:
        run(suite, data=missing, out=tmp_path / "out", show_progress=False)
    assert isinstance(info.value, ConfigError) and "--data" in str(info.value)


def test_cli_missing_data_exits_with_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI turns missing suite data into exit code 2 and a one-line message."""
    code = main(["eval", "rgb", "--data", str(tmp_path), "--out", str(tmp_path / "out")])
    assert code == 2
    assert str(tmp_path / "rgb") in capsys.readouterr().err


# --------------------------------------------------------------------------- small external-format suites


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture
def tiny_realtimeqa(tmp_path: Path) -> Path:
    """A one-week RealTimeQA folder: two questions (one with a too-short gold text) and search results."""
    folder = tmp_path / "data" / "realtimeqa"
    folder.mkdir(parents=True)
    squid = ("Netflix announced Sunday that the wildly popular South Korean show Squid Game is green lit for a second season. "
             "The show became the most watched series in the history of the streaming service. " * 6)
    charger = "The European Union will require a common USB-C charging port for all phones sold in Europe. " * 8
    _write_jsonl(folder / "20220617_qa.jsonl", [
        {"question_id": "20220617_0", "question_sentence": "Which wildly popular show was recently green lit for a new season?",
         "choices": ["Game of Thrones", "Squid Game", "Breaking Bad", "Friends"], "answer": ["1"], "question_source": "CNN"},
        {"question_id": "20220617_1", "question_sentence": "Which continent will require a single charging standard?",
         "choices": ["Europe", "Asia"], "answer": ["0"], "question_source": "CNN"},
    ])
    _write_jsonl(folder / "20220617_gold.jsonl", [
        {"question_id": "20220617_0", "search_result": [{"url": "https://www.cnn.com/squid/", "text": squid, "publish_date": "2022/06/12"}]},
        {"question_id": "20220617_1", "search_result": [{"url": "https://www.cnn.com/usbc", "text": "too short"}]},
    ])
    _write_jsonl(folder / "20220617_gcs.jsonl", [
        {"question_id": "20220617_0", "search_result": [
            {"url": "http://cnn.com/squid", "title": "Squid Game season 2", "text": "ad junk only " * 20},
            {"url": "https://www.usatoday.com/friends", "title": "Friends reunion", "text": "The Friends cast met again for a reunion special on HBO Max. " * 5}]},
        {"question_id": "20220617_1", "search_result": [
            {"url": "https://www.cnn.com/usbc-long", "title": "USB-C", "text": charger, "publish_date": "2022/06/07"}]},
    ])
    return tmp_path / "data"


def test_realtimeqa_loader_dedups_urls_keeps_usable_questions_and_cuts_documents(tiny_realtimeqa: Path) -> None:
    """Only questions with a 500+ character gold text count; the gold text wins over a scraped copy of its URL."""
    data = load_realtimeqa(tiny_realtimeqa, None, doc_chars=400)
    assert [q.id for q in data.questions] == ["20220617_0"]
    q = data.questions[0]
    assert q.answers == ["Squid Game"] and q.gold_choice == 1 and q.gold_keys == [normalise_url("https://www.cnn.com/squid/")]
    urls = sorted(normalise_url(a.url) for a in data.articles)
    assert urls == ["cnn.com/squid", "cnn.com/usbc-long", "usatoday.com/friends"]
    gold = next(a for a in data.articles if normalise_url(a.url) == "cnn.com/squid")
    assert gold.body.startswith("Netflix announced") and gold.title == "Squid Game season 2"
    assert all(len(a.body) <= 400 for a in data.articles) and gold.body.endswith(".")
    assert data.config["doc_chars"] == 400


def test_cut_ends_at_a_sentence_when_one_is_near() -> None:
    """Documents are cut at the last sentence end before the limit, or hard when none is near."""
    assert cut("One two three four. Five six seven.", 25) == "One two three four."
    assert cut("x" * 50, 20) == "x" * 20
    assert cut("short", 20) == "short"


def test_realtimeqa_run_scores_multiple_choice(tiny_realtimeqa: Path, tmp_path: Path, embedder: Any) -> None:
    """A realtimeqa run over the tiny folder picks the supported choice and scores retrieval against the gold URL."""
    result = run("realtimeqa", data=tiny_realtimeqa, out=tmp_path / "out", home=tmp_path / "home", embedder=embedder,
                 show_progress=False)
    metrics = result.results["metrics"]["hybrid"]
    record = result.results["records"][0]
    assert record["mc_pick"] == 1 and metrics["multiple_choice_accuracy"] == 1.0
    assert metrics["hit@1"] == 1.0 and record["gold_ids"] == [record["ranked"][0]]
    assert metrics["contains_match"] == 1.0


def test_rgb_loader_and_run_classify_conflicts(tmp_path: Path, embedder: Any) -> None:
    """RGB records give a noise and a counterfactual question, each searched only within its own passages."""
    folder = tmp_path / "data" / "rgb"
    folder.mkdir(parents=True)
    _write_jsonl(folder / "en_fact.json", [{
        "id": 0, "query": "Where was Super Bowl 2021 played?", "answer": "Tampa, Florida", "fakeanswer": "Glendale, Arizona",
        "positive": ["Super Bowl LV was played on February 7, 2021, at Raymond James Stadium in Tampa, Florida."],
        "positive_wrong": ["Super Bowl LV was played on February 7, 2021, at Raymond James Stadium in Glendale, Arizona."],
        "negative": ["Tickets for the next Super Bowl in Las Vegas are now on sale from official partners."],
    }])
    data = load_rgb(tmp_path / "data", None)
    assert [q.type for q in data.questions] == ["noise", "counterfactual"]
    noise, counter = data.questions
    assert len(noise.articles or []) == 2 and len(counter.articles or []) == 2 and set(noise.articles or []) & set(counter.articles or [])
    assert all("positive" not in a.title and "negative" not in a.title for a in data.articles)
    result = run("rgb", data=tmp_path / "data", out=tmp_path / "out", home=tmp_path / "home", embedder=embedder, show_progress=False)
    records = {r["type"]: r for r in result.results["records"]}
    assert records["noise"]["contains_match"] == 1.0
    counter_record = records["counterfactual"]
    outcome = conflict_outcome(clean_answer(counter_record["answer"]), ["Tampa, Florida"], ["Glendale, Arizona"])
    assert counter_record["conflict"] == outcome  # classified from the answer given, with the record's own values
    rate_of = {"reports_both": "conflict_reported_rate", "real_only": "real_only_rate", "fake_only": "fake_only_rate",
               "neither": "neither_rate"}
    metrics = result.results["metrics"]["hybrid"]
    assert {name: metrics[name] for name in METRIC_GROUPS["conflicts"]} == {
        name: float(kind == outcome) for kind, name in rate_of.items()}


# --------------------------------------------------------------------------- scoring helpers


def _ev(n: int, text: str) -> Evidence:
    return Evidence(chunk_id=f"c{n}", article_id=f"a{n}", text=text, start=0, end=len(text), score=1.0)


def test_pick_choice_prefers_the_supported_choice_and_needs_evidence(embedder: Any) -> None:
    """The choice stated by the evidence wins; without evidence no choice is picked."""
    evidence = [_ev(1, "Gas prices hit a record. The national average for a gallon of regular gas rose to $5 on Saturday, AAA said."),
                _ev(2, "Drivers in California paid the most.")]
    pick, scores = pick_choice("How much does a gallon of regular gas cost on average?", ["$3", "$4", "$5", "$6"], evidence, embedder)
    assert pick == 2 and scores[2] == max(scores)
    assert pick_choice("Anything?", ["a", "b"], [], embedder)[0] == -1


def test_answer_choice_reads_the_answer_text_only() -> None:
    """The choice named by the answer wins; no choice, a tie or an abstention ("") names nothing."""
    choices = ["Mississippi", "Alaska", "Rhode Island", "Florida"]
    assert answer_choice("Jackson, the capital of Mississippi, has no safe water.", choices) == 0
    assert answer_choice("Officials in Rhode Island said the plant failed.", choices) == 2
    assert answer_choice("The plant failed on Monday.", choices) == -1
    assert answer_choice("Either Alaska or Florida.", choices) == -1
    assert answer_choice("", choices) == -1


def test_answer_choice_reads_a_terse_answer_by_the_choice_s_distinctive_words() -> None:
    """Held-out cases: a terse correct answer names 2 of 5 words; a shared word must not tie two choices."""
    places = ["The Las Vegas Strip", "Zion National Park in Utah", "New York City’s Times Square", "San Franciso’s Golden Gate Park"]
    assert answer_choice("The Times Square tourist area was designated a gun-free zone this week.", places) == 2
    pairs = ["Russia and Iran", "Russia and India", "Russia and China", "Russia and Turkey"]
    assert answer_choice("Russia has sought ever closer ties with China.", pairs) == 2
    assert answer_choice("Russia has sought closer ties with its neighbours.", pairs) == -1
    assert answer_choice("Russia courted both Iran and India.", pairs) == -1  # two choices named alike: a tie


def test_answer_choice_reads_a_number_spelt_out_as_its_digits() -> None:
    """RealTimeQA dev: "extended ... detention for six months" is the choice "6" (it scored wrong for both engines);
    "one" stays a word (mostly a pronoun), and a different number still names another choice."""
    months = ["3", "4", "5", "6"]
    assert answer_choice("The Russian court extended Brittney Griner's detention for six months [1].", months) == 3
    assert answer_choice("Her detention was extended by 6 months.", months) == 3
    assert answer_choice("Her detention was extended by three months.", months) == 0
    assert answer_choice("The ruling is one of several.", ["1", "2"]) == -1
    assert answer_choice("Twelve people and a dozen dogs.", ["Twelve", "Ten"]) == 0  # a spelt-out choice reads alike


def test_heldout_realtimeqa_hides_the_unanswerable_questions_evidence(tiny_realtimeqa: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Made-unanswerable questions lose their gold article and their own search results; others keep theirs."""
    from ragnews.eval.suites import realtimeqa_heldout

    ids = tmp_path / "heldout.json"
    ids.write_text(json.dumps({"seed": 1, "weeks": ["20220617"], "answerable": ["20220617_0"], "unanswerable": ["20220617_1"]}))
    monkeypatch.setattr(realtimeqa_heldout, "IDS_FILE", ids)
    (tiny_realtimeqa / "realtimeqa" / "20220617_gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in [
        {"question_id": "20220617_0", "search_result": [{"url": "https://www.cnn.com/squid/", "text": "Squid Game returns. " * 40}]},
        {"question_id": "20220617_1", "search_result": [{"url": "https://www.cnn.com/usbc", "text": "USB-C everywhere. " * 40}]}]))
    data = realtimeqa_heldout.load(tiny_realtimeqa, None)
    by_id = {q.id: q for q in data.questions}
    assert by_id["20220617_0"].answerable and by_id["20220617_0"].gold_choice == 1
    assert not by_id["20220617_1"].answerable and not by_id["20220617_1"].choices
    urls = sorted(normalise_url(a.url) for a in data.articles)
    assert urls == ["cnn.com/squid", "usatoday.com/friends"]  # usbc (gold) and usbc-long (its search result) are gone


def test_heldout_ids_are_from_held_out_weeks() -> None:
    """The committed held-out list: 60 distinct ids, 10 unanswerable, all from weeks after 2022-08-26."""
    from ragnews.eval.suites.realtimeqa_heldout import AFTER, IDS_FILE

    spec = json.loads(IDS_FILE.read_text(encoding="utf-8"))
    ids = spec["answerable"] + spec["unanswerable"]
    assert len(set(ids)) == 60 and len(spec["unanswerable"]) == 10
    assert all(i[:8] > AFTER and i[:8] in spec["weeks"] for i in ids)


def test_fresh_heldout_ids_are_new_and_unanswerables_lose_their_evidence(tiny_realtimeqa: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed fresh list: 60 ids, 15 unanswerable, none of the old held-out's; loads like the held-out."""
    from ragnews.eval.suites import realtimeqa_fresh
    from ragnews.eval.suites.realtimeqa_heldout import IDS_FILE as OLD

    spec = json.loads(realtimeqa_fresh.IDS_FILE.read_text(encoding="utf-8"))
    old = json.loads(OLD.read_text(encoding="utf-8"))
    ids = spec["answerable"] + spec["unanswerable"]
    assert len(set(ids)) == 60 and len(spec["unanswerable"]) == 15
    assert not set(ids) & set(old["answerable"] + old["unanswerable"])
    assert all(i[:8] in spec["weeks"] for i in ids)
    ids_file = tmp_path / "fresh.json"
    ids_file.write_text(json.dumps({"seed": 1, "weeks": ["20220617"], "answerable": ["20220617_0"], "unanswerable": [],
                                    "unseen_heldout_week_ids": 1, "dev_week_ids": 0, "dev_weeks_drawn_from": []}))
    monkeypatch.setattr(realtimeqa_fresh, "IDS_FILE", ids_file)
    data = realtimeqa_fresh.load(tiny_realtimeqa, None)
    assert data.name == "realtimeqa-fresh" and [q.id for q in data.questions] == ["20220617_0"]


def test_rgb_heldout_ids_skip_llm_dev_records_and_unanswerables_see_only_negatives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed RGB held-out: 60 records, 15 unanswerable, none of the LLM dev records; an unanswerable one sees no positive passage."""
    from ragnews.eval.suites import rgb_heldout

    spec = json.loads(rgb_heldout.IDS_FILE.read_text(encoding="utf-8"))
    ids = spec["answerable"] + spec["unanswerable"]
    assert len(set(ids)) == 60 and len(spec["unanswerable"]) == 15
    assert not set(ids) & set(rgb_heldout.LLM_DEV_RECORDS)
    folder = tmp_path / "data" / "rgb"
    folder.mkdir(parents=True)
    _write_jsonl(folder / "en_fact.json", [
        {"id": i, "query": f"Where was Super Bowl {2020 + i} played?", "answer": "Tampa, Florida", "fakeanswer": "Glendale",
         "positive": [f"Super Bowl {2020 + i} was played at Raymond James Stadium in Tampa, Florida."], "positive_wrong": [],
         "negative": ["Tickets for the next Super Bowl in Las Vegas are now on sale."]} for i in (4, 5)])
    ids_file = tmp_path / "rgb_heldout.json"
    ids_file.write_text(json.dumps({"seed": 1, "excluded_llm_dev_records": [0], "answerable": [4], "unanswerable": [5]}))
    monkeypatch.setattr(rgb_heldout, "IDS_FILE", ids_file)
    data = rgb_heldout.load(tmp_path / "data", None)
    answerable, unanswerable = data.questions
    assert (answerable.id, answerable.answerable, unanswerable.id, unanswerable.answerable) == ("4-noise", True, "5-negative", False)
    texts = {a.id: a.body for a in data.articles}
    assert any("Tampa" in texts[i] for i in answerable.articles or [])
    assert not any("Tampa" in t for i, t in texts.items() if i in (unanswerable.articles or []))
    assert len(data.articles) == 3  # the unanswerable record's positive passage is not even ingested


def test_conflict_outcome_categories() -> None:
    """Both values or a flagged conflict count as reported; otherwise which value was picked."""
    real, fake = ["Tampa, Florida"], ["Glendale, Arizona"]
    assert conflict_outcome("It was held in Tampa, Florida. Another source says Glendale, Arizona.", real, fake) == "reports_both"
    assert conflict_outcome("The sources conflict on the venue.", real, fake) == "reports_both"
    assert conflict_outcome("It was held in Tampa, Florida.", real, fake) == "real_only"
    assert conflict_outcome("It was held in Glendale, Arizona.", real, fake) == "fake_only"
    assert conflict_outcome("", real, fake) == "neither"


def test_clean_answer_drops_markers() -> None:
    assert clean_answer("Kim met Noh [1][2]. He said no [3, 4] [unsupported].") == "Kim met Noh. He said no."


def test_support_judge_accepts_quotes_and_rejects_unrelated_text(embedder: Any) -> None:
    """The offline judge accepts a sentence its passage states and rejects one it does not."""
    judge = SupportJudge(Verifier(embedder, 0.5), 0.5)
    passage = "Sung Kim arrived in Seoul on Saturday. He met Noh Kyu-duk on Monday to discuss humanitarian aid."
    assert judge("He met Noh Kyu-duk on Monday to discuss humanitarian aid.", [passage])
    assert not judge("Norway won the most medals at the 2018 Winter Olympics.", [passage])


def test_fact_judge_rejects_a_one_detail_change_the_support_score_accepts(embedder: Any) -> None:
    """Citation precision offline is judged with the fact-level checks, not the support score alone."""
    passage = "Sung Kim arrived in Seoul on Saturday for a four-day visit. He met Noh Kyu-duk on Monday."
    altered = "Sung Kim arrived in Seoul on Saturday for a nine-day visit."
    assert SupportJudge(Verifier(embedder, 0.5), 0.5)(altered, [passage])
    judge = FactJudge(Verifier(embedder, 0.5), 0.5)
    assert not judge(altered, [passage])
    assert judge("Sung Kim arrived in Seoul on Saturday for a 4-day visit.", [passage])
    assert judge.name.startswith("self-check")


class _ScriptedLLM:
    """An LLM stand-in that returns fixed replies and keeps the messages it was sent."""

    name = "scripted"

    def __init__(self, replies: list[str]) -> None:
        self.replies = replies
        self.sent: list[list[dict[str, str]]] = []

    def complete(self, messages: list[dict[str, str]]) -> str:
        self.sent.append(messages)
        return self.replies.pop(0)

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        yield self.complete(messages)


def test_llm_judge_is_used_when_configured(tmp_path: Path, embedder: Any) -> None:
    """With settings.judge = llm the citation judge is the LLM (prompts/judge.txt), named in the results; else offline."""
    llm = _ScriptedLLM(["YES", "No, it does not."])
    with NewsRAG(settings=Settings(home=tmp_path / "h", judge="llm"), embedder=embedder, llm=llm) as rag:
        judge = citation_judge(rag, embedder)
    assert judge.name == "llm:scripted"
    assert judge("Kim met Noh.", ["Kim met Noh on Monday."]) is True
    assert judge("Kim met Putin.", ["Kim met Noh on Monday."]) is False
    assert "Claim: Kim met Noh." in llm.sent[0][-1]["content"] and '<source n="1">' in llm.sent[0][-1]["content"]
    with NewsRAG(settings=Settings(home=tmp_path / "h2"), embedder=embedder, llm=llm) as rag:
        assert citation_judge(rag, embedder).name.startswith("self-check")


# --------------------------------------------------------------------------- aggregation


def _record(answerable: bool, abstained: bool, good: bool, **extra: Any) -> dict[str, Any]:
    value = 1.0 if good else 0.0
    rec: dict[str, Any] = {"config": "x", "id": "q", "type": "t", "answerable": answerable, "abstained": abstained,
                           "latency": 0.1 if good else 0.3, "answer": ""}
    if answerable:
        rec.update({f"hit@{k}": value for k in (1, 3, 5, 10)}, **{f"recall@{k}": value for k in range(1, 11)},
                   **{"mrr@10": value, "ndcg@10": value, "key_fact_recall": value, "token_f1": value,
                      "exact_match": value, "contains_match": value})
    if not abstained:
        rec.update(citation_precision=value, citation_recall=value, citation_f1=value)
    return rec | extra


def test_aggregate_perfect_system() -> None:
    """A system right on every answerable question that abstains exactly on the unanswerable ones scores 1.0."""
    records = [_record(True, False, True, mc_pick=2, gold_choice=2), _record(True, False, True, mc_pick=0, gold_choice=0),
               _record(False, True, True)]
    m = aggregate(records)
    for name in ("hit@5", "recall@10", "mrr@10", "ndcg@10", "key_fact_recall", "exact_match", "citation_precision",
                 "citation_recall", "abstention_precision", "abstention_recall", "multiple_choice_accuracy"):
        assert m[name] == 1.0, name
    assert m["recall_curve"][1] == 1.0 and m["n_unanswerable"] == 1 and m["latency_p50"] == pytest.approx(0.1)


def test_aggregate_worst_system() -> None:
    """A system wrong everywhere, answering the unanswerable and abstaining on the answerable, scores 0.0."""
    records = [_record(True, True, False, mc_pick=1, gold_choice=2), _record(False, False, False)]
    m = aggregate(records)
    for name in ("hit@5", "recall@10", "mrr@10", "ndcg@10", "key_fact_recall", "token_f1", "citation_precision",
                 "citation_recall", "abstention_precision", "abstention_recall", "multiple_choice_accuracy"):
        assert m[name] == 0.0, name
    assert m["abstention_rate"] == 0.5 and m["conflict_reported_rate"] is None


def test_best_threshold_balances_abstention_and_recall() -> None:
    rows = [{"threshold": 0.3, "abstention_f1": 0.2, "key_fact_recall": 0.7},
            {"threshold": 0.4, "abstention_f1": 0.5, "key_fact_recall": 0.68},
            {"threshold": 0.5, "abstention_f1": 0.6, "key_fact_recall": 0.4}]
    assert best_threshold(rows)["threshold"] == 0.4
    assert best_threshold([]) is None


# --------------------------------------------------------------------------- the Reuters answer sets


def _reuters_data() -> Path:
    """The shared data folder holding Reuters-21578 (skips the test when it is absent)."""
    from ragnews.eval.suites import default_data_dir

    data = default_data_dir()
    if not (data / "reuters21578").is_dir():
        pytest.skip(f"Reuters-21578 not found at {data / 'reuters21578'} (shared data absent)")
    return data


def _reuters_builder() -> Any:
    """benchmarks/build_reuters_sets.py, imported from its file (benchmarks is not an installed package)."""
    import importlib.util

    from ragnews.eval.suites.reuters import SETS

    spec = importlib.util.spec_from_file_location("build", SETS.parents[3] / "benchmarks" / "build_reuters_sets.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build


def _later_reuters_set(name: str, stem: str, earlier: tuple[str, ...]) -> tuple[Any, list[str], Path]:
    """A Reuters set added after the first five: registered as name, loading its own 200-article slice (stem_ids.txt)
    in order, sharing no article with the earlier slices. Returns the loaded suite, its ids and the data folder."""
    from ragnews.eval.suites import REGISTRY, load_suite
    from ragnews.eval.suites.reuters import SETS, SPLITS

    assert SPLITS[name] == stem and dict(REGISTRY[name].options) == {"name": name}
    data = _reuters_data()
    suite = load_suite(name, data, None)
    ids = (SETS / f"{stem}_ids.txt").read_text().split()
    assert len(ids) == 200 and [str(a.metadata["newid"]) for a in suite.articles] == ids
    assert not {i for s in earlier for i in (SETS / f"{s}_ids.txt").read_text().split()} & set(ids)
    assert all(set(q.gold_keys) <= set(ids) and q.key_facts for q in suite.questions if q.answerable)
    return suite, ids, data


def test_reuters_sets_are_disjoint_and_their_gold_checks_out() -> None:
    """The held-out set keeps its promises: >= 80 questions, >= 25 unanswerable, gold verbatim, slices disjoint."""
    from ragnews.eval.suites.base import read_questions
    from ragnews.eval.suites.reuters import SETS

    data = _reuters_data()
    held = read_questions(SETS / "heldout.jsonl")
    assert len(held) >= 80 and sum(not q.answerable for q in held) >= 25
    ids = {s: set((SETS / f"{s}_ids.txt").read_text().split()) for s in ("heldout", "dev", "dev2", "dev3", "dev4")}
    assert len(ids["heldout"]) == 300 and not ids["heldout"] & ids["dev"]
    assert not ids["dev2"] & (ids["heldout"] | ids["dev"])  # dev2 shares no source article with either
    assert not ids["dev3"] & (ids["heldout"] | ids["dev"] | ids["dev2"])  # nor does dev3 with any of them
    assert not ids["dev4"] & (ids["heldout"] | ids["dev"] | ids["dev2"] | ids["dev3"])  # nor dev4
    build = _reuters_builder()
    dev2, dev3, dev4 = ids.pop("dev2"), ids.pop("dev3"), ids.pop("dev4")
    assert build.select(data) == {s: sorted(v, key=int) for s, v in ids.items()}  # reproducible from the seed
    assert build.select_dev2(data) == sorted(dev2, key=int)
    assert build.select_dev3(data) == sorted(dev3, key=int)
    assert build.select_dev4(data) == sorted(dev4, key=int)
    for split in ("heldout", "dev", "dev2", "dev3", "dev4"):
        assert build.check(data, split) == []


def test_second_reuters_heldout_set_loads_and_its_gold_checks_out() -> None:
    """reuters-heldout2 (written blind in session 10) is registered, loads its 200-article slice and keeps its promises.

    >= 80 questions, >= 25 unanswerable over all three near-miss kinds, a slice sharing no article (or opening)
    with any earlier slice and re-drawn from its seed, every gold quote/key fact/absent term verified.
    """
    suite, ids, data = _later_reuters_set("reuters-heldout2", "heldout2", ("heldout", "dev", "dev2", "dev3", "dev4"))
    unanswerable = [q for q in suite.questions if not q.answerable]
    assert len(suite.questions) >= 80 and len(unanswerable) >= 25
    assert {q.extra["kind"] for q in unanswerable} == {"attribute-absent", "entity-absent", "off-topic"}
    build = _reuters_builder()
    assert build.select_heldout2(data) == ids  # reproducible from its own seed, after the frozen slices
    assert build.check(data, "heldout2") == []


def test_fifth_reuters_dev_set_loads_and_its_gold_checks_out() -> None:
    """reuters-dev5 (written blind in session 11 by a non-tuner) is registered, loads its 200-article slice and keeps its promises.

    >= 110 questions, >= 35 unanswerable over all four near-miss kinds (a period the articles do not cover among
    them), a slice sharing no article with any earlier slice (heldout2 included) and re-drawn from its seed, and
    every gold quote/key fact/absent term verified by the builder's check.
    """
    suite, ids, data = _later_reuters_set("reuters-dev5", "dev5", ("heldout", "dev", "dev2", "dev3", "dev4", "heldout2"))
    unanswerable = [q for q in suite.questions if not q.answerable]
    assert len(suite.questions) >= 110 and len(unanswerable) >= 35
    assert {q.extra["kind"] for q in unanswerable} == {"attribute-absent", "entity-absent", "off-topic", "period-absent"}
    build = _reuters_builder()
    assert build.select_dev5(data) == ids  # reproducible from its own seed, after every frozen slice
    assert build.check(data, "dev5") == []


def test_sixth_reuters_dev_set_loads_and_its_gold_checks_out() -> None:
    """reuters-dev6 (written blind in session 22 by a non-tuner) is registered, loads its 200-article slice and keeps its promises.

    >= 90 questions, >= 60 answerable and >= 30 unanswerable over all four near-miss kinds, a slice sharing no article
    with any earlier slice (dev5 included) and re-drawn from its own seed, and every gold quote/key fact/absent term
    verified by the builder's check.
    """
    suite, ids, data = _later_reuters_set("reuters-dev6", "dev6",
                                          ("heldout", "dev", "dev2", "dev3", "dev4", "heldout2", "dev5"))
    unanswerable = [q for q in suite.questions if not q.answerable]
    assert len(suite.questions) >= 90 and len(unanswerable) >= 30 and len(suite.questions) - len(unanswerable) >= 60
    assert {q.extra["kind"] for q in unanswerable} == {"attribute-absent", "entity-absent", "off-topic", "period-absent"}
    build = _reuters_builder()
    assert build.select_dev6(data) == ids  # reproducible from its own seed, after every frozen slice
    assert build.check(data, "dev6") == []


def test_realtimeqa_split_selects_questions_by_frozen_week_and_keeps_one_corpus(tiny_realtimeqa: Path) -> None:
    """dev = weeks up to 2022-08-26, heldout = later weeks; both splits share the corpus (and so the home)."""
    from ragnews.eval.suites.realtimeqa import DEV_LAST_WEEK, in_split

    late = tiny_realtimeqa / "realtimeqa"
    for kind in ("qa", "gold", "gcs"):
        text = (late / f"20220617_{kind}.jsonl").read_text().replace("20220617_", "20221104_")
        (late / f"20221104_{kind}.jsonl").write_text(text)
    dev, held, both = (load_realtimeqa(tiny_realtimeqa, None, split=s) for s in ("dev", "heldout", "all"))
    assert [q.id for q in dev.questions] == ["20220617_0"] and [q.id for q in held.questions] == ["20221104_0"]
    assert len(both.questions) == 2 and dev.fingerprint() == held.fingerprint() == both.fingerprint()
    assert DEV_LAST_WEEK == "20220826" and in_split("20220826", "dev") and in_split("20220902", "heldout")
    with pytest.raises(ValueError, match="split"):
        in_split("20220617", "test")


def test_a_stopped_run_keeps_the_records_scored_so_far(tmp_path: Path, eval_home: Path, embedder: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each record is appended to records.partial.jsonl as it is scored; a run that dies keeps them, ready to aggregate."""
    from ragnews.eval import runner

    real, calls = runner._ask_one, []

    def dies_on_the_third(*args: Any, **kwargs: Any) -> dict[str, Any]:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the run is stopped while the third question is being answered
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "_ask_one", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        run("examples", limit=4, out=tmp_path / "out", home=eval_home, embedder=embedder, sweep=(), show_progress=False)
    lines = (tmp_path / "out" / "records.partial.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["ex01", "ex02"] and not (tmp_path / "out" / "results.json").exists()
    assert aggregate(records)["n_questions"] == 2


def test_eval_home_name_changes_with_what_the_vectors_are_made_of(tiny_realtimeqa: Path, embedder: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A home built with another embedded text (header off, other overlap) must not be reused: its name differs."""
    from ragnews.eval.runner import home_name
    from ragnews.eval.suites import load_suite

    data = load_suite("realtimeqa", tiny_realtimeqa, None, None, "all")
    default = home_name("realtimeqa", data, embedder, Settings())
    body = home_name("realtimeqa", data, embedder, Settings(embed_header=False))
    overlap = home_name("realtimeqa", data, embedder, Settings(chunk_overlap=16))
    assert len({default, body, overlap}) == 3
    assert default.endswith("-s2")  # defaults keep the name homes had before the suffixes existed
    monkeypatch.setattr("ragnews.models.EMBED_HEADER_VERSION", 2)  # a changed header line: a new home
    assert home_name("realtimeqa", data, embedder, Settings()) == default + "-h2"


def test_eval_home_name_changes_when_reprints_do_not_borrow(tiny_realtimeqa: Path, embedder: Any) -> None:
    """With reprint_reuse off, reprints get chunks and vectors of their own: a home built either way is not the other's."""
    from ragnews.eval.runner import home_name
    from ragnews.eval.suites import load_suite

    data = load_suite("realtimeqa", tiny_realtimeqa, None, None, "all")
    default = home_name("realtimeqa", data, embedder, Settings())
    assert home_name("realtimeqa", data, embedder, Settings(reprint_reuse=False)) == default + "-noreuse"
    assert home_name("realtimeqa", data, embedder, Settings(reprint_reuse=False, embed_header=False)) == default + "-body-noreuse"


def test_llm_dev_sets_are_suites_apart_from_the_held_out_sets(tmp_path: Path) -> None:
    """The LLM path's dev lists (sessions 7 and 11; scratch scripts once, lost with their machine) load as suites, by
    the held-out modules' own loaders, and share no question with a held-out set they tune against."""
    from ragnews.eval.suites import REGISTRY, load_suite, rgb_heldout
    from ragnews.eval.suites.realtimeqa import DEV_LAST_WEEK
    from ragnews.eval.suites.realtimeqa_fresh import IDS_FILE as FRESH
    from ragnews.eval.suites.realtimeqa_heldout import IDS_FILE as HELDOUT

    def ids(path: Path) -> set[object]:
        spec = json.loads(path.read_text(encoding="utf-8"))
        return set(spec["answerable"] + spec["unanswerable"])

    devunans = ids(PACKAGED_DATA / dict(REGISTRY["realtimeqa-devunans"].options)["ids"])
    assert len(devunans) == 20 and all(i[:8] <= DEV_LAST_WEEK for i in map(str, devunans))
    assert not devunans & (ids(HELDOUT) | ids(FRESH))
    rgb_dev = ids(PACKAGED_DATA / dict(REGISTRY["rgb-dev"].options)["ids"])
    assert len(rgb_dev) == 40 and not rgb_dev & ids(rgb_heldout.IDS_FILE)
    folder = tmp_path / "data" / "rgb"
    folder.mkdir(parents=True)
    _write_jsonl(folder / "en_fact.json", [
        {"id": i, "query": f"Where was Super Bowl {2020 + i} played?", "answer": "Tampa, Florida", "fakeanswer": "Glendale",
         "positive": [f"Super Bowl {2020 + i} was played in Tampa, Florida."], "positive_wrong": [],
         "negative": ["Tickets for the next Super Bowl are on sale."]} for i in range(100)])
    data = load_suite("rgb-dev", tmp_path / "data", None)
    assert data.name == "rgb-dev" and len(data.questions) == 40 and "DEV set" in data.notes[0]
    assert sum(not q.answerable for q in data.questions) == 10
