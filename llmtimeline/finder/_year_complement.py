"""A year named by a future "be": "the time it will be on the market will be 2026", "la sortie sera 2027".

The deadline grammar reads a bare year only after a connector ("in 2027", "by 2027"), or as the
subject of a future verb ("2027 will be the year of agents": the grammar's rule in
``deadlines/_context.py``, the one place for it).  A year that a future "be" names as its
complement carries neither; such a year is due by its end.  The finder adds these phrases beside
the grammar's, with the window the grammar gives the year alone.  A year followed by a unit or an
amount ("will be 2026 units", "sera 2027 millions") is a number, not a year.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from .. import deadlines
from ..exceptions import DeadlineError

__all__ = ["merge", "year_complements"]

_SP = r"[ \u00a0]+"
# "the time it will be on the market will be 2026", "la sortie sera 2027": a year as what a future "be" names.
_YEAR_COMPLEMENT = re.compile(
    rf"\b(?:will{_SP}be|would{_SP}be|sera|serait|seront){_SP}((?:19|20)\d\d)(?![\w'’/–-]|\.\d|[ \u00a0]*[-–/][ \u00a0]*\d)"
    r"(?![ \u00a0]*(?:million|billion|milliard|mds|k\b|%|percent|pour[ \u00a0]cent|units|unités|dollars|euros|[$€£]))",
    re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_BE = ("be", "sera", "serait", "seront")  # one of them must stand before the year


def year_complements(text: str, said: date) -> list[deadlines.FoundDeadline]:
    """Years that a future "be" names in ``text`` ("will be 2026", "sera 2027"), as found deadline phrases.

    Years whose end is before ``said`` are left out.

    >>> [f.text for f in year_complements("The robot will be on sale. The date will be 2026.", date(2025, 1, 10))]
    ['2026']
    >>> year_complements("Sales will be 2026 units.", date(2025, 1, 10))
    []
    """
    out = []
    for year in _YEAR.finditer(text):  # the pattern is tried only around a year (a year is rare, a position is not)
        a, b = year.span()
        if not any(word in text[max(0, a - 12):a] for word in _BE):
            continue
        match = _YEAR_COMPLEMENT.search(text, max(0, a - 20), b + 30)
        if match is None or match.start(1) != a:
            continue
        try:
            window = deadlines.parse_deadline(year.group(), said=said)
        except DeadlineError:
            continue
        if window.latest is None or window.latest < said:
            continue
        out.append(deadlines.FoundDeadline(text=year.group(), start=a, end=b, window=window))
    return out


def merge(found: list[deadlines.FoundDeadline], extra: list[deadlines.FoundDeadline]) -> list[deadlines.FoundDeadline]:
    """``found`` and the phrases of ``extra`` that overlap none of them, in order of start."""
    if not extra:
        return found
    starts = [f.start for f in found]
    kept = []
    for item in extra:
        k = bisect.bisect_right(starts, item.start)
        if k and found[k - 1].end > item.start:
            continue
        if k < len(found) and found[k].start < item.end:
            continue
        kept.append(item)
    return sorted(found + kept, key=lambda f: f.start)
