"""Text: reading articles and finding in them the places and the distance claims.

Owns: reading an article (:mod:`~geo.text.article`: text, HTML, stdin, URL, and the article
pipeline), finding place mentions (:mod:`~geo.text.mentions`), the one distance-claim parser
(:mod:`~geo.text.claims`) and linking claims to their two places (:mod:`~geo.text.linking`);
Russian, Ukrainian and Korean articles are read by :mod:`~geo.text.languages`.

Must not import: ``geo.batch``, ``maps`` or ``cli``. Text finds claims but does not measure:
only :mod:`geo.text.article`, which runs the whole pipeline for one article, calls
:mod:`geo.pair` to measure and judge what it found.
"""

from geo.text.article import check_article, load_article
from geo.text.claims import find_distances, parse_claim

__all__ = ["check_article", "find_distances", "load_article", "parse_claim"]
