"""How many examples a Hypothesis test of a parser draws.

CI runs each at its stated count. A long sweep (issue 13: tens of thousands of examples of the
parsers) scales every count by ``$SHIPROUTE_HYPOTHESIS_SCALE`` without editing the tests:

    SHIPROUTE_HYPOTHESIS_SCALE=9 python -m pytest -q tests/test_claims.py tests/test_coords.py \\
        --hypothesis-show-statistics
"""

from __future__ import annotations

import os


def examples(count: int) -> int:
    """``count``, times ``$SHIPROUTE_HYPOTHESIS_SCALE`` when that is set (a whole number >= 1)."""
    scale = os.environ.get("SHIPROUTE_HYPOTHESIS_SCALE", "").strip()
    return count * max(1, int(scale)) if scale else count
