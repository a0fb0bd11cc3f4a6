"""The check report: a DataFrame, one row per claim, that knows the day it was checked.

The engine (:mod:`llmtimeline.check`) makes it; how it looks in a notebook is the
business of a view (:mod:`llmtimeline.display`), imported on first use.

>>> import llmtimeline as lt
>>> r = lt.load().check(as_of="2024-05-01")
>>> type(r).__name__, type(r[r.status == "fulfilled"]).__name__, r.attrs["as_of"]
('Report', 'Report', '2024-05-01')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = ["Report"]


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
        from .display import style_report

        return style_report(self)

    def _repr_html_(self) -> str | None:
        """The table styled by status (the first and last rows when it is long)."""
        from .display import report_html

        return report_html(self)
