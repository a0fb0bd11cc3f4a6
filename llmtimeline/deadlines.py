"""Deadline phrases in English and French, read relative to the day a claim was made.

Conventions (the tests pin them):

* a **span** ("within a month", "d'ici trois mois", "dans les deux semaines") runs
  from the day said, in calendar months: a month after 2024-01-31 is 2024-02-29;
* a **named period** ("this year", "by the end of the quarter", "by June", "by Q3",
  "next year", "avant la fin du mois", "l'année prochaine", "d'ici l'été") ends on
  the last day of that period; a bare month, quarter, half or season is the first
  one that ends on or after the day said ("next June" is the first that starts
  after it).  Seasons are meteorological, northern hemisphere (summer is June to
  August);
* ``early`` / ``mid`` / ``late`` (``début`` / ``mi-`` / ``fin``) split a year into
  thirds (ending 30 April, 31 August, 31 December) and a month into thirds (the
  10th, the 20th, its last day);
* "before X" / "avant X" ends the day before X starts, "before the end of X" on
  X's last day;
* an explicit date ends on its latest day (``2024-06`` → 2024-06-30);
* hedges ("voire moins", "or even sooner", "at the latest") do not move the window;
* vague phrases ("soon", "bientôt", "in the coming weeks", "dans les prochains
  mois") give an open window marked ``vague``; an empty phrase or ``None`` gives an
  open window (no deadline).

>>> import llmtimeline as lt
>>> lt.parse_deadline("d'ici un mois, voire moins", said="2024-04-09").latest
datetime.date(2024, 5, 9)
>>> lt.parse_deadline("by the end of the year", said="2024-04-09").latest
datetime.date(2024, 12, 31)
>>> lt.parse_deadline("bientôt", said="2024-04-09").vague
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable

import attrs

from .dates import DateLike, parse_date
from .exceptions import DateError, DeadlineError

__all__ = ["FoundDeadline", "Window", "find_deadlines", "parse_deadline"]


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


# -- normalising --------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’‘`´ʼ]", "'", text)
    text = re.sub(r"[«»“”\"]", " ", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=[0-9])-(?=[a-z])(?![qh]\d)", " ", text)  # mi-2025, year-end; not 2024-q2
    text = re.sub(r"'\s+", "'", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .!;:")


_HEDGES = re.compile(
    r",?\s*\b(?:voire (?:moins|avant|plus tot|bien avant)|ou (?:moins|avant|plus tot)"
    r"|or (?:even )?(?:sooner|less|earlier|before)|at the (?:very )?latest|au plus tard"
    r"|au maximum|tout au plus|at most|maximum|hopefully|si tout va bien|if all goes well"
    r"|normalement|en principe|environ|approximately|roughly|about|around|vers|autour de"
    r"|we hope|on l'espere|if not sooner|sinon avant|peut etre (?:avant|moins)|perhaps sooner)\b,?"
)


# -- vocabulary ---------------------------------------------------------------------

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "a couple of": 2,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15,
    "dix huit": 18, "vingt": 20, "trente": 30, "une dizaine de": 10, "une quinzaine de": 15,
}
_NUM = "|".join(sorted((re.escape(k) for k in _NUMBERS), key=len, reverse=True))
_UNITS = {
    "day": "days", "days": "days", "jour": "days", "jours": "days",
    "week": "weeks", "weeks": "weeks", "semaine": "weeks", "semaines": "weeks",
    "fortnight": "fortnights", "fortnights": "fortnights",
    "month": "months", "months": "months", "mois": "months",
    "quarter": "quarters", "quarters": "quarters", "trimestre": "quarters", "trimestres": "quarters",
    "year": "years", "years": "years", "an": "years", "ans": "years", "annee": "years", "annees": "years",
}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_PERIOD_WORDS = {
    "year": "year", "annee": "year", "an": "year",
    "month": "month", "mois": "month",
    "quarter": "quarter", "trimestre": "quarter",
    "week": "week", "semaine": "week",
    "half": "half", "semestre": "half",
}
_PERIOD = "|".join(sorted(_PERIOD_WORDS, key=len, reverse=True))
_MONTHS = {
    **{calendar.month_name[i].lower(): i for i in range(1, 13)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_SEASONS = {  # first month of the meteorological season
    "spring": 3, "printemps": 3, "summer": 6, "ete": 6,
    "autumn": 9, "fall": 9, "automne": 9, "winter": 12, "hiver": 12,
}
_SEASON = "|".join(_SEASONS)
_ORDINALS = {
    "first": 1, "1st": 1, "premier": 1, "1er": 1, "second": 2, "2nd": 2, "deuxieme": 2,
    "2e": 2, "third": 3, "3rd": 3, "troisieme": 3, "3e": 3, "fourth": 4, "4th": 4,
    "quatrieme": 4, "4e": 4, "last": 4, "dernier": 4,
}
_ORD = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_THIRDS = {"early": 0, "debut": 0, "mid": 1, "mi": 1, "middle of": 1, "late": 2, "fin": 2}

_VAGUE = re.compile(
    r"(?:(?:very |tres |fairly |assez )?(?:soon|bientot|shortly|prochainement|sous peu|imminently|imminente?"
    r"|eventually|someday|one day|un jour|at some point|in the future|dans le futur|a l'avenir|down the road"
    r"|on the horizon|a l'horizon|se profile a l'horizon|before long|any day now|in due course|en temps voulu"
    r"|sooner or later|tot ou tard|a terme|in time|avant longtemps|dans un (?:proche )?avenir(?: proche)?"
    r"|in the (?:near|not too distant|foreseeable) future|(?:in|over|during|within) the (?:short|medium|long|near) term"
    r"|(?:a|au) (?:court|moyen|long) terme|(?:a|au) (?:court|moyen) ou (?:long|moyen) terme"
    r"|(?:in |over |during |within )?the (?:coming|next|following) (?:few |several )?(?:days|weeks|months|years|quarters)"
    r"|(?:in|within|over) (?:a few|several|some) (?:days|weeks|months|years)"
    r"|(?:dans|d'ici|au cours de|au cours des|durant|pendant) (?:les )?(?:prochains?|prochaines?) (?:jours|semaines|mois|annees)"
    r"|(?:dans|au cours de|au cours des|durant|pendant) les (?:jours|semaines|mois|annees|trimestres) (?:a venir|qui viennent|suivants|suivantes)"
    r"|(?:dans|d'ici|sous|en) (?:quelques|plusieurs) (?:jours|semaines|mois|annees)"
    r"|(?:dans les |au cours des )?(?:quelques|plusieurs) (?:prochains|prochaines) (?:jours|semaines|mois|annees)"
    r"|(?:in the )?(?:coming|upcoming) (?:days|weeks|months|years)|later|plus tard|ulterieurement|a venir|tbd|tba|unknown|inconnu))"
)

_CONNECTOR = re.compile(
    r"(?:by|until|till|til|up to|no later than|not later than|within|in|inside|during|over|sometime in"
    r"|some time in|at some point in|at|for|through|throughout|from now until"
    r"|d'ici a|d'ici au|d'ici|en|dans|pour|courant|au cours de l'|au cours de|au cours du|au cours des|au courant de"
    r"|durant|pendant|jusqu'a|jusqu'au|jusqu'en|d'ici le|d'ici la|a|au|le|la|the|l'|de|du|des) "
    r"|(?:l'|d'ici l')"
)
_BEFORE = re.compile(r"(?:before|prior to|avant|avant le|avant la|avant l') ?")
_END_OF = re.compile(
    r"(?:the |at the |a la |la )?(?:end of |close of |fin (?:de la |du |de l'|d'|de |des )?|fin de |year end$|year end |end |fin )(?:the |l'|le |la )?"
)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _period_bounds(unit: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the period of ``unit`` containing ``day``."""
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if unit == "half":
        first = 1 if day.month <= 6 else 7
        return dt.date(day.year, first, 1), _last_day(day.year, first + 5)
    if unit == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        return dt.date(day.year, first, 1), _last_day(day.year, first + 2)
    if unit == "month":
        return dt.date(day.year, day.month, 1), _last_day(day.year, day.month)
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _next_period(unit: str, day: dt.date) -> tuple[dt.date, dt.date]:
    return _period_bounds(unit, _period_bounds(unit, day)[1] + dt.timedelta(days=1))


def _first_ending(said: dt.date, bounds: Callable[[int], tuple[dt.date, dt.date]], after_start: bool = False) -> tuple[dt.date, dt.date]:
    """The first yearly period ``bounds(year)`` that ends on/after ``said`` (or starts after it)."""
    for year in (said.year - 1, said.year, said.year + 1):
        start, end = bounds(year)
        if (start > said) if after_start else (end >= said):
            return start, end
    raise AssertionError("a yearly period always recurs")  # pragma: no cover


def _season(first_month: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    def bounds(year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, first_month, 1)
        end_year, end_month = (year + 1, 2) if first_month == 12 else (year, first_month + 2)
        return start, _last_day(end_year, end_month)

    return bounds


def _month(m: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    return lambda year: (dt.date(year, m, 1), _last_day(year, m))


def _quarter(q: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    return lambda year: (dt.date(year, 3 * q - 2, 1), _last_day(year, 3 * q))


def _half(h: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    return lambda year: (dt.date(year, 6 * h - 5, 1), _last_day(year, 6 * h))


class _NeedsSaid(Exception):
    pass


def _need(said: dt.date | None) -> dt.date:
    if said is None:
        raise _NeedsSaid
    return said


def _yearly(said: dt.date | None, bounds: Callable[[int], tuple[dt.date, dt.date]], year: str | None, nxt: bool) -> tuple[dt.date, dt.date]:
    if year:
        return bounds(int(year))
    return _first_ending(_need(said), bounds, after_start=nxt)


_YEAR_OPT = r"(?: (?:of |de |d'|en )?(?P<year>\d{4}))?"
_NEXT_PRE = r"(?P<nxt>next |the next |this |cet |cette |ce |the |l'|le |la |les )?"
_NEXT_POST = r"(?P<nxt2> prochaine?| next| qui vient)?"


#: A period read from a phrase: its bounds as a function of the day said, and its
#: size ("long": a quarter or more, "month", or "short": a week or a day).
_Bounds = Callable[[dt.date | None], tuple[dt.date, dt.date]]


def _unit_size(unit: str) -> str:
    return {"month": "month", "week": "short"}.get(unit, "long")


@functools.lru_cache(maxsize=4096)
def _resolve_period(core: str) -> tuple[_Bounds, str] | None:
    """The named period ``core`` (its bounds given the day said, and its size), or None when it names none.

    All the reading happens here, once per text; the bounds function only does
    the calendar arithmetic.
    """
    m = re.fullmatch(
        r"(?:(?:this|the|current|that|cette|ce|cet|la|le|l')\s?)?(?P<u>" + _PERIOD + r")(?: en cours| courant| ci| in progress| actuelle?| current)?",
        core,
    ) or re.fullmatch(r"(?:later|plus tard) (?:this|in the|cette|dans l'|dans la|dans le|ce|cet) ?(?P<u>" + _PERIOD + r")", core)
    if m:
        unit = _PERIOD_WORDS[m["u"]]
        return (lambda said: _period_bounds(unit, _need(said))), _unit_size(unit)
    m = re.fullmatch(
        r"(?:next (?P<u1>" + _PERIOD + r"))|(?:(?:l'|le |la )?(?P<u2>" + _PERIOD + r") (?:prochaine?|suivante?|d'apres|qui vient))",
        core,
    )
    if m:
        unit = _PERIOD_WORDS[m["u1"] or m["u2"]]
        return (lambda said: _next_period(unit, _need(said))), _unit_size(unit)
    m = re.fullmatch(r"(?P<year>\d{4})", core)
    if m:
        year = int(m["year"])
        return (lambda said: (dt.date(year, 1, 1), dt.date(year, 12, 31))), "long"
    # months: "june", "june 2025", "30 june 2025", "june 30, 2025", "le 30 juin", "next june", "juin prochain"
    m = re.fullmatch(
        r"(?P<nxt>next |(?:this|cet|ce) )?(?:(?:le )?(?P<d1>\d{1,2})(?:er|st|nd|rd|th)? (?:of )?)?(?P<m>" + _MONTH + r")"
        r"(?: (?P<d2>\d{1,2})(?:st|nd|rd|th)?,?)?" + _YEAR_OPT + _NEXT_POST,
        core,
    )
    if m:
        month, name, year = _MONTHS[m["m"]], m["m"], m["year"]
        nxt = bool((m["nxt"] or "").strip() == "next" or m["nxt2"])
        day = m["d1"] or m["d2"]

        def month_bounds(said: dt.date | None) -> tuple[dt.date, dt.date]:
            start, end = _yearly(said, _month(month), year, nxt)
            if day is not None:
                if not 1 <= int(day) <= end.day:
                    raise DeadlineError(core, f"day {day} is not in {name}")
                start = end = dt.date(end.year, month, int(day))
            return start, end

        return month_bounds, "month" if day is None else "short"
    m = re.fullmatch(r"(?:(?P<y0>\d{4}) )?(?:q|t)(?P<q>[1-4])" + _YEAR_OPT, core) or re.fullmatch(
        _NEXT_PRE + r"(?P<q>" + _ORD + r") (?:quarter|trimestre)" + _YEAR_OPT + _NEXT_POST, core
    )
    if m:
        q = _ORDINALS.get(m["q"]) or int(m["q"])
        year, nxt = m["year"] or m.groupdict().get("y0"), bool(m.groupdict().get("nxt2"))
        return (lambda said: _yearly(said, _quarter(q), year, nxt)), "long"
    m = re.fullmatch(r"(?:(?P<y0>\d{4}) )?(?:h|s)(?P<h>[12])" + _YEAR_OPT, core) or re.fullmatch(
        _NEXT_PRE + r"(?P<h>" + _ORD + r") (?:half|semestre)(?: of the year| de l'annee)?" + _YEAR_OPT + _NEXT_POST, core
    )
    if m:
        h = _ORDINALS.get(m["h"]) or int(m["h"])
        if h not in (1, 2):
            return None
        year, nxt = m["year"] or m.groupdict().get("y0"), bool(m.groupdict().get("nxt2"))
        return (lambda said: _yearly(said, _half(h), year, nxt)), "long"
    m = re.fullmatch(_NEXT_PRE + r"(?P<s>" + _SEASON + r")" + _YEAR_OPT + _NEXT_POST, core)
    if m:
        season, year = _season(_SEASONS[m["s"]]), m["year"]
        nxt = (m["nxt"] or "").strip() in ("next", "the next") or bool(m["nxt2"])
        return (lambda said: _yearly(said, season, year, nxt)), "long"
    return None


def _span(core: str) -> Callable[[dt.date | None], dt.date] | None:
    """The last day of a span ("a month", "les deux semaines") given the day said, or None."""
    m = re.fullmatch(
        r"(?:the |les |des )?(?:(?:next|following|coming|prochaine?s?) )?(?P<n>\d+|" + _NUM + r") "
        r"(?:(?:prochaine?s?|next|following) )?(?P<u>" + _UNIT + r")"
        r"(?: (?:prochaine?s?|a venir|from now|from today|hence|suivante?s?|qui viennent|time))?",
        core,
    )
    if m is None:
        m = re.fullmatch(r"(?:the|l'|le|la) ?(?:next|coming|prochaine?) (?P<u>" + _UNIT + r")(?P<n>)", core) or re.fullmatch(
            r"(?:l'|le |la )?(?P<u>annee|an|mois|semaine|trimestre) (?:a venir|qui vient)(?P<n>)", core
        )
        if m is None:
            return None
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS.get(m["n"], 1)
    unit = _UNITS[m["u"]]
    if unit == "fortnights":
        unit, n = "weeks", 2 * n
    if unit == "quarters":
        unit, n = "months", 3 * n

    def end(said: dt.date | None) -> dt.date:
        import pendulum  # calendar arithmetic; imported on first use to keep `import llmtimeline` light

        last = pendulum.Date(*_need(said).timetuple()[:3]).add(**{unit: n})
        return dt.date(last.year, last.month, last.day)

    return end


def _modified(core: str) -> tuple[_Bounds, str] | None:
    """"early 2025", "mid-june", "début de l'année prochaine", "fin juin": a third of a period."""
    m = re.fullmatch(r"(?P<t>early|mid|middle of|late|debut|mi|fin) (?:of |de |d'|du |de la |de l')?(?:the )?(?P<rest>.+)", core)
    if m is None:
        return None
    period = _resolve_period(m["rest"])
    if period is None or period[1] == "short":
        return None
    bounds, size = period
    third = _THIRDS[m["t"]]

    def thirds(said: dt.date | None) -> tuple[dt.date, dt.date]:
        start, end = bounds(said)
        if size == "long":  # a year (or half, quarter, season): thirds of its months
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            last = start.month - 1 + months * (third + 1) // 3
            y, mo = start.year + (last - 1) // 12, (last - 1) % 12 + 1
            return start, _last_day(y, mo)
        return start, [start.replace(day=10), start.replace(day=20), end][third]  # a month

    return thirds, size


#: A phrase read once: its window given the day said.
_Plan = Callable[[dt.date | None], Window]


@functools.lru_cache(maxsize=65536)
def _parse(phrase: str, said: dt.date | None) -> Window:
    try:
        return _plan(phrase)(said)
    except _NeedsSaid:
        raise DeadlineError(phrase, "needs the date the claim was made (said=...)") from None
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, DeadlineError):
            raise
        raise DeadlineError(phrase, f"the window falls outside the calendar ({exc})") from None


def _absolute(period: tuple[_Bounds, str]) -> bool:
    """True when ``period`` is named without needing the day said ("June 2025", "Q3 2024")."""
    try:
        period[0](None)
    except _NeedsSaid:
        return False
    except (ValueError, OverflowError):
        pass  # not a calendar day: reading it with the day said raises the same
    return True


@functools.lru_cache(maxsize=16384)
def _plan(phrase: str) -> _Plan:
    """Read ``phrase`` once (folding, hedges, patterns): what is left depends only on the day said."""
    folded = _HEDGES.sub("", _fold(phrase)).strip(" ,.")
    if not folded:
        if _fold(phrase):
            raise DeadlineError(phrase, "a hedge alone is not a deadline")
        return lambda said: Window(phrase, None, None, False, "none")
    return _read(phrase, folded)


def _read(phrase: str, folded: str) -> _Plan:
    if _VAGUE.fullmatch(folded):
        return lambda said: Window(phrase, said, None, True, "vague")
    # explicit dates in every parse_date form, possibly after a connector
    core = folded
    before = False
    for _ in range(5):
        span = None if before else _span(core)
        if span is not None:
            return lambda said: Window(phrase, said, span(said), False, "span")
        b = _BEFORE.match(core)
        if b and b.end() < len(core):
            before, core = True, core[b.end():]
            continue
        c = _CONNECTOR.match(core)
        if c and c.end() < len(core):
            core = core[c.end():]
            continue
        break
    try:
        when = parse_date(core.upper())
    except DateError:
        pass
    else:
        latest = when.earliest - dt.timedelta(days=1) if before else when.latest
        return lambda said: Window(phrase, said, latest, False, "date")
    if _VAGUE.fullmatch(core):
        return lambda said: Window(phrase, said, None, True, "vague")
    end_of = _END_OF.match(core)
    if end_of and end_of.end() < len(core):
        rest = core[end_of.end():].strip()
        period = _resolve_period(rest) or _modified(rest)
        if period is not None:
            bounds, kind = period[0], "date" if _absolute(period) else "period"
            return lambda said: Window(phrase, said, bounds(said)[1], False, kind)
    if end_of and core.strip() in ("year end", "end of year", "fin d'annee", "end of the year"):
        return lambda said: Window(phrase, said, _period_bounds("year", _need(said))[1], False, "period")
    period = _resolve_period(core) or _modified(core)
    if period is not None:
        bounds, kind = period[0], "date" if _absolute(period) else "period"
        if before:
            return lambda said: Window(phrase, said, bounds(said)[0] - dt.timedelta(days=1), False, kind)
        return lambda said: Window(phrase, said, bounds(said)[1], False, kind)
    raise DeadlineError(
        phrase,
        "not a known deadline phrase: expected a date (2024-06-30, 2024-06, 2024-Q3, 2024), "
        "a span ('within a month', \"d'ici trois mois\"), a period ('by the end of the year', "
        "'by June', \"d'ici l'été\") or a vague phrase ('soon', 'bientôt')",
    )


def parse_deadline(text: str | None, said: DateLike | None = None) -> Window:
    """Read a deadline phrase into a :class:`Window`.

    Parameters
    ----------
    text:
        The phrase, English or French ("within a month", "d'ici la fin de
        l'année", "by Q3", "2024-06-30", "soon"...).  ``None`` or an empty text
        means no deadline: an open window.
    said:
        When the claim was made: a date text, :class:`~llmtimeline.When` or
        ``datetime.date``.  Relative phrases are read from its *latest* day (the
        benefit of the doubt).  Explicit dates do not need it.

    Raises
    ------
    DeadlineError
        for a phrase it does not know, naming the phrase, or a relative phrase
        without ``said``.

    >>> parse_deadline("within a month", said="2024-01-31").latest
    datetime.date(2024, 2, 29)
    >>> parse_deadline("d'ici l'été", said="2024-04-09").latest
    datetime.date(2024, 8, 31)
    >>> parse_deadline("by Q3", said="2024-04-09").latest
    datetime.date(2024, 9, 30)
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
    window = _parse(text, day)
    return window


# -- finding phrases in running text (first version, over the phrase reader) --------

@attrs.frozen
class FoundDeadline:
    """A deadline phrase found in running text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    window: Window


_WORD = re.compile(r"[^\W_]+|[~/-]")
_ANCHORS = frozenset(
    "by until till within in inside before avant d dici ici dans sous en au plus cette cet ce this next later end fin "
    "early mid late debut soon bientot shortly prochainement the le la l over during".split()
)


def find_deadlines(text: str, said: DateLike | None = None) -> list[FoundDeadline]:
    """Every deadline phrase in ``text``, longest first, in order, not overlapping.

    >>> [f.text for f in find_deadlines("We will ship it by the end of the year, he said.", said="2024-04-09")]
    ['by the end of the year']
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    found: list[FoundDeadline] = []
    i = 0
    while i < len(words):
        head = _fold(text[words[i][0]:words[i][1]]).replace("'", "")
        if head not in _ANCHORS:
            i += 1
            continue
        for j in range(min(len(words), i + 9), i, -1):
            start, end = words[i][0], words[j - 1][1]
            try:
                window = parse_deadline(text[start:end], said=said)
            except DeadlineError:
                continue
            if window.kind != "none":
                found.append(FoundDeadline(text[start:end], start, end, window))
                i = j - 1
                break
        i += 1
    return found
