"""Articles in: plain text, HTML, standard input or a URL, with the seed files' header line.

``load_article`` is the only place that touches the network, and only for a URL the user gave.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

from geo.errors import BadInput, DataMissing
from geo.fileio import decode_text
from geo.types import Article, ArticleReport, PairCheck, Place, Resolution

__all__ = ["MAX_ARTICLE_BYTES", "Article", "check_article", "load_article", "parse_article", "read_limited",
           "resolve_in_article"]

# The seed archive's first line: "date 2024-06-14 Eng".
_HEADER = re.compile(r"\A\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})(?:\s+(?P<lang>[A-Za-z]{2,3}))?[ \t]*\r?\n")
_HTML_START = re.compile(r"\A\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)
_URL = re.compile(r"\Ahttps?://", re.IGNORECASE)


def parse_article(raw: str, *, source: str = "<text>") -> Article:
    """Split an article's raw text (plain or HTML) into metadata and readable text."""
    if _HTML_START.match(raw):
        return _parse_html(raw, source=source)
    date = language = None
    header = _HEADER.match(raw)
    if header:
        date, language = header.group("date"), header.group("lang")
        raw = raw[header.end():]
    body = raw.strip()
    if not body:
        raise BadInput(f"{source!r} has no text to check (it is empty{' after its header line' if header else ''})")
    title = None
    first, _, rest = body.partition("\n")
    # A short first line without a final full stop, followed by more text, is a headline.
    if rest.strip() and len(first) <= 200 and not first.rstrip().endswith((".", ":", ";")):
        title = first.strip()
        body = f"{title}\n\n{rest.strip()}"
    return Article(text=body, title=title, date=date, language=language, source=source, format="text")


def _parse_html(raw: str, *, source: str) -> Article:
    import trafilatura

    body = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True,
                               deduplicate=True)
    meta = trafilatura.extract_metadata(raw)
    if not body or not body.strip():
        raise BadInput(f"{source!r} is HTML with no article text that could be extracted; "
                       "save the article as plain text")
    title = meta.title.strip() if meta is not None and meta.title else None
    text = f"{title}\n\n{body.strip()}" if title else body.strip()
    date = meta.date if meta is not None and meta.date else None
    language = meta.language if meta is not None and getattr(meta, "language", None) else None
    return Article(text=text, title=title, date=date, language=language, source=source, format="html")


def _fetch(url: str, timeout_s: float) -> bytes:
    import urllib.error
    import urllib.request

    try:
        request = urllib.request.Request(url, headers={"User-Agent": "shiproute (fact-checking tool)"})
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return response.read(20_000_000)
    except urllib.error.HTTPError as exc:
        raise BadInput(f"could not fetch {url!r}: HTTP {exc.code} {exc.reason}; "
                       "check the address or save the page and pass the file") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:  # ValueError: "http://[::1"
        reason = getattr(exc, "reason", exc)
        raise BadInput(f"could not fetch {url!r}: {reason}; "
                       "check the address or save the page and pass the file") from None


# Default ceiling of an article's size: a long feature is 100 kB of text, a heavy news page's
# HTML 2-3 MB; beyond, it is not an article (a log, a book, /dev/zero).
MAX_ARTICLE_BYTES = 5_000_000


def _too_large(source: str, max_bytes: int) -> BadInput:
    return BadInput(f"{source!r} is larger than {max_bytes:,} bytes, too big for one article; give a shorter "
                    "text, or raise the limit with --max-bytes")


def read_limited(stream: Any, source: str, max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    """At most ``max_bytes`` bytes of a binary ``stream``, or :class:`BadInput` if it holds more."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise _too_large(source, max_bytes)
    return raw


def load_article(source: str, *, stdin_text: str | None = None, timeout_s: float = 15.0,
                 stdin_bytes: bytes | None = None, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read an article from a file path, ``'-'`` (``stdin_bytes`` or ``stdin_text``) or an
    http(s) URL. Only a regular file is read as a path (a device or a FIFO could give no end or
    no data); more than ``max_bytes`` bytes is refused with :class:`~geo.errors.BadInput`."""
    if source == "-":
        if stdin_bytes is None and stdin_text is None:
            raise BadInput("no text on standard input; pipe an article in or give a file")
        raw = stdin_bytes if stdin_bytes is not None else str(stdin_text).encode("utf-8", "surrogateescape")
        if len(raw) > max_bytes:
            raise _too_large("<stdin>", max_bytes)
        return parse_article(decode_text(raw, "<stdin>"), source="<stdin>")
    if _URL.match(source):
        raw = _fetch(source, timeout_s)
        if len(raw) > max_bytes:
            raise _too_large(source, max_bytes)
        return parse_article(decode_text(raw, source), source=source)
    path = Path(source)
    if not path.exists():
        raise BadInput(f"no such file: {source!r}")
    if path.is_dir():
        raise BadInput(f"{source!r} is a folder; give one article file (or use 'shiproute batch' for a folder)")
    if not path.is_file():
        raise BadInput(f"{source!r} is not a regular file (a device, a pipe or a socket); give an article file, "
                       "or '-' to read standard input")
    with path.open("rb") as handle:
        raw = read_limited(handle, source, max_bytes)
    return parse_article(decode_text(raw, source), source=source)


def check_article(
    article: Article | str, *, sea: bool = True, avoid: tuple[str, ...] = (), language: str | None = None,
    unit: str = "km",
) -> ArticleReport:
    """Find the places and distance claims in an article, judge each claim, and report.

    ``unit`` (km, mi or nmi) is the unit the verdicts' explanations and notes write lengths in.

    ``article`` is an :class:`Article` or raw text (plain or HTML, with or without the seed
    header line). Every mention is resolved with the article's own geography
    (:func:`geo.places.context_from_text`: the countries it names, the regions and countries its
    other places fall in, a dateline, a qualifier written after the name), the same context
    ``geo.resolve(name, context=text)`` uses. Each claim's two places are chosen together: the
    partner place and the claimed distance re-rank namesakes on top of that, and the
    resolutions' notes say when that changed a choice.

    ``language`` (``en``, ``ru``, ``uk``, ``ko``; default: read from the letters of the text,
    :func:`geo.text.languages.detect_language`) picks the reader; Russian, Ukrainian and Korean
    are read by :mod:`geo.text.languages`, and the report's article carries the language.
    """
    from geo.text.claims import find_distances
    from geo.text.linking import link_claims
    from geo.text.mentions import find_mentions

    if isinstance(article, str):
        article = parse_article(article)
    text = article.text
    from geo.text.scripts import LANGUAGES, detect_language, language_parts, only_part

    if language is not None and language not in LANGUAGES:
        raise BadInput(f"unknown language {language!r}; give one of {', '.join(LANGUAGES)}")
    # each run of lines is read in its own language unless one is forced (a page that mixes them)
    parts = [(0, len(text), language)] if language else language_parts(text)
    language = language or detect_language(text)
    mentions, linked, non_claims = [], [], []
    for part_language in sorted({lang for _, _, lang in parts}, key=lambda lang: (lang != language, lang)):
        part = text if len(parts) == 1 else only_part(text, parts, part_language)
        if part_language != "en":
            from geo.text.languages import read_article

            try:
                found = read_article(part, part_language)
            except DataMissing:
                # A passage in another language of a page mostly in this one (an English story
                # quoting a Russian paragraph) is left unread without the language models; a
                # page in that language still says what to install.
                if part_language == language:
                    raise
                continue
        else:
            found_mentions = find_mentions(part)
            found = (found_mentions, *link_claims(part, found_mentions, find_distances(part)))
        mentions += found[0]
        linked += found[1]
        non_claims += found[2]
    if len(parts) > 1:  # back in the order of the text
        mentions.sort(key=lambda m: m.start)
        linked.sort(key=lambda item: item.claim.span or (0, 0))
        non_claims.sort(key=lambda item: item.claim.span or (0, 0))
    if language != "en" or len(parts) > 1:  # a mixed page carries the language most of it is in
        from dataclasses import replace

        article = replace(article, language=language)
    checks = tuple(_judge_linked(text, item, sea=sea, avoid=avoid, unit=unit) for item in linked)
    mentions = _adopt_claim_choices(mentions, linked, checks)
    return ArticleReport(article=article, mentions=tuple(mentions), claims=checks, non_claims=tuple(non_claims))


def _adopt_claim_choices(mentions, linked, checks) -> list:
    """Give every mention of a claim's place the place the claim settled on.

    A claim resolves its two names together (partner, claimed distance), which is stronger
    evidence than a name alone: "Tsushima" 100 km from Busan is the island, and so is every
    other "Tsushima" in the article.
    """
    from dataclasses import replace

    from geo.places.names import normalize_name

    chosen: dict[str, tuple[Place, Resolution | None]] = {}
    for item, check in zip(linked, checks, strict=True):
        chosen.setdefault(normalize_name(item.origin.text), (check.a, check.resolution_a))
        chosen.setdefault(normalize_name(item.destination.text), (check.b, check.resolution_b))
    out = []
    for mention in mentions:
        choice = chosen.get(normalize_name(mention.text)) if mention.role == "place" else None
        if choice is not None and choice[0].source != mention.place.source:
            mention = replace(mention, place=choice[0], resolution=choice[1])
        out.append(mention)
    return out


def _judge_linked(text: str, item, *, sea: bool, avoid: tuple[str, ...], unit: str = "km") -> PairCheck:
    """Re-resolve a linked claim's two places as a pair, measure them and judge the claim."""
    from dataclasses import replace

    from geo.geodesy import inverse
    from geo.pair import endpoint_context, measure_and_judge, travel_caveat, voyage_verdict
    from geo.places.gazetteer import context_from_text, resolve
    from geo.text.linking import AREA_END_KINDS, ISLAND_KINDS, can_be_endpoint, is_voyage, island_like, travel_mode
    from geo.text.mentions import words_near

    # A voyage's length is its sea route, longer than the straight line the resolver would
    # fit the claimed figure to ("Rotterdam" must not become the town in New York).
    if item.how == "width":
        return _judge_width(text, item)
    voyage = is_voyage(text, item.claim)
    expected = None if voyage else item.claim.nominal_km

    def query(mention) -> str:
        return mention.resolution.query if mention.resolution is not None else mention.text

    def context(mention, partner):
        # The article's own geography helps as it does for every mention; the partner and the
        # claimed distance come on top.
        own = context_from_text(text, mention.text)
        base = endpoint_context(partner, expected, countries=own.countries,
                                words=words_near(text, mention.start, mention.end))
        # An end that is an area (a country, an island) stays one: its distance runs to its edge.
        # A region yields to a town of its name ("Saipan"), as before: its outline is approximate;
        # but not an island region (Hainan, Crete), whose namesake towns lie thousands of km away.
        keep = mention.place.kind in ISLAND_KINDS or (  # "Matsu" the islands must not become Matsue, Japan
            mention.place.kind in AREA_END_KINDS and not can_be_endpoint(mention)
            and (mention.place.kind != "region" or island_like(mention)))  # "Djibouti" yields to its port
        kinds = base.kinds | {mention.place.kind} if keep else base.kinds
        return replace(base, regions=own.regions, focus=own.focus, written=own.written, near=own.near, kinds=kinds)

    res_b = resolve(query(item.destination), context(item.destination, item.origin.place))
    res_a = resolve(query(item.origin), context(item.origin, res_b.best))
    direction_bearing = None
    if item.claim.direction and item.direction_from is not None:
        reference, other = ((res_b.best, res_a.best) if item.direction_from is item.destination
                            else (res_a.best, res_b.best))
        direction_bearing = float(inverse(reference.lon, reference.lat, other.lon, other.lat).initial_bearing_deg)
    check = measure_and_judge(res_a.best, res_b.best, item.claim, sea=sea, avoid=avoid,
                              direction_bearing_deg=direction_bearing, unit=unit,
                              names=(_as_written(item.origin, res_a.best), _as_written(item.destination, res_b.best)))
    quote = text[item.sentence[0]:item.sentence[1]].strip()
    mode = travel_mode(text, item.sentence)
    if voyage:
        check = voyage_verdict(check)  # a voyage is sailed along the sea route: the route decides
    elif mode is not None:
        check = travel_caveat(check, mode)
    # Where each end comes from when the sentence does not name it ("The city" = Varna, named in
    # sentence 2): the reader can check the link, not only the distance.
    evidence = tuple(f"{end}: {how}" for end, how in zip((check.a.name, check.b.name), item.evidence, strict=True)
                     if how != "named here")
    if evidence and check.verdict is not None:
        check = replace(check, verdict=replace(check.verdict, notes=(*evidence, *check.verdict.notes)))
    return replace(check, resolution_a=res_a, resolution_b=res_b, quote=quote)


def _judge_width(text: str, item) -> PairCheck:
    """A strait's width claim, measured across it at its narrowest (no verdict when the data
    cannot draw its two shores)."""
    from dataclasses import replace

    from geo.geodesy import measure
    from geo.pair import judge_width

    place = item.origin.place
    quote = text[item.sentence[0]:item.sentence[1]].strip()
    check = judge_width(place, item.claim)
    if check is None:
        return PairCheck(a=place, b=place, measures=measure(place, place), claim=item.claim, quote=quote)
    if item.evidence[0] != "named here" and check.verdict is not None:
        check = replace(check, verdict=replace(check.verdict, notes=(f"{place.name}: {item.evidence[0]}",
                                                                      *check.verdict.notes)))
    return replace(check, resolution_a=item.origin.resolution, resolution_b=item.origin.resolution, quote=quote)


def _as_written(mention, place) -> str:
    """The name as the article wrote it, with the gazetteer's when they differ: "Najin (Rajin)"."""
    from geo.places.names import normalize_name

    if normalize_name(mention.text) == normalize_name(place.name):
        return mention.text
    return f"{mention.text} ({place.name})"


def _report_without_sea(article: Article) -> ArticleReport:
    """The article's mentions and claims, measured without sea routes: resolving several names
    in one article (``shiproute resolve A B C --context FILE``) reads it once. Kept per
    gazetteer, as the gazetteer itself is (its cache folder and curated table)."""
    env = (os.environ.get("SHIPROUTE_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME"),
           os.environ.get("SHIPROUTE_PLACES_CSV"))
    return _report_cached(article, env)


@functools.lru_cache(maxsize=4)
def _report_cached(article: Article, _env: tuple[str | None, ...]) -> ArticleReport:
    return check_article(article, sea=False)


def resolve_in_article(name: str, article: Article | str):
    """Resolve ``name`` as the article means it.

    When the article names it, the answer is the place its mention was given there (with the
    article's own geography, neighbouring places and any claim that settled it); otherwise the
    name is resolved with the article's text as context, which reads the same geography.
    """
    from dataclasses import replace

    from geo.places.gazetteer import resolve
    from geo.places.names import normalize_name

    if isinstance(article, str):
        article = parse_article(article)
    key = normalize_name(name)
    report = _report_without_sea(article)
    for mention in report.mentions:
        if mention.resolution is not None and normalize_name(mention.text) == key:
            note = f"as the article uses it at characters {mention.start}-{mention.end}"
            return replace(mention.resolution, query=name, context_notes=(note, *mention.resolution.context_notes))
    return resolve(name, article.text)
