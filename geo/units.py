"""Length units, defined once. Everything inside shiproute is kilometres; convert at the edges."""

from __future__ import annotations

from typing import Any, Literal

__all__ = ["Unit", "KM_PER_UNIT", "to_km", "from_km", "format_length"]

Unit = Literal["km", "mi", "nmi", "m"]

#: Kilometres in one unit: the international statute mile and the international nautical mile.
KM_PER_UNIT: dict[str, float] = {"km": 1.0, "mi": 1.609344, "nmi": 1.852, "m": 0.001}


def _check(unit: str) -> float:
    try:
        return KM_PER_UNIT[unit]
    except KeyError:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(KM_PER_UNIT)}") from None


def to_km(value: Any, unit: str) -> Any:
    """Convert ``value`` (a number or a numpy array) in ``unit`` to kilometres."""
    return value * _check(unit)


def from_km(value_km: Any, unit: str) -> Any:
    """Convert ``value_km`` (a number or a numpy array) in kilometres to ``unit``."""
    return value_km / _check(unit)


def format_length(value_km: float, unit: str = "km", digits: int | None = None) -> str:
    """Human text for a length given in km, in ``unit``: ``'182 km'``, ``'98.3 nmi'``."""
    value = from_km(value_km, unit)
    if digits is None:
        digits = 0 if abs(value) >= 100 else 1
    return f"{value:,.{digits}f} {unit}"
