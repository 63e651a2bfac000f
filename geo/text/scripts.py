"""Which language a text is written in, told from its letters: cheap enough for every article.

Kept apart from :mod:`geo.text.languages` (the Russian, Ukrainian and Korean readers and their
tables) so that an English article tells its language without loading those tables.
Hangul is Korean; Cyrillic is Ukrainian when the letters only Ukrainian has (і ї є ґ) outnumber
those only Russian has (ы э ъ ё), else Russian; Latin is English. A statistical detector would
add a model load to every article for no gain on these four.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["LANGUAGES", "detect_language", "has_foreign_script", "language_parts", "only_part"]

#: Languages the article reader knows; ``en`` is read by the English modules.
LANGUAGES = ("en", "ru", "uk", "ko")

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_ONLY_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_ONLY_RUSSIAN = re.compile(r"[ыэъёЫЭЪЁ]")


def has_foreign_script(text: str) -> bool:
    """Whether ``text`` is for this module, not the English reader: it holds Cyrillic or Hangul
    letters, the sign ㎞, or a range written with a tilde ("150~200km")."""
    return bool(_CYRILLIC.search(text) or _HANGUL.search(text) or _EAST_ASIAN_SIGNS.search(text))


_EAST_ASIAN_SIGNS = re.compile(r"㎞|\d\s*[~∼～〜]\s*\d")


def detect_language(text: str) -> str:
    """``ru``, ``uk``, ``ko`` or ``en`` for ``text``, by the letters it is written in.

    >>> detect_language("Паром идёт из Раджина во Владивосток."), detect_language("나진항에서 약 180km")
    ('ru', 'ko')
    >>> detect_language("Пором іде з Одеси."), detect_language("The ferry sails from Najin.")
    ('uk', 'en')
    """
    hangul = len(_HANGUL.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    # A Hangul syllable is a whole syllable; weigh it as about three letters.
    if 3 * hangul >= max(cyrillic, latin) and hangul:
        return "ko"
    if cyrillic > latin:
        return "uk" if len(_ONLY_UKRAINIAN.findall(text)) > len(_ONLY_RUSSIAN.findall(text)) else "ru"
    return "en"


#: A line with fewer letters than this (a Hangul syllable counts three; addresses left out) takes
#: the article's language: a heading, a byline, a date, a page's address.
_LINE_LETTERS = 40
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)


def language_parts(text: str, default: str | None = None) -> list[tuple[int, int, str]]:
    """The runs of lines of ``text`` in one language, as ``(start, end, language)``, in order,
    for a page that mixes languages (an English story quoting a Russian paragraph, a Korean
    page with an English summary). A short line (a heading, a date, a URL) takes the language
    of the whole text (``default``, else :func:`detect_language`). One run when the page is in
    one language.

    >>> language_parts("The ferry leaves Najin for Vladivostok every morning at dawn.\\n"
    ...                "Паром идёт из Раджина во Владивосток каждый день.")
    [(0, 62, 'en'), (62, 111, 'ru')]
    """
    default = default or detect_language(text)
    parts: list[tuple[int, int, str]] = []
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        language = _line_language(_ADDRESS.sub(" ", line), default)
        if parts and parts[-1][2] == language:
            parts[-1] = (parts[-1][0], end, language)
        else:
            parts.append((start, end, language))
        start = end
    return parts or [(0, len(text), default)]


def _line_language(line: str, default: str) -> str:
    """One line's language: ``default`` for a short line; English only when its Latin letters
    outweigh the other script twice over (a Korean line glossed in English, "백령도(Baengnyeong,
    a god-given island)", is Korean; an English line naming "나진" is English)."""
    hangul, cyrillic, latin = 3 * len(_HANGUL.findall(line)), len(_CYRILLIC.findall(line)), len(_LATIN.findall(line))
    if hangul + cyrillic + latin < _LINE_LETTERS:
        return default
    if latin >= 2 * (hangul + cyrillic):
        return "en"
    if hangul >= cyrillic:
        return "ko"
    ukrainian, russian = len(_ONLY_UKRAINIAN.findall(line)), len(_ONLY_RUSSIAN.findall(line))
    if ukrainian == russian and default in ("ru", "uk"):
        return default  # no letter of either alone: the page's own Cyrillic language
    return "uk" if ukrainian > russian else "ru"


def only_part(text: str, parts: Sequence[tuple[int, int, str]], language: str) -> str:
    """``text`` with every run not in ``language`` blanked out (spaces; line breaks kept), so
    that a reader's offsets are the whole text's."""
    pieces = []
    for start, end, lang in parts:
        piece = text[start:end]
        pieces.append(piece if lang == language else re.sub(r"[^\n]", " ", piece))
    return "".join(pieces)
