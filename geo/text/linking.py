"""Which distances in an article are between two places, and which two.

A distance expression becomes a place-to-place claim when its sentence names two places and
the words around it say the distance lies between them:

* ``from A to B`` / ``between A and B`` close to the distance (within
  :data:`_CONNECTIVE_REACH` characters: "traveling from Najin port to Dunay, a former Soviet
  submarine base located approximately 180 kilometers away");
* ``<distance> [direction] (of|from) B`` with the place it describes before it, skipping
  asides such as ", near Tokyo," ("Dunay lies about 180 km north-east of Najin"; quotes, "to
  the west" and "across the bay" may stand between the distance and B);
* ``A and B ... <distance> apart``;
* otherwise one place just before and one just after the distance.

Real pages often name an end elsewhere, and the link says where (the claim's evidence):

* a pronoun or a description opening the sentence or a clause ("It", "The city", "Both islands",
  "From there,") stands for the place (or the two places) named in the nearest sentence before;
* a description after the distance ("... 200 km south-east of the port") for the one place of
  that kind named before; a place said to be far away is no referent of the next "It";
* a line under a title that is one place's name ("449 km east of Sofia"), the answer under
  "How far is A from B?", "The distance from B is X km" (from the place the text clearly is about);
* "von A nach B", "entre A et B", "tra A e B" as "from A to B" and "between A and B"; a place
  and a foreign country so joined is an offshore distance to that country's coast.

Pieces of other names are no ends: "Chi" of "Chi-lung", an article ("Le"), the word after
"Oceano" or "Golfo", a town read for the name after "le isole" or before "– An island".

It is not a claim ("not a place-to-place distance") when it measures a thing rather than a gap
(a hyphenated length before a noun such as pipeline or tanker, "... long/wide/deep", "a range
of", "a radius of", a territorial limit, a speed, "drones that can fly 2,000 km"), when it is a
distance to a feature ("within 5 km of the coast", "200 km of the North Korean border"), when
its reference place ("... south of X") is not one the gazetteer knows, or when the sentence
names fewer than two places that can be the end of a distance (:func:`can_be_endpoint`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.types import ISLAND_KINDS, DistanceClaim, Mention, NonClaim, Place

__all__ = ["AREA_END_KINDS", "CITY_STATE_EXTENT_KM", "ENDPOINT_KINDS", "ISLAND_KINDS", "LinkedClaim", "WIDTH_KINDS",
           "can_be_area_end", "can_be_endpoint", "is_voyage", "island_like", "link_claims", "sentence_spans",
           "travel_mode"]

#: Place kinds that can be the end of a distance: not countries or regions, whose distance
#: from anything depends on which point one picks, nor seas, lakes and rivers (a distance
#: "from the Black Sea" is to its shore); islands, capes, straits and facilities can be.
ENDPOINT_KINDS = frozenset({
    "town", "port", "base", "coordinates", "terminal", "curated",
    "island", "islet", "atoll", "reef", "shoal", "cape", "strait", "channel",
    "nuclear_plant", "power_plant", "dam", "naval_base", "air_base", "bridge", "airport", "canal",
    "enrichment_site", "research_site", "shipyard", "test_site", "point",
})  # fmt: skip
#: Islands of any size (``ISLAND_KINDS``) are ends of a distance too: it is measured to their
#: shore (geo.pair.edge_measures).
#: Areas that can be the end a distance is measured *to* ("75 km south of Turkey", "off the coast
#: of Tunisia", "40 km from the Kerch Strait"), to their border, coast or water. Only islands
#: among them can be what a sentence describes (see :func:`island_like`).
AREA_END_KINDS = frozenset({"country", "region", "sea", "gulf", "bay", "strait", "channel", "sound", "lagoon",
                            "fjord"}) | ISLAND_KINDS
#: Water a width is measured across ("the strait is 33 km wide at its narrowest").
WIDTH_KINDS = frozenset({"strait", "channel", "sound"})
#: How far (in characters) a distance may stand from a "from A to B" phrase and still be its length.
_CONNECTIVE_REACH = 120
#: A country this small (its extent, in km) is a city state: a distance to it is meaningful.
CITY_STATE_EXTENT_KM = 25.0

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Adm|Sgt|St|Mt|Ft|Jr|Sr|No|Nos|vs|approx|est|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Corp|Inc|Ltd|Co|U\.S|U\.K|U\.N|e\.g|i\.e|c)\.)$"
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?:\[\d{1,3}\])*\s+|\n\s*\n|\n(?=[A-Z0-9\"“])")  # ".[5] The ..."

# Nouns that a hyphenated length describes when it is the size of a thing, not a gap.
_THING_NOUNS = (
    "pipeline|pipe|cable|bridge|tunnel|tanker|ship|vessel|boat|carrier|destroyer|frigate|submarine|"
    "freighter|barge|convoy|zone|exclusion zone|buffer zone|limit|territorial limit|range|radius|"
    "perimeter|border|frontier|coastline|coast|shoreline|wall|fence|barrier|front|front line|line|"
    "road|highway|railway|rail line|canal|river|channel|runway|pier|quay|breakwater|dam|stretch|"
    "strip|belt|corridor|radar|missile|drone|rocket|swath|area|circle|plume|slick|queue|jetty|wharf"
)
_PAIR_NOUNS = "crossing|journey|voyage|trip|passage|route|run|sail|transit|drive|flight|ferry ride|hop|leg"
_THING_AFTER = re.compile(rf"\A[\s-]*(?:[a-z]+[\s-]+){{0,2}}?(?:{_THING_NOUNS})s?\b", re.IGNORECASE)
_PAIR_AFTER = re.compile(rf"\A[\s-]*(?:[a-z]+[\s-]+){{0,2}}?(?:{_PAIR_NOUNS})s?\b", re.IGNORECASE)
_MEASURE_AFTER = re.compile(
    r"\A[\s,]*(?:long|wide|deep|high|tall|in (?:length|width|diameter|depth|radius)|of (?:coastline|"
    r"shoreline|track|road|pipeline|cable|border|frontier|front)|an hour|per hour|a day|per day|offshore\b(?! from))",
    re.IGNORECASE,
)
_QUALIFIERS = r"(?:of\s+)?(?:up to\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|more than\s+|over\s+)?\Z"
# Words before a distance that make it the size of a thing, whatever places the sentence names.
_MEASURE_BEFORE = re.compile(
    r"(?:range|radius|reach|altitude|height|speed|diameter|perimeter|circumference|depth|width|"
    r"distance limit|limit|zone|area|flew|flown|fly|flies|travel(?:l?ed)? at|strike targets|hit targets|"
    r"reach targets|can reach|can strike|can hit)\s+" + _QUALIFIERS,
    re.IGNORECASE,
)
# "a railway of 411 miles from X", "un embranchement de 90 milles de Fria": the length of a thing.
_THING_OF_BEFORE = re.compile(
    r"\b(?:railway|railroad|rail line|road|highway|pipeline|branch(?: line)?|line|canal|cable|tunnel|bridge|"
    r"chemin de fer|embranchement|ligne|route|autoroute|oléoduc|gazoduc|voie ferrée|ferrocarril|carretera|"
    r"oleoducto|ferrovia|strada|Eisenbahn|Straße|Strasse|Pipeline|Bahnlinie)\s+(?:of|de|d['’]|di|von)\s+"
    r"(?:[\d.,]+\s*[^\W\d_]+\s*\(\s*)?"  # "de 90 milles (145 km)": the figure in another unit first
    + _QUALIFIERS.replace(r"(?:of\s+)?", ""), re.IGNORECASE)
# Words that make it a length unless the sentence joins two places ("covers 42 km from Dover to Calais").
_LENGTH_BEFORE = re.compile(
    r"(?:length|span|stretch|extends?|stretch(?:es|ing)?|runs? for|covers?|covering|spans?|spanning|"
    r"measures?|measuring)\s+" + _QUALIFIERS,
    re.IGNORECASE,
)
_DIRECTION_WORD = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
                   r"south-east|south-west|[NSEW]{1,3})")
# What may stand between a distance and the place it is measured from: "... 250 km to the west" of",
# "... across the strait from", "... up the coast from".
_OF_FROM = re.compile(
    r"\A[\s,\"“”'’]*(?:(?:away|far)\s+(?=(?:to the\s+)?" + _DIRECTION_WORD + r"\b))?"  # "42 km away south-west of"
    r"(?:(?:to the\s+)?" + _DIRECTION_WORD + r"[\s,\"“”'’]+)?(?:(?:away|far)\s+)?"
    r"(?:(?:across|over|along|up|down)\s+the\s+(?:strait|straits|bay|gulf|water|sea|border|river|channel|"
    r"sound|estuary|coast|lagoon|lake|fjord)\s+)?"
    r"(?:of|from|off|outside|inland from|dari|om|från|fra)\b"  # Indonesian "dari", Swedish "sydost om"
    # German, French, Spanish, Italian: "25 km südlich von", "au nord-ouest de", "al sur de", "a sud di"
    r"|\A\s*(?:(?:nord|süd|sued|ost|west)[a-zäöü-]*lich\s+)?(?:von|vom|der|des)\b"
    r"|\A\s*(?:(?:au|à l['’]|a[l]?)\s*(?:nord|sud|est|ouest|norte|sur|este|oeste|ovest)[a-z-]*\s+)?"
    r"(?:de|du|des|d['’]|da|dal|dalla|dallo|di|del)(?:\b|(?<=['’]))",
    re.IGNORECASE,
)
_PLACE_LEAD = re.compile(
    # "the port of", "the mainland city of", "the Taiwanese capital": a description the name follows
    r"[\s,]*(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:port|city|town|village|island|capital)\s+(?:of\s+)?"
    r"|(?:central|downtown|mainland|continental)\s+)?"  # "north of mainland Norway"
    # "the (west) coast of", "the Greek island of", "the mainland of": the place is the one after
    r"(?:(?:[A-Z][\w-]+\s+|(?:north|south|east|west)[\w-]*\s+)?(?:coast|coastline|shores?|mainland|island|tip|end|"
    r"point|part|side)\s+of\s+"
    r"(?:the\s+)?)?"
    # "the coast of Africa (at Tanzania)"; "Chi-lung (Keelung)": a name we do not know, glossed
    r"(?:[A-Z][\w'’-]+\s*\(\s*(?:(?:at|in|near)\s+(?:the\s+)?)?)?",
    re.IGNORECASE)
_ASIDE_BEFORE = re.compile(r",\s*(?:near|outside|close to|not far from|north of|south of|east of|west of)\s+\Z",
                           re.IGNORECASE)
# "within 200 km of the North Korean border", "15 km from the coast": a distance to a feature.
_TO_FEATURE = re.compile(r"\A\s*(?:of|from|off)\s+(?P<what>(?:the|its|their|a|an)\s+[\w\s'’-]{0,40}?)"
                         r"(?=\b(?:border|coast|coastline|shore|frontier|front|front line|mainland|island|islands|"
                         r"mouth|entrance|base|capital|city|port)\b)", re.IGNORECASE)
# A sentence that opens with a pronoun or a description stands for a place named before it:
# "It lies 80 km south of X", "The city lies 470 km north-east of X", "Die Insel liegt ...".
# The noun says what kind of place it must be; a pronoun takes any endpoint.
_ANAPHOR_NOUNS: dict[str, frozenset[str] | None] = {
    **dict.fromkeys(("city", "town", "village", "capital", "settlement", "stadt", "ville", "cité", "città", "ciudad",
                     "localidad", "orașul", "город"), frozenset({"town", "port"})),
    **dict.fromkeys(("port", "harbour", "harbor", "hafen"), frozenset({"town", "port"})),
    **dict.fromkeys(("island", "islet", "atoll", "reef", "shoal", "insel", "île", "isola", "isla", "archipelago",
                     "islands"),
                    frozenset({"island", "islet", "atoll", "reef", "shoal", "archipelago", "country", "region",
                               "town", "port"})),
    **dict.fromkeys(("base", "plant", "facility", "airport"),
                    frozenset({"base", "naval_base", "air_base", "nuclear_plant", "power_plant", "airport"})),
    "terminal": frozenset({"terminal", "port"}),
    **dict.fromkeys(("it", "its", "es", "sie", "il", "elle", "they"), None),
    # "Located on the south coast ... about 250 km east of Djibouti.": a participle opening a
    # sentence without a subject describes the place the text is about.
    **dict.fromkeys(("located", "situated", "lying"), None),
}
_ANAPHOR = re.compile(
    r"[\s\"“'‘(]*(?:(?:(?:the|this|that|these|those|both|die|der|das|la|le|el|il)\s+|l['’]\s*)"
    r"(?P<noun>[^\W\d_]+(?:[^\S\n]+[^\W\d_]+){0,2})"
    r"|(?P<pronoun>it|its|es|sie|il|elle|they|located|situated|lying))\b",
    re.IGNORECASE,
)
_ONE_ISLAND_EXTENT_KM = 250.0
_ISLAND_NOUNS = frozenset({"island", "islet", "atoll", "reef", "shoal", "insel", "île", "isola", "isla", "archipelago"})
#: How many sentences back an anaphor's place may be named.
_ANAPHOR_REACH = 5
# A place right after "<distance> [direction] of|from": the reference of that distance, not
# the subject of the next one in a list ("25 km south of A, 2,940 km north-west of B"). The unit is
# a whole word ("du district minier du Congo" has none).
_REFERENCE_LEAD = re.compile(
    r"(?<![^\W\d_])(?:km|kilomet\w*|kilómetros|chilometri|miles?|millas|milles|miglia|mi|nmi|nm|"
    r"nautical miles?)(?![^\W\d_])\.?\)?[\s,]*"
    r"(?:\([^()]{0,40}\)\s*)?"
    # "south-west of", "to the east of", "off the coast of", "südlich von", "al sur de"
    r"(?:[^\W\d_][\w-]*\s+){0,3}?(?:away\s+)?(?:of|from|von|vom|der|de|du|des|del|da|dal|dalla|di|dari|om)\s+"
    r"(?:the\s+|la\s+|le\s+|l['’])?(?:[\w'’-]+,?\s+){0,3}\Z",
    re.IGNORECASE,
)
# "Dobrich (45 km to the north)": the place before the bracket is the distance's reference.
_BRACKETED_DISTANCE = re.compile(r"\s*\((?:\s*[^()\d]{0,20})?\d")
_BRACKET_BEFORE = re.compile(r"\(\s*\Z")
# "of the southern tip of India (at Kanyakumari)": the bracket names the point of the area before it.
# An unnamed place right before the distance is what it describes: "a tiny island 250 miles from X".
_INDEFINITE_BEFORE = re.compile(
    r"(?<![,(]\s)(?<![,(])\b(?:a|an|another|one)\s+(?:[\w-]+\s+){0,3}?(?:island|islet|town|city|port|village|base|place|spot|point|"
    r"location|site|area|atoll|reef)s?\s*,?\s*(?:(?:located|situated|lying|just|only|some|about)\s+)*\Z", re.IGNORECASE)
_ISLAND_OF = re.compile(r"\b(?:island|isle|islands|isles|atoll|archipelago)\s+of\s+(?:the\s+)?\Z", re.IGNORECASE)
_ISLANDS_AFTER = re.compile(r"\s+(?:archipelago|islands|isles)\b", re.IGNORECASE)
_CLAUSE_ANAPHOR = re.compile(
    r"(?:[;:–—]|,)\s+(?:(?:the|this|la|le|l['’]|die|der|das)\s*(?P<noun>[^\W\d_]+)|(?P<pronoun>it|il|elle|sie|es))"
    r"(?=\s+(?:is|was|lies|lay|sits|stands|se trouve|est|liegt|ist)\b)", re.IGNORECASE)
_AWAY_AFTER = re.compile(r"[^.;]{0,40}?\baway\b")
_GLOSS_BEFORE = re.compile(r"\(\s*(?:at|near|in)\s+(?:the\s+)?\Z", re.IGNORECASE)
_BRACKET_AFTER = re.compile(r"\A\s*(?:(?:to\s+the\s+)?[a-z-]+\s*)?(?:away\s*)?\)", re.IGNORECASE)
_FEATURE_APPOSITION = re.compile(r"[\w-]+,\s+")
_FEATURE_OF = re.compile(r"[\w-]+\s+(?:of|from)\s+(?:the\s+)?(?:mainland\s+|communist\s+)?", re.IGNORECASE)
# "33 km wide", "8 miles (13 km) in width", "a 6 km-wide strait"; "its width is 50 km", "narrows to 8 miles".
_WIDE_AFTER = re.compile(r"(?:\s*\([^()]{0,60}\))?\s*-?\s*(?:wide|in width|across)\b"
                         r"(?!\s*(?:channels|lanes|passages|shipping))", re.IGNORECASE)
_WIDTH_BEFORE = re.compile(r"(?:\bwidth\b|\bnarrow(?:s|ing|est)?\b)[^.;,]{0,40}\Z", re.IGNORECASE)
_OTHER_WATER = re.compile(r"\b(?:channels?|passages?|lanes?|bab|arms?)\b", re.IGNORECASE)
_WIDTH_ANAPHOR = re.compile(r"[\s\"“'‘(]*(?:(?:the|this|that)\s+(?:strait|straits|channel|sound|passage)|it|its)\b",
                            re.IGNORECASE)
_APART = re.compile(r"\A[\s,]*(?:apart|from each other|from one another)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LinkedClaim:
    """A distance claim with the two mentions it joins and how they were found."""

    claim: DistanceClaim
    origin: Mention
    destination: Mention
    sentence: tuple[int, int]
    how: str
    direction_from: Mention | None = None  # the place a stated direction is measured from
    #: How each end was found, for the report: "named here", or '"The city" = Varna, named in sentence 2'.
    evidence: tuple[str, str] = ("named here", "named here")


_TRAVEL_WORDS = (
    ("road", re.compile(r"\b(?:by road|by car|by bus|drive|driving|drives|highways?|motorways?|road distance|"
                        r"on the road|km by road|mit dem auto|en voiture|por carretera)\b", re.IGNORECASE)),
    ("rail", re.compile(r"\b(?:by rail|by train|rail(?:way)? distance|mit der bahn|en train|por tren)\b",
                        re.IGNORECASE)),
    ("river", re.compile(r"\b(?:upstream|downstream|up the river|down the river|by river|river distance)\b",
                         re.IGNORECASE)),
)


_VOYAGE_AFTER = re.compile(r"[\s-]*(?:[a-z-]+\s+){0,2}?(?:voyages?|sea passages?|sailings?|passages? by sea|"
                           r"trips? by sea|journeys? by sea)\b", re.IGNORECASE)
_VOYAGE_BEFORE = re.compile(r"\b(?:voyages?|sailed|sails|sailing|steamed|steaming|by sea)\s+(?:of\s+|for\s+)?"
                            r"(?:some\s+|about\s+|around\s+|nearly\s+|almost\s+|more than\s+|over\s+)?\Z",
                            re.IGNORECASE)


def is_voyage(text: str, claim: DistanceClaim) -> bool:
    """Whether a distance is the length of a voyage by its own words ("a 10,500 nautical-mile
    voyage via Suez", "the ship sailed some 300 miles"): judged against the sea route."""
    start, end = claim.span or (0, 0)
    own = claim.text
    return bool(re.search(r"\bvoyage\b", own, re.IGNORECASE) or _VOYAGE_AFTER.match(text, end)
                or _VOYAGE_BEFORE.search(text, max(0, start - 40), start))


def travel_mode(text: str, sentence: tuple[int, int]) -> str | None:
    """Whether a sentence says its distance is travelled by road, rail or river ("a 90-minute
    drive", "by road", "upstream"), or None."""
    words = text[sentence[0]:sentence[1]]
    return next((mode for mode, pattern in _TRAVEL_WORDS if pattern.search(words)), None)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries (start, end) in ``text``; abbreviations such as "U.S." do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATIONS.search(text[max(start, match.start() - 8): match.start() + 1]):
            continue
        if "\n" not in match.group(0) and text[match.end():match.end() + 1].islower():
            continue  # "1,484 km. far from Tehran": a sentence does not open in lower case
        end = match.start() + len(match.group(0).rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _index_of(spans: Sequence[tuple[int, int]], sentence: tuple[int, int], missing: int = -1) -> int:
    """``spans.index(sentence)`` by binary search (spans are in order), else ``missing``."""
    i = bisect.bisect_left(spans, sentence)
    return i if i < len(spans) and spans[i] == sentence else missing


def _opens_sentence(text: str, spans: Sequence[tuple[int, int]], mention: Mention, starts: Sequence[int]) -> bool:
    """Whether ``mention`` is the first words of its sentence (after quotes or brackets)."""
    begin = _sentence_of(spans, mention.start, starts)[0]
    return not text[begin:mention.start].strip(" \t\n\"'“‘([")


def _sentence_of(spans: Sequence[tuple[int, int]], pos: int, starts: Sequence[int] | None = None) -> tuple[int, int]:
    """The sentence holding ``pos`` (else the last one); ``starts``: the spans' starts, for a
    binary search instead of a scan (spans are in order and do not overlap)."""
    if starts is None:
        starts = [start for start, _ in spans]
    index = bisect.bisect_right(starts, pos) - 1
    if index >= 0 and spans[index][0] <= pos < spans[index][1]:
        return spans[index]
    return spans[-1] if spans else (0, 0)


def _masked(text: str, claim: DistanceClaim, window: tuple[int, int] | None = None) -> str:
    """``text`` with the claim's own words blanked, so "between 85 and 95 miles" is no connective;
    only ``text[window[0]:window[1]]`` when given (a copy of a whole long text per claim made
    linking quadratic)."""
    start, end = claim.span or (0, 0)
    first, last = window if window is not None else (0, len(text))
    start, end = min(max(start, first), last), min(max(end, first), last)
    return text[first:start] + " " * (end - start) + text[end:last]


_CONNECTIVE_LEAD = 40  # how far before a place "from" / "between" is looked for
# "from A to B", "von A (aus) ... nach B", "desde A hasta B", "depuis A jusqu'à B", "dal A fino a B";
# "between A and B", "zwischen A und B", "entre A et|y B", "tra|fra A e B" (the text is lower-cased).
# ("südlich von X" is "south of X": no "from").
_FROM_LEAD = re.compile(r"\b(?:from|(?<!lich )von|(?<!lich )vom|desde|depuis|dal|dalla|dallo)\s+(?:[\w'’-]+\s+){0,4}\Z")
_TO_GAP = re.compile(r"\A[^;]*\b(?:to|nach|bis|hasta|jusqu['’]à|fino a)\b")
_BETWEEN_LEAD = re.compile(r"\b(?:between|zwischen|entre|tra|fra)\s+(?:[\w'’-]+\s+){0,4}\Z")
_AND_GAP = re.compile(r"\b(?:and|und|et|y|e)\s+(?:[\w'’-]+\s+){0,4}\Z")


def _pair_by_connectives(text: str, places: Sequence[Mention], offset: int = 0) -> tuple[Mention, Mention, str] | None:
    """``from A to B`` or ``between A and B`` among the sentence's places, nearest pair first;
    ``text`` starts at ``offset`` of the article's text (the places' positions)."""
    for i, first in enumerate(places):
        lead = text[max(0, first.start - _CONNECTIVE_LEAD - offset):first.start - offset].lower()
        for second in places[i + 1:]:
            if first.place.source == second.place.source:
                continue
            gap = text[first.end - offset:second.start - offset].lower()
            if _FROM_LEAD.search(lead) and _TO_GAP.search(gap) and len(gap) < 120:
                return first, second, "from A to B"
            if re.search(r"\b(?:left|leaves|leaving|departed|departs|departing)\s+(?:[\w'’-]+\s+){0,3}\Z", lead) \
                    and re.fullmatch(r"[\s,]*(?:\w+\s+){0,2}?for\s+(?:the\s+)?(?:port\s+of\s+)?", gap):
                return first, second, "left A for B"
            if _BETWEEN_LEAD.search(lead) and len(gap) < 80 \
                    and _AND_GAP.search(gap) and not re.search(r"[0-9;]", gap):
                return first, second, "between A and B"
    return None


def _point_and_foreign_area(first: Mention, second: Mention) -> bool:
    """Whether one of two ends is a country or region and the other a place of another country
    (a distance to that country's coast or border), not two areas and not a place with its own
    country ("from Busan, South Korea, to ...")."""
    areas = [m for m in (first, second) if m.place.kind in ("country", "region") and not island_like(m)]
    return len(areas) == 1 and first.place.country != second.place.country


def _non_claim_reason(text: str, claim: DistanceClaim, sentence: tuple[int, int], joined: bool,
                      places: Sequence[Mention]) -> str | None:
    """Why the distance is not between two places, or None; ``joined``: the sentence has "from A to B"."""
    start, end = claim.span or (0, 0)
    after = text[end:sentence[1]]
    before = text[sentence[0]:start]
    written = text[start:end]
    hyphenated = (re.search(r"\d\s*-\s*[a-z]", written, re.IGNORECASE)
                  or re.search(r"-(?:km|kilomet|mile|metre|meter|nautical)", written, re.IGNORECASE))
    if hyphenated and _THING_AFTER.match(after) and not _PAIR_AFTER.match(after):
        return "a length or size of a thing, not a distance between two places"
    if (_THING_AFTER.match(after)
            and re.match(r"\A[\s-]*(?:territorial|exclusion|buffer|security|no-go|safety)", after, re.IGNORECASE)):
        return "a zone or limit, not a distance between two places"
    if _MEASURE_AFTER.match(after):
        return "a length, width or depth, not a distance between two places"
    if _MEASURE_BEFORE.search(before):
        return "a range, radius or size, not a distance between two places"
    if not joined and _THING_OF_BEFORE.search(before):
        return "a length of a road, railway or line, not a distance between two places"
    if not joined and _LENGTH_BEFORE.search(before):
        return "a length, not a distance between two places"
    if claim.unit == "m" and (claim.high_km or claim.low_km or 0) < 1.0:
        return "under a kilometre: a size, not a distance between two places"
    feature = _TO_FEATURE.match(after)
    if feature:
        # "off the coast of Tunisia", "from the Philippine island of Palawan": the feature is named.
        named = _FEATURE_OF.match(after, feature.end()) or _FEATURE_APPOSITION.match(after, feature.end())
        if named and any(m.start == end + named.end() for m in places):
            feature = None  # "off the coast of Tunisia", "from the national capital, Hargeisa"
    if feature and not joined and not any(end <= m.start <= end + feature.end() + 1 for m in places):
        return f"a distance to {feature['what'].strip()}, not to a named place"
    return None


def can_be_endpoint(mention: Mention) -> bool:
    """Whether a mention can be one end of a distance: a town, port or base named as a place.

    A country or region is not here (its distance depends on the point one picks), unless it
    is a city state ("Singapore", "Gibraltar") or shares its name with a town of its own that the
    resolver also found ("Djibouti", "Kuwait"); it can still be the end a distance is measured
    *to*, to its border or coast (:func:`can_be_area_end`). Nor is a big strait ("the Korea
    Strait"). An island of any size is: its distance is measured to its shore.
    """
    if mention.role != "place":
        return False
    place = mention.place
    if place.kind in ISLAND_KINDS:
        return True  # measured to its shore, whatever its size
    if place.kind in ENDPOINT_KINDS:
        return place.extent_km <= CITY_STATE_EXTENT_KM or place.kind in ("town", "port", "base")
    if place.kind == "country" and place.extent_km <= CITY_STATE_EXTENT_KM:
        return True
    # A country or region named like a town of its own: the claim's re-resolution, which wants
    # an endpoint, takes the town (its point is no longer the capital's, so it must).
    if place.kind in ("country", "region") and mention.resolution is not None:
        return any(c.place.kind in ENDPOINT_KINDS and c.place.country == place.country
                   and c.place.name.casefold() == mention.text.casefold() and _lies_within(c.place, place)
                   for c in mention.resolution.candidates[1:4])
    return False


def _lies_within(town: Place, area: Place) -> bool:
    """Whether a town lies near enough an area's centre to be the town it is named after
    ("Djibouti" in Djibouti), not a namesake in another province (a "Hainan" 3,500 km north of
    Hainan island)."""
    from geo.geodesy import distance_km

    return distance_km(town, area) <= 2.0 * area.extent_km + 50.0


_COAST_AFTER = re.compile(r"(?:\s+(?:Black Sea|Baltic|Mediterranean|Pacific|Atlantic|Caribbean|Red Sea|"
                          r"north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?|north-?\w+|south-?\w+))?"
                          r"\s+(?:coast|coastline|shore|shores|mainland|border|frontier)\b", re.IGNORECASE)


def can_be_area_end(mention: Mention, text: str | None = None) -> bool:
    """Whether a mention can be the end a distance is measured to, to its border, coast or
    water: a country, a region, an island, a sea or a strait ("75 km south of Turkey"), or a
    demonym before a coast or a border ("the Swedish coast", "the Russian border"), given
    ``text`` to read what follows it."""
    if mention.role == "place":
        return mention.place.kind in AREA_END_KINDS
    if mention.role == "adjective" and text is not None and mention.place.kind == "country":
        return bool(_COAST_AFTER.match(text, mention.end))
    return False


def island_like(mention: Mention) -> bool:
    """Whether an area end can be what a sentence describes: an island, or a country or
    region that is one (Cyprus, Sicily), not one with a land border."""
    from geo.places.areas import is_island

    kind = mention.place.kind
    return kind in ISLAND_KINDS or (kind in ("country", "region") and is_island(mention.place))


def _as_place(mention: Mention) -> Mention:
    from dataclasses import replace

    return mention if mention.role == "place" else replace(mention, role="place")


# "Chi-lung", "P'eng-hu", "Moscow-backed": a name glued to a lower-case tail is part of another
# word (a romanised name, an adjective), never the end of a distance.
_HYPHEN_TAIL = re.compile(r"-[a-z]")
# The kind word of a feature's name in other European languages ("Baia di San Diego", "Oceano
# Pacifico", "Golfe du Lion"): neither it nor the word after it is a town ("Baia" is also Salvador's
# old name, "Pacifico" a Spanish village).
_FEATURE_WORDS = ("Oceano|Océano|Océan|Ozean|Mare|Mar|Mer|Golfo|Golfe|Baia|Bahía|Baie|Lago|Lac|Isola|Isole|Monte|"
                  "Capo|Cabo|Stretto|Estrecho|Détroit|Canale|Canal|Fiume|Porto|Puerto")
_FEATURE_WORD_BEFORE = re.compile(rf"\b(?:{_FEATURE_WORDS})\s+\Z")
_FEATURE_WORD = re.compile(rf"(?:{_FEATURE_WORDS})\Z")
_FEATURE_OF_AFTER = re.compile(r"\s+(?:di|de|del|della|dello|degli|du|des|da|do|dos)\s+(?:la\s+|l['’])?[A-Z]")


# "Le isole ...", "La ciudad ...": an article is no place, whatever town shares its letters (Leh).
_ARTICLE_WORDS = frozenset({"le", "la", "les", "il", "lo", "gli", "el", "los", "las", "der", "die", "das", "den",
                            "de", "del", "des", "du"})
_AN_ISLAND_AFTER = re.compile(r"\s*[–—:-]\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:island|islet|atoll)\b", re.IGNORECASE)
_ISLAND_WORD_BEFORE = re.compile(r"\b(?:isole|isola|isla|islas|île|îles|ilha|ilhas|insel|inseln|ön|øen|öarna)\s+\Z")


def _in_feature_name(text: str, mention: Mention) -> bool:
    """Whether a mention is a piece of a feature's name written in another European language:
    the word after "Oceano", "Golfo", "Baia" ..., or such a word itself before "di X"; or a town
    read for the name after "le isole", "las islas" (the islands, which the gazetteer lacks)."""
    if mention.text.casefold() in _ARTICLE_WORDS or _FEATURE_WORD_BEFORE.search(
            text, max(0, mention.start - 12), mention.start):
        return True
    if mention.place.kind not in ISLAND_KINDS and (_ISLAND_WORD_BEFORE.search(
            text, max(0, mention.start - 8), mention.start) or _AN_ISLAND_AFTER.match(text, mention.end)):
        return True  # "Asuncion – An island of 13 square miles": not Paraguay's capital
    return bool(_FEATURE_WORD.fullmatch(mention.text) and _FEATURE_OF_AFTER.match(text, mention.end))


#: The most characters between a pair of places and a distance that is their own ("A and B -
#: 900 km", "A and B are about 900 km"): only a few words may stand between them.
_OWN_DISTANCE_GAP = 60


def link_claims(
    text: str, mentions: Sequence[Mention], distances: Sequence[DistanceClaim]
) -> tuple[list[LinkedClaim], list[NonClaim]]:
    """Split ``distances`` into claims linked to two place mentions and the rest, with reasons."""
    spans = sentence_spans(text)
    span_starts = [s for s, _ in spans]
    # "the Maltese archipelago": the demonym names the islands themselves.
    mentions = [_as_place(m) if m.role == "adjective" and _ISLANDS_AFTER.match(text, m.end) else m for m in mentions
                if not _HYPHEN_TAIL.match(text, m.end) and not _in_feature_name(text, m)]
    endpoints = sorted((m for m in mentions if can_be_endpoint(m)), key=lambda m: m.start)  # stable
    endpoint_starts = [m.start for m in endpoints]
    # Areas a distance may run to (to a border, a coast, a strait's water), and among all ends
    # those a sentence may describe: points and islands (Cyprus, Sicily), never a country with
    # land borders ("Russia ... 40 km from Odesa" is not a claim about Russia).
    area_ends = sorted((_as_place(m) for m in mentions if not can_be_endpoint(m) and can_be_area_end(m, text)),
                       key=lambda m: m.start)
    all_ends = sorted([*endpoints, *area_ends], key=lambda m: m.start)
    all_starts = [m.start for m in all_ends]
    # An earlier sentence's "It" may be an island or an island country, or an island region that
    # opens its sentence ("Svalbard is an archipelago ... It lies 400 miles north of ...": the
    # shipped table says which regions are islands); one named in passing is no topic ("93 km
    # to the nearest point in Sicily" between Malta's sentences). "the little island of Tristan
    # da Cunha": a region the text itself calls an island is one too.
    subjects = sorted([*endpoints, *(m for m in area_ends if (
        m.place.kind != "region" and island_like(m)) or (m.place.kind == "region" and (
            _ISLAND_OF.search(text, max(0, m.start - 30), m.start)
            or (_opens_sentence(text, spans, m, span_starts) and island_like(m)))))],
                      key=lambda m: m.start)
    subject_keys = {(m.start, m.end) for m in subjects}
    island_regions: dict[tuple[int, int], bool] = {}

    def describes(m: Mention) -> bool:
        if (m.start, m.end) in subject_keys:
            return True
        if m.place.kind != "region":
            return False
        if _ISLAND_OF.search(text, max(0, m.start - 30), m.start):
            return True  # "The inhabited island of Tristan da Cunha": an island, whatever the gazetteer files it as
        key = (m.start, m.end)
        if key not in island_regions:
            island_regions[key] = island_like(m)
        return island_regions[key]

    linked: list[LinkedClaim] = []
    rejected: list[NonClaim] = []
    distance_starts = sorted((d.span or (0, 0))[0] for d in distances)
    for claim in distances:
        start, end = claim.span or (0, 0)
        sentence = _sentence_of(spans, start, span_starts)
        # The sentence's places, found by position: a long text has thousands of them.
        first = bisect.bisect_left(endpoint_starts, sentence[0])
        last = bisect.bisect_right(endpoint_starts, sentence[1])
        places = [m for m in endpoints[first:last] if m.end <= sentence[1]]
        first = bisect.bisect_left(all_starts, sentence[0])
        last = bisect.bisect_right(all_starts, sentence[1])
        ends = [m for m in all_ends[first:last] if m.end <= sentence[1]]
        describable = [m for m in ends if describes(m)]
        width = _width_claim(text, claim, sentence, ends, spans, all_ends)
        if width is not None:
            linked.append(width)
            continue
        items = _following_list(text, claim, describable, all_ends)
        if items:
            linked += [LinkedClaim(claim=claim, origin=origin, destination=item, sentence=sentence,
                                   how="X km from the following: list") for origin, item in items]
            continue
        window = (max(0, sentence[0] - _CONNECTIVE_LEAD), sentence[1])
        # "from A to B" joins places a sentence describes; a country with land borders is no
        # such end ("from Busan, South Korea, ... closer to Korea than to Japan").
        masked = _masked(text, claim, window)
        pair = _pair_by_connectives(masked, [m for m in describable if m.place.kind not in ("country", "region")],
                                    offset=window[0])
        if pair is None:  # "the distance between Malta and Sicily": an island country too, but only so
            pair = _pair_by_connectives(masked, describable, offset=window[0])
            pair = pair if pair is not None and pair[2] == "between A and B" else None
        if pair is None:  # "from Tunisia it is 138 km to Lampedusa": an island and a country's coast
            pair = _pair_by_connectives(masked, ends, offset=window[0])
            pair = pair if pair is not None and _point_and_foreign_area(pair[0], pair[1]) \
                and pair[0].end <= start and end <= pair[1].start else None  # the distance inside the phrase
        if pair is not None and not (pair[0].start - _CONNECTIVE_REACH <= start <= pair[1].end + _CONNECTIVE_REACH):
            pair = None  # "from A to B" elsewhere in a long sentence says nothing of this distance
        if pair is not None and end <= pair[0].start and any(
                re.fullmatch(r"[\s,:–—-]*(?:(?:is|are|about|some|around|roughly)\s+)*", text[pair[1].end:other])
                for other in distance_starts[bisect.bisect_left(distance_starts, pair[1].end):
                                             bisect.bisect_right(distance_starts, pair[1].end + _OWN_DISTANCE_GAP)]):
            pair = None  # "A and B - 900 km, from Paris to Berlin - 880 km": the pair has its own distance
        reason = _non_claim_reason(text, claim, sentence, joined=pair is not None, places=ends)
        opened = _from_opening(text, spans, sentence, claim, ends, subjects) if reason is None and pair is None \
            else None
        if opened is not None:
            (origin, destination, how), evidence = opened
            linked.append(LinkedClaim(claim=claim, origin=origin, destination=destination, sentence=sentence,
                                      how=how, evidence=evidence))
            continue
        subject = _sentence_subject(text, spans, sentence, subjects, ends, start)
        if reason is None and pair is None and subject is not None:
            found = _pair_with_subject(text, claim, ends, subject[0])
            if found is not None:
                (origin, destination, how), direction_from = found
                linked.append(LinkedClaim(claim=claim, origin=origin, destination=destination, sentence=sentence,
                                          how=how, direction_from=direction_from,
                                          evidence=(subject[1], "named here")))
                continue
        if reason is None and pair is None and subject is None:
            both = [(found, evidence) for each, evidence in _both_subjects(text, spans, sentence, subjects, start)
                    if (found := _pair_with_subject(text, claim, ends, each)) is not None]
            if len(both) == 2:
                linked += [LinkedClaim(claim=claim, origin=found[0][0], destination=found[0][1], sentence=sentence,
                                       how="both ... X km of B", direction_from=found[1],
                                       evidence=(evidence, "named here")) for found, evidence in both]
                continue
        if reason is None and len({m.place.source for m in ends}) < 2:
            within = re.search(r"\bwithin\s*\Z", text[sentence[0]:start], re.IGNORECASE) or \
                (claim.hedge or "").lower().startswith("within")
            reason = ("a radius around one place, not a distance between two places" if within and ends
                      else _NO_TWO_PLACES)
        direction_from = None
        if reason is None and pair is None:
            pair, direction_from = _pair_by_reference(text, claim, ends, describable, places)
            if pair is None:
                reason = _UNKNOWN_REFERENCE
        evidence = ("named here", "named here")
        if pair is None and reason in (_NO_TWO_PLACES, _UNKNOWN_REFERENCE):
            found_topic = _direction_from_topic(text, spans, sentence, claim, describable, subjects)
            if found_topic is None:
                found_topic = _apart_after_plural(text, spans, sentence, claim, describable, subjects)
            if found_topic is None:
                found_topic = _described_reference(text, spans, sentence, claim, describable, subjects)
            if found_topic is None:
                found_topic = _line_under_title(text, claim, ends, subjects)
            if found_topic is None:
                found_topic = _distance_from_topic(text, spans, sentence, claim, ends, subjects)
            if found_topic is None:
                found_topic = _answer_to_how_far(text, spans, sentence, claim, all_ends)
            if found_topic is not None:
                pair, evidence = found_topic
                from_reference = pair[2].startswith(("A lies", "A ... X km of the"))
                direction_from, reason = (pair[1] if from_reference else None), None
        if reason in (_NO_TWO_PLACES, _UNKNOWN_REFERENCE) and _NO_SIZE.search(
                text, max(0, start - 30), start) is None:
            listed = _pair_from_list(text, claim, all_ends, subjects)
            if listed is not None:
                pair, reason = listed, None
        if reason is not None:
            rejected.append(NonClaim(claim=claim, reason=reason))
            continue
        assert pair is not None  # no reason to reject means a pair was found
        origin, destination, how = pair
        if how == "list under a heading" and any(
                c.how == how and c.origin.place.source == origin.place.source
                and c.destination.place.source == destination.place.source
                and _line_of(text, (c.claim.span or (0, 0))[0]) == _line_of(text, start) for c in linked):
            # "441nm to Taiwan. 817km.": the same distance again in another unit
            rejected.append(NonClaim(claim=claim, reason="the same list item's distance restated in another unit"))
            continue
        linked.append(LinkedClaim(claim=claim, origin=origin, destination=destination, sentence=sentence,
                                  how=how, direction_from=direction_from, evidence=evidence))
    return linked, rejected


_BOTH_OPENING = re.compile(r"[\s\"“'‘(]*both\s+(?:the\s+)?(?:two\s+)?(?P<noun>islands|cities|towns|ports|bases)\b",
                           re.IGNORECASE)
_BOTH_KINDS = {"islands": ISLAND_KINDS | {"country", "region"}, "cities": frozenset({"town", "port"}),
               "towns": frozenset({"town", "port"}), "ports": frozenset({"town", "port"}),
               "bases": frozenset({"base", "naval_base", "air_base"})}


def _both_subjects(text: str, spans: Sequence[tuple[int, int]], sentence: tuple[int, int],
                   subjects: Sequence[Mention], start: int) -> list[tuple[Mention, str]]:
    """"Both islands are over 100 miles from X": the two places of that kind that the nearest
    sentences before name (up to :data:`_ANAPHOR_REACH` back), each with its evidence; empty
    unless there are exactly two, and the sentence names none of them itself."""
    opening = _BOTH_OPENING.match(text, sentence[0], start)
    if opening is None:
        return []
    kinds = _BOTH_KINDS[opening["noun"].casefold()]
    index = _index_of(spans, sentence)
    found: dict[str, tuple[Mention, int]] = {}
    for back in range(1, _ANAPHOR_REACH + 1):
        if index - back < 0 or len(found) >= 2:
            break
        earlier = spans[index - back]
        for m in subjects:
            if earlier[0] <= m.start and m.end <= earlier[1] and m.place.kind in kinds and not _is_reference(text, m) \
                    and (m.place.kind not in ("country", "region") or m.place.extent_km <= _ONE_ISLAND_EXTENT_KM) \
                    and m.place.source not in found:
                found[m.place.source] = (m, index - back + 1)
    if len(found) != 2 or any(sentence[0] <= m.start < sentence[1] for m in subjects
                              if m.place.source in found):
        return []
    written = text[opening.start():opening.end()].strip(" \"“'‘(")
    return [(m, f"\u201c{written}\u201d = {m.text}, named in sentence {number}") for m, number in found.values()]


# "From there, it's about 1,700 miles to X", "From Varna, it is 260 km to Y".
_FROM_OPENING = re.compile(r"[\s\"“'‘(]*from\s+(?:(?P<pronoun>there|here)|(?P<noun>(?!x)x))?", re.IGNORECASE)
_TO_AFTER = re.compile(r"(?:\s*\([^()]{0,40}\))?\s*(?:away\s+)?to\s+", re.IGNORECASE)


def _from_opening(text: str, spans: Sequence[tuple[int, int]], sentence: tuple[int, int], claim: DistanceClaim,
                  ends: Sequence[Mention],
                  subjects: Sequence[Mention]) -> tuple[tuple[Mention, Mention, str], tuple[str, str]] | None:
    """A sentence that opens "From A," or "From there," and gives distances "N km to B": each
    runs from A (or from the place "there" stands for, named in a sentence before) to its B."""
    start, end = claim.span or (0, 0)
    opening = _FROM_OPENING.match(text, sentence[0], start)
    if opening is None:
        return None
    to = _TO_AFTER.match(text, end)
    after = [m for m in ends if m.start >= end]
    if to is None or not after or not _PLACE_LEAD.fullmatch(text, to.end(), after[0].start):
        return None
    if opening["pronoun"]:
        if not re.match(r"\s*,", text[opening.end():opening.end() + 3]):
            return None
        found = _referent(text, spans, sentence, subjects, start, opening)
        if found is None:
            return None
        subject, evidence = found
    else:
        first = [m for m in ends if m.start == opening.end()]
        if not first or not re.match(r"\s*,", text[first[0].end:first[0].end + 3]):
            return None
        subject, evidence = first[0], "named here"
    if subject.place.source == after[0].place.source:
        return None
    return (subject, after[0], "from A, it is X km to B"), (evidence, "named here")


_PLURAL_OPENING = re.compile(r"[\s\"“'‘(]*(?:(?:the|these|those|both)\s+(?:two\s+)?(?:[\w-]+\s+)?"
                             r"(?:cities|towns|ports|capitals|islands|places|villages)|they|both)\b", re.IGNORECASE)


def _apart_after_plural(text: str, spans: Sequence[tuple[int, int]], sentence: tuple[int, int],
                        claim: DistanceClaim, describable: Sequence[Mention],
                        subjects: Sequence[Mention]) -> tuple[tuple[Mention, Mention, str], tuple[str, str]] | None:
    """"The cities ... are 7.5 km from each other", "Both ports lie 40 km apart": the two
    places the sentence before names (exactly two), when this sentence names none itself."""
    start, end = claim.span or (0, 0)
    if not (_APART.match(text[end:end + 40]) or re.search(r"\bapart\s*,?\s*\Z", text[sentence[0]:end])) \
            or _PLURAL_OPENING.search(text, sentence[0], min(sentence[1], max(start, end) + 60)) is None:
        return None
    if any(sentence[0] <= m.start and m.end <= sentence[1] for m in describable):
        return None
    index = _index_of(spans, sentence)
    if index < 1:
        return None
    earlier = spans[index - 1]
    named = [m for m in subjects if earlier[0] <= m.start and m.end <= earlier[1]]
    distinct = list({m.place.source: m for m in reversed(named)}.values())[::-1]
    if len(distinct) != 2:
        return None
    first, second = sorted(distinct, key=lambda m: m.start)
    evidence = f"named in sentence {index} with {{}}"
    return (first, second, "they ... X km apart"), (evidence.format(second.text), evidence.format(first.text))


_FOLLOWING = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:away\s+)?(?:from|to)\s+the\s+following\b[^:\n]{0,50}:[^\S\n]*\n",
                        re.IGNORECASE)
_LIST_ITEM = re.compile(r"[^\S\n]*(?:\d{1,2}[.)]|[-*•])[^\S\n]+")


def _following_list(text: str, claim: DistanceClaim, describable: Sequence[Mention],
                    all_ends: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """"Point Nemo is 2,688 km away from the following three coastlines:" and a numbered or
    bulleted list below: one claim per item, from the place named before the distance (the
    only one), to the item's place; an item naming no known place is left out. Empty when an
    item names several places."""
    start, end = claim.span or (0, 0)
    lead = _FOLLOWING.match(text, end)
    if lead is None:
        return []
    before = {m.place.source: m for m in describable if m.end <= start and not _is_reference(text, m)}
    if len(before) != 1:
        return []
    origin = next(iter(before.values()))
    items: list[tuple[Mention, Mention]] = []
    position = lead.end()
    for _ in range(12):
        line = _line_of(text, position)
        words = text[line[0]:line[1]]
        if not words.strip():
            if items:
                break
            position = line[1] + 1
            continue
        bullet = _LIST_ITEM.match(words)
        if bullet is None:
            break
        named = [m for m in all_ends if line[0] <= m.start and m.end <= line[1]]
        if len({m.place.source for m in named}) > 1 or (named and named[0].place.source == origin.place.source):
            return []  # an item that names several places: the list is not read item by item
        if named:  # an item whose place the gazetteer does not know is left out
            items.append((origin, named[0]))
        position = line[1] + 1
        if position >= len(text):
            break
    return items


_LOCATED_BEFORE = re.compile(r"(?:\s+(?:port|city|town|harbou?r))?\s*,\s*"  # "Mombasa port, which lies"
                             r"(?:located|situated|lying|which lies|située?|ubicad[ao]|situad[ao]|situat[ao]|gelegen)"
                             r"\s+(?:(?:some|about|around|à|a|unos|circa|etwa|rund)\s+)*", re.IGNORECASE)
_BARE_DIRECTION_AFTER = re.compile(
    r"(?:\s*\([^()]{0,40}\))?\s*(?:to\s+the\s+|further\s+|farther\s+|plus\s+au\s+|au\s+|more\s+to\s+the\s+)?"
    r"(?:nord|sud|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest|" + _DIRECTION_WORD[3:]
    + r"(?:\s+in\s+[^.;()\d]{1,60})?\s*(?:[.;]|\Z)",  # "370 km east in Scotland's Outer Hebrides."
    re.IGNORECASE)


def _direction_from_topic(text: str, spans: Sequence[tuple[int, int]], sentence: tuple[int, int],
                          claim: DistanceClaim, describable: Sequence[Mention],
                          subjects: Sequence[Mention]) -> tuple[tuple[Mention, Mention, str], tuple[str, str]] | None:
    """"The capital of the county, Jõhvi, lies 50 km to the west.": a place named before the
    distance, a bare direction after it and nothing else: the distance runs from the place the
    sentences before are about (the one they name most, in the nearest that names any, up to
    :data:`_ANAPHOR_REACH` back). None unless every piece is there."""
    start, end = claim.span or (0, 0)
    tail = text[end:sentence[1]]
    # "The capital, Moscow, is more than 9,000 km away!": from the place the text is about, when it
    # clearly leads (never a guess among several).
    away = re.match(r"(?:\s*\([^()]{0,40}\))?\s*away\s*[.;!]", tail) is not None
    if not (away or _BARE_DIRECTION_AFTER.match(tail) or (claim.direction and re.match(r"\s*(?:[.;]|\Z)", tail))):
        return None
    before = [m for m in describable if m.end <= start and not _is_reference(text, m)]
    if len({m.place.source for m in before}) > 1 and not away \
            and _LOCATED_BEFORE.fullmatch(text, before[-1].end, start) \
            and re.fullmatch(r"[\s\"“'‘(]*(?:the\s+)?", text[sentence[0]:before[0].start], re.IGNORECASE) \
            and before[0].place.source != before[-1].place.source:
        # "Avdiivka is a front, like Bakhmut, located 60 km further north.": from the sentence's subject
        return (before[-1], before[0], "A ..., B, located X km <direction>"), ("named here", "named here")
    if len({m.place.source for m in before}) != 1:
        return None
    subject = before[-1]
    # The place the text is about: the one it names most so far, when it clearly leads.
    counts: dict[str, int] = {}
    for m in subjects:
        if m.start < start and m.place.source != subject.place.source \
                and m.place.kind not in AREA_END_KINDS - ISLAND_KINDS:
            counts[m.place.source] = counts.get(m.place.source, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    leader = max(counts, key=lambda k: counts[k]) if counts else None
    clear = leader is not None and ranked[0] >= 2 and (len(ranked) == 1 or ranked[0] >= 2 * ranked[1])
    index = _index_of(spans, sentence)
    for back in range(1, _ANAPHOR_REACH + 1):
        if index - back < 0:
            return None
        earlier = spans[index - back]
        named = [m for m in subjects if earlier[0] <= m.start and m.end <= earlier[1]
                 and m.place.source != subject.place.source and m.place.kind not in AREA_END_KINDS - ISLAND_KINDS]
        if not named:
            continue
        sources = {m.place.source for m in named}
        if clear and leader in sources:
            topic = next(m for m in named if m.place.source == leader)
        elif clear and leader is not None:
            topic = next(m for m in subjects if m.place.source == leader)  # named before that sentence
        elif len(sources) == 1 and not away:
            topic = named[0]
        else:
            return None  # several places before, none leading: which one, the words do not say
        holding = bisect.bisect_right(spans, (topic.start, math.inf)) - 1
        where = holding + 1 if holding >= 0 and spans[holding][0] <= topic.start < spans[holding][1] \
            else index - back + 1
        evidence = f"{topic.text}, named in sentence {where} (the distance's words name no reference)"
        return (subject, topic, "A lies X km <direction> (of the place before)"), ("named here", evidence)
    return None


# "... 200 km south-east of the port.": the reference is a description of a place named before.
_DESCRIBED_REFERENCE = re.compile(r"(?:\s*\([^()]{0,40}\))?\s*(?:(?:to the\s+)?" + _DIRECTION_WORD
                                  + r"\s+)?(?P<of>(?:of|from)\s+)?the\s+"
                                  r"(?P<noun>port|harbou?r|city|town|island|base|plant)\s*(?:[.;]|\Z)", re.IGNORECASE)


# "... 1,826 km to the west and Alexandria is 1,510 km to the east of the island": the first
# distance shares the second's description; what stands between is a place and its distance.
_SHARED_DESCRIPTION = re.compile(r"(?:\s*\([^()]{0,40}\))?\s*(?:to the\s+)?" + _DIRECTION_WORD
                                 + r",?\s+and\s+[^.;\d]{1,40}?\s(?:is|lies|sits)\s+[^.;]{0,20}?\d[^.;]{0,40}?"
                                 r"(?=\s(?:to the\s+)?" + _DIRECTION_WORD + r"\s+(?:of|from)\s+the\s)", re.IGNORECASE)
_IS_THEN_DISTANCE = re.compile(r"\s+(?:is|lies|sits|was)\s+(?:(?:about|some|around|roughly|only|just|nearly|almost|"
                               r"approximately)\s+)*", re.IGNORECASE)


def _described_reference(text: str, spans: Sequence[tuple[int, int]], sentence: tuple[int, int],
                         claim: DistanceClaim, describable: Sequence[Mention],
                         subjects: Sequence[Mention]) -> tuple[tuple[Mention, Mention, str], tuple[str, str]] | None:
    """"Ibb, which lies around 200 km south-east of the port.": the sentence names one place
    before the distance, and "the port" is the one place of that kind that the nearest earlier
    sentence naming such a place names (up to :data:`_ANAPHOR_REACH` back; a port before a town
    for "the port"). None when that is not exactly one place."""
    start, end = claim.span or (0, 0)
    found = _DESCRIBED_REFERENCE.match(text, end)
    shared = _SHARED_DESCRIPTION.match(text, end) if found is None else None
    if shared is not None:
        found = _DESCRIBED_REFERENCE.match(text, shared.end())  # "A is 1,826 km to the west and B is ..."
    if found is None or found.end() < sentence[1] - 2 and text[found.end() - 1] != ";":
        return None
    if shared is None and not found["of"] and not re.search(r"\b(?:of|from)\s*\Z", claim.text, re.IGNORECASE):
        return None  # the claim's own text keeps a stated "south-east of"
    before = {m.place.source: m for m in describable if sentence[0] <= m.start and m.end <= start}
    own = [m for m in describable if sentence[0] <= m.start and m.end <= start
           and _IS_THEN_DISTANCE.fullmatch(text, m.end, start)]
    if own:
        before = {own[-1].place.source: own[-1]}  # "Gibraltar is 1,826 km ... and Alexandria is 1,510 km"
    if len(before) != 1:
        return None
    subject = next(iter(before.values()))
    noun = found["noun"].casefold()
    kinds = _ANAPHOR_NOUNS.get("port" if noun.startswith("harbo") else noun) or frozenset()
    index = _index_of(spans, sentence)
    for back in range(1, _ANAPHOR_REACH + 1):
        if index - back < 0:
            return None
        earlier = spans[index - back]
        named = [m for m in subjects if earlier[0] <= m.start and m.end <= earlier[1] and m.place.kind in kinds
                 and m.place.source != subject.place.source and not _is_reference(text, m)]
        if noun in ("port", "harbour", "harbor") and any(m.place.kind == "port" for m in named):
            named = [m for m in named if m.place.kind == "port"]
        if not named:
            continue
        if len({m.place.source for m in named}) != 1:
            return None  # "the city" after two cities: which one, the words do not say
        written = text[found.start("noun") - 4:found.end("noun")].strip()
        evidence = f"\u201c{written}\u201d = {named[0].text}, named in sentence {index - back + 1}"
        return (subject, named[0], "A ... X km of the <description>"), ("named here", evidence)
    return None


_NO_TWO_PLACES = "the sentence does not name two places"
_UNKNOWN_REFERENCE = "the place it is measured from is not one the gazetteer knows"
_NO_SIZE = re.compile(r"\b(?:range|radius|area|long|wide|deep|length|width)\b[^\n]{0,30}\Z", re.IGNORECASE)
_HEADING_REACH_LINES = 40


def _line_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _pair_from_list(text: str, claim: DistanceClaim, all_ends: Sequence[Mention],
                    subjects: Sequence[Mention]) -> tuple[Mention, Mention, str] | None:
    """A distance in a list or a table, its other end given by the list's heading or the row.

    * a row "A to B | 138 km |" (a table of distances): A and B;
    * an item "Rio Grande (Argentina) 710 km;" or "- 441nm to Taiwan." under a heading line that
      ends in a colon and names one place ("Some distances from the capital Stanley:"): the
      item's place and the heading's, the heading no more than :data:`_HEADING_REACH_LINES` lines up.

    Only a short line (an item, not prose) that names one place (a country glossing it in
    brackets aside) qualifies; otherwise None: better no claim than a guess.
    """
    start, end = claim.span or (0, 0)
    line = _line_of(text, start)
    if line[1] - line[0] > 140:
        return None
    here = [m for m in all_ends if line[0] <= m.start and m.end <= line[1]]
    row = re.match(r"\s*[-*•|]?\s*", text[line[0]:])
    if len(here) >= 2 and row is not None and here[0].start == line[0] + row.end() \
            and re.fullmatch(r"\s+to\s+", text[here[0].end:here[1].start]) and here[1].end <= start:
        return here[0], here[1], "table row A to B"
    items = [m for m in here if not re.search(r"\(\s*\Z", text[line[0]:m.start])]  # "(Argentina)" glosses
    if len({m.place.source for m in items}) != 1:
        return None
    item = items[0]
    glosses = [m for m in here if m not in items and m.place.kind == "country"]
    if glosses and all(m.place.country != item.place.country for m in glosses):
        return None  # "Isla de los Estados (Argentina)" read as a Mexican town: the gloss says otherwise
    position = line[0] - 1
    for _ in range(_HEADING_REACH_LINES):
        if position <= 0:
            break
        heading = _line_of(text, position - 1)
        position = heading[0] - 1
        words = text[heading[0]:heading[1]].strip()
        if len(words) > 140:
            break  # prose between: the list, if any, ended before it
        if not words.endswith(":"):
            continue
        named = [m for m in subjects if heading[0] <= m.start and m.end <= heading[1]]
        if len({m.place.source for m in named}) != 1 or named[0].place.source == item.place.source:
            return None
        if not re.search(r"\b(?:from|distances?|to)\b", words, re.IGNORECASE):
            return None
        return named[0], item, "list under a heading"
    return _item_from_title(text, line, item, subjects)


# "50 km south: Suakin", "- 120 km north-west: Atbara": a line that gives a distance, then a place.
_DISTANCE_ITEM = re.compile(r"\s*[-*•]?\s*[^\n:]{1,60}?\s*[:–—]\s*", re.UNICODE)


def _item_from_title(text: str, line: tuple[int, int], item: Mention,
                     subjects: Sequence[Mention]) -> tuple[Mention, Mention, str] | None:
    """A line "50 km south: Suakin" on a page whose title names one place: the distance is
    from that place (the page is about it). Only when the title line, the first short line of
    the text, names exactly one place, other than the item's."""
    words = text[line[0]:line[1]]
    colon = _DISTANCE_ITEM.match(words)
    if colon is None or line[0] + colon.end() != item.start or not re.search(r"\d", words[:colon.end()]) \
            or words[item.end - line[0]:].strip(" .;,"):
        return None
    first = next((m for m in subjects), None)
    if first is None or first.start > 300:
        return None
    title = _line_of(text, first.start)
    if title[1] - title[0] > 80 or text[title[0]:title[1]].strip() != first.text:
        return None  # not a heading that is just the name
    if first.place.source == item.place.source:
        return None
    return first, item, "list item on a page about A"


_DISTANCE_FROM = re.compile(r"[\s\"“'‘(]*the\s+(?:shortest\s+|straight-line\s+)?distance\s+(?:from|to)\s+",
                            re.IGNORECASE)


def _distance_from_topic(text: str, spans: Sequence[tuple[int, int]], sentence: tuple[int, int],
                         claim: DistanceClaim, ends: Sequence[Mention],
                         subjects: Sequence[Mention]) -> tuple[tuple[Mention, Mention, str], tuple[str, str]] | None:
    """"The distance from the nearest point of the mainland (Tunisia) is 288 km.": one place,
    and the other end is the place the text is about: the one it names most so far, at least
    twice as often as any other, named again in the last :data:`_ANAPHOR_REACH` sentences."""
    start, end = claim.span or (0, 0)
    if not _DISTANCE_FROM.match(text, sentence[0], start):
        return None
    inside = {m.place.source: m for m in ends if sentence[0] <= m.start and m.end <= start}
    if len(inside) != 1 or not re.fullmatch(r"[\s).]*(?:is|was)\s+(?:[a-z]+\s+){0,2}", text[
            max(m.end for m in inside.values()):start], re.IGNORECASE) or text[end:sentence[1]].strip(" .;"):
        return None
    reference = next(iter(inside.values()))
    counts: dict[str, int] = {}
    for m in subjects:
        if m.start < sentence[0] and m.place.source != reference.place.source:
            counts[m.place.source] = counts.get(m.place.source, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
        return None
    leader = max(counts, key=lambda k: counts[k])
    index = _index_of(spans, sentence)
    recent = spans[max(0, index - _ANAPHOR_REACH)][0]
    named = [m for m in subjects if m.place.source == leader and recent <= m.start < sentence[0]]
    if not named:
        return None
    holding = bisect.bisect_right(spans, (named[-1].start, math.inf)) - 1
    evidence = f"{named[-1].text}, named in sentence {holding + 1} (the place the text is about)"
    return (named[-1], reference, "the distance from B is X km (from the place the text is about)"), (
        evidence, "named here")


_HOW_FAR = re.compile(r"[\s\"“'‘]*how\s+far\s+(?:away\s+)?(?:is|are|lies)\s+(?:the\s+)?", re.IGNORECASE)
_ANSWER = re.compile(r"[\s\"“'‘]*(?:(?:it|that)\s*(?:is|['’]s)\s+)?\Z", re.IGNORECASE)


def _answer_to_how_far(text: str, spans: Sequence[tuple[int, int]], sentence: tuple[int, int],
                       claim: DistanceClaim,
                       all_ends: Sequence[Mention]) -> tuple[tuple[Mention, Mention, str], tuple[str, str]] | None:
    """A question "How far is A from B?" and, as the next sentence, only its answer ("About
    1,000 miles."): the distance runs between the question's two places."""
    start, end = claim.span or (0, 0)
    if not _ANSWER.match(text[sentence[0]:start]) or text[end:sentence[1]].strip(" .!"):
        return None
    index = _index_of(spans, sentence)
    if index < 1:
        return None
    question = spans[index - 1]
    words = text[question[0]:question[1]]
    asked = _HOW_FAR.match(words)
    if asked is None or not words.rstrip().endswith("?"):
        return None
    named = [m for m in all_ends if question[0] <= m.start and m.end <= question[1]]
    if len(named) != 2 or named[0].start != question[0] + asked.end() \
            or named[0].place.source == named[1].place.source \
            or not re.fullmatch(r"\s+(?:away\s+)?(?:from|to)\s+(?:the\s+)?", text[named[0].end:named[1].start]):
        return None
    evidence = f"asked in sentence {index}"
    return (named[0], named[1], "How far is A from B? X km"), (evidence, evidence)


def _title_place(text: str, subjects: Sequence[Mention]) -> Mention | None:
    """The place a page is about when its title line is just that place's name ("Varna"), else None."""
    first = next((m for m in subjects), None)
    if first is None or first.start > 300:
        return None
    title = _line_of(text, first.start)
    if title[1] - title[0] > 80 or text[title[0]:title[1]].strip() != first.text:
        return None
    return first


def _line_under_title(text: str, claim: DistanceClaim, ends: Sequence[Mention],
                      subjects: Sequence[Mention]) -> tuple[tuple[Mention, Mention, str], tuple[str, str]] | None:
    """A line that is only "449 km (278 miles) east of Sofia" on a page titled with one
    place's name: the distance runs from that place (the page is about it) to the one named."""
    start, end = claim.span or (0, 0)
    line = _line_of(text, start)
    if text[line[0]:start].strip():
        return None
    after = [m for m in ends if m.start >= end and m.end <= line[1]]
    if len(after) != 1 or text[after[0].end:line[1]].strip(" .;,"):
        return None
    reference = after[0]
    gap = text[end:reference.start]
    ends_in_of = re.search(r"\b(?:of|from)\s*\Z", claim.text, re.IGNORECASE) is not None
    if not (_of_from_then_place(gap) or (ends_in_of and _PLACE_LEAD.fullmatch(gap))):
        return None
    title = _title_place(text, subjects)
    if title is None or title.place.source == reference.place.source or title.start >= line[0]:
        return None
    return (title, reference, "A lies X km <direction> of B: a line under the title A"), (
        f"{title.text}, the page's title", "named here")


def _width_claim(text: str, claim: DistanceClaim, sentence: tuple[int, int], ends: Sequence[Mention],
                 spans: Sequence[tuple[int, int]], all_ends: Sequence[Mention]) -> LinkedClaim | None:
    """A strait's or channel's width ("the Kerch Strait is 4.5 km wide at its narrowest", "its
    width is only 50 km at its narrowest point"), linked to the strait as both ends: named in
    the sentence before the distance, or, from "The strait" / "It" opening the sentence, named
    up to :data:`_ANAPHOR_REACH` sentences back. Not when another water (a channel, a lane)
    stands between the strait and the number: "... divided into two channels, the eastern
    one 3 km wide" is not the strait's width."""
    start, end = claim.span or (0, 0)
    hyphen_wide = re.search(r"wide\s*\Z", claim.text, re.IGNORECASE)
    if hyphen_wide and re.match(r"[\s(\d.,a-z-]*?\)?\s*(?:channels|lanes|passages|shipping)\b", text[end:end + 40],
                                re.IGNORECASE):
        return None  # "two 2-mile-wide channels": the channels' width, not the strait's
    if not (hyphen_wide or _WIDE_AFTER.match(text, end) or _WIDTH_BEFORE.search(text, sentence[0], start)):
        return None
    if re.search(r"\b(?:average|mean|maximum|widest|broadest|wid(?:th|e) ranges?)\b[^.;]{0,40}\Z",
                 text[sentence[0]:start], re.IGNORECASE):
        return None  # not the narrowest width, which is what is measured
    named = [m for m in ends if m.end <= start and m.place.kind in WIDTH_KINDS]
    if named:
        strait = named[-1]
        if _OTHER_WATER.search(text, strait.end, start) or start - strait.end > 120:
            return None
        return LinkedClaim(claim=claim, origin=strait, destination=strait, sentence=sentence, how="width")
    opening = _WIDTH_ANAPHOR.match(text, sentence[0], start)
    if opening is None or _OTHER_WATER.search(text, opening.end(), start) or start - opening.end() > 120:
        return None
    index = _index_of(spans, sentence)
    for back in range(1, _ANAPHOR_REACH + 1):
        if index - back < 0:
            return None
        earlier = spans[index - back]
        straits = [m for m in all_ends if earlier[0] <= m.start and m.end <= earlier[1] and m.place.kind in WIDTH_KINDS]
        if straits:
            written = text[opening.start():opening.end()].strip(" \"“'‘(")
            evidence = f"\u201c{written}\u201d = {straits[0].text}, named in sentence {index - back + 1}"
            return LinkedClaim(claim=claim, origin=straits[0], destination=straits[0], sentence=sentence,
                               how="width", evidence=(evidence, evidence))
        if any(earlier[0] <= m.start and m.end <= earlier[1] for m in all_ends):
            return None  # the sentence before names places but no strait: "it" is one of them
    return None


def _unknown_glossed_by_area(gap: str, reference: Mention) -> bool:
    """Whether the reference is an area in brackets after a name we do not know ("from Xqz
    (Ukraine)"): the gloss says where the unknown place is, it is not the reference."""
    return reference.place.kind in AREA_END_KINDS and re.search(r"[A-Z][\w'’-]+\s*\(\s*\Z", gap) is not None


def _of_from_then_place(gap: str) -> bool:
    """``gap`` (from a distance to the next place) is "[direction] of|from [the port of]": the
    place follows the "of" closely, so an unknown place in between does not hand its distance
    to the next one ("25 km south of <unknown>, 40 km west of B")."""
    match = _OF_FROM.match(gap)
    if match is None:
        return False
    rest = gap[match.end():]
    return bool(_PLACE_LEAD.fullmatch(rest)) or (len(rest) <= 30 and not re.search(r"[0-9,;()]", rest))


def _subject_before(text: str, before: Sequence[Mention], reference: Mention) -> Mention | None:
    """The place a "<distance> of B" phrase describes: the nearest place before the distance,
    skipping places inside a "near X" / "outside X" aside ("Yokosuka, near Tokyo, is ...") and
    places that are themselves the reference of an earlier distance ("25 km south of A, 40 km
    west of B": A is not what the second distance describes)."""
    for i in range(len(before) - 1, -1, -1):
        mention = before[i]
        if mention.place.source == reference.place.source:
            continue
        previous = before[i - 1] if i > 0 else None
        if previous is not None and re.fullmatch(r"\s*[(,]\s*(?:at|in|near)?\s*", text[previous.end:mention.start]) \
                and _is_reference(text, previous):
            continue  # "of Cape Bon (Tunisia)", "from Busan, South Korea": a gloss of a reference
        if previous is not None and re.fullmatch(r"\s*\(\s*", text[previous.end:mention.start]):
            continue  # "Bandar Abbas (Abbas port) is ...": a gloss of the name before it
        if _reference_gloss(text, mention):
            continue  # "167 km from Tunisia (Ras Kaboudja), 355 km from ...": the reference's point
        if _prepositional_area(text, mention):
            continue  # "Dumai, in Riau province on Sumatra, sits ...", "Kingston in Jamaica": where the subject is
        if _ASIDE_BEFORE.search(text[max(0, mention.start - 25):mention.start]):
            continue
        if _is_reference(text, mention):
            continue
        return mention
    return None


_PREPOSITION_BEFORE = re.compile(r"(?P<word>\b[\w'’-]+[^\S\n]+)?\b"
                                 r"(?P<prep>in|on|of|under|near|between|and|to|with|at|by)[^\S\n]+(?:the[^\S\n]+)?(?:(?:north|south|east|west|central)[a-z-]*[^\S\n]+)?\Z",
                                 re.IGNORECASE)
# "the island of Yonaguni", "the Republic of Cyprus": the name itself, not a preposition's object.
_OF_NAMES = frozenset({"island", "isle", "islands", "atoll", "archipelago", "port", "city", "town", "republic",
                       "kingdom", "state", "principality"})


def _prepositional_area(text: str, mention: Mention) -> bool:
    """An area named after a preposition ("in Jamaica", "under the jurisdiction of Taiwan",
    "between Malta and Tunisia") says where something is; it is not what a sentence describes."""
    if mention.place.kind not in AREA_END_KINDS:
        return False
    found = _PREPOSITION_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    if found is None:
        return False
    return not (found["prep"].lower() == "of" and (found["word"] or "").strip().lower() in _OF_NAMES)


def _is_reference(text: str, mention: Mention) -> bool:
    """Whether ``mention`` stands right after "<distance> [direction] of|from"."""
    return _REFERENCE_LEAD.search(text[max(0, mention.start - 80):mention.start]) is not None


def _sentence_subject(text: str, spans: Sequence[tuple[int, int]], sentence: tuple[int, int],
                      endpoints: Sequence[Mention], places: Sequence[Mention],
                      start: int) -> tuple[Mention, str] | None:
    """The place a sentence is about when its distances describe it without naming it.

    A sentence that opens with a pronoun or a description ("It", "The city", "Die Insel") takes
    the first place named in the nearest earlier sentence that names one (up to
    :data:`_ANAPHOR_REACH` sentences back), when that place is of the kind the noun says; with
    the evidence for the report. ``None`` when there is no such opening or no fitting place:
    better no claim than a guess.
    """
    opening = _ANAPHOR.match(text, sentence[0], start)
    # A place named before the distance, other than as another distance's reference, is the
    # sentence's own subject ("Its main island, Nangan, sits 40 miles east of X").
    # A place followed by its own distance in brackets is an item of a list ("Dobrich (45 km)").
    # Nor is the place the distance is measured from ("the gateway to X, ... 42 km south-west of X").
    reference = next((m.place.source for m in places if m.start >= start), None)
    if opening is None or any(m.end <= start and not _is_reference(text, m) and not _prepositional_area(text, m)
                              and m.place.source != reference and not _BRACKETED_DISTANCE.match(text, m.end)
                              and not _GLOSS_BEFORE.search(text, max(0, m.start - 8), m.start) for m in places):
        # A later clause whose subject is the description: "...; the island is some 70 miles from
        # X", "..., il se trouve à 110 miles de X". The places before it belong to other clauses.
        clauses = list(_CLAUSE_ANAPHOR.finditer(text, sentence[0], start))
        if clauses:
            opening = clauses[-1]
            if any(opening.end() <= m.start and m.end <= start and not _is_reference(text, m)
                   and m.place.kind not in AREA_END_KINDS for m in places) and not _AWAY_AFTER.match(text, start):
                return None
        else:
            opening = _forward_opening(text, sentence, places, start)
            if opening is None:
                return None
    return _referent(text, spans, sentence, endpoints, start, opening)


_FAR_AWAY_AFTER = re.compile(r"[^.;!?]{0,40}?\d[\d,.]*\s*(?:km|kilomet\w*|miles?|nautical miles?)\s+away\b",
                             re.IGNORECASE)


def _referent(text: str, spans: Sequence[tuple[int, int]], sentence: tuple[int, int],
              endpoints: Sequence[Mention], start: int, opening: re.Match[str]) -> tuple[Mention, str] | None:
    """The place an anaphor (``opening``: a match with a ``noun`` or ``pronoun`` group) stands
    for, named in an earlier sentence, with the evidence; see :func:`_sentence_subject`."""
    found = _anaphor_word(text, opening)
    if found is None:
        return None
    word, word_end = found
    if re.match(r"[\s\"“'‘(]*both\b", text[opening.start():word_end], re.IGNORECASE):
        return None  # "Both islands are ...": two places, and one claim about each
    plural = word in ("they", "islands") or re.match(r"[\s\"“'‘(]*(?:these|those)\b", text[opening.start():word_end],
                                                     re.IGNORECASE) is not None
    if opening["noun"] and re.match(r"\s+(?:of|de|di|von)\s+\w", text[word_end:word_end + 8]):
        return None  # "The town of Krasnopillia is ...": it names its own place (found or not)
    kinds = _ANAPHOR_NOUNS.get(word)  # "there" (in "From there,") takes any place, as "it" does
    index = _index_of(spans, sentence)
    for back in range(1, _ANAPHOR_REACH + 1):
        if index - back < 0:
            return None
        earlier = spans[index - back]
        # "It is part of the British Indian Ocean Territory": a container, not what "it" was.
        # Nor is a place named as another distance's reference ("It lies 500 km west of X").
        # Nor a place said to be far away ("The capital, Moscow, is more than 9,000 km away! It is
        # only 100 km from ..." is about the place the text is about, not Moscow).
        named = [m for m in endpoints if earlier[0] <= m.start and m.end <= earlier[1]
                 and (m.place.kind in ISLAND_KINDS or not _prepositional_area(text, m))
                 and not _is_reference(text, m) and not _FAR_AWAY_AFTER.match(text, m.end, earlier[1])]
        if not named:
            continue
        # The place the article is about: of those named there, the one it names most so far
        # (a stray "of Bulgaria" read as a town must not beat "Varna", named four times).
        counts = {m.place.source: sum(e.place.source == m.place.source for e in endpoints if e.start < start)
                  for m in named}
        if word in _ISLAND_NOUNS and any(m.place.kind in ISLAND_KINDS for m in named):
            # "the island" after "Japan's deployment on Yonaguni Island": the island, not the country
            named = [m for m in named if m.place.kind in ISLAND_KINDS]
        elif word in _ISLAND_NOUNS:
            # An island country as "the island" (Cyprus, Malta, Taiwan), but not one of many
            # islands and hundreds of kilometres (Japan, Indonesia).
            named = [m for m in named if m.place.kind not in ("country", "region")
                     or m.place.extent_km <= _ONE_ISLAND_EXTENT_KM]
            if not named:
                return None
        first = max(named, key=lambda m: counts[m.place.source])  # max keeps the first of equals
        if kinds is not None and first.place.kind not in kinds and not _town_of_its_name(first, kinds):
            return None
        if plural and not (first.place.kind == "archipelago" or re.search(r"(?:islands|isles)\Z", first.text, re.I)
                           or re.search(r"\b(?:islands|isles|archipelago)\b", text[earlier[0]:earlier[1]], re.I)):
            return None  # "They are ..." after one town: several places, or a group the gazetteer has no name for
        written = text[opening.start():word_end].strip(" \"“'‘(;:,–—")
        return first, f"\u201c{written}\u201d = {first.text}, named in sentence {index - back + 1}"
    return None


_FRONTED = re.compile(r"[\s\"“'‘(]*(?:although|though|while|just|only|some|about|located|situated|lying|"
                      r"bien\s+qu['’]|quoique|à\s+seulement|à|a|obwohl|nur|solo|apenas)\b", re.IGNORECASE)
_FORWARD_ANAPHOR = re.compile(
    r",\s+(?:(?:the|this|la|le|l['’]|die|der|das|el|il)\s*(?P<noun>[^\W\d_]+)|(?P<pronoun>it|its|il|elle|sie|es))\b",
    re.IGNORECASE)


def _forward_opening(text: str, sentence: tuple[int, int], places: Sequence[Mention],
                     start: int) -> re.Match[str] | None:
    """"Although only 13 km from Donetsk, the city still had 30,000 people": a fronted phrase
    holds the distance and its reference, and the description after it is the subject. Only
    when the sentence opens with the fronted phrase and names no place before the distance."""
    if not _FRONTED.match(text, sentence[0], start) or any(m.end <= start for m in places):
        return None
    for found in _FORWARD_ANAPHOR.finditer(text, start, sentence[1]):
        word = (found["noun"] or found["pronoun"]).casefold()
        if word in _ANAPHOR_NOUNS and word not in _LOCATION_PARTICIPLES:
            return found
    return None


_LOCATION_PARTICIPLES = frozenset({"located", "situated", "lying"})


def _town_of_its_name(mention: Mention, kinds: frozenset[str]) -> bool:
    """Whether a region or country read for a name is also a town of that name that ``kinds``
    admits ("Varna" the province, "The city" Varna): judging re-resolves it to the town."""
    if mention.place.kind not in ("region", "country") or mention.resolution is None:
        return False
    return any(c.place.kind in kinds and c.place.kind in ENDPOINT_KINDS and c.place.country == mention.place.country
               and c.place.name.casefold() == mention.text.casefold() for c in mention.resolution.candidates[1:4])


def _anaphor_word(text: str, opening: re.Match[str]) -> tuple[str, int] | None:
    """The word of a sentence's opening that stands for a place, casefolded, and where it ends:
    the pronoun, or the first known noun of up to three words after the article ("This strategic
    island" -> island); None when there is none ("The nearest inhabited place")."""
    if opening["pronoun"]:
        return opening["pronoun"].casefold(), opening.end()
    for word in re.finditer(r"[^\W\d_]+", opening["noun"]):
        if word.group(0).casefold() in _ANAPHOR_NOUNS:
            return word.group(0).casefold(), opening.start("noun") + word.end()
    return None


def _reference_gloss(text: str, mention: Mention) -> bool:
    """Whether ``mention`` stands in brackets after another distance's reference ("167 km from
    Tunisia (Ras Kaboudja)"): it is that reference's point, not a subject."""
    paren = re.search(r"\(\s*(?:at|in|near)?\s*\Z", text[max(0, mention.start - 12):mention.start])
    return paren is not None and _REFERENCE_LEAD.search(
        text[max(0, mention.start - 100):mention.start - len(paren.group(0))].rstrip() + " ") is not None


def _point_in_gloss(text: str, reference: Mention, following: Sequence[Mention]) -> Mention:
    """The point a bracket names right after an area ("the southern tip of India (at
    Kanyakumari)", "the coast of Tunisia (at Sfax)"), else ``reference``."""
    if reference.place.kind not in AREA_END_KINDS or not following:
        return reference
    point = following[0]
    if point.place.kind in AREA_END_KINDS and point.place.kind not in ISLAND_KINDS:
        return reference
    if re.fullmatch(r"\s*\(\s*(?:at|near|in)\s+(?:the\s+)?", text[reference.end:point.start], re.IGNORECASE):
        return point
    if reference.place.kind == "country" and point.place.country == reference.place.country \
            and re.fullmatch(r"\s*\(\s*", text[reference.end:point.start]) and re.match(r"\s*\)", text[point.end:]):
        return point  # "167 km from Tunisia (Ras Kaboudja)": the point the country stands for
    return reference


def _pair_with_subject(text: str, claim: DistanceClaim, places: Sequence[Mention],
                       subject: Mention) -> tuple[tuple[Mention, Mention, str], Mention | None] | None:
    """``It lies X km (direction) of B`` / ``B (X km to the north)``, the subject named before."""
    start, end = claim.span or (0, 0)
    after = [m for m in places if m.start >= end and m.place.source != subject.place.source]
    before = [m for m in places if m.end <= start and m.place.source != subject.place.source]
    ends_in_of = re.search(r"\b(?:of|from)\s*\Z", claim.text, re.IGNORECASE) is not None
    gap = text[end:after[0].start] if after else ""
    if after and (_of_from_then_place(gap) or (ends_in_of and _PLACE_LEAD.fullmatch(gap))) \
            and not _unknown_glossed_by_area(gap, after[0]):
        how = "it/description ... X km of B" if claim.direction is None else "it/description ... X km <direction> of B"
        reference = _point_in_gloss(text, after[0], after[1:])
        return (subject, reference, how), reference
    if ends_in_of:
        return None
    if before and _BRACKET_BEFORE.search(text[before[-1].end:start]) and len(text[before[-1].end:start]) < 5 \
            and _BRACKET_AFTER.match(text[end:]):
        return (subject, before[-1], "B (X km direction)"), None
    if not places and re.match(r"\A[\s,]*away\b", text[end:]):
        return None  # "It is 5 km away": from what, the sentence does not say
    if not after and before and re.match(r"\A[\s,]*(?:\([^()]{0,40}\)\s*)?away\b", text[end:]) \
            and re.fullmatch(r",?\s*(?:(?:lying|located|situated|some|about|around|just|only|nearly|almost)\s+)*",
                             text[before[-1].end:start]):
        # "the island is distant from Japan's capital, Tokyo, lying 2,000 kilometers away"
        return (subject, before[-1], "it/description ... B, X km away"), None
    return None


def _pair_by_reference(
    text: str, claim: DistanceClaim, ends: Sequence[Mention], describable: Sequence[Mention],
    places: Sequence[Mention],
) -> tuple[tuple[Mention, Mention, str] | None, Mention | None]:
    """``A ... X km (direction) of B``: B follows the distance, A is the place it describes.

    ``ends``: every end in the sentence (areas included, which B may be); ``describable``: those
    A may be (points and islands); ``places``: the points, the only ends of the last resort
    (the nearest place on each side)."""
    start, end = claim.span or (0, 0)
    after = [m for m in ends if m.start >= end]
    before = [m for m in describable if m.end <= start]
    # The claim's own text may end in "south-west of" (the parser keeps a stated direction).
    ends_in_of = re.search(r"\b(?:of|from)\s*\Z", claim.text, re.IGNORECASE) is not None
    if len(before) >= 2 and re.fullmatch(r"\s*[-–—:]\s*", text[before[-1].end:start]) \
            and re.fullmatch(r"\s+(?:and|&|to|-|–|—)\s+|\s*[-–—/]\s*", text[before[-2].end:before[-1].start]) \
            and before[-2].place.source != before[-1].place.source:
        return (before[-2], before[-1], "A and B - X km"), None  # "Washington and Ottawa - 900 km"
    separating = re.match(r"\s*(?:\([^()]{0,40}\)\s*)?(?:separates?|divides?|lies? between|lie between)\s+",
                          text[end:end + 60], re.IGNORECASE)
    if separating is not None and len(after) >= 2 and after[0].start <= end + separating.end() + 25 \
            and re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}?(?:from|and)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?",
                             text[after[0].end:after[1].start]) \
            and after[0].place.source != after[1].place.source:
        return (after[0], after[1], "X km separate A from B"), None  # "only 1.5 miles separate Kinmen from China"
    unnamed = _INDEFINITE_BEFORE.search(text, max(0, start - 60), start)
    if unnamed is not None and not re.search(r"\b(?:is|was|are|were|remains|lies|sits)\s+\Z",
                                             text[max(0, unnamed.start() - 12):unnamed.start()], re.IGNORECASE):
        return None, None  # "to a tiny island less than 250 nautical miles from Taiwan": which island, unsaid
    gap = text[end:after[0].start] if after else ""
    if after and _unknown_glossed_by_area(gap, after[0]):
        return None, None  # "40 km from Xqz (Ukraine)": the place is unknown, not the country
    if after and (_of_from_then_place(gap) or (ends_in_of and _PLACE_LEAD.fullmatch(gap))):
        reference = after[0]
        if reference.place.kind in AREA_END_KINDS and len(after) > 1 and after[1].place.kind not in AREA_END_KINDS \
                and re.fullmatch(
                r"['’]s?\s+(?:[\w-]+\s+){0,3}?(?:of\s+)?(?:the\s+)?", text[reference.end:after[1].start]):
            reference = after[1]  # "from Romania's coastal city of Sulina": the city, not the country
        reference = _point_in_gloss(text, reference, after[1:])
        if reference.place.kind in AREA_END_KINDS and re.match(r"\s*within\b", claim.text, re.IGNORECASE):
            return None, None  # "within 200 km of the border": a zone around an area, not a gap
        subject = _subject_before(text, before, reference)
        if subject is None:
            # "Just 40 km from A lies B": the subject after the reference, in the same clause.
            subject = next((m for m in after[1:] if m.place.source != reference.place.source
                            and m.place.kind not in AREA_END_KINDS
                            and not re.search(r"[\d;]", text[reference.end:m.start])), None)
        if subject is None:
            return None, None
        how = "X km of B" if claim.direction is None else "X km <direction> of B"
        return (subject, reference, how), reference
    if ends_in_of:
        return None, None  # "... south of" a place we could not find: better no claim than a wrong one
    if not after and re.match(r"\s*(?:\([^()]{0,40}\)\s*)?away\b", text[end:]) \
            and len({m.place.source for m in before}) == 2 and len(before) == 2:
        # "... has relieved nearby Mykolaiv, a port city some 60 km away": between the only two places
        if before[0].place.country == before[1].place.country and any(
                m.place.kind in ("country", "region") for m in before):
            return None, None  # "Japan's capital, Tokyo, lying 2,000 km away": a place and its country
        return (before[1], before[0], "A ... B, X km away"), None
    if len(before) >= 2 and _APART.match(text[end:]):
        last = before[-1]
        first = next((m for m in reversed(before[:-1]) if m.place.source != last.place.source), None)
        if first is not None:
            return (first, last, "A and B ... apart"), None
    # Otherwise the nearest place on each side of the distance, when both are close to it.
    points_before = [m for m in places if m.end <= start]
    points_after = [m for m in places if m.start >= end]
    points_before = [m for m in points_before if not _reference_gloss(text, m)]
    while len(points_before) > 1 and re.fullmatch(r"\s*\(\s*", text[points_before[-2].end:points_before[-1].start]):
        points_before.pop()  # "Bandar Abbas (Abbas port)": the gloss stands for the name before it
    left = points_before[-1] if points_before else None
    right = points_after[0] if points_after else None
    if left and right and left.place.source != right.place.source and start - left.end < 120 and right.start - end < 60:
        if re.match(r"\s+(?:is|lies|sits|was|are)\b", text[right.end:right.end + 8]) or ";" in text[left.end:start] \
                or re.search(r"\b(?:in|on|at|inside|within|via|through)\b", text[end:right.start], re.IGNORECASE):
            # "A is 1,826 km to the west and B is ...": B opens its own clause; "370 km east in
            # Scotland's Outer Hebrides": where, not what from
            return None, None
        return (left, right, "nearest places"), None
    return None, None
