"""Place names in running text, with the precision a newsroom needs.

Every run of 1..:data:`geo.places.MAX_NAME_TOKENS` capitalised words (or words in a
non-Latin script), with lower-case connectors inside ("Strait of Hormuz"), is looked up in the
gazetteer in one batch; the longest names win, left to right. A hit is dropped when the words
around it say it is a person, an organisation or an ordinary word:

* it is part of a run of capitalised words that reads as a person: after "said" or before
  ", a spokeswoman", after a title ("Minister Shin"), or next to words that are no place
  ("Shin Wonsik", "Vladimir Putin"); every word of such a run is then refused all through the
  article ("Shin stated");
* it is a stop word, a month or day, a title or a newsroom word ("Since", "September",
  "Photo", "Bloomberg"), a continent or sea that GeoNames also gives to a town ("Asia",
  "Middle East"), an institution or organisation ("Naval Academy", "Hamas"), part of a
  feature's name ("Elizabeth River"), or a town written like a ship or weapon ("the Dali",
  "Iskander missiles");
* it is a small town (under :data:`SMALL_TOWN_POPULATION`) with no sign that a place is meant:
  a locative word before it ("in", "to", "from", "port of"...), or a country, region or
  distance right after it ("Paldiski in Estonia", "Polyarny, some 25 km from"); an alternate
  name needs both kinds of sign, or a distance after it.

A capital followed by a verb of speech or action ("Moscow said", "Seoul says", "Moscow was
facing") is kept with ``role="government"``: it is listed, never a claim's endpoint. A
demonym ("Turkish", "North Korean") keeps ``role="adjective"`` and names its country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geo.types import Mention

__all__ = ["find_mentions", "SMALL_TOWN_POPULATION", "Token", "tokenize", "words_near"]

SMALL_TOWN_POPULATION = 20_000

_TOKEN = re.compile(r"[^\W\d_](?:[\w]|[-'’](?=[^\W\d_]))*", re.UNICODE)
_CONNECTORS = frozenset(
    {"of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "al",
     "upon", "on", "am", "an", "der", "den", "y", "e", "sur", "en", "the"}
)
_GEO_TERMS = frozenset(
    {"port", "harbour", "harbor", "bay", "strait", "straits", "sea", "gulf", "island", "islands", "peninsula",
     "river", "canal", "city", "province", "oblast", "krai", "kray", "region", "county", "state", "district",
     "base", "naval", "terminal", "airport", "coast", "cape", "lake", "mountains", "valley", "point", "head",
     "sound", "channel", "passage", "estuary", "delta", "republic", "kingdom", "federation", "territory",
     "governorate", "prefecture", "municipality", "town", "village", "north", "south", "east", "west"}
)
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "president", "minister", "prime", "secretary", "general", "gen", "admiral",
     "adm", "captain", "capt", "colonel", "col", "lieutenant", "lt", "sergeant", "chancellor", "king", "queen",
     "prince", "princess", "sheikh", "emir", "ambassador", "governor", "mayor", "senator", "rep", "representative",
     "spokesman", "spokeswoman", "spokesperson", "chief", "commander", "director", "chairman", "pope", "saint",
     "sir", "lord", "lady", "judge", "officer", "analyst", "professor", "correspondent", "reporter", "editor"}
)
_STOP_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "by", "for", "to", "from", "with", "as",
     "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "he", "she", "they",
     "we", "you", "i", "his", "her", "their", "our", "my", "your", "since", "despite", "after", "before", "during",
     "while", "when", "where", "which", "who", "whom", "whose", "what", "why", "how", "however", "although",
     "though", "because", "according", "photo", "photos", "video", "image", "reuters", "ap", "afp", "bloomberg",
     "associated", "press", "times", "post", "news", "agency", "tass", "yonhap", "xinhua", "interfax", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "eng", "english", "today",
     "yesterday", "tomorrow", "week", "month", "year", "mr", "mrs", "ms", "dr", "new", "old", "big", "great",
     "little", "first", "last", "next", "some", "many", "most", "more", "such", "all", "any", "every", "each",
     "both", "other", "another", "also", "only", "just", "even", "still", "yet", "so", "then", "there", "here",
     "now", "said", "says", "say", "told", "tells", "asked", "asks", "sir", "madam", "dear", "ministry", "army",
     "navy", "air", "force", "police", "government", "state", "states", "united", "nations", "union", "european",
     "council", "commission", "parliament", "congress", "senate", "house", "court", "intelligence", "defense",
     "defence", "foreign", "affairs", "security", "service", "coast", "guard", "fleet", "ocean", "sea", "north",
     "south", "east", "west", "central", "western", "eastern", "northern", "southern", "gulf", "bay", "strait",
     "port", "harbour", "harbor", "island", "cape", "channel", "canal", "river", "lake"]
)
# Names of continents, oceans, seas and macro-regions that GeoNames also gives to towns
# ("Asia" in the Philippines, "Middle East"...): in news text they never mean the town.
_AREAS = frozenset(
    ["asia", "europe", "africa", "america", "americas", "north america", "south america", "latin america",
     "oceania", "antarctica", "arctic", "antarctic", "middle east", "near east", "far east", "russian far east",
     "east asia", "southeast asia", "south asia", "central asia", "indo pacific", "asia pacific", "pacific",
     "atlantic", "indian ocean", "mediterranean", "caribbean", "baltic", "red sea", "black sea", "north sea",
     "south china sea", "east china sea", "yellow sea", "sea of japan", "sea of okhotsk", "bering sea",
     "arabian sea", "caspian sea", "persian gulf", "gulf", "arctic circle", "scandinavia", "balkans", "caucasus",
     "levant", "maghreb", "sahel", "horn of africa", "west africa", "east africa", "north africa", "eastern europe",
     "western europe", "central europe", "north pacific", "south pacific", "north atlantic", "south atlantic"]
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|from|to|near|off|into|onto|toward|towards|via|outside|inside|around|reach(?:ed|es)?|"
    r"leave|left|leaving|left|departed|departing|arrived|arriving|docked|berthed|anchored|visit(?:ed|s)?|"
    r"of|between|port|harbou?r|base|town|city|village|island)\s+(?:the\s+)?(?:(?:port|city|town|naval base|"
    r"base|harbou?r|village|island) of\s+)?|[,(]\s*)\Z",
    re.IGNORECASE,
)
_GOVERNMENT_VERB = re.compile(
    r"\A(?:['’]s\s+(?:government|leadership|regime|officials?|position|decision)|\s+(?:(?:has|had|have|is|was|were|"
    r"will|would|could|may|might|must|has been|had been)\s+)?(?:not\s+)?(?:said|says|say|warned|warns|announced|"
    r"announces|denied|denies|deny|accused|accuses|claimed|claims|insisted|insists|responded|rejected|rejects|"
    r"wants|wanted|sent|sends|send|supplied|supplies|signed|agreed|agrees|refused|refuses|demanded|demands|"
    r"threatened|threatens|vowed|vows|urged|urges|condemned|condemns|facing|faces|faced|hopes|believes|"
    r"considers|approved|approves|sanctioned|imposed|protested|summoned|blamed|expects|plans|planned|"
    r"ordered|retaliated|confirmed|confirms|reported|officials?|authorities|regime|leadership|government)\b)",
    re.IGNORECASE,
)
_DISTANCE_AFTER = re.compile(
    r"\A,?\s+(?:(?:about|around|some|roughly|nearly|almost|just|barely|only|approximately|which lies|lies|is|sits)\s+)*"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|a hundred)\b)",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(r"\A(?P<sep>\s*,\s*|\s+in\s+|\s+on\s+|\s*\(\s*)"
                              r"(?:the\s+)?(?P<name>[^\W\d_][\w'’-]*(?:\s[A-Z][\w'’-]*)?)")
_BETWEEN_AND = re.compile(r"\bbetween\s+(?:the\s+)?(?P<first>[^\W\d_][\w'’-]*)(?:\s+\S+){0,3}\s+and\s+(?:the\s+)?\Z",
                          re.IGNORECASE)
_NAME_SUFFIX = re.compile(r"-(?:based|born|bound|led|backed|flagged|registered|owned|made|built|run|controlled|"
                          r"occupied|held|area|style|listed|headquartered)$", re.IGNORECASE)
_FEATURE_WORDS = frozenset({"river", "strait", "straits", "bay", "sea", "canal", "peninsula", "island", "islands",
                            "gulf", "lake", "mountains", "channel", "sound", "fleet", "shipyard", "university",
                            "valley", "delta", "lagoon", "reef", "basin", "shelf", "trench", "current"})
_INSTITUTIONS = frozenset({"academy", "university", "college", "school", "institute", "hospital", "ministry",
                           "agency", "company", "corporation", "group", "bank", "council", "committee"})
# Organisations whose names GeoNames also gives to towns.
_ORGANISATIONS = frozenset({"hamas", "hezbollah", "houthi", "houthis", "taliban", "kremlin", "pentagon", "nato",
                            "wagner", "isis", "al qaeda", "al shabaab", "opec", "maersk", "cosco", "reuters"})
_ATTRIBUTION_BEFORE = re.compile(r"\b(?:said|says|told|according to|wrote|writes|added|adds|explained|asked|"
                                 r"spokesman|spokeswoman|spokesperson|by)\s*\Z", re.IGNORECASE)
_ROLE_AFTER = re.compile(
    r"\A,\s+(?:a|an|the|who|its)\s+(?:[\w-]+\s+){0,4}?(?:spokes\w+|member|researcher|analyst|official|director|"
    r"captain|pilot|minister|professor|fellow|head|chief|manager|owner|operator|expert|economist|engineer|"
    r"commander|officer|executive|adviser|advisor|lawyer|resident|fisherman|trader|broker|runs|works|said)\b",
    re.IGNORECASE,
)
_COUNTRY_CODE = re.compile(r"[A-Z]{2,4}")
# Capitalised abbreviations that are organisations or units, never countries.
_NOT_COUNTRY_CODES = frozenset({"EU", "UN", "NATO", "AP", "AFP", "BBC", "CNN", "LNG", "TEU", "GDP", "CEO", "IMO"})
_DEMONYM_END = re.compile(r"(?:an|ian|ean|ese|ish|i|ic|ch|ss|ot|er)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_capitalised(self) -> bool:
        first = self.text[0]
        # Scripts without case (Hangul, CJK, Arabic...) count as capitalised: names in them are kept.
        return first.isupper() or not first.islower()


def tokenize(text: str) -> list[Token]:
    """Words with their offsets; a possessive "'s" and a suffix such as "-based" are left out of
    the word ("Korea's" -> "Korea", "Seoul-based" -> "Seoul")."""
    tokens = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, end = word[:-2], end - 2
        suffix = _NAME_SUFFIX.search(word)
        if suffix and suffix.start() > 1:
            word, end = word[:suffix.start()], start + suffix.start()
        tokens.append(Token(word, start, end))
    return tokens


def _candidate_spans(tokens: Sequence[Token], text: str, max_tokens: int) -> Iterable[tuple[int, int]]:
    """(first, last) token indices of runs that could be a name: capitalised at both ends."""
    for i, first in enumerate(tokens):
        if not first.is_capitalised:
            continue
        for j in range(i, min(len(tokens), i + max_tokens)):
            if j > i:
                gap = text[tokens[j - 1].end:tokens[j].start]
                if not re.fullmatch(r"[ \t]?|-|\s?-\s?", gap):
                    break  # names do not run across punctuation or line breaks
                if not tokens[j].is_capitalised and tokens[j].text.lower() not in _CONNECTORS:
                    break
            if tokens[j].is_capitalised:
                yield i, j


def find_mentions(text: str, *, resolve_context: str | None = None,
                  countries: frozenset[str] | None = None) -> list[Mention]:
    """Place mentions in ``text`` (see the module docstring for the rules), in text order.

    Each mention is resolved with :func:`geo.places.context_from_text` of ``resolve_context``
    (which defaults to ``text``): the article's own geography and the countries it names (or
    ``countries``, when given), so "Tripoli" in an article about Lebanon is Lebanon's Tripoli and
    "London" in a story about Ontario towns is London, Ontario.
    """
    from geo.places.gazetteer import MAX_NAME_TOKENS, lookup_country_code, lookup_names
    from geo.places.names import normalize_name

    tokens = tokenize(text)
    spans = list(_candidate_spans(tokens, text, MAX_NAME_TOKENS))
    keys = {span: normalize_name(text[tokens[span[0]].start:tokens[span[1]].end]) for span in spans}
    hits = lookup_names(k for k in keys.values() if k)
    person_words = _person_words(tokens, text, hits, keys)

    chosen: list[tuple[int, int]] = []
    taken: set[int] = set()
    for span in sorted((s for s in spans if keys[s] in hits), key=lambda s: (-(s[1] - s[0]), s[0])):
        if taken.intersection(range(span[0], span[1] + 1)):
            continue
        if _refuse(span, tokens, text, hits[keys[span]], person_words, hits):
            continue
        chosen.append(span)
        taken.update(range(span[0], span[1] + 1))
    # Country codes written in capitals ("US", "UAE", "DPRK") name countries, not the towns that
    # happen to share the letters; the resolver knows the codes.
    for i, token in enumerate(tokens):
        if i not in taken and _COUNTRY_CODE.fullmatch(token.text) and token.text not in _NOT_COUNTRY_CODES \
                and lookup_country_code(token.text) is not None:
            chosen.append((i, i))
    chosen.sort()

    geography = resolve_context if resolve_context is not None else text
    mentions = _resolve_spans(text, tokens, chosen, countries, hits, geography)
    return _with_neighbours(text, mentions, countries, geography)


def _resolve_spans(text: str, tokens: Sequence[Token], chosen: Sequence[tuple[int, int]],
                   countries: frozenset[str] | None, hits, geography: str) -> list[Mention]:
    from dataclasses import replace

    from geo.errors import ShiprouteError
    from geo.places.gazetteer import context_from_text, resolve

    mentions: list[Mention] = []
    for first, last in chosen:
        start, end = tokens[first].start, tokens[last].end
        surface = text[start:end]
        query = surface
        possessor = _possessor(mentions, text, start)
        qualifier = _qualifier(text, end, hits)
        if possessor is not None:
            query = f"{possessor}'s {surface}"
        elif qualifier is not None:
            query = f"{surface}, {qualifier}"  # "Portsmouth, Virginia" is a filter, not a hint
        # The article's own geography, as geo.resolve(name, context=text) reads it.
        context = replace(context_from_text(geography, surface), words=words_near(text, start, end))
        if countries is not None:
            context = replace(context, countries=countries)
        try:
            resolution = resolve(query, context)
        except ShiprouteError:
            if query == surface:
                continue
            try:  # "United States, France" is a list, not "the United States in France"
                resolution = resolve(surface, context)
            except ShiprouteError:
                continue
        place = resolution.best
        role = _role(surface, place, text, end)
        mentions.append(Mention(text=surface, start=start, end=end, place=place, role=role, resolution=resolution))
    return mentions


def _with_neighbours(text: str, mentions: list[Mention], countries: frozenset[str] | None,
                     geography: str) -> list[Mention]:
    """Re-resolve towns that have far-away namesakes with the nearest other town of the article
    as a partner: "Portsmouth" in a story about Norfolk, Virginia is Portsmouth, Virginia."""
    from dataclasses import replace

    from geo.places.gazetteer import context_from_text, resolve

    towns = [m for m in mentions if m.role == "place" and m.place.kind in ("town", "port", "base")]
    out = []
    for mention in mentions:
        res = mention.resolution
        runner = res.runner_up if res is not None else None
        if mention not in towns or res is None or runner is None or not _far_apart(res.best, runner.place):
            out.append(mention)
            continue
        others = [m for m in towns if _norm(m.text) != _norm(mention.text)]
        if not others:
            out.append(mention)
            continue
        partner = min(others, key=lambda m: abs(m.start - mention.start)).place
        context = replace(context_from_text(geography, mention.text), partner=partner,
                          words=words_near(text, mention.start, mention.end))
        if countries is not None:
            context = replace(context, countries=countries)
        again = resolve(res.query, context)
        out.append(replace(mention, place=again.best, resolution=again))
    return out


def _far_apart(a, b, km: float = 25.0) -> bool:
    from geo.geodesy import inverse

    return float(inverse(a.lon, a.lat, b.lon, b.lat).distance_km) > km


def words_near(text: str, start: int, end: int, reach: int = 25) -> frozenset[str]:
    """Lower-case words within ``reach`` characters of a mention: "port", "province"... for context."""
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", text[max(0, start - reach):end + reach]))


def _possessor(mentions: Sequence[Mention], text: str, start: int) -> str | None:
    """The country in "North Korea's Najin": a qualifier for the name that follows."""
    if not mentions:
        return None
    last = mentions[-1]
    if last.place.kind == "country" and re.fullmatch(r"['’]s\s+", text[last.end:start]):
        return last.text
    return None


def _role(surface: str, place, text: str, end: int) -> str:
    if place.kind == "country" and _DEMONYM_END.search(surface) and not _same_name(surface, place):
        return "adjective"
    start = end - len(surface)
    after_preposition = re.search(r"\b(?:in|at|to|from|between|and|near|of|via|off|into|for|with|by|on)\s+\Z",
                                  text[max(0, start - 15):start], re.IGNORECASE)
    if place.kind in ("town", "port") and _GOVERNMENT_VERB.match(text[end:end + 40]) and (
        place.population >= 100_000
    ) and not after_preposition:
        return "government"
    return "place"


def _same_name(surface: str, place) -> bool:
    key = _norm(surface)
    return key == _norm(place.name) or any(key == _norm(a) for a in place.alt_names[:8])


def _person_words(tokens: Sequence[Token], text: str, hits, keys) -> frozenset[str]:
    """Words of capitalised runs that read as people or organisations ("Shin Wonsik")."""
    words: set[str] = set()
    run: list[Token] = []

    def close(run: list[Token]) -> None:
        # Sentence-initial "In", "At", "On" are not part of a name ("In Kirkenes").
        while run and run[0].text.lower() in _STOP_WORDS:
            run = run[1:]
        while run and run[-1].text.lower() in _STOP_WORDS:
            run = run[:-1]
        if len(run) < 2:
            return
        lowered = [t.text.lower() for t in run]
        if any(w in _GEO_TERMS for w in lowered):
            return
        titled = any(w in _TITLES for w in lowered)
        # A run of two or three names none of which is a well-known place reads as a person.
        unknown = [t for t in run if t.text.lower() not in _STOP_WORDS and t.text.lower() not in _TITLES
                   and not _is_big_place(hits.get(_norm(t.text)))]
        whole = _norm(" ".join(t.text for t in run))
        if _ATTRIBUTION_BEFORE.search(text[max(0, run[0].start - 40):run[0].start]) or \
                _ROLE_AFTER.match(text[run[-1].end:run[-1].end + 60]):
            # "said Mary Koonook", "Claire Fontaine, a spokeswoman": a person, even when the
            # names are also towns' ("Mary" in Turkmenistan, "Claire Fontaine" in France).
            words.update(t.text for t in run
                         if t.text.lower() not in _TITLES and not _is_country(hits.get(_norm(t.text))))
        elif titled or (unknown and len(run) <= 4 and whole not in hits):
            for t in run:
                if t.text.lower() not in _TITLES and not _is_big_place(hits.get(_norm(t.text))):
                    words.add(t.text)

    for token in tokens:
        if run and (not token.is_capitalised or not re.fullmatch(r" ", text[run[-1].end:token.start])):
            close(run)
            run = []
        if token.is_capitalised:
            run.append(token)
    close(run)
    return frozenset(words)


def _norm(word: str) -> str:
    from geo.places.names import normalize_name

    return normalize_name(word)


def _is_country(hit_list) -> bool:
    return bool(hit_list) and any(h.kind == "country" for h in hit_list)


def _is_big_place(hit_list) -> bool:
    return bool(hit_list) and any(h.kind in ("country", "region") or h.population >= 100_000 for h in hit_list)


def _after_cue(text: str, end: int, hits) -> bool:
    """A country or region name, or a distance, right after a name: "Paldiski in Estonia"."""
    return bool(_DISTANCE_AFTER.match(text[end:end + 40])) or _area_after(text, end, hits) is not None


def _area_after(text: str, end: int, hits) -> tuple[str, str] | None:
    """("," or "in", the country or region name) written right after a name, or None."""
    qualifier = _QUALIFIER_AFTER.match(text[end:end + 60])
    if not qualifier:
        return None
    words = qualifier["name"].split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        hit = hits.get(_norm(name))
        if hit and any(h.kind in ("country", "region") for h in hit):
            return qualifier["sep"].strip(), name
    return None


def _qualifier(text: str, end: int, hits) -> str | None:
    """The region or country in "Portsmouth, Virginia": only a comma makes it a qualifier."""
    found = _area_after(text, end, hits)
    return found[1] if found is not None and found[0] == "," else None


def _refuse(span: tuple[int, int], tokens: Sequence[Token], text: str, hit_list, person_words: frozenset[str],
            hits_all) -> bool:
    first, last = tokens[span[0]], tokens[span[1]]
    words = [t.text for t in tokens[span[0]:span[1] + 1]]
    single = span[0] == span[1]
    best = hit_list[0]
    if single and words[0].lower() in _STOP_WORDS | _TITLES:
        return True
    if _norm(text[first.start:last.end]) in _AREAS:
        return True
    if single and words[0] in person_words:
        return True
    if _norm(words[-1]) in _INSTITUTIONS or _norm(text[first.start:last.end]) in _ORGANISATIONS:
        return True
    if best.kind == "town":
        # "The Dali, which was heading...", "Iskander missiles": a ship's or a weapon's name.
        if re.search(r"\b[Tt]he\s+\Z", text[max(0, first.start - 5):first.start]):
            return True
        if best.population < 100_000 and re.match(
                r"\s+(?:missiles?|rockets?|drones?|systems?|class|launchers?|tanks?|jets?|helicopters?)\b",
                text[last.end:last.end + 20]):
            return True
    # "Elizabeth River", "Kola Bay", "Pacific Fleet": part of a feature's or unit's name.
    following = re.match(r" ([A-Z][a-z]+)\b", text[last.end:last.end + 20])
    if following and following.group(1).lower() in _FEATURE_WORDS and best.kind in ("town", "port"):
        return True
    if (span[0] > 0 and tokens[span[0] - 1].text.lower() in _TITLES
            and re.fullmatch(r" ", text[tokens[span[0] - 1].end:first.start])):
        return True
    if best.kind in ("country", "region", "county", "port", "base") or best.population >= SMALL_TOWN_POPULATION:
        return False
    # A small town needs a sign that a place is meant: a locative word before it, or a
    # country, region or distance right after it. An alternate name needs one of each side
    # or a distance after it, since alternate names include many ordinary words.
    before = text[max(0, first.start - 60):first.start]
    # "between A and B": B is a place only when A is one ("between Putin and Kim" is not).
    between = _BETWEEN_AND.search(before)
    if between and (between["first"] in person_words or _norm(between["first"]) not in hits_all):
        return True
    after_cue = _after_cue(text, last.end, hits_all)
    if best.match == "alternate name" and single:
        return not (after_cue
                    and (_LOCATIVE.search(before[-30:]) or _DISTANCE_AFTER.match(text[last.end:last.end + 40])))
    return not (_LOCATIVE.search(before[-30:]) or after_cue or between)

