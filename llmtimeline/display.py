"""Notebook views: a Timeline's HTML summary and the check report styled by status.

Jupyter shows an object through its ``_repr_html_``: :class:`Timeline` returns
:func:`timeline_html`, and :func:`llmtimeline.check.check` returns a
:class:`~llmtimeline.report.Report`, a DataFrame whose status cells take their background from
the one palette (:data:`llmtimeline.palette.STATUS_COLOURS`).  No matplotlib here.

>>> import llmtimeline as lt
>>> html = lt.load()._repr_html_()
>>> "events" in html and "predictions" in html
True
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from .dates import from_day_number
from .palette import STATUS_COLOURS, STATUS_MARKS, text_colour
from .report import Report

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

    from .timeline import Timeline

__all__ = ["CheckReport", "report_html", "status_style", "style_report", "timeline_html"]

_TOP_ACTORS = 5


def _day_text(day: int) -> str:
    return from_day_number(day).isoformat()


def timeline_html(tl: Timeline) -> str:
    """An HTML summary of a timeline: counts, date range, sources and the busiest actors.

    Parameters
    ----------
    tl:
        The timeline.

    Returns
    -------
    str
        A small HTML table (every text escaped).

    >>> import llmtimeline as lt
    >>> print(timeline_html(lt.Timeline([])))  # doctest: +ELLIPSIS
    <div class="llmtimeline-summary">...0 records...</div>
    """
    t = tl.cells
    types = t["type"].to_numpy(dtype=object)
    n_events = int((types == "event").sum())
    n_predictions = int((types == "prediction").sum())
    n_statements = int((types == "statement").sum())
    rows: list[tuple[str, str]] = [
        ("records", f"{len(t):,}"),
        ("events", f"{n_events:,}"),
        ("predictions", f"{n_predictions:,}"),
        ("statements", f"{n_statements:,}"),
    ]
    if len(t):
        d = tl.typed
        rows.append(("dates", f"{_day_text(d['earliest'].min())} to {_day_text(d['latest'].max())}"))
        sources = t["source"].where(t["source"] != "", t["url"])
        rows.append(("sources", f"{int(sources[sources != ''].nunique()):,}"))
        actors = t["actor"][t["actor"] != ""].value_counts()
        top = ", ".join(f"{html.escape(str(name))} ({int(n)})" for name, n in actors.head(_TOP_ACTORS).items())
        more = len(actors) - _TOP_ACTORS
        rows.append(("actors", f"{len(actors):,}: {top}" + (f", and {more} more" if more > 0 else "")))
    source = html.escape(str(tl.source))
    cells = "".join(
        f'<tr><th style="text-align:left;padding-right:1em">{name}</th><td style="text-align:left">{value}</td></tr>'
        for name, value in rows
    )
    return (
        '<div class="llmtimeline-summary">'
        f"<p><strong>Timeline</strong>: {len(t):,} records from <code>{source}</code></p>"
        f"<table>{cells}</table>"
        "</div>"
    )


def status_style(status: object) -> str:
    """The CSS of a status cell: its palette colour as background, readable text.

    >>> status_style("fulfilled")
    'background-color: #007A5A; color: #FFFFFF'
    >>> status_style("?")
    ''
    """
    colour = STATUS_COLOURS.get(str(status))
    if colour is None:
        return ""
    return f"background-color: {colour}; color: {text_colour(colour)}"


#: The check report's class, by its former name.
CheckReport = Report


def style_report(report: pd.DataFrame) -> Styler:
    """A report as a Styler: status cells coloured, dates as days, empty cells blank."""
    styler = report.style
    if "status" in report.columns:
        styler = styler.map(status_style, subset=["status"])
        styler = styler.format(lambda s: f"{STATUS_MARKS.get(str(s), '')} {s}".strip(), subset=["status"],
                               escape="html")
    dates = [c for c in report.columns if pd.api.types.is_datetime64_any_dtype(report[c])]
    if dates:
        styler = styler.format(lambda v: "" if pd.isna(v) else f"{v:%Y-%m-%d}", subset=dates)
    rest = [c for c in report.columns if c not in dates and c != "status"]
    if rest:
        styler = styler.format(lambda v: "" if _is_missing(v) else v, subset=rest, escape="html")
    return styler.hide(axis="index")


def report_html(report: pd.DataFrame) -> str | None:
    """The HTML Jupyter shows for a report: styled by status, the first and last rows when it is long."""
    limit = pd.get_option("display.max_rows") or len(report)
    shown: pd.DataFrame = report
    caption = ""
    if len(report) > limit:
        half = max(limit // 2, 1)
        shown = pd.concat([report.iloc[:half], report.iloc[-half:]])
        caption = f"{2 * half} of {len(report):,} claims shown (first and last)"
    try:
        styler = style_report(shown)
    except ImportError:  # the Styler needs jinja2; without it, the plain table
        plain: str | None = pd.DataFrame(report)._repr_html_()
        return plain
    as_of = report.attrs.get("as_of")
    title = f"Check as of {as_of}" if as_of else "Check"
    styler = styler.set_caption(html.escape(f"{title}: {caption}" if caption else title))
    page: str = styler.to_html()
    return page


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
