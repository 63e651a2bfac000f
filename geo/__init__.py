"""shiproute's library: resolve places offline, measure geodesics and sea routes, judge claims.

Heavy modules (gazetteer index, sea routes) load on first use so ``import geo`` stays fast.
"""

from geo.errors import (
    AmbiguousPlace,
    BadClaim,
    BadCoordinates,
    BadInput,
    DataMissing,
    NoSeaRoute,
    PlaceNotFound,
    ShiprouteError,
)
from geo.types import Candidate, DistanceClaim, Measures, Place, Resolution, Route, Verdict

__all__ = [
    "AmbiguousPlace",
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
    "check_pairs",
]


def __getattr__(name: str):
    # Lazy: check_pairs pulls in pandas and GeoPandas, which ``import geo`` must not.
    if name == "check_pairs":
        from geo.batch import check_pairs

        return check_pairs
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
