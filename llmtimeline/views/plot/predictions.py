"""The prediction chart: one row per prediction, from the day said to the deadline, and how it turned out.

Artists carry a ``gid``:

======================  ===============================================================
``bars-STATUS``         predictions with a deadline: a bar from the day said to it
                        (struck through when missed or contradicted)
``soft-bars-STATUS``    a vague deadline ("soon"): a lighter, dotted bar to its soft horizon
``open-bars-STATUS``    no deadline: an outline to the settling event, or to the as-of day
``outcome-STATUS``      the status marker: at the settling event's date (at the deadline
                        when missed, at the bar's end while pending)
``late-whiskers``       late predictions: a line from the deadline to the event
``event-dates``         the date of each settling event, above its marker
``row-labels``          the left-hand column: who said it and the deadline as said, one text per row
                        (and "… and N more predictions" when rows were left out)
``notes``               the right-hand column: status and margin ("fulfilled, 21 days early")
``as-of``               the vertical "as of" line
======================  ===============================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ...check.engine import as_of_day
from ...dates import NO_DAY
from ...exceptions import Error
from ...status import statuses_of
from .. import reading as views
from ..palette import STATUS_COLOURS, STATUS_HATCHES, STATUS_MARKERS
from ._labels import LITERAL, short
from ._layout import GREY, INK, axes, date_axis, day_of, finish, fit_window, legend_above, row_texts, to_x

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ...timeline import Timeline

__all__ = ["plot_predictions"]

_SHOWN_STATUSES = statuses_of("prediction")
_OUTCOME_KNOWN = tuple(s for s in _SHOWN_STATUSES if s != "pending")
_ALL_UP_TO = 40  # up to this many predictions, all are drawn; past it the most notable 30
_NOTABLE = 30
_BAR = 0.42  # bar height, in rows
_ROW_LABEL_CHARS = 58


def plot_predictions(
    timeline: Timeline,
    *,
    as_of: Any = None,
    ax: Axes | None = None,
    top: int | None = None,
    title: str | None = None,
    since: Any = None,
    until: Any = None,
    legend: bool = True,
    report: pd.DataFrame | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw one row per prediction: who said what, when it was due, and what happened.

    Each row is labelled with the speaker (or the organisation) and the deadline
    phrase as said.  A bar runs from the day said to the deadline; a marker, in
    the status colour and a shape of its own (● fulfilled, ▶ late, ✖ missed,
    ■ contradicted, ◆ undetermined, ○ pending), sits at the date of the event
    that settled it, with that date written above.  A late prediction has a
    whisker from its deadline to the event; a missed one a struck-through bar.
    The right-hand column spells out the status and the margin ("21 days
    early", "40 days late").  Vague deadlines ("soon") are drawn lighter, to
    their soft horizon; predictions without a deadline as an outline.

    Parameters
    ----------
    timeline:
        The records.
    as_of:
        The checking day (default today).
    ax:
        The Axes to draw on; by default a new figure sized for the rows.
    top:
        Draw at most this many predictions, the most notable (outcome known first,
        then a firm deadline, then the most recent), with a row saying how many
        more there are.  Default: all of them up to 40, else the 30 most notable.
    title:
        A title, drawn left above the Axes.
    since, until:
        The window; default: fitted to the rows drawn.
    legend:
        Add the compact legend above the Axes (default True).
    report:
        The Report of ``timeline`` as of ``as_of`` (from :meth:`Timeline.check`), when the caller
        has it: the predictions are drawn from it, with no second check.
    **kwargs:
        Passed on to the status markers (:meth:`matplotlib.axes.Axes.scatter`), e.g. ``s=60``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, one row per prediction drawn.

    Examples
    --------
    >>> import llmtimeline as lt
    >>> ax = lt.plot_predictions(lt.load(), as_of="2025-01-01", top=10)  # doctest: +SKIP
    """
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.lines import Line2D

    if top is not None and (not isinstance(top, (int, np.integer)) or top < 1):
        raise Error(f"Could not interpret value `{top}` for `top`: expected an integer of 1 or more")
    rows, more, today = _rows(timeline, as_of=as_of, top=top, report=report)
    lo, hi = day_of(since, "since", end=False), day_of(until, "until", end=True)
    # the window fits what was said and settled; bars still open run out of it, to the as-of day
    fitted = rows["style"] != "open"
    window = fit_window([rows["said"], rows["end"][fitted], rows["mark"][rows["event_text"] != ""]], lo, hi,
                        fallback=[np.array([today])])
    rows = rows.assign(mark=np.where((rows["status"] == "pending") & (rows["mark"] > window[1]),
                                     window[1] - (window[1] - window[0]) * 0.004, rows["mark"]))
    n = len(rows) + (1 if more else 0)
    ax = axes(ax, (12.0, float(np.clip(1.6 + 0.34 * max(n, 1), 2.5, 16.0))))
    y = np.arange(len(rows), dtype=float)
    min_width = (window[1] - window[0]) * 0.006
    handles: list[Any] = []
    for status in _SHOWN_STATUSES:
        colour = STATUS_COLOURS[status]
        mine = (rows["status"] == status).to_numpy()
        if not mine.any():
            continue
        for style in ("firm", "soft", "open"):
            sel = mine & (rows["style"] == style).to_numpy()
            if not sel.any():
                continue
            start = to_x(rows["said"].to_numpy()[sel])
            end = np.maximum(to_x(rows["end"].to_numpy()[sel]), start + min_width)
            top_, bottom = y[sel] - _BAR / 2, y[sel] + _BAR / 2
            verts: Any = np.stack([np.column_stack(c) for c in ((start, top_), (start, bottom), (end, bottom), (end, top_))],
                             axis=1)
            if style == "firm":
                bars = PolyCollection(verts, facecolors=colour, edgecolors="none", zorder=2,
                                      hatch=STATUS_HATCHES.get(status), hatchcolor="white")
            elif style == "soft":
                bars = PolyCollection(verts, facecolors=_faded(colour, 0.35), edgecolors=colour, linewidths=0.8,
                                      zorder=2, hatch="...", hatchcolor=colour)
            else:
                bars = PolyCollection(verts, facecolors=_faded(colour, 0.08), edgecolors=colour, linewidths=1.0,
                                      linestyles=(0, (3, 2)), zorder=2)
            bars.set_gid(f"{'' if style == 'firm' else style + '-'}bars-{status}")
            ax.add_collection(bars, autolim=False)
        hollow = status == "pending"
        style_ = {"s": 70, "marker": STATUS_MARKERS[status], "zorder": 4, "linewidths": 1.4 if hollow else 0.8,
                  "facecolors": "white" if hollow else colour, "edgecolors": colour if hollow else INK, **kwargs}
        ax.scatter(to_x(rows["mark"].to_numpy()[mine]), y[mine], gid=f"outcome-{status}", **style_)
        handles.append(Line2D([], [], ls="none", marker=STATUS_MARKERS[status], markersize=7,
                              markerfacecolor="white" if hollow else colour,
                              markeredgecolor=colour if hollow else INK, label=status))
    late = (rows["status"] == "late").to_numpy() & rows["deadline"].notna().to_numpy()
    if late.any():
        segments: Any = np.stack([np.column_stack([to_x(rows["deadline"].to_numpy(float)[late]), y[late]]),
                             np.column_stack([to_x(rows["mark"].to_numpy()[late]), y[late]])], axis=1)
        whiskers = LineCollection(segments, colors=STATUS_COLOURS["late"], linewidths=2.0, zorder=3)
        whiskers.set_gid("late-whiskers")
        ax.add_collection(whiskers, autolim=False)
    if (rows["style"] == "soft").any():
        handles.append(_swatch("vague deadline: to its soft horizon", hatch="...", face=_faded(GREY, 0.35)))
    if (rows["style"] == "open").any():
        handles.append(_swatch("no deadline: to the event or as-of day", face=_faded(GREY, 0.08), dashed=True))

    dated = rows[rows["event_text"] != ""]
    for yy, (x, text) in zip(y[(rows["event_text"] != "").to_numpy()], zip(dated["mark"], dated["event_text"],
                                                                             strict=True), strict=True):
        ax.annotate(text, (float(to_x(x)), yy), xytext=(0, 7), textcoords="offset points", ha="center",
                    va="bottom", fontsize=6.5, color=GREY, gid="event-dates", annotation_clip=True, **LITERAL)
    if window[0] <= today <= window[1]:
        ax.axvline(float(to_x(today)), color="#444444", lw=1.0, ls=(0, (4, 3)), zorder=1.5, gid="as-of")
        handles.append(Line2D([], [], color="#444444", lw=1.0, ls=(0, (4, 3)), label=f"as of {views.day_text(today)}"))

    # the row labels (left) and the notes (right): a text per row, where tick labels would be
    ax.set_yticks([])
    ax.set_ylim(max(n, 1) - 0.5, -0.6)
    row_texts(ax, range(n), [*rows["label"], *([f"… and {more:,} more predictions"] if more else [])], side="left",
              gid="row-labels", fontsize=8.5, colours=[None] * len(rows) + ([GREY] if more else []))
    row_texts(ax, y, list(rows["note"]), side="right", gid="notes", fontsize=8,
              colours=[_ink(s) for s in rows["status"]])
    date_axis(ax, window)
    if rows.empty:
        ax.text(0.5, 0.5, "no predictions", transform=ax.transAxes, ha="center", va="center", color=GREY, gid="empty")
    legend_height = legend_above(ax, handles) if legend else 0
    n_all = len(rows) + more
    finish(ax, title=title, source=f"Source: {views.source(timeline)}; {n_all:,} predictions checked as of "
           f"{views.day_text(today)}", legend_height=legend_height)
    return ax


def _rows(tl: Timeline, *, as_of: Any, top: int | None, report: pd.DataFrame | None) -> tuple[pd.DataFrame, int, int]:
    """The predictions to draw, in date order, with their bar, marker and texts; and how many were left out."""
    today = as_of_day(as_of)
    rep = views.report(tl, as_of=views.day_text(today), checked=report)
    d = views.typed(tl)
    # a prediction kept with problems (no typed dates: pos -1) has no bar to draw
    idx = np.flatnonzero((rep["type"] == "prediction").to_numpy() & (rep["pos"].to_numpy() >= 0))
    status_column = rep["status"].iloc[idx]
    code = np.full(len(idx), len(_SHOWN_STATUSES), dtype=np.int64)  # "invalid" and any other: last
    for i, name in enumerate(_SHOWN_STATUSES):
        code[(status_column == name).to_numpy()] = i
    deadline_all = rep["deadline"].to_numpy("datetime64[D]")[idx]
    said_all = rep["said"].to_numpy(float)[idx]

    # the most notable: outcome known, then a firm deadline, then the most recent; drawn in date order
    n = len(idx)
    rank = np.where(code < len(_OUTCOME_KNOWN), 0, np.where(np.isnat(deadline_all), 2, 1))
    limit = top if top is not None else (n if n <= _ALL_UP_TO else _NOTABLE)
    chosen = np.sort(np.argsort(rank * 1e7 - said_all, kind="stable")[:limit]) if n else np.zeros(0, dtype=np.int64)
    more = n - len(chosen)

    status = np.asarray([*_SHOWN_STATUSES, "invalid"], dtype=object)[code[chosen]]
    deadline, said, at = deadline_all[chosen], said_all[chosen], idx[chosen]
    has_deadline = ~np.isnat(deadline)
    deadline_day = np.where(has_deadline, deadline.astype(np.int64), 0).astype(float)
    deadline_day[~has_deadline] = np.nan
    horizon = np.full(len(chosen), np.nan)
    if "horizon" in d.columns and len(chosen):
        h = d["horizon"].to_numpy()[rep["pos"].to_numpy()[at]]
        horizon = np.where(h == NO_DAY, np.nan, h.astype(float))
    event = rep["event_pos"].to_numpy()[at]
    earliest, latest = d["earliest"].to_numpy(), d["latest"].to_numpy()
    has_event = event >= 0
    event_mid = np.where(has_event, (earliest[event] + latest[event] + 1) / 2.0, np.nan)
    event_end = np.where(has_event, latest[event] + 1.0, np.nan)
    vague = rep["vague"].to_numpy(dtype=bool)[at]
    soft = (vague & has_deadline) | (~has_deadline & ~np.isnan(horizon))  # a soft horizon, as a deadline
    horizon = np.where(has_deadline, deadline_day, horizon)
    has_deadline &= ~vague
    style = np.where(has_deadline, "firm", np.where(soft, "soft", "open"))
    settled_end = np.where(has_event, event_end, float(today + 1))
    end = np.where(has_deadline, deadline_day + 1, np.where(soft, horizon + 1, np.maximum(settled_end, said + 1)))
    mark = np.where(has_event, event_mid, np.where(status == "missed", np.where(has_deadline, deadline_day + 1,
                                                                                 horizon + 1), end))
    titles = views.subject_titles(tl)
    labels, notes, event_texts = [], [], []
    # the cells the texts read, for the rows drawn only (a row of a wide frame at a time is slow)
    cells = rep[["speaker", "actor", "phrase", "expects", "margin_days", "deadline", "vague"]].take(at)
    for i, row in enumerate(cells.to_dict("records")):
        labels.append(short(_label(row, titles), _ROW_LABEL_CHARS))
        notes.append(_note(str(status[i]), row, bool(has_deadline[i]), horizon[i] if soft[i] else None))
        event_texts.append(views.day_text(int(earliest[event[i]])) if has_event[i] else "")
    rows = pd.DataFrame({
        "id": pd.Series(rep["id"].to_numpy(dtype=object)[at], dtype=object), "status": status, "style": style,
        "said": said, "end": end, "mark": mark, "deadline": deadline_day + 1,
        "label": labels, "note": notes, "event_text": event_texts,
    })
    return rows, more, today


def _label(row: Mapping[str, Any], titles: dict[str, str]) -> str:
    """Who said it, and the deadline as said: ``Nick Clegg: “d'ici un mois, voire moins”``."""
    who = str(row["speaker"] or "") or str(row["actor"] or "") or "(unattributed)"
    phrase = str(row["phrase"]) if isinstance(row["phrase"], str) else ""
    if phrase:
        return f"{who}: “{phrase}”"
    expects = str(row["expects"] or "").split()
    negated = bool(expects) and expects[0] == "not"
    kind_subject = expects[1:] if negated else expects
    what = " ".join([*kind_subject[:1], views.subject_title(" ".join(kind_subject[1:]), titles)]) if kind_subject else ""
    return f"{who}: {'no ' if negated else ''}{what} (no deadline)"


def _note(status: str, row: Mapping[str, Any], has_deadline: bool, horizon: float | None) -> str:
    """The right-hand column: the status and its margin or deadline."""
    margin = views.margin_note(status, row["margin_days"])
    if status in ("fulfilled", "late", "partly") and margin:
        return f"{status}, {margin}"
    if status in ("missed", "pending") and has_deadline:
        return f"{status}, due {row['deadline']:%Y-%m-%d}"
    if status in ("missed", "pending") and horizon is not None and not np.isnan(horizon):
        return f"{status}, soft deadline {views.day_text(int(horizon))}"
    if status == "pending" and bool(row["vague"]):
        return "pending (vague deadline)"
    return status


def _ink(status: str) -> str:
    """The colour of a note: the status colour, darkened where it is too light to read."""
    return {"pending": GREY, "late": "#B07800", "partly": "#3C8C6E"}.get(status, STATUS_COLOURS.get(status, INK))


def _faded(colour: str, alpha: float) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(colour, alpha)


def _swatch(label: str, *, face: Any, hatch: str | None = None, dashed: bool = False) -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor=face, edgecolor=GREY, hatch=hatch, linestyle=(0, (3, 2)) if dashed else "-", label=label)
