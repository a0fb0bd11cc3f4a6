"""The Timeline's thin view methods: each imports its module on first use (the polars habit).

:class:`~llmtimeline.timeline.Timeline` inherits them; the engine and the views
themselves live in their own modules and read the timeline through public names.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .report import Report
    from .timeline import Timeline

__all__ = ["TimelineViews"]


class TimelineViews:
    """The methods of :class:`~llmtimeline.timeline.Timeline` that hand it to a view or the engine."""

    def events_frame(self) -> pd.DataFrame:
        """The events as a DataFrame in date order (``earliest``/``latest`` as datetimes)."""
        from .frames import events_frame

        return events_frame(cast("Timeline", self))

    def claims_frame(self) -> pd.DataFrame:
        """The claims as a DataFrame in date order (with each prediction's deadline date)."""
        from .frames import claims_frame

        return claims_frame(cast("Timeline", self))

    def check(self, as_of: Any = None) -> Report:
        """Check every claim against the events known ``as_of`` (default: today).

        See :func:`llmtimeline.check.check`.
        """
        from .check import check

        return check(cast("Timeline", self), as_of=as_of)

    def lint(self) -> pd.DataFrame:
        """Warnings about the records (never errors): id, column, value, message, suggestion.

        See :func:`llmtimeline.lint.lint`.
        """
        from .lint import lint

        return lint(cast("Timeline", self))

    def track_record(self, by: str = "actor", as_of: Any = None, freq: str | None = None) -> pd.DataFrame:
        """Counts per status, on-time rate and median margin per actor or speaker; with ``freq``
        (``"YE"``: each year's end) the same as known at the end of each period.

        See :func:`llmtimeline.record.track_record`.
        """
        from .record import track_record

        return track_record(cast("Timeline", self), by=by, as_of=as_of, freq=freq)

    def history(self, claim_id: str) -> pd.DataFrame:
        """The claim's automatic status and rulings over time, one row per change.

        See :func:`llmtimeline.rulings.history`.
        """
        from .rulings import history

        return history(cast("Timeline", self), claim_id)

    def _repr_html_(self) -> str:
        """The summary Jupyter shows: counts, date range, sources, busiest actors."""
        from .display import timeline_html

        return timeline_html(cast("Timeline", self))

    def plot(self, *, as_of: Any = None, ax: Axes | None = None, since: Any = None, until: Any = None,
             actors: Any = None, title: str | None = None, **kwargs: Any) -> Axes:
        """Draw the release timeline; see :func:`llmtimeline.plot.plot_timeline`."""
        from .plot import plot_timeline

        return plot_timeline(cast("Timeline", self), as_of=as_of, ax=ax, since=since, until=until, actors=actors, title=title,
                             **kwargs)

    def to_html(self, path: str | os.PathLike[str], as_of: Any = None, **kwargs: Any) -> None:
        """Write the report as one self-contained web page; see :func:`llmtimeline.html.write_html`."""
        from .html import write_html

        write_html(cast("Timeline", self), path, as_of, **kwargs)

    def to_site(self, folder: str | os.PathLike[str], *, as_of: Any = None, base_url: str | None = None,
                publisher: str | None = None, publisher_url: str | None = None) -> None:
        """Write a static site of the verdicts into ``folder``; see :mod:`llmtimeline.site`."""
        from .site import write_site

        write_site(cast("Timeline", self), folder, as_of=as_of, base_url=base_url, publisher=publisher,
                   publisher_url=publisher_url)

    def export(self, format: str, path: str | os.PathLike[str], *, as_of: Any = None, **kwargs: Any) -> None:
        """Write ``timelinejs``, ``claimreview`` or ``ics``; see :func:`llmtimeline.exports.export`."""
        from .exports import export

        export(cast("Timeline", self), format, path, as_of=as_of, **kwargs)
