"""Places: the offline gazetteer and everything that says where a name is.

Owns: the gazetteer's query side (:mod:`~geo.places.gazetteer`: :func:`resolve`, context,
lookups, suggestions), building its SQLite index (:mod:`~geo.places.index`), name
normalisation and the curated country names (:mod:`~geo.places.names`), coordinates written
in text (:mod:`~geo.places.coords`) and country and region areas (:mod:`~geo.places.areas`).

Must not import: ``geo.text``, ``geo.sea``, ``geo.batch``, ``geo.verdict``, ``geo.pair``,
``geo.present``, ``maps`` or ``cli``. Places are found, never judged or drawn here.
"""

from geo.places.gazetteer import (
    AMBIGUITY_MARGIN,
    AMBIGUITY_MIN_KM,
    DISTANCE_FIT_BONUS,
    MAX_NAME_TOKENS,
    PROXIMITY_BONUS,
    Context,
    NameHit,
    context_from_text,
    detect_countries,
    lookup_country_code,
    lookup_locode,
    lookup_names,
    nearest_town,
    region_key,
    region_name,
    resolve,
    suggest,
    towns_in_country,
)
from geo.places.index import PORT_MERGE_KM, SCHEMA_VERSION, build_index, index_path, town_extent_km
from geo.places.names import normalize_name

__all__ = [
    "AMBIGUITY_MARGIN",
    "AMBIGUITY_MIN_KM",
    "DISTANCE_FIT_BONUS",
    "MAX_NAME_TOKENS",
    "PORT_MERGE_KM",
    "PROXIMITY_BONUS",
    "SCHEMA_VERSION",
    "Context",
    "NameHit",
    "build_index",
    "context_from_text",
    "detect_countries",
    "index_path",
    "lookup_country_code",
    "lookup_locode",
    "lookup_names",
    "nearest_town",
    "normalize_name",
    "region_key",
    "region_name",
    "resolve",
    "suggest",
    "town_extent_km",
    "towns_in_country",
]
