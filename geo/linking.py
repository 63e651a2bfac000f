"""Which distances in an article are between two places, and which two.

A distance expression becomes a place-to-place claim when its sentence names two places and
the words around it say the distance lies between them:

* ``from A to B`` / ``between A and B`` anywhere in the sentence around the distance
  ("traveling from Najin port to Dunay, a former Soviet submarine base located approximately
  180 kilometers away");
* ``<distance> [direction] (of|from) B`` with the other place elsewhere in the sentence,
  usually its subject ("Dunay lies about 180 km north-east of Najin");
* ``A and B ... <distance> apart``;
* otherwise the two place mentions nearest the distance, one on each side when possible.

It is not a claim ("not a place-to-place distance") when it measures a thing rather than a gap
(a hyphenated length before a noun such as pipeline or tanker, "... long/wide/deep", "a range
of", "a radius of", a territorial limit, a speed), or when "within <distance> of" names no place
(within 5 km of the coast), or when the sentence names fewer than two places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.types import DistanceClaim, Mention, NonClaim

__all__ = ["LinkedClaim", "sentence_spans", "link_claims", "ENDPOINT_KINDS"]

#: Place kinds that can be the end of a distance: not countries or regions, whose distance
#: from anything depends on which point one picks.
ENDPOINT_KINDS = frozenset({"town", "port", "base", "coordinates", "island", "terminal", "strait", "curated"})

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Adm|Sgt|St|Mt|Ft|Jr|Sr|No|Nos|vs|approx|est|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Corp|Inc|Ltd|Co|U\.S|U\.K|U\.N|e\.g|i\.e|c)\.)$"
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*\s+|\n\s*\n|\n(?=[A-Z0-9\"“])")

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
    r"distance limit|limit|zone|area|flew|flown|travel(?:l?ed)? at)\s+" + _QUALIFIERS,
    re.IGNORECASE,
)
# Words that make it a length unless the sentence joins two places ("covers 42 km from Dover to Calais").
_LENGTH_BEFORE = re.compile(
    r"(?:length|span|stretch|extends?|stretch(?:es|ing)?|runs? for|covers?|covering|spans?|spanning|"
    r"measures?|measuring)\s+" + _QUALIFIERS,
    re.IGNORECASE,
)
_WITHIN_OF = re.compile(r"\A\s*(?:of|from)\s+(?:the\s+)?(?P<what>[\w-]+)", re.IGNORECASE)
_OF_FROM = re.compile(r"\A[\s,]*(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|"
                      r"north-east|north-west|south-east|south-west|[NSEW]{1,3})\s+)?(?:away\s+)?"
                      r"(?:of|from|off|outside|inland from|up the coast from|down the coast from)\b", re.IGNORECASE)
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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries (start, end) in ``text``; abbreviations such as "U.S." do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATIONS.search(text[max(start, match.start() - 8): match.start() + 1]):
            continue
        end = match.start() + len(match.group(0).rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _sentence_of(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return spans[-1] if spans else (0, 0)


def _between(text: str, left: Mention, right: Mention) -> str:
    return text[left.end:right.start]


def _pair_by_connectives(text: str, places: Sequence[Mention]) -> tuple[Mention, Mention, str] | None:
    """``from A to B`` or ``between A and B`` among the sentence's places, nearest pair first."""
    for i, first in enumerate(places):
        lead = text[max(0, first.start - 40):first.start].lower()
        for second in places[i + 1:]:
            gap = _between(text, first, second).lower()
            if first.place.source == second.place.source:
                continue
            if re.search(r"\bfrom\s+(?:[\w'’-]+\s+){0,4}\Z", lead) and re.search(r"\b(?:to|and)\b", gap) \
                    and len(gap) < 120:
                return first, second, "from A to B"
            if re.search(r"\bbetween\s+(?:[\w'’-]+\s+){0,4}\Z", lead) and re.search(r"\band\b", gap) and len(gap) < 80:
                return first, second, "between A and B"
    return None


def _non_claim_reason(text: str, claim: DistanceClaim, sentence: tuple[int, int], joined: bool) -> str | None:
    """Why the distance is not between two places, or None; ``joined``: the sentence has "from A to B"."""
    start, end = claim.span or (0, 0)
    after = text[end:sentence[1]]
    before = text[sentence[0]:start]
    written = text[start:end]
    if re.search(r"\d\s*-\s*[a-z]", written, re.IGNORECASE) or re.search(r"-(?:km|kilomet|mile|metre|meter|nautical)", written, re.IGNORECASE):
        if _THING_AFTER.match(after) and not _PAIR_AFTER.match(after):
            return "a length or size of a thing, not a distance between two places"
    if _THING_AFTER.match(after) and re.match(r"\A[\s-]*(?:territorial|exclusion|buffer|security|no-go|safety)", after, re.IGNORECASE):
        return "a zone or limit, not a distance between two places"
    if _MEASURE_AFTER.match(after):
        return "a length, width or depth, not a distance between two places"
    if _MEASURE_BEFORE.search(before):
        return "a range, radius or size, not a distance between two places"
    if not joined and _LENGTH_BEFORE.search(before):
        return "a length, not a distance between two places"
    if claim.unit == "m" and (claim.high_km or claim.low_km or 0) < 1.0:
        return "under a kilometre: a size, not a distance between two places"
    return None


def link_claims(
    text: str, mentions: Sequence[Mention], distances: Sequence[DistanceClaim]
) -> tuple[list[LinkedClaim], list[NonClaim]]:
    """Split ``distances`` into claims linked to two place mentions and the rest, with reasons."""
    spans = sentence_spans(text)
    endpoints = [m for m in mentions if m.role == "place" and m.place.kind in ENDPOINT_KINDS]
    linked: list[LinkedClaim] = []
    rejected: list[NonClaim] = []
    for claim in distances:
        start, end = claim.span or (0, 0)
        sentence = _sentence_of(spans, start)
        places = [m for m in endpoints if sentence[0] <= m.start and m.end <= sentence[1]]
        pair = _pair_by_connectives(text, places)
        reason = _non_claim_reason(text, claim, sentence, joined=pair is not None)
        if reason is None and len({m.place.source for m in places}) < 2:
            within = re.search(r"\bwithin\s*\Z", text[sentence[0]:start], re.IGNORECASE) or \
                (claim.hedge or "").lower().startswith("within")
            reason = ("a radius around one place, not a distance between two places" if within and places
                      else "the sentence does not name two places")
        if reason is not None:
            rejected.append(NonClaim(claim=claim, reason=reason))
            continue
        direction_from = None
        if pair is None:
            pair, direction_from = _pair_by_reference(text, claim, places)
        origin, destination, how = pair
        linked.append(LinkedClaim(claim=claim, origin=origin, destination=destination, sentence=sentence,
                                  how=how, direction_from=direction_from))
    return linked, rejected


def _pair_by_reference(
    text: str, claim: DistanceClaim, places: Sequence[Mention]
) -> tuple[tuple[Mention, Mention, str], Mention | None]:
    """``X km (direction) of B``: B follows the distance; the other is the nearest place before."""
    start, end = claim.span or (0, 0)
    after = [m for m in places if m.start >= end]
    before = [m for m in places if m.end <= start]
    # The claim's own text may end in "south-west of" (the parser keeps a stated direction).
    ends_in_of = re.search(r"\b(?:of|from)\s*\Z", claim.text, re.IGNORECASE) is not None
    if after and (_OF_FROM.match(text[end:after[0].start]) or
                  (ends_in_of and re.fullmatch(r"[\s,]*(?:the\s+)?(?:(?:port|city|town|village) of\s+)?",
                                               text[end:after[0].start], re.IGNORECASE))):
        reference = after[0]
        others = [m for m in before[::-1] + after[1:] if m.place.source != reference.place.source]
        if others:
            how = "X km of B" if claim.direction is None else "X km <direction> of B"
            return (others[0], reference, how), reference
    if len(before) >= 2 and _APART.match(text[end:]):
        a, b = [m for m in before if m.place.source != before[-1].place.source][-1:] + [before[-1]]
        return (a, b, "A and B ... apart"), None
    # Nearest on each side when possible, else the two nearest before or after.
    ordered = sorted(places, key=lambda m: min(abs(m.end - start), abs(m.start - end)))
    first = ordered[0]
    second = next(m for m in ordered[1:] if m.place.source != first.place.source)
    a, b = sorted((first, second), key=lambda m: m.start)
    return (a, b, "nearest places"), None
