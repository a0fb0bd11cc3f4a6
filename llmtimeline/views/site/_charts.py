"""The site's charts, laid out here and drawn as SVG by the templates (every text escaped there).

Text stays text (SVG ``<text>``, findable and read aloud), every mark carries a
``<title>`` (the quote and the status, or the event), each status is drawn in its
colour *and* its own marker shape, with its word in the label.  A chart is laid
out for a width: the index draws each chart twice, narrow (320 units, shown below
1,040 px, stretched to the column up to 560 px) and wide (1,000 units, shown from
1,040 px at its own size), so that chart text (11 units and up) is at least 11 px
on screen on any screen from 352 px wide.

A chart is a :class:`Chart`: its size, a title and description, and a flat list of
:class:`Shape` (an SVG element name, its attributes, its text, its tooltip).

>>> c = Chart("x", 360, 40, "A chart", "Nothing drawn")
>>> c.shapes.append(Shape("text", {"x": 1, "y": 12}, text="Llama 3", title="Meta released Llama 3"))
>>> [s.text for s in c.shapes]
['Llama 3']
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
from markupsafe import Markup, escape

__all__ = ["NARROW", "WIDE", "Chart", "Row", "Shape", "claim_chart", "events_chart", "marker", "predictions_chart"]

NARROW, WIDE = 320, 1000  # layout widths, in SVG units (narrow: scaled up to fill a phone, so text only grows)
FONT = 12  # label size, in units
SMALL = 11  # axis and note size: the least any chart text may be
INK, GREY, RULE = "#222222", "#595959", "#d0d0d0"
_PAD = 8
_EPOCH = dt.date(1970, 1, 1)


@attrs.define
class Shape:
    """One SVG element: ``tag`` (a name from this module, never from data), attributes, text, tooltip."""

    tag: str
    attributes: dict[str, Any]
    text: str = ""
    title: str = ""

    @property
    def attribute_html(self) -> Markup:
        """The attributes as HTML, each value escaped (names come from this module, never from data)."""
        return Markup(" ".join(f'{name}="{value}"' if isinstance(value, (int, float)) else f'{name}="{escape(value)}"'
                               for name, value in self.attributes.items()))


@attrs.define
class Chart:
    """A chart laid out for ``width``: ``name`` (for ids), size, title and description (its accessible name)."""

    name: str
    width: int
    height: int
    title: str
    description: str
    shapes: list[Shape] = attrs.Factory(list)

    @property
    def texts(self) -> list[str]:
        """Every text drawn (for tests and search)."""
        return [s.text for s in self.shapes if s.text]


@attrs.frozen
class Row:
    """One bar of a prediction chart: days as integers (days since 1970-01-01; None when absent)."""

    label: str
    said: int
    end: int | None  # the deadline, soft horizon or, when open, the as-of day
    style: str  # "firm", "soft" or "open"
    mark: int | None  # where the status marker sits
    status: str
    colour: str
    shape: str  # the matplotlib marker of the status (palette.STATUS_MARKERS)
    title: str  # the tooltip: quote and status


def _day_text(day: int) -> str:
    return (_EPOCH + dt.timedelta(days=int(day))).isoformat()


def _fit(text: str, chars: int) -> str:
    """``text`` cut at a word to at most ``chars`` characters, with "…" when cut."""
    if len(text) <= chars:
        return text
    cut = text[: max(1, chars - 1)]
    space = cut.rfind(" ")
    return (cut[:space] if space > chars // 2 else cut).rstrip(" ,;:·—-") + "…"


def _chars(width: float, size: int = FONT) -> int:
    return max(8, int(width / (0.56 * size)))  # an average glyph is about 0.56 em wide


class _Scale:
    """Days to x, over [lo, hi] with a margin, in [left, right]."""

    def __init__(self, days: list[int], left: float, right: float) -> None:
        lo, hi = min(days), max(days)
        span = max(hi - lo, 30)
        self.lo, self.hi = lo - span * 0.03, hi + span * 0.03
        self.left, self.right = left, right

    def __call__(self, day: float) -> float:
        """The x of ``day``, held within the chart (a day past the window sits at its edge)."""
        x = self.left + (day - self.lo) / (self.hi - self.lo) * (self.right - self.left)
        return round(min(max(x, self.left), self.right), 1)

    def years(self, min_gap: float) -> list[tuple[float, str]]:
        """Ticks on 1 January, every k years so that labels stay ``min_gap`` apart."""
        first = (_EPOCH + dt.timedelta(days=math.ceil(self.lo))).year
        last = (_EPOCH + dt.timedelta(days=math.floor(self.hi))).year
        years = [y for y in range(first, last + 2) if self.lo <= (dt.date(y, 1, 1) - _EPOCH).days <= self.hi]
        step = 1
        while len(years) > 1 and (self(_day(years[0] + step)) - self(_day(years[0]))) < min_gap:
            step += 1
        return [(self(_day(y)), str(y)) for y in years if (y - years[0]) % step == 0]


def _day(year: int) -> int:
    return (dt.date(year, 1, 1) - _EPOCH).days


def _axis(chart: Chart, scale: _Scale, top: float, bottom: float) -> None:
    """Year rules from ``top`` to ``bottom``, their labels above ``top``."""
    for x, year in scale.years(min_gap=46):
        chart.shapes.append(Shape("line", {"x1": x, "x2": x, "y1": top, "y2": bottom, "stroke": RULE, "stroke-width": 1}))
        chart.shapes.append(Shape("text", {"x": x, "y": top - 4, "font-size": SMALL, "fill": GREY, "text-anchor": "middle"},
                                  text=year))


def marker(shape: str, x: float, y: float, r: float, colour: str, title: str, *, hollow: bool = False) -> Shape:
    """The status marker ``shape`` (a matplotlib marker name: o P > X s d . x) at (x, y), in ``colour``."""
    k = r * 0.85
    crossed = shape in ("X", "x")
    paths = {
        ">": f"M{x - k:.1f},{y - r:.1f}L{x + r:.1f},{y:.1f}L{x - k:.1f},{y + r:.1f}Z",
        "X": f"M{x - k:.1f},{y - k:.1f}L{x + k:.1f},{y + k:.1f}M{x + k:.1f},{y - k:.1f}L{x - k:.1f},{y + k:.1f}",
        "s": f"M{x - k:.1f},{y - k:.1f}h{2 * k:.1f}v{2 * k:.1f}h{-2 * k:.1f}Z",
        "d": f"M{x:.1f},{y - r:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + r:.1f}L{x - r:.1f},{y:.1f}Z",
        "P": f"M{x - k:.1f},{y:.1f}H{x + k:.1f}M{x:.1f},{y - k:.1f}V{y + k:.1f}",
    }
    paths["x"] = paths["X"]
    if shape in paths:
        style: dict[str, Any] = ({"fill": "none", "stroke": colour, "stroke-width": 3.5 if shape == "X" else 2.5,
                                  "stroke-linecap": "round"} if crossed or shape == "P"
                                 else {"fill": colour, "stroke": INK, "stroke-width": 0.8})
        if shape == "P":
            style["stroke-width"] = 4
        return Shape("path", {"d": paths[shape], **style, "class": "mark"}, title=title)
    return Shape("circle", {"cx": x, "cy": y, "r": r * (0.6 if shape == "." else 1),
                            "fill": "#ffffff" if hollow else colour, "stroke": colour if hollow else INK,
                            "stroke-width": 2 if hollow else 0.8, "class": "mark"}, title=title)


def predictions_chart(rows: list[Row], *, width: int, as_of: int, name: str, more: int = 0) -> Chart:
    """One row per prediction: its label, a bar from the day said to its deadline, the status marker."""
    row_h, top = 40, 26
    height = top + row_h * max(len(rows), 1) + (20 if more else 0) + 6
    chart = Chart(f"{name}-{width}", width, height, "Predictions: said, due, and what happened",
                  f"One row per prediction, from the day said to its deadline, marked by its status, as of {_day_text(as_of)}.")
    if not rows:
        chart.shapes.append(Shape("text", {"x": _PAD, "y": top + 16, "font-size": FONT, "fill": GREY}, text="No predictions."))
        return chart
    # the window fits what was said, due and settled; open bars and pending marks run out to its edge
    days = [r.said for r in rows] + [d for r in rows if r.style != "open" for d in (r.end,) if d is not None]
    days += [r.mark for r in rows if r.mark is not None and r.status != "pending"]
    scale = _Scale(days, _PAD + 6, width - _PAD - 6)
    _axis(chart, scale, top, height - (20 if more else 0) - 4)
    if scale.lo <= as_of <= scale.hi:
        x = scale(as_of)
        chart.shapes.append(Shape("line", {"x1": x, "x2": x, "y1": top, "y2": height - 4, "stroke": "#444444",
                                           "stroke-dasharray": "4 3", "stroke-width": 1},
                                  title=f"as of {_day_text(as_of)}"))
    chars = _chars(width - 2 * _PAD)
    for i, r in enumerate(rows):
        y = top + i * row_h
        chart.shapes.append(Shape("text", {"x": _PAD, "y": y + 15, "font-size": FONT, "fill": INK}, text=_fit(r.label, chars)))
        x0 = scale(r.said)
        x1 = max(scale(r.end), x0 + 3) if r.end is not None else x0 + 3
        bar: dict[str, Any] = {"x": x0, "y": y + 22, "width": round(x1 - x0, 1), "height": 10, "rx": 2, "class": "bar"}
        if r.style == "firm":
            bar |= {"fill": r.colour}
        else:
            bar |= {"fill": "#ffffff", "stroke": r.colour, "stroke-width": 1.5,
                    "stroke-dasharray": "2 2" if r.style == "soft" else "5 3"}
        chart.shapes.append(Shape("rect", bar, title=r.title))
        if r.mark is not None:
            chart.shapes.append(marker(r.shape, scale(r.mark), y + 27, 6.5, r.colour, r.title, hollow=r.status == "pending"))
    if more:
        chart.shapes.append(Shape("text", {"x": _PAD, "y": height - 8, "font-size": SMALL, "fill": GREY},
                                  text=f"… and {more:,} earlier predictions (listed above)"))
    return chart


@attrs.frozen
class EventRow:
    """One event of the release chart: its days (earliest, latest), label and tooltip."""

    earliest: int
    latest: int
    label: str
    title: str


def events_chart(rows: list[EventRow], *, width: int, name: str, more: int = 0) -> Chart:
    """The release timeline: one row per event in date order, a dot (a bar for an imprecise date) and its label."""
    row_h, top = 24, 26
    height = top + row_h * max(len(rows), 1) + (20 if more else 0) + 6
    chart = Chart(f"{name}-{width}", width, height, "Releases and announcements",
                  "The events recorded, in date order, each labelled with its subject and organisation.")
    if not rows:
        chart.shapes.append(Shape("text", {"x": _PAD, "y": top + 16, "font-size": FONT, "fill": GREY}, text="No events."))
        return chart
    scale = _Scale([r.earliest for r in rows] + [r.latest for r in rows], _PAD + 6, width - _PAD - 6)
    _axis(chart, scale, top, height - (20 if more else 0) - 4)
    for i, r in enumerate(rows):
        y = top + i * row_h + 15
        x0, x1 = scale(r.earliest), scale(r.latest + 1)
        if x1 - x0 > 6:
            chart.shapes.append(Shape("rect", {"x": x0, "y": y - 4, "width": round(x1 - x0, 1), "height": 8, "rx": 4,
                                               "fill": "#4d4d4d", "class": "mark"}, title=r.title))
        else:
            chart.shapes.append(Shape("circle", {"cx": x0, "cy": y, "r": 5, "fill": "#4d4d4d", "class": "mark"},
                                      title=r.title))
        middle = (x0 + x1) / 2
        if middle < width / 2:
            chart.shapes.append(Shape("text", {"x": max(x0, x1) + 9, "y": y + 4, "font-size": FONT, "fill": INK},
                                      text=_fit(r.label, _chars(width - max(x0, x1) - 9 - _PAD))))
        else:
            chart.shapes.append(Shape("text", {"x": min(x0, x1) - 9, "y": y + 4, "font-size": FONT, "fill": INK,
                                               "text-anchor": "end"},
                                      text=_fit(r.label, _chars(min(x0, x1) - 9 - _PAD))))
    if more:
        chart.shapes.append(Shape("text", {"x": _PAD, "y": height - 8, "font-size": SMALL, "fill": GREY},
                                  text=f"… and {more:,} earlier events"))
    return chart


def claim_chart(row: Row, *, as_of: int, event: tuple[int, str] | None, name: str) -> Chart:
    """A claim's own chart: its bar from the day said to the deadline, the settling event, the as-of day."""
    width, height = NARROW, 96
    chart = Chart(name, width, height, "This claim on a time line",
                  f"Said on {_day_text(row.said)}"
                  + (f", due {_day_text(row.end)}" if row.end is not None and row.style != "open" else "")
                  + (f"; {event[1]}" if event else "") + f"; checked as of {_day_text(as_of)}.")
    days = [row.said, as_of] + [d for d in (row.end, row.mark) if d is not None] + ([event[0]] if event else [])
    scale = _Scale(days, _PAD + 6, width - _PAD - 6)
    _axis(chart, scale, 24, 62)
    x0 = scale(row.said)
    x1 = max(scale(row.end), x0 + 3) if row.end is not None else x0 + 3
    bar: dict[str, Any] = {"x": x0, "y": 36, "width": round(x1 - x0, 1), "height": 12, "rx": 2, "class": "bar"}
    bar |= {"fill": row.colour} if row.style == "firm" else {"fill": "#ffffff", "stroke": row.colour, "stroke-width": 1.5,
                                                             "stroke-dasharray": "2 2"}
    chart.shapes.append(Shape("rect", bar, title=row.title))
    x = scale(as_of)
    chart.shapes.append(Shape("line", {"x1": x, "x2": x, "y1": 24, "y2": 62, "stroke": "#444444", "stroke-dasharray": "4 3"},
                              title=f"as of {_day_text(as_of)}"))
    if row.mark is not None:
        chart.shapes.append(marker(row.shape, scale(row.mark), 42, 7, row.colour, row.title, hollow=row.status == "pending"))
    chart.shapes.append(Shape("text", {"x": _PAD, "y": 78, "font-size": SMALL, "fill": GREY}, text=f"said {_day_text(row.said)}"))
    if row.end is not None and row.style != "open":
        label = ("horizon " if row.style == "soft" else "deadline ") + _day_text(row.end)
        chart.shapes.append(Shape("text", {"x": width - _PAD, "y": 78, "font-size": SMALL, "fill": GREY,
                                           "text-anchor": "end"}, text=label))
    if event:
        chart.shapes.append(Shape("text", {"x": width / 2, "y": 92, "font-size": SMALL, "fill": INK, "text-anchor": "middle"},
                                  text=_fit(event[1], _chars(width - 2 * _PAD, SMALL))))
    return chart
