"""Layout shared by the figures: the Axes, the date axis, the window, the legend, title and source line.

Days are integers (days since 1970-01-01) until they are drawn; :func:`to_x`
turns them into matplotlib date numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ...dates import day_number, parse_date
from ...exceptions import Error
from ._labels import LITERAL, literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["GREY", "INK", "axes", "date_axis", "day_of", "finish", "fit_window", "fix_date_ticks", "legend_above",
           "row_texts", "to_x"]

INK = "#222222"
GREY = "#666666"


def axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """The given Axes, or those of a new figure of ``size`` inches (constrained layout)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def to_x(days: Any) -> np.ndarray:
    """Integer days as matplotlib date numbers (whatever ``date.epoch`` is)."""
    import matplotlib.dates as mdates

    offset = float(mdates.date2num(np.datetime64("1970-01-01")))  # type: ignore[no-untyped-call]  # untyped in matplotlib
    return np.asarray(days, dtype=float) + offset


def day_of(value: Any, name: str, *, end: bool) -> int | None:
    """The first (or, with ``end``, last) day of a ``since=``/``until=`` value; None for None."""
    if value is None:
        return None
    try:
        when = parse_date(value)
    except Error as exc:
        raise Error(f"Could not interpret value `{value}` for `{name}`: {getattr(exc, 'reason', exc)}") from None
    return day_number(when.latest if end else when.earliest)


def fit_window(values: Sequence[np.ndarray], lo: int | None, hi: int | None,
               fallback: Sequence[np.ndarray] = ()) -> tuple[float, float]:
    """The x range in days: ``lo``..``hi`` when given, else the values' extent with a margin.

    When ``values`` are all empty, ``fallback`` gives the extent; a window is at least a fortnight.
    """
    data = np.concatenate([np.asarray(v, dtype=float) for v in values] or [np.zeros(0)])
    data = data[np.isfinite(data)]
    if not data.size:
        data = np.concatenate([np.asarray(v, dtype=float) for v in fallback] or [np.zeros(0)])
        data = data[np.isfinite(data)]
    first, last = (float(data.min()), float(data.max())) if data.size else (0.0, 0.0)
    margin = max((last - first) * 0.03, 5.0)
    first = float(lo) if lo is not None else first - margin
    last = float(hi) + 1 if hi is not None else last + margin
    if last - first < 14:
        mid = (first + last) / 2
        first, last = mid - 7, mid + 7
    return first, last


def date_axis(ax: Axes, window: tuple[float, float]) -> None:
    """A concise date axis over ``window`` (days), light vertical grid, no box."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]  # untyped in matplotlib
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    x0, x1 = to_x(np.array(window))
    ax.set_xlim(float(x0), float(x1))
    ax.grid(axis="x", color="#DDDDDD", lw=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)


def fix_date_ticks(ax: Axes) -> None:
    """Fix the date ticks and their labels as :func:`date_axis`'s locator and formatter give them for the
    current window: a figure drawn once (the report's) then spends nothing on finding them at draw time.

    The picture is the same; zooming afterwards keeps these ticks.
    """
    import matplotlib.ticker as mticker

    ticks = list(ax.xaxis.get_major_locator()())
    formatter = ax.xaxis.get_major_formatter()
    labels = formatter.format_ticks(ticks)  # all at once: a concise formatter reads them together
    fixed = mticker.FixedFormatter(labels)
    fixed.set_offset_string(formatter.get_offset())
    ax.xaxis.set_major_locator(mticker.FixedLocator(ticks))
    ax.xaxis.set_major_formatter(fixed)


def row_texts(ax: Axes, ys: Sequence[float] | np.ndarray, texts: Sequence[str], *, side: str, gid: str,
              fontsize: float | None = None, colours: Sequence[str | None] | str | None = None) -> list[Any]:
    """One text per row beside the Axes: ``side`` "left" (right-aligned against it) or "right" (left-aligned).

    Where tick labels would be (``ytick.major.pad`` outside the Axes, at the y of the row in data
    coordinates, in the tick labels' size and colour where none is given), drawn literally.  A tick carries
    three lines and two texts: a text per row is a fifth of the artists and of the time, and reads
    the same.  Returns the texts in row order, each with ``gid``.
    """
    import matplotlib
    from matplotlib.text import Text
    from matplotlib.transforms import ScaledTranslation

    rc = matplotlib.rcParams
    figure: Any = ax.get_figure(root=True)
    left = side == "left"
    pad = float(rc["ytick.major.pad"]) / 72
    transform = ax.get_yaxis_transform() + ScaledTranslation(-pad if left else pad, 0, figure.dpi_scale_trans)
    tick = rc["ytick.color"] if rc["ytick.labelcolor"] == "inherit" else rc["ytick.labelcolor"]
    inks = [colours] * len(texts) if colours is None or isinstance(colours, str) else list(colours)
    size = rc["ytick.labelsize"] if fontsize is None else fontsize
    made = []
    for y, text, ink in zip(ys, texts, inks, strict=True):
        label = Text(0.0 if left else 1.0, float(y), text, color=tick if ink is None else ink, fontsize=size, ha="right" if left else "left",
                     va="center_baseline", parse_math=False, clip_on=False, transform=transform)
        label.set_gid(gid)
        made.append(ax.add_artist(label))
    return made


def legend_above(ax: Axes, handles: list[Any], *, fontsize: float = 8.0) -> int:
    """A compact legend in rows above the Axes, left-aligned, outside the data; returns its height in points."""
    if not handles:
        return 0
    for handle in handles:
        handle.set_label(literal(handle.get_label()))
    figure: Any = ax.get_figure(root=True)
    width = ax.get_position().width * figure.get_size_inches()[0]  # inches, before the layout
    chars = max(len(h.get_label()) for h in handles)
    per_row = int(max(1, min(len(handles), width * 72 / (fontsize * 0.5 * chars + 28))))
    n_rows = -(-len(handles) // per_row)
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=per_row, frameon=False,
              fontsize=fontsize, borderaxespad=0.2, handlelength=1.4, columnspacing=1.2, handletextpad=0.4)
    return int(n_rows * fontsize * 1.5 + 6)


def finish(ax: Axes, *, title: str | None, source: str, note: str = "", legend_height: int = 0) -> None:
    """The title (left, above the legend) and the source line (left, under the date axis), drawn literally."""
    if title:
        ax.set_title(title, loc="left", fontsize=12, fontweight="bold", color=INK, pad=6 + legend_height, **LITERAL)
    line = "  ·  ".join(part for part in (note, source) if part)
    if line:
        ax.set_xlabel(line, loc="left", fontsize=7.5, color=GREY, labelpad=6, **LITERAL)
