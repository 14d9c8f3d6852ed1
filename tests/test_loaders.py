"""Tests of ragnews.loaders and ragnews.dates on the real seed articles and hand-made inputs."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from ragnews import loaders
from ragnews.dates import dateline_date, find_date, find_dateline, parse_date
from ragnews.loaders import LoadItem, LoadWarning, expand_paths, iter_articles
from ragnews.models import Article, IngestFailure
from ragnews.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "articles"
REUTERS_DIR = ROOT.parent / "shared" / "data" / "reuters21578"
SEED_000 = SEEDS / "000_b02027f058b419c9.txt"
SEED_001 = SEEDS / "001_7b07b0b14461c031.txt"
SEED_004 = SEEDS / "004_7e964dae68d9b4d9.txt"


def load(path: Path, settings: Settings | None = None) -> list[Article | IngestFailure | LoadWarning]:
    """Return everything iter_articles yields for path."""
    return list(iter_articles(path, settings))


def articles(path: Path) -> list[Article]:
    """Return only the articles loaded from path."""
    return [item for item in load(path) if isinstance(item, Article)]


def only_article(path: Path) -> Article:
    """Return the single item of path, asserting it is an Article."""
    items = load(path)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def failures(path: Path, settings: Settings | None = None) -> list[IngestFailure]:
    """Return only the failures of loading path."""
    return [item for item in load(path, settings) if isinstance(item, IngestFailure)]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """Write content to tmp_path/name and return the path."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


BODY = "The envoy arrived in Seoul on Saturday for a four-day visit to discuss talks with officials.\n"


# ----------------------------------------------------------------------------- seed articles


def test_seed_000_title_and_naive_datetime_from_date_byline_line() -> None:
    article = only_article(SEED_000)
    assert article.title == "US envoy says no hostile intent towards North Korea, calls for talks"
    assert article.published == datetime(2021, 8, 23, 11, 52)
    assert isinstance(article.published, datetime) and article.published.tzinfo is None


def test_seed_000_agency_byline_sets_wire_and_source_not_authors() -> None:
    article = only_article(SEED_000)
    assert (article.source, article.wire, article.authors) == ("Reuters", "Reuters", [])
    assert "By Reuters" not in article.body and "11:52" not in article.body


def test_seed_000_caption_and_image_credit_dropped() -> None:
    article = only_article(SEED_000)
    assert "Image:" not in article.body and "Chung Sung-Jun" not in article.body
    assert "bumps elbows" not in article.body
    assert article.body.startswith("The US does not have hostile intent towards Pyongyang")


def test_seed_001_copyright_footer_is_not_a_date_and_leaves_body() -> None:
    article = only_article(SEED_001)
    assert article.published is None
    assert "Copyright" not in article.body and "Nexstar" not in article.body
    assert article.metadata["copyright"] == "Nexstar Media Inc."
    assert article.body.endswith("according to a report from Reuters published at the time.")


def test_seed_001_mentions_of_reuters_and_ap_are_not_a_wire_credit() -> None:
    article = only_article(SEED_001)
    assert article.title == "Biden envoy calls on North Korea to restart nuclear talks"
    assert (article.wire, article.source, article.authors) == ("", "", [])


def test_seed_001_one_line_paragraphs_are_separated_by_blank_lines() -> None:
    article = only_article(SEED_001)
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 15
    assert all("\n" not in p and p.strip() == p and p for p in paragraphs)


def test_seed_004_date_marker_line_is_not_a_title() -> None:
    article = only_article(SEED_004)
    assert article.title == ""
    assert article.published == date(2021, 6, 21) and not isinstance(article.published, datetime)


def test_seed_004_dateline_gives_wire_and_source() -> None:
    article = only_article(SEED_004)
    assert (article.wire, article.source) == ("Reuters", "Reuters")
    assert article.metadata["dateline"] == "SEOUL, June 21 (Reuters)"
    assert article.body.startswith("SEOUL, June 21 (Reuters) \u2013 The new US special envoy")


def test_seed_004_caption_credit_read_more_and_credits_removed() -> None:
    article = only_article(SEED_004)
    assert "Jonathan Ernst" not in article.body and "White House" not in article.body
    assert "Read more" not in article.body
    assert "especially the United States.\n\n" in article.body
    assert "Reporting by" not in article.body
    assert article.metadata["credits"] == "Reporting by Josh Smith; Editing by Peter Cooney"
    assert article.body.endswith("Li wrote.")


@pytest.mark.parametrize("seed", [SEED_000, SEED_001, SEED_004])
def test_seed_body_is_stable_and_lines_are_verbatim(seed: Path) -> None:
    first, second = only_article(seed), only_article(seed)
    assert (first.id, first.body) == (second.id, second.body)
    assert first.path == str(seed)
    source_text = seed.read_text(encoding="utf-8")
    for paragraph in first.body.split("\n\n"):
        assert paragraph in source_text


# ----------------------------------------------------------------------------- text rules


@pytest.mark.parametrize(
    ("byline", "authors", "wire"),
    [
        ("By Jane Doe", ["Jane Doe"], ""),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], ""),
        ("By Jane Doe, Reuters", ["Jane Doe"], "Reuters"),
        ("By The Associated Press", [], "AP"),
        ("By AFP", [], "AFP"),
    ],
)
def test_byline_people_become_authors_agencies_become_wire(tmp_path: Path, byline: str, authors: list[str], wire: str) -> None:
    article = only_article(write(tmp_path, "a.txt", f"Envoy visits Seoul\n{byline}\n\n{BODY}"))
    assert (article.authors, article.wire, article.title) == (authors, wire, "Envoy visits Seoul")
    assert article.body == BODY.strip()


def test_byline_with_date_after_names(tmp_path: Path) -> None:
    article = only_article(write(tmp_path, "a.txt", f"Title\nBy Jane Doe | Aug. 23, 2021\n\n{BODY}"))
    assert (article.authors, article.published) == (["Jane Doe"], date(2021, 8, 23))


def test_dateline_with_year_gives_date_and_ap_wire(tmp_path: Path) -> None:
    text = "Envoy visits Seoul\n\nWASHINGTON, June 21, 2021 (AP) \u2014 The envoy said on Monday he was ready.\n"
    article = only_article(write(tmp_path, "a.txt", text))
    assert (article.wire, article.source, article.published) == ("AP", "AP", date(2021, 6, 21))


def test_dateline_without_year_gives_no_date(tmp_path: Path) -> None:
    text = "Envoy visits Seoul\n\nSEOUL, June 21 (Reuters) - The envoy said on Monday he was ready.\n"
    article = only_article(write(tmp_path, "a.txt", text))
    assert (article.wire, article.published) == ("Reuters", None)


def test_stated_zone_gives_aware_datetime(tmp_path: Path) -> None:
    article = only_article(write(tmp_path, "a.txt", f"Title\nPublished: 2021-08-23T11:52:00+09:00\n\n{BODY}"))
    assert article.published == datetime(2021, 8, 23, 11, 52, tzinfo=timezone(timedelta(hours=9)))


def test_markdown_heading_title_and_front_matter(tmp_path: Path) -> None:
    text = f"---\ndate: 2021-06-21\nsource: Example Times\ndesk: world\n---\n# Envoy visits Seoul\n\n## Background\n\n{BODY}"
    article = only_article(write(tmp_path, "a.md", text))
    assert (article.title, article.published, article.source) == ("Envoy visits Seoul", date(2021, 6, 21), "Example Times")
    assert article.metadata["desk"] == "world"
    assert article.body == "Background\n\n" + BODY.strip()


def test_hard_wrapped_paragraph_is_joined(tmp_path: Path) -> None:
    text = (
        "Title\n\nThe envoy arrived in Seoul on Saturday for a four-day\n"
        "visit to discuss stalled talks with South Korean officials\nand diplomats.\n\nSecond paragraph.\n"
    )
    article = only_article(write(tmp_path, "a.txt", text))
    assert article.body.split("\n\n") == [
        "The envoy arrived in Seoul on Saturday for a four-day visit to discuss stalled talks with South Korean officials and diplomats.",
        "Second paragraph.",
    ]


def test_crlf_file_loads_like_lf(tmp_path: Path) -> None:
    lf = only_article(write(tmp_path, "lf.txt", f"Title\n\n{BODY}\nMore text.\n"))
    crlf = only_article(write(tmp_path, "crlf.txt", f"Title\r\n\r\n{BODY}\r\nMore text.\r\n"))
    assert (lf.id, lf.body) == (crlf.id, crlf.body)


def test_copyright_word_in_ordinary_last_paragraph_is_kept(tmp_path: Path) -> None:
    text = f"Title\n\n{BODY}\nCopyright lawsuits against news aggregators are rising, lawyers said.\n"
    article = only_article(write(tmp_path, "a.txt", text))
    assert article.body.endswith("lawyers said.") and "copyright" not in article.metadata


def test_title_only_file_fails_with_reason(tmp_path: Path) -> None:
    [failure] = failures(write(tmp_path, "a.txt", "Just a title\n\n date 2021-06-21 \n"))
    assert "no article text" in failure.reason


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-06-21", date(2021, 6, 21)),
        (" 2021-06-21 ", date(2021, 6, 21)),
        ("2021-06-21T11:52:00", datetime(2021, 6, 21, 11, 52)),
        ("2021-06-21T11:52:00Z", datetime(2021, 6, 21, 11, 52, tzinfo=UTC)),
        ("23 August 2021 - 11:52", datetime(2021, 8, 23, 11, 52)),
        ("August 23, 2021", date(2021, 8, 23)),
        ("Aug. 23, 2021", date(2021, 8, 23)),
        ("2021/06/21", date(2021, 6, 21)),
        ("Mon, 23 Aug 2021 11:52:00 GMT", datetime(2021, 8, 23, 11, 52, tzinfo=UTC)),
        ("Mon, 23 Aug 2021 11:52:00 +0900", datetime(2021, 8, 23, 11, 52, tzinfo=timezone(timedelta(hours=9)))),
        ("26-FEB-1987 15:01:01.79", datetime(1987, 2, 26, 15, 1, 1, 790000)),
        ("Saturday, January 1, 2005", date(2005, 1, 1)),
        ("August 23, 2021 at 3:05 p.m.", datetime(2021, 8, 23, 15, 5)),
        ("2021-02-30", None),
        ("June 21", None),
        ("Copyright 2023 Nexstar Media Inc.", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | datetime | None) -> None:
    result = parse_date(text)
    assert result == expected and type(result) is type(expected)
    if isinstance(result, datetime) and isinstance(expected, datetime):
        assert result.utcoffset() == expected.utcoffset()


def test_find_date_and_dateline_helpers() -> None:
    found = find_date("23 August 2021 - 11:52 By Reuters")
    assert found is not None and (found.value, found.start, found.end) == (datetime(2021, 8, 23, 11, 52), 0, 22)
    assert find_date("Copyright 2023 Nexstar Media Inc. All rights reserved.") is None
    dateline = find_dateline("SEOUL, June 21 (Reuters) \u2013 The new US envoy")
    assert dateline is not None and (dateline.place, dateline.wire, dateline.month, dateline.day) == ("SEOUL", "Reuters", 6, 21)
    assert dateline_date(dateline) is None and dateline_date(dateline, 2021) == date(2021, 6, 21)
    assert find_dateline("New York CNN \u2014 Squid Game is back") is None


# ----------------------------------------------------------------------------- expand_paths


def test_expand_paths_folder_recursive_sorted_supported_not_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.jsonl", "sub/d.pdf", ".hidden.txt", ".git/e.txt", "sub/F.HTML"]:
        write(tmp_path, name, BODY)
    files, fails = expand_paths([tmp_path])
    assert fails == []
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.md", "b.txt", "sub/F.HTML", "sub/c.jsonl"]


def test_expand_paths_glob_missing_and_duplicates(tmp_path: Path) -> None:
    one, two = write(tmp_path, "one.txt", BODY), write(tmp_path, "two.txt", BODY)
    missing = tmp_path / "nope.txt"
    files, fails = expand_paths([str(tmp_path / "*.txt"), one, missing, str(tmp_path / "*.json")])
    assert files == [one, two]
    assert [(f.path, "no such file or folder" in f.reason) for f in fails[:1]] == [(str(missing), True)]
    assert len(fails) == 2 and "matches" in fails[1].reason


# ----------------------------------------------------------------------------- bad input


def test_empty_and_whitespace_files_fail(tmp_path: Path) -> None:
    for name, content in [("empty.txt", b""), ("blank.md", b" \n\n\t\n")]:
        [failure] = failures(write(tmp_path, name, content))
        assert "file is empty" in failure.reason and failure.path.endswith(name)


def test_binary_file_fails(tmp_path: Path) -> None:
    [failure] = failures(write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10))
    assert "looks binary" in failure.reason and ".txt/.md/.json/.jsonl/.html/.sgm" in failure.reason


def test_invalid_utf8_warns_with_byte_offset_and_still_loads(tmp_path: Path) -> None:
    raw = b"Title\n\nGood text \xff more text.\n"
    items = load(write(tmp_path, "latin.txt", raw))
    warning, article = items
    assert isinstance(warning, LoadWarning) and isinstance(article, Article)
    offset = raw.index(b"\xff")
    assert offset == 17 and "latin.txt" in warning.path and f"byte offset {offset}" in warning.message
    assert article.body == "Good text \ufffd more text."


def test_oversized_file_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)

    def no_read(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    [failure] = load(path, Settings(max_file_mb=20))
    assert isinstance(failure, IngestFailure)
    assert "50.0 MB" in failure.reason and "20 MB" in failure.reason and "RAGNEWS_MAX_FILE_MB" in failure.reason


def test_size_limit_follows_setting(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"Title\n\n{BODY}")
    assert "limit" in failures(path, Settings(max_file_mb=0.00001))[0].reason
    assert articles(path)


def test_unknown_extension_and_missing_file_fail(tmp_path: Path) -> None:
    [unknown] = failures(write(tmp_path, "report.pdf", BODY))
    assert "unsupported file type '.pdf'" in unknown.reason
    [missing] = failures(tmp_path / "gone.txt")
    assert "cannot read" in missing.reason


def test_loader_crash_becomes_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, text: str) -> list[Article]:
        raise RuntimeError("boom")

    monkeypatch.setitem(loaders._LOADERS, "text", broken)
    [failure] = failures(write(tmp_path, "a.txt", BODY))
    assert "RuntimeError: boom" in failure.reason


# ----------------------------------------------------------------------------- JSON


def test_json_object_maps_fields_and_keeps_unknown_in_metadata(tmp_path: Path) -> None:
    record = {"title": "Envoy visits Seoul", "content": BODY, "publish_date": "2021-08-23", "outlet": "Example Times",
              "url": "https://example.com/a", "authors": "Jane Doe, John Roe", "section": "World", "tags": ["korea"]}
    article = only_article(write(tmp_path, "one.json", json.dumps(record)))
    assert (article.title, article.published, article.source, article.url) == ("Envoy visits Seoul", date(2021, 8, 23), "Example Times", "https://example.com/a")
    assert article.authors == ["Jane Doe", "John Roe"] and article.path == str(tmp_path / "one.json")
    assert article.metadata == {"section": "World", "tags": ["korea"]}


def test_json_list_numbers_records_and_detects_wire(tmp_path: Path) -> None:
    records = [
        {"title": "A", "body": "SEOUL, June 21 (Reuters) - The envoy said he was ready.", "date": "June 21, 2021"},
        {"text": BODY, "author": "Associated Press", "wire": ""},
        {"body": BODY, "wire": "AFP", "source": "Example Times"},
    ]
    first, second, third = articles(write(tmp_path, "many.json", json.dumps(records)))
    assert [a.path.rsplit("#", 1)[1] for a in (first, second, third)] == ["1", "2", "3"]
    assert (first.wire, first.source, first.published) == ("Reuters", "Reuters", date(2021, 6, 21))
    assert (second.title, second.published, second.wire, second.authors) == ("", None, "AP", [])
    assert (third.wire, third.source) == ("AFP", "Example Times")


def test_jsonl_bad_line_fails_alone_with_line_number(tmp_path: Path) -> None:
    lines = [json.dumps({"title": "One", "body": BODY}), '{"title": "Two", "body": ', "", json.dumps({"title": "Four", "body": BODY})]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    items = load(path)
    [failure] = [item for item in items if isinstance(item, IngestFailure)]
    assert (failure.path, failure.line) == (str(path), 2)
    assert "fix or remove that line" in failure.reason and "not valid JSON" in failure.reason
    assert [a.path for a in items if isinstance(a, Article)] == [f"{path}#1", f"{path}#4"]


def test_jsonl_record_without_body_fails_naming_record(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.ndjson", json.dumps({"title": "No body"}) + "\n" + json.dumps({"body": BODY}) + "\n")
    items = load(path)
    failure, article = items
    assert isinstance(failure, IngestFailure) and failure.path == str(path) and failure.line == 1  # shown as path:1
    assert "no body text" in failure.reason
    assert isinstance(article, Article) and (article.title, article.published) == ("", None)


def test_json_bad_date_warns_and_non_object_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", json.dumps([{"body": BODY, "date": "last Tuesday"}, "just a string"]))
    warning, article, failure = load(path)
    assert isinstance(warning, LoadWarning) and "last Tuesday" in warning.message
    assert isinstance(article, Article) and article.published is None and article.metadata["unparsed_date"] == "last Tuesday"
    assert isinstance(failure, IngestFailure) and failure.path == f"{path}#2" and "not an object" in failure.reason


def test_json_lines_saved_as_json_and_broken_json(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({"body": BODY, "n": n}) for n in range(3))
    assert [a.metadata["n"] for a in articles(write(tmp_path, "lines.json", lines))] == [0, 1, 2]
    [failure] = failures(write(tmp_path, "broken.json", '{"body": "x",\n  "title": }'))
    assert "invalid JSON" in failure.reason and failure.line == 2


# ----------------------------------------------------------------------------- HTML

PAGE = """<html><head><title>Envoy visits Seoul | Example News</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-08-23T11:52:00+09:00">
<link rel="canonical" href="https://example.com/news/envoy-seoul">
<meta property="og:site_name" content="Example News"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li></ul></nav>
<article><h1>Envoy visits Seoul</h1>
<p>The US special envoy for North Korea said on Monday that Washington has no hostile intent towards Pyongyang and is open to talks.</p>
<p>Sung Kim arrived in Seoul on Saturday for a four-day visit, meeting his South Korean counterpart Noh Kyu-duk to discuss aid.</p>
</article><footer>Subscribe to our newsletter. Privacy policy.</footer></body></html>"""


def test_html_main_text_and_metadata_via_trafilatura(tmp_path: Path) -> None:
    article = only_article(write(tmp_path, "page.html", PAGE))
    assert article.body.startswith("The US special envoy for North Korea said on Monday")
    assert article.body.count("\n\n") == 1
    assert "World news menu" not in article.body and "Subscribe" not in article.body
    assert (article.title, article.authors, article.source) == ("Envoy visits Seoul", ["Jane Doe"], "Example News")
    assert article.url == "https://example.com/news/envoy-seoul"
    assert article.published == datetime(2021, 8, 23, 11, 52, tzinfo=timezone(timedelta(hours=9)))


def test_html_without_main_text_fails(tmp_path: Path) -> None:
    [failure] = failures(write(tmp_path, "empty.htm", "<html><head><title>x</title></head><body></body></html>"))
    assert "no main article text" in failure.reason


# ----------------------------------------------------------------------------- Reuters SGML

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="12">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<TEXT>&#2;
<TITLE>BAHIA COCOA &lt;BCR> REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
the Bahia cocoa zone, said Smith &amp; Co.
    The dry period means the temporao will be late
this year.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="13">
<DATE>26-FEB-1987 15:02:20.00</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>BRIEF WITHOUT BODY</TITLE>Blah blah blah.
&#3;
</TEXT>
</REUTERS>
"""


def test_sgml_snippet_one_article_per_body(tmp_path: Path) -> None:
    path = write(tmp_path, "mini.sgm", SGML)
    article = only_article(path)
    assert (article.path, article.title) == (f"{path}#12", "BAHIA COCOA <BCR> REVIEW")
    assert article.published == datetime(1987, 2, 26, 15, 1, 1, 790000)
    assert (article.source, article.wire) == ("Reuters", "Reuters")
    assert article.body == (
        "Showers continued throughout the week in the Bahia cocoa zone, said Smith & Co.\n\n"
        "The dry period means the temporao will be late this year."
    )
    assert article.metadata["dateline"] == "SALVADOR, Feb 26" and article.metadata["topics"] == ["cocoa"]


def test_sgml_without_records_fails(tmp_path: Path) -> None:
    [failure] = failures(write(tmp_path, "other.sgm", "<DOC><P>not reuters</P></DOC>"))
    assert "no <REUTERS> records" in failure.reason


@pytest.mark.skipif(not (REUTERS_DIR / "reut2-000.sgm").exists(), reason="../shared/data/reuters21578 is absent")
def test_sgml_real_reuters_file() -> None:
    path = REUTERS_DIR / "reut2-000.sgm"
    items = load(path)
    assert all(isinstance(item, Article) for item in items)
    assert len(items) == path.read_text(encoding="utf-8").count("<BODY>") == 925
    assert len({item.path for item in items}) == 925
    first = items[0]
    assert isinstance(first, Article) and first.title == "BAHIA COCOA REVIEW" and first.path.endswith("#1")
    assert not any("\x03" in a.body or a.body.endswith("Reuter") for a in items if isinstance(a, Article))


# ----------------------------------------------------------------------------- streaming large files


def _jsonl_bytes(records: int) -> bytes:
    """JSON Lines with multi-byte and astral characters, CRLF line ends, a bad line and an invalid byte."""
    lines = []
    for n in range(records):
        body = f"Le président — 🙂 article {n}. " + "The envoy arrived in Seoul on Saturday. " * (n % 7 + 1)
        lines.append(json.dumps({"title": f"Story {n}", "body": body, "url": f"https://x.test/{n}"}, ensure_ascii=False))
    lines[5] = "{not json"
    raw = "\r\n".join(lines).encode()
    cut = raw.index(b"article 9.")
    return raw[:cut] + b"\xff" + raw[cut:]


def _summary(items: list[LoadItem]) -> list[tuple[str, ...]]:
    """What a test compares of loaded items: article ids, failure lines, warning texts."""
    return [(type(i).__name__, i.id) if isinstance(i, Article) else (type(i).__name__, i.path, i.message)
            if isinstance(i, LoadWarning) else (type(i).__name__, i.path, str(i.line), i.reason) for i in items]


def test_jsonl_streamed_in_small_pieces_loads_like_the_whole_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _jsonl_bytes(300)
    path = write(tmp_path, "many.jsonl", raw)
    whole = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
    bad = raw.index(b"\xff")
    warning = LoadWarning(str(path), f"invalid UTF-8 at byte offset {bad}; bad bytes were replaced with U+FFFD "
                                     "(re-save the file as UTF-8 to keep them)")
    monkeypatch.setattr(loaders, "_BLOCK_BYTES", 97)  # pieces cut next to multi-byte characters and inside CRLFs
    got = load(path)
    assert _summary([i for i in got if not isinstance(i, LoadWarning)]) == _summary(list(loaders._load_jsonl(path, whole)))
    assert _summary([i for i in got if isinstance(i, LoadWarning)]) == _summary([warning])
    assert sum(isinstance(i, Article) for i in got) == 299
    assert [i.line for i in got if isinstance(i, IngestFailure)] == [6]


def test_jsonl_is_read_piece_by_piece_not_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "big.jsonl", _jsonl_bytes(12000))  # about 3 MB
    monkeypatch.setattr(loaders, "_BLOCK_BYTES", 16 * 1024)  # its text (4 bytes a character here), copies, lines: ~40x
    _loads_streaming(path, 11999)


def test_sgml_streamed_in_small_pieces_finds_every_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = SGML * 40
    path = write(tmp_path, "many.sgm", text)
    expected = [loaders._sgml_record(path, n, dict(loaders._SGML_ATTR.findall(m["attrs"])), m["inner"])
                for n, m in enumerate(loaders._SGML_RECORD.finditer(text), 1)]
    monkeypatch.setattr(loaders, "_BLOCK_BYTES", 50)
    assert _summary(load(path)) == _summary([i for i in expected if i is not None])
    assert len(expected) == 80


def _json_records(n: int) -> list[object]:
    """Records with multi-byte and astral characters, a bad date and a non-object record."""
    out: list[object] = [{"title": f"Story {i}", "body": f"Le président — 🙂 article {i}. " + "The envoy arrived in Seoul. " * (i % 5 + 1),
                          "url": f"https://x.test/{i}", **({"date": "last Tuesday"} if i == 3 else {})} for i in range(n)]
    out[7] = "just a string"
    return out


@pytest.mark.parametrize("wrapped", [False, True])
def test_json_array_streamed_in_small_pieces_loads_like_the_whole_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wrapped: bool) -> None:
    data: object = {"articles": _json_records(60), "source": "feed"} if wrapped else _json_records(60)
    text = json.dumps(data, ensure_ascii=False, indent=1 if wrapped else None)
    path = write(tmp_path, "many.json", text)
    monkeypatch.setattr(loaders, "_BLOCK_BYTES", 97)  # elements cut across many pieces
    got = load(path)
    assert _summary(got) == _summary(list(loaders._load_json(path, text)))
    assert sum(isinstance(i, Article) for i in got) == 59 and [i.path for i in got if isinstance(i, IngestFailure)] == [f"{path}#8"]


def test_json_array_bad_record_is_the_same_one_line_failure_after_the_good_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = [json.dumps({"title": f"T{i}", "body": BODY}) for i in range(4)]
    text = "[\n" + ",\n".join(good[:2] + ['{"title": "bad",\n "body": }'] + good[2:]) + "\n]\n"
    path = write(tmp_path, "broken.json", text)
    monkeypatch.setattr(loaders, "_BLOCK_BYTES", 64)
    items = load(path)
    [expected] = list(loaders._load_json(path, text))  # what reading it whole says
    assert [type(i).__name__ for i in items] == ["Article", "Article", "IngestFailure"]
    failure = items[-1]
    assert isinstance(failure, IngestFailure) and (failure.reason, failure.line) == (expected.reason, expected.line) == (
        "invalid JSON (Expecting value, line 5 column 10); fix the file", 5)
    one_line = text.replace("\n", " ")  # json.dump writes an array on one line: the column counts the records before
    [expected] = list(loaders._load_json(path, one_line))
    assert failures(write(tmp_path, "broken.json", one_line))[0].reason == expected.reason
    assert expected.reason == "invalid JSON (Expecting value, line 1 column 275); fix the file"
    trailing = write(tmp_path, "trailing.json", "[" + good[0] + "] x")
    assert [type(i).__name__ for i in load(trailing)] == ["Article", "IngestFailure"]
    assert "Extra data, line 1 column" in failures(trailing)[0].reason


def test_json_array_is_read_element_by_element_not_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "big.json", json.dumps(_json_records(12000), ensure_ascii=False))  # one line, as json.dump writes it
    monkeypatch.setattr(loaders, "_BLOCK_BYTES", 16 * 1024)
    _loads_streaming(path, 11999)


def _loads_streaming(path: Path, expected: int) -> None:
    """Assert path loads `expected` articles with a traced peak under half the file's size (so it was not read whole)."""
    import tracemalloc

    assert sum(isinstance(item, Article) for item in iter_articles(path)) == expected  # warm: imports, regex caches
    tracemalloc.start()
    try:
        count = sum(isinstance(item, Article) for item in iter_articles(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == expected
    assert peak < path.stat().st_size / 2, f"peak {peak} bytes for a {path.stat().st_size}-byte file: read whole?"
