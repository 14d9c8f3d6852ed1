"""Fact-level checks of a claim against the sentence it cites (offline).

Why: word overlap and embedding similarity are both high when a claim changes one detail
of its quote ("nine-day" -> "five-day", "does not have" -> "does have"), so a real quote
ends up beside a false sentence. These checks compare the details a careless or
hallucinating model changes -- numbers with their units, dates and weekdays, named
entities and nationality adjectives, negation and antonym verbs, who did what to whom,
quantity words -- and name the mismatch in a reason a reader can act on.

Rules: numbers, units, negation, antonyms, roles and quantity words must be stated in the
cited sentence(s); dates and names may come from the cited passage (the article) when the
cited sentence names no rival date or entity of the same kind (a sentence saying "he"
is fine; a sentence saying "Wednesday" where the claim says "Friday" is not).
spaCy (via ragnews.nlp) gives entities, lemmas and dependencies; everything else is
regular expressions over normalised text.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import nlp
from .dates import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class Mismatch:
    """One detail of a claim that its cited sentence does not state."""

    kind: str  # number, unit, date, entity, negation, antonym, role, quantity
    claim: str  # the claim's wording of the detail
    quote: str = ""  # what the cited sentence says instead, when it says something
    where: str = "the cited sentence"

    @property
    def reason(self) -> str:
        """Human-readable reason, e.g. "'five-day' not in the cited sentence, which says 'nine-day'"."""
        if self.kind == "negation":
            return f"'{self.claim}' contradicts the cited sentence, which says '{self.quote}'"
        if self.kind == "role":
            return f"'{self.claim}' reverses who did what: the cited sentence says '{self.quote}'"
        tail = f", which says '{self.quote}'" if self.quote else ""
        return f"'{self.claim}' not in {self.where}{tail}"


# ---------------------------------------------------------------- normalisation

_REWRITES = [
    (re.compile(r"\bmlns?\b|\bmillions?\b", re.IGNORECASE), "million"), (re.compile(r"\bbln\b|\bbillions?\b", re.IGNORECASE), "billion"),
    (re.compile(r"\bdlrs?\b|\bdollars?\b|\busd\b", re.IGNORECASE), "dollars"), (re.compile(r"\bper ?cent\b|\bpct\b|%", re.IGNORECASE), " percent"),
    (re.compile(r"\bU\.\s?S\.(?:\s?A\.)?", re.IGNORECASE), "US"), (re.compile(r"\bU\.\s?K\.", re.IGNORECASE), "UK"),
    (re.compile(r"[’‘`]"), "'"), (re.compile(r"[“”]"), '"'), (re.compile(r"(?<=\d),(?=\d{3}\b)"), ""),
]


def normalise(text: str) -> str:
    """Fold spelling variants that paraphrases use (mln/million, dlrs/dollars, pct/%, U.S./US)."""
    for pattern, repl in _REWRITES:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


# ---------------------------------------------------------------- numbers and units

_NUM_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_NUM_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                   "hundred": 100, "dozen": 12})
_MAGNITUDE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Units whose swap changes a fact; plural/singular and spelling variants fold to one name.
_UNITS = {
    "dollars": "dollars", "$": "dollars", "cts": "cents", "cents": "cents", "yen": "yen", "marks": "marks",
    "stg": "sterling", "pounds": "pounds", "euros": "euros", "francs": "francs", "franc": "francs", "guilders": "guilders",
    "percent": "percent", "points": "points", "point": "points", "tonnes": "tonnes", "tons": "tonnes",
    "tonne": "tonnes", "ton": "tonnes", "kilos": "kilos", "kg": "kilos", "bushels": "bushels", "barrels": "barrels",
    "bbl": "barrels", "ounces": "ounces", "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "hours": "hour", "hour": "hour", "minutes": "minute",
    "minute": "minute", "miles": "mile", "mile": "mile", "kilometers": "km", "kilometres": "km", "km": "km",
    "feet": "foot", "meters": "metre", "metres": "metre", "shares": "shares", "times": "times",
}
_NUMBER = re.compile(
    r"(?P<cur>\$\s?)?(?P<num>\d+(?:\.\d+)?|\b(?:" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")\b)"
    r"(?:[\s-]+(?P<mag>thousand|million|billion|trillion)\b)?(?:[\s-]+(?P<unit>[a-z$]+))?", re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class Quantity:
    """A number as stated: its value (magnitude applied), unit and original wording."""

    value: float
    unit: str
    text: str


def quantities(text: str) -> list[Quantity]:
    """Numbers of a text with units, years left out (dates check those). 'one' alone is a pronoun, not a number."""
    out = []
    for m in _NUMBER.finditer(normalise(text)):
        raw = m.group("num").lower()
        if raw == "one" and not m.group("unit"):
            continue
        value = float(raw) if raw[0].isdigit() else float(_NUM_WORDS[raw])
        if _YEAR.match(raw) and not m.group("mag") and not m.group("cur"):
            continue
        value *= _MAGNITUDE.get((m.group("mag") or "").lower(), 1.0)
        unit = _UNITS.get((m.group("unit") or "").lower(), "")
        if m.group("cur"):
            unit = "dollars"
        wording = m.group(0).strip()
        if m.group("unit") and not unit:  # an unknown next word is not part of the number's wording
            wording = wording[: wording.lower().rfind(m.group("unit").lower())].rstrip(" -")
        out.append(Quantity(value, unit, wording))
    return out


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def check_numbers(claim: str, quote: str) -> list[Mismatch]:
    """Every number of the claim must be in the quote, with the same unit where both state one."""
    stated = quantities(quote)
    out = []
    for q in quantities(claim):
        same_value = [s for s in stated if _same(s.value, q.value)]
        if not same_value:
            rival = next((s for s in stated if s.unit == q.unit and q.unit), stated[0] if stated else None)
            out.append(Mismatch("number", q.text, rival.text if rival else ""))
        elif q.unit and all(s.unit and s.unit != q.unit for s in same_value) and q.unit in _UNITS.values():
            out.append(Mismatch("unit", q.text, same_value[0].text))
    return out


# ---------------------------------------------------------------- dates

_DATE_WORD = re.compile(r"\b(" + "|".join(WEEKDAY_NAMES + MONTH_NAMES + tuple(MONTH_ABBREVIATIONS)) + r")\b\.?|\b(1[89]\d\d|20\d\d)\b", re.IGNORECASE)


def dates(text: str) -> list[tuple[str, str]]:
    """(kind, canonical) date words of a text: weekdays, months (abbreviations folded), years.

    Month and weekday names count only capitalised ("march" is a verb); a sentence-initial "May"
    counts only with a day number after it.
    """
    out = []
    for m in _DATE_WORD.finditer(text):
        word = m.group(1) or m.group(2)
        low = word.lower()
        if not m.group(2) and not word[0].isupper():  # "march", "sun": words, not dates
            continue
        at_start = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ".!?\"“"
        if low == "may" and at_start and not re.match(r"\s*\d", text[m.end():]):
            continue  # "May" opening a sentence is the verb unless a day number follows
        if m.group(2):
            out.append(("year", word))
        elif low in WEEKDAY_NAMES:
            out.append(("weekday", low))
        else:
            out.append(("month", MONTH_ABBREVIATIONS.get(low, low)))
    return out


def publication_words(published: str) -> str:
    """The month and year of an ISO publication date as words ("2021-08-23..." -> "August 2021"); "" if unreadable.

    Why: a claim "during his August 2021 visit" citing "Sung Kim arrived in Seoul on Saturday" in
    an article published 2021-08-23 is dated by the article's metadata, not its text, and was
    rejected as "'August' not in the cited sentence or its article". Only month and year are
    given: a weekday is too easily the day of the report rather than of the event.
    """
    m = re.match(r"(\d{4})-(\d{2})", published or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        return ""
    return f"{MONTH_NAMES[int(m.group(2)) - 1].capitalize()} {m.group(1)}"


def check_dates(claim: str, quote: str, context: str) -> list[Mismatch]:
    """A claim's weekday/month/year must be in the quote; or in the passage if the quote states none of that kind."""
    in_quote, in_context = dates(quote), dates(context)
    out = []
    for kind, value in dates(claim):
        if (kind, value) in in_quote:
            continue
        rivals = [v for k, v in in_quote if k == kind]
        if rivals:
            out.append(Mismatch("date", value.capitalize(), rivals[0].capitalize()))
        elif (kind, value) not in in_context:
            out.append(Mismatch("date", value.capitalize(), where="the cited sentence or its article"))
    return out


# ---------------------------------------------------------------- entities

#: Demonym -> country, so "Russian" is stated by "Russia" and vice versa (no maintained offline
#: package maps these; the list covers the countries news wires name most).
DEMONYMS = {
    "american": "united states", "british": "britain", "canadian": "canada", "mexican": "mexico", "brazilian": "brazil",
    "argentine": "argentina", "chilean": "chile", "peruvian": "peru", "colombian": "colombia", "venezuelan": "venezuela",
    "cuban": "cuba", "french": "france", "german": "germany", "italian": "italy", "spanish": "spain", "portuguese": "portugal",
    "dutch": "netherlands", "belgian": "belgium", "swiss": "switzerland", "austrian": "austria", "swedish": "sweden",
    "norwegian": "norway", "danish": "denmark", "finnish": "finland", "polish": "poland", "hungarian": "hungary",
    "czech": "czech republic", "greek": "greece", "turkish": "turkey", "russian": "russia", "ukrainian": "ukraine",
    "chinese": "china", "japanese": "japan", "korean": "korea", "taiwanese": "taiwan", "indian": "india",
    "pakistani": "pakistan", "afghan": "afghanistan", "iranian": "iran", "iraqi": "iraq", "syrian": "syria",
    "israeli": "israel", "palestinian": "palestine", "lebanese": "lebanon", "jordanian": "jordan", "saudi": "saudi arabia",
    "egyptian": "egypt", "libyan": "libya", "nigerian": "nigeria", "kenyan": "kenya", "ethiopian": "ethiopia",
    "australian": "australia", "indonesian": "indonesia", "malaysian": "malaysia", "filipino": "philippines",
    "thai": "thailand", "vietnamese": "vietnam", "irish": "ireland", "scottish": "scotland", "soviet": "soviet union",
    "kuwaiti": "kuwait", "qatari": "qatar", "algerian": "algeria", "moroccan": "morocco", "english": "england",
    "belarusian": "belarus", "sri lankan": "sri lanka", "north korean": "north korea", "south korean": "south korea",
    "west german": "west germany", "east german": "east germany", "south african": "south africa",
}
_ALIASES = {"us": "united states", "usa": "united states", "america": "united states", "uk": "britain",
            "united kingdom": "britain", "great britain": "britain"}
_NAMED = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "place",
          "EVENT": "event", "PRODUCT": "product", "LAW": "law", "WORK_OF_ART": "work"}


def _canon(text: str) -> str:
    """Lowercase entity text without 'the', possessives, or a plural demonym; demonyms fold to countries."""
    t = re.sub(r"^the\s+|'s$|'$", "", text.lower().replace("’", "'")).strip(" .,")
    t = _ALIASES.get(t, t)
    if t not in DEMONYMS and t.endswith("s") and t[:-1] in DEMONYMS:
        t = t[:-1]
    return DEMONYMS.get(t, t)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", normalise(text).lower().replace("'s", "")))


def _stated(entity: str, text: str, words: set[str]) -> bool:
    """True when text names the entity: the whole name, its country/demonym form, or every word of it."""
    canon = _canon(entity)
    if canon in _canon_text(text):
        return True
    ent_words = {w for w in _words(entity) if w not in ("the", "of", "and", "s")}
    return bool(ent_words) and ent_words <= words


def _canon_text(text: str) -> str:
    """The text lowercased with demonyms and aliases folded to countries (for containment tests)."""
    low = " " + re.sub(r"[^a-z0-9 ]", " ", normalise(text).lower()) + " "
    for dem, country in sorted(DEMONYMS.items(), key=lambda kv: -len(kv[0])):
        low = low.replace(f" {dem} ", f" {country} ").replace(f" {dem}s ", f" {country} ")
    for alias, country in _ALIASES.items():
        low = low.replace(f" {alias} ", f" {country} ")
    return low


def _entities(doc: Doc) -> list[tuple[str, str]]:
    """(group, text) of the named entities of a parse, plus proper nouns NER left out."""
    out = [(_NAMED[e.label_], e.text) for e in doc.ents if e.label_ in _NAMED]
    covered = {t.i for e in doc.ents for t in e}
    for t in doc:
        if t.pos_ == "PROPN" and t.i not in covered and t.text[:1].isupper() and len(t.text) > 1 and t.i > 0:
            out.append(("name", t.text))
    return out


def check_entities(claim: Doc, quote: Doc, context: str, article: str = "") -> list[Mismatch]:
    """Names of the claim must be in the quote; from the passage only if the quote names no rival of that kind.

    A person the quote names by surname alone ("Kim said ...") may be named in full anywhere in the
    article (`article`): news introduces a person once, in the lead, and the passage cut from later
    in the story only says "Kim".
    """
    quote_text = quote.text
    qwords, cwords = _words(quote_text), _words(context)
    claim_canon = _canon_text(claim.text)
    rivals: dict[str, list[str]] = {}
    for group, text in _entities(quote):
        if _canon(text) not in claim_canon and not _stated(text, claim.text, _words(claim.text)):
            rivals.setdefault(group, []).append(text)
    out = []
    for group, text in _entities(claim):
        if _stated(text, quote_text, qwords):
            continue
        surname = text.split()[-1].lower()
        if group == "person" and surname in qwords and (_stated(text, context, cwords) or _stated(text, article, _words(article))):
            continue  # the quote says "Kim", the article says who Kim is
        rival = rivals.get(group, [])
        if not rival and group != "name" and _stated(text, context, cwords):
            continue
        if group == "name" and _stated(text, context, cwords):
            continue
        out.append(Mismatch("entity", text, rival[0] if rival else "", "the cited sentence" if rival or not context
                            else "the cited sentence or its article"))
    return out


# ---------------------------------------------------------------- negation, antonyms, quantity, roles

_NEGATORS = {"not", "n't", "never", "no", "nor", "neither", "without"}
#: Antonym pairs by lemma (hand-written: WordNet needs a data download; these are the verbs and
#: comparatives news claims flip most).
_ANTONYM_PAIRS = [
    ("rise", "fall"), ("increase", "decrease"), ("gain", "lose"), ("buy", "sell"), ("approve", "reject"),
    ("accept", "reject"), ("win", "lose"), ("raise", "lower"), ("raise", "cut"), ("high", "low"), ("open", "close"),
    ("expand", "reduce"), ("expand", "shrink"), ("strengthen", "weaken"), ("begin", "end"), ("start", "end"),
    ("above", "below"), ("support", "oppose"), ("allow", "ban"), ("allow", "forbid"), ("more", "fewer"),
    ("more", "less"), ("before", "after"), ("agree", "refuse"), ("boost", "cut"), ("ahead", "behind"),
    ("acquire", "sell"), ("profit", "loss"), ("up", "down"), ("add", "remove"), ("hire", "fire"), ("join", "leave"),
    ("confirm", "deny"), ("include", "exclude"), ("rise", "drop"), ("increase", "decline"), ("gain", "drop"),
    ("higher", "lower"), ("strong", "weak"), ("large", "small"), ("win", "defeat"), ("lift", "impose"),
    ("accelerate", "slow"), ("upgrade", "downgrade"), ("surplus", "deficit"), ("import", "export"), ("early", "late"),
    ("always", "never"), ("success", "failure"), ("succeed", "fail"), ("pass", "fail"), ("guilty", "innocent"),
    ("senior", "junior"), ("new", "old"), ("positive", "negative"), ("friendly", "hostile"), ("offensive", "defensive"),
    ("long", "short"), ("ally", "enemy"), ("ally", "rival"), ("ally", "adversary"), ("rare", "common"),
    ("public", "private"), ("legal", "illegal"), ("domestic", "foreign"), ("minor", "major"), ("maximum", "minimum"),
    ("majority", "minority"), ("optimistic", "pessimistic"), ("first", "last"), ("min", "max"), ("peace", "war"),
    ("full", "partial"), ("permanent", "temporary"), ("rich", "poor"), ("cheap", "expensive"), ("dead", "alive"),
    ("arrive", "depart"), ("arrive", "leave"), ("resign", "appoint"), ("elect", "defeat"), ("ease", "tighten"),
    ("lift", "tighten"), ("release", "arrest"), ("acquit", "convict"), ("military", "humanitarian"),
    ("military", "civilian"), ("increase", "cut"), ("gain", "decline"), ("profit", "deficit"),
]
ANTONYMS: dict[str, set[str]] = {}
for _a, _b in _ANTONYM_PAIRS:
    ANTONYMS.setdefault(_a, set()).add(_b)
    ANTONYMS.setdefault(_b, set()).add(_a)
_QUANTIFIERS = {"all": "all", "every": "all", "each": "all", "entire": "all", "whole": "all", "some": "some",
                "several": "some", "many": "many", "most": "most", "few": "few", "none": "none", "no": "none",
                "neither": "none", "both": "all", "any": "some"}


def _lemmas(doc: Doc) -> set[str]:
    return {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}


def _negated(tok: Token) -> bool:
    """True when a word is negated: a 'not'/'never' child, or a 'no' determiner on its object."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det")):
            return True
        if c.dep_ in ("dobj", "attr") and any(g.lower_ == "no" and g.dep_ == "det" for g in c.children):
            return True  # "has no intent" states what "does not have intent" does
    return False


def _phrase(tok: Token) -> str:
    """The words from a verb's auxiliaries and negation to the verb, for a reason ('does not have')."""
    left = [c for c in tok.children if c.i < tok.i and c.dep_ in ("aux", "auxpass", "neg")]
    start = min([c.i for c in left] + [tok.i])
    return tok.doc[start: tok.i + 1].text


def _polar(tok: Token) -> bool:
    """True when a word is stated negatively: negated itself, or the object of a negated verb
    ("intent" in both "has no intent" and "does not have intent")."""
    return _negated(tok) or (tok.dep_ in ("dobj", "attr") and _negated(tok.head))


def check_negation(claim: Doc, quote: Doc) -> list[Mismatch]:
    """A word the claim states plainly must not be stated only negated in the quote, and vice versa."""
    out = []
    for t in claim:
        if t.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        same = [q for q in quote if q.lemma_.lower() == t.lemma_.lower() and q.pos_ == t.pos_]
        if not same:
            continue
        if _polar(t) and not any(_polar(q) for q in same) or not _polar(t) and all(_polar(q) for q in same):
            out.append(Mismatch("negation", _phrase(t), _phrase(same[0])))
    return out[:1]


def check_antonyms(claim: Doc, quote: Doc) -> list[Mismatch]:
    """A claim word missing from the quote whose antonym the quote states ('fell' for 'rose')."""
    qlem: dict[str, list[Token]] = {}
    for q in quote:
        for key in _forms(q):
            qlem.setdefault(key, []).append(q)
    out = []
    for t in claim:
        forms = _forms(t)
        if any(f in qlem for f in forms):
            continue
        rivals = [q for f in forms for anti in ANTONYMS.get(f, set()) for q in qlem.get(anti, [])]
        if rivals:  # the rival at the same relative place in the sentence
            where = t.i / max(1, len(claim))
            rival = min(rivals, key=lambda q: abs(q.i / max(1, len(quote)) - where))
            out.append(Mismatch("antonym", t.text, rival.text))
    return out


def _forms(tok: Token) -> set[str]:
    """The lemma and word of a token, plus suffix-stripped forms: spaCy gives a capitalised
    sentence-initial verb ("Lowered were ...") its own text as lemma."""
    word = tok.lower_
    forms = {tok.lemma_.lower(), word}
    if tok.text[:1].isupper() and tok.pos_ in ("PROPN", "VERB", "ADJ", "NOUN"):
        forms |= {word[:-1], word[:-2], word[:-3]} if len(word) > 5 else set()
    return {f for f in forms if f}


def _quantifier_heads(doc: Doc) -> dict[str, str]:
    """Noun lemma -> the quantity word on it ('all areas' -> {'area': 'all'}), and 'none' subjects."""
    out: dict[str, str] = {}
    for t in doc:
        if t.lower_ in _QUANTIFIERS and t.dep_ in ("det", "predet", "amod", "nsubj", "nsubjpass", "advmod", "quantmod"):
            head = t.head
            if t.dep_ in ("nsubj", "nsubjpass"):  # "none of the X": take X
                head = next((g for c in t.children if c.lower_ == "of" for g in c.children), t.head)
            out[head.lemma_.lower()] = t.lower_
    return out


def check_quantity(claim: Doc, quote: Doc) -> list[Mismatch]:
    """The quantity word on a noun (all/some/none/most/few) must match the quote's word on the same noun."""
    stated = _quantifier_heads(quote)
    out = []
    for noun, word in _quantifier_heads(claim).items():
        theirs = stated.get(noun)
        if theirs is not None and _QUANTIFIERS[theirs] != _QUANTIFIERS[word]:
            out.append(Mismatch("quantity", f"{word} {noun}", f"{theirs} {noun}"))
        elif theirs is None and _QUANTIFIERS[word] in ("all", "none", "most") and word not in _lemmas(quote):
            if _QUANTIFIERS[word] == "none" and any(q.lemma_.lower() == noun and _polar(q) for q in quote):
                continue  # "no intent" is stated by "does not have intent"
            out.append(Mismatch("quantity", word, ""))
    return out


def _name(tok: Token) -> str:
    """Canonical text of the entity a token belongs to (else its lemma)."""
    for e in tok.doc.ents:
        if e.start <= tok.i < e.end:
            return _canon(e.text)
    return tok.lemma_.lower()


def _roles(doc: Doc) -> dict[str, list[tuple[str, str, str]]]:
    """Verb lemma -> (doer, done-to, wording) triples: subject/object, passive agent/subject, from/to."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for v in doc:
        if v.pos_ not in ("VERB", "AUX"):
            continue
        kids = list(v.children)
        subj = [c for c in kids if c.dep_ == "nsubj"] or ([c for c in v.head.children if c.dep_ == "nsubj"]
                                                          if v.dep_ == "xcomp" else [])
        obj = [c for c in kids if c.dep_ in ("dobj", "dative")]
        pas = [c for c in kids if c.dep_ == "nsubjpass"]
        agent = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        src = [g for c in kids if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"]
        dst = [g for c in kids if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        pairs = [(subj[0], obj[0])] if subj and obj else []
        pairs += [(agent[0], pas[0])] if agent and pas else []
        pairs += [(src[0], dst[0])] if src and dst else []
        for a, b in pairs:
            lo, hi = min(a.i, b.i, v.i), max(a.i, b.i, v.i)
            out.setdefault(v.lemma_.lower(), []).append((_name(a), _name(b), doc[lo: hi + 1].text))
    return out


def check_roles(claim: Doc, quote: Doc) -> list[Mismatch]:
    """Who did what to whom: a (doer, done-to) pair of a verb reversed relative to the quote's same verb."""
    stated = _roles(quote)
    for verb, triples in _roles(claim).items():
        for a, b, wording in triples:
            if a == b:
                continue
            theirs = stated.get(verb, [])
            if any(x == a and y == b for x, y, _ in theirs):
                continue
            swapped = next((w for x, y, w in theirs if x == b and y == a), None)
            if swapped is not None:
                return [Mismatch("role", wording, swapped)]
    return []


# ---------------------------------------------------------------- entry point

_DOCS: OrderedDict[str, Doc] = OrderedDict()
_DOCS_LOCK = threading.Lock()
_DOCS_MAX = 2048


def prefetch(texts: Iterable[str]) -> None:
    """Parse the texts an answer will check in one spaCy batch (nlp.pipe is ~3x faster than one call each)."""
    with _DOCS_LOCK:
        todo = list(dict.fromkeys(t for t in texts if t not in _DOCS))
    if not todo:
        return
    parsed = list(nlp.parse_many(todo))
    with _DOCS_LOCK:
        for text, doc in zip(todo, parsed):
            _DOCS[text] = doc
        while len(_DOCS) > _DOCS_MAX:
            _DOCS.popitem(last=False)


def _parse(text: str) -> Doc:
    """The prefetched parse of a text, else a fresh one."""
    with _DOCS_LOCK:
        doc = _DOCS.get(text)
    return doc if doc is not None else nlp.parse(text)



def check(claim: str, quotes: Sequence[str], context: str = "", article: str = "") -> list[Mismatch]:
    """Return the details of claim that the cited sentences (quotes) do not state; [] when all are stated.

    Args:
        claim: one answer sentence, without citation markers.
        quotes: the sentence(s) it cites, exact spans of their articles.
        context: the cited passages (article text) around the quotes, for dates and names.
        article: the whole cited article(s), read only to tell who a surname in the quote is.
    """
    quote = " ".join(quotes)
    if not quote.strip():
        return []
    if " ".join(claim.split()) in " ".join(quote.split()):
        return []  # a verbatim span states everything it says
    claim_doc, quote_doc = _parse(claim), _parse(quote)
    context = f"{quote} {context}"
    found: list[Mismatch] = []
    for result in (check_numbers(claim, quote), check_dates(claim, quote, context),
                   check_entities(claim_doc, quote_doc, context, article), check_negation(claim_doc, quote_doc),
                   check_antonyms(claim_doc, quote_doc), check_roles(claim_doc, quote_doc),
                   check_quantity(claim_doc, quote_doc)):
        found.extend(result)
    return _dedupe(found)


def _dedupe(found: Iterable[Mismatch]) -> list[Mismatch]:
    """One mismatch per claim wording, in check order."""
    seen: set[str] = set()
    out = []
    for m in found:
        if m.claim.lower() not in seen:
            seen.add(m.claim.lower())
            out.append(m)
    return out


def reason(mismatches: Sequence[Mismatch]) -> str:
    """The reasons of up to two mismatches, joined for display."""
    return "; ".join(m.reason for m in mismatches[:2])
