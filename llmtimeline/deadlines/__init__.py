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

import attrs

from ..dates import DateLike, add_months, parse_date
from ..exceptions import DateError, DeadlineError
from ._rules import NeedsSaid, Parser, Reading, Refusal
from ._text import Tokens, digits, tokenize

__all__ = ["FoundDeadline", "Window", "find_deadlines", "parse_deadline"]

#: Longer phrases are refused at once (no deadline phrase is this long); only shorter ones are cached.
MAX_PHRASE = 300
_CACHED_PHRASE = 200
_PUNCTUATION_EDGES = frozenset(",.;:!?()[]{}-/*&+'\"…")
#: In running text, characters around an anchor word (a digit, a month, "year", "soon"...) where a phrase that
#: holds it may start or end; long runs of anchors are read in overlapping pieces of ``_PIECE`` characters.
_BEFORE_ANCHOR, _AFTER_ANCHOR, _PIECE = 70, 90, 3000
_INSIDE_NUMBERS = frozenset("/-.:")  # signs between the parts of a number or a date
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
    return frozenset(n for n in range(1, len(at)) if at[n - 1] == at[n] - 1
                     and tokens.ends[at[n - 1]] == tokens.starts[at[n]])


def _readings(phrase: str) -> tuple[Reading, ...] | str:
    """Every full reading of ``phrase`` (or why there is none)."""
    from ._grammar import deadline, hedge_spans, past_reference  # the tables are built on first use
    from ._registry import RULES  # noqa: F401 - installs the rules

    tokens = tokenize(phrase)
    words = tokens.words
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


def _windows(text: str) -> list[tuple[int, int, list[int]]]:
    """Where phrases may be: around each anchor word (one compiled scan), merged, cut into overlapping pieces;
    each piece with the offsets of its anchors."""
    from ._registry import ANCHORS

    n = len(text)
    lowered = text.lower()
    if len(lowered) != n:  # a few letters lower to two ("İ"): keep the offsets of the text
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    runs: list[tuple[int, int, list[int]]] = []
    for m in ANCHORS.finditer(lowered):
        a, b = max(0, m.start() - _BEFORE_ANCHOR), min(n, m.end() + _AFTER_ANCHOR)
        if runs and a <= runs[-1][1]:
            runs[-1] = (runs[-1][0], b, runs[-1][2])
        else:
            runs.append((a, b, []))
        runs[-1][2].append(m.start())
    pieces = []
    overlap = _BEFORE_ANCHOR + _AFTER_ANCHOR
    for a, b, anchors in runs:
        start = a
        while b - start > _PIECE:
            stop = start + _PIECE
            pieces.append((start, stop, [x for x in anchors if start <= x < stop]))
            start = stop - overlap
        pieces.append((start, b, [x for x in anchors if x >= start]))
    return pieces


def _snap(text: str, a: int, b: int) -> tuple[int, int]:
    """A window moved to the edges of whole words (never past 40 characters)."""
    if a > 0 and not text[a - 1].isspace():
        space = text.find(" ", a, a + 40)
        a = a if space < 0 else space + 1
    if b < len(text) and not text[b].isspace():
        space = text.find(" ", b, b + 40)
        b = len(text) if space < 0 and b + 40 >= len(text) else (b if space < 0 else space)
    return a, b


def find_deadlines(text: str, said: DateLike | None = None) -> list[FoundDeadline]:
    """Every deadline phrase the grammar knows in running ``text``, with its span and window.

    Phrases do not overlap; the longest is taken, in order of ``start``.  In
    running text a bare month, year, weekday, holiday or number needs a
    connector ("in May", "by 2026", "on Monday", "within two years"); past
    references ("last year", "two years ago", "since 2023") are never found.
    Relative phrases need ``said`` (without it only dates are found).

    The text is scanned once by one compiled pattern for the words every phrase
    holds (a digit, a month, a unit, "soon"...); the rules read only the
    characters around them, so text with no such word costs one regex pass, and
    time is linear in the length of the text.

    >>> [(f.text, str(f.window.latest)) for f in find_deadlines(
    ...     "Altman said last year that GPT-5 would ship by the end of next year, or even sooner.", said="2024-04-09")]
    [('by the end of next year, or even sooner', '2025-12-31')]
    >>> [f.text for f in find_deadlines("May said the model will launch in May.", said="2024-04-09")]
    ['in May']
    """
    if not isinstance(text, str):
        raise DeadlineError(text, f"expected a text, got {type(text).__name__}")
    found: list[FoundDeadline] = []
    overlap = _BEFORE_ANCHOR + _AFTER_ANCHOR
    pieces = _windows(text)
    for k, (a, b, anchors) in enumerate(pieces):
        last_piece = k + 1 == len(pieces) or pieces[k + 1][0] >= b
        a, b = _snap(text, a, b)
        for f in _scan(text, a, b, anchors, said):
            if found and f.start < found[-1].end:
                continue
            if not last_piece and f.start >= b - overlap:
                break  # the next piece reads it with the words after it
            found.append(f)
    return found


def _starts(words: list[str], starts: list[int], anchors: list[int], offset: int) -> list[int]:
    """Where a phrase holding one of the anchors may start: from each anchor back over the words of the grammar's
    vocabulary (a phrase is made of them only), at most ``_BACK`` words."""
    from ._registry import VOCABULARY

    allowed: set[int] = set()
    k = 0
    for x in anchors:
        while k < len(starts) and starts[k] < x - offset:
            k += 1
        if k >= len(words):
            break
        a = k
        if a < len(starts) and starts[a] > x - offset and a > 0:
            a -= 1
        left = a
        while left > 0 and a - left < _BACK and (words[left - 1] in VOCABULARY or digits(words[left - 1])):
            left -= 1
        allowed.update(range(left, a + 1))
    return sorted(allowed)


_BACK = 14


def _scan(text: str, offset: int, stop: int, anchors: list[int], said: DateLike | None) -> list[FoundDeadline]:
    """The deadline phrases of ``text[offset:stop]`` that hold one of the ``anchors``, at their places in ``text``."""
    from . import _phrases as V
    from ._grammar import deadline, hedge_spans, past_at  # the tables are built on first use
    from ._registry import FIRST_WORDS

    piece = text[offset:stop]
    tokens = tokenize(piece)
    words = tokens.words
    hedges = hedge_spans(words)
    hedged = {k for a, b in hedges for k in range(a, b)}
    kept = [k for k in range(len(words)) if k not in hedged]
    hedge_at = {a: b for a, b in hedges}
    hedge_before = {b: a for a, b in hedges}
    p = Parser([words[k] for k in kept], _joined(tokens, kept))
    found: list[FoundDeadline] = []
    position = {k: n for n, k in enumerate(kept)}
    tries = sorted({position[k] for k in _starts(words, tokens.starts, anchors, offset) if k in position})
    def step(i: int) -> int:
        """Read at ``i``: append the phrase found there; return where to read next."""
        past = past_at(p.w, i)
        if past > i:  # "earlier this year", "il y a deux semaines": skipped whole
            return past
        w = p.w[i]
        if w not in FIRST_WORDS and not (digits(w) and not _glued(piece, tokens.starts[kept[i]])):
            return i + 1  # not a first word, or the number of a name ("GPT-5", "Llama-3")
        if (i > 0 and p.w[i - 1] in _INSIDE_NUMBERS and digits(w)
                and tokens.ends[kept[i - 1]] == tokens.starts[kept[i]]):
            return i + 1  # the middle of a number, a date or a score ("1/2/3", "3.5", "7-2"): no phrase starts there
            # (glued only: "— 15 May 2025" or ": 15 May" start a date at the number)
        readings = deadline(p, i)
        ends = sorted({j for r, j in readings if r.loose == 0}, reverse=True)
        # "after next year", "not before 2026", "by June 31": no deadline inside
        lower = max([j for r, j in readings if r.lower] + [p.refused_until])
        if lower > i and (not ends or ends[0] < lower):
            return lower
        # "au cours de l'année à venir", "within the month": two readings, so neither is found, nor a part
        refused = max([j for r, j in readings if r.kind == "refused"], default=i)
        if refused > i and (not ends or ends[0] <= refused):
            return refused
        if not ends or (i > 0 and p.w[i - 1] in V.PAST_BEFORE):
            return i + 1
        for j in ends:
            if p.at(j) in V.PAST_AFTER:
                continue
            first, last = kept[i], kept[j - 1] + 1
            while first in hedge_before:  # "probably by June", "vers la fin de l'année"
                first = hedge_before[first]
            if last in hedge_at:  # "in a year maximum"
                last = hedge_at[last]
            elif last + 1 in hedge_at and words[last] == ",":
                if " ".join(words[last + 1:hedge_at[last + 1]]) in V.TRAILING_HEDGES:  # ", voire moins"
                    last = hedge_at[last + 1]
            start, end = offset + tokens.starts[first], offset + tokens.ends[last - 1]
            try:
                window = parse_deadline(text[start:end], said=said)
            except DeadlineError as exc:
                if _PAST_WINDOW in exc.reason:
                    return j  # "in June 2023" said in 2024: no deadline inside it either ("in June")
                continue
            found.append(FoundDeadline(text[start:end], start, end, window))
            return j
        return i + 1

    i = 0
    for t in tries:
        i = max(i, t)
        while i <= t:  # a past reference or a lower bound may carry the reading past the next try
            i = step(i)
    return found
