"""Published port-to-port sea distances, each with the page it was read from.

Every figure below was read on the cited page (found and checked with a web search) and is
copied here as a number with its unit; the pages' text is not. The ends are chosen by hand
to stand where the published voyage starts and ends: a race's start and finish area, a
ferry's terminals, a port's harbour (the coordinates are ours, the distance is theirs). Where
a page gives a ferry terminal's or its port's own coordinates to the second, the end stands
there instead, and ``ends_source`` cites it: every ferry end such a page was found for was
moved on 2026-12-07, whichever way its row's error went (Piombino and Staten Island came
within 2 %, Algeciras went from +5.3 % to +7.2 %).

Kinds of source: ``race`` (a yacht race's course length, given by its organiser or the
sailing press), ``ferry`` (a ferry route's length, given by the operator or a travel page),
``canal`` (a canal or port authority's figure, or a shipping consultancy's distance table as
reported by the trade press), ``history`` (a government report's distance table).

Race courses with a turning mark away from the direct way (Fastnet, Route du Rhum round
Basse-Terre) are left out; those whose marks lie on the way in (Annapolis-Newport's
Chesapeake Light, Brisbane-Gladstone's Lady Elliot Island) are kept, with a note. Figures
published as round trips are halved, and say so.

A figure shown to be for another way than the shortest water between its ends (a course
with a turning mark, a sailed distance, a straight line rounded) says so in ``other_way``, with
the evidence; the benchmark lists those rows apart and counts them both ways.

Coordinates are (lon, lat) in degrees. ``avoid`` names passages closed for the pair, as
``sea_route(avoid=...)`` takes them (the "via the Cape" figures close Suez and Panama so
that neither router takes the canal the figure goes round).
"""

from __future__ import annotations

from dataclasses import dataclass

NMI_KM = 1.852
MI_KM = 1.609344


@dataclass(frozen=True)
class Published:
    label: str
    a: tuple[float, float]
    b: tuple[float, float]
    value: float
    unit: str  # "nmi", "km" or "mi" (statute miles)
    kind: str
    source: str
    avoid: tuple[str, ...] = ()
    note: str = ""
    #: Why the figure is not the shortest water way between the two ends, with the evidence
    #: (empty when nothing shows that): a race's turning mark, a rounded straight line.
    other_way: str = ""
    #: Where the ends' coordinates were read (empty: placed by hand, see the module's note).
    ends_source: str = ""

    @property
    def km(self) -> float:
        return self.value * {"nmi": NMI_KM, "mi": MI_KM, "km": 1.0}[self.unit]

    @property
    def band(self) -> str:
        """short (< 300 km), mid (300 to 3,000 km) or ocean (> 3,000 km), by the published figure."""
        return "short" if self.km < 300.0 else "mid" if self.km <= 3000.0 else "ocean"


SYDNEY_HARBOUR = (151.265, -33.845)
HONG_KONG_HARBOUR = (114.18, 22.292)
NEWPORT_RI = (-71.35, 41.455)
ROTTERDAM = (4.05, 51.98)  # the Nieuwe Waterweg mouth (Hook of Holland)
RAS_TANURA = (50.17, 26.65)
HOUSTON = (-95.0, 29.68)  # Barbours Cut, on Galveston Bay (the ship channel is no GSHHG water)
JEDDAH = (39.15, 21.48)
CONSTANTA = (28.66, 44.17)
YOKOHAMA = (139.66, 35.45)
LONDON = (0.37, 51.452)  # Tilbury, on the Thames
NEW_YORK = (-74.03, 40.67)  # Upper New York Bay
SAN_FRANCISCO = (-122.42, 37.81)
COLON = (-79.91, 9.36)
TSAWWASSEN = (-123.12893, 49.00866)  # the terminal, 49°00′31″N 123°07′44″W (see its rows)

PUBLISHED: list[Published] = [
    # --- races --------------------------------------------------------------------------------
    Published("Sydney – Hobart (Rolex Sydney Hobart)", SYDNEY_HARBOUR, (147.34, -42.89), 628, "nmi", "race",
              "https://www.afr.com/life-and-luxury/health-and-wellness/"
              "how-size-doesn-t-count-in-the-sydney-to-hobart-race-20231212-p5eqzh"),
    Published("Newport – Bermuda (Newport Bermuda Race)", NEWPORT_RI, (-64.65, 32.36), 635, "nmi", "race",
              "http://bermudarace.com/race/", note="finish off St David's Head"),
    Published("Hong Kong – Subic Bay (Rolex China Sea Race)", HONG_KONG_HARBOUR, (120.26, 14.82), 565, "nmi", "race",
              "https://en.wikipedia.org/wiki/China_Sea_Race"),
    Published("Los Angeles – Honolulu (Transpac)", (-118.29, 33.70), (-157.80, 21.25), 2225, "nmi", "race",
              "https://www.staradvertiser.com/2019/07/13/breaking-news/record-transpac-fleet-heads-from-los-angeles-to-hawaii/",
              note="Point Fermin to Diamond Head"),
    Published("San Francisco – Kaneohe (Pacific Cup)", SAN_FRANCISCO, (-157.76, 21.48), 2070, "nmi", "race",
              "https://cruisingclub.org/news/cca-members-race-hawaii"),
    Published("Victoria – Lahaina (Vic-Maui)", (-123.38, 48.40), (-156.69, 20.87), 2308, "nmi", "race",
              "https://sailingincanada.ca/news-events/vic-maui-underway", note="the great-circle course"),
    Published("Marblehead – Halifax (Marblehead to Halifax Ocean Race)", (-70.83, 42.50), (-63.57, 44.64), 363, "nmi",
              "race", "https://www.sailmagazine.com/racing/the-marblehead-to-halifax-ocean-race-returns"),
    Published("Annapolis – Newport (Annapolis to Newport Race)", (-76.45, 38.97), NEWPORT_RI, 475, "nmi", "race",
              "https://www.baltimoresun.com/sports/bs-xpm-2014-06-07-bs-sp-outdoors-rail-annapolis-to-newport-race-sail-20140607-story.html",
              note="course rounds Chesapeake Light, just outside the bay's mouth"),
    Published("Cape Town – Rio de Janeiro (Cape to Rio)", (18.43, -33.90), (-43.17, -22.98), 3300, "nmi", "race",
              "https://www.ircrating.org/concentric-circles/441-2014-cape-to-rio-race-preview",
              note="the organiser's rhumb-line (great-circle) distance"),
    Published("Brisbane – Gladstone (Brisbane to Gladstone Yacht Race)", (153.09, -27.32), (151.26, -23.83), 308,
              "nmi", "race", "https://www.qcyc.com.au/brisbane-to-gladstone-yacht-race/race-facts-stats/",
              note="course leaves Fraser Island and Lady Elliot Island to port",
              other_way=("the course, not the shortest keel-boat water: it leaves Lady Elliot Island "
                         "(24.11 S 152.72 E) to port; the shortest water outside K'gari and round Breaksea Spit is "
                         "538 km, and by a point just north-east of Lady Elliot Island 543 km (293 nmi, both "
                         "measured by shiproute with the route's own ends)")),
    Published("Hong Kong – Nha Trang (Hong Kong to Vietnam Race)", HONG_KONG_HARBOUR, (109.21, 12.24), 673, "nmi",
              "race", "https://www.sail-world.com/news/218778/Hong-Kong-to-Vietnam-Race-starts-15-and-16-October"),
    Published("Sydney – Gold Coast (Sydney Gold Coast Yacht Race)", SYDNEY_HARBOUR, (153.44, -27.94), 384, "nmi",
              "race", "https://www.sailsmagazine.com.au/noakes-opens/", note="finish off Main Beach"),
    Published("Las Palmas – Rodney Bay (ARC)", (-15.41, 28.13), (-60.96, 14.08), 2700, "nmi", "race",
              "https://noonsite.com/news/the-28th-atlantic-rally-for-cruisers-sets-sail-from-las-palmas-de-gran-canaria"),
    Published("Newport Beach – Ensenada (Newport to Ensenada Race)", (-117.90, 33.59), (-116.65, 31.86), 125, "nmi",
              "race", "https://www.latimes.com/socal/daily-pilot/news/tn-dpt-me-n2e-start-20190426-story.html"),
    Published("Melbourne – Osaka (Melbourne Osaka Cup)", (144.71, -38.32), (135.40, 34.62), 5500, "nmi", "race",
              "http://ssaa.com.au/SSAA_Osaka/M2O.htm", note="start in Port Phillip off Portsea, finish in Osaka Bay",
              other_way=("a nominal sailed distance, not a course length: the great circle between the ends is "
                         "8,133 km and the shortest water way 9,101 km (round Wilsons Promontory and up the east "
                         "coast); no turning mark adds 1,085 km (the race 'runs straight up and down the globe', "
                         "https://sails.co.jp/tag/open-40-yacht/), and the 2025 fleet reported 5,300 nmi sailed while "
                         "still south of Osaka (https://yachtsandyachting.com/news/285372/Neck-and-Neck-After-5300-"
                         "Nautical-Miles)")),
    Published("Auckland – Russell (Coastal Classic)", (174.795, -36.835), (174.12, -35.262), 119, "nmi", "race",
              "https://boatingnz.co.nz/2024/10/the-pic-coastal-classic-new-zealands-iconic-yacht-race/",
              note="Devonport Wharf to Russell Wharf"),
    # Added on 2026-12-07 from a search for more courses without marks off the direct way, every
    # find with a figure read on its page taken, before any was routed (see the note below the list).
    Published("Sydney – Noumea (Sydney Noumea Yacht Race)", SYDNEY_HARBOUR, (166.43, -22.29), 1064, "nmi", "race",
              "https://cyca.com.au/momentum-builds-for-ponant-sydney-noumea-yacht-race",
              note="the same 1,064 nmi at https://sailorsabroad.com/2019/03/21/sydney-to-noumea"),
    Published("Auckland – Noumea (Auckland Noumea Yacht Race)", (174.81, -36.845), (166.43, -22.29), 998, "nmi", "race",
              "https://aucklandnoumea.com/2018/06/03/2018-auckland-noumea-yacht-race-is-underway/",
              note="the 2018 figure; other editions give 995 and 990 nmi"),
    Published("Marion – Bermuda (Marion Bermuda Race)", (-70.74, 41.68), (-64.65, 32.36), 645, "nmi", "race",
              "https://oceannavigator.com/numbers-up-for-marion-bermuda-race/",
              note="Buzzards Bay to St David's Head"),
    Published("Annapolis – Bermuda (Annapolis to Bermuda Ocean Race)", (-76.45, 38.97), (-64.65, 32.36), 753, "nmi",
              "race", "https://www.chesapeakebaymagazine.com/annapolis-to-bermuda-ocean-race-underway-after-tropical-storm-delay/",
              note=("'miles' on the page; nautical, as the organiser splits them into 125 miles of the Chesapeake "
                    "and a 628-mile offshore leg (https://jworldannapolis.com/bermuda-ocean-race-update/), about "
                    "the nautical miles from the bay's mouth to Bermuda")),
    Published("Newport Beach – Cabo San Lucas (Cabo Race)", (-117.90, 33.59), (-109.905, 22.875), 800, "nmi", "race",
              "https://www.sailingscuttlebutt.com/2023/01/17/cabo-race-big-effort-big-fun/"),
    Published("San Diego – Puerto Vallarta (Puerto Vallarta Race)", (-117.235, 32.70), (-105.56, 20.76), 1000, "nmi",
              "race", "http://pvrace.com/news/archive/2018/",
              note="the organiser's rhumb-line course, finish off Punta Mita; 1,012 nmi in 2020 coverage"),
    Published("Melbourne – Launceston (Rudder Cup)", (144.71, -38.32), (146.79, -41.045), 198, "nmi", "race",
              "http://www.orcv.org.au/component/content/category/270-racing/537-tasmania-races/"
              "15-rudder-cup-race?layout=blog&Itemid=515&start=5",
              note="Portsea to the finish off Low Head, at the Tamar's mouth"),
    Published("Pittwater – Coffs Harbour (Pittwater to Coffs Harbour Yacht Race)", (151.33, -33.575), (153.15, -30.305),
              226, "nmi", "race", "https://www.mysailing.com.au/light-and-challenging-pittwater-to-coffs-harbour-yacht-race/",
              note="start off Barrenjoey Head, finish on the leads outside Coffs Harbour"),
    # --- ferries ------------------------------------------------------------------------------
    Published("Wellington – Picton (Interislander)", (174.785, -41.265), (174.005, -41.285), 92, "km", "ferry",
              "https://www.interislander.co.nz/explore/unmissable-sights-on-cook-strait",
              note=("the operator's '92-kilometre' crossing (also https://thewest.com.au/travel/sail-through-history-"
                    "ng-ya-360796); Kaiwharawhara terminal to Picton; ships leave Wellington Harbour east of "
                    "Steeple Rock and Barrett Reef, past 'Off Steeple Lt.' and 'Abeam Barrett Buoy' (CentrePort "
                    "pilotage waypoints, https://www.centreport.co.nz/what-we-do/marine-services/pilotage-information"
                    "), as the route "
                    "does since those rocks are shallows (geo.sea.passages.SHALLOWS), not through Chaffers Passage "
                    "over the reef (88.8 km before). Out of the harbour along those waypoints it is 91.6 km; the "
                    "route keeps the ferries' western track inside Falcon Shoal "
                    "(https://www.wbbc.org.nz/post/and-in-other-news) and passes headlands at 100-200 m. Other "
                    "figures for the crossing: 50 nmi (92.6 km, https://offexploring.com/colorado-explorers/blog/"
                    "new-zealand/wellington/20091129000000), about 90 km (https://campervan-hire-new-zealand.com/"
                    "cook-strait-ferry-crossing/), about 94 km (https://postcardsfromhereandthere.com/"
                    "to-the-south-island)")),
    Published("Hong Kong – Macau (TurboJET)", (114.15215, 22.28937), (113.55891, 22.19708), 60, "km", "ferry",
              "http://juliansi.blogspot.com/2008/05/macau-turbojet-ferry-across-to-hong.html",
              note="Sheung Wan to the Outer Harbour terminal",
              ends_source=("the terminals, 22°17′21.74″N 114°9′7.75″E (http://the-uncensored-wiki.com:20082/articles/h/o/"
                           "n/Hong_Kong-Macau_Ferry_Pier%2C_Hong_Kong_35e0.html) and 22°11′49.47″N 113°33′32.08″E "
                           "(https://wikifwd.glitch.me/wiki/Hong_Kong-Macau_Ferry_Pier,_Macau)"),
              other_way=("a rounded straight line: the geodesic between the two terminals is already 62.0 km, more "
                         "than the published 60 km, so no water way can be that short; the shortest water way (south "
                         "of Lantau, as the jetfoils run) is 64.0 km")),
    Published("Helsinki – Tallinn", (24.96, 60.163), (24.76667, 59.44444), 80, "km", "ferry",
              "https://travel-cam.net/en/stories/estonia/ferry-tallinn-helsinki",
              ends_source="Tallinn's Old City Harbour, 59°26′40″N 24°46′00″E (https://wikimili.com/en/Old_City_Harbour)"),
    Published("Melbourne – Devonport (Spirit of Tasmania)", (144.9311, -37.8444), (146.37, -41.175), 429, "km", "ferry",
              "https://www.flightcentre.com.au/cruises/cruise-ships/spirit-of-tasmania/spirit-of-tasmania-i",
              note=("Station Pier to East Devonport (the same 429 km: http://travel.cnn.com/sydney/visit/finding-"
                    "tasmania-australias-greatest-boat-trip-100389/); ships keep to Port Phillip's South Channel, "
                    "on the leading line from the South Channel Pile Light to the McCrae lighthouse (https://en.wikipedia.org/wiki/"
                    "South_Channel_Pile_Light,_Victoria): the route goes down the bay to the channel's east end "
                    "off Rosebud and along it to the Heads (geo.sea.passages.SHALLOWS), not over the West Sand "
                    "past Swan Island (407.9 km before)"),
              ends_source="Station Pier, 37°50′40″S 144°55′52″E (https://wikiclassic.com/wiki/Station_Pier)"),
    Published("Tsawwassen – Swartz Bay (BC Ferries)", TSAWWASSEN, (-123.41020, 48.68818), 24, "nmi", "ferry",
              "https://de.411answers.com/a/zu-welchen-orten-faehrt-die-tsawwassen-faehre.html",
              note=("the same figure in Wikipedia's Highway 17 article, 'a 44 km (24 nmi)-long ferry route' "
                    "(https://www.liquisearch.com/british_columbia_highway_17/ferry_route)"),
              ends_source=("the terminals, 49.0086567 N 123.1289291 W "
                           "(https://de.abcdef.wiki/wiki/Tsawwassen_Ferry_Terminal) "
                           "and 48.688184 N 123.4101963 W "
                           "(https://wikireact.com/bah%C3%ADa-swartz/Swartz_Bay_Ferry_Terminal)")),
    Published("Tsawwassen – Duke Point (BC Ferries)", TSAWWASSEN, (-123.89414, 49.16200), 38, "nmi", "ferry",
              "https://de.411answers.com/a/zu-welchen-orten-faehrt-die-tsawwassen-faehre.html",
              note=("route checked: it passes south of the Roberts Bank terminals, crosses the Strait of Georgia "
                    "to Entrance Island and enters Northumberland Channel from Nanaimo's outer harbour, as the "
                    "ferries must: 63.7 km (34.4 nmi). The shortest water on GSHHG full resolution (the reference "
                    "of bench/reference_routes.py, 150 m cells) is 58.4 km, through Gabriola Passage and False "
                    "Narrows, which shiproute's obstacles close. A second page gives the same 38 nmi beside the "
                    "ship's particulars (https://tokelosheblog.wordpress.com/2015/06/13/ferry-to-vancouver-island/"
                    "); no BC Ferries page was found. Nothing found explains the 6.7 km: the route joins the "
                    "north-west-bound lane of the Strait of Georgia traffic separation scheme from its side at 18 "
                    "degrees and leaves it at its end, as the collision rules allow (33 CFR 167.1332(g), "
                    "https://govregs.com/regulations/title33_chapterI-i1_part167_subpartB_subjgrp225_section167.1332"
                    "), and passes 250 m off the Entrance Island light, where a ferry keeps further off (a km or so "
                    "at most)"),
              ends_source=("the terminals, 49.0086567 N 123.1289291 W "
                           "(https://de.abcdef.wiki/wiki/Tsawwassen_Ferry_Terminal) "
                           "and 49.1620032 N 123.8941355 W (https://en.wikipedia.org/?oldid=1173075469&title=Duke_Point_ferry_"
                           "terminal)")),
    Published("Puttgarden – Rødby (Scandlines)", (11.22777, 54.50170), (11.34603, 54.65336), 18.6, "km", "ferry",
              "http://vanlose.blogspot.com/2009/04/zug-fahre-brucke-fehmarn-lolland.html",
              ends_source=("Puttgarden's ferry berth, 54°30′6.11″N 11°13′39.97″E "
                           "(https://dkwiki.dk/OrdBog/Puttgarden), "
                           "and Rødbyhavn harbour, 54° 39’ 12.1” N 11° 20’ 45.7” E (https://www.boatview.io/de/poi/3002/"
                           "roedbyhavn)")),
    Published("Piraeus – Heraklion", (23.63611, 37.94194), (25.15639, 35.35056), 320, "km", "ferry",
              "https://ferries.gr/it/ferry-routes/piraeus-heraklion", note="'circa 320 km'",
              ends_source=("the ports, 37°56′31″N 23°38′10″E (http://piglix.com/piglix/Port_of_Piraeus) "
                           "and 35º 21' 2 N "
                           "25º 09' 23 E (http://www.medcruise.com/port/706/heraklion/information)")),
    Published("Piraeus – Chania (Souda)", (23.63611, 37.94194), (24.08, 35.49), 300, "km", "ferry",
              "https://osmeustrilhos.pt/ferry-pireus-ate-creta/",
              note=("'os 300 km que separam Pireus de Chania', a travel blog's round figure; no operator or port "
                    "authority figure was found (the one other published figure, 135.2 nmi = 250.4 km, "
                    "https://www.directferries.com/blog/travelling-from-piraeus-to-chania-complete-ferry-and-travel-"
                    "guide, is shorter than the 274.8 km geodesic, so no sailing distance)"),
              ends_source="Piraeus port, 37°56′31″N 23°38′10″E (http://piglix.com/piglix/Port_of_Piraeus)"),
    Published("Algeciras – Tangier", (-5.44139, 36.13), (-5.80, 35.79), 50, "km", "ferry",
              "http://www.worldtopjourneys.com/2011/02/cross-strait-of-gibraltar.html",
              other_way=("the straight line, rounded: the geodesic between the two harbours is 49.7 km, while a "
                         "ship must first leave the Bay of Algeciras round Punta Carnero (the shortest water way, "
                         "53.6 km)"),
              ends_source=("the port of Algeciras, 36° 7′ 48″ N 5° 26′ 29″ W (https://askwikinow.com/view_html.php?lang=de&q="
                           "Hafen+von+Algeciras&sq=Facebook)")),
    # Added on 2026-12-07, as the races above.
    Published("Helsingør – Helsingborg (Øresundslinjen)", (12.61778, 56.03639), (12.688, 56.042), 2.5, "nmi", "ferry",
              "https://en.wikipedia.org/wiki/Helsing%C3%B8r%E2%80%93Helsingborg_ferry_route",
              note="'around 2.5 nautical miles', which the page puts at about 4.5 km",
              ends_source="Helsingør harbour, 56° 2′ 11″ N 12° 37′ 4″ E (https://de.wiki.li/Helsing%C3%B8r_Havn)"),
    Published("Piombino – Portoferraio (Elba ferries)", (10.54583, 42.93194), (10.33, 42.814), 13, "nmi", "ferry",
              "https://tg5stelle.it/come-raggiungere-lisola-delba-in-macchina/",
              ends_source=("the port of Piombino, 42° 55’ 55” N 10° 32’ 45” E (https://123dok.org/document/qo58677y-il-porto-"
                           "di-piombino.html)")),
    Published("Hakata – Busan (JR Kyushu Beetle)", (130.40011, 33.60819), (129.045, 35.113), 213, "km", "ferry",
              "https://www.utravelnote.com/busan/etc/beetle-sea/history?bc=AL01&historySeq=100481",
              ends_source=("Hakata Port International Terminal, 33°36′29.5″N 130°24′0.4″E (Japanese Wikipedia "
                           "'博多港国際ターミナル' as proxied by onehourindexing01.prideseotools.com)")),
    Published("Seattle – Bainbridge Island (Washington State Ferries)", (-122.33851, 47.60272), (-122.508, 47.622),
              13.8,
              "km", "ferry", "https://en.wikipedia.org/wiki/Seattle%E2%80%93Bainbridge_ferry",
              note="8.6 miles (13.8 km), Colman Dock to Winslow",
              ends_source="Colman Dock, 47°36′10″N 122°20′19″W (http://21ma.com/wiki.php?title=Colman_Dock)"),
    Published("Manhattan – Staten Island (Staten Island Ferry)", (-74.01283, 40.70247), (-74.07417, 40.64333),
              5.2, "mi",
              "ferry", "http://placematters.net/node/1517",
              note="Whitehall to St. George; Wikipedia's 5.2 miles (8.4 km)",
              ends_source=("the terminals, 40°42′09″N 74°00′46″W "
                           "(http://piglix.com/piglix/Staten_Island_Ferry_Terminal) and 40°38′36″N 74°4′27″W "
                           "(http://piglix.com/piglix/St._George_(Staten_Island_Railway_station), "
                           "the same on https://wikide.org/de/Saint_George_Terminal)")),
    Published("Auckland – Waiheke Island (Fullers)", (174.767, -36.84), (174.987, -36.781), 21.5, "km", "ferry",
              "http://piglix.com/piglix/Waiheke_Island",
              note=("downtown ferry terminal to Matiatia, measured by the operator's captains on GPS (a copy of "
                    "Wikipedia)")),
    Published("Southampton – West Cowes (Red Funnel Red Jet)", (-1.4062, 50.8945), (-1.297, 50.764), 9.9, "nmi",
              "ferry",
              "https://hi.marinelink.com/news/%e0%a4%91%e0%a4%aa%e0%a4%b0%e0%a5%87%e0%a4%b6%e0%a4%a8-%e0%a4%b2%e0%a4%bf"
              "%e0%a4%8f-%e0%a4%a4%e0%a5%88%e0%a4%af%e0%a4%be%e0%a4%b0-%e0%a4%8f%e0%a4%ae%e0%a4%9f%e0%a5%80%e0%a4%af%e0"
              "%a5%82-%e0%a4%87%e0%a4%82%e0%a4%9c%e0%a4%a8-%e0%a4%b8%e0%a4%be%e0%a4%a5-%e0%a4%b2%e0%a4%be%e0%a4%b2-%e0"
              "%a4%ab%e0%a4%a8%e0%a4%b2-catamaran-253613",
              note="Town Quay to the Red Jet pontoon, trade press on the operator's new catamaran",
              ends_source="Town Quay, 50°53′40″N 1°24′22″W (https://en.wikipedia.org/wiki/Town_Quay)"),
    Published("Igoumenitsa – Lefkimmi (Corfu)", (20.258, 39.502), (20.093, 39.426), 18, "km", "ferry",
              "https://www.elsa-on-tour.eu/2025/korfu", note="a travel blog's track of the crossing"),
    Published("Cape Town – Robben Island", (18.421, -33.906), (18.385, -33.807), 12, "km", "ferry",
              "https://travel.lotustechtips.com/robben-island-ferry-discover-cape-town/",
              note="Nelson Mandela Gateway to Murray's Bay Harbour"),
    Published("Bar Harbor – Yarmouth (Bay Ferries, The CAT)", (-68.205, 44.40), (-66.125, 43.832), 98, "nmi", "ferry",
              "https://www.ferries.ca/thecat/info/"),
    Published("North Sydney – Channel-Port aux Basques (Marine Atlantic)", (-60.25, 46.212), (-59.133, 47.573), 96,
              "nmi", "ferry", "https://enow.com/content;_ylt=AwrNP367RJ1nlXEU0VaoCmVH;_ylu=Y29sbwNiZjEEcG9zAzE2BHZ0aWQDBHNlYwNyZWwt"
              "Ym90?ei=UTF-8&q=newfoundland+ferry+port+aux+basques+to+north+sydney&s_it=rs-bot",
              note=("178 km (96 nmi), Wikipedia's article on the MV Joseph and Clara Smallwood as a search page "
                    "quotes it")),
    Published("Travemünde – Helsinki (Finnlines)", (10.88, 53.955), (25.17889, 60.21556), 611, "nmi", "ferry",
              "https://www.mannheimer-morgen.de/leben/machen_artikel,-machen-eisfahrt-nach-helsinki-_arid,1929558.html",
              note="to Vuosaari, a newspaper's report written on board",
              ends_source="Vuosaari harbour, 60°12′56″N 025°10′44″E (https://fi.m.wikipedia.org/wiki/Vuosaaren_telakka)"),
    Published("Niigata – Otaru (Shin Nihonkai Ferry)", (139.065, 37.948), (141.015, 43.195), 692, "km", "ferry",
              "https://ikigai55.com/?p=1867", note="the sailing distance a travel blog gives"),
    Published("Genoa – Palermo (GNV)", (8.915, 44.40), (13.375, 38.13), 793, "km", "ferry",
              "https://sharontickle.wordpress.com/2012/07/10/slow-boat-to-sicily/"),
    Published("Whittier – Yakutat (Alaska Marine Highway)", (-148.68, 60.778), (-139.735, 59.553), 346, "mi", "ferry",
              "https://mamaloi.com/2018/09/16/inside-passage-to-bellingham/",
              note="the scheduled distance in statute miles, as the page says"),
    Published("Yakutat – Juneau (Alaska Marine Highway)", (-139.735, 59.553), (-134.66, 58.385), 269, "mi", "ferry",
              "https://mamaloi.com/2018/09/16/inside-passage-to-bellingham/",
              note="to Auke Bay; statute miles, as the page gives the leg before"),
    Published("Juneau – Ketchikan (Alaska Marine Highway)", (-134.66, 58.385), (-131.69, 55.355), 338, "mi", "ferry",
              "https://mamaloi.com/2018/09/16/inside-passage-to-bellingham/",
              note=("Auke Bay to Ketchikan without a call; statute miles, as the page gives the leg before. The route "
                    "takes the inside way, down Stephens Passage and through the Wrangell Narrows (415.6 km; it "
                    "ran over the Dry Strait flats before, 415.4 km); the outside way, by Chatham and Sumner Straits "
                    "round Kupreanof Island (avoid=('wrangell narrows',)), which ships too large for the narrows take "
                    "(https://www.coastguide.org/articles/2019/4/13/wrangell-narrows-alexander-archipelago), is "
                    "524.5 km (-3.6 %). The call-less figure fits that way better, but nothing on the page says "
                    "which way the ship went, so the row counts as it stands")),
    # --- canal and port authorities, shipping consultancies ----------------------------------
    Published("Kiel Canal: Brunsbüttel – Kiel-Holtenau", (9.145, 53.889), (10.145, 54.366), 98.26, "km", "canal",
              "https://de.zxc.wiki/wiki/Kaiser-Wilhelm-Kanal",
              note=("the canal's length between its locks; the shipped coastline has no canal. The route joins "
                    "the canal's curated line beside each lock; the line, straight between 22 cited positions, "
                    "measures 96.1 km between the lock sites and still cuts bends past Kudensee, Schacht-Audorf "
                    "and Holtenau (data/README.md)")),
    Published("Jeddah – Constanța via Suez (Suez Canal Authority)", JEDDAH, CONSTANTA, 1698, "nmi", "canal",
              "http://seapace.com/scinfo/scinfo_r2.htm"),
    Published("Jeddah – Constanța via the Cape (Suez Canal Authority)", JEDDAH, CONSTANTA, 11771, "nmi", "canal",
              "http://seapace.com/scinfo/scinfo_r2.htm", avoid=("suez", "panama")),
    Published("Ras Tanura – Rotterdam via Suez (Drewry)", RAS_TANURA, ROTTERDAM, 12698 / 2, "nmi", "canal",
              "https://www.ogj.com/home/article/17219168/watching-the-world-how-to-shorten-tanker-voyages",
              note="half the published round trip"),
    Published("Ras Tanura – Rotterdam via the Cape (Drewry)", RAS_TANURA, ROTTERDAM, 22338 / 2, "nmi", "canal",
              "https://www.ogj.com/home/article/17219168/watching-the-world-how-to-shorten-tanker-voyages",
              avoid=("suez", "panama"), note="half the published round trip"),
    Published("Ras Tanura – Houston via Suez (Drewry)", RAS_TANURA, HOUSTON, 19512 / 2, "nmi", "canal",
              "https://www.ogj.com/home/article/17219168/watching-the-world-how-to-shorten-tanker-voyages",
              note="half the published round trip"),
    Published("Ras Tanura – Houston via the Cape (Drewry)", RAS_TANURA, HOUSTON, 25000 / 2, "nmi", "canal",
              "https://www.ogj.com/home/article/17219168/watching-the-world-how-to-shorten-tanker-voyages",
              avoid=("suez", "panama"), note="half the published round trip (given as 25,000)"),
    Published("Yokohama – London via Suez (Drewry)", YOKOHAMA, LONDON, 22042 / 2, "nmi", "canal",
              "https://www.ogj.com/home/article/17219168/watching-the-world-how-to-shorten-tanker-voyages",
              note="half the published round trip"),
    Published("Yokohama – London via the Cape (Drewry)", YOKOHAMA, LONDON, 28854 / 2, "nmi", "canal",
              "https://www.ogj.com/home/article/17219168/watching-the-world-how-to-shorten-tanker-voyages",
              avoid=("suez", "panama"), note="half the published round trip"),
    Published("Sydney – Rotterdam via Suez (Drewry)", SYDNEY_HARBOUR, ROTTERDAM, 22966 / 2, "nmi", "canal",
              "https://www.ogj.com/home/article/17219168/watching-the-world-how-to-shorten-tanker-voyages",
              note="half the published round trip"),
    Published("Sydney – Rotterdam via the Cape (Drewry)", SYDNEY_HARBOUR, ROTTERDAM, 25414 / 2, "nmi", "canal",
              "https://www.ogj.com/home/article/17219168/watching-the-world-how-to-shorten-tanker-voyages",
              avoid=("suez", "panama"), note="half the published round trip"),
    Published("Shanghai – Rotterdam via Suez (Port Economics)", (121.8, 31.3), ROTTERDAM, 10600, "nmi", "canal",
              "https://porteconomicsmanagement.org/pemp/contents/part1/interoceanic-passages/"
              "routing-options-shanghai-rotterdam", note="'about 10,600 nautical miles'"),
    Published("Shanghai – Rotterdam via the Cape (Port Economics)", (121.8, 31.3), ROTTERDAM, 13800, "nmi", "canal",
              "https://porteconomicsmanagement.org/pemp/contents/part1/interoceanic-passages/"
              "routing-options-shanghai-rotterdam", avoid=("suez",),
              note="the Red Sea diversion: only Suez closed, as a user asks it"),
    Published("New York – San Francisco via Panama (Johnson report)", NEW_YORK, SAN_FRANCISCO, 5262, "nmi", "history",
              "https://en.wikisource.org/wiki/Page:Panama-past-present-Bishop.djvu/257",
              note="E. R. Johnson, Special Commissioner on Panama Canal Traffic and Tolls"),
    Published("New York – San Francisco via Magellan (Johnson report)", NEW_YORK, SAN_FRANCISCO, 13135, "nmi",
              "history", "https://en.wikisource.org/wiki/Page:Panama-past-present-Bishop.djvu/257",
              avoid=("panama",)),
    Published("New Orleans – Colón (Johnson report)", (-90.06, 29.95), COLON, 1395, "nmi", "history",
              "https://en.wikisource.org/wiki/Page:Panama-past-present-Bishop.djvu/257",
              note="by the Mississippi, which the shipped coastline does not draw"),
    Published("New York – Colón (Johnson report)", NEW_YORK, COLON, 1974, "nmi", "history",
              "https://en.wikisource.org/wiki/Page:Panama-past-present-Bishop.djvu/257"),
]

#: The search of 2026-12-07 (for more ferry routes and races, short and mid band) found these
#: figures too and left them out before any pair was routed, for a reason in the figure or its
#: ends, never for a route's result:
#:
#: * the unit unsaid ("miles", statute or nautical): Port Angeles–Victoria 20, Dover–Dunkirk 47,
#:   Dún Laoghaire–Holyhead 62, Stranraer–Belfast 50, Scrabster–Stromness 28, Cape May–Lewes 17;
#: * at or under the straight line between the two terminals, so no sailing distance: Dover–Calais
#:   21 miles, Piombino–Cavo 5 nmi, Rostock–Gedser 48 km, Rostock–Trelleborg 150 km, Tarifa–Tangier
#:   30 km, the Penang ferry 3.5 km, Hong Kong–San Fernando 480 nmi, Auckland–Musket Cove 1,140 miles;
#: * far above any water way with nothing in between: Bari–Durrës 155.7 nmi (a booking site's
#:   figure, 33 % over the open-water great circle), Ullapool–Stornoway 76 nmi (a travel page; the
#:   great circle is 43 nmi and the crossing takes 2.5 hours);
#: * a call at a port on the way: Tokyo–Shinmoji (Tokushima), Stockholm–Helsinki (Mariehamn),
#:   Incheon–Baengnyeongdo (Socheongdo and Daecheongdo);
#: * a race with a mark off the direct way or a fixed side of an island: the Westcoaster
#:   (Melbourne–Hobart west of Tasmania), Gosford–Lord Howe (Terrigal), Brisbane–Noumea
#:   (Caloundra), Cape Town–Saldanha (a gate off Dassen Island);
#: * a round, approximate figure ("about", "rund"): Hull–Rotterdam 200 nmi, Gdańsk–Nynäshamn 280
#:   nmi, Kiel–Oslo 700 km;
#: * an end that could not be placed to within a few hundred metres on a hop the figure puts
#:   within 1 % of the straight line: Kettering–Roberts Point (Bruny Island) 6.82 km; or at all:
#:   the Bohai train ferry's Dalian terminal (Dalian–Yantai 99.8 nmi).
