"""One self-contained web page: the index page of the site (:mod:`llmtimeline.views.site`) in one file, and
the scorecard alone for notebooks.

The page makes no network request (no CDN, no web font; a Content-Security-Policy
forbids any), reads without JavaScript (a small script only reveals the filters),
and shows each status by its word and mark as well as its colour.  Every value
is escaped by Jinja2's autoescape; a source becomes a link only when it is an
http(s) address.  Each quote carries its language (``lang``).

>>> import llmtimeline as lt, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "report.html"
>>> lt.load().to_html(path, as_of="2024-05-01", charts=False)
>>> 'lang="fr"' in path.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..store import atomic_write_bytes
from . import reading as views
from .links import is_web_link
from .palette import STATUS_COLOURS, STATUS_MARKS, text_colour

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = ["is_web_link", "render_html", "scorecard_html", "write_html"]


@functools.cache  # one environment: the template is compiled once per process, not once per page
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("llmtimeline", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _scorecard(timeline: Timeline, report: pd.DataFrame) -> dict[str, Any]:
    """What the scorecard shows: a row per claim (predictions first), the status styles."""
    cells = views.cells(timeline)
    event_urls = dict(zip(cells["id"], cells["url"], strict=True))
    rows = [_row(r, event_urls) for r in report.itertuples(index=False)]
    rows.sort(key=lambda row: row["type"] != "prediction")  # predictions first, each part in date order
    styles = {s: {"background": c, "color": text_colour(c)} for s, c in STATUS_COLOURS.items()}
    return {"rows": rows, "styles": styles}


def scorecard_html(timeline: Timeline, as_of: Any = None, *, report: pd.DataFrame | None = None) -> str:
    """The scorecard alone, as an HTML fragment (for a notebook: ``IPython.display.HTML(...)``).

    >>> import llmtimeline as lt
    >>> "d&#39;ici un mois, voire moins" in scorecard_html(lt.load(), as_of="2024-05-01")
    True
    """
    report = views.report(timeline, as_of=as_of, checked=report)
    return str(_environment().get_template("scorecard.html.j2").render(**_scorecard(timeline, report)))


def render_html(timeline: Timeline, as_of: Any = None, *, charts: bool = True, title: str | None = None,
                report: pd.DataFrame | None = None) -> str:
    """The page as text (see :func:`write_html`): the site's index page (:mod:`llmtimeline.views.site`),
    standing alone; ``report``: the Report of ``timeline`` when the caller has it (no second check)."""
    from .site import Site, render_index

    site = Site(timeline, as_of=as_of, history_limit=0, report=report)  # the index shows no history
    return render_index(site, single_file=True, charts=charts, title=title)


def write_html(timeline: Timeline, path: str | os.PathLike[str], as_of: Any = None, *, charts: bool = True,
               title: str | None = None, report: pd.DataFrame | None = None) -> None:
    """Write the page to ``path`` (UTF-8): the index page of :meth:`Timeline.to_site` in one file — the
    verdicts first (counts that filter, every claim newest first, a search box), then the charts as SVG.

    Raises
    ------
    SaveError
        When the file cannot be written (naming it and why); it is written atomically,
        as a timeline is saved (links followed, the old file kept on failure).
    """
    text = render_html(timeline, as_of, charts=charts, title=title, report=report)
    atomic_write_bytes(path, text.encode("utf-8"))


def _row(r: Any, event_urls: dict[str, str]) -> dict[str, Any]:
    """One scorecard row: every value a plain string for the template to escape."""
    deadline = "" if pd.isna(r.deadline) else f"{r.deadline:%Y-%m-%d}"
    url, source = views.text(r.url), views.text(r.source)
    status = views.text(r.status)
    return {
        "id": views.text(r.id), "type": views.text(r.type), "date": views.text(r.date), "who": views.text(r.speaker) or views.text(r.actor),
        "actor": views.text(r.actor) if views.text(r.speaker) else "", "title": views.text(r.title), "quote": views.text(r.quote),
        "lang": views.text(r.lang), "phrase": views.text(r.phrase), "deadline": deadline, "vague": bool(r.vague),
        "status": status, "mark": STATUS_MARKS.get(status, ""),
        "auto_status": views.text(r.auto_status) if views.text(r.auto_status) != status else "",
        "reason": views.text(r.reason), "margin": views.margin_note(status, r.margin_days),
        "event_id": views.text(r.event_id), "source": source or url, "url": url if is_web_link(url) else "",
        "event_url": event_url if is_web_link(event_url := event_urls.get(views.text(r.event_id), "")) else "",
    }
