"""A year as the subject of a future verb: "2027 will be the year of agents", "2025 sera une année critique".

The deadline grammar reads a bare year only after a connector ("in 2027", "by 2027");
a year that is itself what the sentence predicts about carries no connector.  Such a
year followed by a future verb names that year: the claim is due by its end.  The
finder adds these phrases beside the grammar's, with the window the grammar gives the
year alone.  A year written after a month, a day, a preposition or another number
("March 5, 2025 will", "in 2025 will", "2024-2025 will") is not a subject here.
"""

from __future__ import annotations

import re
from datetime import date

from .. import deadlines
from ..exceptions import DeadlineError

__all__ = ["year_subjects"]

_SP = r"[ \u00a0]+"
_FUTURE = (
    r"will|shall|is[ \u00a0]+going[ \u00a0]+to|is[ \u00a0]+set[ \u00a0]+to|is[ \u00a0]+shaping[ \u00a0]+up[ \u00a0]+to"
    r"|is[ \u00a0]+expected[ \u00a0]+to|is[ \u00a0]+likely[ \u00a0]+to|promises[ \u00a0]+to|could|should|might"
    r"|sera|serait|seront|va[ \u00a0]+être|devrait[ \u00a0]+être|pourrait[ \u00a0]+être|promet[ \u00a0]+d['’]être"
    r"|s['’]annonce")
_YEAR_SUBJECT = re.compile(
    rf"(?<![\w/.,:–-])((?:(?:l['’]année|the{_SP}year){_SP})?(?:19|20)\d\d)"
    rf"(?![\w/.–-]|[ \u00a0]*[-–/][ \u00a0]*\d)(?:{_SP}|[ \u00a0]*,{_SP})(?:{_FUTURE})\b",
    re.IGNORECASE)
# "the time it will be on the market will be 2026", "la sortie sera 2027": a year as what a future "be" names.
_YEAR_COMPLEMENT = re.compile(
    rf"\b(?:will{_SP}be|would{_SP}be|sera|serait|seront){_SP}((?:19|20)\d\d)(?![\w'’/.–-]|[ \u00a0]*[-–/][ \u00a0]*\d)"
    r"(?![ \u00a0]*(?:million|billion|milliard|mds|k\b|%|percent|pour[ \u00a0]cent|units|unités|dollars|euros|[$€£]))",
    re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
# Words after which a year is a date's part or a preposition's object, not a subject.
_NOT_SUBJECT_AFTER = frozenset(
    """the a an in by of from since until till to through before after during for at on and or than
    en de du des dès depuis jusqu'en avant après pendant pour à au et ou fin début mi d'ici le la les
    january february march april may june july august september october november december
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre""".split())
_PREVIOUS_WORD = re.compile(r"([\w'’-]+)[ \u00a0]*,?[ \u00a0]*$")


def year_subjects(text: str, said: date) -> list[deadlines.FoundDeadline]:
    """Years that are the subject of a future verb in ``text``, as found deadline phrases.

    "que 2025 sera" and "I think 2027 will be" are subjects; "in 2025 will",
    "March 5, 2025 will" are not.  A year right after a future "be" ("the launch will be 2026") is read
    too.  Years whose end is before ``said`` are left out.
    """
    out = []
    found: dict[tuple[int, int], re.Match[str]] = {}
    for year in _YEAR.finditer(text):  # each pattern is tried only around a year (a year is rare, a position is not)
        a, b = year.span()
        for pattern, start, stop in ((_YEAR_SUBJECT, max(0, a - 30), b + 60), (_YEAR_COMPLEMENT, max(0, a - 30), b + 30)):
            match = pattern.search(text, start, stop)
            while match is not None and match.end(1) <= a:
                match = pattern.search(text, match.start() + 1, stop)
            if match is not None and match.start(1) <= a < match.end(1):
                found.setdefault(match.span(1), match)
    matches = [found[span] for span in sorted(found)]
    for match in matches:
        start, end = match.span(1)
        if match.re is _YEAR_COMPLEMENT:
            pass  # after "will be": no preposition can stand before it
        elif not match.group(1)[:1].isdigit():
            pass  # "l'année 2025", "the year 2027": the article names the year
        else:
            before = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
            if before is not None and (before.group(1).replace("’", "'").casefold() in _NOT_SUBJECT_AFTER
                                       or before.group(1)[-1:].isdigit()):
                continue
        phrase = text[start:end]
        try:
            window = deadlines.parse_deadline(phrase, said=said)
        except DeadlineError:
            continue
        if window.latest is None or window.latest < said:
            continue
        out.append(deadlines.FoundDeadline(text=phrase, start=start, end=end, window=window))
    return out


def merge(found: list[deadlines.FoundDeadline], extra: list[deadlines.FoundDeadline]) -> list[deadlines.FoundDeadline]:
    """``found`` and the phrases of ``extra`` that overlap none of them, in order of start."""
    if not extra:
        return found
    import bisect

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
