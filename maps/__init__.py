"""Publishable maps of checked distances: interactive HTML (folium), embed snippets, images.

>>> import maps
>>> fmap = maps.render(check)                       # doctest: +SKIP
>>> maps.write_html(fmap, "najin-dunay.html")        # doctest: +SKIP
>>> maps.write_image(check, "najin-dunay.png")       # doctest: +SKIP

folium, matplotlib and geopandas are imported only when a map or image is made.
"""

from maps.render import DEFAULT_TILES, embed_snippet, render, stabilize_ids, tile_provider, to_html, write_html
from maps.scene import alt_text
from maps.static import ImageInfo, write_image

__all__ = [
    "DEFAULT_TILES",
    "ImageInfo",
    "alt_text",
    "embed_snippet",
    "render",
    "stabilize_ids",
    "tile_provider",
    "to_html",
    "write_html",
    "write_image",
]
