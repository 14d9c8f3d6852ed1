"""Answerability by coverage: what a question asks about, and whether the evidence covers it.

Why not question wording: rules keyed to phrasings ("what did X say", "exact date") fixed the
dev set and nothing else. Instead the question's key content is read with spaCy (named
entities, the attribute asked for, the answer type, dates) and checked against the retrieved
passages: a named entity that appears nowhere cannot be answered about ("The articles do not
mention the European Union."), and a sentence can only answer when it comes from a passage about
the question's entities, mentions the attribute asked for and names something of the asked
type (a person for who, a place for where, a number for how many). spaCy is loaded lazily
through ragnews.nlp; nothing here imports it at module import time.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._text import STOPWORDS, stem
from .countries import COUNTRY_NAMES, DEMONYMS, bare_initialism, has_initialism
from .dates import MONTH_NAMES
from .keyterms import name_spans
from .nlp import nlp, parse, parse_many

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

PERSON = frozenset({"PERSON"})
ORG = frozenset({"ORG"})
PLACE = frozenset({"GPE", "LOC", "FAC"})
WHEN = frozenset({"DATE", "TIME"})
NUMBER = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
NAMES = frozenset({"ORG", "PERSON", "PRODUCT", "GPE", "FAC", "WORK_OF_ART", "EVENT", "LAW"})  # what a thing "is called"
_NUMERIC_LABELS = NUMBER | WHEN | {"ORDINAL"}
# Head nouns of "which X" / "what is the X of" that fix the answer type. A general news ontology,
# not the wording of any question set: roles name people, places name places, amounts are numbers.
_ROLE = {"chairman", "chairwoman", "president", "ceo", "chief", "executive", "director", "minister", "governor", "mayor",
         "analyst", "senator", "spokesman", "spokeswoman", "envoy", "ambassador", "head", "leader", "founder", "secretary",
         "official", "officials", "economist", "representative", "counterpart", "premier", "chancellor", "king", "queen",
         "owner", "author", "manager", "trader", "negotiator", "diplomat", "lawyer", "judge", "editor", "reporter"}
_PLACE = {"city", "country", "capital", "town", "province", "region", "nation", "headquarters", "port", "island",
          "venue", "location", "place", "village", "county"}
_ORGS = {"company", "firm", "bank", "brokerage", "agency", "group", "buyer", "bidder", "customer", "customers", "unit",
         "subsidiary", "lender", "carrier", "airline", "union", "party", "newspaper", "outlet", "exchange", "ministry",
         "insurer", "underwriter", "advisor", "adviser", "partner", "shareholder", "investor", "suitor"}
_AMOUNT = {"price", "cost", "value", "profit", "loss", "debt", "sales", "revenue", "deficit", "surplus", "coupon", "dividend",
           "stake", "share", "percentage", "rate", "amount", "number", "total", "output", "production", "budget", "income",
           "earnings", "salary", "population", "size", "yield", "growth", "fine", "bid", "offer", "capital", "reserves",
           "tax", "tariff", "payment", "investment", "fee", "premium", "wage", "figure", "level", "volume", "index"}
_DATE_NOUNS = {"date", "day", "year", "month", "time", "week", "deadline"}
# Words too generic to show whether the evidence is on topic ("the company", "people", "things").
_GENERIC = {"level", "people", "thing", "things", "way", "ways", "time", "times", "lot", "kind", "part", "money", "news", "article",
            "articles", "report", "reports", "story", "question", "answer", "information", "detail", "details", "fact",
            "facts", "matter", "issue", "issues", "case", "situation", "result", "results", "one", "ones", "something",
            "anything", "term", "terms", "plan", "move", "deal", "company", "firm", "group", "side", "sides", "outlet",
            "outlets", "source", "sources", "much", "many", "day", "days", "year", "years", "month", "months", "week",
            "weeks", "event", "events", "percent", "pct", "share",
            # abstract nouns that name the kind of answer, not a word the evidence repeats ("the state of
            # relations", "China's role"): the answer describes a state or role without saying so
            "state", "status", "role", "nature", "condition"}
# A few attributes news copy names in more than one way (the evidence may use either).
_SYNONYMS = {"ceo": ("chief executive",), "chief executive": ("ceo",), "employee": ("worker", "staff", "employ"),
             "worker": ("employee", "staff", "employ"), "profit": ("earnings", "net income"), "earnings": ("profit",),
             "boss": ("chief executive", "chairman", "president", "head"), "head": ("chief", "chairman", "president", "director"),
             "stake": ("pct", "share"), "share": ("pct", "stake"), "percentage": ("pct",), "price": ("dlrs", "cents"),
             "headquarters": ("based", "headquartered"), "senator": ("sen",), "representative": ("rep",),
             "winner": ("won", "win", "wins"), "movie": ("film",), "film": ("movie",),
             "production": ("output",), "output": ("production",), "job": ("employ", "worker", "staff")}
_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "minister", "secretary", "sir", "lord", "prime",
           "chairman", "ambassador", "envoy", "special", "representative"}
# Words that make a role another role: a deputy prime minister is not the prime minister, a vice president not the president.
_RANKS = {"deputy", "vice", "acting", "assistant", "associate", "interim"}
_CORP = {"corp", "corporation", "inc", "co", "ltd", "plc", "ag", "nv", "sa", "llc", "group", "holdings", "company", "the"}
_SPEECH = {"say", "tell", "write", "state", "add", "note", "announce", "warn", "urge", "claim", "argue", "describe", "call",
           "stress", "predict", "declare", "insist", "complain", "explain", "report", "quote", "comment"}
_YES_NO = {"did", "do", "does", "was", "were", "is", "are", "has", "have", "had", "can", "could", "will", "would", "should"}
_COMPARE = re.compile(r"\b(both|compare[sd]?|comparison|differ\w*|same|versus|vs\.?|before|after|earlier|later|more|less|"
                      r"than|either|neither)\b", re.IGNORECASE)
# A capital named for its government ("Seoul aims to cut its deficit", "Caracas will repay"): news metonymy, so
# the evidence may name the country instead. The capitals of the main news countries (a general gazetteer).
_CAPITALS: dict[str, str] = {
    "seoul": "south korea", "tokyo": "japan", "beijing": "china", "peking": "china", "moscow": "soviet union",
    "washington": "united states", "paris": "france", "bonn": "germany", "rome": "italy", "madrid": "spain",
    "ottawa": "canada", "canberra": "australia", "caracas": "venezuela", "brasilia": "brazil", "buenos aires": "argentina",
    "lima": "peru", "bogota": "colombia", "santiago": "chile", "quito": "ecuador", "manila": "philippines",
    "jakarta": "indonesia", "bangkok": "thailand", "kuala lumpur": "malaysia", "taipei": "taiwan", "new delhi": "india",
    "islamabad": "pakistan", "tehran": "iran", "baghdad": "iraq", "riyadh": "saudi arabia", "cairo": "egypt",
    "ankara": "turkey", "athens": "greece", "lisbon": "portugal", "the hague": "netherlands", "stockholm": "sweden",
    "oslo": "norway", "copenhagen": "denmark", "helsinki": "finland", "warsaw": "poland", "vienna": "austria",
    "dublin": "ireland", "wellington": "new zealand", "pretoria": "south africa", "lagos": "nigeria", "nairobi": "kenya",
    "havana": "cuba", "hanoi": "vietnam", "damascus": "syria", "amman": "jordan", "mexico city": "mexico",
}


#: Typographic apostrophes as the typed one. Why: web news (CNN, the Daily Mail, the BBC) prints "O’Toole",
#: "L’Aquila", "Kilmarnock’s" with U+2019, while a question is typed with "'"; a name is the same name either way.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class Term:
    """A piece of the question the evidence must cover.

    alternatives: ways the evidence may name it; each alternative is a tuple of phrases that
    must all occur (a hyphenated "Trump-Kim" needs both names).
    """

    text: str
    label: str
    alternatives: tuple[tuple[str, ...], ...]
    acronym: str = ""
    cased: frozenset[str] = frozenset()  # name parts that count only capitalised ("Gates", not "gates")
    upper: frozenset[str] = frozenset()  # bare initialisms that count only in capitals ("US", not the pronoun "us")

    def found_in(self, text: str, words: set[str] | None = None) -> bool:
        """True when some alternative occurs in text (lower-cased), or the acronym as a word.

        A part of a person's name must be capitalised where it occurs: "Bill Gates" is not
        mentioned by "the bill", nor "Rose" by "prices rose"; a bare initialism must be in
        capitals (bare_initialism): "the United States" is not mentioned by "told us". Apostrophes are folded
        (_APOSTROPHES): a question typed "O'Toole" names the "O’Toole" of web news copy.
        """
        text = text.translate(_APOSTROPHES)
        low = text.lower()
        if any(all(self._has(p, text, low) for p in alt) for alt in self.alternatives):
            return True
        if self.acronym and _names_acronym(self.acronym, text):
            return True
        return _expands(self.text, text)

    def _has(self, phrase: str, text: str, low: str) -> bool:
        """True when text has phrase as this term asks for it: in capitals, capitalised, or in any case."""
        phrase = phrase.translate(_APOSTROPHES)
        if phrase in self.upper:
            return has_initialism(text, phrase)
        if phrase in self.cased:
            return _has_cased(text, phrase)
        return _has_phrase(low, phrase)


def _names_acronym(acronym: str, text: str) -> bool:
    """True when the initials we built for a question name occur in text as a name of their own.

    Two capitalised occurrences say nothing: one on an all-capitals line (a Reuters headline,
    "CATHAY PACIFIC 1986 PROFIT SEEN ABOVE TARGET", capitalises every word, so "AS", "TO" or "UP" match
    any two-word name's initials there), and a company legal form after a name ("WestLB International SA"
    is no "Singapore Airlines", though its initials are "SA").
    """
    for m in re.finditer(rf"\b{re.escape(acronym)}\b", text):
        line = text[text.rfind("\n", 0, m.start()) + 1: m.end() + (text[m.end():] + "\n").index("\n")]
        if not re.search(r"[a-z]", line):
            continue
        if acronym.lower() in _CORP and re.search(r"[A-Z][\w.&'-]*\s+$", text[:m.start()]):
            continue
        return True
    return False


def _expands(name: str, text: str) -> bool:
    """True when text spells out an all-capitals acronym of the question ("CNN" -> "Cable News Network").

    An acronym inside a longer name is spelt out in place: "GM Espanola" -> "General Motors Espanola".
    """
    words = name.split()
    if not any(_is_acronym(w) for w in words):
        return False
    parts = [_spelt(w) if _is_acronym(w) else re.escape(w) for w in words]
    return re.search(r"\b" + r"\s+".join(parts) + r"\b", text) is not None


def _is_acronym(word: str) -> bool:
    """True for a 2-5 letter all-capitals word ("ICI", "GM"), an ampersand between letters too ("AT&T", "S&P")."""
    letters = re.sub(r"(?<=[A-Z])&(?=[A-Z])", "", word)
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _spelt(acronym: str) -> str:
    """A pattern for the words an acronym stands for, one capitalised word per letter (small joining words allowed;
    an ampersand is "and": "AT&T" -> "American Telephone and Telegraph")."""
    letters = acronym.replace("&", "")
    return r"\s+(?:(?:of|and|for|the|de|du)\s+)?".join(rf"{ch}[\w.&'-]*" for ch in letters)


_AGE = Term(text="age", label="NOUN", alternatives=(("years old",), ("year-old",), ("aged",), ("age",), ("born",)))


@dataclass
class Focus:
    """What a question asks: its kind, the answer type, its entities and the attribute asked for."""

    question: str
    kind: str  # who | where | when | count | amount | which | age | name | said | yesno | other
    answer_labels: frozenset[str] = frozenset()
    entities: list[Term] = field(default_factory=list)
    dates: list[Term] = field(default_factory=list)
    attribute: Term | None = None
    nouns: list[Term] = field(default_factory=list)
    speaker: Term | None = None
    conjunction: bool = False
    verb: str = ""  # stem of the question's main verb ("control", "chair", "expire"): answers sit near it
    words: frozenset[str] = frozenset()  # the question's own words (an answer must add something)
    exact_date: bool = False  # "what date/day": an answer names the day, not "earlier this month"
    counted: str = ""  # stem of the counted noun of a how-many question ("day" for "how many days")
    wh_subject: bool = True  # the wh-word is the subject ("Who controls X?") rather than the object ("Whom did X blame?")
    asked: str = ""  # stem of the noun a what/which question asks for when it implies no entity type ("what duty")
    money: bool = False  # the question asks for a sum of money ("What will X sell for?")
    times: tuple[str, ...] = ()  # the question's date/time phrases, lower-cased ("last week", "february")
    qualifiers: list[Term] = field(default_factory=list)  # nouns compounding the attribute ("unemployment" rate)
    reason: bool = False  # a why-question: the sentence giving the reason leads the answer
    wh_prep: str = ""  # "at" of "At what rate did X operate?": the verb's own "at" phrase gives the value
    period: Periods = field(default_factory=lambda: Periods())  # the years, months, quarters the question names
    duration: bool = False  # "how long": a length of time answers before a point in time
    wh_noun: str = ""  # stem of the noun a which/what question names its answer by ("judge" of "Which judge ...?")
    actor_place: bool = False  # "Which country is accused of dumping?": a country acting, not where it happened (a
    # city that "hosted" something is still asked as a place: "Which city hosted the summit?" wants a locative city)

    @property
    def factoid(self) -> bool:
        """True for questions answered by one entity, number or date (answer-first applies)."""
        return (bool(self.answer_labels) or bool(self.asked)) and self.kind in {"who", "where", "when", "count", "amount",
                                                                              "which", "age", "name"}


def _has_cased(text: str, phrase: str) -> bool:
    """True when phrase occurs in text on word boundaries, ignoring case, starting with a capital letter."""
    pattern = rf"(?<![\w-]){re.escape(phrase)}(?![\w])"
    return any(text[m.start()].isupper() for m in re.finditer(pattern, text, re.IGNORECASE))


def _has_phrase(low: str, phrase: str) -> bool:
    """True when phrase occurs in low on word boundaries (a prefix match for stems ending in '*')."""
    if phrase.endswith("*"):
        return re.search(rf"\b{re.escape(phrase[:-1])}", low) is not None
    if phrase.endswith("~"):  # a short word or its plural
        return re.search(rf"(?<![\w-]){re.escape(phrase[:-1])}(?:s|es)?(?![\w])", low) is not None
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w])", low) is not None


def preload() -> None:
    """Start loading spaCy in the background (a daemon thread), so it overlaps retrieval and the embedder load.

    Why: the extractive engine needs spaCy for every question; loading it (~1-1.5 s) only when
    the question is analysed would add that to a cold `ragnews ask`.
    """
    threading.Thread(target=nlp, name="spacy-preload", daemon=True).start()


def analyze(question: str) -> Focus:
    """Read a question's key content with spaCy (see the module docstring)."""
    doc = parse(question.strip())
    kind, labels, head = _kind(doc)
    entities = _entities(doc)
    focus = Focus(question=question, kind=kind, answer_labels=labels, entities=entities, dates=_dates(doc))
    focus.attribute = _attribute(doc, head, entities) if kind != "age" else _AGE
    if focus.attribute is not None and head is not None:
        focus.qualifiers = _qualifiers(head, focus.attribute)
    if kind == "which" and not labels and head is not None:
        focus.asked = stem(_compound_head(head).lemma_.lower())
    if kind in {"who", "which", "where"} and head is not None and head.pos_ == "NOUN" and labels <= NAMES:
        focus.wh_noun = stem(_compound_head(head).lemma_.lower())
    focus.money = kind == "amount" and head is None and _sells_for(doc)
    focus.times = tuple(e.text.lower() for e in doc.ents if e.label_ in WHEN)
    focus.period = periods(question)
    focus.duration = re.search(r"\bhow long\b", question, re.IGNORECASE) is not None
    focus.exact_date = head is not None and head.lemma_.lower() in {"date", "day"} and kind == "when"
    if kind == "count" and head is not None and head.pos_ == "NOUN":
        focus.counted = stem(head.lemma_.lower())
    focus.nouns = _nouns(doc, entities, focus.attribute) + _nationalities(doc)
    focus.speaker = _speaker(doc, entities) if kind == "said" else None
    focus.conjunction = any(t.dep_ == "conj" and t.head.ent_type_ and t.ent_type_ for t in doc)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    weak = {"be", "do", "have", "say", "tell", "get", "make", "plan", "expect", "want"}
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() not in weak]
    if not verbs and root is not None and root.pos_ not in {"AUX", "PRON"} and root.lemma_.lower() not in weak:
        verbs = [root]  # the tagger sometimes reads a question's verb as a noun ("Whom did X blame ...?")
    if not verbs and root is not None and root.lemma_.lower() == "do":  # do-support: "did X blame" -> the object "blame"
        verbs = [t for t in root.children if t.dep_ == "dobj" and t.pos_ == "NOUN" and t.i > root.i + 1][:1]
    verb = root if root is not None and root.pos_ == "VERB" and root.lemma_.lower() not in weak else (verbs[0] if verbs else None)
    focus.verb = stem(verb.lemma_.lower()) if verb is not None else ""
    focus.words = frozenset(t.lower_ for t in doc if t.is_alpha)
    wh = next((t for t in doc if t.tag_ in {"WP", "WDT", "WRB"}), None)
    focus.wh_subject = wh is None or _wh_is_subject(doc, wh)
    focus.reason = wh is not None and wh.lower_ == "why"
    focus.wh_prep = _wh_prep(wh, verb) if kind == "amount" else ""
    focus.actor_place = (kind == "where" and wh is not None and wh.i == 0 and wh.dep_ == "det"  # not "In which country"
                         and wh.head.dep_ in {"nsubj", "nsubjpass"} and wh.head.lemma_.lower() in {"country", "nation", "state"})
    return focus


def _wh_prep(wh: Token | None, verb: Token | None) -> str:
    """The preposition of a fronted "At what rate did X operate?" / "To what level did X fall?" (its verb's own phrase), or ""."""
    if wh is None or verb is None or wh.dep_ != "det" or wh.head.dep_ not in {"pobj", "pcomp"}:
        return ""
    prep = wh.head.head
    return prep.lower_ if prep.lower_ in _VALUE_PREPS and prep.head == verb else ""


def _wh_is_subject(doc: Doc, wh: Token) -> bool:
    """True when the wh-word asks for the subject ("Who controls X?"), not the object ("Whom did X blame?")."""
    if wh.lower_ == "whom":  # the object case, however the parser attaches it
        return False
    phrase = wh.head if wh.dep_ == "det" else wh  # "which brokerage agreed": the wh-phrase is the subject
    return phrase.dep_ in {"nsubj", "nsubjpass", "attr"} or not any(
        t.dep_ in {"nsubj", "nsubjpass"} and t.tag_ not in {"WP", "WDT"} and t != phrase for t in doc)


def _kind(doc: Doc) -> tuple[str, frozenset[str], Token | None]:
    """Return the question kind, the entity labels an answer must name, and the asked-for head noun."""
    first = next((t for t in doc if not t.is_punct), None)
    wh = next((t for t in doc if t.tag_ in {"WP", "WDT", "WRB", "WP$"}), None)
    if first is not None and first.lower_ in _YES_NO and (wh is None or wh.i > 3):
        return "yesno", frozenset(), None
    if wh is None:
        return "other", frozenset(), None
    w = wh.lower_
    nxt = doc[wh.i + 1] if wh.i + 1 < len(doc) else None
    if w == "how" and nxt is not None and nxt.lower_ == "many":
        return "count", NUMBER | WHEN, _counted(doc, wh.i + 2)
    if w == "how" and nxt is not None and nxt.lower_ == "old":
        return "age", NUMBER | WHEN, None
    if w == "how" and nxt is not None and nxt.lower_ in {"long", "soon", "often"}:
        return "amount", NUMBER | WHEN, None
    if w == "how" and nxt is not None and nxt.lower_ in {"much", "big", "large", "high", "low", "far", "fast", "small"}:
        return "amount", NUMBER, _measured(doc, wh.i + 2)
    if w == "when":
        return "when", WHEN, None
    if w == "where":
        return "where", PLACE, None
    if w in {"who", "whom", "whose"}:  # "who warned that ...": a speaker is asked for, not their words
        role = _asked_noun(doc, wh)  # "who is the CEO of X": the role is the attribute asked for
        people = role is not None and (role.lemma_.lower() in _ROLE or role.lower_ in _ROLE)
        return "who", PERSON if people else PERSON | ORG, role  # "who is the prime minister": a person
    if w in {"what", "which"} and _asks_name(wh):
        return "name", NAMES, None
    if w in {"what", "which"}:
        noun = _asked_noun(doc, wh)
        if noun is None and _speech_verb(doc) and _subject_entity(doc):
            return "said", frozenset(), None
        if noun is not None and wh.dep_ == "det" and wh.head == noun and noun.lemma_.lower() == "state":
            return "where", PLACE, noun  # "which state": a place ("the state of relations" stays an abstract noun)
        if noun is not None:
            return _typed(noun)
        if _sells_for(doc):
            return "amount", NUMBER, None
        return ("said", frozenset(), None) if _speech_verb(doc) else ("other", frozenset(), None)
    return "other", frozenset(), None


def _asks_name(wh: Token) -> bool:
    """True for "What will the venture be called?" / "What is the new company named?": a name is asked, not words said.

    Why: "call" is also a verb of saying ("called the move rash"), so the question was read as
    "what did X say" and abstained for want of a quote; passive "be called/named" with the
    wh-word as its complement asks for the name the sentence gives ("is to be called Champlin Refining Co.").
    """
    verb = wh.head
    return (verb.lemma_.lower() in {"call", "name", "rename", "dub"} and verb.pos_ == "VERB" and wh.dep_ in {"oprd", "attr", "dobj"}
            and any(c.dep_ == "auxpass" for c in verb.children))


def _compound_head(noun: Token) -> Token:
    """The head of a compound noun: "reserve requirement" asks for a requirement, not a reserve."""
    while noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
        noun = noun.head
    return noun


# Verbs of trading: "what did X sell for", "what will Y fetch" ask for a price (a general news lexicon).
_TRADE_VERBS = {"sell", "buy", "purchase", "trade", "acquire", "go", "fetch", "bid", "offer", "pay", "cost"}


def _sells_for(doc: Doc) -> bool:
    """True for "What will X sell for?" (the wh-word is the object of "for" after a verb of trading) and "What is X
    paying per share?" (the object of a verb of paying)."""
    return any(t.tag_ in {"WP", "WDT"} and (t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lemma_.lower() in _TRADE_VERBS
                                            or t.dep_ == "dobj" and t.head.lemma_.lower() in _PAYING) for t in doc)


_PAYING = {"pay", "spend", "charge", "cost", "earn", "fetch", "borrow", "lend"}  # verbs whose object is a sum of money


def _counted(doc: Doc, i: int) -> Token | None:
    """The counted noun of "how many ...": the head of the phrase after "many" ("how many US troops" -> troops).

    A named thing ("how many Jaguars") is an entity, not a word the number must sit next to: None.
    """
    if i >= len(doc):
        return None
    t = doc[i]
    while t.dep_ in {"compound", "amod", "nummod"} and t.head.i > t.i:
        t = t.head
    return t if t.pos_ == "NOUN" and not t.text[:1].isupper() else None


def _measured(doc: Doc, i: int) -> Token | None:
    """The noun a how-much/how-large question measures: "how much American Motors debt", "how large is X's debt".

    The attribute the evidence must name and the answer must sit next to (its number, not another one
    in the sentence); None when the question names no such noun ("how much did X pay").
    """
    noun = _counted(doc, i) if i < len(doc) and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"} else None
    if noun is not None:
        return noun
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ != "be" or any(t.pos_ == "VERB" for t in doc):  # "how large is the debt": the
        return None  # copula's subject is measured; "how much is the surplus costing X" measures the cost, not the surplus
    return next((c for c in root.children if c.dep_ in {"nsubj", "attr"} and c.pos_ == "NOUN"), None)


def _typed(noun: Token) -> tuple[str, frozenset[str], Token | None]:
    """Answer type from the asked-for noun ("which city" -> a place, "what price" -> a number)."""
    lemma = noun.lemma_.lower()
    if lemma in _DATE_NOUNS:
        return "when", WHEN, noun
    if lemma in _PLACE:
        return "where", PLACE, noun
    if lemma in _ROLE or noun.lower_ in _ROLE:
        return "who", PERSON, noun
    if lemma in _ORGS:
        return "which", ORG | PERSON, noun
    if lemma in _AMOUNT:
        return "amount", NUMBER, noun
    return "which", frozenset(), noun


def _asked_noun(doc: Doc, wh: Token) -> Token | None:
    """The noun a what/which question asks for: "which city", "what is the capital of", "what price"."""
    if wh.head.pos_ in {"NOUN", "PROPN"} and wh.dep_ == "det":
        return wh.head
    nxt = doc[wh.i + 1] if wh.i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN":
        return nxt
    for t in doc[wh.i + 1: wh.i + 4]:  # "which Russian official", "which South Korean official": past the modifiers
        if t.pos_ == "NOUN":
            return t
        if t.pos_ not in {"ADJ", "PROPN"}:
            break
    if nxt is not None and nxt.lemma_ == "be":  # "what is the capital of X", "who is the CEO of X"
        for t in doc[nxt.i + 1:]:
            if (t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.lower_ in _ROLE)) and t.dep_ != "poss":  # "the Prime Minister"
                while t.dep_ in {"compound", "amod"} and t.head.pos_ == "NOUN" and t.head.i > t.i:
                    t = t.head
                return _named(t)
            if t.pos_ in {"VERB", "ADP"} and t.dep_ != "poss":
                break
    return None


def _named(noun: Token) -> Token:
    """"the name of X's headset" asks for the headset: a bare "name" is no word the evidence repeats
    ("Microsoft's HoloLens headset"); a "code name" still is."""
    if noun.lemma_.lower() != "name" or any(c.dep_ == "compound" for c in noun.children):
        return noun
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if of is not None else None
    return obj if obj is not None else noun


def _speech_verb(doc: Doc) -> bool:
    """True when the question's main verb is a verb of saying ("what did X say/write/tell")."""
    return any(t.lemma_.lower() in _SPEECH and t.pos_ == "VERB" for t in doc)


def _subject_entity(doc: Doc) -> bool:
    """True when the question has a proper-noun subject (the speaker)."""
    return any(t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PROPN" for t in doc)


def _entities(doc: Doc) -> list[Term]:
    """Named things of the question (keyterms.name_spans: entities plus proper-noun runs), numbers, nationalities and bare titles excluded.

    A lower-case word the recogniser ran a title into ("when was The Legend of Zelda: Breath of the
    Wild released?") is the question's verb, not part of the name the evidence must repeat.
    """
    from spacy.tokens import Span as SpacySpanType

    spans = []
    for span in name_spans(doc):
        end = span.end
        while end > span.start + 1 and (doc[end - 1].is_lower and doc[end - 1].pos_ in {"VERB", "AUX", "ADV"}
                                        or doc[end - 1].pos_ in {"CCONJ", "PUNCT"}):  # "the Union Pacific and" PDVSA
            end -= 1
        spans.append(span if end == span.end else SpacySpanType(doc, span.start, end, label=span.label_))  # keep the label
    return [_term(e) for e in spans]


def _term(span: SpacySpan) -> Term:
    """Build a Term for an entity: full name, name without titles/corporate suffixes, surname, acronym."""
    text = re.sub(r"^(the|a|an)\s+", "", span.text, flags=re.IGNORECASE)
    text = re.sub(r"['’]s?$", "", text).strip()
    low = text.lower()
    parts = [p for p in re.split(r"[\s-]+", low) if p]
    alts: list[tuple[str, ...]] = [(low,)]
    if len(parts) == 1 and re.fullmatch(r"[a-z]+[^s]s", low):  # "Soviets", "Jaguars": the evidence may say "Soviet"
        alts.append((low[:-1],))
    if "-" in low and span.label_ not in {"PERSON"}:
        alts.append(tuple(p for p in low.split("-") if p))
    core = [p for p in parts if p.strip(".") not in _CORP and p.strip(".") not in _TITLES and not p.isdigit()]  # "Super Bowl 2021"
    if core and core != parts:
        alts.append((" ".join(core),))
    cased: set[str] = set()
    if span.label_ == "PERSON":  # people are named by any part of the name ("Kim", "Li", "Noh"), capitalised
        parts_alone = [p for p in core if len(p) >= 2 and (p,) not in alts]
        alts += [(p,) for p in parts_alone]
        cased.update(parts_alone)
    dotted = _dotted_variants(text)
    alts += [(a,) for a in dotted]
    undotted = re.sub(r"\b((?:[A-Z]\.){2,4})(?=\s)", lambda m: m.group(1).replace(".", ""), text)
    if undotted != text:  # "U.S. Open" is also written "US Open"
        alts.append((undotted.lower(),))
    named = list(COUNTRY_NAMES.get(low, ()))
    country = _CAPITALS.get(low)
    named += [country, *COUNTRY_NAMES.get(country, ())] if country else []
    alts += [(a,) for a in named]
    caps = [w for w in re.split(r"[\s-]+", text) if w[:1].isupper() and w.lower() not in _CORP]
    acronym = "".join(w[0] for w in caps) if len(caps) >= 2 else ""
    written = [low] if text.isupper() else []  # "US" as the question writes it; a name "Li" is no initialism
    upper = {a for a in (*named, *dotted, *written) if bare_initialism(a)}
    return Term(text=text, label=span.label_ or "PROPN", alternatives=tuple(dict.fromkeys(alts)), acronym=acronym,
                cased=frozenset(cased - upper), upper=frozenset(upper))


def _dotted_variants(text: str) -> list[str]:
    """Both spellings of an initialism: "UK" <-> "U.K.", "U.S." <-> "US" (news styles differ by outlet)."""
    if re.fullmatch(r"(?:[A-Z]\.){2,4}", text):
        return [text.replace(".", "").lower()]
    if re.fullmatch(r"[A-Z]{2,4}", text):
        return [".".join(text.lower()) + "."]
    return []


def _dates(doc: Doc) -> list[Term]:
    """Years and months the question pins down ("the 2019 summit", "the June visit")."""
    out = []
    for t in doc:
        low = t.lower_
        if re.fullmatch(r"(19|20)\d\d", low) or (low in MONTH_NAMES and t.text[:1].isupper()):  # not the modal "may"
            out.append(Term(text=t.text, label="DATE", alternatives=((low,),)))
    return out


def _noun_term(token: Token) -> Term:
    """A common noun as a Term: its lemma (a prefix stem) or a known synonym; a hyphenated word whole."""
    hyphened = _hyphenated(token)
    if hyphened:  # "runner-up", "year-end": the word is the whole compound, not its last part ("up", "end")
        first, _, rest = hyphened.partition("-")
        alts_h = ((hyphened,), (f"{first} {rest}",), (f"{first}s-{rest}",))
        return Term(text=hyphened, label="NOUN", alternatives=alts_h)
    lemma = token.lemma_.lower()
    parts = [t for t in token.lefts if t.dep_ in {"compound", "amod"} and t.pos_ in {"NOUN", "ADJ", "PROPN"}
             and (t.lower_ in _ROLE or t.lower_ in _TITLES or t.lower_ in _RANKS)]
    parts = _title_span(parts, token)
    compound = " ".join(t.lower_ for t in parts)
    key = f"{compound} {lemma}".strip()
    # a compound role is asked as a whole: a "prime minister" is not any minister
    alts = [(f"{compound} {_stem_key(lemma)}",) if compound else (_stem_key(lemma),)]
    for name in (key, lemma, token.lower_):
        alts += [(_stem_key(s),) for s in _SYNONYMS.get(name, ())]
    return Term(text=" ".join([*(t.text for t in parts), token.text]), label="NOUN", alternatives=tuple(dict.fromkeys(alts)))


def _title_span(parts: list[Token], token: Token) -> list[Token]:
    """The role's words as written, from its first rank or title word to the noun: "Deputy First Minister", not
    "Deputy Minister".

    Why: the kept words must occur together in the evidence; dropping a word between them ("First", "Foreign" of
    "Deputy Foreign Minister") builds a phrase that no report writes, so the role is never found.
    """
    if not parts:
        return parts
    between = token.doc[parts[0].i: token.i]
    if all(t.dep_ in {"compound", "amod"} and t.pos_ in {"NOUN", "ADJ", "PROPN"} and t.head.i <= token.i for t in between):
        return list(between)
    return parts


def _hyphenated(token: Token) -> str:
    """The whole hyphenated word a token ends or starts ("runner-up" for "up"), lower-cased; "" when none."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_ and not doc[token.i - 2].whitespace_:
        return doc[token.i - 2: token.i + 1].text.lower()
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_ and not doc[token.i + 1].whitespace_:
        return doc[token.i: token.i + 3].text.lower()
    return ""


def _stem_key(word: str) -> str:
    """A pattern for a word: a prefix of its Snowball stem, so 'employees' matches 'employed' and 'employs'.

    The prefix is the part the stem shares with the word: Snowball rewrites endings
    ("secretary" -> "secretari"), and a pattern the word itself fails is never found. A short
    word keeps its plural ("rig" matches "rigs", not "right").
    """
    if " " in word:
        return word
    s = stem(word)
    shared = s[: next((i for i, (a, b) in enumerate(zip(s, word)) if a != b), min(len(s), len(word)))]
    if len(shared) >= 4:
        return f"{shared}*"
    return f"{word}~"  # the word or its plural (see _has_phrase)


def _attribute(doc: Doc, head: Token | None, entities: Sequence[Term]) -> Term | None:
    """The attribute asked for: the asked noun if specific ("chief executive", "employees", "price")."""
    if head is None or not (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.lower_ in _ROLE)):
        return None
    if head.lemma_.lower() in _GENERIC | _PLACE | _DATE_NOUNS:  # "which city", "the release date": a type the
        return None  # answer must have, not a word to find ("X was released on April 20")
    if any(head.lower_ in e.text.lower().split() for e in entities):
        return None
    lemma = head.lemma_.lower()
    owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in head.children)
    copular = head.dep_ in {"attr", "nsubj"} and head.head.lemma_ == "be"
    counted = head.dep_ != "det" and any(t.lower_ == "many" for t in head.lefts)
    # An attribute is a property of something ("Coleco's chief executive", "the price of rice", "how
    # many employees", "what stake"); "which officials did X meet" names a type, not a word to find.
    wh = next((t for t in doc if t.tag_ in {"WDT", "WP"}), None)  # "which Russian official was ...": the type asked
    typed = wh is not None and wh.lower_ in {"which", "what"} and wh.i < head.i and all(
        t.pos_ in {"ADJ", "PROPN", "NOUN"} for t in doc[wh.i + 1: head.i])
    if owned or (copular and not typed) or counted or lemma in _AMOUNT:
        return _noun_term(head)
    return None


def _qualifiers(head: Token, attribute: Term) -> list[Term]:
    """The nouns compounding the attribute: "unemployment" in "Canada's unemployment rate".

    Why: the head alone ("rate") is found in any rate ("a 2.0 pct rate of growth"); a sentence that
    does not name the qualifier answers another question. Word order may differ ("the deficit in the
    current account"), so each is looked for in the sentence, not as one phrase.
    """
    return [_noun_term(c) for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN" and not c.is_stop
            and c.lemma_.lower() not in _GENERIC and c.text not in attribute.text.split()]


def _nouns(doc: Doc, entities: Sequence[Term], attribute: Term | None) -> list[Term]:
    """Content nouns the answer must be about: objects of the attribute ("price of rice") and the main verb's object."""
    ent_words = {w for e in entities for w in e.text.lower().split()}
    out = []
    for t in doc:
        if t.pos_ != "NOUN" or t.lemma_.lower() in _GENERIC or t.lower_ in ent_words or t.is_stop:
            continue
        if attribute is not None and t.text in attribute.text.split():
            continue
        # only the object of the attribute must appear ("the price of rice"): other nouns get paraphrased
        if (attribute is not None and t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN"
                and t.head.head.text in attribute.text.split()):
            out.append(_noun_term(t))
    return out


def _nationalities(doc: Doc) -> list[Term]:
    """The nationalities a question names ("Peruvian seamen"), as terms the evidence must cover somewhere.

    Why: they are not entities the answer's passage must name (a story on "Japan's corporate bankruptcies" answers
    "How many Japanese companies ..."), but a question about Peruvian seamen is not answered by articles that never
    mention Peru (they were about Brazil's). The adjective, any word it starts ("German" for "Germany"), or its country.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ != "NORP":
            continue
        low = re.sub(r"(?<=[^s])s$", "", ent.text.lower())  # "Soviets", "Americans": the evidence may say "Soviet"
        country = DEMONYMS.get(low)
        names = (country, *COUNTRY_NAMES.get(country, ())) if country else ()  # "British": Britain, U.K., UK
        alts = ((f"{low}*",), *((n,) for n in names))
        out.append(Term(text=ent.text, label="NORP", alternatives=alts, upper=frozenset(filter(bare_initialism, names))))
    return out


def _speaker(doc: Doc, entities: Sequence[Term]) -> Term | None:
    """The person or body whose words are asked for (subject of the verb of saying).

    The last entity of the subject phrase speaks, not a possessor or modifier before it (English puts the head
    last): in "What did China's ambassador Li Jinjun write?" the subject phrase names China too, and Li Jinjun is
    the writer.
    """
    for t in doc:
        if t.lemma_.lower() in _SPEECH and t.pos_ == "VERB":
            subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None:
                name = " ".join(x.text for x in subj.subtree).lower()
                named = [e for e in entities if e.text.lower() in name or name in e.text.lower()]
                return max(named, key=lambda e: name.rfind(e.text.lower()), default=None)
    return None


# --------------------------------------------------------------------------- coverage


@dataclass
class Coverage:
    """How far the evidence covers a question: what is missing, and which passages are on its entities."""

    missing: list[Term]
    anchored: set[int]  # 1-based passage numbers whose article text/title names every covered entity

    @property
    def complete(self) -> bool:
        """True when every entity, date and key noun appears somewhere in the evidence."""
        return not self.missing


def coverage(focus: Focus, passages: Sequence[tuple[str, str, str]], articles: Sequence[str] | None = None) -> Coverage:
    """Check the question's entities, dates and key nouns against (title, text, published) passages.

    A date is covered by the text or by a passage's publication date ("the June visit" in an
    article published in June); an entity by its name, surname or acronym anywhere in the passages.
    articles (each passage's article id, when known): a passage is on the question's entities when
    its article's passages in the evidence name them -- a later chunk of a story about Toronto
    Dominion's exchange seat says "the bank agreed to purchase the seat for 195,000 dlrs" without
    repeating either name, and is still about them.
    """
    texts = [f"{title}\n{text}" for title, text, _ in passages]
    everything = "\n".join(texts)
    missing = [e for e in focus.entities if not e.found_in(everything)]
    missing += [n for n in focus.nouns if not n.found_in(everything)]
    present = [e for e in focus.entities if e not in missing]
    keys = list(articles) if articles is not None and len(articles) == len(texts) else [str(i) for i in range(len(texts))]
    story = {k: "\n".join(t for t, k2 in zip(texts, keys) if k2 == k) for k in keys}
    counts = {i: sum(e.found_in(story[k]) for e in present) for i, k in enumerate(keys, 1)}
    most = max(counts.values(), default=0)  # no passage names them all ("according to the AP"): the most-covering ones
    anchored = {i for i, n in counts.items() if n == most and (n > 0 or not present)}
    dated = {i for i, (t, (_, _, p)) in enumerate(zip(texts, passages), 1)
             if all(d.found_in(t) or d.found_in(date_words(p)) for d in focus.dates)}
    if anchored & dated:  # "the June visit": prefer the passages of June
        anchored &= dated
    return Coverage(missing=missing, anchored=anchored)


def date_words(published: str) -> str:
    """Words of an ISO date a question may use: year and month name ("2021 june")."""
    m = re.match(r"(\d{4})-(\d\d)", published or "")
    return f"{m.group(1)} {MONTH_NAMES[int(m.group(2)) - 1]}" if m else ""


def missing_text(missing: Iterable[Term]) -> str:
    """Say what the articles do not mention: "The articles do not mention the European Union or Pyongyang."."""
    names = [_with_article(t) for t in missing]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"The articles do not mention {joined}."


def _with_article(term: Term) -> str:
    """Name a term as prose: organisations and multi-word places take 'the' where English does."""
    text = term.text
    if term.label in {"ORG", "FAC", "LOC", "NORP"} and re.search(r"\b(union|organization|organisation|association|"
                                                                     r"bank|fund|council|commission|committee|department|"
                                                                     r"ministry|exchange|agency|institute|office)\b", text, re.IGNORECASE):
        return f"the {text}"
    return text


# --------------------------------------------------------------------------- sentence fit


@dataclass
class Fit:
    """Whether one candidate sentence can answer the question, and the answer it names."""

    ok: bool
    lead: str = ""  # the answer itself, an exact span of the sentence ("" when none)
    reason: str = ""  # attribute | type | speaker
    linked: bool = False  # the answer is tied to the attribute or the question's verb in the parse
    label: str = ""  # the answer's entity label (PERSON, ORG, ...): a surname or an acronym may be spelt out


_NUMERIC = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                      r"hundred|thousand|million|billion|mln|dozen|half)\b", re.IGNORECASE)
_DATEISH = re.compile(r"\d|\b(" + "|".join(m[:3] for m in MONTH_NAMES) + r")[a-z]*\.?\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|"
                      r"\b(yesterday|today|tomorrow|week|month|year|spring|summer|autumn|fall|winter)\b", re.IGNORECASE)


def could_answer(focus: Focus, sentence: str, anchored: bool) -> bool:
    """Cheap regex pre-check (no parse): anchored passage, attribute named, a number/date where one is asked."""
    if not anchored or _lacks_attribute(focus, sentence):
        return False
    if focus.kind == "said" and focus.speaker is not None:
        return focus.speaker.found_in(sentence)
    if focus.answer_labels and focus.answer_labels <= NUMBER | WHEN:
        return bool((_NUMERIC if focus.answer_labels & NUMBER else _DATEISH).search(sentence) or
                    (focus.answer_labels & WHEN and _DATEISH.search(sentence)))
    return True


# How news copy gives a reason or a purpose: "because", "due to", "attributed the decline to", "as the reason
# for", "reflecting", "resulted from" (general explanatory connectives, not any question set's wording).
_REASON = re.compile(r"\b(because|due to|owing to|thanks to|reasons?|attribut\w*|blam\w*|result(?:ed|s|ing)? (?:of|from)|"
                     r"as a result|reflect(?:s|ed|ing)?|caused by|stem(?:s|med|ming)? from|in order to|so that|aimed at)\b",
                     re.IGNORECASE)


def leads(focus: Focus, sentence: str) -> bool:
    """True for a sentence that should open an answer with no answer phrase (why and what-did-X-do questions).

    Why: such answers are the chosen sentences in reading order, so an article's opening sentence
    (which restates the question) came first and the reason or the asked act second. A why-question
    is led by the sentence giving a reason; "What will the SEC staff allege?" by the one with "allege".
    """
    if sentence.rstrip().endswith("?"):  # a question in the article answers nothing
        return False
    if focus.reason:
        return _REASON.search(sentence) is not None
    asked = re.match(r"\W*(what|which|how)\b", focus.question, re.IGNORECASE) is not None  # not a bare topic ("X location")
    if asked and focus.verb and focus.kind in {"said", "other"} and focus.verb not in {"say", "tell"}:
        return re.search(rf"\b{re.escape(focus.verb)}", sentence, re.IGNORECASE) is not None
    return False


# A subject pronoun news copy uses for the firm or person just named: opening the sentence ("It also said X has
# assumed the positions of president", "He told reporters ..."), or after a closing quote ('"...," he said.').
# "It is/was ..." is left alone: often no firm at all ("It is expected that ...").
_PRONOUN = (re.compile(r"[,.!?]['\"\u201d]\s+(it|he|she|they)(?=\s+(?:said|says|added|told|wrote|noted|stated)\b)", re.IGNORECASE),
            re.compile(r"^\s*(?:(?:but|and|however|meanwhile),?\s+)?(it|he|she|they)\b(?!\s+(?:is|was|has been|had been)\b)",
                       re.IGNORECASE))
_REFERENTS = {"it": {"ORG"}, "he": {"PERSON"}, "she": {"PERSON"}, "they": {"ORG", "PERSON", "NORP", "GPE"}}


def resolve_pronoun(focus: Focus, sentence: str, before: Sequence[str]) -> str:
    """The sentence with its subject pronoun replaced by the question's entity it refers to, or "" (none).

    Why: "It also said Rafael Collado has assumed the positions of president" answers "Who is
    ProtocomDevices' new president?" only through "It"; without the name the sentence shares no
    word with the question and cannot tie its answer to it. The referent is the last named entity
    of the pronoun's kind (a person for he/she, an organisation for it) in the previous two
    sentences of the passage, and only a question entity is substituted (a sentence about
    another firm is left as written). The reading is for matching only; quotes stay exact spans.
    """
    found = _PRONOUN[0].search(sentence) or _PRONOUN[1].search(sentence)
    context = " ".join(before[-2:])
    if found is None or not any(e.found_in(context) for e in focus.entities):
        return ""
    pronoun = found.group(1).lower()
    named = [e for b in before[-2:] for e in parse(b).ents if e.label_ in _REFERENTS[pronoun]]  # parse() is cached
    if not named or not any(e.found_in(named[-1].text) for e in focus.entities) or _another_model(focus, named[-1]):
        return ""
    return sentence[:found.start(1)] + named[-1].text + sentence[found.end(1):]


def _another_model(focus: Focus, name: SpacySpan) -> bool:
    """True when the name's phrase carries a number the question does not ("the KIMS system 4500" for "system 5000")."""
    head = name.root
    while head.dep_ == "compound" and head.head != head:
        head = head.head
    phrase = [head, *(c for c in head.children if c.dep_ in {"compound", "nummod", "amod", "appos"})]
    return any(t.like_num and t.text not in focus.question for t in phrase)


_BARE_AGE = re.compile(r"(?<![\d.,])\b(1[5-9]|[2-9]\d|10\d)\b(?![.,]\d)")  # a whole number a person's age could be


def _lacks_attribute(focus: Focus, sentence: str) -> bool:
    """True when the sentence cannot name the asked attribute (an age may be a bare number: "Pickens is 58.";
    "At what rate did X operate?" may be answered by "X operated at 79.8 pct")."""
    if focus.attribute is None or focus.attribute.found_in(sentence):
        return False
    if focus.wh_prep and re.search(rf"\b{re.escape(focus.verb)}\w*\s+{focus.wh_prep}\b", sentence, re.IGNORECASE):
        return False
    return not (focus.kind == "age" and _BARE_AGE.search(sentence))


def _verb_phrase_value(focus: Focus, doc: Doc) -> Fit:
    """The number under the question's verb's own preposition: "operated at 79.8 pct of capacity" for "at what rate"."""
    for ent in doc.ents:
        if ent.label_ not in NUMBER or ent.text.lower() in focus.question.lower():
            continue
        noun = ent.root
        while noun.dep_ in {"nummod", "quantmod", "compound"} and noun.head != noun:  # "79.8" -> "pct"
            noun = noun.head
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ == focus.wh_prep and _verb_matches(focus.verb, prep.head):
            return Fit(True, lead=_lead(ent), linked=True, label=ent.label_)
    return Fit(False, reason="attribute")


def _stated_age(focus: Focus, doc: Doc) -> Fit:
    """An age news copy gives without the word: "Pickens is 58.", "John Smith, 58, said" (the person's own number).

    Only a number that is the complement of "is" with the question's person as subject, or the
    person's appositive, answers: "Pickens told 600 rigs" is no age.
    """
    for ent in doc.ents:
        if ent.label_ not in {"CARDINAL", "DATE"} or not _BARE_AGE.fullmatch(ent.text):
            continue
        mentions = set(_mentions(focus, doc, ent))
        head, dep = ent.root.head, ent.root.dep_
        copula = dep in {"attr", "acomp"} and head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c in mentions for c in head.children)
        if copula or (dep == "appos" and head in mentions):
            return Fit(True, lead=ent.text, linked=True, label=ent.label_)
    return Fit(False, reason="attribute")


def parses(focus: Focus, sentences: Sequence[str]) -> dict[str, Doc]:
    """Parse, in one batch, the sentences fits() will need a parse of (3x faster than one by one)."""
    needed = [s for s in dict.fromkeys(sentences) if _needs_parse(focus, s)]
    return dict(zip(needed, parse_many(needed))) if needed else {}


def _needs_parse(focus: Focus, sentence: str) -> bool:
    """True when fits() gets past its cheap checks for this sentence."""
    if _lacks_attribute(focus, sentence):
        return False
    if focus.kind == "said":
        return focus.speaker is not None and focus.speaker.found_in(sentence)
    return bool(focus.answer_labels) or bool(focus.asked)


def fits(focus: Focus, sentence: str, doc: Doc | None = None) -> Fit:
    """Check a sentence names what the question asks: the attribute, the speaker, an answer of the asked type."""
    if focus.kind == "age" and not _AGE.found_in(sentence) and _BARE_AGE.search(sentence):
        return _stated_age(focus, doc if doc is not None else parse(sentence))
    if focus.wh_prep and focus.attribute is not None and not focus.attribute.found_in(sentence):
        return _verb_phrase_value(focus, doc if doc is not None else parse(sentence))
    if focus.attribute is not None and not focus.attribute.found_in(sentence):
        return Fit(False, reason="attribute")
    if not all(q.found_in(sentence) for q in focus.qualifiers):
        return Fit(False, reason="attribute")
    if focus.kind == "said":
        return _said(focus, sentence, doc)
    if not focus.answer_labels and not focus.asked:
        return Fit(True)
    doc = doc if doc is not None else parse(sentence)
    if _owned_by_another(focus, doc):
        return Fit(False, reason="attribute")
    if not focus.answer_labels:
        lead = _asked_answer(focus, doc)
        return Fit(True, lead=lead, linked=bool(lead))
    lead, rank, label = _typed_answer(focus, doc)
    if lead and rank > _DEEP and _needs_link(focus) and not _sum_of_entity(focus, doc, lead):
        return Fit(False, reason="type")
    return Fit(bool(lead), lead=lead, reason="" if lead else "type", linked=bool(lead) and rank <= _DEEP, label=label)


_OWNER_LABELS = {"GPE", "ORG", "PERSON", "NORP"}


def _owned_by_another(focus: Focus, doc: Doc) -> bool:
    """True when every mention of the attribute in the sentence belongs to a named entity the question did not name.

    "What is Saudi Arabia's OPEC quota?" is not answered by "Ecuador has an OPEC quota of 210,000
    bpd": the quota's owner (its possessor, or the subject of "have") is another country. A mention
    with no named owner ("the quota was raised") may still be the question entity's.
    """
    if focus.attribute is None or not focus.entities:
        return False
    anchors = [t for t in doc if t.pos_ == "NOUN" and (focus.attribute.found_in(t.text) or focus.attribute.found_in(t.lemma_))]
    owners = [_owner(t) for t in anchors]
    named = {w.lower() for e in focus.entities for w in re.findall(r"[A-Za-z]{3,}", e.text)}
    # a shared name word is the same owner: copy misspells ("American Motor' debt" for American Motors)
    return bool(anchors) and all(o is not None and o.ent_type_ in _OWNER_LABELS and not any(
        w.is_alpha and w.lower_ in named for w in o.subtree) for o in owners)


def _owner(noun: Token) -> Token | None:
    """The named owner of a noun: its possessor ("Ecuador's quota") or the subject of "have" ("Ecuador has a quota")."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    if noun.dep_ == "dobj" and noun.head.lemma_ == "have":
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return None


def _sum_of_entity(focus: Focus, doc: Doc, lead: str) -> bool:
    """True when the answer measures a thing of the question's entity: "its proposed 1.65 billion dlr takeover of USAir"."""
    ent = next((e for e in [*doc.ents, *_bare_numbers(doc, focus)] if lead.lstrip(_SIGNS).startswith(e.text)), None)
    if ent is None:
        return False
    noun = ent.root
    for _ in range(3):  # "1.65" -> "dlr" -> "takeover"
        if noun.dep_ not in {"nummod", "compound", "quantmod", "amod"} or noun.head == noun:
            break
        noun = noun.head
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return noun != ent.root and any(e.found_in(" ".join(t.text for t in o.subtree)) for o in owners for e in focus.entities)


_PEOPLE = {"peopl", "person", "man", "men", "woman", "women"}  # stems of nouns that count people without saying who


def _counts_people(focus: Focus) -> bool:
    """True for "how many people were killed": "people" says nothing, the verb does ("injuring about 30 people" is no answer)."""
    return focus.kind == "count" and focus.counted in _PEOPLE and bool(focus.verb)


def _needs_link(focus: Focus) -> bool:
    """True when only an answer the parse ties to the question will do: a quantity of a unit, a sum paid, a name given.

    Why: "tonnes" and "dlrs" measure anything in a news story ("two mln tonnes of surplus maize" is
    no shipment to Mozambique; a turnover of "830.4 mln stg" is no chairman's pay). A number of the
    unit or a sum of money answers only when it sits under the question's verb or next to its noun.
    """
    unit = focus.kind == "count" and bool(focus.counted) and _MEASURE.fullmatch(focus.counted) is not None
    paid = _asks_money(focus) and focus.attribute is None  # without an attribute: a money word or a verb of paying
    return unit or paid or _counts_people(focus) or focus.kind == "name"  # a name is the one "called"/"named", not any firm in the sentence


def _said(focus: Focus, sentence: str, doc: Doc | None) -> Fit:
    """A what-did-X-say sentence must attribute words to X (X near a verb of saying)."""
    if focus.speaker is None:
        return Fit(True)
    if not focus.speaker.found_in(sentence):
        return Fit(False, reason="speaker")
    doc = doc if doc is not None else parse(sentence)
    if _spoken_of(focus.speaker, doc):
        return Fit(False, reason="speaker")
    return Fit(any(t.lemma_.lower() in _SPEECH and t.pos_ == "VERB" for t in doc), reason="speaker")


def _spoken_of(speaker: Term, doc: Doc) -> bool:
    """True when someone else's words are reported and the sentence names the speaker only as an object.

    Why: '"We believe the Kuwaitis have also approached the Soviet Union about the possibility of using Soviet
    tankers" to ship their oil, one of the officials told Reuters.' quotes an official about the Soviet Union; it
    does not say what the Soviet Union said. The speaker must not be the subject of any verb of saying, and each of
    its mentions must sit under a verb's or preposition's object.
    """
    subjects = [c for t in doc if t.lemma_.lower() in _SPEECH and t.pos_ == "VERB" for c in t.children
                if c.dep_ in {"nsubj", "nsubjpass"}]
    mentions = [t for t in doc if t.pos_ == "PROPN" and speaker.found_in(t.text)]
    if not subjects or not mentions or any(speaker.found_in(" ".join(x.text for x in s.subtree)) for s in subjects):
        return False
    return all(any(a.dep_ in {"dobj", "pobj"} for a in [t, *t.ancestors][:4]) for t in mentions)


def _asked_answer(focus: Focus, doc: Doc) -> str:
    """The entity or number that modifies the asked noun of a "what X" question, or "" (the sentence answers).

    "What reserve requirement ...": "a 19 pct reserve requirement"; "What duty ...": "cut to 1.96 pct
    the duty". Only a phrase tied to the asked noun counts (inside its phrase, or a number right
    before it with only units and determiners between): the first entity of the sentence is no answer.
    """
    nouns = [t for t in doc if t.pos_ in {"NOUN", "PROPN"} and stem(t.lemma_.lower()) == focus.asked]
    tied: list[SpacySpan] = []
    for ent in [*doc.ents, *_bare_numbers(doc, focus, always=True)]:
        if ent.label_ in WHEN | {"ORDINAL"} or ent.text.lower() in focus.question.lower() or _credit(ent):
            continue  # "the first AI assistant" names no assistant
        if any(t.found_in(ent.text) for t in focus.entities):
            continue
        if any(_modifies(ent, noun) or _value_of(ent, noun) for noun in nouns):
            tied.append(ent)
    return _lead(min(tied, key=_change)) if tied else ""  # stable: else the first in the sentence


def _change(ent: SpacySpan) -> bool:
    """True for a figure under a verb's "by": the size of a change, not the level the asked noun reached.

    "World consumption could increase by a record 2.8 mln tonnes to 71.8 mln tonnes": both are the
    value of "consumption" to the parse; "What world consumption ...?" asks for the level, 71.8 mln tonnes.
    """
    prep = ent.root.head if ent.root.dep_ == "pobj" else None
    return prep is not None and prep.lower_ == "by" and prep.head.pos_ in {"VERB", "AUX"}


_MODIFIER = {"compound", "nummod", "amod", "appos", "quantmod", "nmod", "poss"}


def _modifies(ent: SpacySpan, noun: Token) -> bool:
    """True when ent is inside the noun's own phrase (a modifier, appositive or of-phrase), or a number just before it."""
    if noun in ent:
        return False
    t = ent.root
    while t != noun and t.head != t and (t.dep_ in _MODIFIER or (t.dep_ == "pobj" and t.head.lower_ == "of")
                                          or (t.dep_ == "prep" and t.lower_ == "of")):
        t = t.head  # "a 19 pct reserve requirement", "a duty of 1.96 pct", "the envoy, Noh Kyu-duk"
    if t == noun:
        return True
    between = ent.doc[ent.end: noun.i]
    return ent.label_ in NUMBER and 0 <= noun.i - ent.end <= 4 and all(
        _AMOUNT_UNIT.fullmatch(t.text) or t.pos_ == "DET" or (t.dep_ in {"compound", "amod"} and t.head == noun) for t in between)


def _typed_answer(focus: Focus, doc: Doc) -> tuple[str, int, str]:
    """The entity/number/date of the asked type in the sentence that the question did not name, best tied to it."""
    candidates = _candidates(focus, doc)
    if not candidates:
        return "", -1, ""
    ranks = {id(e): _distance(focus, e) for e in candidates}
    best = min(candidates, key=lambda e: _preference(focus, e, ranks[id(e)]))
    return (_place_lead(best) if focus.kind == "where" else _lead(best)), ranks[id(best)], best.label_


def _preference(focus: Focus, ent: SpacySpan, rank: int) -> tuple[float, ...]:
    """Sort key of a candidate (lowest first): its type and time fit, then how it is tied to the question -- linked,
    deep in the verb's argument, or not at all -- and within each tie the question content its own phrase carries.

    The local support replaced the word distance to the attribute or verb (unlinked candidates) and the word
    window count (_context_overlap, now a last tie-break): "sale of 25,790 tonnes of mutton and lamb to Iran"
    carries the question, "rose to 72,374 tonnes" sits nearer its verb in word order only.
    """
    penalty = _penalty(focus, ent)
    tier = min(rank - penalty, 5)  # 0 linked, _DEEP inside the verb's argument, 5 unlinked
    local = -round(_local_support(focus, ent), 2) if tier > _DEEP else 0.0
    return (_point_for_length(focus, ent) or _per_share_unasked(focus, ent), _time_fit(focus, ent), penalty, tier,
            _compared(ent), local, rank, -_context_overlap(focus, ent))


def _compared(ent: SpacySpan) -> bool:
    """True for a value the sentence compares with ("after a 1.1 billion shortfall in 1986", "up from 35.1 mln"):
    the prior figure, which answers only when no other does (see _value_of for linked ones)."""
    t = ent.root
    for _ in range(3):
        if t.dep_ == "prep" and (t.lower_ in _PRIOR_PREPS or t.lower_ == "against" or (t.lower_ == "with" and t.head.lower_ == "compared")):
            return True
        if t.head == t:
            break
        t = t.head
    return False


_PER_SHARE = re.compile(r"^(\s*(dlrs?|dollars?|cts|cents?|pence|p|marks|francs|yen|stg))?\s*(per|a)\s+share\b", re.IGNORECASE)


def _per_share_unasked(focus: Focus, ent: SpacySpan) -> bool:
    """True for a per-share figure when the question does not ask about shares.

    Why: results copy restates every total per share ("1.08 billion dlrs, or 5.02 dlrs per share, earned in
    1986"); "How much did X earn?" asks for the total, "What did X offer per share?" for the other.
    """
    return not any(w.startswith("share") for w in focus.words) and bool(_PER_SHARE.match(ent.doc.text[ent.end_char:]))


def _candidates(focus: Focus, doc: Doc) -> list[SpacySpan]:
    """The entities/numbers/dates of the sentence of the asked type that the question did not name."""
    named = list(focus.entities)
    ranges = _named_ranges(focus, doc.text)
    candidates = []
    for ent in [*doc.ents, *_bare_numbers(doc, focus), *_bracketed_names(doc, focus)]:
        if ent.label_ not in focus.answer_labels:
            continue
        if any(ent.text.lower() in t.text.lower() for t in named):
            continue
        if focus.kind != "name" and any(t.found_in(ent.text) for t in named):
            continue  # a name given to the question's own things may contain them: "Baker Hughes Inc" for Baker and Hughes
        if any(ent.start_char in r for r in ranges):
            continue  # part of the question's own entity spelt out ("American Telephone" of "American Telephone and Telegraph")
        if all(w.lower() in focus.words for w in re.findall(r"[A-Za-z]+", ent.text)) and not any(c.isdigit() for c in ent.text):
            continue
        if focus.kind == "where" and not focus.actor_place and not _locative(ent):
            continue
        if focus.kind == "count" and not _counts(focus, ent):
            continue
        if focus.kind == "when" and (_DURATION.search(ent.text) or re.fullmatch(r"\d{1,3}", ent.text)):
            continue  # "five-day" says how long, not when; a bare "41" is an age or a count the recogniser took for a date
        if focus.exact_date and not _EXACT.search(ent.text):  # "what date": "Aug. 16", not "earlier this month"
            continue
        if focus.kind == "amount" and ent.label_ == "CARDINAL" and not _AMOUNT_UNIT.search(ent.doc[ent.start: ent.end + 2].text) \
                and not _is_money(ent) and not _with_unit(ent):
            continue  # "two men" is no amount; "13 mln dlr", "£3m" and "58lb" are
        if _asks_money(focus) and not _is_money(ent):
            continue  # a price is no "2,500,000 common shares" and no "24 pct"
        if ent.label_ in NUMBER and not any(_numeric(t) for t in ent):  # "XJ-6" is a model name, not an amount
            continue
        if ent.text.lower() in focus.question.lower():  # the question's own number or name is no answer
            continue
        if _credit(ent) or _ticker(ent):  # "SEOUL, June 21 (Reuters)": the agency credit, not a participant
            continue
        if not focus.wh_subject and _subject_of(ent, focus.verb):  # "whom did X blame": X (the subject) is no answer
            continue
        candidates.append(ent)
    return candidates


def _tree_distance(a: Token, b: Token) -> int:
    """Dependency arcs between two tokens of one parse (through their lowest common ancestor)."""
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    return next((up[t.i] + n for n, t in enumerate([b, *b.ancestors]) if t.i in up), 99)


_LOCAL_HOPS = 4  # a word further than this from the candidate belongs to another phrase or clause


def _local_support(focus: Focus, ent: SpacySpan) -> float:
    """How much of the question the candidate's own phrase and clause carry: each question content word found
    in the sentence counts 1 / its dependency distance to the candidate (its nearest mention; once per word).

    Why: a sentence often holds several figures or names of the asked type ("sales rose to 72,374 tonnes ... due
    to the sale of 25,790 tonnes of mutton and lamb to Iran"); the answer is the one whose head noun, of-phrase,
    verb and that verb's subject say what the question says -- nearness in the tree, not in the word order.
    """
    cues = {stem(w) for w in focus.words if w.isalpha() and w not in STOPWORDS}
    best: dict[str, float] = {}
    for t in ent.doc:
        if t in ent or not t.is_alpha:
            continue
        key = next((k for k in (stem(t.lemma_.lower()), stem(t.lower_)) if k in cues), None)
        hops = _tree_distance(ent.root, t) if key is not None else _LOCAL_HOPS + 1  # the tree walk only for a cue word
        if key is not None and hops <= _LOCAL_HOPS:
            best[key] = max(best.get(key, 0.0), 1.0 / hops)
    return sum(best.values())


def _point_for_length(focus: Focus, ent: SpacySpan) -> bool:
    """True for a point in time offered for "how long" ("last June" for "How long had Poland been out of the IMF?",
    where "after a 36-year absence" answers): lengths of time lead, points only when no length is named."""
    return focus.duration and not (_DURATION.search(ent.text) or _UNITS.search(ent.text))


def _context_overlap(focus: Focus, ent: SpacySpan) -> int:
    """How many of the question's content words sit within eight words of the candidate, in its own clause.

    Breaks ties between equally linked answers: "the 166,000 dlrs paid for a seat in 1981, but the
    record price remains 200,000 dlrs paid in 1929" -- 1929 is the one next to "record price"; the
    words past the comma and "but" belong to the other clause.
    """
    doc = ent.doc
    near = []
    for step, edge in ((-1, ent.start - 1), (1, ent.end)):
        i = edge
        while 0 <= i < len(doc) and abs(i - edge) < 8 and not _clause_break(doc[i]):
            near.append(doc[i])
            i += step
    return len({t.lower_ for t in near if not t.is_stop and t.lower_ in focus.words})


def _clause_break(token: Token) -> bool:
    """True for a token that ends a clause: a semicolon, a comma, or a conjunction joining clauses."""
    return token.text in {";", ","} or (token.dep_ == "cc" and token.head.pos_ in {"VERB", "AUX"})


def _credit(ent: SpacySpan) -> bool:
    """True for a parenthesised agency credit: "(Reuters)", "(AP)" -- news style, never an answer."""
    doc = ent.doc
    return ent.start > 0 and ent.end < len(doc) and doc[ent.start - 1].text == "(" and doc[ent.end].text == ")"


def _ticker(ent: SpacySpan) -> bool:
    """True for a bracketed stock symbol ("Itel Corp <ITEL>", "General Motors Corp <GM>"): a code, not the name."""
    doc = ent.doc
    return (ent.start > 0 and ent.end < len(doc) and doc[ent.start - 1].text == "<" and doc[ent.end].text.startswith(">")
            and re.fullmatch(r"[A-Z][A-Z.]*", ent.text) is not None)


def _subject_of(ent: SpacySpan, verb: str) -> bool:
    """True when the entity (or the noun it names) is the subject of the question's verb in the sentence."""
    t = ent.root
    while t.dep_ in {"compound", "appos", "flat"} and t.head != t:
        t = t.head
    head = t.head
    return bool(verb) and t.dep_ in {"nsubj", "nsubjpass"} and (head.lower_.startswith(verb) or stem(head.lemma_.lower()) == verb)


def _bracketed_names(doc: Doc, focus: Focus) -> list[SpacySpan]:
    """Reuters' bracketed company names the recogniser missed ("Britain's <Davy McKee> of Stockton"), as ORG spans.

    Why: Reuters brackets every unlisted company ("<Neiman-Marcus Group>"), so the brackets say what the
    recogniser often does not; a bracketed ticker ("<BOR>", "<GM.N>") is a code, not a name.
    """
    if "ORG" not in focus.answer_labels:
        return []
    from spacy.tokens import Span as SpacySpanType

    in_ents = {i for e in doc.ents for i in range(e.start, e.end)}
    spans: list[SpacySpan] = []
    for t in doc:
        end = next((c.i for c in doc[t.i + 1: t.i + 8] if c.text == ">"), None) if t.text == "<" else None
        inner = doc[t.i + 1: end] if end is not None else None
        if inner is None or not len(inner) or not inner[0].text[:1].isupper() or any(i in in_ents for i in range(inner.start, inner.end)):
            continue
        if len(inner) == 1 and (inner.text.isupper() or "." in inner.text):  # a ticker
            continue
        spans.append(SpacySpanType(doc, inner.start, inner.end, label="ORG"))
    return spans


def _bare_numbers(doc: Doc, focus: Focus, always: bool = False) -> list[SpacySpan]:
    """Numbers the entity recogniser missed ("about 900 mln dlrs"), as CARDINAL spans, for number questions."""
    if not always and not focus.answer_labels & NUMBER:
        return []
    from spacy.tokens import Span as SpacySpanType

    # a number inside a non-numeric entity is the recogniser's mistake ("767" read as a PRODUCT in "the 767 mln dlrs")
    in_ents = {i for e in doc.ents if e.label_ in _NUMERIC_LABELS for i in range(e.start, e.end)}
    spans: list[SpacySpan] = []
    for t in doc:
        if not _numeric(t) or t.i in in_ents:
            continue
        if spans and spans[-1].end == t.i:  # "83 billion" is one number, not "83" and "billion"
            spans[-1] = SpacySpanType(doc, spans[-1].start, t.i + 1, label="CARDINAL")
        else:
            spans.append(SpacySpanType(doc, t.i, t.i + 1, label="CARDINAL"))
    return spans


_LOCATIVE = {"in", "at", "near", "outside", "inside", "into", "across", "throughout", "within"}


def _locative(ent: SpacySpan) -> bool:
    """True when a place is where something is or happens ("in Elkhart", "at its Kenosha plant", "based in")."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in {"-based", "based"} or doc[ent.end: ent.end + 2].text.lower() == "- based":
        return True
    t = ent.root
    for _ in range(4):  # climb compounds and appositions: "at its Kenosha, Wisc., assembly plant"
        if t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE:
            return True
        if t.dep_ not in {"compound", "nmod", "amod", "appos", "poss", "conj"} or t.head == t:
            return False
        t = t.head
    return False


# What money is asked about: a price, cost or fee, or what someone paid. A general news lexicon.
_MONEY_NOUNS = {"price", "cost", "fee", "salary", "wage", "payment", "fine", "premium", "revenue", "profit", "income",
                "earnings", "debt", "budget", "investment", "compensation", "pay"}
_MONEY_VERBS = {"pay", "cost", "spend", "charg", "fetch", "earn", "borrow", "lend", "offer", "bid", "fine"}
_CURRENCY = re.compile(r"\b(dlrs?|dollars?|cents?|cts|marks|francs|yen|stg|pounds sterling|lire|pesos?|pesetas?|rupees?|"
                       r"yuan|crowns?|guilders?|rand|ecus?|riyals?)\b|[$£€¥]", re.IGNORECASE)


def _asks_money(focus: Focus) -> bool:
    """True when an amount question asks for money ("what price", "how much did X pay"). "How long" asks for a length of
    time whatever its verb: "How long did Ron Jones spend on the death march?" is answered by "17 weeks", not a sum."""
    if focus.kind != "amount" or focus.duration:
        return False
    noun = focus.attribute.text.lower().split()[-1] if focus.attribute is not None else ""
    return focus.money or noun in _MONEY_NOUNS or stem(noun) in _MONEY_NOUNS or focus.verb in _MONEY_VERBS


def _is_money(ent: SpacySpan) -> bool:
    """True for a sum of money: a MONEY entity or a number with a currency right after it ("3.50 dlrs each")."""
    doc = ent.doc
    return ent.label_ == "MONEY" or bool(_CURRENCY.search(doc[max(0, ent.start - 1): ent.end + 3].text))


_AMOUNT_UNIT = re.compile(r"\b(mln|million|billion|bln|trillion|pct|percent|per cent|dlrs?|dollars?|cents?|cts|marks|"
                          r"francs|yen|stg|pounds|lire|tonnes|tons|barrels|bpd|ounces|points?|units|shares|acres|lbs|kilos|"
                          r"kilograms|gallons|bushels|hectares|cubic feet|miles)\b", re.IGNORECASE)
_EXACT = re.compile(r"\d|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_DURATION = re.compile(r"-(day|week|month|year)\b|^\W*(\w+\s+){0,3}(days|weeks|months|years|hours)\W*$", re.IGNORECASE)
# Units of time. The leading \b keeps a weekday ("Saturday", "Monday") from matching "day": a weekday is a point in
# time, never a length ("How long did Sung Kim stay?" is "four-day", not "Saturday") nor a counted unit.
_UNITS = re.compile(r"\b(second|minute|hour|day|week|month|year)s?\b", re.IGNORECASE)


# The periods a figure is reported for: years ("1986", "fiscal 1987/88", "last year"), months ("February", "Feb.",
# "last month") and quarters ("the fourth quarter"). A date after "since", "from", "before" or "after" is a point of
# reference, not the period reported ("the highest since early 1985", "bankruptcies since November 1985"), "last
# year's decline" qualifies another noun, and a year before a unit is an amount ("1990 tonnes").
_PERIOD_YEAR = re.compile(r"(?<![\d,.$])\b((?:19|20)\d\d)(?:/(\d\d))?\b(?![,.]?\d)(?!\s+" + _AMOUNT_UNIT.pattern + ")")
_PERIOD_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTH_NAMES) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
_PERIOD_QUARTER = re.compile(r"\b(first|second|third|fourth|final|1st|2nd|3rd|4th)[- ](?:quarter|qtr)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(last|this|next|current|coming)\s+(year|month)\b(?!['\u2019]s)", re.IGNORECASE)
_REFERENCE = re.compile(r"\b(since|from|before|after)\s+(?:(?:the|early|late|mid|end|start|beginning|of|[A-Z][a-z]+\.?|\d{1,2},?)[\s-]+){0,3}$")
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
_SHIFT = {"last": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


@dataclass(frozen=True)
class Periods:
    """The years, months (1-12) and quarters (1-4) a text names, relative ones resolved against its publication date."""

    years: frozenset[int] = frozenset()
    months: frozenset[int] = frozenset()
    quarters: frozenset[int] = frozenset()


def periods(text: str, published: str = "") -> Periods:
    """Read the periods a question or a sentence names (see Periods); "last year" needs published (ISO) to count."""
    def said(pattern: re.Pattern[str]) -> list[re.Match[str]]:
        return [m for m in pattern.finditer(text) if not _REFERENCE.search(text[max(0, m.start() - 40):m.start()])]

    years = {int(m.group(1)) for m in said(_PERIOD_YEAR)}
    years |= {int(m.group(1)[:2] + m.group(2)) for m in said(_PERIOD_YEAR) if m.group(2)}  # "1987/88"
    months = {_month_of(m.group(1)) for m in said(_PERIOD_MONTH)}
    quarters = {_QUARTERS[m.group(1).lower()] for m in said(_PERIOD_QUARTER)}
    pub = re.match(r"(\d{4})-(\d\d)", published or "")
    year, month = (int(pub.group(1)), int(pub.group(2))) if pub else (0, 0)
    for m in said(_RELATIVE) if pub else ():
        shift = _SHIFT[m.group(1).lower()]
        if m.group(2).lower() == "year":
            years.add(year + shift)
        else:
            months.add((month - 1 + shift) % 12 + 1)
    return Periods(frozenset(years), frozenset(months), frozenset(quarters))


# A compared figure: a prior-figure word, then (after at most an article or an adjective) a number, to the clause's end
# ("from 3.04 billion in the same 1986 period", "after a 71.6 mln profit in 1985", "compared with an 11.6 mln dlr profit
# last year", "vs 325 mln in 1986"); after "than", "below", "above" only with an article ("well below the 628 mln dlrs
# of February last year"): "more than 5 mln dlrs in 1986" is a quantity of 1986, not a prior figure.
_COMPARED = re.compile(r"\b(?:(?:from|after|against|compared (?:with|to)|vs\.?|versus)\s+(?:(?:a|an|the|its|their|some|"
                       r"about|nearly|almost|over|only)\s+)?|(?:than|below|above)\s+(?:a|an|the|its|their)\s+)[\d$]"
                       r"[^,;]*?(?=\s*(?:[,;]|\bbut\b|\band\b|$))", re.IGNORECASE)


def reported_periods(text: str, published: str = "") -> Periods:
    """The periods a sentence reports its figures for: those it names, and when it names a year only for the figure it
    compares with, the year after that one too ("fell to 1.05 billion dlrs from 3.04 billion in the same 1986 period"
    reports the 1987 quarter; "a net loss for the year of 62.1 mln stg after a 71.6 mln profit in 1985" the 1986 year).

    Why: results and trade copy gives the period's figure beside the prior year's, and the prior year is then the only
    year the sentence writes; read as the sentence's own, it answered no question about the year reported
    (reuters-dev6: China's first-quarter 1987 deficit, Brazil's February 1987 surplus, Ultramar's 1986 loss, FCA's
    third-quarter 1987 loss). The compared year is kept (the prior figure answers for it), and so are months and
    quarters: a compared figure is the same month or quarter a year before, or the one just before.
    """
    said = periods(text, published)
    if not said.years or periods(_COMPARED.sub(" ", text), published).years:
        return said  # no year, or the sentence names its own
    return Periods(said.years | {y + 1 for y in said.years}, said.months, said.quarters)


def story_periods(said: Periods, headline: str, published: str = "") -> Periods:
    """The periods a sentence reports for: its own, and for each kind it leaves unsaid, its story's headline's.

    Why: results copy names its period once, in the headline ("TRIANGLE INDUSTRIES INC <TRI> 4TH QTR LOSS"),
    and the story's table lines ("Sales 2.67 billion vs 1.65 billion") are that period's figures; read alone they
    name none, and a question about another period ("in the first quarter of 1987") was answered with them.
    A sentence that names a period of a kind keeps its own (a "Year" line of a quarter's table says so).
    """
    head = periods(headline, published)
    return Periods(said.years or head.years, said.months or head.months, said.quarters or head.quarters)


def _month_of(name: str) -> int:
    """The month number of a month name or its news abbreviation ("Sept" -> 9)."""
    return next(i for i, m in enumerate(MONTH_NAMES, 1) if m.startswith(name.lower()[:3]))


def other_period(asked: Periods, said: Periods) -> bool:
    """True when a sentence reports for another period than the question's: it names years (months, quarters) and
    none is the question's ("What were Ivaco's 1986 earnings?" is not answered by "1987 earnings should ...").

    Why: results copy gives the figure of each period side by side, and a question about a period nobody
    reported is answered with the nearest one otherwise. A sentence naming no period of the kind is not judged.
    """
    pairs = ((asked.years, said.years), (asked.months, said.months), (asked.quarters, said.quarters))
    return any(a and s and not a & s for a, s in pairs)


def _counts(focus: Focus, ent: SpacySpan) -> bool:
    """For how-many questions: a number of the counted thing when the question names it ("350 employees")."""
    window = ent.text if ent.label_ in WHEN else ent.doc[ent.start: min(len(ent.doc), ent.end + 5)].text
    if not focus.counted:
        return True
    unit = _UNITS.fullmatch(focus.counted) is not None or _UNITS.fullmatch(focus.counted + "s") is not None
    if ent.label_ in WHEN and not unit:  # "Aug. 16" counts no missiles
        return False
    if _day_of_month(ent) or _measures_else(focus, ent):
        return False
    if _members_of(focus, ent):
        return True
    if ent.label_ == "PERCENT" or re.search(r"\b(pct|percent|per cent)\b", window[len(ent.text):len(ent.text) + 12].lower()):
        return False  # "off 20.7 pct" is a change, not a number of cars
    # the number counts the thing asked about: "five-day", "two missiles", "350 employees"
    return re.search(rf"\b{re.escape(focus.counted)}", window.lower()) is not None or (
        focus.attribute is not None and focus.attribute.found_in(window)) or _clause_counts(focus, ent) or (
        ent.root.dep_ == "nummod" and ent.root.head.lower_.startswith(focus.counted))  # "150, 14-inch optical disks"


def _members_of(focus: Focus, ent: SpacySpan) -> bool:
    """True for a count of the members of something the question names ("the 52 members of the loan syndicate").

    Why: "how many banks are in the syndicate" is answered by counting the syndicate's members; a
    membership is how news copy counts what a group is made of (countries in OPEC, banks in a syndicate).
    """
    head = ent.root.head if ent.root.dep_ == "nummod" else None
    if head is None or head.lemma_.lower() != "member":
        return False
    return any(t.lower_ in focus.words and not t.is_stop and t.lower_ != head.lower_ for t in head.subtree if t not in ent)


def _measures_else(focus: Focus, ent: SpacySpan) -> bool:
    """True when the number is fused with a unit other than the counted noun ("14-inch" for "how many disks")."""
    doc = ent.doc
    fused = re.search(r"-([a-z]+)$", ent.text.lower())
    word = fused.group(1) if fused else (doc[ent.end + 1].lower_ if ent.end + 1 < len(doc) and doc[ent.end].text == "-" else "")
    return bool(word) and bool(focus.counted) and not word.startswith(focus.counted)


def _copular_count(focus: Focus, ent: SpacySpan) -> bool:
    """True when the number is what a be-clause says its counted subject is ("the number of rigs was 766")."""
    root = ent.root
    return root.dep_ in {"attr", "acomp"} and root.head.lemma_ == "be" and _clause_counts(focus, ent)


def _day_of_month(ent: SpacySpan) -> bool:
    """True for a bare day number in a date ("February 21 through 28"): no count of anything."""
    doc = ent.doc
    before = doc[max(0, ent.start - 3): ent.start].text.lower()
    return ent.text.isdigit() and int(ent.text) <= 31 and any(m in before for m in MONTH_NAMES)


def _clause_counts(focus: Focus, ent: SpacySpan) -> bool:
    """True when the counted noun is the subject of the number's clause ("car sales were off ... to 286,771")."""
    t = ent.root
    for _ in range(6):
        if t.pos_ in {"VERB", "AUX"} or t.head == t:
            break
        t = t.head
    subjects = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(re.match(re.escape(focus.counted), w.lower_) for c in subjects for w in c.subtree)


# Units of measure: a number followed by one names an amount of something else ("two mln tonnes of maize").
_MEASURE = re.compile(r"(tonn?|ton|barrel|dollar|dlr|share|ounc|pound|kilo\w*|gallon|acr|hectar|bushel|unit|"
                      r"inch|foot|feet|mile|metr|meter|litr|liter|gram|byte|gigabyt|point)\w*")


def _names_counted(focus: Focus, ent: SpacySpan) -> bool:
    """True when the number is fused with or directly followed by the counted noun ("five-day", "350 employees").

    A number fused with another unit measures ("150, 14-inch optical disks": 14-inch is a size, 150 the count).
    """
    if _measures_else(focus, ent):
        return False
    window = ent.doc[ent.start: min(len(ent.doc), ent.end + 2)].text.lower()
    return re.search(rf"\b{re.escape(focus.counted)}", window) is not None


def _penalty(focus: Focus, ent: SpacySpan) -> int:
    """Rank added to a candidate of a weaker type: a place for who (after people and firms), a date with no digit,
    month or day for when ("five-year" answers only after dates)."""
    penalty = 50 if focus.kind == "who" and ent.label_ in PLACE else 0
    if focus.kind == "when" and not re.search(r"\d|" + "|".join(MONTH_NAMES) + r"|day\b", ent.text.lower()):
        penalty += 30
    return penalty


def _distance(focus: Focus, ent: SpacySpan) -> int:
    """Rank a candidate answer: linked to the attribute or the question's verb first, then the closest to them.

    Linked: the attribute is the entity's appositive or title ("Dean Witter, the brokerage
    subsidiary", "Finance Minister Richard Hu"), or the entity sits under the question's verb
    ("controlled by ... Irwin Jacobs"). Places answer who-questions only after people and firms;
    durations ("five-year") answer when-questions only after dates.
    """
    doc = ent.doc
    # a unit is no anchor: "price" is also found as "dlrs", but "four billion dlrs" of sales is no price
    # a two-word attribute ("chairman elect") is found in the sentence as a phrase; its words anchor it
    phrase = set(focus.attribute.text.lower().split()) if focus.attribute is not None and " " in focus.attribute.text else set()
    anchors = [t for t in doc if focus.attribute is not None and not _AMOUNT_UNIT.fullmatch(t.text)
               and (focus.attribute.found_in(t.text) or focus.attribute.found_in(t.lemma_) or t.lower_ in phrase)]
    if focus.kind == "count" and _MEASURE.fullmatch(focus.counted):
        anchors = []  # "tonnes" measures anything ("two mln tonnes of surplus maize"): only the verb ties it to the question
    verbs = [t for t in doc if _verb_matches(focus.verb, t) and t.i not in range(ent.start, ent.end)]
    penalty = _penalty(focus, ent)
    if focus.kind == "count" and focus.counted and _names_counted(focus, ent) and (
            not (_MEASURE.fullmatch(focus.counted) or _counts_people(focus)) or any(_under(ent, v, focus.wh_subject) for v in verbs)):
        return penalty  # "a five-day visit" for "how many days"; a unit ("tonnes") or "people" must also sit under the verb
    if focus.kind == "count" and focus.counted and not _MEASURE.fullmatch(focus.counted) and _copular_count(focus, ent):
        return penalty  # "the number of active rigs ... was 766"
    if focus.kind == "count" and _members_of(focus, ent):
        return penalty  # "the 52 members of the loan syndicate" for "how many banks are in the syndicate"
    own = {stem(w) for w in focus.attribute.text.lower().split()} if focus.attribute is not None else set()
    # a figure inside the attribute's own phrase ("average yield of 3.246 pct"); not a paraphrase's ("share offering")
    linked = any(_linked(ent, a) or _value_of(ent, a) or (stem(a.lemma_.lower()) in own and _modifies(ent, a)) for a in anchors) or any(
        _under(ent, v, focus.wh_subject) and _hops(ent, v) <= 2 for v in verbs) or (
        focus.wh_subject and any(_participle_subject(ent, v) for v in verbs)) or any(
        _holds_title(ent, v) for v in verbs) or (
        any(_participle_on(ent, v) for v in verbs) and bool(_mentions(focus, doc, ent)))
    if not linked and focus.wh_noun:  # titled or set beside by the noun the question names it by: "District Judge
        # Charles Brieant" for "Which judge ...?", "The company, Lake Resources Inc" for "Which company ...?"
        linked = any(_titled(ent, t) for t in doc if t not in ent and stem(t.lemma_.lower()) == focus.wh_noun)
    if not linked and not verbs and not anchors and focus.kind in {"who", "which"}:
        # the asked role named in the sentence but titling someone else is no tie: in '"Mobil's chairman has
        # explained ...," said John Lord, a Mobil Corp spokesman' Lord is Mobil's, but not its chairman
        linked = any(_attached(ent, t) for t in _mentions(focus, doc, ent))
    if linked:
        return penalty
    if any(_under(ent, v, focus.wh_subject) for v in verbs):  # deep inside the verb's argument ("35,700 workers at 152 firms")
        return penalty + _DEEP
    near = [abs(ent.start - t.i) for t in [*anchors, *verbs]]
    return penalty + 5 + (min(near) if near else ent.start)


# Verbs (and nouns) news copy uses for the same act: "How much did X pay for Y?" is answered by "X bought Y
# for N dlrs", "spend" by "invests", "owe" by "its debt", "set aside" by "provisions".
# A small general lexicon of financial-news paraphrases (no offline thesaurus ships in a wheel: WordNet data is
# a run-time download), each pair a standard equivalence in business copy, not a question set's wording.
_VERB_ALIKE = {"pay": ("buy", "purchas", "acquir"), "earn": ("profit",), "buy": ("purchas", "acquir"),
               "purchas": ("buy", "acquir"), "spend": ("invest",), "invest": ("spend",), "owe": ("debt",),
               "set": ("provision",), "work": ("employ",), "own": ("hold",), "hold": ("own",), "start": ("begin",),
               "begin": ("start",), "sell": ("offer",)}


def _verb_matches(verb: str, token: Token) -> bool:
    """True when the token is the question's verb (by stem or prefix) or a verb news copy uses for the same act."""
    if not verb:
        return False
    stems = (verb, *_VERB_ALIKE.get(verb, ()))
    lemma = stem(token.lemma_.lower())
    return any(token.lower_.startswith(v) or lemma == v for v in stems)


def _time_fit(focus: Focus, ent: SpacySpan) -> int:
    """-1 when a date next to the candidate is one the question names, 1 when it is another one, else 0.

    "How many rigs were active last week?": "766 last week compared with 1,212 rigs one year ago" --
    the number beside the question's own date answers; the one beside another date is the comparison.
    Candidates are of the asked type already, so a figure beside the question's date leads and one beside
    another date comes last. A question's year is the year as a whole ("lose for 1986": "68 mln dlrs for
    the full year", not "57 mln dlrs for the fourth quarter"); the date is looked for after the units.
    """
    if not focus.times or ent.label_ in WHEN:
        return 0
    doc = ent.doc
    # a "date" with no date word is the recogniser's mistake ("a seasonally adjusted 1.1 pct in January")
    end = ent.end
    while end < len(doc) and _AMOUNT_UNIT.fullmatch(doc[end].text):  # "57 mln dlrs for the fourth quarter": after the units
        end += 1
    dates = [(e, doc[end:e.start] if e.start >= end else doc[e.end:ent.start])
             for e in doc.ents if e.label_ in WHEN and _DATEISH.search(e.text)]
    nearest = min((len(gap) for _, gap in dates if len(gap) <= 2), default=None)  # a unit may sit between: "1,212 rigs one year ago"
    if nearest is None:
        return 0
    near = [(_same_time(e.text.lower()), gap) for e, gap in dates if len(gap) == nearest]  # "2021, Daniil Medvedev ; 2020, Dominic Thiem": both
    asked = [gap for e, gap in near if any(t in e or e in t or _whole_year(t, e) for t in map(_same_time, focus.times))]
    if not asked:
        return 1
    # the question's own date promotes a figure (a figure is for a period; a name beside a date is no answer for it:
    # "won the Heisman Trophy at Texas A&M in 2012"), and only in its own phrase: not "second week of March -- 1.8 mln bpd"
    return -1 if ent.label_ in NUMBER and any(not any(t.is_punct for t in gap) for gap in asked) else 0


def _same_time(phrase: str) -> str:
    """A relative date phrase written one way: "the current fiscal year" is "this fiscal year" (news copy uses both)."""
    return re.sub(r"^the ", "", re.sub(r"\bcurrent\b", "this", phrase))


_YEAR = re.compile(r"(fiscal |calendar )?(19|20)\d\d")
_THE_YEAR = re.compile(r"(the )?((full|whole|fiscal|calendar|entire) )?year")


def _whole_year(asked: str, said: str) -> bool:
    """True when the question names a year ("for 1986") and the sentence the year as a whole ("68 mln dlrs for the full year").

    Why: results copy reports the quarter and the year side by side ("about 57 mln dlrs for the
    fourth quarter and 68 mln dlrs for the full year"); a question about 1986 asks for the year's figure.
    """
    return _YEAR.fullmatch(asked) is not None and _THE_YEAR.fullmatch(said) is not None


_DEEP = 1  # rank of an answer inside a verb argument but not one itself: linked, after direct arguments


def _hops(ent: SpacySpan, verb: Token) -> int:
    """How many dependency arcs lead from the entity up to the verb (99 when it is not below it)."""
    t, n = ent.root, 0
    while t != verb and t.head != t and n < 99:
        t, n = t.head, n + 1
    return n if t == verb else 99


def _mentions(focus: Focus, doc: Doc, ent: SpacySpan) -> list[Token]:
    """Tokens of the sentence (outside the candidate) that name one of the question's entities.

    An acronym's entity is also named by the words spelling it out ("Imperial Chemical Industries" for "ICI").
    """
    spelt = _named_ranges(focus, doc.text)
    return [t for t in doc if t.is_alpha and t.i not in range(ent.start, ent.end) and t.text[:1].isupper()
            and (any(e.found_in(t.text) for e in focus.entities) or any(t.idx in r for r in spelt))]


def _named_ranges(focus: Focus, text: str) -> list[range]:
    """Character ranges of the text that name a question entity as a phrase: an acronym spelt out ("American
    Telephone and Telegraph" for "AT&T") or a name of several words ("Pacific Telesis Group"), which no one token holds."""
    spelt = [range(m.start(), m.end()) for e in focus.entities if _is_acronym(e.text)
             for m in re.finditer(rf"\b{_spelt(e.text)}\b", text)]
    return spelt + [range(m.start(), m.end()) for e in focus.entities for alt in e.alternatives if len(alt) == 1 and " " in alt[0]
                    for m in re.finditer(rf"(?<![\w-]){re.escape(alt[0])}(?!\w)", text, re.IGNORECASE)]


def _attached(ent: SpacySpan, token: Token) -> bool:
    """True when a mention of the question's entity is the candidate's title or owner, or the candidate its employer.

    "Agriculture Minister Moven Mahachi" for "Zimbabwe's Agriculture Minister", "Bill Sullivan of
    Dean Witter Reynolds Inc." for the firm Sullivan works for: when the question's verb is not in
    the sentence, this attachment is what ties the answer to the question. The mention's own
    compound chain is climbed ("Agriculture" -> "Minister" -> "Mahachi").
    """
    t = token
    for _ in range(4):
        if t in ent or t == ent.root:
            return True
        if t.dep_ not in {"compound", "amod", "nmod", "poss", "flat"} or t.head == t:
            break
        t = t.head
    return _linked(ent, token) or _linked(ent, t)


def _titled(ent: SpacySpan, token: Token) -> bool:
    """True when the token titles the candidate ("Judge Charles Brieant") or its phrase is the candidate's appositive
    ("The company, Lake Resources Inc"; "Dean Witter Reynolds Inc, the brokerage subsidiary"); an of-phrase is not
    ("the brokerage subsidiary of Sears" does not make Sears the brokerage)."""
    t = token
    for _ in range(4):
        if t in ent:
            return True
        if t.dep_ not in {"compound", "amod", "nmod", "flat"} or t.head == t:
            break
        t = t.head
    root = ent.root
    return (t.dep_ == "appos" and t.head == root) or (root.dep_ == "appos" and root.head == t)


def _under(ent: SpacySpan, verb: Token, wh_subject: bool) -> bool:
    """True when the entity is an argument of the verb: its subject only when the question asks for the subject."""
    if verb.pos_ != "VERB":  # a noun of the verb's stem ("Chairman" for "chairs"), or one news copy uses ("profit" for "earn")
        return _linked(ent, verb) or _value_of(ent, verb)
    if ent.root == verb or ent.root not in verb.subtree:
        return False
    return wh_subject or ent.root.dep_ not in {"nsubj", "nsubjpass"} or ent.root.head != verb


def _holds_title(ent: SpacySpan, verb: Token) -> bool:
    """True when the question's verb is found as a title of the candidate: "Chairman Kika de la Garza" for "chairs".

    Why: a title names its holder ("House Agriculture Committee Chairman Kika de la Garza"); the parse hangs
    the title on the person, so the person is one arc from the act, while the body qualifying the title
    ("Committee") sits above it and was the only one counted as tied ("Senate Agriculture Committee" led).
    """
    return verb.pos_ != "VERB" and _titled(ent, verb)


def _participle_subject(ent: SpacySpan, verb: Token) -> bool:
    """True when the entity is the unstated subject of the question's verb as an adverbial participle.

    "George Frisch has been elected chairman ..., replacing Daniel Zismer": "replacing" has no subject
    of its own; English grammar gives it the subject of the clause it hangs on (Frisch). The parse puts
    Frisch under "elected", not under "replacing", so without this the one who replaced is not tied to
    "replace" at all, and a name deep in the participle's object ("Zismer, who resigned ... and O.
    Frederick Kiel") is taken instead. News copy writes successions, additions and reasons this way
    ("..., succeeding", "..., adding", "..., citing").
    """
    if verb.pos_ != "VERB" or verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):  # a participle with its own subject
        return False
    root = ent.root
    while root.dep_ in {"compound", "flat"} and root.head != root:
        root = root.head
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head == verb.head


def _participle_on(ent: SpacySpan, verb: Token) -> bool:
    """True when the question's verb is a participle describing the amount: "the three billion dlrs spent in 1986".

    A participle names no payer ("the record price remains 200,000 dlrs paid in 1929"), so the caller
    also wants the question's entity named in the sentence. Amounts only: "The Russo Brothers, who
    directed Avengers: Infinity War" did not direct The Avengers.
    """
    if ent.label_ not in NUMBER or verb.dep_ != "acl":
        return False
    heads = {ent.root, *ent.root.ancestors}
    if verb.head.dep_ == "conj" and verb.head.head in heads:  # after a pair it describes both: "1.08 billion dlrs,
        return True  # or 5.02 dlrs per share, earned in 1986" (the parse hangs it on the last one)
    return verb.head in heads and verb.head.i < ent.end + 2


_VALUE_PREPS = {"at", "to", "by", "of"}
_PRIOR_PREPS = {"from", "than", "after", "before"}


def _value_of(ent: SpacySpan, noun: Token) -> bool:
    """True when the entity is the value the noun's own clause gives it, not a prior one it is compared with.

    "The weekly crush rate was reported ... at 21.78 mln bushels, down from the 22 mln bushel plus
    rate", "Net international reserves now total about 800 mln dlrs", "1986 profit rose to 44.1 mln
    dlrs ... from 35.1 mln dlrs": the noun is the clause's subject and the entity the verb's object,
    or sits under its "at"/"to"/"by"; an entity under "from"/"than" is the value compared with.
    """
    if noun.dep_ not in {"nsubj", "nsubjpass"} or noun in ent:
        return False
    verb, t = noun.head, ent.root
    path: list[Token] = []
    while t != verb and t.head != t and len(path) < 5:
        path.append(t)
        t = t.head
    if t != verb or not path or any(p.dep_ == "prep" and p.lower_ in _PRIOR_PREPS for p in path):
        return False
    top = path[-1]
    return top.dep_ in {"dobj", "attr", "npadvmod"} or (top.dep_ == "prep" and top.lower_ in _VALUE_PREPS)


def _linked(ent: SpacySpan, token: Token) -> bool:
    """True when token is the entity's appositive/title or the entity depends on token."""
    root = ent.root
    appos = [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    via_prep = root.head.dep_ == "prep" and root.head.head == token  # "meetings with ... Noh Kyu-duk"
    return token in appos or token.head == root or root.head == token or token in ent or via_prep


def _place_lead(ent: SpacySpan) -> str:
    """A place with the places it is said to be in or near: "Leonora in Western Australia", not one of them.

    Why: the parse ties only one of the chained places to the question; the whole chain is the
    answer a reader wants ("west of Leonora in Western Australia" answers "where is the deposit").
    """
    doc = ent.doc
    start, end = ent.start, ent.end
    lead = _lead(ent)  # "London, England": an appositive place stays
    prep = ent.root.head
    if ent.root.dep_ == "pobj" and prep.lower_ in {"in", "near"} and prep.head.ent_type_ in PLACE:
        outer = next((e for e in doc.ents if prep.head in e), None)
        start = outer.start if outer is not None else start
    inner = next((c for c in ent.root.children if c.dep_ == "prep" and c.lower_ in {"in", "near"}), None)
    if inner is not None:
        obj = next((c for c in inner.children if c.dep_ == "pobj" and c.ent_type_ in PLACE), None)
        outer = next((e for e in doc.ents if obj is not None and obj in e), None)
        end = outer.end if outer is not None else end
    start, end = _named_place_of(ent, start, end)
    start = _place_before(ent, start)
    return doc[start:end].text if (start, end) != (ent.start, ent.end) else lead


def _place_before(ent: SpacySpan, start: int) -> int:
    """Where a "Town, State" chain starts when the candidate is its state: "Mont Belvieu, Texas", not "Texas".

    Why: news copy names a small place by the larger one after a comma, and the parse hangs the larger
    one on the smaller as an appositive; the recogniser often misses the small place (it took "Mont
    Belvieu" for an organisation), so only the state was a candidate, and the state alone is no answer.
    """
    doc = ent.doc
    head = ent.root.head
    if ent.root.dep_ != "appos" or head.pos_ != "PROPN" or ent.start < 2 or doc[ent.start - 1].text != "," \
            or head.i != ent.start - 2:
        return start
    first = head
    while first.i > 0 and doc[first.i - 1].head == head and doc[first.i - 1].dep_ in {"compound", "flat"}:
        first = doc[first.i - 1]
    return min(start, first.i)


def _named_place_of(ent: SpacySpan, start: int, end: int) -> tuple[int, int]:
    """The named place a region's place noun stands for: "southern Taiwan city of Kaohsiung", not "Taiwan".

    Why: "the Taiwan city of Kaohsiung", "the Chinese province of Hainan": the candidate qualifies a
    place noun whose of-phrase names the place itself; the parse ties the qualifier to the verb and
    leaves the named place under "of", where no locative test finds it. The whole phrase is the answer.
    """
    doc = ent.doc
    noun = ent.root.head
    if ent.root.dep_ not in {"compound", "amod"} or noun.lower_ not in _PLACE or noun.i < ent.end:
        return start, end
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj" and c.ent_type_ in PLACE), None) if of is not None else None
    named = next((e for e in doc.ents if obj is not None and obj in e), None)
    if named is None:
        return start, end
    return min(start, noun.left_edge.i), max(end, named.end)


def _lead(ent: SpacySpan) -> str:
    """The answer span: the entity, with a short appositive that follows it ("Noh Kyu-duk, South Korea's envoy")."""
    doc = ent.doc
    root = ent.root
    appos = next((c for c in root.children if c.dep_ == "appos" and c.i >= ent.end), None)
    if appos is not None:
        end = max(t.i for t in appos.subtree) + 1
        if end - ent.start <= 12 and doc[ent.end].text == ",":
            return doc[ent.start:end].text
    if ent.label_ in NUMBER:  # Reuters writes "13 mln dlr", "3.5 mln bpd": keep the unit with the number
        amount = doc[_amount_start(ent):_amount_end(ent)]
        return amount.text[:-1] if amount.end == len(doc) and amount.text.endswith(".") else amount.text  # "£3m." ends a sentence
    if ent.label_ == "DATE" and ent.end + 1 < len(doc) and doc[ent.end].lower_ == "and" and doc[ent.end + 1].like_num:
        return doc[ent.start:ent.end + 2].text  # "March 13 and 14": both days are the answer
    return ent.text.strip("<>")  # Reuters brackets unlisted companies ("<Neiman-Marcus Group>"); the tokeniser keeps a ">"


_SIGNS = "£$€¥"
#: A number written with its unit or magnitude in one word, as web news does: "£5million", "2.5bn", "26p", "58lb".
_GLUED_NUMBER = re.compile(r"\d[\d,.]*(?:[a-z]{1,8})\.?")


def _numeric(token: Token) -> bool:
    """True for a number, also one glued to its unit ("5million", "26p", "58lb": spaCy's like_num says no)."""
    return token.like_num or bool(_GLUED_NUMBER.fullmatch(token.text))


def _glued_end(ent: SpacySpan) -> int:
    """Where an amount's written word ends: the unit or count noun glued to it without a space ("£33m", "3m.", "90-room").

    Why: modern news writes "£33m", "a 90-room hotel", "a 380-metre course"; the tokeniser splits them and the
    recogniser keeps the bare number ("33", "90"), which says nothing without its magnitude or unit.
    """
    doc, end = ent.doc, ent.end
    while end < len(doc) and end - ent.end < 3 and not doc[end - 1].whitespace_ and (
            doc[end].text[:1].isalpha() and doc[end].text[:1].islower() or doc[end].text == "-" and end + 1 < len(doc)
            and not doc[end].whitespace_ and doc[end + 1].is_alpha and doc[end + 1].is_lower):
        end += 2 if doc[end].text == "-" else 1
    return end


def _with_unit(ent: SpacySpan) -> bool:
    """True for a number written with its unit in one word ("26p", "58lb", "3m"): a measured amount, not a count.
    A hyphenated compound is an adjective that counts ("a six-storey hotel" is no cost)."""
    doc, end = ent.doc, ent.end
    glued = end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text[:1].isalpha()
    return glued or any(_GLUED_NUMBER.fullmatch(t.text) and not t.like_num for t in ent)


def _amount_start(ent: SpacySpan) -> int:
    """Where an amount starts: with "up to" that bounds it ("up to 19.8 mln dlrs" is a ceiling, not the sum), and with
    the currency sign written before it ("£33m": the recogniser keeps "33" only, and "33m" names no currency)."""
    doc = ent.doc
    start = ent.start - 1 if ent.start >= 1 and doc[ent.start - 1].text in _SIGNS and not doc[ent.start - 1].whitespace_ else ent.start
    if start >= 2 and doc[start - 2: start].text.lower() == "up to":
        return start - 2
    return start


def _between(ent: SpacySpan) -> bool:
    """True for the first end of a range "between 13 dlrs and 15 dlrs" (the recogniser may take "between" in)."""
    doc = ent.doc
    return ent[0].lower_ == "between" or (ent.start >= 1 and doc[ent.start - 1].lower_ == "between")


def _amount_end(ent: SpacySpan) -> int:
    """Where an amount ends: its unit, the currency's country, a rate's "per unit", the other end of a tally.

    Why: "8.8 billion" of a deficit says nothing without "Canadian dlrs", "84.9 cents" of a duty
    nothing without "per bushel", "227" of a vote nothing without "to 198"; the recogniser stops
    before each of them.
    """
    doc = ent.doc
    end = _glued_end(ent)
    if end + 2 < len(doc) and doc[end].lower_ == "to" and doc[end + 1].like_num and not _AMOUNT_UNIT.fullmatch(doc[end - 1].text):
        end += 2  # "227 to 198", "2.0 to 2.2 pct": a tally or a range is one answer
    while end < len(doc) and end - ent.end < 4 and (doc[end].is_lower or _CURRENCY.fullmatch(doc[end].text)) and (
            _AMOUNT_UNIT.fullmatch(doc[end].text) or _CURRENCY.fullmatch(doc[end].text)):
        end += 1  # a currency may be capitalised ("20 mln Ecus", "300 mln U.S. Dlrs")
    if _between(ent) and end + 1 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].like_num:
        # "between 13 dlrs and 15 dlrs a share": the range is the answer
        end += 2
        while end < len(doc) and end - ent.end < 8 and doc[end].is_lower and _AMOUNT_UNIT.fullmatch(doc[end].text):
            end += 1
    if end + 1 < len(doc) and (doc[end].ent_type_ in {"NORP", "GPE"} or re.fullmatch(r"(?:[A-Z]\.){2,3}", doc[end].text)) \
            and _CURRENCY.fullmatch(doc[end + 1].text):  # "U.S." of "U.S. Dlrs" is taken for a person's initials
        end += 2  # "8.8 billion Canadian dlrs", "6.3 mln U.S. dlrs"
    if end == ent.end and end < len(doc) and doc[end].is_alpha and doc[end].is_lower and doc[end].pos_ == "NOUN":
        return end + 1  # no unit: the counted noun ("1,212 rigs", "a few hundred vehicles"), not what follows it
    if _AMOUNT_UNIT.search(doc[ent.start:end].text) and end + 1 < len(doc) and doc[end].lower_ in {"per", "a", "an"} and doc[end + 1].pos_ == "NOUN" \
            and doc[end + 1].is_alpha and doc[end + 1].is_lower and not _AMOUNT_UNIT.fullmatch(doc[end + 1].text):
        end += 2  # "84.9 cents per bushel", "24 dlrs a share": the rate's unit
    return end


_FIRST_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z]\.)?")


def spell_out(lead: str, label: str, texts: Sequence[str]) -> tuple[str, int] | None:
    """The full form of a bare surname or acronym answer, and the index of the text that spells it out.

    Why: news copy names a person in full once ("Allen Wallis") and by surname after ("Wallis
    urged Tokyo ..."), and an agency once in full ("the U.S. Department of Transportation (DOT)");
    the sentence that answers is often a later one. An answer that reads "Wallis" or "DOT" makes
    the reader hunt. texts are searched in order (the cited passage first); the full form stays an
    exact span of the text it is found in. None when no text spells the answer out.
    """
    if label == "PERSON" and re.fullmatch(r"[A-Z][a-z'-]+", lead):
        pattern = re.compile(rf"\b({_FIRST_NAME.pattern}) {re.escape(lead)}\b")
        for n, text in enumerate(texts):
            for m in pattern.finditer(text):
                if m.group(1).split()[0].lower() not in _TITLES | _ROLE | _CORP and not nlp().vocab[m.group(1).split()[0]].is_stop:
                    return m.group(0), n
    if label in {"ORG", "GPE", "FAC", "NORP"} and 2 <= len(lead) <= 5 and lead.isalpha() and lead.isupper():
        words = r"(?:[A-Z][\w.&'-]*|of|and|for|the|de|du)"
        pattern = re.compile(rf"((?:[A-Z][\w.&'-]*)(?:\s+{words})*)\s+\({re.escape(lead)}\)")
        for n, text in enumerate(texts):
            for m in pattern.finditer(text):
                start = _spelling_start(lead, m.group(1))  # "Department of Transportation (DOT)", not "Reuters (DOT)"
                if start >= 0:
                    return m.group(0)[start:], n
    return None


def _spelling_start(acronym: str, phrase: str) -> int:
    """Offset in phrase of the longest tail of words whose initials spell the acronym, or -1.

    Initials of every word ("Department of Transportation" -> DOT) or of the capitalised ones only
    ("Organisation for Economic Cooperation and Development" -> OECD) both count.
    """
    words = list(re.finditer(r"\S+", phrase))
    for i, first in enumerate(words):
        tail = [w.group() for w in words[i:]]
        every = "".join(w[0] for w in tail).upper()
        capitals = "".join(w[0] for w in tail if w[0].isupper())
        if first.group()[0].isupper() and acronym in {every, capitals}:
            return first.start()
    return -1
