"""The notebook view of a Timeline: its HTML summary.

Jupyter shows an object through its ``_repr_html_``: :class:`Timeline` returns
:func:`timeline_html`.  (A :class:`~llmtimeline.Report` styles itself, as a
DataFrame shows itself: see :mod:`llmtimeline.check.report`.)  No matplotlib here.

>>> import llmtimeline as lt
>>> html = lt.load()._repr_html_()
>>> "events" in html and "predictions" in html
True
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..dates import day_text

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = ["timeline_html"]

_TOP_ACTORS = 5


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
        rows.append(("dates", f"{day_text(d['earliest'].min())} to {day_text(d['latest'].max())}"))
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
