"""Country names, adjectives and initialisms: the one table of them, for the answer checks, story scope and facts.

Why a module of its own: story scope (story.py) and the fact checks (facts.py) name countries by every name and
adjective as the answer checks do; the table lives below all three in the data flow, so scope does not reach into the
answer engine for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Demonyms: the adjective news copy uses for a country ("Saudi output", "Irish bank") -> the country. The one
# table: a place a question names is covered by its adjective here, and facts.py folds "Russian" to "Russia" with
# it (no maintained offline package maps these; the countries news wires name most).
DEMONYMS: dict[str, str] = {
    "american": "united states", "british": "britain", "canadian": "canada", "mexican": "mexico",
    "brazilian": "brazil", "argentine": "argentina", "argentinian": "argentina", "chilean": "chile",
    "peruvian": "peru", "colombian": "colombia", "venezuelan": "venezuela", "cuban": "cuba", "french": "france",
    "german": "germany", "italian": "italy", "spanish": "spain", "portuguese": "portugal", "dutch": "netherlands",
    "belgian": "belgium", "swiss": "switzerland", "austrian": "austria", "swedish": "sweden", "norwegian": "norway",
    "danish": "denmark", "finnish": "finland", "polish": "poland", "hungarian": "hungary", "czech": "czech republic",
    "greek": "greece", "turkish": "turkey", "russian": "russia", "ukrainian": "ukraine", "chinese": "china",
    "japanese": "japan", "korean": "korea", "taiwanese": "taiwan", "indian": "india", "pakistani": "pakistan",
    "afghan": "afghanistan", "iranian": "iran", "iraqi": "iraq", "syrian": "syria", "israeli": "israel",
    "palestinian": "palestine", "lebanese": "lebanon", "jordanian": "jordan", "saudi": "saudi arabia",
    "egyptian": "egypt", "libyan": "libya", "nigerian": "nigeria", "kenyan": "kenya", "ethiopian": "ethiopia",
    "australian": "australia", "indonesian": "indonesia", "malaysian": "malaysia", "filipino": "philippines",
    "philippine": "philippines", "thai": "thailand", "vietnamese": "vietnam", "irish": "ireland",
    "scottish": "scotland", "soviet": "soviet union", "kuwaiti": "kuwait", "qatari": "qatar", "algerian": "algeria",
    "moroccan": "morocco", "english": "england", "belarusian": "belarus", "sri lankan": "sri lanka",
    "north korean": "north korea", "south korean": "south korea", "west german": "west germany",
    "east german": "east germany", "south african": "south africa", "new zealander": "new zealand",
    "ecuadorean": "ecuador", "ecuadorian": "ecuador", "singaporean": "singapore", "european": "europe",
}
# Other names of a country (abbreviations, older names): each also stands for the country and its adjectives.
_OTHER_NAMES: dict[str, tuple[str, ...]] = {"united states": ("u.s.", "us", "america"),
                                            "britain": ("united kingdom", "u.k.", "uk"),
                                            "soviet union": ("ussr",), "netherlands": ("holland",)}


def _country_names() -> dict[str, tuple[str, ...]]:
    """Every name of a country -> its other names and adjectives ("uk" -> britain, united kingdom, u.k., british)."""
    canon = {name: country for country, names in _OTHER_NAMES.items() for name in names}
    adjectives: dict[str, list[str]] = {}
    for adjective, country in DEMONYMS.items():
        adjectives.setdefault(country, []).append(adjective)
    out = {}
    for name in [*adjectives, *canon]:
        country = canon.get(name, name)
        names = [n for n in (country, *_OTHER_NAMES.get(country, ())) if n != name]
        out[name] = (*names, *adjectives.get(country, ()))
    return out


#: Every name of a country -> its other names and adjectives: public, story scope asks an owner country by all of them.
COUNTRY_NAMES = _country_names()


def bare_initialism(name: str) -> bool:
    """True for an undotted initialism of two or three letters, as a table holds it or a text writes it ("us", "UK").

    Why: lower-cased, such an initialism is often a common word -- "us" is a pronoun -- so matched in any case, the
    United States' "us" made every "let us" and "told us" a mention of the country (story scope's owner pattern took
    any article with "us" for America's budget deficit). News writes these initialisms in capitals; callers match
    them only so (has_initialism). Longer ones ("USSR") and dotted ones ("U.S.") are no common word."""
    return re.fullmatch(r"[A-Za-z]{2,3}", name) is not None


def initialism_word(initialism: str) -> str:
    """A regular expression for the initialism in capitals as a word of its own ("US-Japan talks", not "told us")."""
    return rf"(?<!\w){re.escape(initialism.upper())}(?!\w)"


def has_initialism(text: str, initialism: str) -> bool:
    """True when text writes the initialism in capitals as a word of its own (initialism_word)."""
    return re.search(initialism_word(initialism), text) is not None


def names_pattern(names: Iterable[str]) -> str:
    """A regular expression for any of a country's names as a whole word, the longest first (initialism_pattern:
    "UK" in capitals only)."""
    return r"(?<!\w)(?:" + "|".join(initialism_pattern(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)"


def initialism_pattern(name: str) -> str:
    """A regular expression for a country name: a bare initialism case-sensitively (even inside an IGNORECASE
    search), any other name escaped as it is."""
    return rf"(?-i:{re.escape(name.upper())})" if bare_initialism(name) else re.escape(name)
