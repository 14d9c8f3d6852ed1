"""Turn files (text, Markdown, JSON, JSON Lines, HTML, Reuters-21578 SGML) into Articles, never raising on bad input."""

from __future__ import annotations

import codecs
import glob
import html
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .dates import Dateline, dateline_date, find_date, find_dateline, parse_date, read_date
from .injection import flagged_spans, strip_invisible
from .models import Article, IngestFailure
from .settings import Settings

LOADER_KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".sgm": "sgml", ".sgml": "sgml",
}
SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(LOADER_KINDS)
READS = ".txt/.md/.json/.jsonl/.html/.sgm"
BINARY_PROBE_BYTES = 8192


@dataclass
class LoadWarning:
    """Something odd in an input that was still loaded (e.g. invalid UTF-8 replaced)."""

    path: str
    message: str


LoadItem = Article | IngestFailure | LoadWarning

# --------------------------------------------------------------------------- paths


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[IngestFailure]]:
    """Expand files, folders (recursive) and glob patterns into sorted unique files, plus failures."""
    files: list[Path] = []
    failures: list[IngestFailure] = []
    seen: set[Path] = set()
    for raw in paths:
        found, failure = _expand_one(str(raw))
        if failure is not None:
            failures.append(failure)
        for path in found:
            if path not in seen:
                seen.add(path)
                files.append(path)
    return files, failures


def _expand_one(raw: str) -> tuple[list[Path], IngestFailure | None]:
    """Expand one argument: a file, a folder or a glob pattern."""
    path = Path(raw).expanduser()
    if path.is_dir():
        found = _walk(path)
        if not found:
            return [], IngestFailure(raw, f"folder holds no {READS} files (hidden files are skipped)")
        return found, None
    if path.exists():
        return [path], None
    if glob.has_magic(raw):
        matches = sorted(glob.glob(os.path.expanduser(raw), recursive=True))
        if not matches:
            return [], IngestFailure(raw, "no file or folder matches this pattern")
        found = [f for match in matches for f in (_walk(Path(match)) if Path(match).is_dir() else [Path(match)])]
        return found, None
    return [], IngestFailure(raw, "no such file or folder; check the path")


def _walk(folder: Path) -> list[Path]:
    """Return the supported, non-hidden files under folder, recursively, sorted."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_EXTENSIONS:
                found.append(Path(root) / name)
    return sorted(found)


# --------------------------------------------------------------------------- reading


def iter_articles(path: Path, settings: Settings | None = None) -> Iterator[LoadItem]:
    """Yield the articles of one file, with failures and warnings instead of exceptions.

    JSON Lines and Reuters SGML files are read as a stream, record by record, so a file with
    thousands of articles never sits in memory whole; a one-article format (text, Markdown,
    HTML, .json) is read whole, the article needing it all anyway.
    """
    path = Path(path)
    kind = LOADER_KINDS.get(path.suffix.lower())
    if kind is None:
        what = f"'{path.suffix}'" if path.suffix else "a file without an extension"
        yield IngestFailure(str(path), f"unsupported file type {what}; ragnews reads {READS}")
        return
    failure = _check_file(path, (settings or Settings()).max_file_mb)
    if failure is not None:
        yield failure
        return
    if kind in _STREAM_LOADERS:
        yield from _guarded(path, lambda: _STREAM_LOADERS[kind](path, _pieces(path, lines=kind != "json")))
        return
    yield from _guarded(path, lambda: _load_whole(path, kind))


def _guarded(path: Path, load: Callable[[], Iterator[LoadItem]]) -> Iterator[LoadItem]:
    """Run a loader, turning an unexpected parser or read error into a failure instead of an exception."""
    try:
        yield from load()
    except OSError as exc:  # the file changed or vanished while it was being read
        yield IngestFailure(str(path), f"cannot read the file ({exc.strerror or exc}); check it exists and is readable")
    except Exception as exc:  # a loader must never abort an ingest run
        yield IngestFailure(str(path), f"could not parse the file ({type(exc).__name__}: {exc}); check its format")


def _check_file(path: Path, limit_mb: float) -> IngestFailure | None:
    """Return why a file cannot be loaded (folder, too big, empty, binary, unreadable), reading only its start."""
    try:
        if path.is_dir():
            return IngestFailure(str(path), "is a folder, not a file; pass folders to expand_paths")
        size = path.stat().st_size
        if size > limit_mb * 1024 * 1024:
            return IngestFailure(str(path), _too_big(size, limit_mb))
        with path.open("rb") as f:
            probe = f.read(BINARY_PROBE_BYTES)
            if b"\x00" in probe and not probe.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return IngestFailure(str(path), f"file looks binary (NUL bytes in the first 8 KB); ragnews reads {READS}")
            blank = not probe.strip()
            while blank and (block := f.read(_BLOCK_BYTES)):
                blank = not block.strip()
    except OSError as exc:
        return IngestFailure(str(path), f"cannot read the file ({exc.strerror or exc}); check it exists and is readable")
    if blank:
        return IngestFailure(str(path), "file is empty" + (" (only whitespace)" if size else ""))
    return None


def _too_big(size: int, limit_mb: float) -> str:
    """Explain that a file is over the size limit and how to raise it."""
    return (
        f"file is {size / 1024 / 1024:.1f} MB, over the {limit_mb:g} MB limit (max_file_mb); "
        "split it or raise the limit with RAGNEWS_MAX_FILE_MB"
    )


#: Bytes read at a time when streaming a file (a piece always ends at a line end).
_BLOCK_BYTES = 1 << 20


def _pieces(path: Path, lines: bool = True) -> Iterator[str | LoadWarning]:
    """Yield a file's text in pieces of whole lines: decoded as UTF-8 (or UTF-16 with a BOM), newlines
    normalised, invisible characters stripped; the first invalid UTF-8 byte gives one warning.

    Cutting at b"\\n" is safe for UTF-8: that byte never occurs inside a multi-byte character.
    With lines=False (JSON, whose arrays are often one line) a piece may end after any ASCII byte
    but a CR (never inside a character, never between the CR and LF of a line end).
    """
    with path.open("rb") as f:
        head = f.read(_BLOCK_BYTES)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # rare; cannot be cut at b"\\n"
            yield _clean((head + f.read()).decode("utf-16", errors="replace"))
            return
        offset = skip = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
        carry, warned, more = head[skip:], False, True
        while carry or more:
            block = f.read(_BLOCK_BYTES) if more else b""
            more = bool(block)
            data = carry + block
            if not data:
                return
            cut = (data.rfind(b"\n") + 1 if lines else _ascii_cut(data)) if more else len(data)
            if cut == 0:  # one line longer than a block: keep reading until it ends
                carry = data
                continue
            data, carry = data[:cut], data[cut:]
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                text = data.decode("utf-8", errors="replace")
                if not warned:
                    warned = True
                    yield LoadWarning(str(path), f"invalid UTF-8 at byte offset {offset + exc.start}; bad bytes were "
                                                 "replaced with U+FFFD (re-save the file as UTF-8 to keep them)")
            offset += len(data)
            yield _clean(text)


def _ascii_cut(data: bytes) -> int:
    """Where to cut data so that the piece ends after an ASCII byte that is not a CR (0: none in the last 8 bytes)."""
    for i in range(len(data) - 1, max(-1, len(data) - 9), -1):
        if data[i] < 0x80 and data[i] != 0x0D:
            return i + 1
    return data.rfind(b"\n") + 1


def _clean(text: str) -> str:
    """Normalise newlines and drop invisible characters."""
    return strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))


def _load_whole(path: Path, kind: str) -> Iterator[LoadItem]:
    """Read a whole file (joined from _pieces: two copies at most, not one per cleaning step) and load it."""
    parts: list[str] = []
    for piece in _pieces(path):
        if isinstance(piece, LoadWarning):
            yield piece
        else:
            parts.append(piece)
    text = "".join(parts)
    parts.clear()
    items = _LOADERS[kind](path, text)
    del text  # the loader holds the only reference and may drop it once split (a 60 MB text is 240 MB)
    yield from items


# --------------------------------------------------------------------------- attribution

_AGENCIES: dict[str, str] = {
    "reuters": "Reuters", "thomson reuters": "Reuters", "reuters staff": "Reuters", "reuters editorial": "Reuters",
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
}
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b)\s*")


def agency_name(name: str) -> str:
    """Return the canonical wire agency (Reuters, AP, AFP) a name denotes, else ''."""
    return _AGENCIES.get(re.sub(r"\s+", " ", name).strip(" .").lower(), "")


def split_authors(value: Any) -> tuple[list[str], str]:
    """Split an author field (list, 'A, B and C' or 'By A') into people and a credited wire agency."""
    parts = value if isinstance(value, list) else _NAME_SPLIT.split(str(value or ""))
    people: list[str] = []
    wire = ""
    for part in parts:
        name = re.sub(r"^\s*by\s+", "", str(part), flags=re.I).strip(" .")
        if agency_name(name):
            wire = wire or agency_name(name)
        elif name and name not in people:
            people.append(name)
    return people, wire


def detect_dateline(paragraphs: list[str]) -> tuple[Dateline | None, str]:
    """Return the '(Reuters)'/'(AP)'/'(AFP)' dateline of the first paragraphs and its text."""
    for paragraph in paragraphs[:3]:
        dateline = find_dateline(paragraph)
        if dateline is not None:
            return dateline, paragraph[: dateline.end].strip(" -\u2013\u2014")
    return None, ""


# --------------------------------------------------------------------------- body cleaning

_IMAGE_CREDIT = re.compile(r"^(?:Image|Photo|Picture|Photograph)(?: credit)?s?\s*:\s*\S.{0,100}$", re.I)
_CREDIT_TAIL = re.compile(
    r"(?:^|[\s(])(?:REUTERS|AP Photo|AFP|EPA(?:-EFE)?|Getty Images|Yonhap|KCNA)(?:\s+via\s+[\w ]+)?"
    r"\s*/\s*[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}(?:\s*/\s*[A-Za-z][A-Za-z ]{1,20}){0,2}(?:,\s*File)?\)?\s*$"
)
_READ_MORE = re.compile(r"\s*\bRead more\.?\s*$", re.I)
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")
_CREDITS = re.compile(
    r"^\(?\s*(?:[Aa]dditional )?(?:Reporting|Writing|Editing|Compiled|Reported)(?: and \w+)? by\s+[A-Z].{0,300}$"
)
_COPYRIGHT = re.compile(
    r"^(?:Copyright\s*(?:\u00a9|\(c\))?|\u00a9|\(c\))\s*(?P<year>\d{4}(?:\s*[-\u2013]\s*\d{4})?)?[,\s]*(?P<rest>.*)$", re.I
)


def _drop_captions(block: list[str]) -> list[str]:
    """Remove photo credits from a block, and the caption line directly before an 'Image:' credit."""
    kept: list[str] = []
    for line in block:
        if _IMAGE_CREDIT.match(line):
            if kept:
                kept.pop()
            continue
        if not _CREDIT_TAIL.search(line):
            kept.append(line)
    return kept


def _drop_read_more(block: list[str]) -> list[str]:
    """Strip trailing 'Read more' link residue from each line, dropping lines left empty."""
    cleaned = (_READ_MORE.sub("", line) for line in block)
    return [line for line in cleaned if line.strip()]


def _is_wrapped(block: list[str]) -> bool:
    """True when a block's lines are one hard-wrapped paragraph rather than one paragraph per line."""
    if len(block) < 2 or any(_LIST_ITEM.match(line) for line in block):
        return False
    lengths = [len(line) for line in block[:-1]]
    return max(lengths) <= 100 and min(lengths) >= 40


def _copyright_holder(paragraph: str) -> str | None:
    """Return the holder named by a copyright footer ('Copyright 2023 Nexstar Media Inc. All rights ...'), else None."""
    found = _COPYRIGHT.match(paragraph)
    if not found or len(paragraph) > 300 or not (found["year"] or re.search("rights reserved", paragraph, re.I)):
        return None
    rest = found["rest"]
    if re.search("all rights reserved", rest, re.I):
        return re.split(r"\s*All rights reserved", rest, flags=re.I)[0].strip(" ,")
    return re.split(r"(?<!\bInc)(?<!\bLtd)(?<!\bCo)\.\s", rest)[0].strip(" ,")


def _pop_trailers(paragraphs: list[str], metadata: dict[str, Any]) -> None:
    """Move trailing copyright footers and 'Reporting by ...' credits from paragraphs into metadata."""
    credits: list[str] = []
    while paragraphs:
        holder = _copyright_holder(paragraphs[-1])
        if holder is not None:
            metadata["copyright"] = holder
        elif _CREDITS.match(paragraphs[-1]):
            credits.insert(0, paragraphs[-1].strip("() "))
        else:
            break
        paragraphs.pop()
    if credits:
        metadata["credits"] = "; ".join(credits)


def clean_paragraphs(blocks: list[list[str]], metadata: dict[str, Any]) -> list[str]:
    """Turn blank-line-separated blocks of stripped lines into clean body paragraphs."""
    paragraphs: list[str] = []
    for block in blocks:
        block = _drop_read_more(_drop_captions(block))
        if _is_wrapped(block):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    _pop_trailers(paragraphs, metadata)
    return paragraphs


def split_blocks(lines: Iterable[str]) -> list[list[str]]:
    """Group lines into blocks separated by blank lines; lines are stripped at both ends."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


# --------------------------------------------------------------------------- text and Markdown

_DATE_LABEL = re.compile(r"^\s*(?:date|dated|published(?: on)?|posted(?: on)?|publication date)\s*:?\s*(?P<rest>.+?)\s*$", re.I)
_NAME_WORD = r"(?:[A-Z][\w.'\-]*|(?:and|&|von|van|de|der|da|del|la|le|bin|al)\b)"
_BYLINE = re.compile(r"^(?:By|BY)\s+(?P<names>[A-Z][\w.'\-]*(?:[ ,;|]+" + _NAME_WORD + r"){0,11})\s*$")
_SEPARATORS = " \t-\u2013\u2014|,\u00b7"


@dataclass
class _Header:
    """What the lines before the body said: title, date and bylines."""

    title: str = ""
    published: date | datetime | None = None
    bylines: tuple[str, ...] = ()


def _meta_line(line: str) -> tuple[date | datetime | None, str] | None:
    """Return (date, byline) when a line holds only a date and/or a 'By ...' byline, else None."""
    labelled = _DATE_LABEL.match(line)
    if labelled and (value := parse_date(labelled["rest"])) is not None:
        return value, ""
    published, rest = None, line.strip()
    found = find_date(line)
    if found is not None and not line[: found.start].strip():
        published, rest = found.value, line[found.end :].strip(_SEPARATORS)
    trailing = find_date(rest) if rest[:3].lower() == "by " else None
    if trailing is not None and not rest[trailing.end :].strip(_SEPARATORS):
        published = published or trailing.value
        rest = rest[: trailing.start].strip(_SEPARATORS)
    byline = _BYLINE.match(rest)
    if byline is None:
        return (published, "") if published is not None and not rest else None
    return published, byline["names"]


def _read_header(lines: list[str], markdown: bool) -> tuple[_Header, int]:
    """Read the title line and the date/byline lines after it; return them and the first body line index."""
    header = _Header()
    index = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if index < len(lines) and _meta_line(lines[index]) is None:
        header.title = re.sub(r"^\s*#{1,6}\s+|\s+#+\s*$", "", lines[index]).strip() if markdown else lines[index].strip()
        index += 1
        if index < len(lines) and re.fullmatch(r"\s*(?:=+|-+)\s*", lines[index]) and len(lines[index].strip()) >= 3:
            index += 1
    while index < len(lines):
        meta = _meta_line(lines[index]) if lines[index].strip() else (None, "")
        if meta is None:
            break
        header.published = header.published or meta[0]
        header.bylines += (meta[1],) if meta[1] else ()
        index += 1
    return header, index


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML-style '---' front matter (simple 'key: value' lines) off a Markdown text."""
    found = re.match(r"---[ \t]*\n(?P<head>.*?)\n---[ \t]*\n", text, re.S)
    if not found:
        return {}, text
    fields: dict[str, Any] = {}
    for line in found["head"].split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[found.end() :]


def _load_text(path: Path, text: str, markdown: bool = False) -> Iterator[LoadItem]:
    """Yield the one article of a plain-text or Markdown file."""
    front, text = _front_matter(text) if markdown else ({}, text)
    lines = text.split("\n")
    del text  # a long file's text and its lines would otherwise be held together with the body being built
    header, start = _read_header(lines, markdown)
    if markdown:
        lines = [re.sub(r"^\s*#{1,6}\s+", "", line) for line in lines]
    metadata: dict[str, Any] = {}
    blocks = split_blocks(lines[start:])
    del lines
    paragraphs = clean_paragraphs(blocks, metadata)
    del blocks
    if not paragraphs:
        yield IngestFailure(str(path), "no article text found after the title/date lines; add the article body")
        return
    fields, warnings = map_record(front, str(path)) if front else ({"metadata": {}}, [])
    yield from warnings
    people, wire = split_authors(", ".join(header.bylines))
    fields["title"] = fields.get("title") or header.title
    fields["authors"] = fields.get("authors") or people
    fields["published"] = fields.get("published") or header.published
    yield _finish(str(path), paragraphs, fields, metadata, wire)


def _load_markdown(path: Path, text: str) -> Iterator[LoadItem]:
    """Yield the one article of a Markdown file (front matter, '#' headings)."""
    yield from _load_text(path, text, markdown=True)


def _finish(label: str, paragraphs: list[str], fields: dict[str, Any], metadata: dict[str, Any], wire: str) -> Article:
    """Build the Article: resolve wire, source and dateline date, and join paragraphs with blank lines."""
    fields = {key: value for key, value in fields.items() if key != "body"}
    metadata = {**fields.pop("metadata", {}), **metadata}
    dateline, dateline_text = detect_dateline(paragraphs)
    wire = fields.pop("wire", "") or wire or (dateline.wire if dateline else "") or agency_name(metadata.get("copyright", ""))
    if dateline is not None:
        metadata.setdefault("dateline", dateline_text)
        if fields.get("published") is None:
            fields["published"] = dateline_date(dateline)
    fields["source"] = fields.get("source") or wire
    title = fields.pop("title", "") or ""
    return Article.create(title, "\n\n".join(paragraphs), wire=wire, path=label, metadata=metadata, **fields)


# --------------------------------------------------------------------------- JSON

TITLE_KEYS = ("title", "headline")
BODY_KEYS = ("body", "text", "content", "article")
DATE_KEYS = ("published", "date", "publish_date", "published_at", "pubdate", "date_published")
SOURCE_KEYS = ("source", "outlet", "publisher", "site_name")
URL_KEYS = ("url", "link")
AUTHOR_KEYS = ("authors", "author", "byline")


def _take(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """Pop and return the first present, non-empty value among keys (matched case-insensitively), else None."""
    for key in keys:
        for actual in list(record):
            if actual.lower() == key and record[actual] not in (None, "", [], {}):
                return record.pop(actual)
    return None


def _as_text(value: Any) -> str:
    """Return a field value as text: strings as given, lists of strings joined by blank lines."""
    if isinstance(value, list):
        return "\n\n".join(str(item) for item in value if item is not None)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or "")
    return "" if value is None else str(value)


def map_record(record: dict[str, Any], label: str) -> tuple[dict[str, Any], list[LoadWarning]]:
    """Map a JSON/front-matter record onto Article fields (plus 'body'); unknown keys go into 'metadata'."""
    rest = {str(key): value for key, value in record.items()}
    fields: dict[str, Any] = {"title": _as_text(_take(rest, TITLE_KEYS)).strip(), "body": _as_text(_take(rest, BODY_KEYS))}
    raw_date = _take(rest, DATE_KEYS)
    fields["published"] = read_date(raw_date)
    warnings: list[LoadWarning] = []
    if raw_date is not None and fields["published"] is None:
        warnings.append(LoadWarning(label, f"could not read the date {raw_date!r}; loaded without a date"))
        rest["unparsed_date"] = raw_date
    fields["source"] = _as_text(_take(rest, SOURCE_KEYS)).strip()
    fields["url"] = _as_text(_take(rest, URL_KEYS)).strip()
    fields["authors"], agency = split_authors(_take(rest, AUTHOR_KEYS) or [])
    raw_wire = _as_text(_take(rest, ("wire",))).strip()
    fields["wire"] = agency_name(raw_wire) or raw_wire or agency
    fields["metadata"] = rest
    return fields, warnings


def _record_items(label: str, record: Any, line: int | None) -> Iterator[LoadItem]:
    """Yield the article (or failure) for one JSON record."""
    where = label.rsplit("#", 1)[0]
    if not isinstance(record, dict):
        yield IngestFailure(where if line else label, f"record is a JSON {type(record).__name__}, not an object; each record must be an object", line)
        return
    fields, warnings = map_record(record, label)
    yield from warnings
    body = fields.pop("body")
    metadata: dict[str, Any] = {}
    paragraphs = clean_paragraphs(split_blocks(body.split("\n")), metadata) if body.strip() else []
    if not paragraphs:
        keys = "/".join(BODY_KEYS)
        reason = f"record has no body text (expected a non-empty {keys} field); add one or remove the record from {where}"
        yield IngestFailure(where if line else label, reason, line)  # file:line when the line is known
        return
    yield _finish(label, paragraphs, fields, metadata, "")


def _load_json(path: Path, text: str) -> Iterator[LoadItem]:
    """Yield the articles of a .json file: one object, a list of objects, or JSON Lines saved as .json."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from _load_jsonl(path, text)
            return
        reason = f"invalid JSON ({exc.msg}, line {exc.lineno} column {exc.colno}); fix the file"
        yield IngestFailure(str(path), reason, exc.lineno)
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, list):
        for n, record in enumerate(data, 1):
            yield from _record_items(f"{path}#{n}", record, None)
    else:
        yield from _record_items(str(path), data, None)


class _JsonStream:
    """A buffered reader over _pieces for json.JSONDecoder.raw_decode: one array element at a time.

    Hand-written (no ijson in the dependencies): the standard decoder parses a value that starts at
    a position of a string, so the buffer needs to hold only the element being read (a JSON array
    is often one line, so pieces are not whole lines). The lines and the columns of the current
    line dropped from the buffer are counted, so a decoder error names the file's line and column.
    """

    def __init__(self, pieces: Iterator[str | LoadWarning]) -> None:
        """Read from pieces (cut after ASCII characters, or the whole text of a UTF-16 file)."""
        self.pieces, self.buf, self.pos, self.lines_before, self.columns_before = pieces, "", 0, 0, 0
        self.pending: list[LoadWarning] = []
        self.ended = False

    def more(self, at_least: int = 1) -> bool:
        """Append at least `at_least` characters (or up to the end); False when the file had nothing left."""
        grown = 0
        while grown < at_least and not self.ended:
            piece = next(self.pieces, None)
            if piece is None:
                self.ended = True
            elif isinstance(piece, LoadWarning):
                self.pending.append(piece)
            else:
                self.buf += piece
                grown += len(piece)
        return grown > 0

    def skip_space(self) -> str:
        """Move past whitespace; return the next character ('' at the end of the file)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\n\r":
                self.pos += 1
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos : self.pos + 1]

    def decode(self, decoder: json.JSONDecoder) -> Any:
        """Decode the value at the position, reading more while it is cut off (doubling, so a big value is linear)."""
        while True:
            try:
                value, end = decoder.raw_decode(self.buf, self.pos)
                if end < len(self.buf) or self.ended:  # a number at the buffer's end may go on in the next piece
                    self.pos = end
                    return value
            except json.JSONDecodeError:
                if self.ended:
                    raise
            self.more(max(len(self.buf) - self.pos, _BLOCK_BYTES))

    def trim(self) -> None:
        """Drop the text before the position (counting its lines and the columns of the last), keeping the buffer small."""
        if self.pos < _BLOCK_BYTES and 2 * self.pos < len(self.buf):  # not after every element: each trim copies the rest
            return
        newlines = self.buf.count("\n", 0, self.pos)
        if newlines:
            self.lines_before += newlines
            self.columns_before = self.pos - (self.buf.rfind("\n", 0, self.pos) + 1)
        else:
            self.columns_before += self.pos
        self.buf, self.pos = self.buf[self.pos :], 0

    def failure(self, path: Path, exc: json.JSONDecodeError) -> IngestFailure:
        """The one-line failure for invalid JSON, with the file's line and column."""
        line = self.lines_before + exc.lineno
        column = exc.colno + (self.columns_before if exc.lineno == 1 else 0)
        return IngestFailure(str(path), f"invalid JSON ({exc.msg}, line {line} column {column}); fix the file", line)


#: A .json file wrapping its records as {"articles": [...]} (the key first), read as a stream too.
_ARTICLES_ARRAY = re.compile(r'\{\s*"articles"\s*:\s*\[')


def _stream_json(path: Path, pieces: Iterator[str | LoadWarning]) -> Iterator[LoadItem]:
    """Yield the articles of a .json file; a list of records ([...] or {"articles": [...]}) is read as a stream.

    Anything else (one object, JSON Lines saved as .json) is one article's worth or has its own
    line structure, and is read whole by _load_json.
    """
    reader = _JsonStream(pieces)
    first = reader.skip_space()
    if first == "{":
        reader.more(_BLOCK_BYTES)  # enough to see the wrapper's key
    wrapped = _ARTICLES_ARRAY.match(reader.buf, reader.pos) if first == "{" else None
    yield from reader.pending
    reader.pending.clear()
    if first != "[" and wrapped is None:
        parts = [reader.buf]
        for piece in pieces:
            if isinstance(piece, LoadWarning):
                yield piece
            else:
                parts.append(piece)
        reader.buf = ""
        yield from _load_json(path, "".join(parts))
        return
    reader.pos = wrapped.end() if wrapped else reader.pos + 1
    yield from _json_elements(path, reader, wrapped is not None)


def _json_elements(path: Path, reader: _JsonStream, wrapped: bool) -> Iterator[LoadItem]:
    """Yield the records of an array whose '[' the reader has just passed, then check what follows it."""
    decoder, n = json.JSONDecoder(), 0
    try:
        while True:
            nxt = reader.skip_space()
            if nxt == "]":
                reader.pos += 1
                break
            if n:
                if nxt != ",":
                    raise json.JSONDecodeError("Expecting ',' delimiter", reader.buf, reader.pos)
                reader.pos += 1
                reader.skip_space()
            record = reader.decode(decoder)
            n += 1
            yield from reader.pending
            reader.pending.clear()
            yield from _record_items(f"{path}#{n}", record, None)
            reader.trim()
        _after_array(reader, wrapped)
    except json.JSONDecodeError as exc:
        yield from reader.pending
        yield reader.failure(path, exc)


def _after_array(reader: _JsonStream, wrapped: bool) -> None:
    """Raise JSONDecodeError unless the array ends the file (wrapped: unless its object goes on; other keys are ignored)."""
    nxt = reader.skip_space()
    if (nxt not in (",", "}")) if wrapped else nxt:
        raise json.JSONDecodeError("Extra data", reader.buf, reader.pos)


def _load_jsonl(path: Path, text: str) -> Iterator[LoadItem]:
    """Yield the articles of JSON Lines text held in memory (a .json file that turned out to be JSON Lines)."""
    yield from _jsonl_records(path, enumerate(text.split("\n"), 1))


def _stream_jsonl(path: Path, pieces: Iterator[str | LoadWarning]) -> Iterator[LoadItem]:
    """Yield the articles of a JSON Lines file read piece by piece (never the whole file in memory)."""
    yield from _jsonl_records(path, _numbered_lines(pieces))


def _numbered_lines(pieces: Iterator[str | LoadWarning]) -> Iterator[tuple[int, str] | LoadWarning]:
    """Yield (line number, line) from pieces of whole lines, passing warnings through."""
    n = 0
    for piece in pieces:
        if isinstance(piece, LoadWarning):
            yield piece
            continue
        lines = piece.split("\n")
        if len(lines) > 1 and not lines[-1]:  # the piece ended with its line's newline
            lines.pop()
        for line in lines:
            n += 1
            yield n, line


def _jsonl_records(path: Path, lines: Iterable[tuple[int, str] | LoadWarning]) -> Iterator[LoadItem]:
    """Yield the articles of numbered JSON Lines; a malformed line fails alone, with its line number."""
    for entry in lines:
        if isinstance(entry, LoadWarning):
            yield entry
            continue
        n, raw = entry
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            reason = f"not valid JSON ({exc.msg}, column {exc.colno}); fix or remove that line"
            yield IngestFailure(str(path), reason, n)
            continue
        yield from _record_items(f"{path}#{n}", record, n)


# --------------------------------------------------------------------------- HTML

_HTML_DATE_FORMAT = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": False}


def _html_date(value: str | None) -> date | datetime | None:
    """Parse trafilatura's date; a zone-less midnight means it only knew the day."""
    if not value:
        return None
    if value.endswith("T00:00:00"):
        value = value[:10]
    return parse_date(value)


# Styles that hide text from a human reader of the page: what is hidden is not the article a
# journalist reads, and hidden text is how instructions for AI readers are planted in pages.
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)|"
    r"font-size\s*:\s*(?:0|[0-2](?:\.\d+)?px|0?\.\d+(?:em|rem|pt|px))\s*(?:;|$|!)|"
    r"(?<![-\w])color\s*:\s*(?:white|#fff(?:fff)?|rgba?\(\s*255\s*,\s*255\s*,\s*255)\b|"
    r"(?:left|top|text-indent)\s*:\s*-\d{3,}|clip\s*:\s*rect\(\s*0|(?<![-\w])(?:width|height)\s*:\s*0(?:px)?\s*(?:;|$|!)",
    re.I)
_HIDDEN_XPATH = ("//*[@hidden] | //*[@aria-hidden='true'] | //*[@style] | //template | "
                 "//*[contains(concat(' ', normalize-space(@class), ' '), ' sr-only ') or "
                 "contains(concat(' ', normalize-space(@class), ' '), ' visually-hidden ')]")


_HIDDEN_SCAN_CHARS = 4000  # hidden text read for planted instructions (menus and templates can be long)


def drop_hidden_html(page: str) -> str:
    """Return the page without comments and without elements a reader cannot see (see hidden_html)."""
    return hidden_html(page)[0]


def hidden_html(page: str) -> tuple[str, list[str]]:
    """Return the page without comments and hidden elements, and the texts that were dropped.

    Removed: HTML comments; elements with the `hidden` attribute, aria-hidden="true", a
    `<template>`, screen-reader-only classes, or an inline style that hides them (display:none,
    visibility:hidden, opacity 0, font size 0-2px, white text, off-screen positioning, zero size).
    The page is returned unchanged when it cannot be parsed (trafilatura then reports it).
    """
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(page.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return page, []
    dropped: list[str] = []
    for element in [*root.xpath("//comment()"), *root.xpath(_HIDDEN_XPATH)]:
        if isinstance(element.tag, str) and element.tag != "template" and element.get("style") is not None \
                and not _hidden_by_attributes(element) and not _HIDDEN_STYLE.search(element.get("style", "")):
            continue
        if element.getparent() is None:
            continue
        dropped.append(element.text or "" if not isinstance(element.tag, str) else element.text_content())
        element.drop_tree()
    return str(lxml.html.tostring(root, encoding="unicode")), [t for t in dropped if t.strip()]


def _hidden_by_attributes(element: Any) -> bool:
    """True when an element is hidden by an attribute or class rather than by its style."""
    classes = f" {element.get('class', '')} "
    return element.get("hidden") is not None or element.get("aria-hidden") == "true" or " sr-only " in classes \
        or " visually-hidden " in classes


def _load_html(path: Path, text: str) -> Iterator[LoadItem]:
    """Yield the article of an HTML page: main text and metadata extracted by trafilatura."""
    import trafilatura  # lazy: slow to import and only needed for HTML

    text, hidden = hidden_html(text)
    planted = [t for t in hidden if flagged_spans(t[:_HIDDEN_SCAN_CHARS])]
    if planted:
        yield LoadWarning(str(path), f"dropped {len(planted)} hidden element(s) with text addressed to AI readers "
                                     f"(planted instructions), e.g. {' '.join(planted[0].split())[:80]!r}")
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, date_extraction_params=_HTML_DATE_FORMAT)
    lines = [line.strip() for line in (getattr(doc, "text", None) or "").split("\n") if line.strip()]
    title = (getattr(doc, "title", None) or "").strip()
    if lines and title and lines[0] == title:
        lines = lines[1:]
    metadata: dict[str, Any] = {}
    paragraphs = clean_paragraphs([[line] for line in lines], metadata)
    if not paragraphs:
        yield IngestFailure(str(path), "no main article text found in the HTML page; save the article page itself")
        return
    authors, wire = split_authors(re.split(r"\s*;\s*", getattr(doc, "author", None) or ""))
    fields = {"title": title, "published": _html_date(getattr(doc, "date", None)), "authors": authors,
              "url": getattr(doc, "url", None) or "", "source": getattr(doc, "sitename", None) or ""}
    yield _finish(str(path), paragraphs, fields, metadata, wire)


# --------------------------------------------------------------------------- Reuters-21578 SGML

_SGML_RECORD = re.compile(r"<REUTERS\b(?P<attrs>[^>]*)>(?P<inner>.*?)</REUTERS>", re.S)
_SGML_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SIGNOFF = re.compile(r"\s*\bREUTER\b\s*$", re.I)
SGML_LISTS = ("TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES")


def _sgml_tag(inner: str, tag: str) -> str | None:
    """Return the raw content of the first <tag>...</tag> in a record, or None."""
    found = re.search(rf"<{tag}>(.*?)</{tag}>", inner, re.S)
    return found.group(1) if found else None


def _sgml_text(raw: str) -> str:
    """Unescape SGML entities and drop control characters."""
    return _CONTROL.sub("", html.unescape(raw))


def _reflow(body: str) -> list[str]:
    """Join Reuters' hard-wrapped lines into paragraphs (an indented line starts a new paragraph)."""
    paragraphs: list[list[str]] = []
    for line in body.split("\n"):
        if not line.strip():
            paragraphs.append([])
            continue
        if not paragraphs or line[:1].isspace():
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return [" ".join(lines) for lines in paragraphs if lines]


def _sgml_metadata(attrs: dict[str, str], inner: str, dateline: str) -> dict[str, Any]:
    """Collect a Reuters record's ids, category lists and dateline."""
    metadata: dict[str, Any] = {"newid": attrs.get("NEWID", ""), "oldid": attrs.get("OLDID", "")}
    for tag in SGML_LISTS:
        values = re.findall(r"<D>(.*?)</D>", _sgml_tag(inner, tag) or "")
        if values:
            metadata[tag.lower()] = [_sgml_text(v) for v in values]
    if dateline:
        metadata["dateline"] = dateline
    return metadata


def _sgml_record(path: Path, n: int, attrs: dict[str, str], inner: str) -> LoadItem | None:
    """Return the article of one <REUTERS> record, a failure for an empty body, or None without <BODY>."""
    raw_body = _sgml_tag(inner, "BODY")
    if raw_body is None:
        return None
    label = f"{path}#{attrs.get('NEWID') or n}"
    paragraphs = _reflow(_SIGNOFF.sub("", _sgml_text(raw_body)))
    if not paragraphs:
        return IngestFailure(label, "record has an empty <BODY>; nothing to load")
    title = " ".join(_sgml_text(_sgml_tag(inner, "TITLE") or "").split())
    published = parse_date(_sgml_text(_sgml_tag(inner, "DATE") or ""))
    dateline = " ".join(_sgml_text(_sgml_tag(inner, "DATELINE") or "").split()).strip(" -")
    return Article.create(
        title, "\n\n".join(paragraphs), published=published, source="Reuters", wire="Reuters",
        path=label, metadata=_sgml_metadata(attrs, inner, dateline),
    )


def _stream_sgml(path: Path, pieces: Iterator[str | LoadWarning]) -> Iterator[LoadItem]:
    """Yield one article per <REUTERS> record with a <BODY> in a Reuters-21578 .sgm file, read piece by piece.

    Only the text after the last complete record is kept between pieces.
    """
    buffer, n = "", 0
    for piece in pieces:
        if isinstance(piece, LoadWarning):
            yield piece
            continue
        buffer += piece
        end = 0
        for record in _SGML_RECORD.finditer(buffer):
            n, end = n + 1, record.end()
            item = _sgml_record(path, n, dict(_SGML_ATTR.findall(record["attrs"])), record["inner"])
            if item is not None:
                yield item
        buffer = buffer[end:]
    if not n:
        yield IngestFailure(str(path), "no <REUTERS> records found; .sgm files must be Reuters-21578 SGML")


_LOADERS: dict[str, Callable[[Path, str], Iterator[LoadItem]]] = {
    "text": _load_text, "markdown": _load_markdown, "html": _load_html,
}
#: Formats holding many articles, read as a stream of whole lines.
_STREAM_LOADERS: dict[str, Callable[[Path, Iterator[str | LoadWarning]], Iterator[LoadItem]]] = {
    "jsonl": _stream_jsonl, "sgml": _stream_sgml, "json": _stream_json,
}
