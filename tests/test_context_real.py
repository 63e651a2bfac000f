"""The article's own geography chooses among namesakes (issue 10 item 4), and US counties are
places (item 3). Short sentences written for these tests, in the style of local news."""

from __future__ import annotations

import pytest

import geo
from geo.places.gazetteer import context_from_text
from geo.text.article import check_article, resolve_in_article
from geo.text.linking import ENDPOINT_KINDS

ONTARIO = (
    "Firefighters from Kitchener and Windsor were called to a warehouse blaze in London on Tuesday night. "
    "London police said nobody was hurt, and Ontario's fire marshal will look into the cause."
)
ILLINOIS = (
    "A Paris man was charged with arson on Sunday. Deputies from Champaign and Danville helped, "
    "and the Illinois State Police will investigate."
)
GEORGIA = (
    "Storms knocked out power across Georgia on Monday. Crews in Atlanta and Savannah worked through "
    "the night, and schools in Macon stayed closed."
)
KENTUCKY = "A man from London was arrested in Laurel County on Friday after a chase near Corbin, deputies said."


def _best(name: str, text: str):
    return geo.resolve(name, context=text).best


def test_london_in_an_ontario_story_is_london_ontario():
    place = _best("London", ONTARIO)
    assert (place.country, place.admin1) == ("CA", "Ontario")
    assert geo.resolve("London").best.country == "GB"  # without context the famous one stays


def test_paris_in_illinois_news_is_paris_illinois():
    place = _best("Paris", ILLINOIS)
    assert (place.country, place.admin1) == ("US", "Illinois")
    assert geo.resolve("Paris").best.country == "FR"


def test_georgia_next_to_atlanta_and_savannah_is_the_state():
    place = _best("Georgia", GEORGIA)
    assert (place.kind, place.country) == ("region", "US")
    story = "Russia and Georgia fought a short war in 2008 over South Ossetia, near Tbilisi."
    assert _best("Georgia", story).country == "GE"


def test_a_famous_city_stays_famous_in_its_own_country():
    story = "Trains from Lyon and Marseille to Paris were cancelled by the strike."
    assert _best("Paris", story).country == "FR"
    assert _best("London", "Flights from London to Manchester and Edinburgh were delayed.").country == "GB"


def test_a_qualifier_written_after_the_name_wins():
    place = _best("Paris", "The old courthouse in Paris, Texas, reopened after repairs. Paris officials were pleased.")
    assert (place.country, place.admin1) == ("US", "Texas")
    assert context_from_text("A man from Paris, Texas, won.", "Paris").written


def test_a_region_written_after_in_is_a_qualifier_too():
    tour = "The singer, who grew up in Paris in Texas, toured Lyon, Marseille, Nice and Bordeaux this summer."
    assert _best("Paris", tour).admin1 == "Texas"
    assert _best("London", "He flew to London in March, then on to Manchester.").country == "GB"


def test_a_dateline_places_the_story():
    place = _best("Dublin", "DUBLIN, Ohio -- The city council of Dublin approved a new park on Monday.")
    assert (place.country, place.admin1) == ("US", "Ohio")


def test_a_name_is_no_evidence_for_itself():
    # "Georgia" alone names a country, but that must not make the article Georgian for its own resolution.
    context = context_from_text(GEORGIA, "Georgia")
    assert "GE" not in context.countries
    assert "US.GA" in dict(context.regions)


def test_us_counties_resolve_to_the_county_in_its_state():
    place = _best("Laurel County", KENTUCKY)
    assert (place.kind, place.country, place.admin1) == ("county", "US", "Kentucky")
    assert abs(place.lat - 37.1) < 0.3 and abs(place.lon + 84.1) < 0.3  # its centroid, not a town's point
    assert geo.resolve("Laurel Co.").best.kind == "county"
    assert geo.resolve("Rapides Parish").best.admin1 == "Louisiana"
    assert "county" not in ENDPOINT_KINDS  # listed, never the end of a distance


def test_a_county_follows_the_article_to_its_state():
    assert _best("Orange County", "Voters in Orange County and Orlando lined up early.").admin1 == "Florida"
    fires = "Wildfires in Orange County spread towards Irvine and Anaheim."
    assert _best("Orange County", fires).admin1 == "California"
    # London, Kentucky is the county seat of Laurel County: the county makes it the Kentucky one.
    assert (_best("London", KENTUCKY).country, _best("London", KENTUCKY).admin1) == ("US", "Kentucky")


@pytest.mark.parametrize("text, name, admin1", [(ONTARIO, "London", "Ontario"), (ILLINOIS, "Paris", "Illinois")])
def test_article_and_resolve_with_context_agree(text, name, admin1):
    report = check_article(text, sea=False)
    chosen = [m.place for m in report.mentions if m.text == name]
    assert chosen and all(p.admin1 == admin1 for p in chosen)
    assert resolve_in_article(name, text).best.admin1 == admin1
    assert _best(name, text).admin1 == admin1


def test_a_county_the_story_names_picks_the_town_inside_it():
    # Thirty states have a Douglas County; Alexandria lies in Minnesota's.
    story = "A crash on Highway 29 in Douglas County injured a driver from Alexandria on Monday."
    place = _best("Alexandria", story)
    assert (place.country, place.admin1) == ("US", "Minnesota")


def test_a_name_listed_among_states_is_the_state():
    story = ("Cases were confirmed across the country, including Missouri, New York, North Carolina and "
             "Virginia. New York has 28 cases.")
    place = _best("New York", story)
    assert (place.kind, place.admin1) == ("region", "New York")
    # Written alone, the city.
    assert _best("New York", "The mayor of New York met police chiefs. New York is the largest city.").kind == "port"


def test_a_macro_region_beats_a_village_of_its_name_in_a_local_story():
    story = ("Officials in Washington and Baltimore discussed Israel, Iran and Gaza. Peace in the Middle East "
             "needs American help, the senator said.")
    place = _best("Middle East", story)
    assert place.kind == "continent"


BRITISH = "Flooding closed roads near Ipswich and Lowestoft, and Suffolk police urged drivers to stay at home."


def test_counties_and_provinces_of_other_countries_are_places():
    place = _best("Suffolk", BRITISH)
    assert (place.kind, place.country, place.admin1) == ("county", "GB", "England")
    assert abs(place.lat - 52.17) < 0.2 and abs(place.lon - 1.0) < 0.3  # GeoNames' own point
    assert geo.resolve("Cambridgeshire").best.kind == "county"
    assert geo.resolve("Herts").best.name == "Hertfordshire"  # the short form names the county now
    laguna = _best("Laguna", "Floods hit Laguna and Batangas provinces south of Manila.")
    assert (laguna.kind, laguna.country) == ("county", "PH")
    assert geo.resolve("Muskoka").best.admin1 == "Ontario"  # the District Municipality of Muskoka
    # In Virginia news Suffolk is still the city.
    assert _best("Suffolk", "Suffolk, Virginia police and Norfolk firefighters were called.").country == "US"


def test_a_division_named_like_its_town_leaves_the_name_to_the_town():
    for name in ("Pune", "Manchester", "Perth"):
        assert geo.resolve(name).best.kind in ("town", "port")


def test_a_town_after_a_persons_name_and_of_votes_for_the_article_geography():
    # "Betty Smith of Myerstown" and "Myerstown and Annville": a connector separates a person
    # from their town, and two towns from each other; the towns place Lebanon in Pennsylvania.
    text = ("Mary Jones, 80, of Lebanon died Friday. She leaves a sister, Betty Smith of Myerstown, "
            "and cousins in Annville and Palmyra.")
    assert _best("Lebanon", text).admin1 == "Pennsylvania"


def test_a_postal_code_written_alone_is_the_region_the_article_is_in():
    kentucky = "LOUISVILLE, KY -- A Louisville distillery will expand, and KY officials in Frankfort approved it."
    assert (_best("KY", kentucky).kind, _best("KY", kentucky).admin1) == ("region", "Kentucky")
    british_columbia = "Wildfires near Kelowna and Kamloops forced BC to declare an emergency."
    assert _best("BC", british_columbia).name == "British Columbia"
    assert geo.resolve("KY").best.name == "Cayman Islands"  # without such an article, the ISO code


def test_a_code_several_countries_use_is_read_with_the_article():
    mines = "Platinum mines near Rustenburg employ many South Africans; SA exports most of it."
    assert _best("SA", mines).country == "ZA"
    assert geo.resolve("SA").best.country == "SA"  # alone, the ISO code: Saudi Arabia
    assert geo.resolve("T&T").best.name == "Trinidad and Tobago"


def test_a_county_named_without_its_kind_word_is_the_county():
    place = _best("Gwinnett", "Schools in Lawrenceville and Duluth closed as Gwinnett officials met.")
    assert (place.name, place.kind, place.admin1) == ("Gwinnett County", "county", "Georgia")
    assert geo.resolve("Avoyelles").best.name == "Avoyelles Parish"
    assert geo.resolve("Paris").best.kind != "county"  # a place of the bare name keeps it


def test_names_listed_as_counties_are_those_counties():
    rodeo = ("Girls from Cooke, Grayson and Love counties will ride at the Gainesville rodeo, "
             "and the Gainesville Riding Club will host it.")
    grayson = _best("Grayson", rodeo)
    assert (grayson.kind, grayson.admin1) == ("county", "Texas")  # not Grayson, Georgia
    assert _best("Gainesville", rodeo).admin1 == "Texas"  # the county seat of Cooke County
    assert _best("Grayson", "Grayson police closed the road.").kind != "county"


def test_a_name_paired_with_a_region_is_that_region():
    laws = "Doctors there back Oregon and Washington laws on assisted dying."
    assert _best("Washington", laws).kind == "region"
    trip = "After stops in Washington and New York, the prince flew to Boston."
    assert _best("Washington", trip).admin1 == "District of Columbia"  # two cities, not two states


def test_an_ocean_named_in_a_list_lends_no_vote_to_its_namesake_villages():
    # "Atlantic and Pacific" are the oceans: Atlantic, a hamlet on Long Island, and Pacific,
    # Missouri, must not vote for New York and Missouri (they made the Jamaica of a shipping
    # story the Queens neighbourhood).
    from geo.places.gazetteer import _gazetteer

    text = "Ships waiting between the Atlantic and Pacific queued off Colón and Balboa."
    geography = _gazetteer().geography(text)
    assert "atlantic" not in geography.anchor_names and "pacific" not in geography.anchor_names
    assert geography.countries.get("US", 0.0) < 0.1


def test_a_dateline_names_the_city_not_the_area_of_the_same_name():
    story = ("NEW YORK (AP) -- A man was shot in Crown Heights, Brooklyn, on Wednesday. "
             "The New York Police Department said officers had been called.")
    place = _best("New York", story)
    assert (place.name, place.kind) == ("New York City", "port")
    assert any("dateline" in reason for reason in geo.resolve("New York", context=story).candidates[0].reasons)
    # Without a dateline the same sentences keep the state, which the story's places lie in.
    assert _best("New York", story.split("-- ", 1)[1]).kind == "region"
    # A city smaller than the country it is named after is not pushed back below it.
    luxembourg = "LUXEMBOURG (Reuters) -- The government said on Monday that Luxembourg would raise taxes."
    assert _best("Luxembourg", luxembourg).kind in ("town", "port")
    # A dateline whose namesake town lies in another country changes nothing.
    assert _best("China", "CHINA: Exports fell in May, data from Beijing showed.").kind == "country"


def test_a_border_written_right_after_the_name_is_the_areas():
    tolls = "The tolls run from Exit 1 in West Stockbridge, near the New York border, to Exit 6 in Chicopee."
    assert _best("New York", tolls).kind == "region"
    # Not when the border is another place's: "Rafah, near the Egyptian border" says nothing of Rafah.
    assert _best("New York", "He flew to New York from the Mexican border on Monday.").kind != "region"


def test_a_town_among_its_named_neighbours_keeps_its_name_against_a_country():
    court = ("A Palestine man was indicted by an Anderson County grand jury on Tuesday. Deputies from "
             "Elkhart and Grapeland arrested him with a Mexican national after a chase near Palestine.")
    place = _best("Palestine", court)
    assert (place.country, place.admin1) == ("US", "Texas")
    # Without its neighbours, a story naming a third country keeps the country.
    aid = "Aid for Palestine and Syria was discussed in Texas with Mexican officials."
    assert _best("Palestine", aid).kind == "country"


def test_a_town_and_the_county_that_holds_it_are_each_others_evidence():
    story = "Paris and Henry County are rich in history, and the old academy building shows it."
    county = geo.resolve("Henry County", context=story).candidates[0]
    assert (county.place.admin1, county.place.country) == ("Tennessee", "US")
    assert "holds Paris, which the article also names" in county.reasons
    town = geo.resolve("Paris", context=story).candidates[0]
    assert town.place.admin1 == "Tennessee" and "lies in Henry County, which the article also names" in town.reasons
    # Cook County holds no Paris: no such evidence.
    assert context_from_text("Paris and Cook County are rich in history.", "Cook County").contained == ()
