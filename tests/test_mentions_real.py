"""Mention finding and name lookup the way real news writes places (issue 10): demonyms,
"U.S." and state or province abbreviations, country codes, continents and macro-regions,
abbreviations with a full stop. Every sentence here is written for the test."""

from __future__ import annotations

import pytest

from geo.errors import PlaceNotFound
from geo.places import resolve
from geo.places.names import abbreviation_key, demonym_forms, expand_prefix
from geo.text.linking import can_be_endpoint
from geo.text.mentions import find_mentions, tokenize


def found(text: str) -> dict[str, tuple[str, str, str, str | None]]:
    """Each mention's text -> (role, place name, kind, country)."""
    return {m.text: (m.role, m.place.name, m.place.kind, m.place.country) for m in find_mentions(text)}


# -- names -------------------------------------------------------------------------------------


def test_abbreviation_key_keeps_the_full_stop():
    assert abbreviation_key("Ill.") == "ill."
    assert abbreviation_key("W. Va.") == abbreviation_key("W.Va.") == "w va."
    assert abbreviation_key("Ill") is None
    assert expand_prefix("Mt. Pleasant") == "Mount Pleasant" and expand_prefix("Mountain View") is None


def test_demonym_forms():
    assert demonym_forms("Russian") == ("Russian", "Russians")
    assert demonym_forms("Turkish") == ("Turkish", "Turks")
    assert demonym_forms("Chinese") == ("Chinese",)
    assert "Indians" not in demonym_forms("Indian")  # a team, or Native Americans, in US news


# -- resolve -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected", "kind", "country"), [
    ("Ill.", "Illinois", "region", "US"),
    ("Alta.", "Alberta", "region", "CA"),
    ("Calif.", "California", "region", "US"),
    ("W.Va.", "West Virginia", "region", "US"),
    ("W. Va.", "West Virginia", "region", "US"),
    ("B.C.", "British Columbia", "region", "CA"),
    ("Sask.", "Saskatchewan", "region", "CA"),
    ("P.E.I.", "Prince Edward Island", "region", "CA"),
    ("NSW", "New South Wales", "region", "AU"),
    ("Qld", "Queensland", "region", "AU"),
    ("D.C.", "District of Columbia", "region", "US"),
    ("L.A.", "Los Angeles", "town", "US"),
])
def test_abbreviations_resolve_to_their_region(name, expected, kind, country):
    res = resolve(name)
    assert (res.best.name, res.best.kind, res.best.country) == (expected, kind, country)
    assert "abbreviation" in res.candidates[0].reasons


def test_an_abbreviation_needs_its_full_stop():
    assert resolve("Alta").best.country == "NO"  # the Norwegian town, not Alberta
    with pytest.raises(PlaceNotFound):
        resolve("Ill")


def test_abbreviation_as_a_qualifier():
    assert resolve("Springfield, Ill.").best.admin1 == "Illinois"
    assert resolve("Paris, Tex.").best.admin1 == "Texas"
    assert resolve("Perth, WA").best.country == "AU"


def test_name_prefix_abbreviations():
    res = resolve("Mt. Vernon")
    assert res.best.name.startswith(("Mount", "Mt")) and res.best.country == "US"
    assert resolve("Ft. Lauderdale").best.admin1 == "Florida"


@pytest.mark.parametrize(("name", "country"), [
    ("Russian", "RU"), ("Russians", "RU"), ("American", "US"), ("Palestinian", "PS"), ("Turks", "TR"),
    ("Canadian", "CA"), ("Spanish", "ES"), ("Sri Lankan", "LK"),
])
def test_demonyms_resolve_to_their_country(name, country):
    res = resolve(name)
    assert res.best.kind == "country" and res.best.country == country
    assert res.candidates[0].reasons[0] == "demonym"
    assert any("read as a demonym" in r for r in res.candidates[0].reasons)


def test_region_and_continent_demonyms():
    assert resolve("Texans").best.name == "Texas"
    assert resolve("European").best.kind == "continent"


@pytest.mark.parametrize(("name", "lat", "lon"), [
    ("Europe", 48.7, 9.1), ("Africa", 7.2, 21.1), ("Asia", 29.8, 89.3), ("North America", 46.1, -100.5),
])
def test_continents_at_geonames_points(name, lat, lon):
    place = resolve(name).best
    assert place.kind == "continent" and place.country is None
    assert abs(place.lat - lat) < 0.5 and abs(place.lon - lon) < 0.5


def test_macro_regions_are_continent_kind():
    middle_east = resolve("Middle East").best
    assert middle_east.kind == "continent"
    assert 20 < middle_east.lat < 38 and 30 < middle_east.lon < 55
    assert resolve("West Africa").best.kind == "continent"


# -- tokens ------------------------------------------------------------------------------------


def test_tokens_keep_abbreviations_and_drop_contractions():
    words = [t.text for t in tokenize("I've seen the U.S. flag in St. Louis, Mo., on Jan. 5 (R-Ill.).")]
    assert "U.S." in words and "St." in words and "Mo." in words and "Jan." in words and "Ill." in words
    assert not any("ve" in w.lower() for w in words)
    assert "R" not in words


# -- mentions ----------------------------------------------------------------------------------


def test_demonyms_are_adjective_mentions_of_their_country():
    got = found("Russian warships left the port while Chinese and Turkish officials watched.")
    assert got["Russian"] == ("adjective", "Russia", "country", "RU")
    assert got["Chinese"][0] == "adjective" and got["Chinese"][3] == "CN"
    assert got["Turkish"][3] == "TR"


def test_demonym_inside_a_longer_name_is_not_a_mention():
    got = found("Members of the Anglo American board and a Native American council met in Denver.")
    assert "American" not in got
    got = found("Canoes floated down the Indian River past the old mill in the valley near Orlando.")
    assert "Indian" not in got


def test_demonyms_are_never_claim_endpoints():
    for mention in find_mentions("The Russian ship was 40 km from the Ukrainian coast."):
        if mention.role == "adjective":
            assert not can_be_endpoint(mention)


def test_us_and_dotted_abbreviations_are_mentions():
    got = found("The U.S. sent aid to Springfield, Ill., and to Fargo, N.D., last week.")
    assert got["U.S."][1:] == ("United States", "country", "US")
    assert got["Ill."][1] == "Illinois"
    assert got["N.D."][1] == "North Dakota"
    assert got["Springfield"][3] == "US"


def test_abbreviations_only_with_their_full_stop():
    got = found("Ill health kept Miss Brown at home, so she had to wash the dog.")
    assert not got
    got = found("Flooding hit Calgary, Alta., and the town of Alta in Norway.")
    assert got["Alta."][1] == "Alberta" and got["Calgary"][3] == "CA"


def test_party_tags_give_the_state():
    got = found("Sen. Tammy Baldwin (D-Wis.) voted against the bill.")
    assert got.get("Wis.", (None, None))[1] == "Wisconsin"
    assert "Tammy" not in got and "Baldwin" not in got


def test_abbreviations_that_name_nothing_are_no_towns():
    got = found("The vote is on Jan. 12. No. 3 seed Kansas lost, said Gen. Miller.")
    assert "Jan." not in got and "Jan" not in got and "No." not in got and "Gen." not in got


def test_year_before_christ_is_no_province():
    assert "B.C." not in found("The walls were built around 300 B.C. by farmers.")


def test_capital_letter_codes_are_not_countries():
    got = found("The TV station aired the PM's speech after the BA flight landed.")
    assert not ({"TV", "PM", "BA"} & got.keys())
    got = found("Trucks crowded US-24 near the river, while UK and UAE envoys met.")
    assert "US" not in got and got["UK"][3] == "GB" and got["UAE"][3] == "AE"


def test_continents_and_macro_regions_are_mentions_but_never_endpoints():
    mentions = find_mentions("Exports to Europe, Asia and the Middle East grew, while Africa lagged.")
    kinds = {m.text: m.place.kind for m in mentions}
    assert kinds == {"Europe": "continent", "Asia": "continent", "Middle East": "continent",
                     "Africa": "continent"}
    assert not any(can_be_endpoint(m) for m in mentions)


def test_america_alone_is_the_united_states():
    assert found("Farmers across America want rain.")["America"][3] == "US"


def test_region_named_with_an_institution_word():
    assert found("Settlers in the West Bank protested.")["West Bank"][2] == "region"


def test_st_abbreviation_joins_the_name():
    got = found("Fans drove from St. Louis to Mt. Pleasant, Mich., for the game.")
    assert got["St. Louis"][1] == "St. Louis"
    assert "Mt. Pleasant" in got and got["Mich."][1] == "Michigan"
    assert "St" not in got


def test_a_word_the_article_writes_in_lower_case_is_no_town():
    text = "Man arrested after chase. The man ran from deputies near the county line."
    assert "Man" not in found(text)
    # With a locative word before it, the same word is the place.
    assert "Man" in found("The ferry sailed to Man, in Ivory Coast, while a man waved.")


def test_short_alternate_names_of_regions_are_no_regions():
    got = found("The Clean Water Act passed the Senate on a close vote.")
    assert "Act" not in got


def test_organisation_named_after_a_town_keeps_the_town():
    text = ("Officers of the Paris Police Department arrested a man on Main Street. "
            "According to Paris Police Department officials, the man lived in Paris, Tenn.")
    got = {m.text for m in find_mentions(text)}
    assert "Paris" in got and "Police" not in got and "Department" not in got


def test_the_name_after_a_title_is_the_person():
    text = "Woodstock Mayor Jane Doe said the Woodstock council met. Doe spoke first."
    got = found(text)
    assert "Woodstock" in got and "Doe" not in got and "Jane" not in got


def test_hyphenated_names():
    text = "Shoppers at the Wal-Mart near Dallas-Fort Worth met Turkish-Russian traders."
    got = {m.text for m in find_mentions(text)}
    assert {"Dallas", "Fort Worth", "Turkish", "Russian"} <= got
    assert "Wal" not in got


def test_georgian_follows_the_article():
    us = "Georgian lawmakers met in Atlanta on Tuesday with U.S. officials."
    assert resolve("Georgian", us).best.kind == "region"
    caucasus = "Georgian troops clashed with Russian forces near Tbilisi."
    assert resolve("Georgian", caucasus).best.kind == "country"
    assert resolve("Georgian").best.country == "GE"


def test_a_region_after_according_to_stays_a_place():
    text = "According to Manitoba Wildlife Rescue, the fox was found in a northern Manitoba town."
    assert found(text).get("Manitoba", (None, None, None))[2] == "region"


def test_inverted_iso_region_names_and_their_demonyms():
    dagestan = resolve("Dagestan").best
    assert (dagestan.kind, dagestan.country) == ("region", "RU")
    assert resolve("Tatarstan").best.kind == "region"
    assert resolve("Abkhaz").best.name == "Abkhazia"


def test_the_end_of_a_longer_name_is_no_town():
    got = found("The crash closed Hale County Road 12 for two hours.")
    assert "Road" not in got
    got = found("The council honoured the Outstanding Young Man of the year.")
    assert "Man" not in got
    got = found("Over 200 people marched through the square.")
    assert "Over" not in got


def test_a_town_after_a_sentence_start_or_initials_stays():
    got = found("Two Richmond officers were hurt. The editor told CBC Toronto about Greater Boston.")
    assert {"Richmond", "Toronto", "Boston"} <= got.keys()


def test_a_surname_that_is_also_a_town_is_the_person_throughout():
    from geo.text.mentions import find_mentions

    # Issue 10: a first name (no town of note) and a town's name read as a person, and the
    # bare surname later too; a middle initial joins the name ("Matthew D. Flores").
    found = [m.text for m in find_mentions("Abraham Lincoln was born in Kentucky. Lincoln later moved to Illinois.")]
    assert found == ["Kentucky", "Illinois"]
    found = [m.text for m in find_mentions("Who shot Matthew D. Flores? Flores, 26, had just left a bar in Omaha.")]
    assert found == ["Omaha"]
    # A place modifier or a town of note before the name keeps it a place.
    found = [m.text for m in find_mentions("Residents of Upper Edmonton met on Monday. Edmonton needs a plan.")]
    assert found.count("Edmonton") == 2
    # A country's or a big region's name stays a place ("George Washington", then Washington).
    found = [m.text for m in find_mentions("Tourists saw George Washington's house. Washington is a state.")]
    assert "Washington" in found


def test_a_disease_named_after_a_place_is_the_disease_and_the_white_house_no_town():
    from geo.text.mentions import find_mentions

    text = "Marburg virus spread in Angola. Marburg cases rose, and the White House sent help to Luanda."
    assert [m.text for m in find_mentions(text)] == ["Angola", "Luanda"]
    # Written with its state, the town of White House stays a place.
    assert "White House" in [m.text for m in find_mentions("She grew up in White House, Tennessee.")]


def test_a_lake_named_with_its_kind_word_is_the_lake_not_a_town_of_its_name():
    # "Lake Superior" was read as the town of Superior, Wisconsin, and "Lake Baikal" not at all.
    seen = found("The freighter left Duluth for Detroit across Lake Superior and Lake Huron.")
    assert seen["Lake Superior"][2] == "lake" and "Superior" not in seen
    assert seen["Lake Huron"][2] == "lake"
    assert found("The ferry sailed on Lake Baikal in the winter.")["Lake Baikal"][2] == "lake"
    # A town that bears a lake's name keeps its reading when the article says it is a town.
    assert found("He grew up in Lake Geneva, Wisconsin.")["Lake Geneva"][2] == "town"
