"""A year named by reference to one named before it: "the same year", "that same year", "la même
année", "le 2 mai de la même année".

Such a phrase names no year; the year it refers to is the last one a deadline phrase named before
it, at most :data:`_REACH` characters back (its sentence or the one or two before: "Rubin will launch
in 2026 ... Vera the same year").  The phrase is read as its words with that year written out ("le 2
mai 2025", "in 2026").  With no such year it is no deadline: a refusal is better than a wrong date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from .. import deadlines
from ..exceptions import DeadlineError

__all__ = ["same_year_references"]

_REF = re.compile(r"\b(?:(?:the|that)[ \u00a0]+same[ \u00a0]+year|(?:de[ \u00a0]+)?(?:la|cette)[ \u00a0]+même[ \u00a0]+année)\b",
                  re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_REACH = 600  # characters back to the phrase that names the year
_LEAD_WORDS = 4  # words before the reference that may belong to it ("le 2 mai", "by the end of")
_WORD_BEFORE = re.compile(r"[\w'’.-]+[ \u00a0]*$")


def same_year_references(text: str, found: list[deadlines.FoundDeadline],
                         said: dt.date) -> tuple[list[deadlines.FoundDeadline], dict[int, str]]:
    """The references to a year in ``text`` as found deadline phrases, and for each (by its start) the
    phrase to read it as, the year written out.

    ``found`` is what :func:`llmtimeline.find_deadlines` found in ``text`` (in order): the year is taken
    from the last of them that names one before the reference.

    >>> import datetime as dt
    >>> from llmtimeline import find_deadlines
    >>> text = "Rubin will launch in 2026. Acme will also launch Vera the same year."
    >>> refs, readings = same_year_references(text, find_deadlines(text, said=dt.date(2024, 6, 3)), dt.date(2024, 6, 3))
    >>> [(r.text, readings[r.start], str(r.window.latest)) for r in refs]
    [('the same year', 'in 2026', '2026-12-31')]
    """
    low = text.lower()  # the same length as text for the letters of the reference
    if "same" not in low and "même" not in low:
        return [], {}
    ends = [f.end for f in found]
    out: list[deadlines.FoundDeadline] = []
    readings: dict[int, str] = {}
    for match in _references(text, low):
        k = bisect.bisect_right(ends, match.start())
        year = next((y.group() for f in reversed(found[max(0, k - 6):k]) if match.start() - f.end <= _REACH
                     for y in reversed(list(_YEAR.finditer(f.text)))), None)
        if year is None:
            continue
        read = _read(text, match, year, said)
        if read is None:
            continue
        start, phrase, window = read
        out.append(deadlines.FoundDeadline(text=text[start:match.end()], start=start, end=match.end(), window=window))
        readings[start] = phrase
    return out, readings


def _references(text: str, low: str) -> list[re.Match[str]]:
    """The matches of ``_REF`` in ``text``, read only around the words "same" and "même" of ``low`` (the regex
    alone would read every letter of the text)."""
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): positions differ, read it all
        return list(_REF.finditer(text))
    found: dict[int, re.Match[str]] = {}
    for word in ("same", "même"):
        at = low.find(word)
        while at >= 0:
            match = _REF.search(text, max(0, at - 12), at + len(word) + 12)
            if match is not None and match.start() <= at < match.end():
                found.setdefault(match.start(), match)
            at = low.find(word, at + 1)
    return [found[k] for k in sorted(found)]


def _read(text: str, match: re.Match[str], year: str, said: dt.date) -> tuple[int, str, deadlines.Window] | None:
    """The longest reading of the reference with up to four words before it ("le 2 mai" + the year), else the
    year alone ("in 2026"); None when neither reads."""
    starts = [match.start()]
    at = match.start()
    for _ in range(_LEAD_WORDS):
        before = _WORD_BEFORE.search(text, max(0, at - 40), at)
        if before is None or before.start() == at:
            break
        at = before.start()
        starts.append(at)
    for start in reversed(starts):
        lead = text[start:match.start()].strip()
        phrase = f"{lead} {year}" if lead else f"in {year}"
        try:
            window = deadlines.parse_deadline(phrase, said=said)
        except DeadlineError:
            continue
        if window.latest is not None:
            return start, phrase, window
    return None
