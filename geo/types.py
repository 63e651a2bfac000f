"""The value types that flow between shiproute's modules.

All are frozen dataclasses with ``to_dict()`` giving JSON-ready, key-ordered dicts (the JSON
schema documented in the README). Coordinates: ``lat``/``lon`` fields are named; geometries
are sequences of ``(lon, lat)`` pairs, as in GeoJSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ISLAND_KINDS",
    "Place",
    "Candidate",
    "Resolution",
    "DistanceClaim",
    "Route",
    "Measures",
    "Verdict",
    "Status",
    "ClaimSense",
    "PairCheck",
    "Article",
    "Mention",
    "NonClaim",
    "ArticleReport",
]

#: Place kinds that are islands or their kin: an offshore distance runs to their shore, and the
#: name of one is no town's (the gazetteer, the claim reader and the measures share this list).
ISLAND_KINDS = frozenset({"island", "islet", "atoll", "reef", "shoal", "archipelago"})

Status = Literal["supported", "refuted", "ambiguous"]
#: How a claim bounds the distance: "about" X, exactly X, "at least" X, "at most" X, a range.
ClaimSense = Literal["about", "exact", "at_least", "at_most", "range", "nearly", "just_over"]


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place.

    ``source`` names the record it came from (``geonames:2042645``, ``unlocode:KPNJN``,
    ``curated:dunay-naval-base``, ``coordinates``); ``extent_km`` is how far from its point the
    place plausibly reaches (a city's radius, a port's harbour), used to widen tolerances.
    """

    name: str
    lat: float
    lon: float
    country: str | None = None  # ISO 3166-1 alpha-2
    kind: str = "town"  # town | port | base | country | region | coordinates
    source: str = ""
    population: int = 0
    admin1: str | None = None  # name of the first-level region, when known
    alt_names: tuple[str, ...] = ()
    locode: str | None = None
    extent_km: float = 0.0

    @property
    def lonlat(self) -> tuple[float, float]:
        return (self.lon, self.lat)

    def label(self) -> str:
        """Short human label: ``'Rajin, KP'``."""
        return f"{self.name}, {self.country}" if self.country else self.name

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "kind": self.kind,
            "source": self.source,
            "population": self.population,
            "admin1": self.admin1,
            "alt_names": list(self.alt_names),
            "locode": self.locode,
            "extent_km": _round(self.extent_km),
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked answer of :func:`geo.places.resolve`, with why it scored as it did."""

    place: Place
    score: float
    reasons: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.place.label()} ({self.place.lat:.4f}, {self.place.lon:.4f}; {self.place.source})"

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place.to_dict(), "score": round(self.score, 4), "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class Resolution:
    """All candidates for a query, best first; ``ambiguous`` when the top ones are close."""

    query: str
    candidates: tuple[Candidate, ...]
    ambiguous: bool = False
    context_notes: tuple[str, ...] = ()  # how context changed the choice, in plain words

    @property
    def best(self) -> Place:
        return self.candidates[0].place

    @property
    def runner_up(self) -> Candidate | None:
        return self.candidates[1] if len(self.candidates) > 1 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "best": self.best.to_dict(),
            "ambiguous": self.ambiguous,
            "context_notes": list(self.context_notes),
            "candidates": [c.to_dict() for c in self.candidates],
        }


@dataclass(frozen=True, slots=True)
class DistanceClaim:
    """A distance as an article states it.

    ``low_km``/``high_km`` are the bounds *as written* (``None`` = open), before any tolerance:
    "approximately 180 km" is 180..180 with sense ``about``; "more than 200 km" is 200..None with
    sense ``at_least``; "150-200 km" is 150..200 with sense ``range``.
    """

    text: str
    low_km: float | None
    high_km: float | None
    sense: ClaimSense
    unit: str  # as normalised: km | mi | nmi | m
    hedge: str | None = None  # the hedge word(s) as written, e.g. "approximately"
    value: float | None = None  # the number as written in its own unit (the low one for ranges)
    value_high: float | None = None  # the high number of a range, in its own unit
    span: tuple[int, int] | None = None  # character offsets in the source text
    rule: str = ""  # how the text was read, in plain words
    direction: str | None = None  # eight-point compass as stated ("SW" for "south-west of"), if any

    @property
    def nominal_km(self) -> float:
        """The single distance the claim is centred on (midpoint for ranges)."""
        if self.low_km is not None and self.high_km is not None:
            return (self.low_km + self.high_km) / 2
        return float(self.low_km if self.low_km is not None else self.high_km)  # type: ignore[arg-type]

    @property
    def words(self) -> str:
        """The claim as a reader quotes it: the words that state the distance, without the "of"
        that joins a stated direction to its place ('some 180 km north of' -> 'some 180 km north')."""
        text = self.text.rstrip()
        return text[:-3].rstrip() if text[-3:].lower() == " of" else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "low_km": _round(self.low_km),
            "high_km": _round(self.high_km),
            "sense": self.sense,
            "unit": self.unit,
            "hedge": self.hedge,
            "value": self.value,
            "value_high": self.value_high,
            "span": list(self.span) if self.span else None,
            "rule": self.rule,
            "direction": self.direction,
        }


@dataclass(frozen=True, slots=True)
class Route:
    """A route by sea: geometry as (lon, lat) pairs with unwrapped longitudes (no cut at 180)."""

    coords: tuple[tuple[float, float], ...]
    length_km: float
    passages: tuple[str, ...] = ()
    method: str = ""  # how it was made, e.g. "visibility graph over GSHHG high"
    access_legs_km: tuple[float, float] = (0.0, 0.0)  # land-to-water legs at origin and destination

    def to_dict(self) -> dict[str, Any]:
        return {
            "length_km": _round(self.length_km),
            "passages": list(self.passages),
            "method": self.method,
            "access_legs_km": [_round(x) for x in self.access_legs_km],
            "coordinates": [[round(x, 6), round(y, 6)] for x, y in self.coords],
        }


@dataclass(frozen=True, slots=True)
class Measures:
    """What was measured between two places."""

    geodesic_km: float
    initial_bearing_deg: float
    final_bearing_deg: float
    sea: Route | None = None
    #: How ``geodesic_km`` was measured when an end is an area rather than a point ("from
    #: Cyprus's shore to the nearest point of Turkey's coast"); empty for centre to centre.
    measured_between: str = ""
    #: The centre-to-centre geodesic (km), given beside a shore or border measure.
    centre_km: float | None = None
    #: The two ends of a shore or border measure, (lon, lat) in degrees.
    ends_lonlat: tuple[tuple[float, float], tuple[float, float]] | None = None
    #: A second defensible straight-line reading (km) and how it was measured: a strait's width
    #: counting its islands, an island's centre rather than its shore. A claim may match either.
    alt_km: float | None = None
    alt_between: str = ""

    @property
    def sea_km(self) -> float | None:
        return None if self.sea is None else self.sea.length_km

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "geodesic_km": _round(self.geodesic_km),
            "initial_bearing_deg": _round(self.initial_bearing_deg, 2),
            "final_bearing_deg": _round(self.final_bearing_deg, 2),
            "sea_km": _round(self.sea_km),
        }
        if self.measured_between:
            out["measured_between"] = self.measured_between
            out["centre_km"] = _round(self.centre_km)
            if self.ends_lonlat is not None:
                out["ends"] = [[round(x, 6), round(y, 6)] for x, y in self.ends_lonlat]
        if self.alt_km is not None:
            out["alt_km"] = _round(self.alt_km)
            out["alt_between"] = self.alt_between
        return out


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement of one claim against a measured distance."""

    status: Status
    basis: str  # "geodesic" | "sea": which measure the status rests on
    measured_km: float
    accepted_low_km: float | None
    accepted_high_km: float | None
    deviation_km: float  # measured minus the claim's nominal distance (signed), in km
    deviation_pct: float
    explanation: str
    rule: str = ""
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "basis": self.basis,
            "measured_km": _round(self.measured_km),
            "accepted_low_km": _round(self.accepted_low_km),
            "accepted_high_km": _round(self.accepted_high_km),
            "deviation_km": _round(self.deviation_km),
            "deviation_pct": _round(self.deviation_pct, 2),
            "explanation": self.explanation,
            "rule": self.rule,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class PairCheck:
    """Two places, what was measured between them and, when a claim was made, its verdict.

    The unit that ``check`` prints, ``map`` draws and an article report holds one of per claim.
    """

    a: Place
    b: Place
    measures: Measures
    claim: DistanceClaim | None = None
    verdict: Verdict | None = None
    resolution_a: Resolution | None = None
    resolution_b: Resolution | None = None
    quote: str | None = None  # the sentence the claim came from, for article reports

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            **self.measures.to_dict(),
            "claim": self.claim.to_dict() if self.claim else None,
            "verdict": self.verdict.status if self.verdict else None,
            "explanation": self.verdict.explanation if self.verdict else None,
            "judgement": self.verdict.to_dict() if self.verdict else None,
        }
        if self.quote is not None:
            out["quote"] = self.quote
        if self.measures.sea is not None:
            out["sea_route"] = self.measures.sea.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class Article:
    """An article's text and metadata.

    ``text`` is the title followed by a blank line and the body: everything a reader reads,
    and what mention and claim offsets point into. The header line is metadata, not text.
    """

    text: str
    title: str | None = None
    date: str | None = None
    language: str | None = None
    source: str = "<text>"
    format: str = "text"  # text | html

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "language": self.language,
            "format": self.format,
            "length_chars": len(self.text),
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in an article: ``text[start:end]`` of :attr:`Article.text`.

    ``role`` is ``place`` (a location), ``government`` (a capital standing for its government,
    "Moscow said"; listed, never a claim's endpoint) or ``adjective`` ("Turkish" naming Turkey).
    """

    text: str
    start: int
    end: int
    place: Place
    role: str = "place"
    resolution: Resolution | None = None

    def to_dict(self) -> dict[str, Any]:
        res = self.resolution
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "place": self.place.to_dict(),
            "ambiguous": bool(res and res.ambiguous),
            "context_notes": list(res.context_notes) if res else [],
        }


@dataclass(frozen=True, slots=True)
class NonClaim:
    """A distance in an article that is not a distance between two places, and why."""

    claim: DistanceClaim
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.claim.text, "span": list(self.claim.span) if self.claim.span else None,
                "reason": self.reason}


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """Everything ``shiproute article`` found in one article."""

    article: Article
    mentions: tuple[Mention, ...]
    claims: tuple[PairCheck, ...]
    non_claims: tuple[NonClaim, ...] = ()

    @property
    def text(self) -> str:
        """The text that mention and claim offsets point into."""
        return self.article.text

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(c.verdict.status for c in self.claims if c.verdict is not None)

    def to_dict(self) -> dict[str, Any]:
        counts = {s: self.statuses.count(s) for s in ("supported", "refuted", "ambiguous")}
        return {
            "article": self.article.to_dict(),
            "summary": {"claims": len(self.claims), **counts, "non_claims": len(self.non_claims),
                        "mentions": len(self.mentions)},
            "claims": [c.to_dict() for c in self.claims],
            "non_claims": [n.to_dict() for n in self.non_claims],
            "mentions": [m.to_dict() for m in self.mentions],
        }
