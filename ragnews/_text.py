"""Sentence spans and word tokens with exact character offsets.

Hand-written on purpose: citations need exact (start, end) offsets into the article
body at query time, and nltk/llama-index sentence tokenizers cost ~1 s to import and
return strings, not spans. This splitter is a regex pass with an abbreviation list, then the web-page rules of
`web_cuts` (page chrome, photo captions and bylines print no full stop of their own).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .dates import MONTH_NAMES, WEEKDAY_NAMES

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.n u.k e.u u.s.a no nos vs etc inc corp co ltd bros dept est approx fig al e.g i.e
    a.m p.m mln bln pct""".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*\S)")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those there their they them he she his her we our you your i me my
    not no do does did done has have had will would can could should may might must shall
    what which who whom whose when where why how than then so such also about into over after
    before under between during while said says say according up out off just very more most
    any all some each other only own same too s t""".split()
)


_STARTERS = frozenset("the a an he she it they we i in on at but this that these those there its his her their "
                      "after before while when however meanwhile earlier later last".split())


_NEXT_WORD = re.compile(r"\s*(\S+)")  # the word str.split() would return first (same whitespace: str.isspace)


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period ending at `end` closes an abbreviation or an initial, not a sentence."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:end].rstrip(".").lower()
    if "." in word:  # "U.S." ends a sentence when a typical sentence opener follows
        following = _NEXT_WORD.match(text, end)  # not text[end:].split(): a copy of the rest per "U.S." is quadratic
        return not (following and following[1].lower().strip("\"'“‘") in _STARTERS)
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of text[start:end], whitespace trimmed.

    A sentence ends at its punctuation (`_BOUNDARY`) and also where a web page's unpunctuated unit ends
    (`web_cuts`: page chrome, photo captions, bylines), so a cited span never holds a caption plus a sentence.
    A page-chrome notice is no sentence of the article: its span is left out, so no summary, answer or
    timeline picks "Scroll down for video" (the summarizer took it in 11 of the 67 FRANK articles printing it).
    """
    end = len(text) if end is None else end
    extra = web_cuts(text, start, end)
    cuts: Iterable[int] = sorted({*_boundaries(text, start, end), *extra}) if extra else _boundaries(text, start, end)
    spans: list[tuple[int, int]] = []
    cursor = start
    for cut in cuts:
        spans.extend(_trimmed(text, cursor, cut))
        cursor = cut
    spans.extend(_trimmed(text, cursor, end))
    chrome = set(chrome_spans(text, start, end)) if extra else set()
    return [span for span in spans if span not in chrome] if chrome else spans


def _boundaries(text: str, start: int, end: int) -> Iterator[int]:
    """Yield the offsets where a punctuated sentence of text[start:end] ends (its stop, quote and bracket kept)."""
    for match in _BOUNDARY.finditer(text, start, end):
        if not (match.group().startswith(".") and _is_abbreviation(text, match.start() + 1)):
            yield match.end()


#: Page chrome a news site prints between paragraphs with no full stop of its own (67 of FRANK's 250 CNN/DailyMail
#: articles read "... radicalism. Scroll down for video Abase Hussen, left, took his daughter ..."): the notice is
#: a unit of its own, cut from the caption or sentence on either side. Literal spellings, not IGNORECASE: a
#: case-folding scan costs 20x more.
_CHROME = re.compile(r"(?:Scroll down for video|SCROLL DOWN FOR VIDEO|Sorry we are not currently accepting comments"
                     r" on this article|Share this article|SHARE THIS ARTICLE|Skip advert(?:isement)?)\b[.!]?")
#: A clause opener no sentence writes capitalised in its middle -- a subject pronoun, a determiner, "There" or a
#: connective, followed by a lower-case word (not "The Sun", a name) or "However," -- right after a lower-case word,
#: a number or a bracket.
#: Found by its capital first, the character before it checked by a fixed-width lookbehind: a leading lookbehind
#: scans 5x slower.
_OPENER = re.compile(r"[THISWB](?<=[a-z0-9%)][ \xa0].)(?:(?:(?<=T)(?:hey|heir|here|he|his|hese|hose)|(?<=I)ts?"
                     r"|(?<=H)(?:e|is|er|owever)|(?<=S)he|(?<=W)e|(?<=B)ut)[ \xa0]+[a-z]|(?<=H)owever,)")
#: A caption label's colon: the label ("Flying high:", "Skilful:") is followed by a capital or an opening quote.
_LABEL_COLON = re.compile(r":[ \xa0]*[\"'‘“A-Z]")
#: A journalist's role, which ends a byline.
_ROLES = ("correspondent", "editor", "reporter")
#: A token that can end a caption: a lower-case word, a number or a bracketed position ("(left)"), or a day or a
#: month; any other capitalised word may be a name running on ("Joy Smith:" is a speaker, not "Joy" + a label).
_CALENDAR = frozenset(name.capitalize() for name in (*MONTH_NAMES, *WEEKDAY_NAMES))
_TAIL = re.compile(r"\(?[a-z][\w'’\-]*\)?|\d+(?:[.,]\d+)*%?|" + "|".join(sorted(_CALENDAR)))
#: Verbs that introduce a quote or a name ("told Reuters: ...", "quoted He as saying": what follows is what was said
#: or who said it) and name particles ("Herman de Croo"): a name or a quote goes on after them.
_GOES_ON = frozenset("""told telling tell tells wrote write writes writing added adding add adds asked asking ask asks
    explained explaining stated stating announced announcing declared tweeted posted quoted quoting quote quotes
    insisted warned warning claimed claiming replied replying reads read noted noting saying
    de del della der den di du da dos van von le la al el bin ibn ben""".split())
#: Words after which a sentence must go on, so they never end a caption: function words, prepositions, number
#: words, and the above.
_NO_TAIL = STOPWORDS | _GOES_ON | frozenset("""against among amid amongst across along around behind beyond despite
    except including inside like near onto outside per since through throughout toward towards until upon via within
    without one two three four five six seven eight nine ten dozen hundred thousand million billion several many few
    every""".split())
_LABEL_WORDS = 4
_ACRONYM = 4
_LOWER_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz,;")
_CAPTION_WORDS = 3
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def web_cuts(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets inside text[start:end] where a web page's unpunctuated unit ends: page chrome, a caption label,
    a caption run into a clause opener, a byline run into its article.

    News pages put photo captions, notices and bylines between sentences without a full stop, so the
    punctuation splitter glues them to the next sentence and a citation quotes a caption as if it were one.
    Every rule needs the page's own sign (fixed chrome words, a label colon, a capitalised opener after a
    lower-case word, a role glued to a capital); plain newswire shows none, so its sentences stay as they were.
    """
    end = len(text) if end is None else end
    cuts = [*chrome_cuts(text, start, end), *opener_cuts(text, start, end), *label_cuts(text, start, end),
            *byline_cuts(text, start, end)]
    return [c for c in cuts if start < c < end]


def chrome_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of every page-chrome notice (`_CHROME`) in text[start:end]."""
    return [m.span() for m in _CHROME.finditer(text, start, end)]


def chrome_cuts(text: str, start: int, end: int) -> list[int]:
    """Both edges of every page-chrome notice in text[start:end]."""
    return [c for span in chrome_spans(text, start, end) for c in span]


def opener_cuts(text: str, start: int, end: int) -> list[int]:
    """Where a sentence starts with a capitalised clause opener right after a caption's last word (`_OPENER`):
    "... in London in 2012 It then emerged he had been ...", "... vetted Looking forward: The ...".
    """
    return [m.start() for m in _OPENER.finditer(text, start, end) if _caption_tail(text, start, m.start())]


def label_cuts(text: str, start: int, end: int) -> list[int]:
    """Where a caption label starts (see _label_start) before a colon in text[start:end]."""
    return [cut for m in _LABEL_COLON.finditer(text, start, end) if (cut := _label_start(text, start, m.start()))]


def byline_cuts(text: str, start: int, end: int) -> list[int]:
    """After a journalist's role word glued to the capitalised word that follows, where a byline ends:
    "By Danny ShawBBC home affairs correspondentTheresa May's ..." (the page dropped the line break).
    Found with str.find: an alternation of the role words scans 20x slower."""
    cuts = []
    for role in _ROLES:
        at = text.find(role, start, end)
        while at >= 0:
            after = at + len(role)
            if text[after: after + 1].isupper() and text[after + 1: after + 2].islower():
                cuts.append(after)
            at = text.find(role, after, end)
    return cuts


def _token_before(text: str, floor: int, end: int) -> tuple[int, str]:
    """Return the start and text of the token ending at `end` after any spaces before it (not before `floor`)."""
    while end > floor and text[end - 1] in " \xa0":
        end -= 1
    begin = end
    while begin > floor and not text[begin - 1].isspace():
        begin -= 1
    return begin, text[begin:end]


def _caption_tail(text: str, floor: int, end: int) -> bool:
    """True when the token before `end` can be a caption's last word (`_TAIL`, not one of `_NO_TAIL`)."""
    token = _token_before(text, floor, end)[1]
    return bool(_TAIL.fullmatch(token)) and token.strip("()").lower() not in _NO_TAIL


def _label_start(text: str, floor: int, colon: int) -> int:
    """Return where the caption label ending at `colon` starts, or 0 when the colon ends no label.

    A label is one to four words in sentence case, the first capitalised and the colon glued to the last
    ("Short and sweet:", "Star-crossed lovers:"), after a caption (`_caption_before`); its first word is no
    name (`_common_head`), none of its words opens a quote ("Croo told reporters:") and its last word is no
    function word.
    """
    if colon <= floor or text[colon - 1].isspace():
        return 0
    cursor = colon
    for _ in range(_LABEL_WORDS):
        begin, token = _token_before(text, floor, cursor)
        word = token.lower()
        if not _is_word(token) or word in _GOES_ON:
            return 0
        if cursor == colon and word in STOPWORDS:
            return 0
        if token[0].isupper():
            return begin if _caption_before(text, floor, begin) and _common_head(text, begin, token) else 0
        cursor = begin
    return 0


def _common_head(text: str, begin: int, token: str) -> bool:
    """True when the capitalised first word of a label is a common word, not a name.

    A name is what a headline or a list item puts before a colon ("recent UK political history:", "sought
    Trump's support:", "continue Saturday:", "the virtual DNC:"): an acronym, a possessive, a word with a
    digit, a day or a month, or a word the text also capitalises after a lower-case word elsewhere.
    """
    if (token.isupper() and len(token) <= _ACRONYM) or token.endswith(("'s", "’s")) or token in _CALENDAR:
        return False
    return not any(ch.isdigit() for ch in token) and not _capitalised_elsewhere(text, token, begin)


def _capitalised_elsewhere(text: str, token: str, begin: int) -> bool:
    """True when `token` stands as a whole word after a lower-case word or a comma somewhere in text other than at
    `begin`: the text writes it as a name (str.find, not a regex per label: compiling one costs more than the scan)."""
    at = text.find(token)
    while at >= 0:
        after = at + len(token)
        if at not in (begin, 0, 1) and text[at - 2] in _LOWER_BEFORE and text[at - 1] in " \xa0":
            if not text[after: after + 1].isalnum():
                return True
        at = text.find(token, after)
    return False


def _is_word(token: str) -> bool:
    """True when the token is one word: letters and digits, inner hyphens or apostrophes, no closing punctuation."""
    return token[-1:].isalnum() and token.replace("-", "").replace("'", "").replace("’", "").isalnum()


def _caption_before(text: str, floor: int, begin: int) -> bool:
    """True when a caption ends right before `begin`: its last token can end one (`_caption_tail`), a
    number there is a year ("... in 1913 Votes for women:"; "the 5 Things podcast:" titles a count), and the
    caption on its line has at least three words, one in lower case ("2022 Oscars:" and "COPING STRATEGIES FOR
    SUMMER 2022 TRAVEL:" head a link, not a caption)."""
    tail_start, tail = _token_before(text, floor, begin)
    if not _caption_tail(text, floor, begin) or (tail[:1].isdigit() and not _YEAR.fullmatch(tail)):
        return False
    line = text[max(floor, text.rfind("\n", floor, tail_start) + 1): begin]
    return len(line.split()) >= _CAPTION_WORDS and any(ch.islower() for ch in line)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the span with surrounding whitespace removed, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield (start, end)


def words(text: str) -> list[str]:
    """Return the lowercased word tokens of text.

    Lowercased as one string, not word by word (half the CPU; ingest signs every article with them):
    a token holds only ASCII letters, digits, ' ’ and -, so no space appears inside one and
    lowering or replacing never crosses from one to the next -- the same list.
    """
    tokens = _WORD.findall(text)
    return " ".join(tokens).lower().replace("’", "'").split(" ") if tokens else []


def cased_words(text: str) -> list[str]:
    """Return the word tokens of text as written (words() lowercases them; capitals mark names)."""
    return _WORD.findall(text)


def iter_words(text: str) -> Iterator[str]:
    """Yield the tokens words() returns, one at a time (a huge text's token list would not fit in memory)."""
    for match in _WORD.finditer(text):
        yield match.group().lower().replace("’", "'")


def content_words(text: str) -> list[str]:
    """Return lowercased word tokens without stopwords, lightly stemmed."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


_STEM_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """Return the Snowball (Porter 2) English stemmer (pure Python, ~25 ms to import)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the Snowball stem, so 'discussed'/'discuss' and 'sanctions'/'sanction' meet."""
    with _STEM_LOCK:  # the Snowball stemmer keeps its working word on the instance: one thread at a time
        return str(_stemmer().stemWord(word.replace("'", "").removesuffix("s") if word.endswith("'s") else word))
