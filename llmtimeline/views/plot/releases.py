"""The release timeline: what happened, one lane per organisation.

Artists carry a ``gid`` so that tests and users can find them:

=================  ==================================================================
``events``         the event markers (one ``scatter`` per style: ``events`` releases,
                   ``events-other`` the other kinds)
``event-ranges``   events with an uncertain date: a line from earliest to latest
``settling``       a ring, in the status colour, round each event that settles a prediction
``density``        lanes with too many events to draw one by one: a strip of counts (one collection
                   of grey boxes, one per stretch of the window, darker where more happened)
``event-labels``   the event labels (subject titles), thinned at draw time so none overlap
``lanes``          the lane names, one text per lane left of the Axes
``lane-band``      the shading of every other lane
``as-of``          the vertical "as of" line (when the day is in the window)
=================  ==================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ...check.engine import as_of_day
from ...exceptions import Error
from ...status import TABLE, statuses_of
from .. import reading as views
from ..palette import STATUS_COLOURS
from ._labels import label_layer, short
from ._layout import GREY, INK, axes, date_axis, day_of, finish, fit_window, legend_above, row_texts, to_x

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ...timeline import Timeline

__all__ = ["plot_timeline"]

_LANE_SHADE = "#F3F3F3"
_OTHER_EVENT = "#8A8A8A"
_MARKER_Y = 0.22  # markers sit low in their lane (lane i spans i - 0.5 .. i + 0.5, y pointing down)
_LABEL_TOP = -0.46
_DENSE = 250  # a lane with more events than this in the window gets a density strip
_MARKERS_PER_DENSE_LANE = 60  # at most one dot per 1/60 of the window
_MAX_LABEL_CANDIDATES = 3000
_STRIP_BINS = 240
_STRIP_TOP, _STRIP_HEIGHT = 0.05, 0.35  # the strip of a lane, in lanes (y points down): under the labels, round the dots
_LABEL_CHARS = 30
_LANE_CHARS = 24
#: The statuses a settling event's ring may show, worst first (the ring shows the worst it settles): by
#: ClaimReview rating, lowest first, then the statuses that are no verdict, in report order (status.TABLE).
_CLAIM_STATUS_ORDER = tuple(sorted(statuses_of("prediction"), key=lambda s: (TABLE[s].rating is None, TABLE[s].rating or 0)))


def plot_timeline(
    timeline: Timeline,
    *,
    as_of: Any = None,
    ax: Axes | None = None,
    since: Any = None,
    until: Any = None,
    actors: Sequence[str] | None = None,
    title: str | None = None,
    by: str = "actor",
    max_lanes: int = 8,
    legend: bool = True,
    report: pd.DataFrame | None = None,
    label_rows: int = 3,
    **kwargs: Any,
) -> Axes:
    """Draw the release timeline: one lane per organisation, the busiest first, the rest folded.

    Dots are releases, grey diamonds other events (announcements, partnerships...),
    each labelled with its subject's title where there is room (labels never
    overlap: they are thinned at every draw).  A ring in the status colour marks
    an event that settled a prediction.  The window fits the claims (the days
    they were said, their deadlines and the events that settled them), so a
    lone old event does not stretch it; events outside it are counted in the
    source line.  Lanes with hundreds of events show a density strip and only
    their most telling events as dots.  Only what was known ``as_of`` is drawn.

    Parameters
    ----------
    timeline:
        The records.
    as_of:
        The checking day (date text, ``datetime.date``; default today).
    ax:
        The Axes to draw on; by default a new figure sized for the lanes.
    since, until:
        The window (dates such as ``"2023"``, ``"2024-06"``); default: fitted to the claims.
    actors:
        Only these lanes, in this order.
    title:
        A title, drawn left above the Axes.
    by:
        The column naming the lanes: ``"actor"`` (default) or ``"speaker"``.
    max_lanes:
        At most this many lanes; the rest share an ``other`` lane.
    legend:
        Add the compact legend above the Axes (default True).
    report:
        The Report of ``timeline`` as of ``as_of``, when the caller has it: the events that
        settle claims take their status from it, with no second check.
    label_rows:
        At most this many rows of event labels above each lane's markers (default 3, as many as
        the lane's height allows); ``report_figure`` uses 1, which keeps the image quick to save.
    **kwargs:
        Passed on to the event markers (:meth:`matplotlib.axes.Axes.scatter`), e.g. ``s=30``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, one lane per actor.

    Examples
    --------
    >>> import llmtimeline as lt
    >>> ax = lt.load().plot(as_of="2024-05-01", title="Llama and its neighbours")  # doctest: +SKIP
    """
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.lines import Line2D

    if by not in ("actor", "speaker"):
        raise Error(f"Could not interpret value `{by}` for `by`: expected 'actor' or 'speaker'")
    if max_lanes < 1:
        raise Error(f"Could not interpret value `{max_lanes}` for `max_lanes`: expected an integer of 1 or more")
    if label_rows < 0:
        raise Error(f"Could not interpret value `{label_rows}` for `label_rows`: expected an integer of 0 or more")
    data = _Data(timeline, as_of=as_of, by=by, actors=actors, since=since, until=until, max_lanes=max_lanes,
                 report=report)
    n_lanes = max(len(data.lanes), 1)
    ax = axes(ax, (12.0, float(np.clip(1.4 + 0.55 * n_lanes, 3.0, 10.0))))
    for i in range(1, len(data.lanes), 2):
        ax.axhspan(i - 0.5, i + 0.5, color=_LANE_SHADE, zorder=0, lw=0, gid="lane-band")
    ax.set_yticks([])
    row_texts(ax, range(len(data.lanes)), [short(name, _LANE_CHARS) for name in data.lanes], side="left", gid="lanes")
    ax.set_ylim(n_lanes - 0.5, -0.5)
    handles: list[Any] = []

    e = data.events
    if not data.strip.empty:
        # one collection for every strip: a grey box per bin of counts, darker where more happened
        s = data.strip
        shade = np.clip(0.15 + 0.85 * np.sqrt(s["count"].to_numpy() / s["count"].max()), 0, 1)
        w0, w1 = data.window
        step = (w1 - w0) / _STRIP_BINS
        bin_start = to_x(w0 + s["bin"].to_numpy(dtype=float) * step)
        x0, x1 = bin_start, bin_start + float(step)
        y0 = s["lane"].to_numpy(dtype=float) + _STRIP_TOP
        y1 = y0 + _STRIP_HEIGHT
        boxes: Any = np.stack([np.column_stack(c) for c in ((x0, y0), (x0, y1), (x1, y1), (x1, y0))], axis=1)
        strip = PolyCollection(boxes, facecolors=np.column_stack([np.full((len(s), 3), 0.2), shade]),
                               edgecolors="none", antialiased=False, zorder=1)
        strip.set_gid("density")
        ax.add_collection(strip, autolim=False)
        handles.append(Line2D([], [], ls="none", marker="s", markersize=7, color="#999999",
                              label=f"many events ({int(s['count'].sum()):,})"))
    if not e.empty:
        uncertain = e[e["latest"] > e["earliest"]]
        if not uncertain.empty:
            ys = uncertain["y"].to_numpy(float)
            segments: Any = np.stack([np.column_stack([to_x(uncertain["earliest"]), ys]),
                                 np.column_stack([to_x(uncertain["latest"] + 1), ys])], axis=1)
            ranges = LineCollection(segments, colors=INK, linewidths=2.2, alpha=0.3, zorder=2.8)
            ranges.set_gid("event-ranges")
            ax.add_collection(ranges, autolim=False)
        settles = e[e["settles"] != ""]
        if not settles.empty:
            ax.scatter(to_x(settles["x"]), settles["y"], s=120, facecolors="none", linewidths=1.8, zorder=3.2,
                       edgecolors=[STATUS_COLOURS.get(v, GREY) for v in settles["settles"]], gid="settling")
            handles.append(Line2D([], [], ls="none", marker="o", markersize=9, markerfacecolor="none",
                                  markeredgecolor=INK, markeredgewidth=1.5, label="settles a prediction"))
        release = e["kind"] == "release"
        styles: tuple[tuple[str, pd.DataFrame, dict[str, Any]], ...] = (
            ("events", e[release], {"s": 34, "marker": "o", "color": INK}),
            ("events-other", e[~release], {"s": 24, "marker": "D", "color": _OTHER_EVENT}),
        )
        for gid, sel, style in styles:
            if sel.empty:
                continue
            style = {**style, "edgecolors": "white", "linewidths": 0.5, "zorder": 3.5, **kwargs}
            ax.scatter(to_x(sel["x"]), sel["y"], gid=gid, **style)
            handles.append(Line2D([], [], ls="none", marker=style["marker"], markersize=6, color=style["color"],
                                  label="release" if gid == "events" else "other event"))
        labelled = e.nsmallest(_MAX_LABEL_CANDIDATES, "priority")
        labels = label_layer(to_x(labelled["x"]), labelled["y"].to_numpy(float),
                             (labelled["lane"] + _LABEL_TOP).to_numpy(float), labelled["lane"].to_numpy(),
                             labelled["label"].tolist(), labelled["priority"].to_numpy(), fontsize=8.0, max_rows=label_rows)
        labels.set_gid("event-labels")
        ax.add_artist(labels)
    if data.window[0] <= data.today <= data.window[1]:
        ax.axvline(float(to_x(data.today)), color="#444444", lw=1.0, ls=(0, (4, 3)), zorder=4, gid="as-of")
        handles.append(Line2D([], [], color="#444444", lw=1.0, ls=(0, (4, 3)), label=f"as of {data.as_of}"))
    date_axis(ax, data.window)
    if data.is_empty:
        ax.text(0.5, 0.5, "nothing to draw", transform=ax.transAxes, ha="center", va="center", color=GREY,
                gid="empty")
    legend_height = legend_above(ax, handles) if legend else 0
    finish(ax, title=title, source=data.source_line, note=data.note, legend_height=legend_height)
    return ax


class _Data:
    """What to draw: lanes, events in the window with their places and labels, density strips."""

    def __init__(self, tl: Timeline, *, as_of: Any, by: str, actors: Sequence[str] | None, since: Any, until: Any,
                 max_lanes: int, report: pd.DataFrame | None) -> None:
        c, d = views.cells(tl), views.typed(tl)
        self.today = as_of_day(as_of)
        self.as_of = views.day_text(self.today)
        lo, hi = day_of(since, "since", end=False), day_of(until, "until", end=True)
        if lo is not None and hi is not None and lo > hi:
            raise Error(f"Could not interpret value `{since}` for `since`: it is after `until` ({until})")
        rep = views.report(tl, as_of=self.as_of, checked=report)
        earliest, latest = d["earliest"].to_numpy(), d["latest"].to_numpy()
        ev = np.flatnonzero((c["type"] == "event").to_numpy(dtype=bool) & (latest <= self.today))

        # the settling events, and the status each one is shown with (the worst it settles)
        is_pred = (rep["type"] == "prediction").to_numpy()
        settled_pos = rep["event_pos"].to_numpy()[is_pred]
        rank = np.full(int(is_pred.sum()), -1, dtype=np.int64)
        status = rep["status"][is_pred]
        for i, name in enumerate(_CLAIM_STATUS_ORDER):
            rank[(status == name).to_numpy()] = i
        settled = (settled_pos >= 0) & (rank >= 0)
        worst = np.full(len(c), len(_CLAIM_STATUS_ORDER), dtype=np.int64)
        np.minimum.at(worst, settled_pos[settled], rank[settled])
        statuses = np.array([*_CLAIM_STATUS_ORDER, ""], dtype=object)

        # the window: the claims (said, deadline, settling event), else every event
        deadlines = rep["deadline"][is_pred].dropna().to_numpy("datetime64[D]").astype(np.int64)
        said = rep["said"].to_numpy()
        claim_days = [said[rep["pos"].to_numpy() >= 0], deadlines, latest[settled_pos[settled_pos >= 0]]]
        self.window = fit_window(claim_days, lo, hi, fallback=[earliest[ev], latest[ev]])
        w0, w1 = self.window
        inside = (latest[ev] >= w0) & (earliest[ev] <= w1)
        before, after = int((latest[ev] < w0).sum()), int((earliest[ev] > w1).sum())
        ev = ev[inside]
        keys = c[by].to_numpy(dtype=object)[ev]
        keys[keys == ""] = "(none)"

        # lanes: the keys with most events in the window, the rest folded
        codes, uniques = pd.factorize(pd.Series(keys, dtype=object))
        uniques = np.asarray(uniques, dtype=object)
        if actors is not None:
            actors = [actors] if isinstance(actors, str) else list(actors)
            known = set(c[by].tolist()) | {"(none)"}
            unknown = [a for a in actors if a not in known]
            if unknown:
                raise Error(f"Could not interpret value `{unknown[0]}` for `actors`: no record has that {by}")
            names = list(dict.fromkeys(actors))
            lane_of_unique = pd.Index(names).get_indexer(uniques)
        else:
            counts = np.bincount(codes, minlength=len(uniques)) if len(uniques) else np.zeros(0, dtype=np.int64)
            ranked = np.lexsort((uniques.astype(str), -counts)) if len(uniques) else np.zeros(0, dtype=np.int64)
            named = len(ranked) if len(ranked) <= max_lanes else max_lanes - 1
            names = [str(k) for k in uniques[ranked[:named]]]
            lane_of_unique = np.empty(len(uniques), dtype=np.int64)
            lane_of_unique[ranked] = np.minimum(np.arange(len(ranked)), named)
            if named < len(ranked):
                names.append(f"other ({len(ranked) - named} {by}s)")
        lane = lane_of_unique[codes] if len(codes) else np.zeros(0, dtype=np.int64)
        keep_lane = lane >= 0
        ev, lane = ev[keep_lane], lane[keep_lane]
        kind = c["kind"].to_numpy(dtype=object)[ev]
        is_release = kind == "release"
        settles = worst[ev] < len(_CLAIM_STATUS_ORDER)
        x = (earliest[ev] + latest[ev] + 1) / 2.0
        # labels are given room in this order: releases that settle a prediction, other releases,
        # other events that settle one, the rest; earlier first within each
        rank_ = np.select([settles & is_release, is_release, settles], [0, 1, 2], default=3)
        n_ev = len(ev)
        order_key = (rank_.astype(np.int64) * 10_000_000 + (2 * x).astype(np.int64)) * max(n_ev, 1) + np.arange(n_ev)
        priority = np.empty(n_ev, dtype=np.int64)
        priority[np.argsort(order_key)] = np.arange(n_ev)  # a unique key: no stable sort needed
        # dense lanes: a strip of counts, and dots only for their most telling events
        per_lane = np.bincount(lane, minlength=len(names)) if len(lane) else np.zeros(len(names), dtype=np.int64)
        dense = np.flatnonzero(per_lane > _DENSE)
        is_dense = np.zeros(len(names), dtype=bool)
        is_dense[dense] = True
        in_dense = is_dense[lane] if len(lane) else np.zeros(0, dtype=bool)
        if in_dense.any():
            bins = np.clip(((x[in_dense] - w0) * (_STRIP_BINS / (w1 - w0))).astype(np.int64), 0, _STRIP_BINS - 1)
            cell = lane[in_dense] * _STRIP_BINS + bins
            count = np.bincount(cell, minlength=len(names) * _STRIP_BINS)
            used = np.flatnonzero(count)
            self.strip = pd.DataFrame({"lane": used // _STRIP_BINS, "bin": used % _STRIP_BINS, "count": count[used]})
            # in a dense lane, the most telling event of each stretch of the window, so the dots spread out
            stretch = np.clip(((x - w0) * (_MARKERS_PER_DENSE_LANE / (w1 - w0))).astype(np.int64), 0,
                              _MARKERS_PER_DENSE_LANE - 1)
            key = lane * _MARKERS_PER_DENSE_LANE + stretch
            best = np.full(len(names) * _MARKERS_PER_DENSE_LANE, n_ev, dtype=np.int64)
            np.minimum.at(best, key, priority)
            shown = ~in_dense | (priority == best[key])
        else:
            self.strip = pd.DataFrame(columns=["lane", "bin", "count"])
            shown = np.ones(len(ev), dtype=bool)
        events = pd.DataFrame({"pos": ev[shown], "earliest": earliest[ev][shown], "latest": latest[ev][shown],
                               "lane": lane[shown], "x": x[shown], "priority": priority[shown],
                               "kind": pd.Series(kind[shown], dtype=object),
                               "subject": pd.Series(c["subject"].to_numpy(dtype=object)[ev[shown]], dtype=object),
                               "settles": pd.Series(statuses[worst[ev[shown]]], dtype=object)})
        events["y"] = events["lane"] + _MARKER_Y
        self.lanes = names

        # labels: the subject's title (and the kind, when it is not a release), made once per distinct pair
        titles = views.subject_titles(tl)
        pairs, pair = np.unique(np.stack([events["subject"].to_numpy(dtype=str), events["kind"].to_numpy(dtype=str)]),
                                axis=1, return_inverse=True) if len(events) else (np.zeros((2, 0), dtype=str), [])
        texts = [short(views.subject_title(str(sub), titles) + ("" if k == "release" else f" {k}"), _LABEL_CHARS)
                 for sub, k in pairs.T]
        events["label"] = np.asarray(texts, dtype=object)[np.asarray(pair, dtype=np.int64).reshape(-1)]
        self.events = events
        self.is_empty = events.empty and self.strip.empty
        outside = [f"{n:,} {'event' if n == 1 else 'events'} {where} not shown"
                   for n, where in ((before, "before"), (after, "after")) if n]
        self.note = "; ".join(outside)
        n_claims = int((rep["type"] != "event").sum())
        self.source_line = f"Source: {views.source(tl)} ({len(c):,} records, {n_claims:,} claims checked as of {self.as_of})"

