"""Deadline phrases in English and French, read relative to the day a claim was made.

The grammar (DESIGN.md, "Dates and deadlines") is built from small rules over
recognised pieces (numbers, units, periods, months, weekdays, holidays,
connectors, hedges), shared by both languages: spans run from the day said in
calendar months; named periods, bare months, quarters, halves and seasons end
on their last day; "before X" ends the day before X starts; alternatives and
ranges take the later bound; hedges do not move the window; vague phrases name
no day but may carry a soft horizon.  A phrase the conventions do not decide is
refused with a :class:`~llmtimeline.DeadlineError` naming it: a wrong day is
worse than a refusal.

>>> import llmtimeline as lt
>>> lt.parse_deadline("d'ici un mois, voire moins", said="2024-04-09").latest
datetime.date(2024, 5, 9)
>>> lt.parse_deadline("by the end of next year", said="2024-04-09").latest
datetime.date(2025, 12, 31)
>>> w = lt.parse_deadline("in the coming weeks", said="2024-04-09")
>>> w.vague, w.latest, w.horizon
(True, None, datetime.date(2024, 7, 9))
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs

from ..dates import DateLike, add_months, parse_date
from ..exceptions import DateError, DeadlineError
from ._rules import NeedsSaid, Parser, Reading, Refusal
from ._text import digits, tokenize

__all__ = ["FoundDeadline", "Window", "find_deadlines", "parse_deadline"]

#: Longer phrases are refused at once (no deadline phrase is this long); only shorter ones are cached.
MAX_PHRASE = 300
_CACHED_PHRASE = 200
_PUNCTUATION_EDGES = frozenset(",.;:!?()[]{}-/*&+'\"…")
_PAST_BEFORE = frozenset({"since", "depuis", "last", "past", "previous", "dernier", "derniere", "ago"})
_PAST_AFTER = frozenset({"ago", "dernier", "derniere", "derniers", "dernieres", "passe", "passee", "passes", "passees",
                         "precedent", "precedente", "earlier", "auparavant", "plus",
                         # "a few days after the launch", "deux semaines avant": counted from another event
                         "after", "apres", "before", "avant", "later"})
_UNKNOWN = (
    "not a known deadline phrase: expected a date (2024-06-30, 'May 15', 'le 1er mars'), a span ('within "
    "18 months', \"d'ici trois mois\"), a period ('by the end of next year', 'in Q3', \"d'ici l'été\") or a "
    "vague phrase ('soon', 'dans les prochains mois')"
)


@attrs.frozen
class Window:
    """The window a prediction gives itself.

    Attributes
    ----------
    phrase:
        The deadline text as given (``None`` for no deadline).
    said:
        The day the window is read from (the latest day the claim may have been
        made), or ``None`` when the phrase did not need one.
    latest:
        The last day of the window, or ``None`` when it is open.
    vague:
        True for a phrase that names no date ("soon", "bientôt").
    kind:
        ``"date"``, ``"span"``, ``"period"``, ``"vague"`` or ``"none"``.
    horizon:
        For a vague phrase, the last day of its soft horizon counted from the
        day said ("in the coming weeks": 3 months), or ``None`` when it has none.
    """

    phrase: str | None
    said: dt.date | None
    latest: dt.date | None
    vague: bool = False
    kind: str = "none"
    horizon: dt.date | None = None

    @property
    def open(self) -> bool:
        """True when the window has no last day (vague, or no deadline)."""
        return self.latest is None


@attrs.frozen
class FoundDeadline:
    """A deadline phrase found in running text by :func:`find_deadlines`.

    ``text`` is the phrase as written: ``text == source[start:end]``; ``window``
    is what :func:`parse_deadline` reads from it.
    """

    text: str
    start: int
    end: int
    window: Window


def _strip(words: list[str], hedges: list[tuple[int, int]]) -> list[str]:
    """The words without hedges, commas next to them, or punctuation at either end."""
    drop = {k for a, b in hedges for k in range(a, b)}
    near = {k for a, b in hedges for k in (a - 1, b)}
    kept = [w for k, w in enumerate(words) if k not in drop and not (w == "," and k in near)]
    while kept and kept[0] in _PUNCTUATION_EDGES:
        kept.pop(0)
    while kept and kept[-1] in _PUNCTUATION_EDGES:
        kept.pop()
    return kept


def _readings(phrase: str) -> tuple[Reading, ...] | str:
    """Every full reading of ``phrase`` (or why there is none)."""
    from ._grammar import deadline, hedge_spans, past_reference  # the tables are built on first use

    words = tokenize(phrase).words
    hedges = hedge_spans(words)
    kept = _strip(words, hedges)
    if not kept:
        if hedges:
            return "a hedge alone ('probably', 'at the latest') is not a deadline"
        return "punctuation alone is not a deadline"
    p = Parser(kept)
    found = tuple(r for r, j in deadline(p, 0) if j == len(kept))
    if found:
        return found
    if past_reference(kept):
        return "refers to the past: not a deadline"
    if p.refusals:
        return p.refusals[0]
    return _UNKNOWN


_cached_readings = functools.lru_cache(maxsize=32768)(_readings)  # phrases of <= 200 characters: <= ~7 MB


def _resolve(phrase: str, readings: tuple[Reading, ...], said: dt.date | None,
             ) -> tuple[dt.date | None, bool, str, dt.date | None] | str:
    """The one window the readings of ``phrase`` give from ``said`` (last day, vague, kind, horizon), or why none."""
    found: tuple[dt.date | None, bool, str, dt.date | None] | None = None
    others: set[dt.date | None] = set()
    problem = None
    for r in readings:
        try:
            latest = r.latest(said)
            horizon = None
            if r.horizon is not None:
                if said is None:
                    raise NeedsSaid
                horizon = add_months(said, r.horizon)
        except NeedsSaid:
            return "needs the date the claim was made (said=...)"
        except Refusal as exc:
            problem = exc.reason
            continue
        except (ValueError, OverflowError) as exc:
            problem = f"the window falls outside the calendar ({exc})"
            continue
        if latest is not None and said is not None and r.kind != "date" and latest < said:
            problem = f"the window ends on {latest.isoformat()}, before the day said ({said.isoformat()})"
            continue
        if found is None:
            found = (latest, r.vague, r.kind, horizon)
        elif (latest, r.vague, horizon) != (found[0], found[1], found[3]):
            others.add(latest)
    if others and found is not None:
        days = " or ".join(sorted({str(d or "no day") for d in others | {found[0]}}))
        if others == {found[0]}:  # the same last day (or none), another soft horizon
            return f"ambiguous: it reads as {days}, with soft horizons that differ"
        return f"ambiguous: it reads as {days}"
    if found is None:
        return problem or _UNKNOWN
    return found


def _window(phrase: str, said: dt.date | None) -> Window:
    readings = _cached_readings(phrase) if len(phrase) <= _CACHED_PHRASE else _readings(phrase)
    if isinstance(readings, str):
        raise DeadlineError(phrase, readings)
    got = _resolve(phrase, readings, said)
    if isinstance(got, str):
        raise DeadlineError(phrase, got)
    latest, vague, kind, horizon = got
    return Window(phrase, said, latest, vague, kind, horizon)


def _too_long(phrase: str) -> str:
    return f"{len(phrase)} characters is too long for a deadline phrase (at most {MAX_PHRASE})"


def read_days(phrase: str, days: list[dt.date]) -> list[tuple[dt.date | None, bool, dt.date | None] | str]:
    """Read one phrase from many days said at once: each day's (last day, vague, horizon), or why it is refused.

    The same readings as :func:`parse_deadline` (``parse_deadline(phrase, said=d)``
    for each ``d``) without making a :class:`Window` per day: the loader reads a
    million rows' deadlines this way.

    >>> import datetime as dt
    >>> read_days("within a month", [dt.date(2024, 1, 31), dt.date(2024, 4, 9)])
    [(datetime.date(2024, 2, 29), False, None), (datetime.date(2024, 5, 9), False, None)]
    """
    if not phrase.strip():
        return [(None, False, None)] * len(days)
    if len(phrase) > MAX_PHRASE:
        return [_too_long(phrase)] * len(days)
    readings = _cached_readings(phrase) if len(phrase) <= _CACHED_PHRASE else _readings(phrase)
    if isinstance(readings, str):
        return [readings] * len(days)
    out: list[tuple[dt.date | None, bool, dt.date | None] | str] = []
    for day in days:
        got = _resolve(phrase, readings, day)
        out.append(got if isinstance(got, str) else (got[0], got[1], got[3]))
    return out


_cached_window = functools.lru_cache(maxsize=8192)(_window)


def parse_deadline(text: str | None, said: DateLike | None = None) -> Window:
    """Read a deadline phrase into a :class:`Window`.

    Parameters
    ----------
    text:
        The phrase, English or French ("within 18 months", "d'ici la fin de
        l'année prochaine", "by Q3", "May 15", "2024-06-30", "soon"...).
        ``None`` or a blank text means no deadline: an open window.
    said:
        When the claim was made: a date text, :class:`~llmtimeline.When` or
        ``datetime.date``.  Relative phrases are read from its *latest* day (the
        benefit of the doubt).  Explicit dates do not need it.

    Raises
    ------
    DeadlineError
        for a phrase it does not know, a past reference, punctuation alone, an
        impossible or ambiguous date, or a relative phrase without ``said``;
        the error names the phrase and says why.

    >>> parse_deadline("within a month", said="2024-01-31").latest
    datetime.date(2024, 2, 29)
    >>> parse_deadline("d'ici l'été", said="2024-04-09").latest
    datetime.date(2024, 8, 31)
    >>> parse_deadline("before mid-2025", said="2024-04-09").latest
    datetime.date(2025, 4, 30)
    >>> parse_deadline("by June 31", said="2024-04-09")
    Traceback (most recent call last):
    ...
    llmtimeline.exceptions.DeadlineError: deadline 'by June 31': June 31 is not a day of the calendar
    """
    if text is None:
        return Window(None, None, None, False, "none")
    if not isinstance(text, str):
        raise DeadlineError(text, f"expected a text, got {type(text).__name__}")
    day: dt.date | None = None
    if type(said) is dt.date:  # the common case when a table is read: no When to build
        day = said
    elif said is not None:
        try:
            day = parse_date(said).latest
        except DateError as exc:
            raise DeadlineError(text, f"said={said!r} is not a date: {exc.reason}") from None
    if not text.strip():
        return Window(text, None, None, False, "none")
    if len(text) > MAX_PHRASE:
        raise DeadlineError(text[:60] + "…", _too_long(text))
    if len(text) <= _CACHED_PHRASE:
        return _cached_window(text, day)
    return _window(text, day)


def _glued(text: str, start: int) -> bool:
    """True when the token at ``start`` is joined to a word before it ("GPT-5", "H100", "v2")."""
    if start == 0:
        return False
    before = text[start - 1]
    return before.isalpha() or (before in "-‐‑–" and start > 1 and text[start - 2].isalpha())


def find_deadlines(text: str, said: DateLike | None = None) -> list[FoundDeadline]:
    """Every deadline phrase the grammar knows in running ``text``, with its span and window.

    Phrases do not overlap; the longest is taken, in order of ``start``.  In
    running text a bare month, year, weekday, holiday or number needs a
    connector ("in May", "by 2026", "on Monday", "within two years"); past
    references ("last year", "two years ago", "since 2023") are never found.
    Relative phrases need ``said`` (without it only dates are found).  Time is
    linear in the length of the text.

    >>> [(f.text, str(f.window.latest)) for f in find_deadlines(
    ...     "Altman said last year that GPT-5 would ship by the end of next year, or even sooner.", said="2024-04-09")]
    [('by the end of next year, or even sooner', '2025-12-31')]
    >>> [f.text for f in find_deadlines("May said the model will launch in May.", said="2024-04-09")]
    ['in May']
    """
    if not isinstance(text, str):
        raise DeadlineError(text, f"expected a text, got {type(text).__name__}")
    from . import _phrases as V
    from ._grammar import FIRST_WORDS, deadline, hedge_spans, past_at  # the tables are built on first use

    tokens = tokenize(text)
    words = tokens.words
    hedges = hedge_spans(words)
    hedged = {k for a, b in hedges for k in range(a, b)}
    kept = [k for k in range(len(words)) if k not in hedged]
    hedge_at = {a: b for a, b in hedges}
    hedge_before = {b: a for a, b in hedges}
    p = Parser([words[k] for k in kept])
    found: list[FoundDeadline] = []
    i = 0
    while i < p.n:
        past = past_at(p.w, i)
        if past > i:  # "earlier this year", "il y a deux semaines": skipped whole
            i = past
            continue
        if p.w[i] not in FIRST_WORDS and not (digits(p.w[i]) and not _glued(text, tokens.starts[kept[i]])):
            i += 1  # not a first word, or the number of a name ("GPT-5", "Llama-3")
            continue
        readings = deadline(p, i)
        ends = sorted({j for r, j in readings if r.loose == 0}, reverse=True)
        # "after next year", "not before 2026", "by June 31": no deadline inside
        lower = max([j for r, j in readings if r.lower] + [p.refused_until])
        if lower > i and (not ends or ends[0] < lower):
            i = lower
            continue
        if not ends or (i > 0 and p.w[i - 1] in _PAST_BEFORE):
            i += 1
            continue
        for j in ends:
            if p.at(j) in _PAST_AFTER:
                continue
            first, last = kept[i], kept[j - 1] + 1
            while first in hedge_before:  # "probably by June", "vers la fin de l'année"
                first = hedge_before[first]
            if last in hedge_at:  # "in a year maximum"
                last = hedge_at[last]
            elif last + 1 in hedge_at and words[last] == ",":
                if " ".join(words[last + 1:hedge_at[last + 1]]) in V.TRAILING_HEDGES:  # ", voire moins"
                    last = hedge_at[last + 1]
            start, end = tokens.starts[first], tokens.ends[last - 1]
            try:
                window = parse_deadline(text[start:end], said=said)
            except DeadlineError:
                continue
            found.append(FoundDeadline(text[start:end], start, end, window))
            i = j - 1
            break
        i += 1
    return found
