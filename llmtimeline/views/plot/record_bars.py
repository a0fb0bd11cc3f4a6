"""The track record chart: per actor (or speaker), how their predictions turned out.

The counts are :meth:`Timeline.track_record`'s, the one track record of the
library; bars carry ``gid`` ``track-STATUS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ...check.track_record import record_of
from ...exceptions import Error
from ...status import TABLE, statuses_of
from .. import reading as views
from ..palette import STATUS_COLOURS, STATUS_HATCHES
from ._labels import LITERAL, literal, short
from ._layout import GREY, axes, finish, legend_above

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ...timeline import Timeline

__all__ = ["PREDICTION_STATUSES", "plot_track_record"]

#: The statuses of a prediction, in the order bars and legends show them.
PREDICTION_STATUSES: tuple[str, ...] = statuses_of("prediction")


def plot_track_record(timeline: Timeline, *, by: str = "actor", as_of: Any = None, ax: Axes | None = None,
                      top: int = 15, title: str | None = None, report: pd.DataFrame | None = None,
                      **kwargs: Any) -> Axes:
    """Horizontal stacked bars: per actor, how many predictions were fulfilled, late, missed...

    The ``top`` actors with most predictions get a bar each, the rest one
    ``other`` bar; the on-time rate of :meth:`Timeline.track_record` is written
    at the end of each bar.  Missed and contradicted segments are struck through,
    so they read without colour too.

    Parameters
    ----------
    timeline:
        The records.
    by:
        ``"actor"`` (default) or ``"speaker"``.
    as_of:
        The checking day (default today).
    report:
        The Report of ``timeline`` when the caller has it (it is checked once).
    ax:
        The Axes to draw on; by default a new figure.
    top:
        How many actors get their own bar.
    title:
        A title, drawn left above the Axes.
    **kwargs:
        Passed on to the bars (:meth:`matplotlib.axes.Axes.barh`), e.g. ``edgecolor="white"``;
        the hatches of missed and contradicted segments stay.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes: one bar per actor, the ``top`` actors with most predictions first,
        then one ``other`` bar for the rest.

    Examples
    --------
    >>> import llmtimeline
    >>> ax = llmtimeline.plot_track_record(llmtimeline.load(), by="speaker", as_of="2025-01-01")  # doctest: +SKIP
    """
    from matplotlib.ticker import MaxNLocator

    if by not in ("actor", "speaker"):
        raise Error(f"Could not interpret value `{by}` for `by`: expected 'actor' or 'speaker'")
    if top < 1:
        raise Error(f"Could not interpret value `{top}` for `top`: expected an integer of 1 or more")
    record = record_of(timeline.check(as_of=as_of) if report is None else report, by=by)
    column = {s: TABLE[s].record_column["prediction"] for s in PREDICTION_STATUSES}  # the prediction counts
    statuses = [s for s in PREDICTION_STATUSES if column[s] in record.columns]
    counts = record[[column[s] for s in statuses]].astype(float).set_axis(statuses, axis=1)
    counts = counts[counts.sum(axis=1) > 0]
    rate = record["on_time_rate"].reindex(counts.index).astype(float)
    order = np.lexsort((counts.index.to_numpy(dtype=str), -counts.sum(axis=1).to_numpy()))
    counts, rate = counts.iloc[order], rate.iloc[order]
    labels = [str(v) for v in counts.index]
    if len(counts) > top:
        rest = counts.iloc[top:].sum()
        known = float(rest[[s for s in ("fulfilled", "late", "missed") if s in rest.index]].sum())
        counts = pd.concat([counts.iloc[:top], rest.to_frame().T])
        rate = pd.concat([rate.iloc[:top], pd.Series([rest.get("fulfilled", 0.0) / known if known else np.nan])])
        labels = [*labels[:top], f"other ({len(labels) - top} {by}s)"]
    ax = axes(ax, (8.0, float(np.clip(1.4 + 0.38 * max(len(counts), 1), 2.5, 9.0))))
    y = np.arange(len(counts))
    left = np.zeros(len(counts))
    handles = []
    for status in statuses:
        values = counts[status].to_numpy(float) if len(counts) else np.zeros(0)
        if not values.any():
            continue
        bars = ax.barh(y, values, left=left, color=STATUS_COLOURS[status], label=status, height=0.7,
                       gid=f"track-{status}", edgecolor="white", linewidth=0.5, hatch=STATUS_HATCHES.get(status),
                       **kwargs)
        handles.append(bars)
        left += values
    for i, (total, value) in enumerate(zip(left, rate.to_numpy(float), strict=True)):
        if not np.isnan(value):
            ax.annotate(f"{value:.0%} on time", (total, i), xytext=(4, 0), textcoords="offset points", va="center",
                        fontsize=8, color="#444444", **LITERAL)
    ax.set_yticks(y, [literal(short(v, 28)) for v in labels])
    ax.set_ylim(max(len(counts), 1) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(float(left.max()) if len(left) else 1.0, 1.0) * 1.25 + 0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not len(counts):
        ax.text(0.5, 0.5, "no predictions", transform=ax.transAxes, ha="center", va="center", color=GREY, gid="empty")
    legend_height = legend_above(ax, handles)
    finish(ax, title=title, source=f"Predictions per {by}; source: {views.source(timeline)}", legend_height=legend_height)
    return ax
