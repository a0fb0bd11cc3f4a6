"""Plots: the release timeline, and the track record of predictions.

Both follow the seaborn habit: the timeline first, options keyword-only, an
``ax`` to draw on (a new figure of a sensible size when none is given), and the
Axes returned, even when there is nothing to draw.  Colours come from the one
palette, :data:`llmtimeline.palette.STATUS_COLOURS`.

matplotlib is imported inside the functions, never when ``llmtimeline`` is.

>>> import llmtimeline as lt
>>> ax = lt.load().plot(as_of="2024-05-01")          # doctest: +SKIP
>>> ax = lt.plot_track_record(lt.load())             # doctest: +SKIP

Artists carry a ``gid`` so that tests and users can find them:

=====================  ==========================================================
``events``             the event markers (one ``scatter``)
``event-ranges``       events with an uncertain date: a line from earliest to latest
``event-labels``       the event labels, thinned at draw time so none overlap
``spans-STATUS``       predictions with a deadline: said day to deadline
``open-spans-STATUS``  predictions without one (or a vague one), outlined: said day
                       to the settling event, or to the as-of day while none
``statements-STATUS``  statements, small diamonds coloured by status
``settled``            a tick on a prediction's span at the date of the event that settled it
``late-whiskers``      late predictions: a line from the deadline to that date
``links``              from that tick to the event's marker (fainter when there are many)
``as-of``              the vertical "as of" line
=====================  ==========================================================
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .check import as_of_day, check
from .dates import parse_date
from .exceptions import Error
from .palette import STATUS_COLOURS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase

    from .timeline import Timeline

__all__ = ["PREDICTION_STATUSES", "plot_timeline", "plot_track_record"]

#: The statuses of a prediction, in the order legends and bars show them.
PREDICTION_STATUSES: tuple[str, ...] = ("fulfilled", "late", "missed", "pending", "undetermined", "contradicted")
_STATEMENT_STATUSES: tuple[str, ...] = ("confirmed", "contradicted", "unverified")
_NO_DAY = np.iinfo(np.int64).min
_EPOCH = dt.date(1970, 1, 1)
_EVENT_COLOUR = "#2B2B2B"
_LANE_SHADE = "#F3F3F3"
_OTHER = "other"

# vertical layout inside a lane (lane i is centred on y = i; the y axis points down)
_EVENT_Y = -0.02  # the line of event markers; the labels go above it, up to the lane's top
_BAND = (0.08, 0.36)  # the prediction spans, packed in rows
_STATEMENT_Y = 0.43
_MAX_SPAN_ROWS = 6
_MAX_ROW_HEIGHT = 0.11
_LABEL_CHARS = 28
_LANE_CHARS = 26


def plot_timeline(
    timeline: Timeline,
    *,
    as_of: Any = None,
    ax: Axes | None = None,
    by: str = "actor",
    actors: Sequence[str] | None = None,
    since: Any = None,
    until: Any = None,
    max_lanes: int = 12,
    statements: bool = True,
    legend: bool = True,
    **kwargs: Any,
) -> Axes:
    """Draw the release timeline: one lane per organisation, events and predictions.

    Each lane holds the events of an actor (markers, labelled where there is
    room), the predictions it made (a bar from the day said to the deadline,
    coloured by status) and its statements (small diamonds).  A line links each
    prediction to the event that settled it; a dashed vertical line marks the
    as-of day.  Only what was known ``as_of`` is drawn, and judged as then.

    Parameters
    ----------
    timeline:
        The records.
    as_of:
        The checking day (date text, ``datetime.date``; default today).
    ax:
        The Axes to draw on; by default a new figure sized for the lanes.
    by:
        The column naming the lanes: ``"actor"`` (default), ``"speaker"``, or
        any other text column; records with an empty cell share a ``(none)`` lane.
    actors:
        Only these lanes, in this order (the other records are left out).
    since, until:
        Only records that overlap this period, which becomes the x range.
    max_lanes:
        At most this many lanes: when there are more names, the busiest
        ``max_lanes - 1`` (most records) keep a lane and the rest share an ``other`` one.
    statements:
        Draw the statements too (default True).
    legend:
        Add the legend: outside on the right of a figure made here, inside
        (where it hides least) on a given ``ax``.
    **kwargs:
        Passed on to the event markers (:meth:`matplotlib.axes.Axes.scatter`),
        e.g. ``s=30`` or ``marker="s"``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import llmtimeline as lt
    >>> ax = lt.load().plot(as_of="2024-04-10", since="2023")     # doctest: +SKIP
    >>> ax = lt.plot_timeline(lt.load(), actors=["Meta", "OpenAI"])  # doctest: +SKIP
    """
    import matplotlib.dates as mdates
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if max_lanes < 1:
        raise Error(f"Could not interpret value `{max_lanes}` for `max_lanes`: expected an integer of 1 or more")
    data = _TimelineData(timeline, as_of=as_of, by=by, actors=actors, since=since, until=until,
                         max_lanes=max_lanes, statements=statements)
    n_lanes = len(data.lanes)
    own = ax is None
    ax = _axes(ax, (12.0, float(np.clip(1.2 + 0.75 * max(n_lanes, 1), 3.0, 14.0))))
    x0, x1 = data.xlim
    offset = float(mdates.date2num(np.datetime64("1970-01-01")))  # 0 unless date.epoch was changed

    def x(days: np.ndarray) -> np.ndarray:
        return np.asarray(days, dtype=float) + offset

    # lanes: shaded bands, names as y tick labels, the busiest on top
    for i in range(1, n_lanes, 2):
        ax.axhspan(i - 0.5, i + 0.5, color=_LANE_SHADE, zorder=0, lw=0, gid="lane-band")
    ax.set_yticks(np.arange(n_lanes), [_short(name, _LANE_CHARS) for name in data.lane_names])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(max(n_lanes, 1) - 0.5, -0.5)

    # predictions: one collection per status and style, so each is one colour in the legend
    min_width = max((x1 - x0) * 0.003, 0.5)
    p = data.predictions
    legend: list[Any] = []
    for status in PREDICTION_STATUSES:
        colour = STATUS_COLOURS[status]
        shown = False
        for is_open in (False, True):
            sel = p[(p["status"] == status) & (p["open"] == is_open)]
            if sel.empty:
                continue
            shown = True
            start = x(sel["start"].to_numpy())
            end = np.maximum(x(sel["end"].to_numpy()), start + min_width)
            top, bottom = sel["y0"].to_numpy(), sel["y1"].to_numpy()
            verts = np.stack([np.column_stack(c) for c in ((start, top), (start, bottom), (end, bottom), (end, top))],
                             axis=1)
            if is_open:
                spans = PolyCollection(verts, facecolors=_faded(colour), edgecolors=colour, linewidths=0.8, zorder=2)
                spans.set_gid(f"open-spans-{status}")
            else:
                spans = PolyCollection(verts, facecolors=colour, edgecolors="none", alpha=0.9, zorder=2)
                spans.set_gid(f"spans-{status}")
            spans.set_label(f"_{status}")  # the legend is built by hand below
            ax.add_collection(spans, autolim=False)
        if shown:
            legend.append(Patch(facecolor=colour, edgecolor="none", label=status))
    if p["open"].any():
        legend.append(Patch(facecolor=_faded("#777777"), edgecolor="#777777", linewidth=0.8,
                            label="no deadline (to the event or as-of day)"))

    # the outcome: a tick on the span at the settling event's date, a whisker from the deadline
    # to it when late, and a line from there to the event's marker (fainter when there are many)
    settled = p[p["event_x"].notna()]
    if not settled.empty:
        ex = x(settled["event_x"].to_numpy())
        row_y = ((settled["y0"] + settled["y1"]) / 2).to_numpy()
        ax.scatter(ex, row_y, marker="|", s=30, color=_EVENT_COLOUR, linewidths=1.0, zorder=2.6, gid="settled",
                   label="_settled")
        end = np.maximum(x(settled["end"].to_numpy()), x(settled["start"].to_numpy()) + min_width)
        late = ex > end
        if late.any():
            whiskers = LineCollection(np.stack([np.column_stack([end[late], row_y[late]]),
                                                np.column_stack([ex[late], row_y[late]])], axis=1),
                                      colors=[STATUS_COLOURS[v] for v in settled["status"].to_numpy()[late]],
                                      linewidths=1.2, zorder=2.5)
            whiskers.set_gid("late-whiskers")
            ax.add_collection(whiskers, autolim=False)
        legend.append(Line2D([], [], ls="none", marker="|", markersize=6, color=_EVENT_COLOUR,
                             label="settled (event date)"))
    linked = settled[settled["event_y"].notna()]
    if not linked.empty:
        ex = x(linked["event_x"].to_numpy())
        row_y = ((linked["y0"] + linked["y1"]) / 2).to_numpy()
        segments = np.stack([np.column_stack([ex, row_y]), np.column_stack([ex, linked["event_y"].to_numpy(float)])],
                            axis=1)
        alpha = float(np.clip(30.0 / len(linked), 0.06, 0.7))
        links = LineCollection(segments, colors=[STATUS_COLOURS[v] for v in linked["status"]], linewidths=0.9,
                               alpha=alpha, zorder=2.4)
        links.set_gid("links")
        links.set_label("_links")
        ax.add_collection(links, autolim=False)
        legend.append(Line2D([], [], color="#777777", lw=0.9, label="link to the settling event"))

    # statements: small diamonds coloured by status
    s = data.statements
    for status in _STATEMENT_STATUSES:
        sel = s[s["status"] == status]
        if sel.empty:
            continue
        colour = STATUS_COLOURS[status]
        ax.scatter(x(sel["x"].to_numpy()), sel["y"].to_numpy(), s=14, marker="D", color=colour,
                   edgecolors="white", linewidths=0.3, zorder=3, gid=f"statements-{status}", label=f"_{status}")
        legend.append(Line2D([], [], ls="none", marker="D", markersize=4, color=colour,
                             label=f"statement {status}"))

    # events: a marker each (one scatter), a line across an uncertain date, labels where there is room
    e = data.events
    if not e.empty:
        uncertain = e[e["latest"] > e["earliest"]]
        if not uncertain.empty:
            ys = uncertain["y"].to_numpy(float)
            segments = np.stack([np.column_stack([x(uncertain["earliest"].to_numpy()), ys]),
                                 np.column_stack([x(uncertain["latest"].to_numpy()), ys])], axis=1)
            ranges = LineCollection(segments, colors=_EVENT_COLOUR, linewidths=2.0, alpha=0.35, zorder=2.8)
            ranges.set_gid("event-ranges")
            ax.add_collection(ranges, autolim=False)
        style = {"s": 22, "color": _EVENT_COLOUR, "edgecolors": "white", "linewidths": 0.5, "zorder": 3.5,
                 "gid": "events", "label": "_events"}
        style.update(kwargs)
        ax.scatter(x(e["x"].to_numpy()), e["y"].to_numpy(float), **style)
        legend.insert(0, Line2D([], [], ls="none", marker="o", markersize=5, color=_EVENT_COLOUR, label="event"))
        labels = _label_layer_class()(
            x(e["x"].to_numpy()), e["y"].to_numpy(float), e["top"].to_numpy(float), e["lane"].to_numpy(),
            e["label"].tolist(), e["priority"].to_numpy(),
        )
        labels.set_gid("event-labels")
        ax.add_artist(labels)

    # the as-of line
    ax.axvline(x(np.array([data.today]))[0], color="#444444", lw=1.0, ls=(0, (4, 3)), zorder=4, gid="as-of",
               label=f"_as of {data.as_of}")
    legend.append(Line2D([], [], color="#444444", lw=1.0, ls=(0, (4, 3)), label=f"as of {data.as_of}"))

    # the concise date axis, from one month to seventy years
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlim(x0 + offset, x1 + offset)
    ax.grid(axis="x", color="#DDDDDD", lw=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    if data.is_empty:
        ax.text(0.5, 0.5, "nothing to draw", transform=ax.transAxes, ha="center", va="center", color="#777777",
                gid="empty")
    if legend:
        _legend(ax, legend, outside=own)
    return ax


def plot_track_record(
    timeline: Timeline, *, by: str = "actor", as_of: Any = None, ax: Axes | None = None, top: int = 15
) -> Axes:
    """Horizontal stacked bars: per actor, how many predictions were fulfilled, late, missed...

    Only predictions are counted (statements have their own statuses).  The
    ``top`` actors with most predictions get a bar each, the rest one ``other``
    bar; the on-time rate (fulfilled / outcomes known) is written at the end of
    each bar.

    Parameters
    ----------
    timeline:
        The records.
    by:
        ``"actor"`` (default) or ``"speaker"``.
    as_of:
        The checking day (default today).
    ax:
        The Axes to draw on; by default a new figure.
    top:
        How many actors get their own bar.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import llmtimeline as lt
    >>> ax = lt.plot_track_record(lt.load(), by="speaker", as_of="2025-01-01")  # doctest: +SKIP
    """
    from matplotlib.ticker import MaxNLocator

    if by not in ("actor", "speaker"):
        raise Error(f"Could not interpret value `{by}` for `by`: expected 'actor' or 'speaker'")
    if top < 1:
        raise Error(f"Could not interpret value `{top}` for `top`: expected an integer of 1 or more")
    counts = prediction_counts(timeline, by=by, as_of=as_of)
    if len(counts) > top:
        rest = counts.iloc[top:]
        other = rest.sum().to_frame(f"{_OTHER} ({len(rest)} {by}s)").T
        known = float(other[["fulfilled", "late", "missed"]].sum(axis=1).iloc[0])
        other["on_time_rate"] = other["fulfilled"] / known if known else np.nan
        counts = pd.concat([counts.iloc[:top], other])
    own = ax is None
    ax = _axes(ax, (8.0, float(np.clip(1.2 + 0.38 * max(len(counts), 1), 2.5, 9.0))))
    y = np.arange(len(counts))
    left = np.zeros(len(counts))
    for status in PREDICTION_STATUSES:
        values = counts[status].to_numpy(float) if len(counts) else np.zeros(0)
        if not values.any():
            continue
        ax.barh(y, values, left=left, color=STATUS_COLOURS[status], label=status, height=0.7, gid=f"track-{status}",
                edgecolor="white", linewidth=0.5)
        left += values
    for i, (total, rate) in enumerate(zip(left, counts["on_time_rate"] if len(counts) else [], strict=True)):
        if not np.isnan(rate):
            ax.annotate(f"{rate:.0%} on time", (total, i), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=8, color="#444444")
    ax.set_yticks(y, [str(v) for v in counts.index])
    ax.set_ylim(max(len(counts), 1) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("predictions")
    ax.set_xlim(0, max(float(left.max()) if len(left) else 1.0, 1.0) * 1.2 + 0.5)  # room for the on-time rates
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(counts):
        _legend(ax, ax.get_legend_handles_labels()[0], outside=own)
    else:
        ax.text(0.5, 0.5, "no predictions", transform=ax.transAxes, ha="center", va="center", color="#777777",
                gid="empty")
    return ax


def prediction_counts(timeline: Timeline, *, by: str = "actor", as_of: Any = None) -> pd.DataFrame:
    """Counts of predictions per status and the on-time rate, per actor (or speaker).

    Unlike :meth:`Timeline.track_record`, statements are left out: a
    ``contradicted`` here is a "will not happen" that happened.

    >>> import llmtimeline as lt
    >>> c = prediction_counts(lt.load(), by="speaker", as_of="2024-05-01")
    >>> c.loc["Nick Clegg", ["fulfilled", "pending"]].tolist()
    [2, 0]
    """
    report = check(timeline, as_of=as_of)
    preds = report[report["type"] == "prediction"]
    key = preds[by].where(preds[by] != "", "(none)")
    counts = pd.crosstab(key, preds["status"])
    counts = counts.reindex(columns=list(PREDICTION_STATUSES), fill_value=0).astype(np.int64)
    counts.columns.name = None
    counts.index.name = by
    counts["total"] = counts[list(PREDICTION_STATUSES)].sum(axis=1)
    known = counts[["fulfilled", "late", "missed"]].sum(axis=1)
    counts["on_time_rate"] = (counts["fulfilled"] / known.where(known > 0)).astype(float)
    order = np.lexsort((counts.index.to_numpy(dtype=str), -counts["total"].to_numpy()))
    return counts.iloc[order]


# -- the data of a timeline plot, in days since 1970-01-01 --------------------------------------------


class _TimelineData:
    """What to draw: lanes, events, predictions and statements, with their places."""

    def __init__(self, timeline: Timeline, *, as_of: Any, by: str, actors: Sequence[str] | None, since: Any,
                 until: Any, max_lanes: int, statements: bool) -> None:
        t, d = timeline.cells, timeline.typed
        if by not in t.columns or by in ("id", "type", "date", "deadline", "facts", "quote", "url", "notes"):
            raise Error(f"Could not interpret value `{by}` for `by`: expected 'actor', 'speaker' or another text "
                        "column such as 'kind'")
        self.today = as_of_day(as_of)
        self.as_of = (_EPOCH + dt.timedelta(days=self.today)).isoformat()
        lo = _day(since, "since", end=False)
        hi = _day(until, "until", end=True)
        if lo is not None and hi is not None and lo > hi:
            raise Error(f"Could not interpret value `{since}` for `since`: it is after `until` ({until})")
        report = check(timeline, as_of=self.as_of)
        positions = pd.Index(t["id"]).get_indexer(report["id"])
        earliest, latest = d["earliest"].to_numpy(), d["latest"].to_numpy()
        keys = t[by].to_numpy(dtype=object)
        keys = np.where(keys == "", "(none)", keys)
        types = t["type"].to_numpy(dtype=object)

        # events known as of the day
        ev = np.flatnonzero((types == "event") & (latest <= self.today))
        events = pd.DataFrame({
            "pos": ev, "earliest": earliest[ev], "latest": latest[ev], "key": keys[ev],
            "kind": t["kind"].to_numpy(dtype=object)[ev], "subject": t["subject"].to_numpy(dtype=object)[ev],
        })
        # predictions: a span from the earliest day said to the deadline, or, without one, to
        # the settling event (when there is one) or the as-of day
        is_pred = (report["type"] == "prediction").to_numpy()
        pp = positions[is_pred]
        preds = pd.DataFrame({"pos": pp, "key": keys[pp], "status": report["status"].to_numpy(dtype=object)[is_pred],
                              "start": earliest[pp], "deadline": d["deadline"].to_numpy()[pp]})
        event_pos = pd.Index(t["id"]).get_indexer(report["event_id"].to_numpy(dtype=object)[is_pred])
        has_event = event_pos >= 0
        event_x = np.where(has_event, (earliest[event_pos] + latest[event_pos]) / 2.0, np.nan)
        preds["event_pos"] = event_pos
        preds["event_x"] = event_x
        preds["open"] = preds["deadline"] == _NO_DAY
        settled_at = np.where(has_event, latest[event_pos], self.today)
        preds["end"] = np.where(preds["open"], np.maximum(settled_at, preds["start"]), preds["deadline"])
        # statements: a point at the day said
        is_st = (report["type"] == "statement").to_numpy() & statements
        sp = positions[is_st]
        stmts = pd.DataFrame({"pos": sp, "key": keys[sp], "status": report["status"].to_numpy(dtype=object)[is_st],
                              "x": (earliest[sp] + latest[sp]) / 2.0})

        # the period
        if lo is not None:
            events = events[events["latest"] >= lo]
            preds = preds[preds["end"] >= lo]
            stmts = stmts[stmts["x"] >= lo]
        if hi is not None:
            events = events[events["earliest"] <= hi]
            preds = preds[preds["start"] <= hi]
            stmts = stmts[stmts["x"] <= hi]

        # lanes
        all_keys = set(keys.tolist())
        if actors is not None:
            if isinstance(actors, str):
                actors = [actors]
            unknown = [a for a in actors if a not in all_keys]
            if unknown:
                raise Error(f"Could not interpret value `{unknown[0]}` for `actors`: no record has that {by}")
            names = list(dict.fromkeys(actors))
            lane_of = {name: i for i, name in enumerate(names)}
        else:
            counts = pd.concat([events["key"], preds["key"], stmts["key"]]).value_counts()
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
            named = len(ranked) if len(ranked) <= max_lanes else max_lanes - 1
            names = [str(k) for k, _ in ranked[:named]]
            lane_of = {name: i for i, name in enumerate(names)}
            if named < len(ranked):  # the rest share the last lane
                names.append(f"{_OTHER} ({len(ranked) - named} {by}s)")
                lane_of.update({str(k): named for k, _ in ranked[named:]})
        self.lanes = names
        self.lane_names = names

        def lane(frame: pd.DataFrame) -> pd.DataFrame:
            frame = frame.assign(lane=frame["key"].map(lane_of))
            return frame[frame["lane"].notna()].assign(lane=lambda f: f["lane"].astype(np.int64))

        events, preds, stmts = lane(events), lane(preds), lane(stmts)

        # event places, labels and the order labels are given room in
        events = events.assign(x=(events["earliest"] + events["latest"]) / 2.0, y=events["lane"] + _EVENT_Y,
                               top=events["lane"] - 0.5)
        settles = events["pos"].isin(preds["event_pos"]).to_numpy()
        kind = events["kind"].to_numpy(dtype=object)
        subject = events["subject"].to_numpy(dtype=object)
        labels = np.where(kind == "release", subject, subject + " " + kind)
        events["label"] = [_short(v, _LABEL_CHARS) for v in labels]
        # labels are given room in this order: releases that settle a prediction, other releases,
        # other events that settle one, the rest; earlier first within each
        release = kind == "release"
        rank = np.select([settles & release, release, settles], [0, 1, 2], default=3)
        events["priority"] = np.lexsort((events["x"].to_numpy(), rank)).argsort() if len(events) else []
        self.events = events

        # prediction rows inside each lane: first fit by start, at most _MAX_SPAN_ROWS rows
        preds = preds.sort_values(["lane", "start", "end"], kind="stable")
        span_x0, span_x1 = self._range(events, preds, stmts, lo, hi)
        gap = (span_x1 - span_x0) * 0.004
        rows = _pack(preds["lane"].to_numpy(), preds["start"].to_numpy(), preds["end"].to_numpy(), gap)
        n_rows = pd.Series(rows).groupby(preds["lane"].to_numpy()).transform("max").to_numpy() + 1
        height = np.minimum((_BAND[1] - _BAND[0]) / np.maximum(n_rows, 1), _MAX_ROW_HEIGHT)
        y0 = preds["lane"].to_numpy() + _BAND[0] + rows * height
        preds = preds.assign(y0=y0, y1=y0 + height * 0.78)
        event_lane = pd.Series(events["lane"].to_numpy(), index=events["pos"].to_numpy())
        preds["event_y"] = preds["event_pos"].map(event_lane) + _EVENT_Y
        self.predictions = preds
        self.statements = stmts.assign(y=stmts["lane"] + _STATEMENT_Y)
        self.xlim = (span_x0, span_x1)
        self.is_empty = events.empty and preds.empty and self.statements.empty

    def _range(self, events: pd.DataFrame, preds: pd.DataFrame, stmts: pd.DataFrame,
               lo: int | None, hi: int | None) -> tuple[float, float]:
        """The x range in days: the data and the as-of day, with a margin; or since/until."""
        values = np.concatenate([[self.today], events["earliest"], events["latest"], preds["start"], preds["end"],
                                 stmts["x"]]).astype(float)
        first, last = float(values.min()), float(values.max())
        margin = max((last - first) * 0.02, 3.0)
        first = float(lo) if lo is not None else first - margin
        last = float(hi) + 1 if hi is not None else last + margin
        if last - first < 14:  # at least a fortnight
            mid = (first + last) / 2
            first, last = mid - 7, mid + 7
        return first, last


def _short(text: str, limit: int) -> str:
    """``text``, cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _faded(colour: str, alpha: float = 0.25) -> tuple[float, float, float, float]:
    """``colour`` with an alpha: the fill of a span without a deadline (its edge is the full colour)."""
    from matplotlib.colors import to_rgba

    return to_rgba(colour, alpha)


def _day(value: Any, name: str, *, end: bool) -> int | None:
    if value is None:
        return None
    try:
        when = parse_date(value)
    except Error as exc:
        raise Error(f"Could not interpret value `{value}` for `{name}`: {getattr(exc, 'reason', exc)}") from None
    return ((when.latest if end else when.earliest) - _EPOCH).days


def _pack(lanes: np.ndarray, starts: np.ndarray, ends: np.ndarray, gap: float) -> np.ndarray:
    """Row of each span in its lane: the first row free at its start (spans sorted by lane, start).

    When every row is taken, the row that frees first is shared.
    """
    rows = np.zeros(len(starts), dtype=np.int64)
    current = None
    row_ends: list[float] = []
    for i, (lane, start, end) in enumerate(zip(lanes.tolist(), starts.tolist(), ends.tolist(), strict=True)):
        if lane != current:
            current, row_ends = lane, []
        free = [r for r, last in enumerate(row_ends) if last + gap < start]
        if free:
            r = free[0]
        elif len(row_ends) < _MAX_SPAN_ROWS:
            r = len(row_ends)
            row_ends.append(end)
        else:  # every row is taken: share the one that frees first
            r = int(np.argmin(row_ends))
        row_ends[r] = max(end, start + gap)
        rows[i] = r
    return rows


def _legend(ax: Axes, handles: list[Any], *, outside: bool) -> None:
    """The legend: outside on the right (a figure made here), or inside where it hides least."""
    if outside:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.005, 1.0), frameon=False, fontsize=8,
                  borderaxespad=0.0, handlelength=1.6)
    else:
        ax.legend(handles=handles, loc="best", fontsize=7, framealpha=0.85, handlelength=1.6)


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """The given Axes, or those of a new figure of ``size`` inches."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


# -- labels, thinned at draw time --------------------------------------------------------------------------


@functools.cache
def _label_layer_class() -> type:
    """The EventLabels artist class (built on first use, so matplotlib loads only when plotting)."""
    from matplotlib.artist import Artist
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Text
    from matplotlib.transforms import IdentityTransform

    class EventLabels(Artist):
        """Event labels, thinned each time they are drawn so that no two overlap.

        A greedy pass over the labels in priority order (releases that settle a
        prediction, other releases, other settling events, the rest) keeps a label when its extent,
        measured in display coordinates for the current size and limits, fits in
        one of the text rows above its marker without touching a label kept
        before.  The labels drawn last are :meth:`get_texts`.
        """

        def __init__(self, x: np.ndarray, y: np.ndarray, top: np.ndarray, lane: np.ndarray, labels: list[str],
                     priority: np.ndarray, fontsize: float = 7.5, max_rows: int = 2) -> None:
            super().__init__()
            self._x, self._y, self._top = np.asarray(x, float), np.asarray(y, float), np.asarray(top, float)
            self._lane = np.asarray(lane).tolist()
            self._labels = list(labels)
            self._order = np.argsort(np.asarray(priority), kind="stable") if len(labels) else np.zeros(0, int)
            self._fontsize = fontsize
            self._max_rows = max_rows
            self._texts: list[Text] = []
            self.set_zorder(5)

        def get_texts(self) -> list[Text]:
            """The labels drawn by the last draw."""
            return list(self._texts)

        def get_children(self) -> list[Artist]:
            return list(self._texts)

        def draw(self, renderer: RendererBase) -> None:
            self._texts = []
            if not self.get_visible() or not self._labels or self.axes is None:
                return
            ax = self.axes
            box = ax.bbox
            prop = FontProperties(family="sans-serif", size=self._fontsize)
            anchors = ax.transData.transform(np.column_stack([self._x, self._y]))
            tops = ax.transData.transform(np.column_stack([self._x, self._top]))[:, 1]
            pad = renderer.points_to_pixels(2.5)
            gap = renderer.points_to_pixels(4.0)
            nudge = renderer.points_to_pixels(1.5)
            line = max(renderer.get_text_width_height_descent(s, prop, ismath=False)[1] for s in ("lp", "Ag"))
            line += renderer.points_to_pixels(1.0)
            inside = ((anchors[:, 0] >= box.x0) & (anchors[:, 0] <= box.x1)
                      & (anchors[:, 1] >= box.y0 - 1) & (anchors[:, 1] <= box.y1 + 1))
            room = np.abs(tops - anchors[:, 1]) - pad
            fits = np.minimum(np.floor(room / line), self._max_rows).astype(int)
            kept: dict[tuple[Any, int], _Intervals] = {}
            advance = _advances(renderer, prop)
            margin = renderer.points_to_pixels(1.0)
            seen: dict[tuple[Any, str], list[float]] = {}
            for i in self._order.tolist():
                if not inside[i] or fits[i] <= 0:
                    continue
                px, py = anchors[i]
                label = self._labels[i]
                near = seen.get((self._lane[i], label))
                if near is not None and min(abs(px - q) for q in near) < gap:
                    continue  # the same label on the same spot: once is enough
                width = None
                for r in range(fits[i]):
                    row = kept.setdefault((self._lane[i], r), _Intervals())
                    if row.covers(px):
                        continue
                    if width is None:  # glyph advances, measured once per character: fast and within a pixel
                        width = sum(advance[c] for c in label) * 1.02 + margin
                    ha, left = "left", px - nudge
                    if left + width > box.x1:
                        ha, left = "right", px + nudge - width
                    if left < box.x0 or not row.free(left - gap, left + width + gap):
                        continue
                    seen.setdefault((self._lane[i], label), []).append(px)
                    row.add(left, left + width)
                    text = Text(left if ha == "left" else left + width, py + pad + r * line, label,
                                ha=ha, va="bottom", fontproperties=prop, color="#222222", parse_math=False,
                                transform=IdentityTransform(), clip_on=False)
                    text.set_figure(self.figure)
                    self._texts.append(text)
                    break
            for text in self._texts:
                text.draw(renderer)
            self.stale = False

    return EventLabels


class _Advances(dict):  # type: ignore[type-arg]
    """Width in pixels of each character, measured on first use."""

    def __init__(self, renderer: RendererBase, prop: Any) -> None:
        super().__init__()
        self._renderer, self._prop = renderer, prop

    def __missing__(self, char: str) -> float:
        width = self._renderer.get_text_width_height_descent(char * 8, self._prop, ismath=False)[0] / 8
        self[char] = width
        return width


def _advances(renderer: RendererBase, prop: Any) -> _Advances:
    """The character widths for this font, size and resolution (cached across draws)."""
    key = (prop.get_size_in_points(), float(renderer.points_to_pixels(72.0)), type(renderer).__name__)
    table = _ADVANCES.get(key)
    if table is None:
        table = _ADVANCES[key] = _Advances(renderer, prop)
    return table


_ADVANCES: dict[tuple[float, float, str], _Advances] = {}


class _Intervals:
    """Disjoint intervals on a line, sorted by start."""

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []

    def covers(self, x: float) -> bool:
        i = bisect.bisect_right(self.starts, x)
        return i > 0 and self.ends[i - 1] >= x

    def free(self, a: float, b: float) -> bool:
        i = bisect.bisect_right(self.starts, b)
        return i == 0 or self.ends[i - 1] < a

    def add(self, a: float, b: float) -> None:
        i = bisect.bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)
