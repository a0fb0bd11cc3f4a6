"""The check report: a DataFrame, one row per claim, that knows the day it was checked.

The engine (:mod:`llmtimeline.check`) makes it.  Its columns (:data:`COLUMNS`) and
the dtype of its statuses are defined here, once.  In a notebook it shows itself
as a DataFrame does, its status cells in the colours and marks of
:mod:`llmtimeline.status` (no view is imported: the engine imports none).

>>> import llmtimeline as lt
>>> r = lt.load().check(as_of="2024-05-01")
>>> type(r).__name__, type(r[r.status == "fulfilled"]).__name__, r.attrs["as_of"]
('Report', 'Report', '2024-05-01')
"""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd

from ..schema import is_missing
from ..status import STATUSES, TABLE, text_colour

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = ["COLUMNS", "Report", "report_html", "status_dtype", "status_style", "style_report"]

#: The report's columns, in order (DESIGN.md, "Checking rules").
COLUMNS: tuple[str, ...] = (
    "id", "date", "type", "speaker", "actor", "title", "quote", "lang", "expects", "phrase", "deadline", "vague",
    "status", "auto_status", "ruling_id", "event_id", "event_date", "margin_days", "reason", "source", "url",
)
_COLOURS = {s: row.colour for s, row in TABLE.items()}
_MARKS = {s: row.mark for s, row in TABLE.items()}


@functools.cache
def status_dtype() -> pd.CategoricalDtype:
    """The dtype of ``status`` and ``auto_status``: an ordered Categorical over STATUSES.

    Made on first use: a pandas dtype made while ``llmtimeline`` is imported would
    start pyarrow's memory pool (a gigabyte of address space) in every process.
    """
    return pd.CategoricalDtype(list(STATUSES), ordered=True)


class Report(pd.DataFrame):  # type: ignore[misc]  # pandas ships no type information here
    """The check report: a DataFrame whose selections and copies stay Reports.

    ``attrs["as_of"]`` is the day checked (kept when a Report is made from a
    frame).  In Jupyter its status cells are coloured by status
    (:meth:`style_by_status`).
    """

    _metadata: ClassVar[list[str]] = []  # no attributes of our own: ``attrs`` carries as_of

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        given: dict[str, Any] = dict(data.attrs) if isinstance(data, pd.DataFrame) else {}
        if given and not dict(self.attrs):  # type: ignore[has-type]  # pandas ships no type information here
            self.attrs = given

    @property
    def _constructor(self) -> type[Report]:
        return Report

    def style_by_status(self) -> Styler:
        """The table as a Styler: status cells coloured, dates as days, empty cells blank."""
        return style_report(self)

    def _repr_html_(self) -> str | None:
        """The table styled by status (the first and last rows when it is long)."""
        return report_html(self)


def status_style(status: object) -> str:
    """The CSS of a status cell: its palette colour as background, readable text.

    >>> status_style("fulfilled")
    'background-color: #007A5A; color: #FFFFFF'
    >>> status_style("?")
    ''
    """
    colour = _COLOURS.get(str(status))
    if colour is None:
        return ""
    return f"background-color: {colour}; color: {text_colour(colour)}"


def style_report(report: pd.DataFrame) -> Styler:
    """A report as a Styler: status cells coloured, dates as days, empty cells blank."""
    styler = report.style
    if "status" in report.columns:
        styler = styler.map(status_style, subset=["status"])
        styler = styler.format(lambda s: f"{_MARKS.get(str(s), '')} {s}".strip(), subset=["status"],
                               escape="html")
    dates = [c for c in report.columns if pd.api.types.is_datetime64_any_dtype(report[c])]
    if dates:
        styler = styler.format(lambda v: "" if pd.isna(v) else f"{v:%Y-%m-%d}", subset=dates)
    rest = [c for c in report.columns if c not in dates and c != "status"]
    if rest:
        styler = styler.format(lambda v: "" if is_missing(v) else v, subset=rest, escape="html")
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
