"""Uncertain dates: a day, a month, a quarter or a year, maybe approximate.

>>> import llmtimeline as lt
>>> w = lt.parse_date("2023-07")
>>> w.earliest, w.latest, w.precision
(datetime.date(2023, 7, 1), datetime.date(2023, 7, 31), <Precision.MONTH: 'month'>)
>>> str(lt.parse_date("2024-Q2~"))
'2024-Q2~'
>>> lt.parse_date("2024-04") < lt.parse_date("2024-06-01")   # certainly before
True
>>> lt.parse_date("2024-04") < lt.parse_date("2024-04-18")   # they overlap
False
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
from collections.abc import Callable

import attrs
import numpy as np

from .exceptions import DateError

__all__ = [
    "EPOCH",
    "NO_DAY",
    "DateLike",
    "Precision",
    "When",
    "add_months",
    "datetimes",
    "day_number",
    "day_text",
    "first_yearly",
    "from_day_number",
    "iso_days",
    "last_day_of_month",
    "next_period",
    "nth_weekday",
    "parse_date",
    "period_bounds",
    "third_bounds",
    "today",
]

#: The day unit of every typed column: days since this date (1970-01-01 is 0).
EPOCH = dt.date(1970, 1, 1)
#: "No day" in an integer day column (no deadline, no event).
NO_DAY = -(2**63)
_EPOCH_ORDINAL = EPOCH.toordinal()


def today() -> dt.date:
    """Today's date on this machine: the latest day a check may speak for (and the day ``lint`` compares with).

    The one place the library asks the clock, so that a test can stand on another day.
    """
    return dt.date.today()


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01, the unit of every typed day column.

    >>> day_number(dt.date(1970, 1, 2))
    1
    """
    return day.toordinal() - _EPOCH_ORDINAL


def from_day_number(number: int) -> dt.date:
    """The date ``number`` days after 1970-01-01 (the inverse of :func:`day_number`).

    >>> from_day_number(19831)
    datetime.date(2024, 4, 18)
    """
    return dt.date.fromordinal(int(number) + _EPOCH_ORDINAL)


def day_text(number: int) -> str:
    """A day number as an ISO date; "" for :data:`NO_DAY`.

    >>> day_text(19831), day_text(NO_DAY)
    ('2024-04-18', '')
    """
    return "" if number == NO_DAY else from_day_number(int(number)).isoformat()


def datetimes(numbers: np.ndarray) -> np.ndarray:
    """Day numbers as ``datetime64[s]`` values, NaT for :data:`NO_DAY` (a column of whole days).

    >>> datetimes(np.array([19831, NO_DAY])).astype(str).tolist()
    ['2024-04-18T00:00:00', 'NaT']
    """
    numbers = np.asarray(numbers, dtype=np.int64)
    none = numbers == NO_DAY
    out = (np.datetime64("1970-01-01", "D") + np.where(none, 0, numbers).astype("timedelta64[D]")).astype("datetime64[s]")
    out[none] = np.datetime64("NaT")
    return out


def iso_days(numbers: np.ndarray) -> np.ndarray:
    """Day numbers as ISO date texts ("" for :data:`NO_DAY`), an object array.

    >>> iso_days(np.array([19831, NO_DAY])).tolist()
    ['2024-04-18', '']
    """
    numbers = np.asarray(numbers, dtype=np.int64)
    none = numbers == NO_DAY
    days = np.datetime64("1970-01-01", "D") + np.where(none, 0, numbers).astype("timedelta64[D]")
    return np.where(none, "", np.datetime_as_string(days, unit="D")).astype(object)


def last_day_of_month(year: int, month: int) -> dt.date:
    """The last day of a month.

    >>> last_day_of_month(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_bounds(unit: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the ``unit`` holding ``day``.

    Units: year, half, quarter, month, week (Monday to Sunday), weekend (its
    Saturday and Sunday), day, and decade: the ten years ending with a year ending
    in 0 (2021-2030), so "the end of the decade" said in 2024 is 2030-12-31.

    >>> period_bounds("quarter", dt.date(2024, 5, 9))
    (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30))
    >>> period_bounds("decade", dt.date(2030, 12, 31))
    (datetime.date(2021, 1, 1), datetime.date(2030, 12, 31))
    """
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if unit in ("half", "quarter", "month"):
        size = {"half": 6, "quarter": 3, "month": 1}[unit]
        first = size * ((day.month - 1) // size) + 1
        return dt.date(day.year, first, 1), last_day_of_month(day.year, first + size - 1)
    if unit in ("week", "weekend"):
        monday = day - dt.timedelta(days=day.weekday())
        return monday + dt.timedelta(days=5 if unit == "weekend" else 0), monday + dt.timedelta(days=6)
    if unit == "day":
        return day, day
    if unit == "decade":
        last = -(-day.year // 10) * 10
        return dt.date(last - 9, 1, 1), dt.date(last, 12, 31)
    raise ValueError(f"unit must be one of year, half, quarter, month, week, weekend, day, decade; got {unit!r}")


def next_period(unit: str, day: dt.date, steps: int = 1) -> tuple[dt.date, dt.date]:
    """Bounds of the ``unit`` ``steps`` after the one holding ``day`` (see :func:`period_bounds`).

    >>> next_period("month", dt.date(2024, 12, 15))
    (datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))
    """
    for _ in range(steps):
        day = period_bounds(unit, day)[1] + dt.timedelta(days=1)
        if unit == "weekend":
            day += dt.timedelta(days=5)
    return period_bounds(unit, day)


@functools.lru_cache(maxsize=65536)  # a table's deadlines move a few thousand days by a few dozen spans
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by calendar months; a day the month lacks becomes its last day.

    >>> add_months(dt.date(2024, 8, 31), 6)
    datetime.date(2025, 2, 28)
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def first_yearly(said: dt.date, bounds: Callable[[int], tuple[dt.date, dt.date]], *, starting_after: bool = False,
                 ) -> tuple[dt.date, dt.date]:
    """The first period ``bounds(year)`` that ends on or after ``said`` (or starts after it).

    >>> june = lambda y: (dt.date(y, 6, 1), dt.date(y, 6, 30))
    >>> first_yearly(dt.date(2024, 6, 30), june)[1], first_yearly(dt.date(2024, 6, 3), june, starting_after=True)[1]
    (datetime.date(2024, 6, 30), datetime.date(2025, 6, 30))
    """
    for year in (said.year - 1, said.year, said.year + 1, said.year + 2):
        start, end = bounds(year)
        if (start > said) if starting_after else (end >= said):
            return start, end
    raise ValueError(f"no such period after {said}")  # pragma: no cover - yearly periods recur


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month: Thanksgiving is ``nth_weekday(y, 11, 3, 4)``.

    >>> nth_weekday(2024, 11, 3, 4)
    datetime.date(2024, 11, 28)
    """
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def third_bounds(start: dt.date, end: dt.date, unit: str, third: int) -> tuple[dt.date, dt.date]:
    """Early (0), mid (1) or late (2) part of a year (to 30 Apr, 31 Aug, 31 Dec) or a month (10th, 20th, last day).

    >>> third_bounds(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year", 1)
    (datetime.date(2025, 5, 1), datetime.date(2025, 8, 31))
    """
    if unit == "year":
        month = (1, 5, 9)[third]
        return dt.date(start.year, month, 1), last_day_of_month(start.year, month + 3)
    if unit == "month":
        return start.replace(day=(1, 11, 21)[third]), (start.replace(day=10), start.replace(day=20), end)[third]
    raise ValueError(f"thirds are defined for a year or a month, not a {unit}")


class Precision(enum.StrEnum):
    """How precisely a :class:`When` is known."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY, optionally followed by '~'"
_PATTERN = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?|-[Qq](?P<quarter>[0-9]))?(?P<approx>~)?"
)


def _period(year: int, precision: Precision, index: int = 1) -> tuple[dt.date, dt.date]:
    """First and last day of the period of ``precision`` numbered ``index`` in ``year``."""
    if precision is Precision.YEAR:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if precision is Precision.QUARTER:
        first = 3 * index - 2
        return dt.date(year, first, 1), dt.date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    if precision is Precision.MONTH:
        return dt.date(year, index, 1), dt.date(year, index, calendar.monthrange(year, index)[1])
    raise ValueError(precision)  # pragma: no cover - days are built directly


@attrs.frozen(eq=True, order=False)
class When:
    """An uncertain date: the earliest and latest day it may be, and how precise it is.

    Build one with :func:`parse_date`; ``str(when)`` prints it back to the text it
    came from.  Comparisons follow interval logic: ``a < b`` means *a is certainly
    before b* (a's latest day is before b's earliest), ``a > b`` certainly after;
    ``a <= b`` means a is *not* certainly after b.  Two dates that overlap are
    neither ``<`` nor ``>`` each other.

    Attributes
    ----------
    earliest, latest:
        The first and last day the date may be (equal for a day).
    precision:
        :class:`Precision`: day, month, quarter or year.
    approximate:
        True for a trailing ``~`` ("about"); the bounds are those of the period.
    """

    earliest: dt.date
    latest: dt.date
    precision: Precision = attrs.field(converter=Precision)
    approximate: bool = False

    def __attrs_post_init__(self) -> None:
        for name in ("earliest", "latest"):
            day = getattr(self, name)
            if type(day) is not dt.date:
                raise DateError(day, f"'{name}' must be a datetime.date")
        if self.precision is Precision.DAY:
            ok = self.earliest == self.latest
        else:
            index = {
                Precision.YEAR: 1,
                Precision.QUARTER: (self.earliest.month + 2) // 3,
                Precision.MONTH: self.earliest.month,
            }[self.precision]
            ok = (self.earliest, self.latest) == _period(self.earliest.year, self.precision, index)
        if not ok:
            raise DateError(
                f"{self.earliest}..{self.latest}",
                f"these bounds are not one {self.precision.value}",
            )

    @classmethod
    def day(cls, day: dt.date, approximate: bool = False) -> When:
        """A date known to the day."""
        day = dt.date(day.year, day.month, day.day)
        return cls(day, day, Precision.DAY, approximate)

    @property
    def days(self) -> int:
        """How many days the date may be (1 for a day)."""
        return (self.latest - self.earliest).days + 1

    def __str__(self) -> str:
        e = self.earliest
        text = {
            Precision.DAY: f"{e.year:04d}-{e.month:02d}-{e.day:02d}",
            Precision.MONTH: f"{e.year:04d}-{e.month:02d}",
            Precision.QUARTER: f"{e.year:04d}-Q{(e.month + 2) // 3}",
            Precision.YEAR: f"{e.year:04d}",
        }[self.precision]
        return text + ("~" if self.approximate else "")

    def __repr__(self) -> str:
        return f"When({str(self)!r})"

    # -- interval logic -------------------------------------------------------------
    def before(self, other: DateLike) -> bool:
        """True when ``self`` is certainly before ``other``."""
        return self.latest < parse_date(other).earliest

    def after(self, other: DateLike) -> bool:
        """True when ``self`` is certainly after ``other``."""
        return self.earliest > parse_date(other).latest

    def overlaps(self, other: DateLike) -> bool:
        """True when ``self`` and ``other`` may be the same day."""
        o = parse_date(other)
        return self.earliest <= o.latest and o.earliest <= self.latest

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` lies between the earliest and latest day."""
        return self.earliest <= day <= self.latest

    def __lt__(self, other: object) -> bool:
        return self.before(other)  # type: ignore[arg-type]

    def __gt__(self, other: object) -> bool:
        return self.after(other)  # type: ignore[arg-type]

    def __le__(self, other: object) -> bool:
        return not self.after(other)  # type: ignore[arg-type]

    def __ge__(self, other: object) -> bool:
        return not self.before(other)  # type: ignore[arg-type]

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """A total order for sorting: earliest day, then latest day."""
        return (self.earliest, self.latest)


DateLike = When | dt.date | str


def parse_date(text: DateLike) -> When:
    """Read an uncertain date.

    Accepts ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn`` and ``YYYY``, each optionally
    followed by ``~`` for "about", exactly (no space or line break around it; ASCII
    digits).  A :class:`When` is returned as it is; a ``datetime.date`` (or
    ``datetime``) becomes a day.

    Raises
    ------
    DateError
        naming the text and what was expected.

    >>> parse_date("2024-02").latest
    datetime.date(2024, 2, 29)
    >>> parse_date("2024-13")
    Traceback (most recent call last):
    ...
    llmtimeline.exceptions.DateError: '2024-13' is not a date: month 13 is not between 01 and 12
    """
    if isinstance(text, When):
        return text
    if isinstance(text, dt.date):  # datetime, pandas.Timestamp and pendulum dates too
        try:
            return When.day(text)
        except (TypeError, ValueError):  # pandas.NaT is a datetime that names no day
            raise DateError(text, f"expected a text ({_FORMS}) or a date, got {text!r}") from None
    if not isinstance(text, str):
        raise DateError(text, f"expected a text ({_FORMS}) or a date, got {type(text).__name__}")
    m = _PATTERN.fullmatch(text)  # exactly one form: no space or line break around it, ASCII digits only
    if m is None:
        hint = " (without spaces or line breaks around it)" if text.strip() != text and _PATTERN.fullmatch(text.strip()) else ""
        raise DateError(text, f"expected {_FORMS}{hint}")
    year = int(m["year"])
    approximate = m["approx"] is not None
    if year == 0:
        raise DateError(text, "year 0000 does not exist; years run from 0001")
    if m["quarter"] is not None:
        q = int(m["quarter"])
        if not 1 <= q <= 4:
            raise DateError(text, f"quarter Q{q} is not Q1 to Q4")
        return When(*_period(year, Precision.QUARTER, q), Precision.QUARTER, approximate)
    if m["month"] is None:
        return When(*_period(year, Precision.YEAR), Precision.YEAR, approximate)
    month = int(m["month"])
    if not 1 <= month <= 12:
        raise DateError(text, f"month {m['month']} is not between 01 and 12")
    if m["day"] is None:
        return When(*_period(year, Precision.MONTH, month), Precision.MONTH, approximate)
    day = int(m["day"])
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(text, f"day {m['day']} is not in {year:04d}-{month:02d}, which has {last} days")
    return When.day(dt.date(year, month, day), approximate)


def is_valid_date(text: str) -> bool:
    """True when :func:`parse_date` would accept ``text``."""
    try:
        parse_date(text)
    except DateError:
        return False
    return True
