"""Which distances in running text are place-to-place claims, and between which places.

Each case runs the real mention finder (the real gazetteer) and the real claim parser, so a
change to either that breaks a rule shows here with the sentence that shows it.
"""

from __future__ import annotations

import pytest

from geo.text.claims import find_distances
from geo.text.linking import link_claims, sentence_spans
from geo.text.mentions import find_mentions


def link(text: str):
    return link_claims(text, find_mentions(text), find_distances(text))


@pytest.mark.parametrize("text,a,b", [
    ("Ships travel from North Korea's Najin port to Dunay, a former Soviet submarine base located "
     "approximately 180 kilometers away.", "Najin", "Dunay"),
    ("The ferry between Dover and Calais covers about 42 km.", "Dover", "Calais"),
    ("Chornomorsk, about 22 kilometres south of Odesa, is the main bulk terminal.", "Chornomorsk", "Odesa"),
    ("The headquarters at Yokosuka, near Tokyo, is about 950 km to the east of Sasebo.", "Yokosuka", "Sasebo"),
    ("Provideniya lies about 235 miles across the strait from Nome.", "Provideniya", "Nome"),
    ('A newspaper described Tromso as "about 250 km to the west" of Kirkenes.', "Tromso", "Kirkenes"),
    ("Philadelphia, between 85 and 95 miles from Baltimore, took the cargo.", "Philadelphia", "Baltimore"),
])
def test_place_to_place_claims_link_the_right_places(text, a, b):
    linked, rejected = link(text)
    assert len(linked) == 1, rejected
    assert {linked[0].origin.text, linked[0].destination.text} == {a, b}


@pytest.mark.parametrize("text", [
    "The 180-kilometre pipeline runs from Novorossiysk to the Turkish coast.",
    "Missiles with a range of 300 km were seen near Odesa and Mykolaiv.",
    "Tankers must stay within 5 km of the coast near Fujairah.",
    "Both Vladivostok and Rajin are within 200 km of the North Korean border.",
    "Drones that can fly 2,000 km were launched at Eilat from Hodeidah.",
    "A 300-metre tanker left Rotterdam for Antwerp on Monday.",
    "The bridge is 19 km long and links Kerch with Taman.",
    "The port ends a railway of 410 miles from Kankan and a branch line of 90 miles from Fria.",
    # The second place opens its own clause; the first distance is to "the island", unnamed.
    "Gibraltar is 1,826 km to the west and Alexandria is 1,510 km to the east of the island.",
    # "in X" after the distance says where, not what from.
    "The nearest inhabited place is in Benbecula, 370 kilometres east in Scotland's Outer Hebrides.",
])
def test_lengths_ranges_and_radii_are_not_claims(text):
    linked, rejected = link(text)
    assert linked == []
    assert rejected and all(r.reason for r in rejected)


def test_a_country_named_like_its_own_town_can_be_an_end_and_a_big_country_is_measured_to():
    # "Djibouti" resolves to the country when the words around it say nothing; the country
    # shares its name with its port, so the claim links, and judging it re-resolves the town.
    linked, rejected = link("Aden, about 245 km north-east of Djibouti across the gulf, is quiet.")
    assert len(linked) == 1, rejected
    assert {linked[0].origin.text, linked[0].destination.text} == {"Aden", "Djibouti"}
    # A big country is the end a distance runs to (its border or coast), never the subject.
    linked, rejected = link("Aden, about 245 km north-east of Ethiopia, is quiet.")
    assert [(c.origin.text, c.destination.text) for c in linked] == [("Aden", "Ethiopia")]
    linked, rejected = link("Russia moved ships from Sevastopol, about 40 km from Balaklava, last week.")
    assert all(c.origin.place.kind != "country" for c in linked)


def test_a_stated_direction_records_the_reference_place():
    linked, _ = link("Balboa, seven kilometres south-west of Panama City, is busy.")
    assert linked[0].claim.direction == "SW"
    assert linked[0].direction_from is linked[0].destination
    assert linked[0].destination.text == "Panama City"


def test_an_unknown_reference_place_is_not_guessed():
    linked, rejected = link("The Globus radar at Vardo, around 80 km north-east of Zzyzxville, worries Moscow.")
    assert linked == []
    assert "not one the gazetteer knows" in rejected[0].reason


def test_sentence_spans_keep_abbreviations_inside_sentences():
    text = "Ships left the U.S. port on Monday. They reached Gdansk. Then\n\nanother paragraph"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Ships left the U.S. port on Monday.", "They reached Gdansk.", "Then", "another paragraph"]


# --- issue 11: the subject named in an earlier sentence, lists, other languages ---------------

@pytest.mark.parametrize("text,a,b,evidence", [
    ("Constanta is the busiest port on the coast. The city lies about 200 km east of Bucharest.",
     "Constanta", "Bucharest", "named in sentence 1"),
    ("Burgas has a large refinery. It is 115 km south of Varna.", "Burgas", "Varna", "named in sentence 1"),
    ("Varna hosts the navy. The city lies 380 km east of Sofia; its neighbours are Dobrich (45 km to the "
     "north) and Shumen (80 km to the west).", "Varna", "Sofia", "“The city” = Varna"),
])
def test_a_pronoun_or_description_takes_the_place_named_before(text, a, b, evidence):
    linked, rejected = link(text)
    assert linked, rejected
    first = linked[0]
    assert (first.origin.text, first.destination.text) == (a, b)
    assert evidence in first.evidence[0]


def test_a_list_after_a_description_keeps_its_subject_for_every_item():
    linked, _ = link("Varna hosts the navy. The city lies 380 km east of Sofia; its neighbours are "
                     "Dobrich (45 km to the north) and Shumen (80 km to the west).")
    assert [(x.origin.text, x.destination.text) for x in linked] == [
        ("Varna", "Sofia"), ("Varna", "Dobrich"), ("Varna", "Shumen")]


def test_a_list_of_references_does_not_hand_one_reference_to_the_next():
    # Plovdiv is the reference of the first distance, not the subject of the second.
    linked, _ = link("Burgas lies 250 km south-east of Plovdiv, 115 km south of Varna.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Burgas", "Plovdiv"), ("Burgas", "Varna")]


def test_a_sentence_that_names_its_own_subject_after_a_pronoun_keeps_it():
    linked, _ = link("Sofia is far away. Its main port, Burgas, sits about 115 km south of Varna.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Burgas", "Varna")]


def test_a_pronoun_with_no_fitting_place_before_it_is_not_linked():
    # "The base" cannot be a port town named before it: better no claim than a guess.
    linked, _ = link("Burgas has a large refinery. The base lies 40 km east of Varna.")
    assert linked == []


def test_german_direction_words_and_von_name_the_reference():
    linked, rejected = link("Burgas hat eine Raffinerie. Die Stadt liegt etwa 115 km südlich von Varna.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Burgas", "Varna")], rejected


# --- issue 11, part 2: subjects real pages write ----------------------------------------------

@pytest.mark.parametrize("text,a,b", [
    # "They" opens the sentence: not "the" + "y"; an archipelago is a plural subject.
    ("The Spratly Islands are a group of reefs in the sea. They are about 480 kilometres from Manila.",
     "Spratly Islands", "Manila"),
    # The noun may follow an adjective; the island beats the country named beside it.
    ("Japan put missiles on Yonaguni Island last week. This remote island, situated about 110 km from "
     "Taiwan, is tense.", "Yonaguni Island", "Taiwan"),
    # "Administratively Lampedusa" is no person's name, so Lampedusa stays a place all through.
    ("Administratively Lampedusa is part of Sicily. It lies about 170 km southwest of Licata.",
     "Lampedusa", "Licata"),
    # A stop after an abbreviated unit followed by lower case ends no sentence.
    ("Burgas is 390 km. far from Sofia.", "Burgas", "Sofia"),
])
def test_subjects_that_real_pages_write(text, a, b):
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked][:1] == [(a, b)], rejected


@pytest.mark.parametrize("text", [
    # "The town of X": X is the subject, and when it is unknown nothing earlier stands in for it.
    "Shelling hit Burgas and Varna. The town of Xqzville is located 42 km away from Sofia.",
    # "Both islands" after three islands: which two, the words do not say.
    "Kinmen, Matsu and Orchid Island are held by Taipei. Both islands are over a hundred miles from Taiwan.",
    # "They" after one town: several people or places, not the town.
    "Varna is a port on the Black Sea. They drove 40 km from Sofia.",
])
def test_descriptions_that_name_no_earlier_place_are_not_linked(text):
    linked, _ = link(text)
    assert linked == []


def test_a_bracketed_gloss_is_not_the_subject():
    linked, rejected = link("Bandar Abbas (Abbas port) is 1,484 km far from Tehran.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Bandar Abbas", "Tehran")], rejected


def test_a_place_named_only_in_a_web_address_in_lower_case_is_still_a_place():
    text = "URL: https://example.org/svalbard\n\nSvalbard is an archipelago in the Arctic Ocean."
    assert "Svalbard" in [m.text for m in find_mentions(text)]


def test_a_feature_named_after_a_place_does_not_make_the_place_a_person():
    # "Rockall Plateau" is no first name and surname: Rockall stays a place all through.
    linked, rejected = link("Rockall sits on the Rockall Plateau. Rockall is a granite islet in the ocean. "
                            "It is 300 km west of St Kilda.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Rockall", "St Kilda")], rejected


def test_the_atoll_named_in_a_heading_and_described_later():
    text = ("Diego Garcia\n\nDiego Garcia is a coral atoll in the central Indian Ocean. "
            "The atoll is located 1,790 km south-southwest of Kanyakumari.")
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Diego Garcia", "Kanyakumari")], rejected


def test_a_bracketed_point_after_an_area_is_the_reference_and_a_container_is_not_the_subject():
    text = ("Diego Garcia is a coral atoll in the Indian Ocean. It is part of the British Indian Ocean Territory. "
            "The atoll lies 1,790 km south-southwest of the southern tip of India (at Kanyakumari) and "
            "4,720 km west of the coast of Australia.")
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked] == [
        ("Diego Garcia", "Kanyakumari"), ("Diego Garcia", "Australia")], rejected


def test_two_places_joined_before_a_dash_own_the_distance_after_it():
    linked, rejected = link("Some capitals are far apart: Lisbon and Madrid - 500 kilometers, "
                            "from Paris to Berlin - 880 kilometers.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Lisbon", "Madrid"), ("Paris", "Berlin")]


def test_an_unnamed_place_before_the_distance_is_not_replaced_by_an_earlier_name():
    linked, _ = link("The marines may move from Okinawa to a tiny island less than 250 nautical miles from Taiwan.")
    assert linked == []


def test_an_apposition_describes_the_name_before_it():
    linked, rejected = link("Kinmen, a small island only 10 km east of Xiamen, was shelled for decades.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Kinmen", "Xiamen")], rejected


def test_a_point_in_brackets_after_a_country_is_the_reference_and_never_a_subject():
    linked, rejected = link("Lampedusa is 170 km from Tunisia (Sfax), 355 km from Libya (Tripoli) and 220 km "
                            "from Malta.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [
        ("Lampedusa", "Sfax"), ("Lampedusa", "Tripoli"), ("Lampedusa", "Malta")], rejected
    # The reference unknown to the gazetteer: the bracketed point before is no subject either.
    linked, _ = link("Lampedusa is 170 km from Tunisia (Sfax), 355 km from Xqzland (Tripoli).")
    assert ("Sfax", "Tripoli") not in [(x.origin.text, x.destination.text) for x in linked]


def test_a_long_list_under_a_heading_and_items_on_a_page_about_one_place():
    towns = ["Varna", "Burgas", "Plovdiv", "Ruse", "Pleven", "Vidin", "Montana", "Vratsa", "Lovech", "Gabrovo",
             "Shumen", "Dobrich", "Silistra", "Yambol", "Haskovo"]
    items = "\n".join(f"{town} (Bulgaria) {100 + 10 * i} km;" for i, town in enumerate(towns))
    linked, _ = link(f"Some distances from the capital Sofia:\n\n{items}\n")
    assert [(x.origin.text, x.destination.text) for x in linked][-1] == ("Sofia", "Haskovo")
    assert len(linked) == len(towns)
    # A country gloss that disagrees with the place read for the item: not linked.
    linked, _ = link("Some distances from the capital Sofia:\n\nParis (Argentina) 2,000 km;\n"
                     "Varna (Bulgaria) 380 km;\n")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Sofia", "Varna")]
    # A page titled with one place, and lines "distance direction: place".
    linked, _ = link("Burgas\n\nThe port of the south.\n\n30 km north: Pomorie\n125 km north: Varna\n")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Burgas", "Pomorie"), ("Burgas", "Varna")]


@pytest.mark.parametrize("text,a,b", [
    ("Rockall is a very small island lying approximately 300 km west of St Kilda.", "Rockall", "St Kilda"),
    ("The inhabited island of Tristan da Cunha rises 1,750 miles from Cape Town.", "Tristan da Cunha", "Cape Town"),
    ("Lying south of Sicily, the Maltese archipelago is 355 km north of Tripoli.", "Maltese", "Tripoli"),
])
def test_islands_described_in_their_own_sentence(text, a, b):
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked] == [(a, b)], rejected


@pytest.mark.parametrize("text,a,b", [
    ("Yonaguni Island hosts a base. Home to 1,700 people, the island is distant from Japan's capital, Tokyo, "
     "lying 2,000 kilometers away.", "Yonaguni Island", "Tokyo"),
    ("Lubumbashi est une grande ville. Centre minier du Congo, il se trouve à 180 km au nord-ouest de Ndola.",
     "Lubumbashi", "Ndola"),
])
def test_a_description_that_opens_a_later_clause(text, a, b):
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked] == [(a, b)], rejected
    assert "named in sentence 1" in linked[0].evidence[0] and not linked[0].evidence[0].startswith("\u201c,")


def test_left_a_for_b_joins_the_two_ports_and_via_names_no_end():
    linked, rejected = link("The tanker left Rotterdam for Singapore, an 8,300 nautical-mile voyage via Suez.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Rotterdam", "Singapore")], rejected


@pytest.mark.parametrize("text,a,b", [
    # German nouns are capitalised: "Insel Lampedusa" is no first name and surname.
    ("Die kleine felsige Insel Lampedusa ist ein Ziel. Sie liegt rund 200 Kilometer südlich von Licata.",
     "Lampedusa", "Licata"),
    # "ist Hjörsey die drittgrößte Insel": a small island named as one; "der Stadt Borgarnes": a town.
    ("Mit 5 km² ist Hjörsey die drittgrößte Insel. Die Insel liegt 20 Kilometer westlich der Stadt Borgarnes.",
     "Hjörsey", "Borgarnes"),
])
def test_german_sentences_name_their_islands_and_towns(text, a, b):
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked] == [(a, b)], rejected


def test_a_bare_direction_runs_from_the_place_the_sentences_before_are_about():
    linked, rejected = link("Narva is a town on the border. The county seat, Jõhvi, lies 50 km (31 mi) to the west.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Jõhvi", "Narva")], rejected
    assert "named in sentence 1" in linked[0].evidence[1]
    # Two places before the distance: which one it describes, the words do not say.
    linked, _ = link("Narva is a town on the border. Jõhvi and Sillamäe lie 50 km to the west.")
    assert linked == []


@pytest.mark.parametrize("text,a,b", [
    ("At low tide only 1 1/2 miles separate Kinmen island from communist China.", "Kinmen", "China"),
    ("Only 40 km separate Dover and Calais.", "Dover", "Calais"),
    ("Kinshasa and Brazzaville face each other. The cities are located at a distance of 7.5 kilometers from "
     "each other.", "Kinshasa", "Brazzaville"),
    ("Kinshasa and Brazzaville face each other. Just two miles apart, these capitals sit on opposite banks.",
     "Kinshasa", "Brazzaville"),
])
def test_separate_and_apart_join_two_places(text, a, b):
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked] == [(a, b)], rejected


def test_apart_after_a_sentence_with_three_places_is_not_guessed():
    linked, _ = link("Kinshasa, Brazzaville and Luanda are capitals. The cities are 300 km from each other.")
    assert linked == []


def test_a_german_genitive_reference_is_no_subject_and_a_semicolon_ends_a_guess():
    linked, rejected = link("Horsburgh ist eine Insel. Die Insel liegt 960 km südwestlich der Weihnachtsinsel und "
                            "mehr als 1.000 km südwestlich von Java.")
    assert [x.destination.text for x in linked] == ["Weihnachtsinsel", "Java"], rejected
    assert {x.origin.text for x in linked} == {"Horsburgh"}
    linked, _ = link("Ships wait off Licata; from the south it takes 138 km to Lampedusa.")
    assert ("Licata", "Lampedusa") not in [(x.origin.text, x.destination.text) for x in linked]


def test_a_distance_to_the_following_list_links_each_item():
    text = ("Point Nemo is far from land. Point Nemo is 2,688 km away from the following three coastlines:\n\n"
            "  1. Ducie Island\n  2. Qzxv Qzxw\n  3. Maher Island\n\nThe end.")
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked] == [
        ("Point Nemo", "Ducie Island"), ("Point Nemo", "Maher Island")], rejected


@pytest.mark.parametrize("text,a,b", [
    ("Berbera Port\n\nBerbera is a port of Somaliland. Located on the coast of the Gulf of Aden, about 250 kms east "
     "of Djibouti.", "Berbera", "Djibouti"),
    ("Rockall is a granite islet in the Atlantic. Rockall is small. Soay and Hirta lie west of Scotland. "
     "The nearest inhabited place is in Benbecula, 370 kilometres east in Scotland's Outer Hebrides.",
     "Benbecula", "Rockall"),
])
def test_a_sentence_without_a_subject_describes_the_place_the_text_is_about(text, a, b):
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked] == [(a, b)], rejected


def test_a_large_island_country_is_not_the_island():
    linked, _ = link("Japan sent troops. Home to 1,700 people, the island is distant from the capital, Tokyo, "
                     "lying 2,000 kilometers away.")
    assert linked == []


def test_far_away_runs_from_the_place_the_text_clearly_leads_with():
    linked, rejected = link("Vladivostok is a port. Vladivostok has a fleet. Vladivostok is big. "
                            "The capital, Moscow, is more than 9,000 km away!")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Moscow", "Vladivostok")], rejected
    # No place leads: no guess.
    linked, _ = link("Vladivostok is a port. Nakhodka is a port too. The capital, Moscow, is more than 9,000 km away.")
    assert linked == []


def test_a_citation_mark_ends_a_sentence_and_a_reference_is_not_what_it_was_about():
    text = ("Thitu Island is the largest island of the group. It lies about 500 km west of Puerto Princesa. "
            "It runs a dozen reefs.[5] The island is 270 nautical miles west from Palawan.")
    linked, rejected = link(text)
    assert [(x.origin.text, x.destination.text) for x in linked] == [
        ("Thitu Island", "Puerto Princesa"), ("Thitu Island", "Palawan")], rejected


def test_the_coast_of_a_continent_at_a_country_is_the_country():
    linked, rejected = link("Diego Garcia is a coral atoll. The atoll is approximately 1,970 nautical miles (3,650 km) "
                            "east of the coast of Africa (at Tanzania).")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Diego Garcia", "Tanzania")], rejected


def test_a_place_and_its_own_country_are_not_two_ends():
    linked, _ = link("Home to 1,700 people, it is distant from Japan's capital, Tokyo, lying 2,000 kilometers away.")
    assert linked == []


def test_indonesian_dari_names_the_reference():
    linked, rejected = link("Pelabuhan Haifa terletak sekitar 50 kilometer (30 mil) dari Beirut.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Haifa", "Beirut")], rejected


@pytest.mark.parametrize("text", [
    "Avdiivka is one of the hardest fronts, along with the town of Bakhmut, located 60 km further north.",
    "Avdiïvka est l'un des fronts les plus difficiles, avec la ville de Bakhmout, située 60 km plus au nord.",
])
def test_a_place_located_n_km_in_a_direction_is_measured_from_the_sentence_subject(text):
    linked, rejected = link(text)
    assert [(x.destination.text[:4], x.origin.text[:4]) for x in linked] == [("Avdi", "Bakh")], rejected


@pytest.mark.parametrize("text", [
    "Avdiivka was shelled again. Although only 13 km from Donetsk, the regional capital, the city still had "
    "30,000 people.",
    "Avdiïvka est pilonnée. Bien qu’à seulement 13 km de Donetsk, la capitale régionale, la cité comptait "
    "30.000 habitants.",
])
def test_a_fronted_distance_describes_the_subject_after_it(text):
    linked, rejected = link(text)
    assert [(x.origin.text[:4], x.destination.text) for x in linked] == [("Avdi", "Donetsk")], rejected
    assert "named in sentence 1" in linked[0].evidence[0]


def test_off_the_coast_of_mainland_x_names_x():
    linked, rejected = link("Kinmen, lying only 2km off the coast of mainland China, is an odd remnant.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Kinmen", "China")], rejected


def test_a_feature_with_its_name_in_apposition_is_that_place():
    linked, rejected = link("Berbera is the main sea port, located approximately 160 km from the national capital, "
                            "Hargeisa.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Berbera", "Hargeisa")], rejected


# --- issue 11, part 2: more ways real pages name a claim's ends -----------------------------

def pairs(text: str) -> list[tuple[str, str]]:
    return [(x.origin.text, x.destination.text) for x in link(text)[0]]


def test_both_islands_give_one_claim_for_each_of_the_two_named_before():
    linked, rejected = link("Quemoy sits off Xiamen. Matsu lies off Fuzhou. Both islands are over 150 km from Taiwan.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Matsu", "Taiwan"), ("Quemoy", "Taiwan")], \
        rejected
    assert all("“Both islands” = " in x.evidence[0] for x in linked)
    # Three islands before: which two, the words do not say.
    assert pairs("Kinmen, Matsu and Orchid Island lie off the coast. Both islands are over 150 km "
                 "from Taiwan.") == []


def test_the_port_after_a_distance_is_the_one_port_named_before():
    linked, rejected = link("Aden is the main harbour of the south. Taiz sits about 140 km north-west of the port.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Taiz", "Aden")], rejected
    assert "“the port” = Aden, named in sentence 1" in linked[0].evidence[1]
    assert pairs("Aden and Mukalla are ports. Taiz sits about 140 km north-west of the port.") == []


def test_a_line_under_a_title_that_names_one_place_runs_from_it():
    linked, rejected = link("Burgas\n\n390 km (242 miles) east of Sofia\nA seaside city with long beaches.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Burgas", "Sofia")], rejected
    assert "title" in linked[0].evidence[0]
    assert pairs("Seaside towns\n\n390 km (242 miles) east of Sofia\nA seaside city with long beaches.") == []


@pytest.mark.parametrize("text,a,b", [
    # a unit is a whole word: "minier" holds no "mi", so "Congo" is no distance's reference
    ("Kolwezi est une ville du Katanga. Capitale du district minier du sud du Congo, elle se trouve à 300 km "
     "à l'ouest de Lubumbashi.", "Kolwezi", "Lubumbashi"),
    ("Kinmen is an island county. Only about 5 km east of the mainland city of Xiamen, the island was "
     "shelled for decades.", "Kinmen", "Xiamen"),
    ("From Varna, it is about 260 km to Istanbul.", "Varna", "Istanbul"),
    ("Few ships call at Walvis Bay. From there, it is about 1,600 km to Cape Town.", "Walvis Bay", "Cape Town"),
])
def test_subjects_after_a_fronted_phrase_and_from_there(text, a, b):
    assert pairs(text) == [(a, b)], link(text)


def test_a_distance_shared_by_two_clauses_runs_to_the_island_named_before():
    linked, rejected = link("Malta lies in the middle of the sea. Tunis is 300 km to the west and Benghazi is 640 km "
                            "to the east of the island.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Tunis", "Malta"), ("Benghazi", "Malta")], \
        rejected


def test_the_distance_from_a_place_runs_from_the_place_the_text_is_about():
    linked, rejected = link("Malta is a small island nation. Malta has three inhabited islands. "
                            "The distance from Sicily is 93 km.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Malta", "Sicily")], rejected
    # No place clearly leads: no guess.
    assert pairs("Malta and Gozo are islands. The distance from Sicily is 93 km.") == []


def test_a_name_glued_to_a_lower_case_tail_is_no_end():
    assert all("Chi" not in (a, b) for a, b in pairs("Matsu lies about 210 km north-west of Chi-lung, Taiwan."))


@pytest.mark.parametrize("text,country,kind", [
    ("Woody Island sits roughly 340 km south-east of Hainan.", "CN", "region"),  # not a town in Heilongjiang
    ("Malta lies 950 km west of Crete.", "GR", "region"),  # not Crete, Illinois
])
def test_an_island_region_stays_the_end_of_the_distance(text, country, kind):
    from geo.text.article import check_article

    claims = check_article(text, sea=False).claims
    assert [(c.b.country, c.b.kind) for c in claims] == [(country, kind)]


def test_islands_keep_their_kind_when_the_pair_is_resolved_together():
    from geo.text.article import check_article

    claims = check_article("Quemoy sits off Xiamen. Matsu lies off Fuzhou. Both islands are over 150 km from Taiwan.",
                           sea=False).claims
    assert sorted(c.a.name for c in claims) == ["Kinmen", "Matsu Islands"]  # not Matsue, Japan


def test_here_in_a_description_stands_for_no_place():
    assert pairs("Ferries arrive from Xiamen. The top sights here are 300 km west of Taipei.") == []


@pytest.mark.parametrize("text", [
    # "Le" is an article, not Leh; "Coronado" after "isole" names islands, not the Californian town.
    "Le isole Coronado sono a 25 km a sud di San Diego.",
    # "Baia di ..." is a bay; "Baia" is not Salvador's old name here.
    "Il porto di Livorno si trova a 20 km dalla Baia di Baratti.",
])
def test_pieces_of_feature_names_in_other_languages_are_no_ends(text):
    assert pairs(text) == []


def test_a_place_after_an_island_word_keeps_the_islands_when_the_gazetteer_knows_them():
    found = pairs("Le isole Coronado (Islas Coronado) sono tra 25 e 30 km a sud di San Diego.")
    assert found == [("Islas Coronado", "San Diego")]


def test_a_feature_named_with_its_kind_word_vouches_for_its_bare_name_later():
    text = ("Japan deployed missiles on Yonaguni Island last year.\nRegional Tensions\n"
            "Yonaguni, part of a small archipelago, is near Taiwan.")
    assert [m.text for m in find_mentions(text)].count("Yonaguni") == 1


@pytest.mark.parametrize("text,a,b", [
    ("Von Hamburg nach Kiel sind es etwa 90 Kilometer.", "Hamburg", "Kiel"),
    ("La distancia entre Cádiz y Sevilla es de unos 120 km.", "Cádiz", "Sevilla"),
    ("La distance entre Calais et Douvres est de 42 km.", "Calais", "Douvres"),
    ("La distanza tra Pisa e Livorno è di circa 20 km.", "Pisa", "Livorno"),
    # an island's town and another country: the distance runs to that country's coast
    ("Vom afrikanischen Tunesien aus sind es 140 Kilometer nach Pantelleria.", "Tunesien", "Pantelleria"),
])
def test_from_to_and_between_in_other_european_languages(text, a, b):
    assert pairs(text) == [(a, b)], link(text)


def test_south_of_in_german_is_no_from_and_a_semicolon_parts_two_claims():
    found = pairs("Die Insel liegt 200 Kilometer südlich von Sizilien; vom afrikanischen Tunesien aus sind es "
                  "140 Kilometer nach Pantelleria.")
    assert ("Tunesien", "Pantelleria") in found
    assert all(b != "Pantelleria" for a, b in found if a != "Tunesien")


def test_the_reference_named_before_the_distance_too_is_not_the_subject():
    # "Sofia" before the distance is the place it runs from, so "It" keeps its referent.
    linked, rejected = link("Burgas is a port. It is the gateway to Sofia, the capital, located about 380 km away "
                            "west of Sofia.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Burgas", "Sofia")], rejected


def test_a_port_which_lies_a_distance_away_runs_from_the_sentence_subject():
    linked, rejected = link("The Kismayo terminal will relieve the busy Mogadishu port, which lies 420 kilometers to "
                            "the north-east in Somalia's capital.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Mogadishu", "Kismayo")], rejected


def test_an_unknown_name_glossed_in_brackets_hands_the_distance_to_the_gloss_only_if_a_place():
    assert pairs("Matsu Island lies about 210 km north-west of Chi-lung (Keelung), Taiwan.") == [("Matsu", "Keelung")]
    assert pairs("Odesa lies 40 km from Xqzvillo (Ukraine).") == []


def test_the_answer_to_how_far_is_a_from_b_runs_between_them():
    linked, rejected = link("How far is Varna from Istanbul?\n\nAbout 260 km.\n\nThe drive takes five hours.")
    assert [(x.origin.text, x.destination.text) for x in linked] == [("Varna", "Istanbul")], rejected
    # An answer that names its own places is read on its own.
    assert pairs("How far is Varna from Istanbul?\n\nBurgas is about 130 km from Varna.") == [("Burgas", "Varna")]


def test_an_atoll_that_shares_its_name_with_a_hamlet_is_a_place_before_a_distance():
    text = "Diego Garcia is located in the Chagos Archipelago, more than 1,500 km from the Maldives."
    assert [m.place.kind for m in find_mentions(text) if m.text == "Diego Garcia"] == ["atoll"]


def test_a_place_said_to_be_far_away_is_not_what_the_next_it_stands_for():
    linked, rejected = link("Vladivostok\n\nThe capital, Moscow, is more than 6,000 km away! It is only 60 km from "
                            "Ussuriysk.")
    assert ("Vladivostok", "Ussuriysk") in [(x.origin.text, x.destination.text) for x in linked], rejected
    assert all(x.origin.text != "Moscow" for x in linked if x.destination.text == "Ussuriysk")


def test_a_name_described_as_an_island_is_no_town_of_that_name():
    # "Asuncion" here is an island of the Marianas, not Paraguay's capital: no claim rather than a wrong one.
    assert pairs("Asuncion – An island of about 7 square km lying some 480 km north of Saipan.") == []
