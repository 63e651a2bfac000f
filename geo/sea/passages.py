"""Passages: the named straits, canals and capes a route can use or avoid, each with its gate."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from geo.errors import BadInput

__all__ = ["CANALS", "NARROWS", "PASSAGES", "SHALLOWS", "Narrows", "Passage", "Shallows", "crosses_shallows",
           "passage_key", "passage_names", "passages_crossed"]

# Passages
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Passage:
    """A named strait or canal, recognised by a gate: a line from shore to shore across it.

    ``gate`` is a sequence of (lon, lat) points whose two ends lie on land, so every water
    path through the passage crosses it; ``aliases`` are other accepted spellings.
    ``at_gate_km``: a place this close to an end of the gate lies on the passage itself and
    cannot avoid it (None: :data:`geo.sea.route.AT_GATE_KM`, for a gate that ends on a shore).
    """

    name: str
    gate: tuple[tuple[float, float], ...]
    aliases: tuple[str, ...] = ()
    description: str = ""
    at_gate_km: float | None = None


#: Passages by canonical (lower-case) key. A route "uses" a passage when its line crosses the
#: gate; ``avoid=`` closes the gate. The gate ends are checked to lie on land by the tests.
PASSAGES: dict[str, Passage] = {
    p.name.lower(): p
    for p in (
        Passage("Suez", ((32.05, 30.80), (32.60, 30.80)), ("suez canal",), "Suez Canal, Egypt"),
        Passage("Panama", ((-79.75, 9.00), (-79.65, 9.25)), ("panama canal",), "Panama Canal"),
        Passage(
            "Malacca",
            ((101.60, 2.95), (100.95, 1.95)),
            ("strait of malacca", "malacca strait"),
            "Strait of Malacca, Port Klang–Dumai",
        ),
        Passage("Singapore", ((103.95, 1.45), (103.95, 1.05)), ("singapore strait",), "Singapore Strait"),
        Passage("Gibraltar", ((-5.60, 36.08), (-5.60, 35.82)), ("strait of gibraltar",), "Strait of Gibraltar"),
        Passage(
            "Bab-el-Mandeb",
            ((43.50, 12.75), (43.30, 12.42)),
            ("babalmandab", "bab el mandeb", "bab al-mandab", "mandeb"),
            "Bab-el-Mandeb, Yemen–Djibouti",
        ),
        Passage("Hormuz", ((56.42, 26.18), (56.29, 27.21)), ("ormuz", "strait of hormuz"), "Strait of Hormuz"),
        Passage("Bosporus", ((28.98, 41.10), (29.12, 41.10)), ("bosphorus", "istanbul strait"), "Bosporus, Istanbul"),
        Passage("Dardanelles", ((26.34, 40.22), (26.45, 40.06)), ("canakkale", "çanakkale"), "Dardanelles, Çanakkale"),
        Passage("Kerch", ((36.38, 45.30), (37.02, 45.30)), ("kerch strait", "strait of kerch"), "Kerch Strait"),
        Passage(
            "Korea Strait",
            ((129.05, 35.15), (130.40, 33.60)),
            ("korea", "tsushima", "tsushima strait"),
            "Korea Strait, Busan–Fukuoka (both channels, across Tsushima)",
        ),
        Passage("Tsugaru", ((140.34, 41.15), (140.19, 41.47)), ("tsugaru strait",), "Tsugaru Strait"),
        Passage("La Perouse", ((141.95, 45.42), (141.95, 46.10)), ("soya", "la pérouse", "soya strait"),
                "La Pérouse Strait"),
        Passage("Dover", ((1.35, 51.15), (1.65, 50.85)), ("strait of dover", "pas de calais"), "Strait of Dover"),
        Passage("Oresund", ((12.53, 55.70), (13.07, 55.70)), ("øresund", "sound"), "Øresund, Copenhagen–Malmö"),
        Passage("Messina", ((15.53, 38.22), (15.77, 38.24)), ("strait of messina",), "Strait of Messina"),
        Passage("Sunda", ((105.75, -5.75), (105.90, -6.10)), ("sunda strait",), "Sunda Strait"),
        Passage("Bering", ((-167.90, 65.62), (-170.00, 66.10)), ("bering strait",), "Bering Strait"),
        Passage("Magellan", ((-70.50, -52.48), (-70.50, -53.60)), ("strait of magellan",), "Strait of Magellan"),
        Passage("Taiwan", ((120.51, 24.18), (119.52, 25.39)), ("taiwan strait", "formosa"), "Taiwan Strait"),
        # A canal GSHHG draws as land: the router sails it along its centre-line
        # (geo.sea.channels); the gate crosses it at Rendsburg.
        Passage("Kiel", ((9.66, 54.27), (9.66, 54.32)), ("kiel canal", "nord-ostsee-kanal", "nok"),
                "Kiel Canal (Nord-Ostsee-Kanal), Brunsbüttel–Kiel-Holtenau"),
        # Two more canals GSHHG draws as land, sailed along their centre-lines the same way. Each
        # gate crosses the canal at right angles near its middle, 0.7-0.8 km to either side, so it
        # lies on the isthmus and no water but the canal runs through it. Its ends stand on no
        # shore: a place further than 1 km from them is not on the canal (a place beside the
        # canal joins it, or the sea, on its own side of the gate), while towns by its mouths
        # stand 2-3 km from them (Corinth, Isthmia; Sagamore), and a voyage from one of them
        # can keep out of the canal.
        Passage("Corinth", ((22.9772, 37.9274), (22.9922, 37.9409)),
                ("corinth canal", "isthmus of corinth", "dioriga korinthou"),
                "Corinth Canal, Poseidonia–Isthmia (Gulf of Corinth–Saronic Gulf)", at_gate_km=1.0),
        Passage("Cape Cod", ((-70.5513, 41.7649), (-70.5604, 41.7755)),
                ("cape cod canal", "capecod"),
                "Cape Cod Canal, Buzzards Bay–Cape Cod Bay (between the Bourne and Sagamore bridges)",
                at_gate_km=1.0),
        # The Volga–Don Canal, the river-sea way out of the Caspian (geo.sea.channels.way_out_of):
        # the gate crosses the canal at right angles between the Bereslavka and Karpovka
        # reservoirs, 3 km to either side, where nothing else runs (all GSHHG land), so only a
        # route along the canal crosses it.
        Passage("Volga–Don", ((43.895, 48.600), (43.905, 48.655)),
                ("volga-don", "volga don", "volga–don canal", "volga-don canal", "volga don canal", "volgodon"),
                "Volga–Don Canal, Krasnoarmeysk (Volga)–Kalach-na-Donu (Don): the river-sea way between the "
                "Caspian and the Sea of Azov", at_gate_km=1.0),
        # The Great Lakes' channels (geo.sea.closed_seas: GSHHG draws the lakes and channels as
        # land, so nothing else runs through these gates): each crosses its channel at a cited
        # position, the Welland Canal at the Garden City Skyway (43.16731 N 79.19520 W), the
        # St. Marys River at the Soo Locks (46.50056 N 84.36111 W), the Straits of Mackinac along
        # the Mackinac Bridge (45.79289 N 84.73148 W at its south end, Italian Wikipedia as
        # travel.sygic.com gives it) and the St. Lawrence Seaway at Iroquois Lock (44.83 N
        # 75.313 W); see data/README.md for the pages.
        Passage("Welland", ((-79.215, 43.16731), (-79.175, 43.16731)), ("welland canal",),
                "Welland Canal, Port Colborne (Lake Erie)–Port Weller (Lake Ontario)", at_gate_km=1.0),
        Passage("Soo Locks", ((-84.36111, 46.47), (-84.36111, 46.53)),
                ("soo", "sault locks", "st. marys river", "st marys river", "sault ste. marie"),
                "the Soo Locks on the St. Marys River, Lake Superior–Lake Huron", at_gate_km=1.0),
        Passage("Mackinac", ((-84.7315, 45.765), (-84.7215, 45.87)), ("straits of mackinac", "mackinac strait"),
                "Straits of Mackinac, Lake Michigan–Lake Huron (along the Mackinac Bridge)", at_gate_km=1.0),
        Passage("St. Lawrence Seaway", ((-75.313, 44.80), (-75.313, 44.86)),
                ("seaway", "st lawrence seaway", "saint lawrence seaway"),
                "St. Lawrence Seaway, Montreal–Lake Ontario (at Iroquois Lock)", at_gate_km=1.0),
        # The Alaska Marine Highway's way between Frederick Sound and Sumner Strait, past
        # Petersburg: the gate crosses the narrows from Mitkof Island to Kupreanof Island near
        # their middle (56.70 N), where nothing else runs. Avoided, a route takes the outside way
        # round Kupreanof Island by Chatham Strait, as ships too large for the narrows do.
        Passage("Wrangell Narrows", ((-132.965, 56.70), (-132.935, 56.70)), ("wrangell strait",),
                "Wrangell Narrows, Petersburg–Sumner Strait (Southeast Alaska)"),
        # Capes: a gate from the cape out to the land beyond the water a route rounds it by,
        # so that every route round the cape crosses it (and one round it the other way does not).
        Passage("Cape of Good Hope", ((18.475, -34.35), (18.475, -70.0)), ("good hope", "cape good hope", "the cape"),
                "Cape of Good Hope: due south from Cape Point to Antarctica"),
        Passage("Cape Horn", ((-67.27, -55.97), (-67.27, -67.5)), ("horn", "drake passage", "drake"),
                "Cape Horn: due south from Isla Hornos across the Drake Passage to the Antarctic Peninsula"),
        Passage("Skagen", ((10.60, 57.73), (11.60, 57.95)), ("skaw", "grenen", "the skaw"),
                "Skagen: from the Skaw across the mouth of the Kattegat to Sweden"),
    )
}

#: The canals among :data:`PASSAGES`: a voyage kept out of one is not sent through another
#: unless that saves much (see :func:`geo.sea.route.sea_route`).
CANALS: tuple[str, ...] = ("suez", "panama")




@dataclass(frozen=True, slots=True)
class Shallows:
    """Water that GSHHG draws open but that sea-going ships do not sail: flats that dry or
    keep a metre or two at low tide, crossed only by small boats on the tide, channels kept
    for small craft (Port Phillip's 4 m West Channel), and reefs and rocks that GSHHG does not
    draw. A route never crosses ``line`` (a polyline from shore to shore like a passage's
    gate, or from the shore to open water where a shoal or a reef ends), as if the shore ran
    along it; ``source`` cites what says the water is that shallow."""

    name: str
    line: tuple[tuple[float, float], ...]
    source: str
    description: str = ""
    #: The line's last point lies in open water, where the shoal or reef ends (a line that
    #: ran on to the shore there would close water ships do sail).
    ends_at_sea: bool = False

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of the line, in degrees."""
        xs = [p[0] for p in self.line]
        ys = [p[1] for p in self.line]
        return min(xs), min(ys), max(xs), max(ys)


#: Shallows closed to every route (GSHHG has no depths: without these a route takes the
#: shortest water however shallow, e.g. Brisbane to Gladstone through the Great Sandy Strait,
#: 16 % shorter than the race course round Fraser Island that any keel boat must sail).
SHALLOWS: tuple[Shallows, ...] = (
    Shallows(
        "Great Sandy Strait (Sheridan Flats)",
        ((152.88, -25.62), (153.00, -25.62)),
        "Sheridan Flats, 25°32'-25°38' S 152°55'-152°58' E: 'at low tide this whole area dries out to exposed "
        "mud flats except for some small extremely shallow gutters', crossed by yachts only near high water "
        "(https://nancyjean.travellerspoint.com/3/; http://blog.mailasail.com/sylph/posts/2019/10/25/"
        "2103-aground-sheridan-flats)",
        "across the Great Sandy Strait between the mainland and K'gari (Fraser Island), south of the flats",
    ),
    Shallows(
        "Breaksea Spit",
        ((153.262, -24.703), (153.262, -24.433)),
        "'BreakSea Spit extends about 30 km north of Sandy Cape' (https://en.wikipedia.org/wiki/Sandy_Cape; "
        "https://wikimili.com/wiki/Sandy_Cape); 'the Breaksea Spit that extends for miles north of Fraser Island "
        "claimed so many ships and lives' that the Sandy Cape light was built in 1870 "
        "(http://yacht-billabong.blogspot.com/2017/06/30th-may-2017-rooney-point-to-sandy.html), and lightships "
        "marked it until 2000 (http://badarai.asn.au/infosheets/lightship1_info.htm)",
        "due north from Sandy Cape, K'gari's northern tip, for 30 km (the sources say 'north', not its exact "
        "trend): a route up the Queensland coast rounds the spit's end, not the cape",
        ends_at_sea=True,
    ),
    # Port Phillip: GSHHG draws the bay's southern shoals as open water, so the shortest water
    # from Melbourne to the Heads ran over them past Swan Island. Ships keep to the South
    # Channel along the Mornington Peninsula shore, from just inside the Heads to its east end
    # off McCrae, and turn north there. Queenscliff's routes (out of Swan Bay, down the east
    # side of Swan Island) stay south and west of both lines; a route from Queenscliff to St
    # Leonards goes round by the South Channel (48 km, against 12.5 by the West Channel), as a
    # ship drawing more than the West Channel's 4 m must, though a yacht need not.
    Shallows(
        "Port Phillip West Channel and West Sand",
        ((144.708, -38.193), (144.7564, -38.1928), (144.765, -38.268)),
        "Port Phillip's southern area has 'two navigable channels: the West Channel usually used by recreational "
        "vessels and has a depth of around 4m; and the South Channel that is used by all commercial traffic and has "
        "a depth of around 12m' (http://www.cruiserswiki.org/index.php?title=Port_Phillip&oldid=85326); the West "
        "Channel Pile Light, 38.1928 S 144.7564 E, marks 'the north-east end of the West Sand' "
        "(http://cryer.org.uk/West_Channel_Pile_Light)",
        "from the Bellarine shore at St Leonards across the West Channel's northern end to the West Channel Pile "
        "Light, then south over the West Sand to the Mud Islands (GSHHG land)",
    ),
    Shallows(
        "Port Phillip Great Sands",
        ((144.772, -38.270), (144.900, -38.318)),
        "the South Channel, used by all commercial traffic (http://www.cruiserswiki.org/index.php?title=Port_Phillip"
        "&oldid=85326), runs from 'just inside Port Phillip Heads, to the other end of the channel off McCrae' "
        "(https://www.scubadoctor.com.au/article-channel-deepening.htm); the McCrae lighthouse 'guided ships "
        "through the South Channel on the eastern side of Port Phillip Bay' (http://oocities.org/aust_lighthouses2/"
        "mccrae/mccrae.htm)",
        "from the Mud Islands east-south-east along the north side of the South Channel to off Rosebud, 4 km "
        "short of the McCrae shore",
        ends_at_sea=True,
    ),
    # Wellington Harbour: GSHHG draws neither Steeple Rock nor Barrett Reef, and the shortest
    # water out of the harbour ran past Point Dorset within 100 m and through Chaffers Passage,
    # over the reef's northern rocks. The line ends at the reef's south end, in the water: one
    # back to the shore there would shut in Breaker Bay, and routes from it had no way out.
    Shallows(
        "Wellington Harbour entrance (Steeple Rock, Chaffers Passage, Barrett Reef)",
        ((174.836, -41.324), (174.8413, -41.3240), (174.835, -41.3483), (174.835, -41.3567)),
        "Barrett Reef, 41°21'9\" S 174°50'6\" E (https://kids.kiddle.co/Barrett_Reef): 'the shipping channel "
        "lies between the reef and Pencarrow to the east', and between the reef and Point Dorset lies Chaffers "
        "Passage (https://en.wikipedia.org/wiki/Barrett_Reef); the reef runs 'a little more than half a mile "
        "almost north and south', the main entrance is between Pencarrow Head and the reef, and Chaffers Passage, "
        "'rather tortuous' with 'several smaller rocks on its western side, is seldom used' (The Press, 21 "
        "January 1947, https://paperspast.natlib.govt.nz/newspapers/CHP19470121.2.113); Steeple Rock, 41°19'26\" "
        "S 174°50'29\" E, off Seatoun, and 'The Pinnacles, a group of rocks extending from the tip of Point "
        "Dorset' (Wikipedia 'Steeple Rock', https://iiab.live/kiwix/content/wikipedia_en_all_maxi_2023-05/A/"
        "Steeple_Rock); the port's outbound track passes 'Off Steeple Lt.' (41°19.70' S 174°51.04' E) and "
        "'Abeam Barrett Buoy' (41°21.22' S 174°50.42' E) (CentrePort pilotage waypoints, "
        "https://www.centreport.co.nz/what-we-do/marine-services/pilotage-information). The reef is drawn a "
        "quarter of a nautical mile either side of its cited position",
        "from the Seatoun shore out to Steeple Rock, over Point Dorset and its Pinnacles to the north end of "
        "Barrett Reef and down the reef to its south end: a ship leaves Wellington Harbour east of the rocks and "
        "round the reef's south end, not through Chaffers Passage",
        ends_at_sea=True,
    ),
    # Dry Strait: GSHHG draws the Stikine flats between Mitkof Island and the delta's Dry Island
    # as open water, the shortest way from Frederick Sound to Sumner Strait; ships use the
    # Wrangell Narrows (see NARROWS), or Chatham Strait round Kupreanof Island.
    Shallows(
        "Dry Strait (Stikine River flats)",
        ((-132.605, 56.617), (-132.505, 56.617)),
        "Dry Strait, 56°37'00\" N 132°32'55\" W, 'is named for being unnavigable at low tide, particularly the "
        "section between Mitkof Island and Little Dry Island' (https://coastview.org/2025/02/10/dry-strait-"
        "stikine-river-delta, after Wikipedia); 'ships do not use it very often ... Most ships traveling between "
        "Wrangell and Petersburg ... usually go through the Wrangell Narrows' (https://kids.kiddle.co/Dry_Strait); "
        "'at very low tides it dries completely' (https://kayaktheinsidepassage.com/2019/07/20/dry-strait/)",
        "east and west through the strait's cited position, from the Mitkof Island shore to Dry Island",
    ),
)


@dataclass(frozen=True, slots=True)
class Narrows:
    """A channel ships sail that the routing obstacles close: GSHHG draws it narrower than
    twice their growth (:data:`geo.sea.coastline.OBSTACLE_TOL_DEG`, ~110 m), so without this
    the router goes round. Within ``box`` (west, south, east, north) a route sails GSHHG's own
    full-resolution water instead; ``source`` cites what says ships use the channel."""

    name: str
    box: tuple[float, float, float, float]
    source: str
    description: str = ""


#: Channels opened to every route inside their box.
NARROWS: tuple[Narrows, ...] = (
    # Petersburg lies at the Wrangell Narrows' north end, where GSHHG draws the channel out to
    # Frederick Sound 100-200 m wide: the grown shore closed it, and Petersburg's only water
    # way led south down the narrows (and, with Dry Strait closed, round Kupreanof Island).
    Narrows(
        "Wrangell Narrows (north end, at Petersburg)",
        (-132.99, 56.800, -132.935, 56.840),
        "'The town of Petersburg is at the north end of the Narrows. The channel is part of the Inside Passage "
        "and is used by fishing boats and Alaska Marine Highway ferries' (https://www.coastguide.org/articles/"
        "2019/4/13/wrangell-narrows-alexander-archipelago, after Wikipedia); a yacht through the narrows from "
        "Wrangell berthed at Petersburg, 56°48.79' N 132°57.68' W (http://splendidjourney.blogspot.com/2007/06/"
        "wrangell-narrows.html)",
        "Petersburg's harbour and the channel north from it to Frederick Sound",
    ),
)


def crosses_shallows(coords: Sequence[tuple[float, float]]) -> bool:
    """Whether the (lon, lat) polyline crosses the line of any of :data:`SHALLOWS` (longitudes
    may run past ±180)."""
    import shapely

    if len(coords) < 2:
        return False
    xy = np.asarray(coords, dtype=float)
    west, south = xy.min(axis=0)
    east, north = xy.max(axis=0)
    line = None
    for shallows in SHALLOWS:
        w, s, e, n = shallows.bounds
        if s > north or n < south:
            continue
        for shift in (-360.0, 0.0, 360.0):
            if w + shift > east or e + shift < west:
                continue
            if line is None:
                line = shapely.linestrings(xy)
            if shapely.intersects(line, shapely.linestrings(np.asarray(shallows.line) + np.array([shift, 0.0]))):
                return True
    return False


def passage_names() -> list[str]:
    """Display names of all passages, sorted."""
    return sorted(p.name for p in PASSAGES.values())


def passage_key(name: str) -> str:
    """The PASSAGES key for a user-given name (any case, aliases allowed), or BadInput."""
    wanted = " ".join(str(name).strip().lower().replace("_", " ").split())
    for key, passage in PASSAGES.items():
        if wanted == key or wanted in passage.aliases:
            return key
    spellings = list(PASSAGES) + [a for p in PASSAGES.values() for a in p.aliases]
    close = difflib.get_close_matches(wanted, spellings, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise BadInput(f"unknown passage {name!r}{hint} Known passages: {', '.join(passage_names())}")

def passages_crossed(coords: Sequence[tuple[float, float]]) -> tuple[str, ...]:
    """Names of the passages whose gates the (lon, lat) polyline crosses, in travel order."""
    import shapely

    if len(coords) < 2:
        return ()
    line = shapely.linestrings(np.asarray(coords, dtype=float))
    xs = [c[0] for c in coords]
    found: list[tuple[float, str]] = []
    for passage in PASSAGES.values():
        gate = np.array(passage.gate, dtype=float)
        for shift in (-360.0, 0.0, 360.0):
            g = gate + np.array([shift, 0.0])
            if g[:, 0].max() < min(xs) or g[:, 0].min() > max(xs):
                continue
            hit = shapely.intersection(line, shapely.linestrings(g))
            if not shapely.is_empty(hit):
                first = shapely.get_coordinates(hit)[0]
                found.append((float(shapely.line_locate_point(line, shapely.Point(first))), passage.name))
                break
    return tuple(name for _, name in sorted(found))

