"""How much the publishable map costs over a bare folium map, measured in the same process.

Baseline: folium's own page for the same pair (one PolyLine of the same densified arc, two
CircleMarkers, CDN links, no basemap), rendered to a string. Ours: ``maps.render`` + ``to_html``
(inlined Leaflet, offline coastline basemap in two levels of detail, ring, labels, panels),
and the static PNG. Prints ratios (ours / baseline) of the median time of a few runs, and the
file sizes; the machine is shared and noisy, so only the ratios mean anything.

    python bench/bench_maps.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def _median_seconds(func, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    import folium
    from _maps_data import seed_check

    import maps
    from geo.geodesy import geodesic_path

    check = seed_check()
    arc = geodesic_path(check.a.lonlat, check.b.lonlat, max_segment_km=check.measures.geodesic_km / 200)

    def baseline() -> str:
        fmap = folium.Map(location=[check.a.lat, check.a.lon], zoom_start=7, tiles=None)
        folium.PolyLine([(lat, lon) for lon, lat in arc]).add_to(fmap)
        for place in (check.a, check.b):
            folium.CircleMarker([place.lat, place.lon], radius=7).add_to(fmap)
        return fmap.get_root().render()

    def ours_html() -> str:
        return maps.to_html(maps.render(check))

    def ours_png() -> bytes:
        from maps.static import image_bytes

        return image_bytes(check)[0]

    # Warm up imports and the coastline cache, so only steady-state work is timed.
    base_page, page, png = baseline(), ours_html(), ours_png()
    t_base = _median_seconds(baseline)
    t_html = _median_seconds(ours_html)
    t_png = _median_seconds(ours_png, repeats=3)
    print(f"baseline: bare folium page of the seed pair, {len(base_page.encode()):,} bytes, {t_base * 1000:.1f} ms")
    print(f"maps.render + to_html: {len(page.encode()):,} bytes, {t_html * 1000:.1f} ms, "
          f"ratio {t_html / t_base:.1f}x baseline")
    print(f"static PNG 1200x800: {len(png):,} bytes, {t_png * 1000:.1f} ms, ratio {t_png / t_base:.1f}x baseline")


if __name__ == "__main__":
    main()
