"""The report figure: the release timeline above the prediction chart, on one date window.

``llmtimeline report`` saves it as ``timeline.png``; :func:`report_figure` is
sized to be read at 1,600 pixels wide (16 inches at 100 dpi).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import reading as views
from ._layout import fix_date_ticks
from ._raster import string_canvas
from .predictions import plot_predictions
from .releases import plot_timeline

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...timeline import Timeline

__all__ = ["REPORT_DPI", "report_figure", "save_report_figure"]

#: The resolution ``report_figure`` is meant to be saved at: 16 inches make 1,600 pixels.
REPORT_DPI = 100
_SHARED = 0.6  # the two charts share a date window when each covers this much of their union
# inches: the figure, the row labels, the notes column (its longest note, "pending, soft deadline 2024-10-15",
# takes 2.0 at 8 points)
_WIDTH, _LEFT, _RIGHT = 16.0, 3.9, 2.15
_LANES = 8
_LABEL_ROWS = 1  # one row of event labels per lane: readable, and half the text to render (text is most of a save)
# up to 40 predictions, a row each; past that, the 20 most notable (plot_predictions' choice) and a row
# saying how many more: a page taken in at a glance, and two thirds of the text to render
_ALL_ROWS_UP_TO, _NOTABLE_ROWS = 40, 20


def report_figure(timeline: Timeline, *, as_of: Any = None, report: pd.DataFrame | None = None,
                  title: str | None = None) -> Figure:
    """Both charts in one figure: what happened (top) and what was said about it (below).

    The prediction chart shows every prediction up to 40, else the 20 most notable (see
    :func:`~llmtimeline.plot_predictions`) and a row saying how many more there are.

    Parameters
    ----------
    timeline:
        The records of both charts.
    as_of:
        The checking day (default today), when no ``report`` is given.
    report:
        The Report of ``timeline`` (``llmtimeline report`` passes the one it printed): both charts
        are drawn from it, so the records are checked once.
    title:
        The headline above both charts; by default one naming the as-of day.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import llmtimeline as lt
    >>> fig = report_figure(lt.load(), as_of="2025-01-01")  # doctest: +SKIP
    >>> fig.savefig("timeline.png", dpi=REPORT_DPI)        # doctest: +SKIP
    """
    import matplotlib.pyplot as plt

    rep = views.report(timeline, as_of=as_of, checked=report)
    as_of = rep.attrs.get("as_of", as_of)
    n_predictions = int((rep["type"] == "prediction").sum())
    shown = None if n_predictions <= _ALL_ROWS_UP_TO else _NOTABLE_ROWS
    rows = n_predictions if shown is None else shown + 1  # and a row saying how many more there are
    # a fixed layout, in inches: no layout engine to run at every save (the figure has one size)
    lanes_height, rows_height = 0.55 * _LANES, 0.3 * max(rows, 1)
    heights = [0.55, 0.9, lanes_height, 0.75, 0.9, rows_height, 0.55]  # headline, title+legend, axes, ...
    height = sum(heights)
    fig = plt.figure(figsize=(_WIDTH, height))
    left, right = _LEFT / _WIDTH, 1 - _RIGHT / _WIDTH

    def box(above: float, size: float) -> tuple[float, float, float, float]:
        return (left, 1 - (above + size) / height, right - left, size / height)

    top = fig.add_axes(box(sum(heights[:2]), lanes_height))
    bottom = fig.add_axes(box(sum(heights[:5]), rows_height))
    fig.text(0.01, 1 - 0.45 / height, title if title is not None else
             f"What was said, and what happened: checked as of {as_of}", fontsize=15, fontweight="bold",
             va="center", parse_math=False)
    plot_timeline(timeline, as_of=as_of, ax=top, report=rep, max_lanes=_LANES, label_rows=_LABEL_ROWS,
                  title="What happened: events by organisation")
    plot_predictions(timeline, as_of=as_of, ax=bottom, report=rep, top=shown,
                     title="What was said: each prediction, from the day said to its deadline")
    # one date window for both when they mostly agree; else each keeps its own, so neither is squeezed
    (a0, a1), (b0, b1) = top.get_xlim(), bottom.get_xlim()
    x0, x1 = min(a0, b0), max(a1, b1)
    if min(a1 - a0, b1 - b0) >= _SHARED * (x1 - x0):
        for ax in (top, bottom):
            ax.set_xlim(x0, x1)
    for ax in (top, bottom):  # the figure has one size and one window: its date ticks are found once
        fix_date_ticks(ax)
    return fig


def save_report_figure(fig: Figure, file: Any, fmt: str) -> None:
    """Save ``fig`` (from :func:`report_figure`) to ``file`` as ``fmt`` (png, svg or pdf) at :data:`REPORT_DPI`.

    A PNG is drawn by Agg with each text rendered as one bitmap, and written unfiltered at zlib
    level 1 (:mod:`._raster`: the same picture, text in a third of the time, as small a file as
    Pillow's level 1 in half its time).  Text is drawn without font hinting: at this size it reads
    the same, and glyphs render faster.
    """
    import matplotlib

    canvas = fig.canvas
    try:
        if fmt == "png":
            string_canvas(fig)
        with matplotlib.rc_context({"text.hinting": "no_hinting"}):
            fig.savefig(file, format=fmt, dpi=REPORT_DPI)
    finally:
        fig.set_canvas(canvas)
