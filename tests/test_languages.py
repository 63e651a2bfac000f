"""Russian, Ukrainian and Korean articles: language, distances, inflected places, links (issue 16).

Sentences are written for these tests (none comes from the shared development set); places
resolve in the real gazetteer, words are lemmatised by the real pymorphy3 and kiwipiepy models.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from geo.errors import BadClaim, BadInput
from geo.text.article import check_article
from geo.text.claims import parse_claim
from geo.text.languages import detect_language, find_distances_in, find_mentions_in, read_article


@pytest.mark.parametrize("text,language", [
    ("Паром идёт из Раджина во Владивосток каждую неделю.", "ru"),
    ("Пором іде з Одеси до Ізмаїла щотижня.", "uk"),
    ("나진항에서 블라디보스토크까지 배가 다닌다.", "ko"),
    ("The ferry sails from Najin to Vladivostok.", "en"),
])
def test_language_is_told_from_the_letters(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text,language,low,high,sense,unit", [
    ("около 180 км", "ru", 180, 180, "about", "km"),
    ("примерно 47 километров", "ru", 47, 47, "about", "km"),
    ("более 200 км", "ru", 200, None, "at_least", "km"),
    ("почти 90 км", "ru", 90, 90, "nearly", "km"),
    ("от 150 до 200 км", "ru", 150, 200, "range", "km"),
    ("в 3,7 км", "ru", 3.7, 3.7, "exact", "km"),
    ("в 80-ти километрах", "ru", 80, 80, "exact", "km"),
    # a preposition between the hedge and the figure: "about (at) 90 km"
    ("примерно в 90 км к востоку от", "ru", 90, 90, "about", "km"),
    ("более чем в 100 километрах", "ru", 100, None, "at_least", "km"),
    ("почти в 40 км", "ru", 40, 40, "nearly", "km"),
    ("приблизно за 90 км від", "uk", 90, 90, "about", "km"),
    ("около 20 морских миль", "ru", 37.04, 37.04, "about", "nmi"),
    ("близько 62 кілометрів", "uk", 62, 62, "about", "km"),
    ("понад 100 км", "uk", 100, None, "at_least", "km"),
    ("майже 40 морських миль", "uk", 74.08, 74.08, "nearly", "nmi"),
    ("약 160km", "ko", 160, 160, "about", "km"),
    ("150~200km", "ko", 150, 200, "range", "km"),
    ("70여 km", "ko", 70, None, "at_least", "km"),
    ("50km 정도", "ko", 50, 50, "about", "km"),
    ("10㎞ 미만", "ko", None, 10, "at_most", "km"),
    ("1천400 킬로미터", "ko", 1400, 1400, "exact", "km"),
    ("30해리", "ko", 55.56, 55.56, "exact", "nmi"),
])
def test_distances_in_three_languages(text, language, low, high, sense, unit):
    claims = find_distances_in(text, language)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.sense == sense and claim.unit == unit
    assert (claim.low_km is None) == (low is None) and (claim.high_km is None) == (high is None)
    if low is not None:
        assert claim.low_km == pytest.approx(low, abs=0.01)
    if high is not None:
        assert claim.high_km == pytest.approx(high, abs=0.01)


@pytest.mark.parametrize("text,direction", [
    ("в 30 км к северо-востоку от", "NE"),
    ("за 20 км на південь від", "S"),
    ("북동쪽으로 180km", "NE"),
    ("에서 114km", None),  # the 서 of the particle 에서 is no direction (west)
])
def test_directions(text, direction):
    language = detect_language(text)
    (claim,) = find_distances_in(text, "ru" if language == "en" else language)
    assert claim.direction == direction


def test_speeds_and_bad_claims_are_refused():
    assert find_distances_in("скорость 30 км/ч", "ru") == []
    with pytest.raises(BadClaim):
        parse_claim("около км")
    with pytest.raises(BadClaim):
        parse_claim("около 180 км и 200 км")


def test_parse_claim_reads_russian_and_korean():
    assert parse_claim("около 90 км").low_km == 90
    assert parse_claim("약 160km").sense == "about"
    assert (parse_claim("150~200km").low_km, parse_claim("150~200km").high_km) == (150, 200)
    assert parse_claim("81해리").unit == "nmi"


@pytest.mark.parametrize("text,language,surface,name", [
    ("Катер вышел из Мариуполя утром.", "ru", "Мариуполя", "Mariupol"),
    ("Катер вийшов з Маріуполя вранці.", "uk", "Маріуполя", "Mariupol"),
    ("Поезд пришёл из Владивостока.", "ru", "Владивостока", "Vladivostok"),
    ("배가 나진항에서 출발했다.", "ko", "나진항", "Rajin"),
    ("배가 부산까지 갔다.", "ko", "부산", "Busan"),
])
def test_inflected_names_resolve(text, language, surface, name):
    mentions, _ = find_mentions_in(text, language)
    assert [(m.text, m.place.name) for m in mentions] == [(surface, name)]


def test_an_ordinary_word_opening_a_sentence_is_no_place():
    mentions, _ = find_mentions_in("Длина моста велика, а Раджин далеко.", "ru")
    assert [m.text for m in mentions] == ["Раджин"]


@pytest.mark.parametrize("text,a,b", [
    ("От Калининграда до Балтийска около 43 км.", "Kaliningrad", "Baltiysk"),
    ("Уссурийск находится в 80 километрах от Владивостока.", "Ussuriysk", "Vladivostok"),
    ("Чорноморськ розташований за 20 км від Одеси.", "Chornomors’k", "Odesa"),
    ("울릉도에서 독도까지 거리는 87km이다.", "Ulleungdo", "Liancourt Rocks"),
    ("나진은 블라디보스토크에서 약 160km 떨어져 있다.", "Rajin", "Vladivostok"),
])
def test_linking_patterns(text, a, b):
    _, linked, rejected = read_article(text, detect_language(text))
    assert rejected == []
    assert [(x.origin.place.name, x.destination.place.name) for x in linked] == [(a, b)]


@pytest.mark.parametrize("text,a,b", [
    ("Паром Хельсинки-Таллин: расстояние примерно 80 километров.", "Helsinki", "Tallinn"),
    ("부산과 블라디보스토크 사이의 거리는 약 700km이다.", "Busan", "Vladivostok"),
    ("부산과 블라디보스토크의 거리는 약 700km이다.", "Busan", "Vladivostok"),  # "A와 B의 거리", no 사이
    ("목포와 제주의 직선거리는 약 140km다.", "Mokpo", "Jeju City"),
    ("울릉도는 부산 항에서 약 250km 떨어져 있다.", "Ulleungdo", "Busan"),
])
def test_more_linking_patterns(text, a, b):
    _, linked, _ = read_article(text, detect_language(text))
    assert [(x.origin.place.name, x.destination.place.name) for x in linked] == [(a, b)]


def test_quoted_trade_names_and_bracketed_figures():
    # «Аврора» is an airline, not the town; a figure in brackets needs both places in them
    _, linked, rejected = read_article("Самолёт «Аврора» летит в 30 км от Владивостока.", "ru")
    assert linked == [] and len(rejected) == 1
    _, linked, _ = read_article("독도(울릉도 동남쪽 87km)는 섬이다.", "ko")
    assert [(x.origin.place.name, x.destination.place.name, x.claim.direction) for x in linked] == [
        ("Liancourt Rocks", "Ulleungdo", "SE")]


def test_a_ferry_route_is_no_claim():
    _, linked, rejected = read_article("울릉도에서 독도까지 뱃길로 돌아서 120km를 운항한다.", "ko")
    assert linked == [] and "sea-route" in rejected[0].reason


def test_a_width_and_a_rail_figure_are_no_claims():
    text = "Ширина пролива около 4 км. От Херсона до Киева по прямой 420 км, железной дорогой 660 км."
    _, linked, rejected = read_article(text, "ru")
    assert [x.claim.value for x in linked] == [420]
    assert sorted(x.claim.value for x in rejected) == [4, 660]


def test_article_report_carries_language_and_original_forms():
    report = check_article("Паром\n\nУссурийск находится в 80 километрах от Владивостока.", sea=False)
    data = report.to_dict()
    assert data["article"]["language"] == "ru"
    assert [(m["text"], m["place"]["name"]) for m in data["mentions"]] == [
        ("Уссурийск", "Ussuriysk"), ("Владивостока", "Vladivostok")]
    (claim,) = data["claims"]
    assert claim["quote"] == "Уссурийск находится в 80 километрах от Владивостока."
    assert "Владивостока (Vladivostok)" in claim["explanation"]


def test_forcing_english_reads_nothing_in_cyrillic():
    report = check_article("Уссурийск находится в 80 километрах от Владивостока.", sea=False, language="en")
    assert report.claims == ()
    with pytest.raises(BadInput):
        check_article("Уссурийск находится в 80 километрах от Владивостока.", sea=False, language="fr")


@pytest.mark.parametrize("args", [
    ("check", "Раджин", "Дунай", "--claim", "около 180 км", "--no-sea"),
    ("check", "나진", "블라디보스토크", "--claim", "약 160km", "--no-sea"),
])
def test_cli_checks_claims_written_in_russian_and_korean(args):
    from cli import main

    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output


# Names the sources lack, from data/names_multilingual.csv and pycountry's ISO 3166 translations.
@pytest.mark.parametrize("text,language,surface,name", [
    ("배가 흑산도에 닿았다.", "ko", "흑산도", "Heuksando"),  # a small island only our table holds
    ("회담은 판문점에서 열렸다.", "ko", "판문점", "Panmunjom"),
    ("그는 중국으로 떠났다.", "ko", "중국", "China"),  # the ISO 3166 name in Korean
    ("Танкер шёл в Иран.", "ru", "Иран", "Iran"),  # "Иран, Исламская Республика" without its qualifier
    ("Судно прибыло в Україну.", "uk", "Україну", "Ukraine"),
    ("배가 청진항에서 떠났다.", "ko", "청진항", "Chongjin"),  # GeoNames writes 청진시
])
def test_names_other_sources_lack(text, language, surface, name):
    mentions, _ = find_mentions_in(text, language)
    assert [(m.text, m.place.name) for m in mentions] == [(surface, name)]


@pytest.mark.parametrize("text,a,b", [
    ("홍도는 목포에서 서쪽으로 약 100km 떨어져 있다.", "Hongdo", "Mokpo"),  # 홍도 tagged an ordinary noun
    ("가거도는 흑산도에서 남서쪽으로 60km 떨어져 있다.", "Gageodo", "Heuksando"),
])
def test_small_korean_islands_link(text, a, b):
    _, linked, _ = read_article(text, "ko")
    assert [(x.origin.place.name, x.destination.place.name) for x in linked] == [(a, b)]


def test_korean_joined_names_and_a_place_set_aside_are_not_ends():
    # "A와 B 주민들은": 와 joins two islands; "백령도가 아닌": not Baengnyeongdo
    text = "대청도와 소청도 주민들은 백령도가 아닌, 약 150km 떨어진 인천으로 간다."
    _, linked, _ = read_article(text, "ko")
    assert all("Baengnyeong" not in (x.origin.place.name + x.destination.place.name) for x in linked)


@pytest.mark.parametrize("text,language,kind", [
    ("Пролив назван в честь моряка.\nВ самом узком месте ширина Керченского пролива около 4 км.", "ru", "strait"),
    ("Керченська протока з'єднує два моря. Її ширина в найвужчому місці близько 4 км.", "uk", "strait"),
    ("호르무즈해협은 중요한 뱃길이다. 가장 좁은 곳의 폭은 약 40km이다.", "ko", "strait"),
])
def test_a_strait_width_is_linked_to_the_strait(text, language, kind):
    _, linked, _ = read_article(text, language)
    assert [(x.how, x.origin.place.kind) for x in linked] == [("width", kind)]


def test_a_mean_width_is_no_narrowest_width():
    _, linked, _ = read_article("호르무즈 해협의 평균 폭은 60km이다.", "ko")
    assert linked == []


@pytest.mark.parametrize("text,language,surface,name", [
    ("Город стоит в 90 км от Черного моря.", "ru", "Черного моря", "Black Sea"),
    ("Місто стоїть за 20 км від Чорного моря.", "uk", "Чорного моря", "Black Sea"),
    ("Село лежит в 10 км от Чернобыльской АЭС.", "ru", "Чернобыльской АЭС", "Chernobyl Nuclear Power Plant"),
])
def test_an_adjective_and_a_kind_noun_are_one_name(text, language, surface, name):
    mentions, _ = find_mentions_in(text, language)
    assert (surface, name) in [(m.text, m.place.name) for m in mentions]


def test_an_area_is_a_reference_but_never_a_subject():
    # the island lies 30 km from the country's coast: Ukraine is where the distance runs to
    _, linked, _ = read_article("즈미니섬은 우크라이나 남쪽 연안에서 약 30km 떨어져 있다.", "ko")
    assert [(x.origin.place.name, x.destination.place.name) for x in linked] == [("Snake Island", "Ukraine")]
    _, linked, _ = read_article("Україна розташована за 300 км від Криму.", "uk")
    assert all(x.origin.place.kind != "country" for x in linked)


def test_a_pronoun_and_a_river_name_are_no_towns():
    mentions, _ = find_mentions_in("Он стоит на реке Дунай, в 90 км от Черного моря.", "ru")
    assert [m.place.name for m in mentions] == ["Black Sea"]


# --- issue 16, third pass: the causes found in the development set's misses -------------------

def test_a_hedge_glued_to_its_number():
    (claim,) = find_distances_in("두 도시는 약50km 떨어져 있다.", "ko")
    assert (claim.sense, claim.low_km) == ("about", 50)


def _pairs(text: str, language: str) -> list[tuple[str, str]]:
    _, linked, _ = read_article(text, language)
    return [(x.origin.place.name, x.destination.place.name) for x in linked]


@pytest.mark.parametrize("text,language", [
    ("괌은 북한과는 약 3500㎞ 떨어져 있다.", "ko"),  # North Korea: which point of it?
    ("Белгород находится в 40 км от границы с Украиной.", "ru"),  # a border, not a place
])
def test_a_whole_country_is_no_end(text, language):
    _, linked, rejected = read_article(text, language)
    assert linked == []
    assert any("whole country" in item.reason for item in rejected)


def test_a_country_coast_is_an_end():
    # 최 (a prefix) and 남단 stand between the name and its particle; the coast makes it an end
    text = "뱀섬은 우크라이나 최남단 해안에서 남쪽으로 약 35㎞ 떨어져 있다."
    assert _pairs(text, "ko") == [("Snake Island", "Ukraine")]


@pytest.mark.parametrize("text,language,surface", [
    ("Паром идёт на Сахалин каждую неделю.", "ru", "Сахалин"),
    ("배가 제주도에 닿았다.", "ko", "제주도"),
])
def test_a_region_named_after_its_island_is_the_island(text, language, surface):
    mentions, _ = find_mentions_in(text, language)
    assert [(m.text, m.place.kind) for m in mentions] == [(surface, "island")]


@pytest.mark.parametrize("text,language,a,b", [
    ("독도는 서울 광화문 기준으로 약 440km 떨어져 있다.", "ko", "Liancourt Rocks", "Seoul"),  # 기준으로
    ("이어도는 마라도 서남쪽 150km 해역에 있는 암초이다.", "ko", "Socotra Rock", "Marado"),  # no particle
    ("오키나와 본섬과의 거리가 500km인 요나구니섬은 작은 섬이다.", "ko", "Yonaguni", "Okinawa"),
    ("배는 목포에서 서쪽으로 145킬로미터 떨어진 국토 끝 가거도.", "ko", "Gageodo", "Mokpo"),  # 가거도. as a noun
    ("- Будапешт (BUD) – 300 км от пункта пропуска Чоп.", "ru", "Budapest Ferihegy International Airport", "Chop"),
])
def test_more_references(text, language, a, b):
    (pair,) = _pairs(text, language)
    assert pair[0] == a and pair[1].startswith(b)


def test_two_shores_named_before_a_strait_figure_are_its_ends():
    (pair,) = _pairs("소야 해협의 폭이 좁고 사할린과 러시아 본토 사이의 해협은 불과 7km이다.", "ko")
    assert pair == ("Sakhalin", "Russia")


def test_a_line_that_only_names_a_place_heads_its_section():
    text = "섬 안내\n소청도\n이 섬은 아름답다.\n대청도에서 남동쪽으로 4㎞ 지점에 있다."
    assert _pairs(text, "ko") == [("Socheongdo", "Daecheongdo")]


def test_a_distance_sentence_takes_the_pair_stated_just_before():
    text = ("방북 일정\n\n대통령이 탄 비행기가 평양 순안국제공항에서 삼지연공항까지 한 시간가량 날아가며 "
            "승객들은 창밖으로 높은 산과 넓은 숲과 오래된 마을들을 내려다본다. "
            "거리는 390㎞로 알려졌다.")
    (pair,) = _pairs(text, "ko")
    assert "Samjiyon" in pair[1]


def test_a_regional_centre_in_a_town_infobox():
    text = "Генічеськ — місто\n\nВідстань\nДо обл./респ. центру\n - фізична 170 км\n"
    assert _pairs(text, "uk") == [("Henichesk", "Kherson")]


def test_an_abbreviation_ends_no_sentence():
    text = "ГИБРАЛТАРСКИЙ ПРОЛИВ\n\nДл. 59 км, шир. 14-44 км, глубина велика."
    _, linked, _ = read_article(text, "ru")
    assert [(x.how, x.claim.value) for x in linked] == [("width", 14)]


def test_a_page_that_mixes_languages_is_read_line_by_line():
    text = ("Ferries\n\nThe ferry sails from Najin to Vladivostok, about 160 km away, every week.\n\n"
            "Паром из Раджина во Владивосток проходит около 160 км за ночь.\n")
    report = check_article(text, sea=False)
    assert [c.claim.text for c in report.claims] == ["about 160 km", "около 160 км"]
    assert report.article.language == "en"


def test_the_report_in_the_article_language():
    from cli import main

    text = "Паром\n\nПаром из Раджина во Владивосток проходит около 160 км за ночь.\n"
    with CliRunner().isolated_filesystem():
        with open("ferry.txt", "w", encoding="utf-8") as handle:
            handle.write(text)
        english = CliRunner().invoke(main, ["article", "ferry.txt", "--no-sea"])
        russian = CliRunner().invoke(main, ["article", "ferry.txt", "--no-sea", "--report-lang"])
    assert english.exit_code == russian.exit_code == 0
    assert "SUPPORTED" in english.output and "Claims (1)" in english.output
    assert "ПОДТВЕРЖДЕНО" in russian.output and "Утверждения (1)" in russian.output
    with CliRunner().isolated_filesystem():
        with open("ferry.txt", "w", encoding="utf-8") as handle:
            handle.write(text)
        memo = CliRunner().invoke(main, ["article", "ferry.txt", "--no-sea", "--report-lang", "--format", "markdown"])
    assert memo.exit_code == 0 and "# Проверка расстояний" in memo.output and "**подтверждено**" in memo.output


def test_a_kind_abbreviation_before_a_name_ends_no_sentence():
    text = "ТАТАРСКИЙ ПРОЛИВ\n\nДлина 660 км, в самом узком месте - прол. Невельского - 7,3 км."
    _, linked, _ = read_article(text, "ru")
    assert [(x.how, x.origin.place.name, x.claim.value) for x in linked] == [("width", "Tatar Strait", 7.3)]


def test_a_strait_is_no_reference():
    text = "Остров Сахалин отделяет от материка Татарский пролив, а до Большой земли всего 8 км."
    _, linked, _ = read_article(text, "ru")
    assert all(x.how == "width" or "Strait" not in x.destination.place.name + x.origin.place.name for x in linked)


@pytest.mark.parametrize("text,reason", [
    ("여객선은 인천항에서 백령도까지 220km를 4시간에 걸쳐 운항한다.", "ferry"),
    ("백령도는 인천항에서 북방한계선을 따라 약 180km 떨어져 있다.", "along a line"),
])
def test_korean_route_distances_are_no_claims(text, reason):
    _, linked, rejected = read_article(text, "ko")
    assert linked == []
    assert any(reason in item.reason for item in rejected)


def test_a_quoted_korean_name_keeps_its_particle():
    # "'가거도'는": the topic particle after the closing quote makes the island the subject
    assert _pairs("'가거도'는 목포에서 약 140km 떨어져 있다.", "ko") == [("Gageodo", "Mokpo")]


@pytest.mark.parametrize("text,a,b", [
    ("쓰시마에서 일본 본토(후쿠오카)까지의 거리는 약 130km이다.", "Tsushima", "Fukuoka"),  # B in brackets
    ("비행기는 평양 순안국제공항에서 북한 양강도 삼지연공항까지 약 400㎞를 난다.", "Sunan", "Samjiyon"),
])
def test_names_that_describe_b_stand_between_a_and_b(text, a, b):
    (pair,) = _pairs(text, "ko")
    assert a in pair[0] and b in pair[1]


@pytest.mark.parametrize("text", [
    # a page's address and a Korean line glossed in English do not make an English run
    "백령도 안내\nURL: https://example.com/travel/islands/baengnyeong-island-guide-page\n\n"
    "백령도는 인천항에서 약 180km 떨어져 있다.",
    "신이 내린 섬 백령도(Baengnyeong Island, a god-given island in the Yellow Sea)\n백령도는 인천항에서 멀다.",
])
def test_one_language_page_is_one_run(text):
    from geo.text.scripts import language_parts

    assert [lang for _, _, lang in language_parts(text)] == ["ko"]
