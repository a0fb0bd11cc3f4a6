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

The conventions of this round (DESIGN.md), each pinned by the corpus
``tests/data/deadline_corpus.csv``:

* starts stated as dates ("starting in June", "à partir de juin", "dès 2027") end
  on that period's last day; lower bounds ("not before 2028", "pas avant 2028",
  "2028 at the earliest") are vague with no horizon;
* "until" a period named from the day said ends the day before it ("until next
  year"); "until the end of X" on X's last day; "until" a day on that day; "until"
  a named year, month or season ("until 2028") is refused;
* "by the start of X" ends the day before X starts;
* alternatives and corrections take the later bound ("by May, or by August at the
  latest", "this year or early next"); a restatement is decided by its explicit
  part, and two explicit parts that disagree are refused;
* half a month is 15 days ("3 1/2 months"); numbers are read in words of any
  size ("two hundred and forty days"); business forms ("3Q26", "Q3'26", "2H 2026",
  "the 2027 second quarter") name quarters and halves; "24h" stays hours;
* a time of day names its day ("tomorrow at 7:25 pm", "by midnight Friday");
* refused, naming the readings: "within the month / year / week / decade", "over
  the coming year", fiscal years, holidays that differ by country, events the
  grammar cannot date ("by Google I/O"), "next Saturday" when the first one after
  the day said is not next week's, numeric dates with a two-digit year; and any
  window that ends before the day said, an explicit date included.

In running text (:func:`find_deadlines`), the words around a time decide whether it is
a deadline (``_context.py``), each a rule of the registry:

* "from" and "as of" before a time that names its year are starts ("from 2028"), not
  after a word that makes "from" a baseline ("up from 2025"); "dès" written with its
  accent is a start before any time ("dès novembre"), the article "des" never;
* a time that names its year and is the subject of a future verb is a deadline
  ("2027 will be the year", "2025 sera une année cruciale");
* the later times of a list read "respectively" are each their own window ("in 2025
  and 2027, respectively" gives "in 2025" and "2027"), and the list is not one range;
* "tomorrow" / "demain" after a word of their clause are days ("on va lancer demain"),
  not in "the AI of tomorrow", "l'IA de demain" or "tomorrow's";
* a part of something the grammar does not read ("the second half of the decade", "the
  first quarter of the fiscal year") is no deadline, nor a part of one.

Every rule is listed once, in ``_registry.RULES`` (name, kind, first words,
production); all vocabulary is in ``_phrases.py``.

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
import itertools

import attrs
import numpy as np

from ..dates import NO_DAY, DateLike, add_months, day_number, from_day_number, parse_date
from ..exceptions import DateError, DeadlineError
from ._rules import NeedsSaid, Parser, Reading, Refusal, no_day
from ._text import Tokens, tokenize

__all__ = ["FoundDeadline", "Window", "find_deadlines", "parse_deadline"]

#: Longer phrases are refused at once (no deadline phrase is this long); only shorter ones are cached.
MAX_PHRASE = 300
_CACHED_PHRASE = 200
_PUNCTUATION_EDGES = frozenset(",.;:!?()[]{}-/*&+'\"…")
_PAST_WINDOW = "before the day said"  # the reason given for a window that ended before it
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


def _strip(words: list[str], hedges: list[tuple[int, int]]) -> tuple[list[str], list[int]]:
    """The words without hedges, commas next to them, or punctuation at either end, with the position of each
    in ``words``.  A correction between two times ("by May, or by August at the latest", "d'ici juin, au plus
    tard fin septembre") reads as "or"."""
    from . import _phrases as V

    drop = {k for a, b in hedges for k in range(a, b)}
    near = {k for a, b in hedges for k in (a - 1, b)}
    corrections = {a for a, b in hedges if a > 0 and b < len(words) and words[a - 1] == ","
                   and " ".join(words[a:b]) in V.CORRECTIONS}
    at = [k for k, w in enumerate(words)
          if k in corrections or (k not in drop and not (w == "," and k in near and k + 1 not in corrections))]
    while at and words[at[0]] in _PUNCTUATION_EDGES:
        at.pop(0)
    while at and words[at[-1]] in _PUNCTUATION_EDGES:
        at.pop()
    return ["or" if k in corrections else words[k] for k in at], at


def _joined(tokens: Tokens, at: list[int]) -> frozenset[int]:
    """The positions (in the kept words ``at``) whose word touches the word before it in the text."""
    ends, starts = tokens.ends, tokens.starts
    return frozenset(n for n, (a, b) in enumerate(itertools.pairwise(at), 1) if b == a + 1 and ends[a] == starts[b])


#: The words :func:`_readings` has read, in all (``find_deadlines`` charges its allowance of work with them).
_words_read = [0]


def _readings(phrase: str) -> tuple[Reading, ...] | str:
    """Every full reading of ``phrase`` (or why there is none)."""
    from ._grammar import deadline, hedge_spans, past_reference  # the tables are built on first use
    from ._registry import RULES  # noqa: F401 - installs the rules

    tokens = tokenize(phrase)
    words = tokens.words
    _words_read[0] += len(words)
    hedges = hedge_spans(words)
    kept, at = _strip(words, hedges)
    if not kept:
        if hedges:
            return "a hedge alone ('probably', 'at the latest') is not a deadline"
        return "punctuation alone is not a deadline"
    p = Parser(kept, _joined(tokens, at))
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
        if r.kind == "refused":  # two common readings, a fiscal year, an event: refused whatever else it reads as
            try:
                r.latest(said)
            except Refusal as exc:
                return exc.reason
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
        if latest is not None and said is not None and latest < said:  # whatever its kind (DESIGN)
            problem = f"the window ends on {latest.isoformat()}, {_PAST_WINDOW} ({said.isoformat()})"
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


def read_days(phrase: str, days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str]]:
    """Read one phrase from many days said at once: each day's last day, vague flag and soft horizon.

    ``days`` are day numbers (:func:`~llmtimeline.dates.day_number`); the result is
    each day's last day (:data:`~llmtimeline.dates.NO_DAY` when the window names
    none), whether it is vague, its soft horizon (NO_DAY when none), and, by
    position, why a day's reading is refused.  The same readings as
    :func:`parse_deadline` (``parse_deadline(phrase, said=d)`` for each ``d``),
    without a :class:`Window` per day: the loader reads a million rows' deadlines
    this way.  A phrase whose readings name no day (vague ones) is read once,
    whatever the day: only its soft horizon counts from the day said, computed for
    every day at once.

    >>> from llmtimeline.dates import day_number, day_text
    >>> said = np.array([day_number(dt.date(2024, 1, 31)), day_number(dt.date(2024, 4, 9))])
    >>> ends, vague, horizons, refused = read_days("within a month", said)
    >>> [day_text(d) for d in ends], vague.tolist(), refused
    (['2024-02-29', '2024-05-09'], [False, False], {})
    >>> ends, vague, horizons, refused = read_days("soon", said)
    >>> [day_text(d) for d in horizons], vague.tolist()
    (['2024-07-31', '2024-10-09'], [True, True])
    """
    days = np.asarray(days, dtype=np.int64)
    n = days.size
    ends = np.full(n, NO_DAY, dtype=np.int64)
    horizons = np.full(n, NO_DAY, dtype=np.int64)
    vague = np.zeros(n, dtype=bool)
    if not phrase.strip():
        return ends, vague, horizons, {}
    if len(phrase) > MAX_PHRASE:
        return ends, vague, horizons, dict.fromkeys(range(n), _too_long(phrase))
    readings = _cached_readings(phrase) if len(phrase) <= _CACHED_PHRASE else _readings(phrase)
    if isinstance(readings, str):
        return ends, vague, horizons, dict.fromkeys(range(n), readings)
    refused: dict[int, str] = {}
    rest = np.arange(n)
    if readings and all(r.latest is no_day and r.kind != "refused" for r in readings):
        rest = _read_dayless(phrase, readings, days, vague, horizons, refused)
    elif len(readings) == 1 and readings[0].span is not None and all(
            type(x) is int for part in readings[0].span for x in part):
        rest = _read_span(readings[0].span, days, ends)
    for i in rest.tolist():
        got = _resolve(phrase, readings, from_day_number(int(days[i])))
        if isinstance(got, str):
            refused[i] = got
            continue
        latest, vague[i], _, horizon = got
        ends[i] = NO_DAY if latest is None else day_number(latest)
        horizons[i] = NO_DAY if horizon is None else day_number(horizon)
    return ends, vague, horizons, refused


#: Day numbers from which months are added by numpy (up to 1,000 years on, the calendar's end is far).
_LAST_VECTOR_DAY = day_number(dt.date(8999, 12, 31))


def _read_dayless(phrase: str, readings: tuple[Reading, ...], days: np.ndarray, vague: np.ndarray,
                  horizons: np.ndarray, refused: dict[int, str]) -> np.ndarray:
    """The days of a phrase whose readings name no day (each only a vague flag and a soft horizon of a
    number of months), read at once as :func:`_resolve` reads each; returns the positions left to it.

    Every reading gives no last day, so only the flags and horizons may differ: when two readings
    differ (another flag, another number of months: horizons a month apart never fall on one day),
    every day is refused with the same reason; else each day's horizon is the day said plus the
    months (the month's last day when it lacks the day), as :func:`~llmtimeline.dates.add_months`."""
    shapes = {(r.vague, r.horizon) for r in readings}
    near = days <= _LAST_VECTOR_DAY
    if len(shapes) > 1:
        for i in np.flatnonzero(near).tolist():
            got = _resolve(phrase, readings, from_day_number(int(days[i])))
            if not isinstance(got, str):  # pragma: no cover - differing readings are always ambiguous
                return np.arange(days.size)
            refused[i] = got
        return np.flatnonzero(~near)
    ((flag, months),) = shapes
    vague[near] = flag
    if months is not None:
        horizons[near] = _add_months(days[near], months)
    return np.flatnonzero(~near)


def _read_span(span: tuple[tuple[int, int, int], ...], days: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The last days of a phrase read as one span alone ("within 3 months"): the day said plus its
    longest part, for every day at once, as the span's reading computes each (months added as
    :func:`~llmtimeline.dates.add_months` adds them, then days, then minutes as whole days rounded
    up); returns the positions left to :func:`_resolve` (a window ending before the day said, or
    beyond the calendar, is refused there with its reason)."""
    near = days <= _LAST_VECTOR_DAY
    at = days[near]
    last = np.full(at.size, np.iinfo(np.int64).min, dtype=np.int64)
    low = np.full(at.size, np.iinfo(np.int64).max, dtype=np.int64)  # every part must be a day of the calendar
    for months, extra, minutes in span:
        moved = _add_months(at, months)
        low = np.minimum(low, np.minimum(moved, moved + extra + -(-minutes // 1440)))
        last = np.maximum(last, moved + extra + -(-minutes // 1440))
    fine = (last >= at) & (last <= _LAST_DAY) & (low >= _FIRST_DAY)
    ends[np.flatnonzero(near)[fine]] = last[fine]
    return np.concatenate([np.flatnonzero(near)[~fine], np.flatnonzero(~near)])


_FIRST_DAY, _LAST_DAY = day_number(dt.date(1, 1, 1)), day_number(dt.date(9999, 12, 31))


def _add_months(days: np.ndarray, months: int) -> np.ndarray:
    """Day numbers moved by calendar months, a day the month lacks becoming its last (:func:`add_months`)."""
    day = days.astype("datetime64[D]")
    month = day.astype("datetime64[M]")
    target = month + np.timedelta64(months, "M")
    first = target.astype("datetime64[D]")
    length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - first).astype(np.int64)
    moved = first + np.minimum((day - month.astype("datetime64[D]")).astype(np.int64), length - 1)
    return np.asarray(moved.astype(np.int64))


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


from ._scan import FoundDeadline, find_deadlines  # noqa: E402 - the scan reads with parse_deadline
