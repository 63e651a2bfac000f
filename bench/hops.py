"""Short sea hops used to measure shiproute's sea routes against an independent reference.

Ends are UN/LOCODE port points from the port list shipped with searoute (``ports.geojson``),
except where noted; several sit on the quay or just inland, so access legs are exercised too.
Coordinates are (lon, lat) in degrees.
"""

from __future__ import annotations

#: (label, region, (lon, lat) of a, (lon, lat) of b, what it exercises)
HOPS: list[tuple[str, str, tuple[float, float], tuple[float, float], str]] = [
    ("Najin – Dunay", "Asia", (130.3, 42.2333), (132.35, 42.88), "seed article; Najin bay; Dunay is GeoNames 2024800"),
    ("Rajin (GeoNames) – Dunay", "Asia", (130.2987, 42.2458), (132.35, 42.88), "town point on land at both ends"),
    ("Busan – Hakata (Fukuoka)", "Asia", (129.035797, 35.098203), (130.40, 33.61),
     "Korea Strait ferry; Hakata port point chosen by hand"),
    ("Aomori – Hakodate", "Asia", (140.74, 40.83), (140.770568, 41.793299),
     "Tsugaru Strait ferry; Aomori port chosen by hand"),
    ("Dalian – Yantai", "Asia", (121.65, 38.916667), (121.406476, 37.548654), "Bohai Strait"),
    ("Singapore – Batam", "Asia", (103.832461, 1.239207), (104.050002, 1.135393),
     "Singapore Strait ferry between the Singapore Strait's islands (SGSIN, IDPBA); was 15 % long"),
    ("Hong Kong – Macau", "Asia", (114.170095, 22.294788), (113.55, 22.2), "Pearl River estuary"),
    ("Helsinki – Tallinn", "Europe", (24.952559, 60.165982), (24.77829, 59.445418), "Gulf of Finland ferry"),
    ("Istanbul – Zonguldak", "Europe", (28.973222, 41.006786), (31.8, 41.45), "through the Bosporus"),
    ("Algeciras – Tangier", "Europe", (-5.43814, 36.141096), (-5.798034, 35.764076), "Strait of Gibraltar"),
    ("Piraeus – Heraklion", "Europe", (23.638141, 37.950269), (25.15, 35.333333), "Aegean islands"),
    ("Kerch – Novorossiysk", "Europe", (36.466667, 45.360359), (37.781984, 44.741619), "Kerch Strait"),
    ("Copenhagen – Malmo", "Europe", (12.59794, 55.703871), (12.897864, 55.570344), "Øresund"),
    ("Khor Fakkan – Dubai", "Middle East", (56.347442, 25.361703), (55.287455, 25.274739),
     "round Musandam through Hormuz"),
    ("Doha – Bahrain", "Middle East", (51.522504, 25.294508), (50.616667, 26.205546), "round the Qatar peninsula"),
    ("Assab – Djibouti", "Middle East", (42.733333, 13.016667), (43.078215, 11.546185), "Bab-el-Mandeb"),
    ("Seattle – Victoria", "Americas", (-122.33333, 47.6), (-123.370196, 48.425153), "Puget Sound and Haro Strait"),
    ("Vancouver – Nanaimo", "Americas", (-123.094446, 49.287917), (-123.933332, 49.159484), "Strait of Georgia"),
    ("Buenos Aires – Montevideo", "Americas", (-58.366664, -34.594638), (-56.196068, -34.906758), "Río de la Plata"),
    ("Key West – Havana", "Americas", (-81.80, 24.55), (-82.396691, 23.137372),
     "Florida Straits; Key West chosen by hand"),
]
