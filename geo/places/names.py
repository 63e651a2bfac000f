"""Place names: how they are compared (:func:`normalize_name`) and the curated country names.

Normalisation
-------------
Case-, diacritics- and punctuation-insensitive: ``"Ţarţūs" -> "tartus"``, ``"Sol'deu" ->
"soldeu"``, ``"Najin-ŭp" -> "najin up"``. Marks are stripped only from Latin, Greek and Cyrillic
letters; other scripts keep theirs (``"나진"`` stays ``"나진"``, ``"Дунай" -> "дунаи"``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_name"]

# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

# Apostrophes join (Pal'mira -> palmira); every other non-word character separates. The
# transliteration marks of ʿayn and hamza join too (ʿAṭbarah -> atbarah, Ṣanʿāʾ -> sana).
_APOSTROPHES = "'’‘ʼʻ`´ʹ′ˈʿʾ"
_ASCII_APOS_RE = re.compile(r"['`]")
_ASCII_SEP_RE = re.compile(r"[^a-z0-9]+")
_APOS_RE = re.compile("[" + _APOSTROPHES + "]")
# Word characters plus the combining marks of scripts whose marks we keep (Indic, Arabic,
# Hebrew, Thai, kana voicing); without them "राजिन" would split at every vowel sign.
_SEP_RE = re.compile(
    r"[^\w\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u3099\u309a]+"
)
# A combining mark right after a Latin, Greek or Cyrillic letter is a diacritic to drop.
_LATIN_MARKS_RE = re.compile(r"(?<=[\u0000-\u052f\u1e00-\u1fff])[\u0300-\u036f]+")
_SPECIAL_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ŀ": "l"}
)


def normalize_name(text: str) -> str:
    """The matching key of a name: lower case, no diacritics, punctuation as single spaces.

    >>> normalize_name("Ţarţūs"), normalize_name("  Najin-ŭp "), normalize_name("Pal'mira")
    ('tartus', 'najin up', 'palmira')
    >>> normalize_name("나진"), normalize_name("Дунай")
    ('나진', 'дунаи')
    """
    if text.isascii():
        lowered = _ASCII_APOS_RE.sub("", text.lower())
        return _ASCII_SEP_RE.sub(" ", lowered).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = _LATIN_MARKS_RE.sub("", decomposed)
    folded = unicodedata.normalize("NFC", stripped).casefold().translate(_SPECIAL_LETTERS)
    return _SEP_RE.sub(" ", _APOS_RE.sub("", folded)).replace("_", " ").strip()

# --------------------------------------------------------------------------------------------
# Curated country names and demonyms (what pycountry and GeoNames spell differently from news)
# --------------------------------------------------------------------------------------------

_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("United Arab Emirates", "Emirates"),
    "BN": ("Brunei",),
    "BO": ("Bolivia",),
    "CD": ("DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "CN": ("China", "People's Republic of China", "Mainland China"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "CZ": ("Czechia", "Czech Republic"),
    "FM": ("Micronesia",),
    "GB": ("United Kingdom", "Britain", "Great Britain"),
    "IR": ("Iran", "Persia"),
    "KP": ("North Korea", "Democratic People's Republic of Korea", "N. Korea"),
    "KR": ("South Korea", "Republic of Korea", "S. Korea", "Korea"),  # news' "Korea" alone is the South
    "LA": ("Laos",),
    "MD": ("Moldova",),
    "MK": ("North Macedonia", "Macedonia"),
    "MM": ("Myanmar", "Burma"),
    "NL": ("Netherlands", "Holland"),
    "PS": ("Palestine", "State of Palestine"),
    "RU": ("Russia", "Russian Federation"),
    "SY": ("Syria", "Syrian Arab Republic"),
    "SZ": ("Eswatini", "Swaziland"),
    "TL": ("East Timor", "Timor-Leste"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "TW": ("Taiwan",),
    "TZ": ("Tanzania",),
    "US": ("United States", "United States of America", "America"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "VE": ("Venezuela",),
    "VN": ("Vietnam", "Viet Nam"),
}

# Written in capitals, these are codes and only count as such (never matched in lower case,
# where "us" is a pronoun).
_COUNTRY_CODES_EXTRA: dict[str, tuple[str, ...]] = {
    "US": ("USA", "U.S.", "U.S.A."),
    "GB": ("UK", "U.K."),
    "AE": ("UAE",),
    "KP": ("DPRK",),
    "KR": ("ROK",),
    "CN": ("PRC",),
    "CD": ("DRC",),
}

_DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan",), "AL": ("Albanian",), "AM": ("Armenian",), "AR": ("Argentine", "Argentinian"),
    "AU": ("Australian",), "AZ": ("Azerbaijani",), "BD": ("Bangladeshi",), "BE": ("Belgian",),
    "BG": ("Bulgarian",), "BR": ("Brazilian",), "BY": ("Belarusian",), "CA": ("Canadian",),
    "CL": ("Chilean",), "CN": ("Chinese",), "CU": ("Cuban",), "CY": ("Cypriot",), "CZ": ("Czech",),
    "DE": ("German",), "DJ": ("Djiboutian",), "DK": ("Danish",), "DZ": ("Algerian",),
    "EE": ("Estonian",), "EG": ("Egyptian",), "ER": ("Eritrean",), "ES": ("Spanish",),
    "ET": ("Ethiopian",), "FI": ("Finnish",), "FR": ("French",), "GB": ("British",),
    "GE": ("Georgian",), "GR": ("Greek",), "HR": ("Croatian",), "HU": ("Hungarian",),
    "ID": ("Indonesian",), "IE": ("Irish",), "IL": ("Israeli",), "IN": ("Indian",),
    "IQ": ("Iraqi",), "IR": ("Iranian",), "IS": ("Icelandic",), "IT": ("Italian",),
    "JO": ("Jordanian",), "JP": ("Japanese",), "KE": ("Kenyan",), "KP": ("North Korean",),
    "KR": ("South Korean",), "KW": ("Kuwaiti",), "KZ": ("Kazakh", "Kazakhstani"),
    "LB": ("Lebanese",), "LT": ("Lithuanian",), "LV": ("Latvian",), "LY": ("Libyan",),
    "MA": ("Moroccan",), "MD": ("Moldovan",), "MM": ("Burmese",), "MT": ("Maltese",),
    "MX": ("Mexican",), "MY": ("Malaysian",), "NG": ("Nigerian",), "NL": ("Dutch",),
    "NO": ("Norwegian",), "NZ": ("New Zealand",), "OM": ("Omani",), "PH": ("Philippine", "Filipino"),
    "PK": ("Pakistani",), "PL": ("Polish",), "PT": ("Portuguese",), "QA": ("Qatari",),
    "RO": ("Romanian",), "RS": ("Serbian",), "RU": ("Russian",), "SA": ("Saudi",),
    "SD": ("Sudanese",), "SE": ("Swedish",), "SG": ("Singaporean",), "SO": ("Somali",),
    "SY": ("Syrian",), "TH": ("Thai",), "TN": ("Tunisian",), "TR": ("Turkish",),
    "TW": ("Taiwanese",), "UA": ("Ukrainian",), "AE": ("Emirati",), "US": ("American",),
    "VE": ("Venezuelan",), "VN": ("Vietnamese",), "YE": ("Yemeni",), "ZA": ("South African",),
}

