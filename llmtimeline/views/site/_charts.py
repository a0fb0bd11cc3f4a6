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
import itertools
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
    """Days to x, over [lo, hi] widened by ``pad`` of the span (a span of at least ``least`` days), in [left, right]."""

    def __init__(self, days: list[int], left: float, right: float, *, pad: float = 0.03, least: int = 30) -> None:
        span = max(max(days) - min(days), least)
        middle = (min(days) + max(days)) / 2
        lo, hi = min(min(days), middle - span / 2), max(max(days), middle + span / 2)
        self.lo, self.hi = lo - span * pad, hi + span * pad
        self.left, self.right = left, right

    def __call__(self, day: float) -> float:
        """The x of ``day``, held within the chart (a day past the window sits at its edge)."""
        x = self.left + (day - self.lo) / (self.hi - self.lo) * (self.right - self.left)
        return round(min(max(x, self.left), self.right), 1)

    def inside(self, day: float) -> bool:
        """Whether ``day`` falls in the window."""
        return self.lo <= day <= self.hi

    def ticks(self, min_gap: float) -> list[tuple[float, str]]:
        """Rules for the span: years over two years or more, else months (every 1, 2, 3 or 6), labels ``min_gap`` apart.

        >>> s = _Scale([(dt.date(2024, 4, 9) - _EPOCH).days, (dt.date(2024, 7, 9) - _EPOCH).days], 0, 320)
        >>> [label for _, label in s.ticks(56)]
        ['May 2024', 'Jun', 'Jul']
        """
        if self.hi - self.lo >= 730:
            return self.years(min_gap)
        first = _EPOCH + dt.timedelta(days=math.ceil(self.lo))
        months: list[dt.date] = []
        y, m = first.year, first.month
        while True:
            day = dt.date(y, m, 1)
            if (day - _EPOCH).days > self.hi:
                break
            if (day - _EPOCH).days >= self.lo:
                months.append(day)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        for step in (1, 2, 3, 6, 12):
            kept = [d for d in months if (d.month - 1) % step == 0]
            xs = [self((d - _EPOCH).days) for d in kept]
            if all(b - a >= min_gap for a, b in itertools.pairwise(xs)):
                break
        return [(x, f"{d:%b %Y}" if i == 0 or d.month == 1 else f"{d:%b}") for i, (x, d) in enumerate(zip(xs, kept, strict=True))]

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
    for x, year in scale.ticks(min_gap=56):
        chart.shapes.append(Shape("line", {"x1": x, "x2": x, "y1": top, "y2": bottom, "stroke": RULE, "stroke-width": 1}))
        chart.shapes.append(_tick_label(chart.width, x, top - 4, year))


def _tick_label(width: int, x: float, y: float, text: str) -> Shape:
    """A rule's label centred on it, or held inside the chart near an edge."""
    w = _text_width(text, SMALL)
    if x - w / 2 < 2:
        return Shape("text", {"x": 2, "y": y, "font-size": SMALL, "fill": GREY}, text=text)
    if x + w / 2 > width - 2:
        return Shape("text", {"x": width - 2, "y": y, "font-size": SMALL, "fill": GREY, "text-anchor": "end"}, text=text)
    return Shape("text", {"x": x, "y": y, "font-size": SMALL, "fill": GREY, "text-anchor": "middle"}, text=text)


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
        chart.shapes.extend(_row_marks(r, scale, y + 27, as_of))
    if more:
        chart.shapes.append(Shape("text", {"x": _PAD, "y": height - 8, "font-size": SMALL, "fill": GREY},
                                  text=f"… and {more:,} earlier predictions (listed above)"))
    return chart


_LEAST_BAR = 6  # a bar narrower than this (units) is left out: the said tick stands for it


def _row_marks(r: Row, scale: _Scale, cy: float, as_of: int) -> list[Shape]:
    """A prediction row's marks: the said tick, its bar to the deadline, the status marker.

    Without a deadline there is no bar (the label says "no deadline"); a settled claim
    gets a dotted line from the said tick to its settling day.  A pending marker sits at
    the as-of day when that is inside the bar, else just beside the said tick: never out
    at the edge, away from its row.
    """
    shapes: list[Shape] = []
    x0 = scale(r.said)
    due = r.end if r.style != "open" else None
    settled = r.mark if r.mark is not None and r.status != "pending" else None
    if due is not None and scale(due) - x0 >= _LEAST_BAR:
        bar: dict[str, Any] = {"x": x0, "y": cy - 5, "width": round(scale(due) - x0, 1), "height": 10, "rx": 2,
                               "class": "bar"}
        bar |= ({"fill": r.colour} if r.style == "firm"
                else {"fill": "#ffffff", "stroke": r.colour, "stroke-width": 1.5, "stroke-dasharray": "2 2"})
        shapes.append(Shape("rect", bar, title=r.title))
    elif due is None and settled is not None and scale(settled) - x0 >= _LEAST_BAR:
        shapes.append(Shape("line", {"x1": x0, "x2": scale(settled), "y1": cy, "y2": cy, "stroke": GREY,
                                     "stroke-width": 1.5, "stroke-dasharray": "1 3", "class": "link"}, title=r.title))
    shapes.append(Shape("line", {"x1": x0, "x2": x0, "y1": cy - 8, "y2": cy + 8, "stroke": INK, "stroke-width": 2,
                                 "class": "said"}, title=f"said {_day_text(r.said)}: {r.title}"))
    if settled is not None:
        shapes.append(marker(r.shape, scale(settled), cy, 6.5, r.colour, r.title))
    elif r.status == "pending":
        if due is not None and r.said <= as_of <= due and scale(as_of) - x0 >= 10:
            x = scale(as_of)
        else:
            x = x0 + 11 if x0 + 11 <= scale.right else x0 - 11
        shapes.append(marker(r.shape, x, cy, 6.5, r.colour, r.title, hollow=True))
    return shapes


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


def claim_chart(row: Row, *, as_of: int, event: tuple[int, str] | None, name: str, width: int = NARROW) -> Chart:
    """A claim's own chart, its window fitted to the claim: said, deadline, settling event.

    The as-of day joins the window (a dashed line labelled "checked as of …") only when
    the claim is pending or the day falls within a quarter of the claim's span; a day
    years later would squeeze the claim into a stub.  Each mark has its label under it,
    on the first free lane (a thin leader joins them), and the rules are months for a
    span under two years.

    >>> day = lambda s: (dt.date.fromisoformat(s) - _EPOCH).days
    >>> r = Row("x", day("2024-04-09"), day("2024-05-09"), "firm", day("2024-04-18"), "fulfilled", "#007A5E", "o", "t")
    >>> c = claim_chart(r, as_of=day("2025-06-30"), event=(day("2024-04-18"), "Llama 3: release 2024-04-18"), name="c")
    >>> [t for t in c.texts if not t.startswith("Llama")]
    ['May 2024', 'said 2024-04-09', 'deadline 2024-05-09']
    """
    due = row.end if row.style != "open" else None
    settled = row.mark if row.mark is not None and row.status != "pending" else None
    core = [row.said] + [d for d in (due, settled) if d is not None]
    span = max(max(core) - min(core), 14)
    near = min(core) - span / 4 <= as_of <= max(core) + span / 4
    show_as_of = row.status == "pending" or near
    top, cy = 22, 36
    chart = Chart(name, width, 0, "This claim on a time line",
                  f"Said on {_day_text(row.said)}"
                  + (f", {'soft horizon' if row.style == 'soft' else 'due'} {_day_text(due)}" if due is not None else
                     ", no deadline")
                  + (f"; {event[1]}" if event else "") + f"; checked as of {_day_text(as_of)}.")
    scale = _Scale(core + ([as_of] if show_as_of else []), _PAD + 6, width - _PAD - 6, pad=0.08, least=30)
    for x, tick in scale.ticks(min_gap=60):
        chart.shapes.append(Shape("line", {"x1": x, "x2": x, "y1": top, "y2": cy + 12, "stroke": RULE, "stroke-width": 1}))
        chart.shapes.append(_tick_label(width, x, top - 6, tick))
    x0 = scale(row.said)
    labels: list[tuple[str, float, str, str]] = [("said", x0, f"said {_day_text(row.said)}", GREY)]
    if due is not None:
        x1 = scale(due)
        if x1 - x0 >= _LEAST_BAR:
            bar: dict[str, Any] = {"x": x0, "y": cy - 6, "width": round(x1 - x0, 1), "height": 12, "rx": 2, "class": "bar"}
            bar |= ({"fill": row.colour} if row.style == "firm"
                    else {"fill": "#ffffff", "stroke": row.colour, "stroke-width": 1.5, "stroke-dasharray": "2 2"})
            chart.shapes.append(Shape("rect", bar, title=row.title))
        chart.shapes.append(Shape("line", {"x1": x1, "x2": x1, "y1": top, "y2": cy + 12, "stroke": INK, "stroke-width": 2,
                                           "data-mark": "deadline"}, title=f"deadline {_day_text(due)}"))
        labels.append(("deadline", x1, f"{'horizon' if row.style == 'soft' else 'deadline'} {_day_text(due)}", INK))
    elif (settled if settled is not None else as_of if row.status == "pending" else None) is not None:
        reach = settled if settled is not None else as_of  # a dotted line: how long it took, or has stayed open
        chart.shapes.append(Shape("line", {"x1": x0, "x2": scale(reach), "y1": cy, "y2": cy, "stroke": GREY,
                                           "stroke-width": 1.5, "stroke-dasharray": "1 3"}, title=row.title))
    if show_as_of:
        xa = scale(as_of)
        chart.shapes.append(Shape("line", {"x1": xa, "x2": xa, "y1": top, "y2": cy + 12, "stroke": "#444444",
                                           "stroke-dasharray": "4 3", "data-mark": "as-of"},
                                  title=f"checked as of {_day_text(as_of)}"))
        labels.append(("as-of", xa, f"checked as of {_day_text(as_of)}", GREY))
    chart.shapes.append(Shape("line", {"x1": x0, "x2": x0, "y1": cy - 10, "y2": cy + 10, "stroke": INK, "stroke-width": 2,
                                       "data-mark": "said"}, title=f"said {_day_text(row.said)}"))
    if settled is not None:
        mark = marker(row.shape, scale(settled), cy, 7, row.colour, row.title)
        mark.attributes["data-mark"] = "event" if event is not None else "status"
        chart.shapes.append(mark)
        if event is not None:
            labels.append(("event", scale(settled), event[1], INK))
    elif row.status == "pending":
        mark = marker(row.shape, scale(as_of), cy, 7, row.colour, row.title, hollow=True)
        mark.attributes["data-mark"] = "status"
        chart.shapes.append(mark)
    bottom = _labels_under(chart, labels, cy + 12)
    chart.height = int(bottom + 8)
    return chart


_NARROW_GLYPHS = frozenset(" .,:;-'’()[]ijlrtf|!")


def _text_width(text: str, size: int) -> float:
    """About the width of ``text`` (a little over, for DejaVu Sans, the widest of the fonts named)."""
    em = sum(0.34 if c in _NARROW_GLYPHS else 0.64 if c.isdigit() else 0.74 if c.isupper() else 0.62 for c in text)
    return em * size


def _labels_under(chart: Chart, labels: list[tuple[str, float, str, str]], below: float) -> float:
    """Each label under the mark it names, on the first lane where it overlaps no label and no leader.

    A label is centred on its mark, or held at an edge (anchored there) when it would
    cross it; a thin leader runs down from the mark to a label below the first lane.
    Returns the lowest baseline.
    """
    lane_h, first = 15, below + 15
    placed: list[tuple[int, float, float]] = []  # lane, left, right
    leaders: list[tuple[float, int]] = []  # x, deepest lane it crosses to
    lowest = first
    for key, x, text, fill in labels:
        text = _fit(text, _chars(chart.width - 2 * _PAD, SMALL))
        w = _text_width(text, SMALL)
        left = min(max(x - w / 2, _PAD), chart.width - _PAD - w)
        right = left + w

        def crossed(lane: int, x: float = x) -> bool:  # would its leader cross a label above it?
            return any(k < lane and lo - 4 <= x <= hi + 4 for k, lo, hi in placed)

        lane = 0
        while (any(k == lane and lo - 8 < right and left < hi + 8 for k, lo, hi in placed)
               or any(k > lane and left - 4 <= lx <= right + 4 for lx, k in leaders)
               or (crossed(lane) and lane <= len(labels))):
            lane += 1
        placed.append((lane, left, right))
        leaders.append((x, lane))
        y = first + lane * lane_h
        lowest = max(lowest, y)
        if lane and not crossed(lane):
            chart.shapes.append(Shape("line", {"x1": x, "x2": x, "y1": below, "y2": y - 11, "stroke": "#8c8c8c",
                                               "stroke-width": 1}))
        tx: float
        if left <= _PAD + 0.5:
            anchor, tx = "start", _PAD
        elif right >= chart.width - _PAD - 0.5:
            anchor, tx = "end", chart.width - _PAD
        else:
            anchor, tx = "middle", x
        chart.shapes.append(Shape("text", {"x": round(tx, 1), "y": round(y, 1), "font-size": SMALL, "fill": fill,
                                           "text-anchor": anchor, "data-for": key}, text=text))
    return lowest
