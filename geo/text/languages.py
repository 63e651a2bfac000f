"""Articles in Russian, Ukrainian and Korean: the language, the distances, the places, the links.

The English reader (:mod:`~geo.text.claims`, :mod:`~geo.text.mentions`,
:mod:`~geo.text.linking`) stays as it is; this module reads the three other languages with
tables of their own and hands the same values on (``DistanceClaim``, ``Mention``,
``LinkedClaim``), so judging and reporting do not change.

* **Language** (:func:`detect_language`, :func:`language_parts`; in :mod:`geo.text.scripts`,
  re-exported here): told apart by script, which needs no model, per run of lines on a page
  that mixes languages.
* **Distances** (:func:`find_distances_in`, :func:`parse_claim_in`): units and their case forms
  (км, километров, кілометрів, морских миль, 해리, ㎞, 킬로미터), hedges before and after the
  number (около, близько, 약; 정도, 가량, 여, 이상, 미만), numbers with decimal commas, "1천400",
  "80-ти", ranges ("от 150 до 200 км", "150~200km") and directions ("к северо-востоку от",
  "на південь від", "북동쪽으로").
* **Places** (:func:`find_mentions_in`): Russian and Ukrainian words are lemmatised with
  pymorphy3 ("Мариуполя" -> Мариуполь) and also read with the gazetteer's own case endings;
  Korean text is cut into nouns and particles with kiwipiepy ("나진항에서" -> 나진항 + 에서,
  also read as 나진). The models load on the first article that needs them, never for English.
  An adjective and a kind noun are one name in the nominative ("Черного моря" -> черное море);
  a Korean name takes the particle closing its noun phrase ("우크라이나 남쪽 연안에서" -> 에서).
  Names the other sources lack are in ``data/names_multilingual.csv`` (read by the index).
* **Links** (:func:`link_claims_in`): "от A до B", "между A и B", "в N км от B", "A에서 B까지",
  "B에서 N km 떨어진 A", the subject of the sentence or, when a sentence names none, the place
  the page is about (its title). An area (a country, a sea, a big strait) can be the end a
  distance runs to, never the subject; a strait's narrowest width ("ширина 4 км", "폭은 39km")
  is linked to the strait as both ends, as the English reader does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from geo.errors import BadClaim, DataMissing
from geo.text.scripts import (
    _HANGUL,
    LANGUAGES,
    detect_language,
    has_foreign_script,
    language_parts,
    only_part,
)
from geo.types import ClaimSense, DistanceClaim, Mention, NonClaim

__all__ = [
    "LANGUAGES",
    "detect_language",
    "find_distances_in",
    "parse_claim_in",
    "find_mentions_in",
    "link_claims_in",
    "read_article",
    "has_foreign_script",
    "language_parts",
    "only_part",
]

# --- the tables -----------------------------------------------------------------------------

# Unit words (lower case regex pieces), each with the unit it means. Nautical miles first: "морских
# миль" holds the word for a statute mile.
_UNIT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("nmi", r"морск\w*\s+мил[ьяиею]\w*|морськ\w*\s+мил[ьяиею]\w*|해리|nmi|n\.\s?mi\.?|nautical\s+miles?"),
    ("km", r"километр\w*|кілометр\w*|км\.?|km|kms|㎞|킬로미터|킬로메타|키로미터|키로터|킬로|키로"),
    ("mi", r"мил[ьяиею]\w*|마일|miles?|mi"),
)

# Hedges before the number: phrase (regex) and sense.
_HEDGES_BEFORE: tuple[tuple[str, ClaimSense], ...] = (
    # Russian
    (r"чуть\s+более|чуть\s+больше|немногим\s+более|немногим\s+больше|чуть\s+свыше", "just_over"),
    (r"чуть\s+менее|чуть\s+меньше|почти|едва\s+ли\s+не", "nearly"),
    (r"не\s+менее|не\s+меньше|более|больше|свыше|более\s+чем|по\s+меньшей\s+мере|минимум", "at_least"),
    (r"не\s+более|не\s+больше|менее|меньше|менее\s+чем|до|в\s+пределах|не\s+далее|максимум", "at_most"),
    (r"около|ок\.|примерно|приблизительно|порядка|где-то|почти\s+что|всего|всего\s+лишь|лишь|только|"
     r"ориентировочно|свыше\s+чем", "about"),
    # Ukrainian
    (r"трохи\s+більше|трохи\s+більш\s+ніж", "just_over"),
    (r"трохи\s+менше|майже", "nearly"),
    (r"понад|більше\s+ніж|більш\s+ніж|більше|щонайменше|не\s+менше", "at_least"),
    (r"менше\s+ніж|менш\s+ніж|менше|не\s+більше|не\s+більш\s+ніж", "at_most"),
    (r"близько|приблизно|орієнтовно|десь|лише|всього|усього|тільки", "about"),
    # Korean (often glued to the number: "약50km")
    (r"최소|적어도", "at_least"),
    (r"최대|불과\s*", "about"),
    (r"약|대략|겨우|고작|약간", "about"),
)
# Hedges between the number and the unit ("370여 km") or after the unit ("50km 정도").
_HEDGES_SUFFIX: tuple[tuple[str, ClaimSense], ...] = (
    (r"여|남짓|\+", "at_least"),
)
_HEDGES_AFTER: tuple[tuple[str, ClaimSense], ...] = (
    (r"정도|가량|내외|안팎|쯤|밖에", "about"),
    (r"이상|넘게|넘는", "at_least"),
    (r"미만|이내|도\s*되지\s*않|도\s*안\s*되|未満", "at_most"),
)
# "до" reads as "up to" only straight before a figure; it is also "to" in "от A до B".

# Number words, Russian and Ukrainian (the forms a distance uses; case forms share a stem).
_NUMBER_WORDS: dict[str, int] = {
    **dict.fromkeys(("один", "одна", "одного", "одной", "одну", "одного", "однієї", "одну"), 1),
    **dict.fromkeys(("два", "две", "двух", "дві", "двох"), 2),
    **dict.fromkeys(("три", "трёх", "трех", "трьох"), 3),
    **dict.fromkeys(("четыре", "четырёх", "четырех", "чотири", "чотирьох"), 4),
    **dict.fromkeys(("пять", "пяти", "п'ять", "п’ять", "п'яти", "п’яти"), 5),
    **dict.fromkeys(("шесть", "шести", "шість", "шести"), 6),
    **dict.fromkeys(("семь", "семи", "сім", "семи"), 7),
    **dict.fromkeys(("восемь", "восьми", "вісім", "восьми"), 8),
    **dict.fromkeys(("девять", "девяти", "дев'ять", "дев’ять"), 9),
    **dict.fromkeys(("десять", "десяти"), 10),
    **dict.fromkeys(("двадцать", "двадцати", "двадцять"), 20),
    **dict.fromkeys(("тридцать", "тридцати", "тридцять"), 30),
    **dict.fromkeys(("сорок", "сорока"), 40),
    **dict.fromkeys(("пятьдесят", "пятидесяти", "п'ятдесят", "п’ятдесят"), 50),
    **dict.fromkeys(("шестьдесят", "шестидесяти", "шістдесят"), 60),
    **dict.fromkeys(("семьдесят", "семидесяти", "сімдесят"), 70),
    **dict.fromkeys(("восемьдесят", "восьмидесяти", "вісімдесят"), 80),
    **dict.fromkeys(("девяносто", "дев'яносто", "дев’яносто"), 90),
    **dict.fromkeys(("сто", "ста"), 100),
    **dict.fromkeys(("двести", "двухсот", "двісті", "двохсот"), 200),
    **dict.fromkeys(("триста", "трёхсот", "трехсот", "триста", "трьохсот"), 300),
    **dict.fromkeys(("четыреста", "чотириста"), 400),
    **dict.fromkeys(("пятьсот", "пятисот", "п'ятсот", "п’ятсот"), 500),
    **dict.fromkeys(("тысяча", "тысячи", "тысячу", "тисяча", "тисячі", "тисячу"), 1000),
    # Korean, native and Sino-Korean, as written before a unit
    **{"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9},
    **{"십": 10, "백": 100, "천": 1000, "만": 10000},
}
_WORD_NUMBER_RE = (
    r"(?:" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS if len(w) > 1 and not _HANGUL.match(w)),
                             key=lambda w: (-len(w), w))) + r")"
)

# Directions: cardinal word stems and their letter.
_CARDINALS = {
    "север": "N", "северн": "N", "північ": "N", "північн": "N", "북": "N",
    "юг": "S", "юж": "S", "півден": "S", "південь": "S", "남": "S",
    "восток": "E", "восточн": "E", "схід": "E", "східн": "E", "동": "E",
    "запад": "W", "западн": "W", "захід": "W", "західн": "W", "서": "W",
}
_RU_UK_POINT = (r"(?:северо-|юго-|північно-|південно-)?"
                r"(?:север|юг|восток|запад|північ|південь|півден|схід|захід|сход|заход)\w*")
_DIRECTION_AFTER = (
    r"(?:к\s+" + _RU_UK_POINT + r"\s+от"  # к северо-востоку от
    # на південь від, на північний схід від
    + r"|на\s+" + r"(?:північний\s+|південний\s+)?" + _RU_UK_POINT + r"\s+(?:от|від)"
    + r"|(?:северо-|юго-|північно-|південно-)?(?:севернее|южнее|восточнее|западнее|північніше|південніше|"
    r"східніше|західніше))"
)
_KO_DIRECTION = r"(?:(?<![\uac00-\ud7a3])[북남동서]{1,2}(?:쪽|방향|방)(?:으로|에)?)"

_NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?(?:천\d*|백\d*|만\d*)?"


def _alternatives(items: Sequence[tuple[str, Any]]) -> str:
    return "|".join(f"(?:{pattern})" for pattern, _ in items)


_UNIT_RE = (r"(?:" + "|".join(f"(?P<u_{name}>{pattern})" for name, pattern in _UNIT_PATTERNS) + r")"
            r"(?![a-zа-яёіїєґ²³])(?!\s*/\s*(?:ч|год|h|시))")
def _quantity(p: str) -> str:
    unit_lo = _UNIT_RE.replace("(?P<u_", f"(?P<{p}lu_")
    unit = _UNIT_RE.replace("(?P<u_", f"(?P<{p}u_")
    return rf"""
        (?P<{p}kodir>{_KO_DIRECTION}\s*)?
        (?:(?P<{p}hedge>{_alternatives(_HEDGES_BEFORE)})\s*(?:(?:в|во|на|за|у)\s+)?)?
        (?:(?P<{p}kw>от|від|між|между|з)\s+)?
        (?({p}hedge)(?<![\d.,])|(?<![\w.,]))(?P<{p}lo>{_NUM}|{_WORD_NUMBER_RE}(?:\s+{_WORD_NUMBER_RE}){{0,2}})(?:-?(?:ти|х|ми|ти|ть))?
        (?:\s*(?P<{p}lo_unit>{unit_lo}))?
        (?:\s*(?P<{p}joiner>[-–~∼～〜]|(?({p}kw)(?:до|и|і|та)\b|(?!)))\s*(?P<{p}hi>{_NUM}))?
        (?({p}kw)(?({p}hi)|(?!)))
        (?P<{p}suffix>\s?(?:{_alternatives(_HEDGES_SUFFIX)}))?
        \s*(?P<{p}unit>{unit})
        (?:\s*(?P<{p}after>{_alternatives(_HEDGES_AFTER)}))?
    """


@functools.cache
def _claim_re() -> re.Pattern[str]:
    """The claim grammar, compiled on the first non-English text (an English article never pays for it)."""
    return re.compile(
        _quantity("")
        + r"(?:\s*\(\s*(?P<conv>" + _NUM + r")\s*" + _UNIT_RE.replace("(?P<u_", "(?P<cu_") + r"\s*\))?"
        + r"(?:\s+(?P<direction>" + _DIRECTION_AFTER + r"))?",
        re.IGNORECASE | re.VERBOSE,
    )



def _sense_of(written: str, table: Sequence[tuple[str, ClaimSense]]) -> ClaimSense:
    for pattern, sense in table:
        if re.fullmatch(pattern, written.strip(), re.IGNORECASE):
            return sense
    return "about"


def _number(written: str, language: str) -> float:
    """The value of a figure as the language writes it: "3,7" = 3.7 in Russian, "1,200" = 1200
    in Korean, "1 200" = 1200, "1천400" = 1400, "сто двадцать" = 120."""
    text = written.strip().lower()
    if not text[:1].isdigit():
        return float(sum(_NUMBER_WORDS.get(word, 0) for word in text.split()))
    korean = re.fullmatch(r"(\d+)(천|백|만)(\d*)", text)
    if korean:
        return float(int(korean[1]) * _NUMBER_WORDS[korean[2]] + (int(korean[3]) if korean[3] else 0))
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    if "," in text:
        whole, _, tail = text.partition(",")
        if language == "ko" and len(tail) == 3 and "." not in tail:
            return float(whole + tail)
        return float(whole + "." + tail)
    return float(text)


def _unit_of(match: re.Match[str], prefix: str) -> str:
    for name, _ in _UNIT_PATTERNS:
        if match[f"{prefix}{name}"] is not None:
            return name
    return "km"


def _compass(written: str) -> str | None:
    """Eight-point direction of a written direction: "к северо-востоку" -> NE, "남서쪽" -> SW."""
    lowered = written.lower()
    letters: list[str] = []
    if _HANGUL.search(lowered):
        letters = [_CARDINALS[ch] for ch in re.sub(r"[^북남동서]", "", lowered)]
        # Korean writes the east-west half second or first ("북동", "동북"): north/south leads.
        letters.sort(key=lambda x: x not in "NS")
    else:
        for part in re.findall(r"север\w*|юг\w*|юж\w*|восток\w*|восточ\w*|запад\w*|північ\w*|півден\w*|"
                               r"схід\w*|східн\w*|сход\w*|захід\w*|західн\w*|заход\w*", lowered):
            for stem, letter in _CARDINALS.items():
                if part.startswith(stem) or (stem in ("схід", "захід") and part.startswith(stem[:-2] + "о")):
                    letters.append(letter)
                    break
    point = "".join(letters[:2])
    return point or None


def _read(match: re.Match[str], original: str, language: str) -> DistanceClaim:
    whole = original[match.start():match.end()]
    unit = _unit_of(match, "u_")
    from geo.units import KM_PER_UNIT

    try:
        low = _number(match["lo"], language)
        high = _number(match["hi"], language) if match["hi"] else None
    except ValueError:
        raise BadClaim(whole, "cannot read the number") from None
    if match["lo_unit"] is not None and high is None:
        raise BadClaim(whole, "a unit twice")
    senses: list[tuple[str, ClaimSense]] = []
    if match["hedge"]:
        senses.append((match["hedge"], _sense_of(match["hedge"], _HEDGES_BEFORE)))
    if match["suffix"]:
        senses.append((match["suffix"].strip(), _sense_of(match["suffix"], _HEDGES_SUFFIX)))
    if match["after"]:
        senses.append((re.sub(r"\s+", " ", match["after"]), _sense_of(match["after"], _HEDGES_AFTER)))
    to_km = KM_PER_UNIT[unit]
    hedge = " … ".join(word for word, _ in senses) or None
    sense: ClaimSense
    low_km: float | None
    high_km: float | None
    if high is not None:
        if high < low:
            raise BadClaim(whole, "a range that runs backwards")
        sense, low_km, high_km = "range", low * to_km, high * to_km
        rule = f"range {low:g} to {high:g} {unit}"
    else:
        # the more binding hedge wins, as in the English reader (claims._SENSE_PRECEDENCE; not
        # imported: claims imports this module)
        order = {"at_least": 3, "at_most": 3, "nearly": 2, "just_over": 2, "about": 1}
        sense = max((s for _, s in senses), key=lambda s: order[s], default="exact")
        value_km = low * to_km
        low_km = None if sense == "at_most" else value_km
        high_km = None if sense == "at_least" else value_km
        rule = f"{sense.replace('_', ' ')} {low:g} {unit}" + (f" (hedge {hedge!r})" if hedge else "")
    if match["conv"]:
        rule += f"; conversion {match['conv']} in brackets noted, first figure kept"
    direction = None
    written_direction = match["direction"] or (match["kodir"] or "").strip()
    if written_direction:
        direction = _compass(written_direction)
        if direction:
            rule += f"; direction {written_direction.strip()!r} = {direction}"
    return DistanceClaim(text=whole, low_km=low_km, high_km=high_km, sense=sense, unit=unit, hedge=hedge,
                         value=low, value_high=high, span=(match.start(), match.end()), rule=rule,
                         direction=direction)


def find_distances_in(text: str, language: str) -> list[DistanceClaim]:
    """Every distance written in ``text`` in Russian, Ukrainian or Korean (and the Latin units
    those texts use: "180km"), in order, with spans. Never raises."""
    out: list[DistanceClaim] = []
    position = 0
    while True:
        match = _claim_re().search(text, position)
        if match is None:
            return out
        try:
            out.append(_read(match, text, language))
        except BadClaim:
            position = match.start() + 1
            continue
        position = match.end()


# Words before a figure that change nothing about it ("на расстоянии 180 км", "всего в 80 км").
_LEADING = re.compile(
    r"\s*(?:(?:на\s+расстоянии|на\s+відстані|расстояние|відстань|в|во|за|у|на|거리는?|직선거리로?)\s+)*", re.IGNORECASE)


def parse_claim_in(text: str) -> DistanceClaim:
    """Read one distance expression in Russian, Ukrainian or Korean ("около 180 км", "약 160km",
    "от 150 до 200 км"); raises :class:`~geo.errors.BadClaim` saying what could not be read."""
    language = detect_language(text)
    if language == "en":
        language = "ru"
    matches = list(_claim_re().finditer(text))
    if not matches:
        reason = ("no number" if not re.search(r"\d|" + _WORD_NUMBER_RE, text, re.IGNORECASE)
                  else "no unit this reader knows (км, километров, кілометрів, морских миль, 해리, ㎞, 킬로미터, km)")
        raise BadClaim(text, reason)
    if len(matches) > 1:
        raise BadClaim(text, f"more than one distance: {matches[1][0]!r} follows; give one")
    match = matches[0]
    lead = _LEADING.match(text)
    before = text[lead.end() if lead else 0:match.start()]
    after = text[match.end():]
    if before.strip():
        raise BadClaim(text, f"unexpected text before the number: {before.strip()!r}")
    if re.search(r"\d", after):
        raise BadClaim(text, f"unexpected figures after the distance: {after.strip()!r}")
    claim = _read(match, text, language)
    return replace(claim, text=text.strip())


# --- places ---------------------------------------------------------------------------------

_CYRILLIC_WORD = re.compile(
    r"(?<![А-ЯЁІЇЄҐа-яёіїєґ])[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ\u0301]+(?:-[А-ЯЁІЇЄҐа-яёіїєґ][а-яёіїєґ'’ʼ\u0301]*)*")
_CAPITALS_WORD = re.compile(
    r"(?<![А-ЯЁІЇЄҐа-яёіїєґ])[А-ЯЁІЇЄҐ][А-ЯЁІЇЄҐ\u0301]{3,}(?:-[А-ЯЁІЇЄҐ\u0301]+)*(?![а-яёіїєґ])")
# Morphology tags of words that are names: geography, people's names, organisations, unknown.
_NAME_TAGS = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"})


_EXTRA_HINT = "install the multilingual extra: pip install 'shiproute[multilingual]' (or '.[multilingual]')"


@functools.cache
def _morph(language: str) -> Any:
    try:
        import pymorphy3
    except ImportError:
        raise DataMissing(f"reading {language!r} text needs pymorphy3 and its dictionaries; {_EXTRA_HINT}") from None
    return pymorphy3.MorphAnalyzer(lang=language)


@functools.lru_cache(maxsize=50_000)
def _parses(language: str, word: str) -> tuple[Any, ...]:
    """The morphology's readings of a word (cached: a name recurs through an article and the next)."""
    return tuple(_morph(language).parse(word.replace("\u0301", "")))


@functools.cache
def _kiwi() -> Any:
    try:
        from kiwipiepy import Kiwi
    except ImportError:
        raise DataMissing(f"reading Korean text needs kiwipiepy; {_EXTRA_HINT}") from None
    kiwi = Kiwi()
    # the tagger splits some small islands' names into verbs and particles ("가거도." as 가 + 어 +
    # 거 + 도): the Korean names of our own table are proper nouns to it
    for name in _table_korean_names():
        kiwi.add_user_word(name, "NNP", 0.0)
    return kiwi


def _table_korean_names() -> list[str]:
    """The one-word Hangul names of ``data/names_multilingual.csv``."""
    import csv

    from geo.fileio import data_file
    from geo.places.index import MULTILINGUAL_NAMES_FILE

    path = data_file(MULTILINGUAL_NAMES_FILE)
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = (n.strip() for r in rows for n in [r["name"], *(r["alt_names"] or "").split("|")])
    return sorted({n for n in names if re.fullmatch(r"[\uac00-\ud7a3]{2,}", n)})


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    keys: tuple[str, ...]  # normalised lookup keys, best first
    common_word: bool  # the morphology knows it as an ordinary word
    particle: str = ""  # Korean: the particle glued after it (에서, 까지, 는 ...)


def _cyrillic_lemmas(word: str, language: str, tag: str | None = None) -> list[str]:
    """Dictionary forms of a Cyrillic word: the morphology's noun readings first."""
    parses = _parses(language, word)
    nouns = [p for p in parses if "NOUN" in p.tag or "ADJF" in p.tag]
    lemmas = []
    for p in nouns or parses:
        form = p.normal_form
        if tag and "ADJF" in p.tag:
            inflected = p.inflect({"nomn", tag})
            if inflected is not None:
                form = inflected.word
        if form not in lemmas:
            lemmas.append(form)
    return lemmas


_ADJECTIVE_BEFORE_NOUN = re.compile(r"\s+(?:[а-яёіїєґ]{2,}|АЭС|АЕС|ГЭС|ГЕС)(?![\w-])")


def _only_adjective(word: str, language: str) -> bool:
    parses = _parses(language, word)
    return bool(parses) and "ADJF" in parses[0].tag


def _is_common(word: str, language: str) -> bool:
    parses = _parses(language, word)
    if not parses or not parses[0].is_known:
        return False
    return not any(_NAME_TAGS & set(str(p.tag).replace(" ", ",").split(",")) for p in parses)


_KIND_WORD = re.compile(r"(?:Город|Місто|Станица|Посёлок|Поселок|Село|Селище|Остров|Острів|Мыс|Мис|Порт|Аэропорт|"
                        r"Аеропорт|Курорт|Станция|Станція|Деревня|Хутор)", re.IGNORECASE)
# A page title that is a headword: "Генічеськ — Вікіпедія", "Каховка (госвеб)".
_HEADWORD_AFTER = re.compile(r"\s*(?:[—–(|:]|\Z|\n)")
_PLACE_VERB = re.compile(r"\s+(?:расположен\w*|находит\w*|розташован\w*|знаходит\w*|лежит|лежить|стоит|стоїть)")


_ROMAN = {
    "ru": dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
                    "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True)),
    "uk": dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ",
                   ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m", "n", "o",
                    "p",
                    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "iu", "ia", "", "", ""], strict=True)),
}


def romanise(name: str, language: str) -> str:
    """A Russian or Ukrainian name in the Latin letters of its national romanisation, as GeoNames
    spells most names: "северодвинск" -> "severodvinsk", "білгород-дністровський" ->
    "bilhorod-dnistrovskyi" (й and и of the keys read as in the language; ий ending = "iy"/"yi")."""
    table = _ROMAN.get(language, _ROMAN["ru"])
    lowered = name.lower()
    ending = (r"ий\b", "iy") if language == "ru" else (r"(?:ии|ий|ыи)\b", "yi")
    lowered = re.sub(ending[0], ending[1], lowered)
    return "".join(table.get(ch, ch) for ch in lowered)


# Kind words an adjective names ("Черное море", "Керченский пролив", "Чернобыльская АЭС",
# "Кінбурнська коса"): the pair is the name, read in the nominative.
_KIND_NOUNS = frozenset({
    "море", "пролив", "залив", "озеро", "остров", "полуостров", "коса", "мыс", "река", "лиман", "бухта",
    "протока", "затока", "острів", "півострів", "мис", "річка", "аэс", "гэс", "аес", "гес",
})
_ADJECTIVE_KIND = re.compile(
    r"(?<![\w-])([А-ЯЁІЇЄҐ][а-яёіїєґ'’]+)\s+([А-ЯЁІЇЄҐ]?[а-яёіїєґ]+|АЭС|ГЭС|АЕС|ГЕС)(?![\w-])")


def _adjective_kind_candidates(text: str, language: str) -> Iterator[_Candidate]:
    """"Черного моря" -> черное море, "Керченским полуостровом" -> керченский полуостров: an
    adjective and a kind noun that agree in case and number, both put in the nominative."""
    from geo.places.names import normalize_name

    for match in _ADJECTIVE_KIND.finditer(text):
        kinds = [p for p in _parses(language, match[2].lower()) if p.normal_form in _KIND_NOUNS and "NOUN" in p.tag]
        if not kinds:
            continue
        # the Ukrainian dictionary reads some such adjectives as nouns ("Чорного" as чорне)
        adjectives = [p for p in _parses(language, match[1]) if "ADJF" in p.tag or "NOUN" in p.tag]
        keys = []
        for kind in kinds:
            number = kind.tag.number or "sing"
            gender = {kind.tag.gender} if number == "sing" and kind.tag.gender else set()
            # the Ukrainian dictionary leaves the singular unmarked: ask for the number only when it is marked
            numbers = {kind.tag.number} if kind.tag.number else set()
            for adjective in adjectives:
                if adjective.tag.case != kind.tag.case or (adjective.tag.number or "sing") != number \
                        or (gender and adjective.tag.gender and adjective.tag.gender not in gender):
                    continue
                noun = kind.inflect({"nomn"} | numbers)
                adj = adjective.inflect({"nomn"} | ({adjective.tag.number} if adjective.tag.number else set()) | gender)
                if noun is not None and adj is not None:
                    keys.append(normalize_name(f"{adj.word} {noun.word}"))
        if keys:
            yield _Candidate(match.start(1), match.end(2), tuple(dict.fromkeys(keys)), False)


def _cyrillic_candidates(text: str, language: str) -> Iterator[_Candidate]:
    from geo.places.gazetteer import _uninflected
    from geo.places.names import normalize_name

    yield from _adjective_kind_candidates(text, language)

    title_end = text.find("\n") if "\n" in text else len(text)
    # a dictionary page writes its headword in capitals ("ЧЕРНОМОРСК — ..."): read it in the title
    words = sorted([*_CYRILLIC_WORD.finditer(text), *_CAPITALS_WORD.finditer(text, 0, title_end)],
                   key=lambda m: m.start())
    for i, first in enumerate(words):
        for j in range(min(len(words), i + 3) - 1, i - 1, -1):
            if any(not re.fullmatch(r"[ \u00a0]", text[words[k].end():words[k + 1].start()]) for k in range(i, j)):
                continue
            run = words[i:j + 1]
            surface = text[first.start():run[-1].end()]
            keys = [normalize_name(surface)]
            last_lemmas = _cyrillic_lemmas(run[-1][0], language)
            parse = _parses(language, run[-1][0])[0]
            gender = next((g for g in ("masc", "femn", "neut") if g in parse.tag), None)
            heads = [" ".join(_cyrillic_lemmas(w[0], language, gender)[0] for w in run[:-1])] if len(run) > 1 else [""]
            for lemma in last_lemmas[:3]:
                keys.append(normalize_name(f"{heads[0]} {lemma}".strip()))
            keys += list(_uninflected(keys[0]))
            if len(run) > 1 and _KIND_WORD.fullmatch(run[0][0]):  # "Станица Благовещенская", "Остров Сахалин"
                rest = run[1:]
                keys.append(normalize_name(" ".join(w[0] for w in rest)))
                if len(rest) == 1:
                    keys += [normalize_name(lemma) for lemma in _cyrillic_lemmas(rest[-1][0], language)[:2]]
            # an ordinary word written with a capital only because it opens a sentence ("Длина",
            # "Затока" = bay) is no name, unless a verb of place follows ("Затока розташована")
            lead = text[max(0, first.start() - 3):first.start()]
            opens = re.search(r"(?:\A|[.!?:;\n—–-]\s*|[«\"(]\s*)\Z", lead) is not None
            # GeoNames lacks many local spellings ("Білгород-Дністровський", "Северодвінськ"): also
            # the name in the national romanisation ("Bilhorod-Dnistrovskyi", "Severodvinsk")
            # (Ukrainian only, and only for a word the dictionary does not know or a hyphenated one:
            # a Russian word's Latin letters are as often some other town's name, "России" Rossi)
            if language == "uk" and ("-" in surface or not _parses(language, run[-1][0])[0].is_known):
                keys += [normalize_name(romanise(key, language)) for key in keys[1:]]
            common = (len(run) == 1 and opens and "-" not in run[0][0] and _is_common(run[0][0], language)
                      and not _PLACE_VERB.match(text, run[-1].end())
                      and not (first.start() == 0 and _HEADWORD_AFTER.match(text, run[-1].end())))
            if len(run) == 1 and _ADJECTIVE_BEFORE_NOUN.match(text, run[-1].end()) \
                    and _only_adjective(run[0][0], language):
                continue
            yield _Candidate(first.start(), run[-1].end(), tuple(dict.fromkeys(k for k in keys if k)), common)
        if "-" in first[0]:
            # "Чернігів-Київ": two names joined by a hyphen, each read alone when the whole is no name
            offset = first.start()
            for part in first[0].split("-"):
                if part[:1].isupper() and len(part) > 2:
                    lemmas = _cyrillic_lemmas(part, language)[:2]
                    keys = [normalize_name(part), *(normalize_name(lemma) for lemma in lemmas)]
                    yield _Candidate(offset, offset + len(part), tuple(dict.fromkeys(keys)), False)
                offset += len(part) + 1


# Korean particles after a name, by what they say about it.
_KO_FROM = ("에서부터", "으로부터", "로부터", "에서는", "에서도", "에서", "부터", "서")
_KO_TO = ("까지는", "까지의", "까지도", "까지", "으로", "로")
_KO_WITH = ("와는", "과는", "와의", "과의", "와", "과", "하고")
_KO_TOPIC = ("은", "는", "이", "가", "도")
# Kind words a Korean name may carry: "나진항" is 나진 port, "독도" keeps its 도 (island).
_KO_KIND_SUFFIXES = ("항구", "항", "공항", "시청", "시", "군", "읍", "면", "리", "구", "역", "섬", "터미널",
                     "여객터미널")


_KO_TOWN_UNITS = ("시", " 시")
_KO_KIND_APART = re.compile(r"(\S)(해협|반도|제도|곶)$")
_KO_FEATURE_ENDING = re.compile(r"(?:도|섬|곶|항|반도|공항|제도|군도|해협)$")
#: What an ordinary-noun run must be in the gazetteer to count as a name (see _korean_candidates).
_KO_FEATURE_KINDS = frozenset({"island", "islet", "archipelago", "cape", "peninsula", "port", "airport", "strait",
                               "channel"})
_KO_OWN_PLACE = re.compile(r"공항|비행장|발전소|원전|호기|기지|역$|시청|터미널")
_KO_SPACED_KINDS = frozenset({"항", "항구", "공항", "여객터미널", "터미널", "해협", "반도", "제도", "섬", "본섬", "곶"})


_CLOSING_QUOTES = frozenset({"'", "’", '"', "”", "」", "』", "》", "〉"})
#: How many ordinary nouns may follow a name before the particle that closes their phrase.
_KO_PHRASE_NOUNS = 3


def _phrase_particle(tokens: Sequence[Any], k: int, end: int) -> str:
    """The particle closing the noun phrase a name opens: "우크라이나 남쪽 연안에서" is "from
    Ukraine's southern coast", "영변 핵시설 단지에서" from the Yongbyon complex, so the name takes
    에서. Only ordinary nouns may stand between (another name starts a phrase of its own)."""
    words = 0
    previous_end = end
    while k < len(tokens) and words <= _KO_PHRASE_NOUNS:
        token = tokens[k]
        gap = token.start - previous_end
        if token.tag in ("NNG", "NNB", "XSN", "XPN") and gap in (0, 1):
            words += gap
            previous_end = token.start + token.len
            k += 1
            continue
        if token.tag.startswith("J") and gap == 0 and previous_end > end:
            return str(token.form)
        return ""
    return ""


def _korean_candidates(text: str) -> Iterator[_Candidate]:
    from geo.places.names import normalize_name

    tokens = _kiwi().tokenize(text)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.tag not in ("NNP", "NNG", "SH") or not _HANGUL.match(token.form):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].tag in ("NNP", "NNG", "XSN") \
                and tokens[j + 1].start == tokens[j].start + tokens[j].len:
            j += 1
        # a kind word written apart ("헬싱키 항에서") belongs to the name
        if j + 1 < len(tokens) and tokens[j + 1].form in _KO_SPACED_KINDS \
                and tokens[j + 1].start == tokens[j].start + tokens[j].len + 1:
            j += 1
        run = tokens[i:j + 1]
        start, end = run[0].start, run[-1].start + run[-1].len
        has_name = any(t.tag == "NNP" for t in run)
        particle = ""
        k = j + 1
        if k < len(tokens) and tokens[k].start == end and tokens[k].form == "(":
            # "인천국제공항(Incheon International Airport)은": the particle after the brackets
            while k < len(tokens) and tokens[k].form != ")" and tokens[k].start - end < 60:
                k += 1
            k += 1
            end_of_brackets = tokens[k - 1].start + tokens[k - 1].len if k - 1 < len(tokens) else end
            if k < len(tokens) and tokens[k].start == end_of_brackets and tokens[k].tag.startswith("J"):
                particle = tokens[k].form
        elif k < len(tokens) and tokens[k].start == end and tokens[k].tag.startswith("J"):
            particle = tokens[k].form
        elif k + 1 < len(tokens) and tokens[k].start == end and tokens[k].form == ")" and start > 0 \
                and text[start - 1] == "(" and tokens[k + 1].start == end + 1 and tokens[k + 1].tag.startswith("J"):
            particle = tokens[k + 1].form  # "일본 본토(후쿠오카)까지": the name in brackets takes what follows them
        elif k + 1 < len(tokens) and tokens[k].start == end and tokens[k].form in _CLOSING_QUOTES \
                and tokens[k + 1].start == end + len(tokens[k].form) and tokens[k + 1].tag.startswith("J"):
            particle = tokens[k + 1].form  # "'독도'는": the particle after the closing quote
        else:
            particle = _phrase_particle(tokens, k, end)
        surface = text[start:end]
        keys = [normalize_name(surface)]
        # "호르무즈해협" and "호르무즈 해협" are one name: the kind word written apart or not
        spaced = _KO_KIND_APART.sub(r"\1 \2", surface)
        keys += [normalize_name(spaced), normalize_name(surface.replace(" ", ""))]
        # shorter readings: without trailing kind words, then each name alone
        # (not for an airport or a plant: without its kind word it names the town, another place)
        if not _KO_OWN_PLACE.search(surface):
            for k in range(len(run) - 1, 0, -1):
                keys.append(normalize_name(text[start:run[k - 1].start + run[k - 1].len]))
            for suffix in _KO_KIND_SUFFIXES:
                if surface.endswith(suffix) and len(surface) > len(suffix) + 1:
                    keys.append(normalize_name(surface[: -len(suffix)].strip()))
            if run[0].tag == "NNP":  # the name that opens the run, not a piece inside it ("신고리")
                keys.append(normalize_name(run[0].form))
            # GeoNames writes Korean town names with their unit word ("청진시", "후쿠오카 시"),
            # running text mostly without: the unit word is a last reading
            keys += [f"{key}{unit}" for key in list(dict.fromkeys(keys))[:3] for unit in _KO_TOWN_UNITS
                     if not key.endswith(unit)]
        if has_name:  # a run of ordinary nouns ("부지", site) is no name, whatever town it spells
            yield _Candidate(start, end, tuple(dict.fromkeys(k for k in keys if k)), False, particle)
        elif _KO_FEATURE_ENDING.search(surface) and len(surface) >= 2:
            # the tagger reads many small islands as ordinary nouns ("홍도는"): one that ends in
            # an island, cape or port word may still be a name, if the gazetteer has it as such
            yield _Candidate(start, end, tuple(dict.fromkeys(k for k in keys if k)), True, particle)
        i = j + 1


# "реки Дунай", "річки Дунаю": the name is the river's; a town of that name is another place.
_RIVER_BEFORE = re.compile(r"(?<!\w)(?:рек[аиуеой]|річк[аиуоі]|річц[іи])\s+\Z", re.IGNORECASE)
# A kind word before a name says which namesake it is ("острова Сахалин", "о. Сахалин", "мыс Дежнёва").
_KIND_BEFORE = (
    (re.compile(r"(?<!\w)(?:остр[оі]в\w*|о\.)\s*\Z", re.IGNORECASE), frozenset({"island", "islet", "archipelago"})),
    (re.compile(r"(?<!\w)(?:мыс\w*|мис\w*)\s+\Z", re.IGNORECASE), frozenset({"cape"})),
    (re.compile(r"(?<!\w)(?:аэропорт\w*|аеропорт\w*)\s+\Z", re.IGNORECASE), frozenset({"airport"})),
)
# Words the morphology reads as pronouns, conjunctions, prepositions or particles are no names ("Он").
_FUNCTION_TAGS = frozenset({"NPRO", "CONJ", "PREP", "PRCL", "INTJ"})
_QUOTED = re.compile(r"\A[«“\"„'].*[»”\"“']\Z", re.DOTALL)
_AIRPORT_CODE_AFTER = re.compile(r"\s*\((?P<code>[A-Z]{3})\)")


def _airport_mention(text: str, start: int, code: re.Match[str]) -> Mention | None:
    from geo.places.gazetteer import airport_by_code
    from geo.types import Candidate, Resolution

    airport = airport_by_code(code["code"])
    if airport is None:
        return None
    resolution = Resolution(query=airport.name, candidates=(
        Candidate(place=airport, score=1.0, reasons=(f"IATA code {code['code']} written after the name",)),))
    return Mention(text=text[start:code.end()], start=start, end=code.end(), place=airport, role="place",
                   resolution=resolution)
_AIRPORT_BEFORE = re.compile(r"(?:аэропорт|аеропорт)\w*\s+\Z", re.IGNORECASE)


def find_mentions_in(text: str, language: str) -> tuple[list[Mention], dict[int, str]]:
    """Place mentions of a Russian, Ukrainian or Korean ``text`` and, for Korean, the particle
    after each mention (by its start), which the linker reads."""
    from geo.errors import ShiprouteError
    from geo.places.gazetteer import context_from_text, lookup_names, resolve
    from geo.text.mentions import words_near

    candidates = list(_korean_candidates(text) if language == "ko" else _cyrillic_candidates(text, language))
    hits = lookup_names(k for c in candidates for k in c.keys)
    mentions: list[Mention] = []
    particles: dict[int, str] = {}
    article_contexts: dict[str, Any] = {}
    taken_until = -1
    for cand in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
        if cand.start < taken_until:
            continue
        key = next((k for k in cand.keys if k in hits), None)
        if key is None:
            continue
        surface = text[cand.start:cand.end]
        places = hits[key]
        if cand.common_word and language == "ko" and not any(h.kind in _KO_FEATURE_KINDS for h in places):
            continue
        if cand.common_word and not any(h.kind in ("town", "port") and h.population >= 20_000 for h in places) \
                and language != "ko":
            continue  # "Длина", "Станция": an ordinary word the gazetteer also knows as a hamlet
        if language != "ko" and surface.lower() != surface \
                and re.search(rf"(?<!\w){re.escape(surface.lower())}(?!\w)", text):
            continue  # the word is also written in lower case: an ordinary word (searched only when it can count)
        if language != "ko" and _QUOTED.match(text[max(0, cand.start - 1):cand.end + 1]):
            continue  # «Аврора», “Южный”: a company, a ship or a port's trade name, not the place of that name
        code = _AIRPORT_CODE_AFTER.match(text, cand.end) if language != "ko" else None
        if code is not None:
            # "Будапешт (BUD)": the airport of that code, when the gazetteer holds it; never the town
            airport = _airport_mention(text, cand.start, code)
            if airport is not None:
                mentions.append(airport)
                particles[cand.start] = ""
                taken_until = code.end()
            continue
        if language != "ko" and _RIVER_BEFORE.search(text, max(0, cand.start - 12), cand.start) \
                and not any(h.kind == "river" for h in places):
            continue  # "реки Дунай": the river, which the gazetteer may not hold; not the town Dunay
        if language != "ko" and " " not in surface and any(
                _FUNCTION_TAGS & set(str(p.tag).replace(" ", ",").split(",")) for p in _parses(language, surface)[:1]):
            continue  # "Он" (he) is no town Eaunes
        if key not in article_contexts:  # a name recurs through an article: its geography is read once
            article_contexts[key] = context_from_text(text, key)
        context = replace(article_contexts[key], words=words_near(text, cand.start, cand.end))
        kinds = next((k for pattern, k in _KIND_BEFORE
                      if pattern.search(text, max(0, cand.start - 10), cand.start)
                      or pattern.match(surface.split(" ")[0] + " ")), frozenset())
        if kinds and any(h.kind in kinds for h in places):
            context = replace(context, kinds=kinds)
        try:
            resolution = resolve(key, context)
        except ShiprouteError:
            continue
        place = resolution.best
        if kinds and place.kind not in kinds:  # "Остров Сахалин" is the island, not the oblast
            place = next((c.place for c in resolution.candidates if c.place.kind in kinds), place)
        if _AIRPORT_BEFORE.search(text, max(0, cand.start - 12), cand.start) and place.kind != "airport":
            continue  # "в аэропорт Менделеево": a village of the name is not the airport
        if place.kind in ("region", "country"):  # "인천" the metropolitan city is also the port town
            town = next((c.place for c in resolution.candidates[1:4]
                         if c.place.kind in ("town", "port") and c.place.country == place.country), None)
            # a region named after its island ("Сахалин", "제주도"): in a distance it is the island
            island = next((c.place for c in resolution.candidates[1:4]
                           if c.place.kind in ("island", "archipelago") and c.place.country == place.country
                           and place.kind == "region"), None)
            place = island or town or place
        mentions.append(Mention(text=surface, start=cand.start, end=cand.end, place=place, role="place",
                                resolution=resolution))
        particles[cand.start] = cand.particle
        taken_until = cand.end
    if language != "ko":
        mentions = sorted([*mentions, *_regional_centres(text, mentions)], key=lambda m: m.start)
    return mentions, particles


# "До обл./респ. центру - фізична 166 км", "до областного центра 115 км": a town's infobox row
# (Ukrainian "обласного", Russian "областного"; "республіканського", "республиканского").
_REGIONAL_CENTRE = re.compile(r"(?<=\s)обл(?:\.|астн\w+|асн\w+)\s*(?:/\s*респ(?:\.|убл\w+))?\s*центр[ау](?!\w)",
                              re.IGNORECASE)
_REGIONAL_CENTRE_LEAD = re.compile(r"(?<!\w)(?:до|від|от)\s+\Z", re.IGNORECASE)


def _regional_centres(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The regional centre an infobox row means, as a mention: the most populous town of the
    first-level region of the town the page is about (named first in its title)."""
    from geo.places.gazetteer import regional_centre
    from geo.types import Candidate, Resolution

    found = [m for m in _REGIONAL_CENTRE.finditer(text)
             if _REGIONAL_CENTRE_LEAD.search(text, max(0, m.start() - 5), m.start())]
    title_end = text.find("\n") if "\n" in text else len(text)
    headword = next((m for m in mentions if m.end <= title_end and m.place.kind in ("town", "port")), None)
    if not found or headword is None:
        return []
    centre = regional_centre(headword.place)
    if centre is None or centre.source == headword.place.source:
        return []
    why = f"the largest town of {headword.place.name}'s region, its regional centre"
    resolution = Resolution(query=centre.name, candidates=(Candidate(place=centre, score=1.0, reasons=(why,)),))
    return [Mention(text=m[0], start=m.start(), end=m.end(), place=centre, role="place", resolution=resolution)
            for m in found]


# --- links ----------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<![\s.][а-яёіїєґa-z]\.)(?<![\s.][а-яёіїєґa-z]{2}\.)(?<=[.!?。])\s+|(?<!\d)\n+|(?<=다\.)")
# Words before a figure that make it the size of a thing: a width, a length, a depth.
_MEASURE_BEFORE = re.compile(
    r"(?:ширин\w*|шир\.|длин\w*|дл\.|глубин\w*|протяж\w*|высот\w*|радиус\w*|площад\w*|довжин\w*|глибин\w*|"
    r"висот\w*|ширин\w*|폭|너비|길이|수심|높이|해발|반경|둘레|면적|길이는|폭은)[\s:—–-]*(?:\S+\s+){0,2}\Z",
    re.IGNORECASE,
)
# Route distances that a straight line cannot check are still claims; the judging says so.
_REFERENCE_GAP = re.compile(
    r"\A\s*(?:(?:от|від|до)\s+(?:[а-яёіїєґ.]+\s+){0,4}?)?(?:(?:города(?:-курорта|-героя)?|город|міста|місто|г\.|м\.|с\.|пос\.|порта|порту|"
    r"острова|острову|о\.|села|посёлка|селища|аэропорта|аеропорту|станции|станції|курорта|центра|центру|"
    r"областного\s+центра|столицы|столиці)\s+)?\Z",
    re.IGNORECASE,
)
# "от A до B", also with kind words before the names and a clause after A ("Від населеного пункту
# Суджа, який контролюють ЗСУ, до Курської АЕС").
_FROM_TO_RU = re.compile(r"(?<!\w)(?:от|из|с|від|з|із)\s+(?:[а-яёіїєґ]+\s+){0,2}\Z", re.IGNORECASE)
_REFERENCE_BEFORE = re.compile(r"(?<!\w)(?:от|из|с|від|з|із|до)\s+(?:\w+\s+)?\Z", re.IGNORECASE)
_TO_RU = re.compile(r"\A(?:,[^,.;:!?\d]{0,60},)?\s*(?:до|в|во|к)\s+(?:[а-яёіїєґ]+\s+){0,2}\Z", re.IGNORECASE)
_BETWEEN_RU = re.compile(r"\b(?:между|між)\s+\Z", re.IGNORECASE)
_AND_DESCRIBED_RU = re.compile(r"\s+(?:и|і|та|й)\s+[^\d.;:!?,]{3,80},\s*")
_AND_RU = re.compile(r"\A\s*(?:и|і|та|й)\s+\Z", re.IGNORECASE)


# Words for "distance": a sentence that has one but names no place may take them from the line before or the title.
_DISTANCE_WORD = re.compile(r"расстояни\w*|відстан\w*|거리|удален\w*|віддален\w*", re.IGNORECASE)
_RAIL = re.compile(r"железн\w*\s+дорог\w*|залізниц\w*|залізн\w*\s+дорог\w*|철도|기차로", re.IGNORECASE)
_ROAD = re.compile(r"автодорог\w*|шоссейн\w*|по\s+дорог\w*|автошлях\w*|автомобільн\w*|автомобильн\w*|도로로|차로",
                   re.IGNORECASE)
_FERRY = re.compile(r"뱃길|항로|운항|돌아서|по\s+морю|морем|паромом|морським\s+шляхом", re.IGNORECASE)
_KO_SAILS = re.compile(r"^\S*[를을]\s.*(?:운항|항해)")
# "NLL을 따라 약 178km", "두만강을 따라 15키로터": along a line, not across
_ALONG = re.compile(r"[을를]\s*따라\s*\Z")
_STRAIGHT = re.compile(r"по\s+прямой|фізичн\w*|по\s+прямій|직선\s*거리", re.IGNORECASE)


def _route_reason(text: str, claim: DistanceClaim, sentence: tuple[int, int]) -> str | None:
    """A rail figure, or a road figure beside a straight-line one, is not the distance to check."""
    start, end = claim.span or (0, 0)
    # the figure's own label: the words since the previous figure or comma, else those up to the next
    near = re.split(r"[\d,;]", text[max(sentence[0], start - 25):start])[-1]
    if not (_RAIL.search(near) or _ROAD.search(near) or _STRAIGHT.search(near)):
        near = re.split(r"[\d,;]", text[end:min(sentence[1], end + 25)])[0]
    if _RAIL.search(near):
        return "a rail distance, which a straight line cannot check"
    own = re.split(r"[\d,;.]", text[max(sentence[0], start - 25):start])[-1] + " " + text[end:min(sentence[1], end + 8)]
    # a Korean clause ends in its verb: "220km를 약 4시간에 걸쳐 운항한다" (sails 220 km in four hours)
    clause_after = re.split(r"[,;.]", text[end:min(sentence[1], end + 30)])[0] if _HANGUL.search(own) else ""
    if _FERRY.search(own) or _KO_SAILS.search(clause_after):
        return "a sea-route or ferry distance, which a straight line cannot check"
    if _ALONG.search(text, max(sentence[0], start - 12), start):
        return "a distance along a line (a river, a border), which a straight line cannot check"
    if _ROAD.search(near) and _STRAIGHT.search(text[sentence[0]:sentence[1]]):
        return "a road distance beside the straight-line one the text also gives"
    return None


@dataclass(frozen=True, slots=True)
class _Pair:
    origin: Mention
    destination: Mention
    how: str
    direction_from: Mention | None = None
    evidence: tuple[str, str] = ("named here", "named here")


# A full stop that ends an abbreviation, not a sentence, when a small letter or a figure follows
# ("обл./респ. центру", "шир. 14-44 км", "наименьшая шир. 55,6 км").
_ABBREVIATION = re.compile(r"(?<![а-яёіїєґa-z])(?:шир|дл|глуб|выс|наим|наиб|макс|мин|ок|обл|респ|прол|п-ов|пов|р|о|г|м|"
                           r"с|пос|смт|им|тыс|млн|ср|сев|юж|вост|зап|півн|півд|сх|бл)\.\Z", re.IGNORECASE)
# ... and a kind word's abbreviation before the name it is part of ("прол. Невельского", "о. Сахалин")
_KIND_ABBREVIATION = re.compile(r"(?<![а-яёіїєґa-z])(?:прол|о|п-ов|пов|р|оз|зал|пос|смт|ст|им)\.\Z")


_CYRILLIC_LOWER = re.compile(r"[а-яёіїєґ]")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        after = text[match.end():match.end() + 1]
        abbreviated = (after.isdigit() and _ABBREVIATION.search(text, max(0, match.start() - 6), match.start())) or (
            after.isupper() and _KIND_ABBREVIATION.search(text, max(0, match.start() - 6), match.start()))
        if match.group() == " " and match.start() > 0 and text[match.start() - 1] == "." and (
                _CYRILLIC_LOWER.match(after) or abbreviated):
            continue
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


# "в 700 км к югу от Москвы, в 40 км от границы": Москвы is the first figure's reference, not the second's
_EARLIER_REFERENCE = re.compile(r"(?:км|километр\w*|кілометр\w*)\.?\s+(?:\S+\s+){0,2}(?:от|від)\s+\Z", re.IGNORECASE)


def _subject_fit(mention: Mention) -> bool:
    """Whether a mention can be what a sentence places somewhere (a town, an island, a plant):
    an area (a country, a sea, a big strait) can only be the end a distance runs to, to its
    border, coast or water ("30 km from the Black Sea", "우크라이나 남쪽 연안에서")."""
    from geo.text.linking import ISLAND_KINDS, can_be_endpoint

    # (an island country or region, Cyprus or Jeju, would need its outline drawn to tell: these
    # readers leave it an end only, which keeps an article from drawing outlines to link)
    return can_be_endpoint(mention) or mention.place.kind in ISLAND_KINDS


def _named_point(mention: Mention) -> bool:
    """A town, a port, a facility: what an apposition after a description names."""
    from geo.text.linking import can_be_endpoint

    return can_be_endpoint(mention) and mention.place.kind not in ("country", "region")


def _pair_ru(text: str, claim: DistanceClaim, places: Sequence[Mention]) -> _Pair | None:
    start, end = claim.span or (0, 0)
    # "от A до B", "из A в B", "между A и B": the nearest such pair
    for a, b in zip(places, places[1:], strict=False):
        lead = text[max(0, a.start - 40):a.start]
        gap = text[a.end:b.start]
        if not _subject_fit(a):
            continue
        if (_FROM_TO_RU.search(lead) and _TO_RU.match(gap)) or (_BETWEEN_RU.search(lead) and _AND_RU.match(gap)):
            return _Pair(a, b, "от A до B / между A и B")
        if re.fullmatch(r"\s?[-–—]\s?", gap) and b.end <= start and _subject_fit(b):  # "Чернигов-Киев ... 140 км"
            return _Pair(a, b, "A–B before the distance")
        if _BETWEEN_RU.search(lead) and b.end <= start:
            # "между A и одним из крупнейших городов Японии, Саппоро": B named after what it is
            named = next((m for m in places if m.start > a.end and m.end <= start and _named_point(m)
                          and _AND_DESCRIBED_RU.fullmatch(text[a.end:m.start])), None)
            if named is not None:
                return _Pair(a, named, "между A и <описание>, B")
    # "<distance> [direction] от B": B is the reference; the subject is named before
    reference = next((m for m in places if m.start >= end and _REFERENCE_GAP.match(text[end:m.start])), None)
    if reference is None:
        reference = next((m for m in reversed(places) if m.end <= start
                          and _REFERENCE_BEFORE.search(text[max(0, m.start - 20):m.start])
                          and not re.search(r"\d", text[m.end:start])
                          and not _EARLIER_REFERENCE.search(text, max(0, m.start - 40), m.start)
                          and not any(o.end <= start and o.start > m.end for o in places)), None)
    if reference is not None:
        # the subject: the nearest place before, not one that is itself a reference ("из A",
        # "в 47 км северо-восточнее B и в 43 км от C": B is no subject of the second figure)
        before = [m for m in places if m.end <= start and m is not reference and _subject_fit(m)
                  and m.place.source != reference.place.source
                  and not _REFERENCE_BEFORE.search(text[max(0, m.start - 20):m.start])
                  and not re.search(r"(?:км|километр\w*|кілометр\w*)\.?\s+\S+\s+(?:\S+\s+)?\Z",
                                    text[max(0, m.start - 40):m.start].split("\n")[-1], re.IGNORECASE)]
        subject = before[-1] if before else None
        if subject is None:
            after = [m for m in places if m.start >= end and m is not reference and _subject_fit(m)
                     and m.place.source != reference.place.source
                     and not _REFERENCE_BEFORE.search(text[max(0, m.start - 20):m.start])]
            subject = after[0] if after else None
        if subject is not None:
            return _Pair(subject, reference, "в N км от B", direction_from=reference if claim.direction else None)
        return _Pair(reference, reference, "reference only", direction_from=reference if claim.direction else None)
    return None


def _particle_is(particles: dict[int, str], mention: Mention, options: Sequence[str]) -> bool:
    return particles.get(mention.start, "") in options


def _pair_ko(text: str, claim: DistanceClaim, places: Sequence[Mention], particles: dict[int, str]) -> _Pair | None:
    start, end = claim.span or (0, 0)
    before = [m for m in places if m.end <= start]
    after = [m for m in places if m.start >= end]
    # "A에서 B까지 N km", "A와 B 사이(의 거리)는 N km"
    for a, b in zip(places, places[1:], strict=False):
        if not _subject_fit(a):
            continue
        if _particle_is(particles, a, _KO_FROM) and _particle_is(particles, b, _KO_TO) and b.end <= end + 20:
            return _Pair(a, b, "A에서 B까지")
        if _particle_is(particles, a, _KO_FROM) and not particles.get(b.start, ""):
            # names that only describe B stand between ("평양 순안국제공항에서 북한 양강도 삼지연공항까지",
            # "쓰시마에서 일본 본토(후쿠오카)까지")
            to = next((m for m in places if m.start > a.end and _particle_is(particles, m, _KO_TO)), None)
            if to is not None and to.start - a.end <= 40 and to.end <= end + 20 and to.end <= start and all(
                    not particles.get(m.start, "") for m in places if a.end < m.start < to.start):
                return _Pair(a, to, "A에서 B까지")
        if _particle_is(particles, a, _KO_WITH) and _KO_BETWEEN_AFTER.match(text, b.end) and b.end <= start:
            return _Pair(a, b, "A와 B 사이")
        if (_particle_is(particles, a, _KO_WITH) and b.end <= start
                and _KO_DISTANCE_OF_AFTER.match(text, b.end, min(start, b.end + 30))):
            return _Pair(a, b, "A와 B의 거리")
    # the reference of this figure, not of an earlier one ("인천항까지 145km …, 강령반도와는 12km")
    # "A와 B": a 와 before another name joins the two, it is no reference
    joined = {a.start for a, b in zip(places, places[1:], strict=False)
              if _particle_is(particles, a, _KO_WITH) and re.fullmatch(r"\s*", text[a.end + 1:b.start])
              and not re.match(r"\s*사이", text[b.end:b.end + 4])}
    reference = next((m for m in reversed(before) if (particles.get(m.start, "") in (*_KO_FROM, *_KO_WITH, *_KO_TO)
                                                      or _KO_MEASURED_FROM.match(text, m.end, start)
                                                      or (claim.direction and not text[m.end:start].strip()))
                      and m.start not in joined
                      and not _KO_OTHER_FIGURE.search(re.sub(r"\([^()]*\)", "", text[m.end:start]))), None)
    if reference is None:
        return None
    others = [m for m in places if m is not reference and m.place.source != reference.place.source
              and _subject_fit(m)]
    # "B가 아닌" (not B) names a place only to set it aside
    topic = next((m for m in others if m.end <= start and _particle_is(particles, m, _KO_TOPIC)
                  and not _KO_NOT.match(text, m.end + len(particles.get(m.start, "")))), None)
    # "B에서 N km 떨어진 A": the place after the figure is its subject only right after such a verb
    # ("완도에서 20km, 배로 50분 거리에 위치한 ... 청산도는": a topic after such a verb, further on)
    subject = topic or next((m for m in after if m in others
                             and (m.start - end <= 20
                                  or (m.start - end <= 80 and _particle_is(particles, m, ("은", "는"))))
                             and _KO_PLACED.search(text, end, m.start)
                             and particles.get(m.start, "") not in (*_KO_FROM, *_KO_TO, *_KO_WITH, "의")), None)
    if subject is None:
        return _Pair(reference, reference, "reference only", direction_from=reference if claim.direction else None)
    return _Pair(subject, reference, "B에서 N km 떨어진 A", direction_from=reference if claim.direction else None)


# Another distance between a reference and this figure makes the reference that one's ("인천항까지
# 145km …, 강령반도와는 12km"); a time or a height does not ("성산포에서 배로 약 20분 …").
_KO_OTHER_FIGURE = re.compile(r"\d[\d.,]*\s*(?:여|남짓)?\s*(?:km|㎞|킬로|키로|해리|마일|mi\b)", re.IGNORECASE)
_KO_NOT = re.compile(r"\s*아니")
_KO_BETWEEN_AFTER = re.compile(r"(?:\s*[\uac00-\ud7a3]{1,3})?\s*사이")  # "A와 B 사이", "A와 B 본토 사이"
# "A와 B의 거리", "A와 B 섬의 직선상 거리": the distance of the two, with no 사이
_KO_DISTANCE_OF_AFTER = re.compile(r"(?:\s*[\uac00-\ud7a3]{1,3})?의\s*(?:직선\s*상?\s*)?거리")
# "서울 광화문 기준으로 약 435km": the place a distance is measured from, without a particle of its own
_KO_MEASURED_FROM = re.compile(r"(?:\s*[\uac00-\ud7a3]+){0,2}\s*기준(?:으로|으론)?(?:는|은)?\s*\Z")
# (a figure with 인 before the name: "오키나와 본섬과의 거리가 509km인 요나구니섬은")
_KO_PLACED = re.compile(r"떨어진|떨어져\s*있는|위치한|자리한|자리잡은|있는|"
                        r"(?<![\uac00-\ud7a3])인(?=\s)|(?<=미터|킬로|해리)인(?=\s)")


def _enclosing_brackets(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """The brackets a figure stands in with words before it ("(제주도 남쪽 11km)"), or None; a
    conversion right after a figure ("81해리(149㎞)") is part of the claim, not such brackets."""
    opening = text.rfind("(", sentence[0], start)
    if opening < 0 or ")" in text[opening:start] or not text[opening + 1:start].strip():
        return None
    closing = text.find(")", end, sentence[1])
    return (opening, closing + 1) if closing >= 0 else None


# A width at the narrowest, which is what measuring across a strait gives: "ширина ... 4 км",
# "наименьшая ширина — 33 км", "в самом узком месте - 7 км", "폭은 39km", "가장 좁은 곳은 131km".
_NARROWEST = (r"сужа\w*|звужу\w*|(?:самое\s+короткое|кратчайшее)\s+расстояни\w*|найкоротш\w*\s+відстан\w*|"
              r"наименьш\w*\s+шир\w*|(?:в\s+)?(?:самом\s+)?узк\w+\s+мест\w*|"
              r"найменш\w*\s+шир\w*|найвужч\w*|"
              r"가장\s+(?:좁은|짧은)\s+곳\S*|최단\s*거리\S*(?:\s+해협은)?|최소\s+폭\S*")
_WIDTH_WORDS = re.compile(rf"(?:{_NARROWEST}|ширин\w*|шир\.|шириной|폭|너비)[^\d]{{0,30}}\Z", re.IGNORECASE)
_NARROWEST_RE = re.compile(_NARROWEST, re.IGNORECASE)
# ... but not its mean or greatest width ("средняя ширина", "평균 폭"), nor a length or a depth
# between the word and the figure.
_MEAN_OR_MOST = re.compile(r"(?:средн\w*|максим\w*|наибольш\w*|больш\w*|широк\w*|середн\w*|найбільш\w*|"
                           r"більш\w*|평균|최대|넓은)\s*\Z",
                           re.IGNORECASE)
_OTHER_SIZE = re.compile(r"длин\w*|довжин\w*|глубин\w*|глибин\w*|길이|수심|깊이|평균|최대|넓은|наибольш\w*|"
                         r"найбільш\w*|максим\w*", re.IGNORECASE)
# "사할린과 러시아 본토 사이의 해협은 7km": the two shores are named, the figure is their distance
_KO_BETWEEN = re.compile(r"[\uac00-\ud7a3](?:와|과)\s+[\uac00-\ud7a3]+(?:\s+[\uac00-\ud7a3]+)?\s+사이")
#: How many sentences back a strait named earlier still owns a width ("Пролив ... . Ширина 4 км").
_WIDTH_REACH = 3


def _width_in(text: str, claim: DistanceClaim, sentence: tuple[int, int], mentions: Sequence[Mention],
              spans: Sequence[tuple[int, int]]) -> Any:
    """A strait's width at its narrowest, linked to the strait as both ends (the English reader's
    ``how="width"``, measured across the strait's shores): the strait is the last one named
    before the figure in its sentence, else in the sentences just before, else in the title."""
    from geo.text.linking import WIDTH_KINDS, LinkedClaim, _index_of

    start = (claim.span or (0, 0))[0]
    cue = _WIDTH_WORDS.search(text, max(sentence[0], start - 40), start)
    if cue is None or _OTHER_SIZE.search(text, cue.start(), start) \
            or _MEAN_OR_MOST.search(text, max(sentence[0], cue.start() - 12), cue.start()):
        return None
    if re.search(r"(?<!\w)(?:между|між)\s[^,;]*\Z", text[max(sentence[0], cue.start() - 60):cue.start()],
                 re.IGNORECASE) or _KO_BETWEEN.search(text, cue.start(), start):
        return None  # "Между островами Диомида пролив шириной 3,7 км": the islands' distance
    if not _NARROWEST_RE.match(text, cue.start()) and _NARROWEST_RE.search(text, start, sentence[1]):
        return None  # "폭은 약 50km 정도로 최소 폭은 39km": the narrowest comes next; this is another width
    straits = [m for m in mentions if m.place.kind in WIDTH_KINDS]
    here = [m for m in straits if sentence[0] <= m.start and m.end <= start]
    evidence = "named here"
    if here:
        strait = here[-1]
    else:
        index = _index_of(spans, sentence, missing=0)
        earlier = [m for m in straits if spans[max(0, index - _WIDTH_REACH)][0] <= m.start < sentence[0]]
        title_end = text.find("\n") if "\n" in text else len(text)
        titled = [m for m in straits if m.end <= title_end]
        if earlier:
            strait, evidence = earlier[-1], "the strait named just before"
        elif titled:
            strait, evidence = titled[0], "the strait the page is about, named in its title"
        else:
            return None
    return LinkedClaim(claim=claim, origin=strait, destination=strait, sentence=sentence, how="width",
                       evidence=(evidence, evidence))


#: How many lines back a line that only names a place still heads the text ("소청도(小靑島)" / "… 4.5㎞ 지점에 있다").
_HEADWORD_REACH = 3


# Words after a country's name that make it a shore or a mainland, which has a nearest point:
# "우크라이나 최남단 해안", "일본 본토", "побережья Турции" (before), "узбережжя України".
_COAST_AFTER_KO = re.compile(r"(?:\s*[\uac00-\ud7a3]+)?\s*(?:해안|연안|본토|해변|앞바다|땅|육지|내륙)")
_COAST_BEFORE_RU = re.compile(r"(?:берег\w*|побереж\w*|узбереж\w*|материк\w*|суш\w*)\s+\Z", re.IGNORECASE)


def _whole_country(text: str, mention: Mention) -> bool:
    """Whether ``mention`` names a whole country as the end of a distance ("북한과는 약 3500㎞",
    "в 40 км от границы с Украиной"): the text then names no point of it to measure to, unless it
    speaks of its coast or mainland."""
    from geo.text.linking import can_be_endpoint

    if mention.place.kind != "country" or can_be_endpoint(mention):
        return False
    return not (_COAST_AFTER_KO.match(text, mention.end, mention.end + 12)
                or _COAST_BEFORE_RU.search(text, max(0, mention.start - 20), mention.start))


def _section_headword(text: str, sentence: tuple[int, int], endpoints: Sequence[Mention],
                      reference: Mention) -> Mention | None:
    """The place a section is about: a line just before ``sentence`` that holds only its name
    (and a gloss in brackets), as a dictionary or a travel page heads an entry."""
    line_start = text.rfind("\n", 0, sentence[0]) + 1
    for _ in range(_HEADWORD_REACH):
        if line_start <= 0:
            return None
        previous = text.rfind("\n", 0, line_start - 1) + 1
        line = text[previous:line_start - 1]
        named = [m for m in endpoints if previous <= m.start and m.end <= line_start - 1]
        if len(named) == 1 and named[0].place.source != reference.place.source and re.fullmatch(
                r"(?:\([^()]*\)|[\s'\"‘’“”:])*", line[:named[0].start - previous] + line[named[0].end - previous:]):
            return named[0]
        line_start = previous
    return None


def link_claims_in(text: str, mentions: Sequence[Mention], distances: Sequence[DistanceClaim], language: str,
                   particles: dict[int, str] | None = None) -> tuple[list[Any], list[NonClaim]]:
    """Split ``distances`` into claims linked to two places and the rest, with reasons, by the
    patterns of ``language`` (see the module docstring)."""
    from geo.text.linking import WIDTH_KINDS, LinkedClaim, _index_of, can_be_area_end, can_be_endpoint

    particles = particles or {}
    endpoints = sorted((m for m in mentions if can_be_endpoint(m)), key=lambda m: m.start)
    all_mentions = sorted(mentions, key=lambda m: m.start)
    # the ends a pattern may join: endpoints, and areas as the end a distance runs to
    # (a peninsula too: "고흥반도로부터 남쪽으로 40㎞", measured to its point)
    # (not a strait: its figure is its width, read above; "отделяет от материка Татарский пролив" is no reference)
    ends = [m for m in all_mentions if (can_be_endpoint(m) or can_be_area_end(m) or m.place.kind == "peninsula")
            and m.place.kind not in WIDTH_KINDS]
    spans = _sentences(text)
    linked: list[LinkedClaim] = []
    rejected: list[NonClaim] = []
    for claim in distances:
        start, end = claim.span or (0, 0)
        sentence = next(((s, e) for s, e in spans if s <= start < e), (start, end))
        width = _width_in(text, claim, sentence, all_mentions, spans)  # a big strait is no endpoint, but has a width
        if width is not None:
            linked.append(width)
            continue
        if _MEASURE_BEFORE.search(text[max(sentence[0], start - 30):start]):
            rejected.append(NonClaim(claim=claim, reason="the size of a thing (a width, a length, a depth), "
                                                         "not a distance between two places"))
            continue
        route = _route_reason(text, claim, sentence)
        if route is not None:
            rejected.append(NonClaim(claim=claim, reason=route))
            continue
        bracket = _enclosing_brackets(text, start, end, sentence)
        if bracket is not None:  # "마라도(제주도 남쪽 11km)": the brackets' own place and the one before them
            near_places = [m for m in endpoints if bracket[0] - 25 <= m.start and m.end <= bracket[1]]
            outer = [m for m in near_places if m.end <= bracket[0]]
            inner = [m for m in ends if bracket[0] < m.start and m.end <= start]
            if outer and inner and outer[-1].place.source != inner[-1].place.source:
                linked.append(LinkedClaim(claim=claim, origin=outer[-1], destination=inner[-1], sentence=sentence,
                                          how="A (B … N km)", direction_from=inner[-1] if claim.direction else None))
            else:
                rejected.append(NonClaim(claim=claim, reason="the brackets do not name both places"))
            continue
        index = _index_of(spans, sentence, missing=0)
        title_end = text.find("\n") if "\n" in text else len(text)
        # A sentence that names no place may lean on the line before ("До Києва" / "- фізична 572 км")
        # or, last, on the title ("На пароме из Хельсинки в Таллин").
        windows = [sentence]
        label = _STRAIGHT.sub("", text[sentence[0]:start]).strip(" -–—|:")
        if _DISTANCE_WORD.search(text, sentence[0], sentence[1]) or label == "":
            if index > 0:
                windows.append((spans[index - 1][0], sentence[1]))
            if _DISTANCE_WORD.search(text, sentence[0], sentence[1]):
                windows.append((0, title_end))
        pair = None
        for window in windows:
            places = [m for m in ends if window[0] <= m.start and m.end <= max(window[1], sentence[1])
                      and (m.start >= sentence[0] or m.end <= window[1])]
            if window != sentence and any(sentence[0] <= m.start < sentence[1] for m in places):
                break
            if window[1] < sentence[0] or window[1] - window[0] > 60 + sentence[1] - sentence[0]:
                # the title, or a long sentence before: a stated pair only ("A에서 B까지 …. 거리는 390㎞")
                stated = [m for m in places if m.end <= (title_end if window[1] < sentence[0] else sentence[0])]
                found = _pair_ko(text, claim, stated, particles) if language == "ko" else _pair_ru(text, claim, stated)
                pair = found if found is not None and found.how.startswith(("от A", "A에서")) else None
            else:
                pair = _pair_ko(text, claim, places, particles) if language == "ko" else _pair_ru(text, claim, places)
            if pair is not None:
                break
        if pair is not None and pair.origin is pair.destination:
            # the sentence names only the reference: the subject is the place the page is about
            title_end = text.find("\n") if "\n" in text else len(text)
            named_here = {m.place.source for m in endpoints if sentence[0] <= m.start < sentence[1]}
            headword = _section_headword(text, sentence, endpoints, pair.destination)
            headword = headword or next((m for m in endpoints if m.end <= title_end
                                         and particles.get(m.start, "") in ("", *_KO_TOPIC)
                                         and m.place.source != pair.destination.place.source
                                         and m.place.source not in named_here), None)
            if headword is None:
                pair = None
            else:
                pair = replace(pair, origin=headword, how=pair.how + ", subject from the title",
                               evidence=("the place the page is about, named in its title", "named here"))
        if pair is None:
            rejected.append(NonClaim(claim=claim, reason="the sentence does not say between which two places"))
            continue
        if any(_whole_country(text, m) for m in (pair.origin, pair.destination)):
            rejected.append(NonClaim(claim=claim, reason="a distance to a whole country (its border, or no point the "
                                                         "text names), not between two places"))
            continue
        linked.append(LinkedClaim(claim=claim, origin=pair.origin, destination=pair.destination, sentence=sentence,
                                  how=pair.how, direction_from=pair.direction_from, evidence=pair.evidence))
    return linked, rejected


def read_article(text: str, language: str) -> tuple[list[Mention], list[Any], list[NonClaim]]:
    """Mentions, linked claims and non-claims of a Russian, Ukrainian or Korean article."""
    distances = find_distances_in(text, language)
    mentions, particles = find_mentions_in(text, language)
    linked, rejected = link_claims_in(text, mentions, distances, language, particles)
    return mentions, linked, rejected
