"""shiproute's library: resolve places offline, measure geodesics and sea routes, judge claims.

Heavy modules (gazetteer index, sea routes) load on first use so ``import geo`` stays fast.
"""

from geo.errors import (
    AmbiguousPlace,
    BadCacheDir,
    BadClaim,
    BadCoordinates,
    BadInput,
    DataMissing,
    NoSeaRoute,
    PlaceNotFound,
    ShiprouteError,
)
from geo.types import Candidate, DistanceClaim, Measures, Place, Resolution, Route, Verdict

# The pipeline's entry points load their modules (and the gazetteer, pyproj...) on first use,
# so that ``import geo`` stays cheap for the CLI.
_LAZY = {
    "resolve": "geo.places.gazetteer",
    "parse_claim": "geo.text.claims",
    "check_pair": "geo.pair",
    "check_article": "geo.text.article",
    "load_article": "geo.text.article",
    "sea_route": "geo.sea.route",
    "check_pairs": "geo.batch.runner",  # pulls in pandas and GeoPandas
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "AmbiguousPlace",
    "BadCacheDir",
    "BadClaim",
    "BadCoordinates",
    "BadInput",
    "Candidate",
    "DataMissing",
    "DistanceClaim",
    "Measures",
    "NoSeaRoute",
    "Place",
    "PlaceNotFound",
    "Resolution",
    "Route",
    "ShiprouteError",
    "Verdict",
    *_LAZY,
]

