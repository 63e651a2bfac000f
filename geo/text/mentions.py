"""Place names in running text, with the precision a newsroom needs.

Words are read as news writes them: a hyphen separates words ("Turkish-Russian"), while
abbreviations keep their full stop ("Ill.", "U.S.", "St.", "Jan."), so that "Ill." is Illinois
and "Ill health" is not; contractions ("I've") and party tags ("R-" in "R-Ill.") are no words.
Every run of 1..:data:`geo.places.MAX_NAME_TOKENS` capitalised words (or words in a
non-Latin script), with lower-case connectors inside ("Strait of Hormuz") and hyphens
("Winston-Salem"), is looked up in the gazetteer in one batch ("St. Louis" also as "Saint
Louis"); the longest names win, left to right. A hit is dropped when the words around it say
it is a person, an organisation or an ordinary word:

* it is part of a run of capitalised words that reads as a person: after "said" or before
  ", a spokeswoman", after a title ("Minister Shin", "Sen. Smith"), or next to words that are
  no place ("Shin Wonsik", "Vladimir Putin"); every word of such a run is then refused all
  through the article ("Shin stated");
* it is a stop word, a month or day, a title or a newsroom word ("Since", "September",
  "Photo", "Bloomberg"), a continent or sea that GeoNames also gives to a town when the
  gazetteer knows no continent, country or sea of that name, an institution or organisation
  ("Hamas"; but "West Bank" is a region), initials that name no country, region or big town
  ("UN", "MW", "BA"), part of a hyphenated name that is no place ("Wal-Mart"), part of a
  feature's name ("Elizabeth River"), a region's code after a town ("Perth, WA"), or a town
  written like a ship or weapon ("the Dali, which", "Iskander missiles"; "the Paris police"
  is the town);
* it is a small town (under :data:`SMALL_TOWN_POPULATION`) with no sign that a place is meant:
  a locative word before it ("in", "to", "from", "port of"...), or a country, region or
  distance right after it ("Paldiski in Estonia", "Polyarny, some 25 km from"); an alternate
  name needs both kinds of sign, or a distance after it.

Country codes count only in capitals and only the well-known ones ("US", "U.S.", "UK", "UAE",
"DPRK"...), never as a road or money ("US-24", "US$"). Continents and macro-regions ("Europe",
"the Middle East") are listed as places of kind ``continent``, never a claim's endpoint.

A capital followed by a verb of speech or action ("Moscow said", "Seoul says", "Moscow was
facing") is kept with ``role="government"``: it is listed, never a claim's endpoint. A
demonym ("Turkish", "North Korean", "Russians", "Texan", "European") is kept with
``role="adjective"`` and names its country, region or continent, unless it is part of a longer
name ("Native American", "Indian River", "African American"), a language ("speaks French") or
a surname ("French said").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geo.types import ISLAND_KINDS, Mention

__all__ = ["find_mentions", "SMALL_TOWN_POPULATION", "Token", "tokenize", "words_near"]

SMALL_TOWN_POPULATION = 20_000

# A word; a hyphen separates words ("Russian-American", "Winston-Salem"), which a name may
# still join across (see _candidate_spans).
_WORD = r"[^\W\d_](?:[\w]|['’](?=[^\W\d_]))*"
# "U.S.", "U.K.", "D.C.", "L.A.": capitals with full stops are one token, stops included.
_INITIALS = r"(?<![\w.])(?:[A-Z]\.){2,}(?!\w)"
# A party tag before a state or town ("R-Ill.", "D-Columbus") is no part of the name.
_PARTY_TAG = r"(?<![\w.-])(?:D|R|I|DFL)-(?=[A-Z])"
# Contractions ("I've", "we'd", "don't") are no names.
_CONTRACTION = re.compile(r"['’](?:ve|d|ll|re|m|t)\Z", re.IGNORECASE)
# Words written with a full stop that name no place: a token keeps its stop, so "Jan." is not
# the town Jan and "Sen. Smith" reads as a title before a name. The places' own abbreviations
# ("Ill.", "St.", "Mt.") come from geo.places.names.
_DOTTED_WORDS = (
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Capt.", "Cpl.", "Sgt.", "Pvt.", "Adm.", "Maj.",
    "Cmdr.", "Sen.", "Sens.", "Rep.", "Reps.", "Gov.", "Govs.", "Rev.", "Hon.", "Jr.", "Sr.", "Supt.", "Det.",
    "Insp.", "Atty.", "Asst.", "Assn.", "Corp.", "Inc.", "Ltd.", "Co.", "Bros.", "No.", "Nos.", "Vol.", "Ave.",
    "Blvd.", "Rd.", "Hwy.", "Dept.", "Univ.", "Pres.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sep.", "Sept.",
    "Oct.", "Nov.", "Dec.", "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thur.", "Thurs.", "Fri.", "Sat.", "Sun.",
)
_CONNECTORS = frozenset(
    {"of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "al",
     "upon", "on", "am", "an", "der", "den", "y", "e", "sur", "en", "the", "au", "aux"}
)
_GEO_TERMS = frozenset(
    {"port", "harbour", "harbor", "bay", "strait", "straits", "sea", "gulf", "island", "islands", "peninsula",
     "river", "canal", "city", "province", "oblast", "krai", "kray", "region", "county", "state", "district",
     "base", "naval", "terminal", "airport", "coast", "cape", "lake", "mountains", "valley", "point", "head",
     "sound", "channel", "passage", "estuary", "delta", "republic", "kingdom", "federation", "territory",
     "governorate", "prefecture", "municipality", "town", "village", "north", "south", "east", "west",
     "township", "borough", "parish", "heights", "park", "beach", "springs", "falls", "hills", "creek", "reservoir",
     "atoll", "reef", "shoal", "archipelago", "isle", "isles", "islet", "plateau", "bank", "rock", "rocks", "ridge",
     "trough", "seamount", "basin", "shelf", "trench", "lagoon", "fjord", "glacier",
     # the same words in the languages that write them before or after a name ("Insel Lampedusa")
     "insel", "inseln", "inselgruppe", "halbinsel", "stadt", "hafen", "küste", "meer", "golf", "bucht", "kap",
     "île", "îles", "ville", "côte", "baie", "isola", "isole", "città", "porto", "costa", "golfo", "capo",
     "isla", "islas", "ciudad", "puerto", "bahía", "cabo", "península", "penisola", "péninsule"}
)
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "president", "minister", "prime", "secretary", "general", "gen", "admiral",
     "adm", "captain", "capt", "colonel", "col", "lieutenant", "lt", "sergeant", "chancellor", "king", "queen",
     "prince", "princess", "sheikh", "emir", "ambassador", "governor", "mayor", "senator", "rep", "representative",
     "spokesman", "spokeswoman", "spokesperson", "chief", "commander", "director", "chairman", "pope", "saint",
     "sir", "lord", "lady", "judge", "officer", "analyst", "professor", "correspondent", "reporter", "editor",
     "gov", "govs", "sen", "sens", "reps", "sgt", "cpl", "pvt", "maj", "cmdr", "rev", "det", "supt", "atty", "pres",
     "hon", "insp", "gens", "delegate"}
)
_STOP_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "by", "for", "to", "from", "with", "as",
     "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "he", "she", "they",
     "we", "you", "i", "his", "her", "their", "our", "my", "your", "since", "despite", "after", "before", "during",
     "while", "when", "where", "which", "who", "whom", "whose", "what", "why", "how", "however", "although",
     "though", "because", "according", "photo", "photos", "video", "image", "reuters", "ap", "afp", "bloomberg",
     "associated", "press", "times", "post", "news", "agency", "tass", "yonhap", "xinhua", "interfax", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "eng", "english", "today",
     "yesterday", "tomorrow", "week", "month", "year", "mr", "mrs", "ms", "dr", "new", "old", "big", "great",
     "no", "not", "yes", "over", "under", "around", "about", "nearly", "almost", "than", "very",
     "little", "first", "last", "next", "some", "many", "most", "more", "such", "all", "any", "every", "each",
     "both", "other", "another", "also", "only", "just", "even", "still", "yet", "so", "then", "there", "here",
     "now", "said", "says", "say", "told", "tells", "asked", "asks", "sir", "madam", "dear", "ministry", "army",
     "navy", "air", "force", "police", "government", "state", "states", "united", "nations", "union",
     "council", "commission", "parliament", "congress", "senate", "house", "court", "intelligence", "defense",
     "defence", "foreign", "affairs", "security", "service", "coast", "guard", "fleet", "ocean", "sea", "north",
     "south", "east", "west", "central", "western", "eastern", "northern", "southern", "gulf", "bay", "strait",
     "port", "harbour", "harbor", "island", "cape", "channel", "canal", "river", "lake"]
)
# Names of continents, oceans, seas and macro-regions that GeoNames also gives to towns
# ("Asia" in the Philippines, "Middle East"...): in news text they never mean the town.
_AREAS = frozenset(
    ["asia", "europe", "africa", "america", "americas", "north america", "south america", "latin america",
     "oceania", "antarctica", "arctic", "antarctic", "middle east", "near east", "far east", "russian far east",
     "east asia", "southeast asia", "south asia", "central asia", "indo pacific", "asia pacific", "pacific",
     "atlantic", "indian ocean", "mediterranean", "caribbean", "baltic", "red sea", "black sea", "north sea",
     "south china sea", "east china sea", "yellow sea", "sea of japan", "sea of okhotsk", "bering sea",
     "arabian sea", "caspian sea", "persian gulf", "gulf", "arctic circle", "scandinavia", "balkans", "caucasus",
     "levant", "maghreb", "sahel", "horn of africa", "west africa", "east africa", "north africa", "eastern europe",
     "western europe", "central europe", "north pacific", "south pacific", "north atlantic", "south atlantic"]
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|from|to|near|off|into|onto|toward|towards|via|outside|inside|around|reach(?:ed|es)?|"
    r"leave|left|leaving|left|departed|departing|arrived|arriving|docked|berthed|anchored|visit(?:ed|s)?|"
    r"of|between|port|harbou?r|base|town|city|village|island|"
    # the same in German, French, Italian and Spanish text: "westlich der Stadt X", "nach X", "à X", "di X"
    r"von|vom|nach|bei|stadt|hafen|insel|ville|île|città|isola|ciudad|isla|puerto|à|di|da|dalla|desde|hasta"
    r")\s+(?:the\s+)?(?:(?:port|city|town|naval base|"
    r"base|harbou?r|village|island) of\s+)?|[,(]\s*)\Z",
    re.IGNORECASE,
)
_GOVERNMENT_VERB = re.compile(
    r"\A(?:['’]s\s+(?:government|leadership|regime|officials?|position|decision)|\s+(?:(?:has|had|have|is|was|were|"
    r"will|would|could|may|might|must|has been|had been)\s+)?(?:not\s+)?(?:said|says|say|warned|warns|announced|"
    r"announces|denied|denies|deny|accused|accuses|claimed|claims|insisted|insists|responded|rejected|rejects|"
    r"wants|wanted|sent|sends|send|supplied|supplies|signed|agreed|agrees|refused|refuses|demanded|demands|"
    r"threatened|threatens|vowed|vows|urged|urges|condemned|condemns|facing|faces|faced|hopes|believes|"
    r"considers|approved|approves|sanctioned|imposed|protested|summoned|blamed|expects|plans|planned|"
    r"ordered|retaliated|confirmed|confirms|reported|officials?|authorities|regime|leadership|government)\b)",
    re.IGNORECASE,
)
# Islands and other features named as a distance's subject: a distance later in the sentence
# is sign enough that the feature is meant ("Snake Island is located approximately 35 km off").
_DISTANCE_FEATURE_KINDS = frozenset({"island", "islet", "atoll", "reef", "shoal", "archipelago", "cape", "strait",
                                     "channel"})
_DISTANCE_LATER = re.compile(r"[^.;!?\n]{0,160}?\d[\d,.]*\s*-?\s*(?:km|kilomet|miles?\b|nautical|nm\b|nmi\b)",
                             re.IGNORECASE)
_DISTANCE_AFTER = re.compile(
    r"\A,?\s+(?:(?:about|around|some|roughly|nearly|almost|just|barely|only|approximately|which lies|lies|is|sits|"
    r"located|situated|lying|exactly|precisely|over|under|more than|less than)\s+)*"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|a hundred)\b)",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(r"\A(?P<sep>\s*,\s*|\s+in\s+|\s+on\s+|\s*\(\s*)"
                              r"(?:the\s+)?(?P<name>(?:[A-Z]\.\s?)+[A-Z][a-z]{0,3}\.|[A-Z][a-z]{1,4}\.(?!\w)|"
                              r"[^\W\d_][\w'’-]*(?:\s[A-Z][\w'’-]*)?)")
_BETWEEN_AND = re.compile(r"\bbetween\s+(?:the\s+)?(?P<first>[^\W\d_][\w'’-]*)(?:\s+\S+){0,3}\s+and\s+(?:the\s+)?\Z",
                          re.IGNORECASE)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# A multi-word name ending in one of these words names the feature itself ("Paracel Islands",
# "Yonaguni Island"): a place without any other sign.
_ISLAND_HEADS = frozenset({"island", "islands", "isle", "isles", "atoll"})
_FEATURE_NAME_HEADS = frozenset({"island", "islands", "isle", "isles", "islet", "atoll", "reef", "shoal", "archipelago",
                                 "strait", "straits", "cape", "peninsula", "base", "airport", "plant", "dam",
                                 "bridge"})
# Capitalised nouns that introduce a name in German and a name's kind in other languages: "Insel
# Lampedusa", "Stadt Borgarnes", "Isola Lampedusa" (not English "County Road", which ends a name).
_NAME_INTRO_WORDS = frozenset({"insel", "stadt", "hafen", "hafenstadt", "île", "ville", "isola", "città", "isla",
                               "ciudad", "puerto", "halbinsel"})
_FEATURE_NAME_LEADS = frozenset({"point", "cape", "isle", "isla", "île", "ile", "isola", "mount", "port", "cap",
                                 "punta", "ras", "pointe", "lake", "lac", "lago"})
_FACILITY_KINDS = frozenset({"base", "naval_base", "air_base", "airport", "nuclear_plant", "power_plant", "dam",
                             "bridge"})
_FEATURE_WORDS = frozenset({"river", "strait", "straits", "bay", "sea", "canal", "peninsula", "island", "islands",
                            "gulf", "lake", "mountains", "channel", "sound", "fleet", "shipyard", "university",
                            "valley", "delta", "lagoon", "reef", "basin", "shelf", "trench", "current"})
# Words that make a run of capitalised words an organisation's name, not a person's.
_ORGANISATION_WORDS = frozenset({
    "police", "fire", "department", "dept", "church", "society", "center", "centre", "regional", "medical",
    "hospital", "school", "schools", "university", "college", "council", "commission", "board", "office",
    "association", "assn", "club", "library", "museum", "park", "academy", "institute", "bank", "hall",
    "station", "agency", "authority", "company", "corporation", "corp", "inc", "ltd", "co", "foundation",
    "committee", "league", "herald", "tribune", "journal", "gazette", "high", "elementary", "memorial",
    "cemetery", "airport", "stadium", "arena", "theatre", "theater", "chamber", "commerce", "services",
    "industries", "group", "review", "chronicle", "observer", "daily", "weekly", "radio", "television",
    "administration",
})
# Capitalised words before a town that keep it a town ("Downtown Greer", "Greater Boston").
_PLACE_MODIFIERS = frozenset({
    "downtown", "uptown", "midtown", "greater", "suburban", "metro", "metropolitan", "rural", "coastal", "inner",
    "outer", "upper", "lower", "historic", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "northwestern", "southeastern", "southwestern", "mid", "across", "outside", "inside", "near", "nearby",
})
_INSTITUTIONS = frozenset({"academy", "university", "college", "school", "institute", "hospital", "ministry",
                           "agency", "company", "corporation", "group", "bank", "council", "committee"})
# Organisations whose names GeoNames also gives to towns.
_ORGANISATIONS = frozenset({"hamas", "hezbollah", "houthi", "houthis", "taliban", "kremlin", "pentagon", "nato",
                            "white house",
                            "wagner", "isis", "al qaeda", "al shabaab", "opec", "maersk", "cosco", "reuters"})
# What follows a ship's name after "the": punctuation or a verb ("the Dali, which", "the Dali
# was"), not a noun ("the Paris police").
_SHIP_AFTER = re.compile(
    r"\A(?:\s*(?:[,.;:!?)\"”’]|\Z)|\s+(?:was|were|is|are|has|had|have|which|that|sank|sailed|sails|left|arrived|"
    r"docked|carried|carrying|collided|crashed|struck|hit|ran|lost|departed|entered|reached|returned)\b)"
)
_ATTRIBUTION_BEFORE = re.compile(r"\b(?:said|says|told|according to|wrote|writes|added|adds|explained|asked|"
                                 r"spokesman|spokeswoman|spokesperson|by)\s*\Z", re.IGNORECASE)
_ROLE_AFTER = re.compile(
    r"\A,\s+(?:a|an|the|who|its)\s+(?:[\w-]+\s+){0,4}?(?:spokes\w+|member|researcher|analyst|official|director|"
    r"captain|pilot|minister|professor|fellow|head|chief|manager|owner|operator|expert|economist|engineer|"
    r"commander|officer|executive|adviser|advisor|lawyer|resident|fisherman|trader|broker|runs|works|said)\b",
    re.IGNORECASE,
)
# Country codes read as countries when written in capitals. Other two- and three-letter
# capitals are far more often something else in news ("TV", "PM", "BA", "PA" for the
# Palestinian Authority, "IL" after a US town), so only these count.
_COUNTRY_CODES = frozenset({"US", "USA", "U.S.", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "DPRK", "PRC", "ROK",
                            "DRC"})
# A code joined to a number or a currency sign is a road or money: "US-24", "US$".
_CODE_NOT_PLACE_AFTER = re.compile(r"\A(?:-\d|\$)")
# Place kinds that are areas a text names as such: never refused as ordinary words.
_AREA_KINDS = frozenset({"country", "region", "continent"})
# A demonym naming a language: "speaks French", "fluent in Russian", "translated into Arabic".
_LANGUAGE_BEFORE = re.compile(r"\b(?:speak|speaks|spoke|spoken|speaking|fluent|fluently|learn|learns|learned|"
                              r"learning|learnt|teach|teaches|taught|teaching|study|studies|studied|studying)\s+"
                              r"(?:(?:only|in|fluent|some|basic|broken)\s+)?\Z", re.IGNORECASE)
_LANGUAGE_BEFORE_IN = re.compile(r"\b(?:in|into|from)\s+\Z", re.IGNORECASE)
_LANGUAGE_AFTER_IN = re.compile(r"\A(?:\s*[,.;:!?)\"”]|\s+(?:and|or)\s+[A-Z]|\s*\Z)")
_SPEECH_AFTER = re.compile(r"\A,?\s+(?:said|says|told|added|wrote|explained|testified)\b")
# Capitalised words after a demonym that make it part of a local name ("Indian River",
# "French Creek", "Russian River"), not a mention of the country.
_DEMONYM_NAME_HEADS = frozenset({
    "river", "creek", "lake", "springs", "spring", "hills", "hill", "valley", "village", "road", "street", "avenue",
    "trail", "fork", "point", "head", "harbor", "harbour", "camp", "reservation", "wells", "falls", "township",
    "mound", "mounds", "ridge", "island", "bay", "ocean", "sea", "gulf", "peninsula", "mountains", "canyon",
})
_DEMONYM_END = re.compile(r"(?:an|ian|ean|ese|ish|i|ic|ch|ss|ot|er)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        """The word without the full stop of an abbreviation ("Ill." -> "Ill")."""
        return self.text[:-1] if self.text.endswith(".") else self.text

    @property
    def is_capitalised(self) -> bool:
        first = self.text[0]
        # Scripts without case (Hangul, CJK, Arabic...) count as capitalised: names in them are kept.
        return first.isupper() or not first.islower()


@functools.cache
def _token_re() -> re.Pattern[str]:
    from geo.places.names import _REGION_ABBREVIATIONS, _TOWN_ABBREVIATIONS, NAME_PREFIX_ABBREVIATIONS

    dotted = {*_DOTTED_WORDS, *NAME_PREFIX_ABBREVIATIONS,
              *(a for a in (*_REGION_ABBREVIATIONS, *_TOWN_ABBREVIATIONS) if a.endswith("."))}
    alternatives = "|".join(re.escape(a) for a in sorted(dotted, key=lambda a: (-len(a), a)))
    return re.compile(rf"(?P<party>{_PARTY_TAG})|(?<![\w.])(?:{alternatives})(?!\w)|{_INITIALS}|{_WORD}",
                      re.UNICODE)


def tokenize(text: str) -> list[Token]:
    """Words with their offsets; a possessive "'s" is left out of the word ("Korea's" ->
    "Korea") and a hyphen separates words ("Seoul-based" -> "Seoul", "based"; "Turkish-Russian"
    -> "Turkish", "Russian"). Abbreviations keep their full stop ("Ill.", "St.", "U.S.",
    "Jan."), so that they are read only as written; a party tag ("R-" in "R-Ill.") and
    contractions ("I've") are no tokens."""
    tokens = []
    for match in _token_re().finditer(text):
        if match.group("party"):
            continue
        word, start, end = match.group(0), match.start(), match.end()
        if word.endswith("."):
            tokens.append(Token(word, start, end))
            continue
        if _CONTRACTION.search(word):
            continue
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, end = word[:-2], end - 2
        tokens.append(Token(word, start, end))
    return tokens


def _candidate_spans(tokens: Sequence[Token], text: str, max_tokens: int) -> Iterable[tuple[int, int]]:
    """(first, last) token indices of runs that could be a name: capitalised at both ends."""
    for i, first in enumerate(tokens):
        if not first.is_capitalised:
            continue
        for j in range(i, min(len(tokens), i + max_tokens)):
            if j > i:
                gap = text[tokens[j - 1].end:tokens[j].start]
                if not re.fullmatch(r"[ \t]?|-|\s?-\s?", gap):
                    break  # names do not run across punctuation or line breaks
                if not tokens[j].is_capitalised and tokens[j].word.lower() not in _CONNECTORS:
                    break
            if tokens[j].is_capitalised:
                yield i, j


def find_mentions(text: str, *, resolve_context: str | None = None,
                  countries: frozenset[str] | None = None) -> list[Mention]:
    """Place mentions in ``text`` (see the module docstring for the rules), in text order.

    Each mention is resolved with :func:`geo.places.context_from_text` of ``resolve_context``
    (which defaults to ``text``): the article's own geography and the countries it names (or
    ``countries``, when given), so "Tripoli" in an article about Lebanon is Lebanon's Tripoli and
    "London" in a story about Ontario towns is London, Ontario.
    """
    from geo.places.gazetteer import MAX_NAME_TOKENS, lookup_country_code, lookup_names

    tokens = tokenize(text)
    spans = list(_candidate_spans(tokens, text, MAX_NAME_TOKENS))
    options = {span: _span_keys(tokens, span, text) for span in spans}
    hits = lookup_names(k for opts in options.values() for k, _end in opts)
    keys: dict[tuple[int, int], tuple[str, int]] = {}
    for span, opts in options.items():
        found = next(((k, e) for k, e in opts if k in hits), None)
        if found is not None:
            keys[span] = found
    person_words = _person_words(tokens, text, hits) | _disease_words(text)
    # A web address's words are no prose: ".../svalbard" does not make "Svalbard" a common word.
    lower_words = frozenset(re.findall(r"(?<![\w'’/-])[a-z]+(?![\w'’-])", _URL.sub(" ", text)))

    def choose(vouched: frozenset[str], featured: frozenset[str] = frozenset()
               ) -> tuple[list[tuple[int, int, int]], set[int], set[str], set[str]]:
        chosen: list[tuple[int, int, int]] = []
        taken: set[int] = set()
        accepted: set[str] = set()
        refused: set[str] = set()
        for span in sorted(keys, key=lambda s: (-(s[1] - s[0]), s[0])):
            if taken.intersection(range(span[0], span[1] + 1)):
                continue
            key, end = keys[span]
            if _refuse(span, end, tokens, text, hits[key], person_words, hits, lower_words, vouched=key in vouched,
                       featured=key in featured):
                refused.add(key)
                continue
            accepted.add(key)
            chosen.append((span[0], span[1], end))
            taken.update(range(span[0], span[1] + 1))
        return chosen, taken, accepted, refused

    chosen, taken, accepted, refused = choose(frozenset())
    # "Yonaguni Island" accepted vouches for a later bare "Yonaguni": the name with its kind word.
    named_features = {key.rsplit(" ", 1)[0] for key in accepted if " " in key
                      and key.rsplit(" ", 1)[1] in _FEATURE_NAME_HEADS}
    if (accepted | named_features) & refused:
        # One sense per article: a name that a cue shows to be a place somewhere ("Diego Garcia
        # is an atoll", "Kadena is located 443 nautical miles from ...") is that place where no
        # cue stands too (a heading, a list), unless another rule refuses it there.
        chosen, taken, _, _ = choose(frozenset((accepted | named_features) & refused),
                                     frozenset(named_features & refused))
    # Country codes written in capitals ("US", "U.S.", "UAE", "DPRK") name countries, not the
    # towns that happen to share the letters; the resolver knows the codes.
    for i, token in enumerate(tokens):
        if i not in taken and token.text in _COUNTRY_CODES \
                and not _CODE_NOT_PLACE_AFTER.match(text[token.end:token.end + 2]) \
                and lookup_country_code(token.text) is not None:
            chosen.append((i, i, token.end))
    chosen.sort()

    geography = resolve_context if resolve_context is not None else text
    mentions = _resolve_spans(text, tokens, chosen, countries, hits, geography)
    return _with_neighbours(text, mentions, countries, geography)


def _span_keys(tokens: Sequence[Token], span: tuple[int, int], text: str) -> list[tuple[str, int]]:
    """The keys a span may be found under, best first, each with where the name then ends.

    "Ill." alone is read only as an abbreviation ("ill."); a longer run ending in a full stop
    is first read without it (the stop ends the sentence: "the Isle of Man."); "St. Louis" is
    also read as "Saint Louis".
    """
    from geo.places.names import abbreviation_key, expand_prefix, normalize_name

    first, last = tokens[span[0]], tokens[span[1]]
    surface = text[first.start:last.end]
    if span[0] == span[1] and last.text.endswith("."):
        dotted = abbreviation_key(surface)
        return [(dotted, last.end)] if dotted else []
    out: list[tuple[str, int]] = []
    end = last.end - 1 if last.text.endswith(".") else last.end
    out.append((normalize_name(text[first.start:end]), end))
    if end != last.end:
        out.append((abbreviation_key(surface) or "", last.end))
    expanded = expand_prefix(text[first.start:end])
    if expanded:
        out.append((normalize_name(expanded), end))
    return [(k, e) for k, e in out if k]


@functools.cache
def _region_codes() -> frozenset[str]:
    """Region codes written after a town ("Portland, OR", "Perth, WA")."""
    from geo.places.names import _REGION_ABBREVIATIONS, _REGION_QUALIFIER_CODES

    us = {code.split(".")[1] for code in _REGION_ABBREVIATIONS.values() if code.startswith("US.")}
    return frozenset(us | set(_REGION_QUALIFIER_CODES))


def _key(word: str) -> str:
    """The lookup key of one token: an abbreviation keeps its full stop (see :func:`_span_keys`)."""
    from geo.places.names import abbreviation_key, normalize_name

    return (abbreviation_key(word) if word.endswith(".") else None) or normalize_name(word)


def _resolve_spans(text: str, tokens: Sequence[Token], chosen: Sequence[tuple[int, int, int]],
                   countries: frozenset[str] | None, hits, geography: str) -> list[Mention]:
    from dataclasses import replace

    from geo.errors import ShiprouteError
    from geo.places.gazetteer import context_from_text, resolve

    mentions: list[Mention] = []
    for first, _last, end in chosen:
        start = tokens[first].start
        surface = text[start:end]
        query = surface
        possessor = _possessor(mentions, text, start)
        qualifier = _qualifier(text, end, hits)
        if possessor is not None:
            query = f"{possessor}'s {surface}"
        elif qualifier is not None:
            query = f"{surface}, {qualifier}"  # "Portsmouth, Virginia" is a filter, not a hint
        # The article's own geography, as geo.resolve(name, context=text) reads it.
        context = replace(context_from_text(geography, surface), words=words_near(text, start, end))
        if countries is not None:
            context = replace(context, countries=countries)
        try:
            resolution = resolve(query, context)
        except ShiprouteError:
            if query == surface:
                continue
            try:  # "United States, France" is a list, not "the United States in France"
                resolution = resolve(surface, context)
            except ShiprouteError:
                continue
        place = resolution.best
        role = _role(surface, place, text, end, resolution)
        mentions.append(Mention(text=surface, start=start, end=end, place=place, role=role, resolution=resolution))
    return mentions


def _with_neighbours(text: str, mentions: list[Mention], countries: frozenset[str] | None,
                     geography: str) -> list[Mention]:
    """Re-resolve towns that have far-away namesakes with the nearest other town of the article
    as a partner: "Portsmouth" in a story about Norfolk, Virginia is Portsmouth, Virginia."""
    from dataclasses import replace

    from geo.places.gazetteer import context_from_text, resolve

    towns = [m for m in mentions if m.role == "place" and m.place.kind in ("town", "port", "base")]
    # By identity and by position: a long text has thousands of towns, and testing each mention
    # against the list (and scanning it for the nearest) made the whole quadratic.
    town_ids = {id(m) for m in towns}
    by_start = sorted(range(len(towns)), key=lambda i: (towns[i].start, i))
    starts = [towns[i].start for i in by_start]
    norms = [_norm(towns[i].text) for i in by_start]
    out = []
    for mention in mentions:
        res = mention.resolution
        runner = res.runner_up if res is not None else None
        if id(mention) not in town_ids or res is None or runner is None or not _far_apart(res.best, runner.place):
            out.append(mention)
            continue
        nearest = _nearest_other(starts, norms, by_start, mention.start, _norm(mention.text))
        if nearest is None:
            out.append(mention)
            continue
        partner = towns[nearest].place
        context = replace(context_from_text(geography, mention.text), partner=partner,
                          words=words_near(text, mention.start, mention.end))
        if countries is not None:
            context = replace(context, countries=countries)
        again = resolve(res.query, context)
        out.append(replace(mention, place=again.best, resolution=again))
    return out


def _nearest_other(starts: Sequence[int], norms: Sequence[str], order: Sequence[int], start: int,
                   norm: str) -> int | None:
    """Index (into the unsorted towns) of the town nearest ``start`` whose name is not ``norm``;
    of two as near, the first in the original order, as ``min`` over the list would choose."""
    import bisect

    right = bisect.bisect_left(starts, start)
    left = right - 1
    best: tuple[int, int] | None = None  # (distance, original index)
    while left >= 0 or right < len(starts):
        d_left = start - starts[left] if left >= 0 else None
        d_right = starts[right] - start if right < len(starts) else None
        if best is not None and (d_left is None or d_left > best[0]) and (d_right is None or d_right > best[0]):
            break
        if d_right is None or (d_left is not None and d_left <= d_right):
            if norms[left] != norm and (best is None or (d_left, order[left]) < best):
                best = (d_left, order[left])  # type: ignore[assignment]
            left -= 1
        else:
            if norms[right] != norm and (best is None or (d_right, order[right]) < best):
                best = (d_right, order[right])
            right += 1
    return None if best is None else best[1]


def _far_apart(a, b, km: float = 25.0) -> bool:
    from geo.geodesy import inverse

    return float(inverse(a.lon, a.lat, b.lon, b.lat).distance_km) > km


def words_near(text: str, start: int, end: int, reach: int = 25) -> frozenset[str]:
    """Lower-case words within ``reach`` characters of a mention: "port", "province"... for context."""
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", text[max(0, start - reach):end + reach]))


def _possessor(mentions: Sequence[Mention], text: str, start: int) -> str | None:
    """The country in "North Korea's Najin": a qualifier for the name that follows."""
    if not mentions:
        return None
    last = mentions[-1]
    if last.place.kind == "country" and re.fullmatch(r"['’]s\s+", text[last.end:start]):
        return last.text
    return None


def _role(surface: str, place, text: str, end: int, resolution=None) -> str:
    best = resolution.candidates[0] if resolution is not None and resolution.candidates else None
    if best is not None and best.reasons[:1] == ("demonym",):
        return "adjective"  # "Russian", "Texans", "European": read as the place they name
    if place.kind == "country" and _DEMONYM_END.search(surface) and not _same_name(surface, place):
        return "adjective"
    start = end - len(surface)
    after_preposition = re.search(r"\b(?:in|at|to|from|between|and|near|of|via|off|into|for|with|by|on)\s+\Z",
                                  text[max(0, start - 15):start], re.IGNORECASE)
    if place.kind in ("town", "port") and _GOVERNMENT_VERB.match(text[end:end + 40]) and (
        place.population >= 100_000
    ) and not after_preposition:
        return "government"
    return "place"


def _same_name(surface: str, place) -> bool:
    key = _norm(surface)
    return key == _norm(place.name) or any(key == _norm(a) for a in place.alt_names[:8])


def _person_words(tokens: Sequence[Token], text: str, hits) -> frozenset[str]:
    """Words of capitalised runs that read as people or organisations ("Shin Wonsik")."""
    words: set[str] = set()
    run: list[Token] = []

    def close(run: list[Token]) -> None:
        # Sentence-initial "In", "At", "On" are not part of a name ("In Kirkenes").
        while run and (run[0].word.lower() in _STOP_WORDS or _sentence_opener(run[0], text)):
            run = run[1:]
        while run and run[-1].word.lower() in _STOP_WORDS:
            run = run[:-1]
        if len(run) < 2:
            return
        lowered = [t.word.lower() for t in run]
        if any(w in _GEO_TERMS for w in lowered):
            return
        titles = [i for i, w in enumerate(lowered) if w in _TITLES]
        if titles:
            # "Woodstock Mayor John Smith", "Russian President Vladimir Putin": the person is
            # the name after the title; the words before it say whose title it is.
            words.update(t.text for t in run[titles[-1] + 1:] if t.word.lower() not in _TITLES
                         and not any(_is_big_area(h) for h in hits.get(_key(t.text), ())))
            return
        if any(w in _ORGANISATION_WORDS for w in lowered) or any(_is_initials(t.text) for t in run):
            # "Paris Police Department", "Chinese Center for Disease Control": an organisation,
            # perhaps named after a place; its own words ("Center", "Hall") are no places.
            words.update(t.text for t in run if t.word.lower() in _ORGANISATION_WORDS)
            return
        # A run of two or three names none of which is a well-known place reads as a person.
        unknown = [t for t in run if t.word.lower() not in _STOP_WORDS and t.word.lower() not in _TITLES
                   and not _is_big_place(hits.get(_key(t.text)))]
        whole = _norm(" ".join(t.text for t in run))
        attribution = _ATTRIBUTION_BEFORE.search(text[max(0, run[0].start - 40):run[0].start])
        if attribution or _ROLE_AFTER.match(text[run[-1].end:run[-1].end + 60]):
            # "said Mary Koonook", "Claire Fontaine, a spokeswoman": a person, even when the
            # names are also places' ("Mary" in Turkmenistan, "Claire Fontaine" in France).
            # After "according to" or "by" an organisation is as likely: its place stays
            # ("according to Manitoba Underdogs Rescue").
            weak = attribution is not None and attribution.group(0).lower().startswith(("according", "by"))
            keep = _is_area if weak else (lambda h: h.kind == "country")
            words.update(t.text for t in run if not any(keep(h) for h in hits.get(_key(t.text), ())))
        elif unknown and len(run) <= 4 and whole not in hits:
            words.update(t.text for t in run if not _is_big_place(hits.get(_key(t.text))))
            # "Abraham Lincoln", "Matthew D. Flores": a first name that is no big place, then a
            # surname that is a town's name too: the bare surname later in the article is the
            # person. A country's or region's name stays a place ("George Washington").
            # The first name must be no town of note, or be followed by a middle initial
            # ("George W. Bush"): "Upper Edmonton", "Greater Dublin" stay places.
            first, last = run[0], run[-1]
            initial = any(len(t.word) == 1 for t in run[1:-1])
            if (len(run) >= 2 and len(first.word) > 1 and first.word.lower() not in _MODIFIER_OR_COUNT
                    and (initial or not any(_is_area(h) or h.population >= _FIRST_NAME_TOWN_MAX
                                            for h in hits.get(_key(first.text), ())))
                    and not any(_is_big_area(h) for h in hits.get(_key(last.text), ()))):
                words.add(last.text)

    for token in tokens:
        # A middle initial keeps the run going: "Matthew D. Flores", "George W. Bush".
        gap = r"\.? " if len(run[-1].word if run else "") == 1 else r" "
        if run and (not token.is_capitalised or not re.fullmatch(gap, text[run[-1].end:token.start])):
            close(run)
            run = []
        if token.is_capitalised:
            run.append(token)
    close(run)
    return frozenset(words)


def _sentence_opener(token: Token, text: str) -> bool:
    """A sentence's first word that is an ordinary word, not a name: an adverb or a participle
    ("Administratively Lampedusa is ...", "Taking Barawe ...") or a question word."""
    word = token.word.lower()
    return _sentence_start(text, token.start) and (
        (len(word) > 5 and word.endswith(("ly", "ing"))) or word in _QUESTION_WORDS)


_QUESTION_WORDS = frozenset({"what", "where", "why", "how", "when", "which", "who", "whose"})


def _norm(word: str) -> str:
    from geo.places.names import normalize_name

    return normalize_name(word)


#: Words that open a sentence before a town's name and are nobody's first name ("Two Richmond
#: officers").
_COUNT_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
    "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "several", "few", "numerous", "local",
    "former", "area", "nearby", "many", "both",
})
_MODIFIER_OR_COUNT = _PLACE_MODIFIERS | _COUNT_WORDS
# "Ebola virus", "Marburg hemorrhagic fever": a disease named after a place; the bare name in
# the same article is the disease too.
_DISEASE_AFTER = re.compile(r"\b([A-Z][a-z]+)(?:\s+(?:virus|viruses|fever|hemorrhagic|haemorrhagic|disease|vaccine))\b")


def _disease_words(text: str) -> frozenset[str]:
    """Capitalised words the article uses as a disease's name ("Ebola" of "Ebola virus")."""
    return frozenset(_DISEASE_AFTER.findall(text))


#: A first name of a person's name may be a village's ("Abraham"), not a town of this size.
_FIRST_NAME_TOWN_MAX = 5_000


def _is_big_area(hit) -> bool:
    """A country, or a first-level region of a million people or more (Washington, Victoria)."""
    return hit.kind == "country" or (hit.kind == "region" and hit.population >= 1_000_000)


def _is_big_place(hit_list) -> bool:
    return bool(hit_list) and any(_is_area(h) or h.population >= 100_000 for h in hit_list)


def _joined_to_a_name(span: tuple[int, int], tokens: Sequence[Token], text: str, hits) -> bool:
    """Whether the span is joined by a bare hyphen to a capitalised word that is no place:
    "Wal" in "Wal-Mart". "Turkish-Russian", "U.S.-Russian", "Dallas-Fort Worth" and
    "Seoul-based" keep both sides."""
    def is_place(first: int, last: int) -> bool:
        found = hits.get(_key(text[tokens[first].start:tokens[last].end])) or ()
        return _is_big_place(found) or any(
            h.match == "exact name" and (h.population >= SMALL_TOWN_POPULATION or h.kind not in ("town", "port"))
            for h in found)

    i, j = span
    def joined(before: Token, after: Token, other: Token) -> bool:
        return text[before.end:after.start] == "-" and other.is_capitalised and other.text not in _COUNTRY_CODES

    if i > 0 and joined(tokens[i - 1], tokens[i], tokens[i - 1]) \
            and not any(is_place(k, i - 1) for k in range(max(0, i - 3), i)):
        return True
    return j + 1 < len(tokens) and joined(tokens[j], tokens[j + 1], tokens[j + 1]) \
        and not any(is_place(j + 1, k) for k in range(j + 1, min(len(tokens), j + 4)))


def _is_initials(word: str) -> bool:
    """"CTV", "NBC", "FBI": an organisation's initials (country codes aside)."""
    return 2 <= len(word) <= 5 and word.isupper() and word.isalpha() and word not in _COUNTRY_CODES


def _is_acronym(word: str, hit_list) -> bool:
    """A word of two to four capitals ("UN", "MW", "BA") that names no country, region or
    well-known town as written: an organisation's or a unit's initials."""
    if not (len(word) <= 4 and _is_initials(word)):
        return False
    return not any(h.match in ("exact name", "curated alias", "abbreviation")
                   and (_is_area(h) or h.population >= 100_000) for h in hit_list)


def _sentence_start(text: str, start: int) -> bool:
    """Whether a word at ``start`` opens a sentence, a quote or a line."""
    return bool(re.search(r"(?:\A|[.!?:;\"“”‘’(\[\n]\s*)\Z", text[max(0, start - 3):start]))


def _is_placeish(hit_list) -> bool:
    """Whether a word names a place of some size by itself: an area, a demonym, a town of
    :data:`SMALL_TOWN_POPULATION` or more by its own name, or a feature."""
    return bool(hit_list) and any(
        _is_area(h) or h.match == "demonym"
        or (h.match in ("exact name", "curated alias", "abbreviation")
            and (h.population >= SMALL_TOWN_POPULATION or h.kind not in ("town", "port")))
        for h in hit_list)


def _is_area(hit) -> bool:
    """A country, a continent or a first-level region with people: not "Michael", a sheading
    of the Isle of Man that GeoNames counts no one in."""
    return hit.kind in _AREA_KINDS and (hit.kind != "region" or hit.population >= SMALL_TOWN_POPULATION)


def _is_demonym(hit_list) -> bool:
    """Whether a name is first of all a demonym ("Russian"; "Canadian" before the Texas town)."""
    return bool(hit_list) and hit_list[0].match == "demonym"


def _after_cue(text: str, end: int, hits) -> bool:
    """A country or region name, a distance or a description as a place right after a name:
    "Paldiski in Estonia", "Svalbard is an archipelago in the Arctic"."""
    return bool(_DISTANCE_AFTER.match(text[end:end + 40]) or _DESCRIBED_AS_PLACE.match(text, end)) \
        or _area_after(text, end, hits) is not None


_DESCRIBED_AS_PLACE = re.compile(
    r",?\s+(?:is|was|,)\s+(?:a|an|the)\s+(?:[\w-]+,?\s+){0,4}?(?:archipelago|island|islet|atoll|town|city|village|port|"
    r"harbou?r|territory|province|region|seaport)\b"
    # "Hjörsey ist die drittgrößte Insel", "Hjörsey die drittgrößte Insel Islands", "X est une île"
    r"|,?\s+(?:(?:ist|war|est|è|es)\s+)?(?:die|der|das|eine?|une?|la|le|l['’]|el|il|una?)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:insel|inselgruppe|stadt|hafenstadt|hafen|atoll|île|ville|port|isola|città|isla|ciudad|puerto)\b",
    re.IGNORECASE)


def _area_after(text: str, end: int, hits) -> tuple[str, str] | None:
    """("," or "in", the country or region name) written right after a name, or None."""
    qualifier = _QUALIFIER_AFTER.match(text[end:end + 60])
    if not qualifier:
        return None
    if qualifier["name"].endswith("."):  # "Springfield, Ill.", "Charleston, W.Va."
        hit = hits.get(_key(qualifier["name"]))
        if hit and any(h.kind in ("country", "region") for h in hit):
            return qualifier["sep"].strip(), qualifier["name"]
    words = qualifier["name"].rstrip(".").split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        hit = hits.get(_norm(name))
        if hit and any(h.kind in ("country", "region") and h.match != "demonym" for h in hit):
            return qualifier["sep"].strip(), name
    return None


def _qualifier(text: str, end: int, hits) -> str | None:
    """The region or country in "Portsmouth, Virginia": only a comma makes it a qualifier."""
    found = _area_after(text, end, hits)
    return found[1] if found is not None and found[0] == "," else None


# Words before a capitalised name that make it no person's or organisation's name ("Downtown
# Greer", "Mr Smith"), and the kinds of feature whose full name says what it is; built once.
_NOT_A_NAME_BEFORE = _STOP_WORDS | _TITLES | _PLACE_MODIFIERS | _NAME_INTRO_WORDS
_NAMED_FEATURE_KINDS = _DISTANCE_FEATURE_KINDS | _FACILITY_KINDS | {"point", "lake"}


def _refuse(span: tuple[int, int], end: int, tokens: Sequence[Token], text: str, hit_list,
            person_words: frozenset[str], hits_all, lower_words: frozenset[str] = frozenset(),
            vouched: bool = False, featured: bool = False) -> bool:
    """Whether a span that the gazetteer knows is no mention of a place; ``vouched``: the
    article shows the name to be a place elsewhere, which stands for the cue a small town or
    feature needs; ``featured``: the article names it with its kind word ("Yonaguni Island"),
    which stands for the cues even an alternate name needs."""
    first, last = tokens[span[0]], tokens[span[1]]
    words = [t.text for t in tokens[span[0]:span[1] + 1]]
    single = span[0] == span[1]
    if single and len(last.word) == 1:
        return True  # "96° 50′ 23″ O", "Plan B": a letter names no place
    if single and len(last.word) <= 4:
        # A short word that names an area only by an alternate name is no sign of it: "Act" is
        # not the Australian Capital Territory ("ACT").
        hit_list = [h for h in hit_list if not (h.kind in _AREA_KINDS and h.match == "alternate name")]
        if not hit_list:
            return True
    best = hit_list[0]
    whole = _norm(text[first.start:end])
    area = any(_is_area(h) for h in hit_list)
    if single and last.word.lower() in _STOP_WORDS | _TITLES:
        return True
    # "Asia", "Middle East", "Pacific": refused as the towns GeoNames also gives these names,
    # listed as the continent, macro-region, country or sea when the gazetteer knows one.
    if whole in _AREAS and not any(h.kind not in ("town", "port", "region") for h in hit_list):
        return True
    if single and words[0] in person_words and not _qualifier(text, end, hits_all):
        return True  # a person's name, unless the article writes where it is ("Jackson, Miss.")
    if (whole in _ORGANISATIONS and not _qualifier(text, end, hits_all)) or (
            _norm(last.word) in _INSTITUTIONS and not area):  # not "West Bank"
        return True
    if _joined_to_a_name(span, tokens, text, hits_all):
        return True  # "Wal-Mart", "Diaz-Balart": part of a hyphenated name that is no place
    if single and _is_acronym(last.text, hit_list):
        return True  # "UN", "BA", "MW": an organisation or a unit, not the town Un or Ba
    if single and len(words[0]) <= 3 and words[0].isupper() and words[0] in _region_codes() \
            and re.search(r"[A-Za-z.],\s*\Z", text[max(0, first.start - 3):first.start]):
        return True  # "Perth, WA", "Kelowna, BC": a region's code qualifying a town, not the town Wa
    if _is_demonym(hit_list):
        return _refuse_demonym(span, tokens, text, hits_all, lower_words)
    if single and last.text.endswith(".") and best.match == "abbreviation":
        # "100 B.C." is a year; "Del. Brian Moran" a delegate.
        return bool(re.search(r"\d\s*\Z", text[max(0, first.start - 3):first.start])) or (
            last.text == "Del." and bool(re.match(r" [A-Z]", text[end:end + 2]))
            and not re.search(r",\s*\Z", text[max(0, first.start - 3):first.start]))
    if single and best.kind in ("town", "port") and span[0] > 0:
        # "County Road", "Young Man", "International Airport", "Hillary Clinton": the end of a
        # longer capitalised name that is no place, unless the word before is a place too
        # ("Springfield Illinois") or says where in it ("Downtown Greer").
        # Nor after a sentence's first word ("Two Richmond officers") or initials ("CBC
        # Toronto", "N.W. Rochester").
        prev = tokens[span[0] - 1]
        if prev.is_capitalised and text[prev.end:first.start] == " " \
                and prev.word.lower() not in _NOT_A_NAME_BEFORE \
                and not prev.text.isupper() and not prev.text.endswith(".") \
                and not _sentence_start(text, prev.start) \
                and not _is_placeish(hits_all.get(_key(prev.text))):
            return True
    if best.kind == "town":
        # "The Dali, which was heading...", "Iskander missiles": a ship's or a weapon's name;
        # "the Paris police", "the Columbus area" are the towns, but "the Naval Academy" is
        # not the village of Naval: a small town after "the" stays refused.
        if re.search(r"\b[Tt]he\s+\Z", text[max(0, first.start - 5):first.start]) and (
                best.population < SMALL_TOWN_POPULATION or _SHIP_AFTER.match(text[end:end + 30])):
            return True
        if best.population < 100_000 and re.match(
                r"\s+(?:missiles?|rockets?|drones?|systems?|class|launchers?|tanks?|jets?|helicopters?)\b",
                text[end:end + 20]):
            return True
    # "Elizabeth River", "Kola Bay", "Pacific Fleet": part of a feature's or unit's name.
    following = re.match(r" ([A-Z][a-z]+)\b", text[end:end + 20])
    if following and following.group(1).lower() in _FEATURE_WORDS and best.kind in ("town", "port") \
            and not (following.group(1).lower() in _ISLAND_HEADS
                     and any(h.kind in ISLAND_KINDS for h in hit_list)):
        return True  # ("Matsu Island": the islands the gazetteer also knows by that name, not Matsue)
    if (span[0] > 0 and tokens[span[0] - 1].word.lower() in _TITLES
            and re.fullmatch(r" ", text[tokens[span[0] - 1].end:first.start])):
        return True
    before = text[max(0, first.start - 60):first.start]
    if single and best.kind in ("town", "port", "region") and last.word.lower() in lower_words \
            and not _LOCATIVE.search(before[-30:]) and not _after_cue(text, end, hits_all):
        return True  # "Man", "Hall", "Section": a word the article also writes in lower case
    if area or best.kind in ("county", "port", "base") or best.population >= SMALL_TOWN_POPULATION:
        return False
    if whole in _AREAS:  # "Pacific", "Mediterranean": the sea or ocean, not a town of its name
        return False
    if any(h.kind in _DISTANCE_FEATURE_KINDS and h.match in ("exact name", "curated alias") for h in hit_list) \
            and _DISTANCE_LATER.match(text, end):
        # "Snake Island is located 35 km off ...", "Rockall ... situated 460 km west of"; also when
        # a hamlet shares the name ("Diego Garcia", an atoll before it is a village)
        return False
    if not single and best.kind in _NAMED_FEATURE_KINDS \
            and best.match in ("exact name", "curated alias") \
            and (last.word.lower() in _FEATURE_NAME_HEADS or first.word.lower() in _FEATURE_NAME_LEADS):
        return False  # "Paracel Islands", "Yonaguni Island": the name says what it is
    # A small town needs a sign that a place is meant: a locative word before it, or a
    # country, region or distance right after it. An alternate name needs one of each side
    # or a distance after it, since alternate names include many ordinary words.
    # "between A and B": B is a place only when A is one ("between Putin and Kim" is not).
    between = _BETWEEN_AND.search(before)
    if between and (between["first"] in person_words or _norm(between["first"]) not in hits_all):
        return True
    after_cue = _after_cue(text, end, hits_all)
    if best.match == "alternate name" and single and not featured:
        return not (after_cue
                    and (_LOCATIVE.search(before[-30:]) or _DISTANCE_AFTER.match(text[end:end + 40])))
    return not (_LOCATIVE.search(before[-30:]) or after_cue or between or vouched)



def _refuse_demonym(span: tuple[int, int], tokens: Sequence[Token], text: str, hits,
                    lower_words: frozenset[str]) -> bool:
    """A demonym is a mention of its place unless it is part of a longer name: after a
    capitalised name that is no place ("Native American", "Anglo American") or after another
    demonym ("African American"), or before one ("Irish American") or before a feature word
    ("Indian River", "French Creek"). "U.S.-Russian", "The American" and "Top Russian" (a
    word the article also writes in lower case) stay."""
    first, last = tokens[span[0]], tokens[span[1]]
    before, after = text[max(0, first.start - 30):first.start], text[last.end:last.end + 30]
    if _LANGUAGE_BEFORE.search(before) or (_LANGUAGE_BEFORE_IN.search(before) and _LANGUAGE_AFTER_IN.match(after)):
        return True  # "speaks French", "translated into Russian": the language
    if _SPEECH_AFTER.match(after):
        return True  # "French said": a person
    if span[0] > 0:
        prev = tokens[span[0] - 1]
        if prev.word.lower() in _TITLES and text[prev.end:first.start] == " ":
            return True  # "Mr. French"
        if prev.is_capitalised and text[prev.end:first.start] == " " \
                and prev.word.lower() not in _STOP_WORDS | _TITLES:
            prev_hits = hits.get(_key(prev.text))
            if _is_demonym(prev_hits):
                return True
            if not _is_big_place(prev_hits) and not _sentence_start(text, prev.start) \
                    and prev.word.lower() not in lower_words:
                return True
    if span[1] + 1 < len(tokens):
        nxt = tokens[span[1] + 1]
        if nxt.is_capitalised and text[last.end:nxt.start] == " " and (
                nxt.word.lower() in _DEMONYM_NAME_HEADS or _is_demonym(hits.get(_key(nxt.text)))):
            return True
    return False
