"""Distance expressions as articles write them, read into :class:`~geo.types.DistanceClaim`.

``parse_claim`` reads one expression ("approximately 180 kilometers", "110 miles (180 km)",
"between 150 and 200 km", "seven kilometres south-west of"); ``find_distances`` finds every
expression in running text, with character spans, for the article pipeline.

The grammar is built once, at import, from four tables that are the only place each thing is
defined: :data:`UNIT_ALIASES` (unit words), :data:`HEDGES` (hedge words and their sense),
:data:`NUMBER_WORDS` (numbers written as words) and :data:`COMPASS_POINTS` (directions). A claim
is::

    [hedge] [between|from] NUMBER [UNIT] [-|to|and NUMBER] [suffix hedge] UNIT [-wide…]
        [or so…] [(conversion)] [[due|to the] DIRECTION of]

Bounds are as written, before any tolerance (see ``DistanceClaim``): "about 180 km" is
180..180 km with sense ``about``, "more than 200 km" is 200..open with sense ``at_least``,
"nearly 200 km" is 200..200 with sense ``nearly`` (a little under). Values convert to km with
:data:`geo.units.KM_PER_UNIT`.

>>> claim = parse_claim("approximately 180 kilometers away")
>>> claim.low_km, claim.high_km, claim.sense, claim.unit, claim.hedge
(180.0, 180.0, 'about', 'km', 'approximately')
>>> [c.text for c in find_distances("a 34-km crossing, then 110 miles (180 km) north of Busan")]
['34-km', '110 miles (180 km) north of']
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from geo.errors import BadClaim
from geo.types import ClaimSense, DistanceClaim
from geo.units import KM_PER_UNIT

__all__ = [
    "parse_claim",
    "find_distances",
    "UNIT_ALIASES",
    "HEDGES",
    "NUMBER_WORDS",
    "COMPASS_POINTS",
    "MAX_CLAIM_TEXT",
    "writes_dot_thousands",
]

#: ``parse_claim`` reads one expression; longer text belongs to ``find_distances``.
MAX_CLAIM_TEXT = 300

# --- the tables -------------------------------------------------------------------------------

#: Words for each unit of :mod:`geo.units`, as articles spell them. Only the bare "m" is matched
#: case-sensitively: "M" is millions in headlines.
UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "km": ("kilometres", "kilometers", "kilometre", "kilometer", "kms", "km",
           # German, French, Spanish, Italian, Portuguese
           "kilometern", "kilomètres", "kilomètre", "kilómetros", "kilómetro", "quilômetros", "quilómetros",
           "chilometri", "chilometro",
           # Czech, Polish, Slovak, Romanian, Finnish (Dutch and the Nordic languages write "kilometer")
           "kilometrů", "kilometry", "kilometrów", "kilometrov", "kilometri", "kilometrin", "kilometriä"),
    "mi": ("statute miles", "statute mile", "miles", "mile", "mi",
           "meilen", "meile", "millas", "milla", "miglia", "miglio", "milhas", "milha"),
    "nmi": ("nautical miles", "nautical mile", "sea miles", "sea mile", "n. mi.", "n.mi.", "nmi", "nm", "nmile",
            "seemeilen", "seemeile", "milles marins", "mille marin", "millas náuticas", "milla náutica",
            "miglia nautiche", "miglio nautico", "milhas náuticas"),
    "m": ("metres", "meters", "metre", "meter", "m"),
}
_CASE_SENSITIVE_ALIASES = frozenset({"m"})

#: Words after a number that are not distances, and what they measure instead.
_NOT_DISTANCE: dict[str, str] = {
    **dict.fromkeys(("knots", "knot", "kts", "kt", "mph", "kph", "kmh", "km/h", "kmph", "mi/h"), "a speed"),
    **dict.fromkeys(("square", "sq", "sq.", "acres", "hectares", "ha"), "an area"),
    **dict.fromkeys(("cubic", "tonnes", "tons", "barrels"), "a volume or a weight"),
}
_SPEED_OR_AREA_AFTER_UNIT = re.compile(r"\s*(?:/|per\b|an?\s+(?:hour|day)\b|[²³23]|\^)", re.I | re.ASCII)

#: Hedges: phrase as written (lower case), the sense it gives, and where it stands —
#: ``before`` the number, ``suffix`` glued to the number ("200-odd", "200+"), or ``after`` the
#: unit ("180 km or so").
HEDGES: tuple[tuple[str, ClaimSense, str], ...] = (
    *((p, "about", "before") for p in (
        "approximately", "approx.", "approx", "about", "around", "some", "roughly", "circa", "c.",
        "ca.", "~", "≈", "an estimated", "estimated", "close to", "an approximate", "more or less",
        "in the region of", "on the order of", "of the order of",
        # German, French, Spanish, Italian
        "etwa", "rund", "ungefähr", "zirka", "environ", "unos", "unas", "aproximadamente",
        "alrededor de", "cerca de", "all'incirca",
        # other European languages and Indonesian
        "in etwa", "à peu près", "autour de", "quelque", "approssimativamente", "intorno a", "intorno ai",
        "ongeveer", "zo'n", "ungefär", "omkring", "cirka", "omtrent", "około", "kolem", "přibližně",
        "zhruba", "noin", "aproximativ", "în jur de", "sekitar",
    )),
    *((p, "nearly", "before") for p in (
        "nearly", "almost", "just under", "just shy of", "just below", "just less than",
        "a little under", "a little less than", "slightly under", "slightly less than",
        "a bit under", "a bit less than", "not quite", "knapp", "fast", "presque", "casi", "quasi",
        "près de", "quase", "bijna", "nästan", "næsten", "nesten", "prawie", "skoro", "téměř", "lähes", "aproape",
        "hampir",
    )),
    *((p, "just_over", "before") for p in (
        "just over", "just above", "just more than", "a little over", "a little more than",
        "slightly over", "slightly more than", "a bit over", "a bit more than",
        "gut", "etwas mehr als", "un peu plus de", "poco más de", "poco più di", "pouco mais de", "ruim", "drygt",
        "godt",
    )),
    *((p, "at_least", "before") for p in (
        "more than", "over", "at least", "upwards of", "in excess of", "no less than",
        "not less than", "no fewer than", "greater than", "well over", "a minimum of", ">", "≥",
        "mehr als", "plus de", "más de", "oltre", "più di",
        "über", "mindestens", "au moins", "al menos", "almeno", "meer dan", "mer än", "mere end", "mais de",
        "ponad", "více než", "peste", "lebih dari",
    )),
    *((p, "at_most", "before") for p in (
        "less than", "under", "up to", "within", "at most", "no more than", "not more than",
        "fewer than", "well under", "well within", "a maximum of", "<", "≤",
        "weniger als", "unter", "bis zu", "moins de", "jusqu'à", "menos de", "hasta", "meno di", "fino a",
        "minder dan", "mindre än", "mindre end", "mniej niż", "méně než", "kurang dari",
    )),
    ("-odd", "about", "suffix"),
    ("odd", "about", "suffix"),
    ("+", "at_least", "suffix"),
    ("-plus", "at_least", "suffix"),
    *((p, "about", "after") for p in ("or so", "or thereabouts", "give or take")),
    *((p, "at_least", "after") for p in ("or more", "at least", "at the least", "or over")),
    *((p, "at_most", "after") for p in ("or less", "at most", "at the most", "or under")),
)
_HEDGE_SENSE: dict[str, ClaimSense] = {phrase: sense for phrase, sense, _ in HEDGES}
# When one expression carries two hedges ("about 200 km or more"), the more binding one wins.
_SENSE_PRECEDENCE: dict[str, int] = {"at_least": 3, "at_most": 3, "nearly": 2, "just_over": 2, "about": 1}

#: Numbers written as words: kind (``small`` 0-19, ``tens``, ``scale``) and value.
NUMBER_WORDS: dict[str, tuple[str, int]] = {
    **{w: ("small", v) for v, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])},
    **{w: ("tens", 10 * v) for v, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)},
    # the small numbers of German, French, Spanish and Italian that are no English word
    **{w: ("small", v) for v, words in {
        2: "zwei deux dos", 3: "drei trois tres tre", 4: "vier quatre cuatro quattro", 5: "fünf cinq cinco cinque",
        6: "sechs seis sei", 7: "sieben sept siete sette", 8: "acht huit ocho", 9: "neun neuf nueve nove",
        10: "zehn dix diez dieci",
    }.items() for w in words.split()},
    "hundred": ("scale", 100),
    "thousand": ("scale", 1000),
    "million": ("scale", 1_000_000),
    "dozen": ("scale", 12),
}
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "1/2": 0.5, "1/4": 0.25, "3/4": 0.75}

#: Quantities that are not figures; ``parse_claim`` says so instead of "no number".
_VAGUE = ("hundreds of", "thousands of", "tens of", "dozens of", "several", "a few", "a couple of", "many")

#: The sixteen compass points; their names are built from the cardinal words.
COMPASS_POINTS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
_CARDINAL_WORDS = {"N": "north", "E": "east", "S": "south", "W": "west"}

# Adjectives hyphenated onto a unit: "the 21-mile-wide strait".
_UNIT_ADJECTIVES = ("wide", "long", "deep", "high", "tall", "thick", "across", "radius", "range", "away")
# A bare "5m" glued to its number is metres only before words like these (else "5m shells" =
# five million shells).
_METRE_FOLLOWERS = frozenset(
    ["away", "long", "wide", "deep", "high", "tall", "thick", "from", "of", "off", "to", "below", "above",
     "beneath", "under", "down", "up", "in", "and", "or", "across", "offshore", "inland", "north", "south", "east",
     "west", "ahead", "behind", "short"]
)

# One-for-one character replacements, so offsets in the normalised text are offsets in the
# original: spaces that keep a number and its unit together, and every dash.
_NORMALISE = {
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2044": "/",  # the fraction slash: "1⁄2"
    "\u2019": "'",  # "jusqu’à", "zo’n"
}
# str.translate visits every character in Python; a regex finds the few to replace at C speed.
_TO_NORMALISE = re.compile("[" + "".join(_NORMALISE) + "]")
# "110+1⁄2 nautical miles": how Wikipedia's fraction template reads as plain text; the plus joins
# a whole number to its fraction, like the space of "110 1/2".
_PLUS_FRACTION = re.compile(r"(?<=[0-9])\+(?=[13]/[24](?![0-9]))")  # after the fraction slash became "/"


def _normalise(text: str) -> str:
    return _PLUS_FRACTION.sub(" ", _TO_NORMALISE.sub(lambda m: _NORMALISE[m[0]], text))


# --- the grammar, built from the tables -------------------------------------------------------

_FLAGS = re.I | re.X | re.ASCII


def _trie(phrases: Iterable[str], tail: Callable[[str], str] | None = None) -> str:
    """One regex for any of ``phrases`` (lower case), factored on shared prefixes.

    The regex engine tries alternatives one by one at every position of the text; factored,
    "about|above|around|…" costs one test of "a" where most words fail. A space in a phrase
    matches any whitespace; longer phrases are tried before their prefixes ("miles" before
    "mi"); ``tail(phrase)``, if given, is appended to each phrase.
    """
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {"tail": tail(phrase) if tail else ""}
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:
    # a space in a phrase also matches a hyphen: "a 40-nautical-mile hop"
    options = [(r"[\s-]+" if char == " " else re.escape(char)) + _emit(child)
               for char, child in sorted(node.items()) if char]
    if "" in node:
        options.append(node[""]["tail"])
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def _words(phrases: Iterable[str]) -> str:
    """Any of ``phrases`` as whole words: "over" is not the start of "overseas"."""
    return rf"\b{_trie(phrases)}(?![A-Za-z])"


# A unit always follows a number, glued or not ("180km"), never a letter; the bare "m" is
# matched apart, case-sensitively. What follows must not make it a speed or an area.
_UNIT_RE = (
    r"(?<![A-Za-z])(?:"
    + _trie(a.lower() for aliases in UNIT_ALIASES.values() for a in aliases if a not in _CASE_SENSITIVE_ALIASES)
    + "".join(f"|(?-i:{re.escape(a)})" for a in sorted(_CASE_SENSITIVE_ALIASES))
    + r")(?![A-Za-z0-9²³])(?!\s*/)(?!\s*per\b)(?!\s*an?\s+(?:hour|day)\b)"
)
# Hedges before the number end in whitespace, or in nothing after a symbol ("~180", "c.180").
_BEFORE = [p for p, _, where in HEDGES if where == "before"]
_SPACE_AFTER_WORD, _SPACE_AFTER_SYMBOL = r"\s+", r"\s*"
_HEDGE_BEFORE_RE = (
    # A hedge word starts a word: bounded by hand, as the grammar's \b sees no letter in "ń"
    # ("do końca 50 km" holds no "ca"), and folded in Unicode ("Über", "À peu près" open sentences).
    r"(?:(?<![A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])(?u:"
    + _trie(
        (p for p in _BEFORE if p[0].isalpha()),
        lambda p: _SPACE_AFTER_WORD if p[-1].isalpha() else _SPACE_AFTER_SYMBOL,
    )
    + ")|"
    + _trie((p for p in _BEFORE if not p[0].isalpha()), lambda p: _SPACE_AFTER_SYMBOL)
    + ")"
)
# "200-odd", "200+", "200-plus" are glued to the number; "200 odd" is spaced.
_HEDGE_SUFFIX_RE = (
    _trie(p if not p.isalpha() else " " + p for p, _, where in HEDGES if where == "suffix") + "(?![A-Za-z])"
)
_HEDGE_AFTER_RE = _words(p for p, _, where in HEDGES if where == "after")

# English numbers by their grammar, so that a bad run of words ("five-ten miles") is not one
# number and the regex can back off to read it as a range.
_DIGIT_WORD = _words(w for w, (kind, v) in NUMBER_WORDS.items() if kind == "small" and 1 <= v <= 9)
_TENS_WORD = _words(w for w, (kind, _) in NUMBER_WORDS.items() if kind == "tens")
_SMALL_WORD = _words(w for w, (kind, _) in NUMBER_WORDS.items() if kind == "small")
_UNDER_100 = rf"(?:{_TENS_WORD}(?:[\s-]+{_DIGIT_WORD})?|{_SMALL_WORD})"
# "[a|twenty-one] hundred [and five]", "two dozen"; what follows "hundred" only after it.
_UNDER_1000 = (
    rf"(?:\ban?\s+(?:hundred|dozen)\b|{_UNDER_100}(?:\s+(?:hundred|dozen)\b)?)"
    rf"(?:(?<=hundred)\s+(?:and\s+)?{_UNDER_100})?"
)
#: French, Italian and Spanish round numbers that are hedges in themselves: "une trentaine de
#: kilomètres", "una ventina di chilometri", "una decena de kilómetros" (about 30, 20, 10).
APPROXIMATE_NUMERALS: dict[str, int] = {
    "dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50,
    "soixantaine": 60, "centaine": 100,
    "decina": 10, "quindicina": 15, "ventina": 20, "trentina": 30, "quarantina": 40, "cinquantina": 50,
    "sessantina": 60, "centinaio": 100,
    "decena": 10, "veintena": 20, "treintena": 30, "cuarentena": 40, "cincuentena": 50, "centenar": 100,
}
_APPROXIMATE_RE = rf"\bun[ae]?\s+{_words(APPROXIMATE_NUMERALS)}\s+(?:de|di)\b"

#: The pieces number words of German, French, Spanish, Italian, Portuguese and Dutch are made of
#: ("zwei|hundert|fünf|und|zwanzig", "quatre-vingt-dix", "doscientos cincuenta",
#: "duecento|cinquanta"); a run of them is read by text2num, which knows their grammar.
_FOREIGN_NUMBER_PIECES = (
    "ein", "eins", "eine", "zwei", "drei", "vier", "fünf", "sechs", "sech", "sieben", "sieb", "acht", "neun", "zehn",
    "elf", "zwölf", "zwanzig", "dreißig", "dreissig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig",
    "neunzig", "hundert", "tausend", "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
    "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "vingts", "trente", "quarante",
    "cinquante", "soixante", "cent", "cents", "mille", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete",
    "ocho", "nueve", "diez", "doce", "trece", "catorce", "dieci", "dieciséis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "veinti", "veintidós", "veintitrés", "veintiséis", "treinta", "cuarenta", "cincuenta",
    "sesenta", "setenta", "ochenta", "noventa", "cien", "ciento", "doscientos", "trescientos", "cuatrocientos",
    "quinientos", "seiscientos", "setecientos", "ochocientos", "novecientos", "mil", "due", "tre", "tré", "quattro",
    "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici", "tredici", "quattordici", "quindici",
    "sedici", "diciassette", "diciotto", "diciannove", "venti", "vent", "trenta", "trent", "quaranta", "quarant",
    "cinquanta", "cinquant", "sessanta", "sessant", "settanta", "settant", "ottanta", "ottant", "novanta", "novant",
    "cento", "mila", "um", "uma", "dois", "duas", "três", "quatro", "sete", "oito", "dez", "doze", "treze",
    "catorze", "dezasseis", "dezesseis", "dezassete", "dezessete", "dezoito", "dezanove", "dezenove", "vinte",
    "trinta", "quarenta", "cinquenta", "quatrocentos", "seiscentos", "setecentos", "oitocentos", "novecentos",
    "once", "quince",
    "sessenta", "oitenta", "cem", "duzentos", "trezentos", "quinhentos", "een", "twee", "drie", "vijf", "zes",
    "zeven", "negen", "tien", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
    "negentien", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig", "honderd",
    "duizend",
)
# Czech and Polish, which text2num does not read: the round figures a distance is written in.
FOREIGN_ROUND_NUMBERS: dict[str, int] = {
    "deset": 10, "dvacet": 20, "třicet": 30, "čtyřicet": 40, "padesát": 50, "šedesát": 60, "sedmdesát": 70,
    "osmdesát": 80, "devadesát": 90, "sto": 100, "dvě stě": 200, "tři sta": 300, "pět set": 500, "tisíc": 1000,
    "dziesięć": 10, "dwadzieścia": 20, "trzydzieści": 30, "czterdzieści": 40, "pięćdziesiąt": 50,
    "sześćdziesiąt": 60, "siedemdziesiąt": 70, "osiemdziesiąt": 80, "dziewięćdziesiąt": 90, "dwieście": 200,
    "trzysta": 300, "pięćset": 500, "tysiąc": 1000,
}
# Factored on shared prefixes (tried at every word); Unicode case-folding inside, as the grammar's
# flags fold ASCII letters only ("Fünfzig", "Šedesát").
_FOREIGN_PIECE = "(?u:" + _trie(_FOREIGN_NUMBER_PIECES) + ")"
# Atomic, and at most 40 letters: a word splits into pieces in several ways ("sieben", "sieb|en"),
# and trying them all on a word that is no number took seconds on a crafted page.
_LETTER = r"[A-Za-z\u00c0-\u024f]"
#: The joins between pieces inside one word ("fünfundzwanzig", "vijfentwintig").
_FOREIGN_JOINS = ("und", "en", "y", "e")
_FOREIGN_WORD = (rf"(?=(?u:{_LETTER}){{1,40}}(?!{_LETTER}))"
                 rf"(?>{_FOREIGN_PIECE}(?:(?:{'|'.join(_FOREIGN_JOINS)})?{_FOREIGN_PIECE})*)")
_FOREIGN_NUMBER_RE = (
    r"(?<![A-Za-z\u00c0-\u024f])"
    # "nekaj deset kilometrov", "několik set": "some tens", a vague figure like "dozens of"
    r"(?<!nekaj\s)(?<!několik\s)(?<!kilka\s)(?<!kilku\s)(?<!pár\s)(?:"
    + "(?u:" + _trie(FOREIGN_ROUND_NUMBERS) + ")"
    # "treinta y cinco", "vingt-et-un", "quatre-vingt-dix", "deux cents"
    + rf"|{_FOREIGN_WORD}(?:(?:\s+(?:y|e|et|und|en)\s+|-(?:et|y|e|und)-|[\s-]){_FOREIGN_WORD}){{0,4}})"
    r"(?![A-Za-z\u00c0-\u024f])"
)
_WORDS_NUMBER_RE = (
    rf"{_APPROXIMATE_RE}|"
    rf"(?:\ban?\s+(?:thousand|million)\b|{_UNDER_1000}(?:\s+(?:thousand|million)\b)?)"
    rf"(?:(?:(?<=thousand)|(?<=million)),?\s+(?:and\s+)?{_UNDER_1000})?"
    r"(?:\s+and\s+an?\s+half\b)?"  # "one and a half"
    r"|\bhalf\s+an?\b|(?<!\bof\s)\ban?\b"  # "half a mile", "a mile" (not "three-quarters of a mile")
)
_DIGITS_NUMBER_RE = (
    r"(?<![\w,$£€¥])(?<![0-9]\.)"  # "c.25" starts a number, "1.25" does not start one at "25"
    r"(?:(?:[0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]+)?"  # 1.200.000 (dots are clearly thousands)
    r"|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+"  # 1.200,5
    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"  # 1,200 and 1,200.5
    r"|[0-9]{1,3}(?:\ [0-9]{3})+(?:\.[0-9]+)?"  # 1 200 (thin and no-break spaces normalised)
    r"|[0-9]+,[0-9]{1,2}"  # 2,5: a decimal comma (thousands take three digits)
    r"|[0-9]*\.[0-9]+|[0-9]+)(?![0-9])(?:\ ?[½¼¾]|\ (?:1/2|1/4|3/4)(?![0-9]))?"  # 2½, 2 1/2
    r"|[½¼¾]|(?:1/2|1/4|3/4)(?![0-9]))"
)
_NUMBER_RE = f"(?:{_DIGITS_NUMBER_RE}|{_WORDS_NUMBER_RE})"
# With the foreign number words before the English ones, some of which are also pieces of longer
# foreign numbers ("quatre" of "quatre-vingt-dix"); an English number is no run of foreign pieces.
_NUMBER_WITH_FOREIGN_RE = f"(?:{_DIGITS_NUMBER_RE}|{_FOREIGN_NUMBER_RE}|{_WORDS_NUMBER_RE})"
# A hyphen joins a range ("150-200", "forty-fifty"), except inside "twenty-one".
_RANGE_HYPHEN = f"(?:(?<![Tt][Yy])-|-(?!{_DIGIT_WORD}))"

# "south-west", "south west", "southwest", "north-northeast", or the letters ("SW", "NNE").
_DIRECTION_RE = (
    r"(?:\b(?:"
    + "|".join(
        r"[\s-]?".join(_CARDINAL_WORDS[letter] for letter in point)
        for point in sorted(COMPASS_POINTS, key=lambda p: (-len(p), p))
    )
    + r")(?![A-Za-z])"
    + "".join(rf"|(?-i:{p}\b)" for p in sorted(COMPASS_POINTS, key=lambda p: (-len(p), p)))
    + ")"
)


def _quantity_re(p: str, number: str) -> str:
    """The pattern of one quantity; ``p`` prefixes its group names so it can appear twice."""
    return rf"""
        (?<![A-Za-z0-9])  # a claim starts a word: cheap to test, and most positions fail it
        (?P<{p}hedge>{_HEDGE_BEFORE_RE})?
        (?:(?P<{p}kw>between|from|zwischen|von|entre|tra|fra|de|da)\s+)?
        (?P<{p}lo>{number})
        (?:(?:\s*-\s*|\s*)(?P<{p}lo_unit>{_UNIT_RE}))?
        (?:\s*(?P<{p}joiner>{_RANGE_HYPHEN}|to\b|bis\b|à(?=\s)|(?({p}kw)(?:and|und|et|y|e|a)\b|(?!)))\s*(?P<{p}hi>{number}))?
        (?({p}kw)(?({p}hi)|(?!)))  # "between"/"from" only open a range
        (?P<{p}suffix>{_HEDGE_SUFFIX_RE})?
        (?P<{p}gap>\s*-\s*|\s*)
        (?P<{p}unit>{_UNIT_RE})
        (?P<{p}adjective>-{_trie(_UNIT_ADJECTIVES)}(?![A-Za-z]))?
        (?:\s+(?P<{p}after>{_HEDGE_AFTER_RE}))?
    """


def _claim_pattern(number: str) -> str:
    return (
        _quantity_re("", number)
        # a conversion in parentheses, "(180 km)", is written in figures
        + r"(?:\s*\(\s*(?:or\s+|i\.?e\.?,?\s+|=\s*)?" + _quantity_re("c_", _DIGITS_NUMBER_RE)
        # more readings of the same figure, "(187 statute miles; 163 nautical miles)": one claim
        + rf"(?:\s*[;,]\s*(?:or\s+)?(?:about\s+|approx\.?\s+)?{_DIGITS_NUMBER_RE}\s*-?\s*{_UNIT_RE})*"
        + r"\.?\s*\))?"
        + rf"(?:\s+(?:due\s+|to\s+the\s+)?(?P<direction>{_DIRECTION_RE})\s+of\b)?"
    )


_CLAIM = re.compile(_claim_pattern(_NUMBER_RE), _FLAGS)


@functools.cache
def _claim_with_foreign_words() -> re.Pattern[str]:
    """The grammar with the number words of other European languages ("zweihundert Kilometer"):
    compiled on the first text that has one before a unit, as compiling it costs a cold start
    a fifth more."""
    return re.compile(_claim_pattern(_NUMBER_WITH_FOREIGN_RE), _FLAGS)


_FOREIGN_PIECES_SET = frozenset(_FOREIGN_NUMBER_PIECES)
_FOREIGN_ROUND_LAST_WORDS = frozenset(key.split()[-1] for key in FOREIGN_ROUND_NUMBERS)


@functools.lru_cache(maxsize=4096)
def _is_foreign_number_word(word: str) -> bool:
    """Whether ``word`` (lower case) is made of foreign number pieces ("fünfundzwanzig")."""
    if word in _FOREIGN_PIECES_SET or word in _FOREIGN_ROUND_LAST_WORDS:
        return True
    # after[i]: word[:i] ends with a piece; joined[i]: with a piece and a join ("und")
    after = [False] * (len(word) + 1)
    joined = [True] + [False] * len(word)  # the start: a piece may follow
    for i in range(len(word)):
        if joined[i] or after[i]:
            for piece in _FOREIGN_PIECES_SET:
                if word.startswith(piece, i):
                    after[i + len(piece)] = True
        if after[i]:
            for join in _FOREIGN_JOINS:
                if word.startswith(join, i):
                    joined[i + len(join)] = True
    return after[-1]


def _claim_grammar(normal: str) -> re.Pattern[str]:
    """The grammar for ``normal``: with foreign number words only when a unit follows one."""
    for unit in _ANY_UNIT.finditer(normal):
        before = normal[max(0, unit.start() - 30) : unit.start()].rstrip(" -")
        word = re.split(r"[\s-]", before)[-1].lower() if before else ""
        if word and not word[-1].isdigit() and _is_foreign_number_word(word):
            return _claim_with_foreign_words()
    return _CLAIM


# Cheap gate for find_distances: no unit word, no claim.
_ANY_UNIT = re.compile(_UNIT_RE, _FLAGS)
_DETERMINER = re.compile(r"(?:the|an?)\s+(?=[0-9])", _FLAGS)
_NEXT_WORD = re.compile(r"\s*-?\s*([^\s0-9()\[\],;:!?.][^\s()\[\],;:!?]*)")
_DIGIT = re.compile(r"[0-9½¼¾]")
_TRAILING_FRACTION = re.compile(r"\ ?([½¼¾]|1/2|1/4|3/4)$")

# Number forms that need a note in ``rule`` or a separator removed.
_DOT_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]+)?|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+")
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}")
_LOOKS_LIKE_THOUSANDS = re.compile(r"[0-9]{1,3}\.[0-9]{3}")

_WHITESPACE = re.compile(r"\s+")
_LETTERS = re.compile(r"[a-z]+")
_FOLLOWING_WORD = re.compile(r"\s+([A-Za-z]+)")

_ALIAS_UNIT = {alias.casefold(): unit for unit, aliases in UNIT_ALIASES.items() for alias in aliases}


# --- reading a match --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Quantity:
    low: float  # in its own unit
    high: float | None  # None unless a range
    unit: str
    hedges: tuple[str, ...]  # as written, in text order
    sense: ClaimSense
    notes: tuple[str, ...]

    @property
    def nominal_km(self) -> float:
        high = self.low if self.high is None else self.high
        return (self.low + high) / 2 * KM_PER_UNIT[self.unit]


def _fmt(value: float) -> str:
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _number(written: str, whole: str, dot_thousands: bool = False) -> tuple[float, str | None]:
    """The value of a number as written, and a note on how it was read when not plain;
    ``dot_thousands``: the text writes thousands with dots ("1.740 km" is 1740 km)."""
    compact = _WHITESPACE.sub(" ", written.strip())
    if not compact[0].isalpha():
        fraction_match = _TRAILING_FRACTION.search(compact)
        fraction = _FRACTIONS[fraction_match[1]] if fraction_match else 0.0
        digits = compact[: fraction_match.start()] if fraction_match else compact
        note = None
        if not digits:
            value = 0.0
        elif _DOT_THOUSANDS.fullmatch(digits):
            value = float(digits.replace(".", "").replace(",", "."))
            note = f"{digits!r} read with dots as thousands separators"
        elif _DECIMAL_COMMA.fullmatch(digits):
            value = float(digits.replace(",", "."))
            note = f"{digits!r} read with a decimal comma"
        elif _LOOKS_LIKE_THOUSANDS.fullmatch(digits) and (dot_thousands or digits.endswith(".000")):
            # "3.000 km" is three thousand in any language: nobody writes three kilometres so
            value = float(digits.replace(".", ""))
            note = f"{digits!r} read with a dot as thousands separator, as the text writes its numbers"
        else:
            value = float(digits.replace(",", "").replace(" ", ""))
            if _LOOKS_LIKE_THOUSANDS.fullmatch(digits):
                note = f"{digits!r} read as a decimal {value:g}; write {digits.replace('.', ',')} for thousands"
        value += fraction
        if not math.isfinite(value):
            raise BadClaim(whole, f"number {digits!r} is too large")
        return value, note
    try:
        value = _words_value(compact)
    except ValueError:
        raise BadClaim(whole, f"cannot read the number words {compact!r}") from None
    return value, f"number words {compact!r} = {value:g}"


def _words_value(words: str) -> float:
    """The value of number words the grammar has matched: "a hundred and twenty" -> 120."""
    tokens = _LETTERS.findall(words.lower())
    if not all(token in NUMBER_WORDS or token in ("a", "an", "and", "half") for token in tokens):
        return _foreign_words_value(words)
    if tokens[0] == "half":
        return 0.5  # "half a mile"
    half = 0.0
    if tokens[-1] == "half":
        tokens, half = tokens[:-3], 0.5  # "two and a half"
    total = group = 0
    for token in tokens:
        if token in ("a", "an"):
            group = 1
        elif token != "and":
            kind, value = NUMBER_WORDS[token]
            if kind != "scale":
                group += value
            elif value >= 1000:  # thousand, million: close the group
                total, group = total + group * value, 0
            else:  # hundred, dozen multiply what came before
                group *= value
    return float(total + group) + half


def _foreign_words_value(words: str) -> float:
    """The value of number words in another European language: "zweihundert" -> 200, "quatre-vingt-dix"
    -> 90, "sto" -> 100. Raises ValueError when no language reads them."""
    written = _WHITESPACE.sub(" ", words.strip().lower())
    if written in FOREIGN_ROUND_NUMBERS:
        return float(FOREIGN_ROUND_NUMBERS[written])
    words_written = written.split()
    if len(words_written) > 1 and words_written[1] in APPROXIMATE_NUMERALS:
        return float(APPROXIMATE_NUMERALS[words_written[1]])
    try:
        from text_to_num import text2num
    except ImportError:
        raise ValueError(f"cannot read number words {words!r}: the text2num package is not installed") from None
    for language in ("de", "fr", "es", "it", "pt", "nl"):
        try:
            return float(text2num(written, language))
        except ValueError:
            continue
    raise ValueError(f"cannot read number words {words!r}")


def _unit(alias: str) -> str:
    return _ALIAS_UNIT[_WHITESPACE.sub(" ", alias.replace("-", " ")).casefold()]


def _quantity(match: re.Match[str], p: str, whole: str, dot_thousands: bool = False) -> _Quantity:
    unit = _unit(match[f"{p}unit"])
    notes: list[str] = []
    low, note = _number(match[f"{p}lo"], whole, dot_thousands)
    notes += [note] if note else []
    high = None
    if match[f"{p}hi"] is not None:
        if match[f"{p}lo_unit"] is not None and _unit(match[f"{p}lo_unit"]) != unit:
            raise BadClaim(whole, f"range mixes units: {match[f'{p}lo_unit']!r} and {match[f'{p}unit']!r}")
        high, note = _number(match[f"{p}hi"], whole, dot_thousands)
        notes += [note] if note else []
        if (match[f"{p}joiner"] or "").strip().lower() in ("à", "bis") and (
                high < low or re.fullmatch(r"1[89][0-9]{2}|20[0-9]{2}", match[f"{p}lo"].strip())):
            # "construit en 1950 à 20 km", "gebaut 1950 bis 2000 km": a year, then a distance
            raise BadClaim(whole, f"{match[f'{p}lo']!r} and {match[f'{p}hi']!r} are no range")
        if high < low:
            low, high = high, low
            notes.append("range written high to low; bounds sorted")
    elif match[f"{p}lo_unit"] is not None:
        raise BadClaim(whole, f"unit written twice: {match[0]!r}")
    hedges = [h for h in (match[f"{p}hedge"], match[f"{p}suffix"], match[f"{p}after"]) if h]
    hedges = [_WHITESPACE.sub(" ", h.strip()) for h in hedges]
    senses = [_HEDGE_SENSE[h.lower()] for h in hedges]
    approximate = re.match(r"\S+\s+(\S+)", match[f"{p}lo"])
    if approximate and approximate[1].lower() in APPROXIMATE_NUMERALS:
        hedges.append(_WHITESPACE.sub(" ", match[f"{p}lo"].strip()))  # "une trentaine de" is "about 30"
        senses.append("about")
    sense: ClaimSense = "exact"
    if high is not None:
        sense = "range"
    elif senses:
        sense = max(senses, key=lambda s: _SENSE_PRECEDENCE[s])  # max keeps the first of equals
    return _Quantity(low, high, unit, tuple(hedges), sense, tuple(notes))


def _describe(q: _Quantity, value: float) -> str:
    if q.unit == "km":
        return f"{_fmt(value)} km"
    return f"{_fmt(value)} {q.unit} = {_fmt(value * KM_PER_UNIT[q.unit])} km"


_SENSE_RULE = {
    "exact": "no hedge: {q}, read as stated",
    "about": "{h}: about {q}",
    "nearly": "{h}: a little under {q}",
    "just_over": "{h}: a little over {q}",
    "at_least": "{h}: at least {q}, no upper bound",
    "at_most": "{h}: at most {q}, no lower bound",
}


def _glued_millions(match: re.Match[str], normal: str) -> bool:
    """True for "5m shells": a bare "m" glued to its number and followed by an ordinary word."""
    if match["unit"] != "m" or match["gap"] or match["adjective"] or match["c_unit"] or match["direction"]:
        return False
    follower = _FOLLOWING_WORD.match(normal, match.end())
    return follower is not None and follower[1].lower() not in _METRE_FOLLOWERS


def _read(match: re.Match[str], normal: str, original: str, dot_thousands: bool = False) -> DistanceClaim:
    """Turn a match of ``_CLAIM`` into a claim; raises BadClaim when it does not hold up."""
    whole = original[match.start() : match.end()]
    if _glued_millions(match, normal):
        raise BadClaim(whole, f"{match['lo']}m before a noun reads as millions, not metres")
    first = _quantity(match, "", whole, dot_thousands)
    hedges, sense = first.hedges, first.sense
    rules: list[str] = []
    if match["c_unit"] is not None:
        conversion = _quantity(match, "c_", whole, dot_thousands)
        if not hedges and conversion.hedges:
            hedges = conversion.hedges  # "110 miles (about 180 km)": the hedge covers both
            sense = conversion.sense if sense == "exact" else sense
        a, b = first.nominal_km, conversion.nominal_km
        apart = abs(a - b) / max(a, b) if max(a, b) > 0 else 0.0
        # Conversions are rounded to two significant figures or so: within 10% (or one unit of
        # the converted figure for small numbers) they agree; otherwise the first figure stands.
        agrees = apart <= 0.10 or abs(a - b) <= KM_PER_UNIT[conversion.unit]
        written = original[match.start("c_lo") : match.end("c_unit")]
        rules.append(
            f"conversion {written!r} = {_fmt(b)} km "
            + ("agrees with" if agrees else "disagrees with")
            + f" the first figure's {_fmt(a)} km ({apart:.1%} apart); kept the first figure as written"
        )
    to_km = KM_PER_UNIT[first.unit]
    hedge_text = " … ".join(hedges) if hedges else None
    low_km: float | None
    high_km: float | None
    if sense == "range":
        low_km, high_km = first.low * to_km, first.high * to_km  # type: ignore[operator]
        sense_rule = f"range {_describe(first, first.low)} to {_describe(first, first.high)}"  # type: ignore[arg-type]
        if hedge_text:
            sense_rule += f"; hedge {hedge_text!r} noted, bounds as written"
    else:
        value_km = first.low * to_km
        low_km = None if sense == "at_most" else value_km
        high_km = None if sense == "at_least" else value_km
        sense_rule = _SENSE_RULE[sense].format(h=repr(hedge_text), q=_describe(first, first.low))
    if not all(math.isfinite(km) for km in (low_km, high_km) if km is not None):
        raise BadClaim(whole, "number too large for a distance")
    rules = [sense_rule, *first.notes, *rules]
    direction = None
    if match["direction"]:
        direction, note = _compass(match["direction"])
        rules.append(note)
    return DistanceClaim(
        text=whole,
        low_km=low_km,
        high_km=high_km,
        sense=sense,
        unit=first.unit,
        hedge=hedge_text,
        value=first.low,
        value_high=first.high,
        span=(match.start(), match.end()),
        rule="; ".join(rules),
        direction=direction,
    )


def _compass(written: str) -> tuple[str, str]:
    """Eight-point direction for a written compass point, and a note of how it was read."""
    words = re.findall(r"north|south|east|west", written.lower())
    point = "".join(word[0].upper() for word in words) if words else written.upper()
    if len(point) < 3:
        return point, f"direction {written!r} = {point}"
    # A sixteen-point direction (NNE, 22.5°) lies midway between two eight-point ones; read it
    # as the cardinal point its name leads with (NNE -> N, ENE -> E).
    between = f"{point[0]} and {point[1:]}"
    return point[0], (
        f"direction {written!r} = sixteen-point {point}, midway between {between}; "
        f"rounded to {point[0]}, the point its name leads with"
    )


# Words a newsroom puts before a figure that change nothing about it ("just 80 km", "a short
# 40-nautical-mile hop", "à seulement 13 km", "auf dem kürzesten Weg 138 Kilometer"). Only
# ``parse_claim`` skips them (``find_distances`` searches, so it never sees them); any other word
# before the number is still an error ("located 180 km away").
_LEADING_WORDS = re.compile(
    r"(?:just|only|barely|merely|a\s+mere|mere|a\s+short|a\s+brief|a\s+quick|short|a\s+distance\s+of|"
    r"at\s+a\s+distance\s+of|as\s+the\s+crow\s+flies,?|in\s+a\s+straight\s+line,?|by\s+the\s+shortest\s+route,?|"
    r"nur|lediglich|bloß|auf\s+dem\s+kürzesten\s+weg|luftlinie|seulement|à|a|apenas|sólo|solo|solamente|"
    r"appena|soltanto|large\s+de|larga\s+de|ancho\s+de|largo|breit|in|at)\s+",
    re.IGNORECASE,
)
# "22K" for kilometres and a decimal broken by a space ("2. 2 nautical miles"), read in a
# claim given on its own, where neither can be thousands or the end of a sentence.
_BARE_K = re.compile(r"(?<=[0-9])K(?![A-Za-z])")
_BROKEN_DECIMAL = re.compile(r"(?<=[0-9])\. (?=[0-9])")
# After a distance, more figures in brackets or after an ellipsis are further readings of it.
_FURTHER_READINGS = re.compile(r"\s*(?:\(|\.\.\.|…|;)")


# --- public API -------------------------------------------------------------------------------


# A number like "1e309": read as 1 and a unit "e309" it would say nothing useful.
_EXPONENT = re.compile(r"\d[eE][+-]?\d+")
# Words after a claim that would qualify it (plain words like "away" or "long" may follow).
_TRAILING_QUALIFIER = re.compile(
    r"\b(?:or|give|take|plus|minus|more|less|fewer|least|most|over|under|roughly|about|approximately|nearly|"
    r"almost|either|few|several|dozens?|hundreds?|thousands?|km|kms|kilomet\w*|miles?|nm)\b|[±+]", re.IGNORECASE)


_UNIT_IN_BRACKETS = re.compile(r"\(\s*(?:km|kms|kilomet\w*|mi|miles?|nm|nmi|nautical miles?)\.?\s*\)", re.IGNORECASE)


def parse_claim(text: str) -> DistanceClaim:
    """Read ``text``, one distance expression, into a :class:`~geo.types.DistanceClaim` in km.

    The expression may start with a hedge ("approximately", "more than", "nearly", …) or an
    article ("a 34-km crossing") and end with plain words ("away", "long", "from here").
    ``low_km``/``high_km`` are the bounds as written in km (``None`` = open); ``span`` locates
    the expression inside ``text``; ``rule`` says how it was read.

    Raises :class:`~geo.errors.BadClaim` naming what could not be read: ``"no number"``,
    ``"no unit: '180'"``, ``"unknown unit 'parsecs'"``, ``"'knots' is a speed, not a distance"``.
    """
    if not isinstance(text, str):
        raise BadClaim(repr(text), "a distance claim must be text")
    if len(text) > MAX_CLAIM_TEXT:
        raise BadClaim(
            text[:40] + "…", f"longer than {MAX_CLAIM_TEXT} characters; use find_distances for running text"
        )
    from geo.text.languages import has_foreign_script, parse_claim_in

    if has_foreign_script(text):  # "около 180 км", "약 160km": the Russian, Ukrainian and Korean reader
        return parse_claim_in(text)
    normal = _normalise(text)
    begin = len(normal) - len(normal.lstrip())
    end = len(normal.rstrip())
    if begin >= end:
        raise BadClaim(text, "empty text")
    determiner = _DETERMINER.match(normal, begin)
    position = determiner.end() if determiner else begin
    exponent = _EXPONENT.search(normal, begin, end)
    if exponent:
        raise BadClaim(text, f"{text[exponent.start():exponent.end()]!r} is a number in scientific notation, which "
                             "is not read; write the distance in digits")
    grammar = _claim_grammar(normal)
    match = grammar.match(normal, position, end)
    notes: list[str] = []
    skipped = position
    while match is None and (leading := _LEADING_WORDS.match(normal, skipped, end)) is not None:
        skipped = leading.end()
        determiner = _DETERMINER.match(normal, skipped, end)
        match = grammar.match(normal, determiner.end() if determiner else skipped, end)
    if match is None and (pair := _between_two_distances(text)) is not None:
        return pair
    if match is None:
        repaired = _BROKEN_DECIMAL.sub(".", _BARE_K.sub("km", text))
        if repaired != text:
            claim = parse_claim(repaired)
            return dataclasses.replace(claim, text=text.strip(), span=None,
                                       rule=f"{claim.rule}; read as {repaired.strip()!r}")
        raise BadClaim(text, _diagnose(normal, position, end))
    if match.start() > position:
        notes.append(f"leading words {normal[position:match.start()].strip()!r} change nothing about the figure")
    claim = _read(match, normal, text, writes_dot_thousands(text))
    trailing = normal[match.end() : end]
    # A unit restated in brackets ("30 kilometres (KM)") qualifies nothing.
    qualifier = _TRAILING_QUALIFIER.search(_UNIT_IN_BRACKETS.sub("", trailing))
    if qualifier and not _DIGIT.search(trailing):
        # "180 km or so or more", "180 km give or take a few hundred km": a qualifier the reading
        # did not take in would change the claim; refuse rather than drop it.
        raise BadClaim(text, f"cannot read {text[match.end() : end].strip()!r} after the distance; write the "
                             "distance with one qualifier, like 'about 180 km' or 'at least 180 km'")
    if _DIGIT.search(trailing):
        second = grammar.search(normal, match.end(), end)
        if not _FURTHER_READINGS.match(trailing):
            reason = (
                f"more than one distance: {text[second.start() : second.end()]!r} follows"
                if second
                else f"unexpected text after the distance: {text[match.end() : end].strip()!r}"
            )
            raise BadClaim(text, reason)
        notes.append(f"further figures {trailing.strip()!r} taken as other readings of the first; not checked")
    rule = "; ".join([claim.rule, *notes]) if notes else claim.rule
    return dataclasses.replace(claim, text=text.strip(), rule=rule)


def _between_two_distances(text: str) -> DistanceClaim | None:
    """ "between three-quarters of a mile (1.2 km) and four miles (6.4 km)": a range whose two
    ends are whole distances, each with its unit and conversion."""
    opening = re.match(r"\s*(?:between|from)\s+", text, re.IGNORECASE)
    found = find_distances(text) if opening else []
    if len(found) != 2 or found[0].span is None or found[1].span is None:
        return None
    first, second = found
    first_span, second_span = first.span, second.span
    if opening is None or first_span is None or second_span is None:
        return None
    # "three-quarters of a mile (1.2 km)": an end written in words is read by its figure in brackets
    first_end = first_span[1]
    if first_span[0] != opening.end():
        if not re.fullmatch(r"[^()0-9]{1,40}\(\s*", text[opening.end():first_span[0]]):
            return None
        closing = re.match(r"\s*\)", text[first_end:])
        if closing is None:
            return None
        first_end += closing.end()
    if not re.fullmatch(r"\s*(?:and|to|-)\s*", text[first_end:second_span[0]]):
        return None
    if first.low_km is None or second.low_km is None or text[second_span[1]:].strip():
        return None
    low, high = sorted((first.low_km, second.low_km))
    return dataclasses.replace(
        first, text=text.strip(), low_km=low, high_km=high, sense="range", value_high=second.value, span=None,
        rule=f"range {first.text!r} to {second.text!r}: {_fmt(low)} to {_fmt(high)} km",
    )


def find_distances(text: str) -> list[DistanceClaim]:
    """Every distance expression in running ``text``, in order of position, with ``span``s.

    ``claim.text == text[claim.span[0]:claim.span[1]]``; the span covers hedge, number(s),
    unit, a conversion in parentheses and a stated direction up to its "of". Figures that are
    not distances (speeds, areas, "5m shells", "hundreds of km") are skipped. Never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    normal = _normalise(text)
    claims: list[DistanceClaim] = []
    if _ANY_UNIT.search(normal) is None:
        return claims
    position = 0
    dot_thousands = writes_dot_thousands(text)
    grammar = _claim_grammar(normal)
    while True:
        match = grammar.search(normal, position)
        if match is None:
            return claims
        try:
            claims.append(_read(match, normal, text, dot_thousands))
        except BadClaim:
            position = match.start() + 1  # a rejected reading may hide a good one inside it
            continue
        position = match.end()


# Words frequent in running text of languages that write thousands with dots ("1.740 km") and
# in English, which writes them with commas.
_DOT_THOUSANDS_WORDS = re.compile(
    r"\b(?:der|die|das|und|von|ist|liegt|etwa|rund|il|di|della|che|dalla|lo|gli|el|los|las|del|que|y|una|"
    r"está|en|es|är|og|och|af|het|een|van|dan|yang|dari|dengan|și|este|de|în|je|ir|yra|unos|unas|circa|ca|"
    r"environ|cirka|omkring|sekitar|aproximadamente|aproximativ|mehr|als|über|knapp|Kilometer[n]?|kilómetros|"
    r"chilometri|kilomètres|quilômetros|kilometrů)\b", re.IGNORECASE)
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|is|to|in|from|about|it|was|with|that)\b", re.IGNORECASE)
_PLAIN_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])|(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")


def writes_dot_thousands(text: str) -> bool:
    """Whether ``text`` writes thousands with dots and decimals with commas ("1.740 km",
    "8,2 km"), as German, Spanish, Italian and many other languages do: more of their common
    words than English ones, and no English-style figures ("2.5 km", "1,740 km")."""
    if not _LOOKS_LIKE_THOUSANDS.search(text) or _PLAIN_DECIMAL.search(text):
        return False
    return len(_DOT_THOUSANDS_WORDS.findall(text)) > 2 * len(_ENGLISH_WORDS.findall(text))


class _Diagnostics(NamedTuple):
    number: re.Pattern[str]
    hedge_before: re.Pattern[str]
    hedge_suffix: re.Pattern[str]
    range_tail: re.Pattern[str]
    vague: re.Pattern[str]


@functools.cache
def _diagnostics() -> _Diagnostics:
    """Patterns used only to explain a failure: compiled on the first failure, not at import."""
    return _Diagnostics(
        number=re.compile(_NUMBER_RE, _FLAGS),
        hedge_before=re.compile(_HEDGE_BEFORE_RE, _FLAGS),
        hedge_suffix=re.compile(_HEDGE_SUFFIX_RE, _FLAGS),
        range_tail=re.compile(rf"\s*(?:-|to\b|and\b)\s*(?:{_NUMBER_RE})", _FLAGS),
        vague=re.compile(_words(_VAGUE), _FLAGS),
    )


def _diagnose(normal: str, position: int, end: int) -> str:
    """Why ``_CLAIM`` does not match at ``position``, in words for BadClaim."""
    patterns = _diagnostics()
    hedge = patterns.hedge_before.match(normal, position, end)
    if hedge:
        position = hedge.end()
    vague = patterns.vague.match(normal, position, end)
    if vague:
        return f"{vague[0]!r} is not a figure; give a number such as '300 km'"
    if re.match(r"-\s*[0-9]", normal[position:end]):
        return "a distance cannot be negative"
    number = patterns.number.match(normal, position, end)
    if number is None or (_is_article(number[0]) and not _NEXT_WORD.match(normal, number.end(), end)):
        later = next((n for n in patterns.number.finditer(normal, position, end) if not _is_article(n[0])), None)
        if later:
            return f"unexpected text before the number: {normal[position : later.start()].strip()!r}"
        return "no number"
    after = number.end()
    suffix = patterns.hedge_suffix.match(normal, after, end)
    after = suffix.end() if suffix else after
    ranged = patterns.range_tail.match(normal, after, end)
    after = ranged.end() if ranged else after
    written = normal[number.start() : after].strip()
    word = _NEXT_WORD.match(normal, after, end)
    if word is None:
        return f"no unit: {written!r}"
    unit_word = word[1]
    lowered = unit_word.lower()
    if lowered in _NOT_DISTANCE:
        return f"{normal[word.start(1) : end].strip()!r} is {_NOT_DISTANCE[lowered]}, not a distance"
    for alias in sorted(_ALIAS_UNIT, key=len, reverse=True):
        if not lowered.startswith(alias):
            continue
        if _SPEED_OR_AREA_AFTER_UNIT.match(normal, word.start(1) + len(alias), end):
            return f"{normal[word.start(1) : end].strip()!r} is a speed or an area, not a distance"
        if lowered == alias:
            if ranged and re.match(r"\s*and\b", ranged[0], re.I):
                return "a range with 'and' needs 'between': write 'between 150 and 200 km' or '150-200 km'"
            return f"cannot read {normal[position:end].strip()!r} as a distance"
    return f"unknown unit {unit_word!r}; write km, m, miles or nautical miles"


def _is_article(word: str) -> bool:
    return word.lower() in ("a", "an") or word.lower().startswith("half")
