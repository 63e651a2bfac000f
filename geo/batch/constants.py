"""The batch's vocabulary: what ``measure``, formats and statuses may be, and the output columns."""

from __future__ import annotations

__all__ = ["ARTICLE_COLUMNS", "ARTICLE_SUFFIXES", "FORMATS", "FSYNC_INTERVAL_S", "MEASURES", "PAIR_COLUMNS", "STATUSES"]

#: What ``measure`` may be: the geodesic only (fast), the sea route too (a pair with no route
#: by water keeps its geodesic verdict, with a note) or ``sea`` (a pair with no route by water
#: is a failed row). The geodesic is always reported: it costs nothing next to a sea route.
MEASURES = ("geodesic", "sea", "both")
FORMATS = ("csv", "jsonl", "geojson")
#: A row's ``status``: a claim's verdict, ``measured`` (a pair without a claim), ``no claims``
#: (an article without place-to-place distance claims) or ``failed`` (see ``error``).
STATUSES = ("supported", "refuted", "ambiguous", "measured", "no claims", "failed")
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
#: Seconds between two fsyncs of the output: at most this much work is lost on a power cut.
FSYNC_INTERVAL_S = 2.0

_RESULT_COLUMNS = (
    "a_name", "a_country", "a_lat", "a_lon", "a_kind", "a_source", "a_locode",
    "b_name", "b_country", "b_lat", "b_lon", "b_kind", "b_source", "b_locode",
    "geodesic_km", "initial_bearing_deg", "final_bearing_deg", "sea_km", "sea_passages", "sea_method",
    "claim_text", "claim_low_km", "claim_high_km", "claim_sense", "claim_unit",
    "verdict", "basis", "measured_km", "accepted_low_km", "accepted_high_km", "deviation_km", "deviation_pct",
    "explanation", "notes",
)  # fmt: skip
#: The columns a pair row has after ``row``, ``key`` and the input's own columns (CSV, GeoJSON
#: properties, :func:`check_pairs`). Lengths in km, bearings in degrees, lat/lon in degrees
#: WGS84; ``sea_passages`` and ``notes`` are joined with "; ".
PAIR_COLUMNS = ("status", "error", *_RESULT_COLUMNS)
#: The columns of an article row: one row per claim (``claim_index`` of ``claim_count``), with
#: the sentence it came from in ``quote``.
ARTICLE_COLUMNS = ("status", "error", "article_source", "article_title", "article_date", "claim_index",
                   "claim_count", *_RESULT_COLUMNS, "quote")
_LEAD_COLUMNS = ("row", "key")

_NULL_CHECK = {"a": None, "b": None, "geodesic_km": None, "initial_bearing_deg": None, "final_bearing_deg": None,
               "sea_km": None, "claim": None, "verdict": None, "explanation": None, "judgement": None}
_NO_CLAIMS = "no place-to-place distance claims found"
_GEOJSON_OPEN = '{"type": "FeatureCollection", "features": [\n'
_GEOJSON_CLOSE = "]}\n"


