"""Exports in the formats others read: TimelineJS, schema.org ClaimReview, iCalendar.

Each is written for its real reader, so that it shows the text as it was and runs nothing:

* ``timelinejs``: TimelineJS's JSON (``title`` and ``events``, each slide with
  ``start_date`` {year, month, day}, ``text`` {headline, text}, ``group`` = the
  actor and ``media`` = the source link).  Events and claims are slides; a
  prediction ends on its deadline.  TimelineJS 3 puts ``headline``, ``text``,
  ``group`` and a media caption into the page as HTML, and embeds a media URL
  that looks like an embed (one containing "iframe", a tag, a quote): every text
  is HTML-escaped, and a media URL is given only when it is a plain http(s)
  address (:func:`llmtimeline.views.links.plain_media_url`).
* ``claimreview``: a JSON array of schema.org ``ClaimReview`` objects, one per
  claim with a verdict (none for ``pending``, ``unverified``, ``undetermined`` or
  ``invalid``), made by :mod:`llmtimeline.views.claimreview`, the one place the site
  uses too.  The JSON is written by its ``script_json``: ``<``, ``>``, ``&``, U+2028 and
  U+2029 as ``\\u`` escapes, so it can sit in a ``<script type="application/ld+json">``.
* ``ics``: an iCalendar file of the open deadlines: one all-day event on each
  pending prediction's deadline, with the claim and its quote (the ``icalendar``
  package, in the ``publish`` extra).  Text reads back as written: a backslash
  followed by ``N`` stays those two characters (icalendar's own escaping reads
  ``\\N`` as a line break, so the text is escaped here by RFC 5545's rules).

>>> import llmtimeline as lt, json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "claims.json"
>>> lt.load().export("claimreview", path, as_of="2024-05-01", base_url="https://example.org/ai/")
>>> reviews = json.loads(path.read_text(encoding="utf-8"))
>>> [(r["url"], r["reviewRating"]["alternateName"]) for r in reviews if r["url"].endswith("/clegg-llama3-within-a-month.html")]
[('https://example.org/ai/claims/clegg-llama3-within-a-month.html', 'fulfilled')]
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pandas as pd

from ..check.engine import as_of_day
from ..dates import from_day_number
from ..exceptions import Error
from ..store import atomic_write_bytes
from . import reading as views

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = ["FORMATS", "Format", "Publishing", "export", "ics", "timelinejs"]

_PRODUCT = "llmtimeline"

@attrs.frozen
class Publishing:
    """Where and by whom the verdicts are published: the site's ``base_url`` (absolute ClaimReview
    URLs), the ``publisher`` (the reviews' author) and its ``publisher_url``."""

    base_url: str | None = None
    publisher: str | None = None
    publisher_url: str | None = None


@attrs.frozen
class Format:
    """An export format: its ``name``, the file ``suffix`` it is written under by default,
    a one-line ``description``, and ``write`` (timeline, as_of, publishing) -> the file's bytes."""

    name: str
    suffix: str
    description: str
    write: Callable[[Timeline, Any, Publishing], bytes]


def export(timeline: Timeline, format: str, path: str | os.PathLike[str], *, as_of: Any = None,
           base_url: str | None = None, publisher: str | None = None, publisher_url: str | None = None) -> None:
    """Write ``timeline`` checked ``as_of`` to ``path`` in ``format`` (a name in :data:`FORMATS`).

    For ``claimreview``: ``base_url`` is where the site (:meth:`Timeline.to_site`) is
    published; each review's ``url`` is its claim's page there (relative without it);
    ``publisher`` (and ``publisher_url``) is the review's author.  The file is written
    atomically, as a timeline is saved; a failure is a SaveError naming it.
    """
    chosen = FORMATS.get(format)
    if chosen is None:
        raise Error(f"Could not interpret value `{format}` for `format`: expected one of {', '.join(FORMATS)}")
    atomic_write_bytes(path, chosen.write(timeline, as_of, Publishing(base_url, publisher, publisher_url)))


# -- TimelineJS -----------------------------------------------------------------------------------------
def _html(text: str) -> str:
    """``text`` as HTML that shows it literally (quotes escaped too)."""
    from markupsafe import escape

    return str(escape(text))


def _tl_date(day: int, precision: str) -> dict[str, Any]:
    """A TimelineJS date object, as precise as the record's date."""
    d = from_day_number(int(day))
    out: dict[str, Any] = {"year": d.year}
    if precision in ("month", "quarter", "day"):
        out["month"] = d.month
    if precision == "day":
        out["day"] = d.day
    return out


def timelinejs(timeline: Timeline, *, as_of: Any = None) -> dict[str, Any]:
    """The TimelineJS JSON object: a title slide and one slide per event and claim known ``as_of``.

    Every text TimelineJS reads as HTML (``headline``, ``text``, ``group``, ``caption``)
    is escaped; a media URL is kept only when :func:`~llmtimeline.views.links.plain_media_url` passes it.
    """
    from .links import outlet_and_title, plain_media_url

    report = views.report(timeline, as_of=as_of)
    c, d = views.cells(timeline), views.typed(timeline)
    known = d["latest"].to_numpy() <= as_of_day(report.attrs["as_of"])
    events = c[(c["type"] == "event").to_numpy() & known]
    # a record kept with problems has no date to place it on (and may share its id, so its pos, with a good one)
    checked = report[(report["pos"].to_numpy() >= 0) & (report["status"].astype(str) != "invalid").to_numpy()]
    verdicts = dict(zip(checked["pos"].tolist(), range(len(checked)), strict=True))
    slides: list[dict[str, Any]] = []
    for pos in events.index.tolist() + sorted(verdicts):
        row = c.loc[pos]
        slide: dict[str, Any] = {
            "unique_id": views.text(row["id"]),
            "start_date": _tl_date(int(d.at[pos, "earliest"]), str(d.at[pos, "precision"])),
            "group": _html(views.text(row["actor"]) or views.text(row["speaker"]) or "(none)"),
        }
        body = [f"<p>{_html(views.text(row['title']))}</p>"]
        if row["type"] != "event":
            r = checked.iloc[verdicts[pos]]
            if views.text(row["quote"]):
                lang = views.text(row["lang"])
                attribute = f' lang="{_html(lang)}"' if lang else ""
                body.append(f"<blockquote{attribute}>{_html(views.text(row['quote']))}</blockquote>")
            verdict = f"<p><strong>{_html(views.text(r['status']))}</strong>"
            note = views.margin_note(views.text(r["status"]), r["margin_days"])
            verdict += f" ({_html(note)})" if note else ""
            verdict += f": {_html(views.text(r['reason']))}</p>" if views.text(r["reason"]) else "</p>"
            body.append(verdict)
            if not pd.isna(r["deadline"]):
                slide["end_date"] = _tl_date(int(r["deadline"].to_datetime64().astype("datetime64[D]").astype("int64")),
                                             "day")
            who = views.text(row["speaker"]) or views.text(row["actor"])
            headline = f"{who}: {views.text(row['deadline']) or views.text(row['expects'])}" if who else views.text(row["title"])
        else:
            headline = views.text(row["title"])
        slide["text"] = {"headline": _html(headline), "text": "".join(body)}
        url = plain_media_url(views.text(row["url"]))
        if url:
            outlet, title = outlet_and_title(views.text(row["source"]))
            slide["media"] = {"url": url, "caption": _html(title or outlet or url), "link": url}
        slides.append(slide)
    return {
        "title": {"text": {"headline": "What was said, and what happened",
                           "text": _html(f"Checked as of {report.attrs['as_of']}; source: {views.source(timeline)}")}},
        "events": slides,
    }


# -- iCalendar -------------------------------------------------------------------------------------------
def _ical_text(icalendar: Any) -> type:
    """A TEXT value escaped by RFC 5545 alone: icalendar's own escaping first turns a backslash
    followed by N into a line break, so a quote holding ``\\N`` would read back changed."""

    class Text(icalendar.vText):  # type: ignore[misc]
        def to_ical(self) -> bytes:
            value = str(self).replace("\r\n", "\n").replace("\r", "\n")
            value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
            return value.encode("utf-8")

    return Text


def ics(timeline: Timeline, *, as_of: Any = None) -> bytes:
    """An iCalendar file: an all-day event on the deadline of each prediction still pending ``as_of``.

    Text reads back with the icalendar package as written (a line break inside a
    cell, CR LF or CR, reads back as LF: iCalendar has one line break).
    """
    from .links import is_web_link

    try:
        import icalendar
    except ImportError:
        raise Error("the ics export needs the icalendar package: pip install 'llmtimeline[publish]'") from None
    text = _ical_text(icalendar)
    report = views.report(timeline, as_of=as_of)
    stamp = dt.datetime.fromisoformat(str(report.attrs["as_of"])).replace(tzinfo=dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{_PRODUCT}//open deadlines//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", text(f"Open deadlines as of {report.attrs['as_of']}"))
    open_ = report[(report["type"] == "prediction") & (report["status"].astype(str) == "pending")
                   & report["deadline"].notna()]
    for r in open_.itertuples(index=False):
        day = r.deadline.date()
        who = views.text(r.speaker) or views.text(r.actor)
        event = icalendar.Event()
        event.add("uid", text(f"{views.text(r.id)}@{_PRODUCT}"))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", text(f"Deadline: {views.text(r.title)}"))
        lines = [f"{who} said on {views.text(r.date)}: {views.text(r.phrase)}" if views.text(r.phrase) else f"Said on {views.text(r.date)}"]
        if views.text(r.quote):
            lines.append(f"Quote ({views.text(r.lang) or 'language not given'}): {views.text(r.quote)}")
        lines.append(f"Expects: {views.text(r.expects)}")
        if views.text(r.source):
            lines.append(f"Source: {views.text(r.source)}")
        event.add("description", text("\n".join(lines)))
        event.add("categories", ["prediction", "pending"])
        url = views.text(r.url)
        if is_web_link(url):
            event.add("url", url)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def _claimreview_json(timeline: Timeline, as_of: Any, publishing: Publishing) -> bytes:
    """The ClaimReview JSON-LD file (its module loads when it is written, not with the command line)."""
    from .claimreview import claimreview, script_json

    reviews = claimreview(timeline, as_of=as_of, base_url=publishing.base_url, publisher=publishing.publisher,
                          publisher_url=publishing.publisher_url)
    return (script_json(reviews, indent=1) + "\n").encode("utf-8")


#: The export formats, by name: the one registry that :func:`export` and the command line read.
FORMATS: Mapping[str, Format] = {f.name: f for f in (
    Format("timelinejs", ".json", "TimelineJS JSON",
           lambda timeline, as_of, _: (json.dumps(timelinejs(timeline, as_of=as_of), ensure_ascii=False, indent=1)
                                       + "\n").encode("utf-8")),
    Format("claimreview", ".jsonld", "schema.org ClaimReview JSON-LD",
           lambda timeline, as_of, p: _claimreview_json(timeline, as_of, p)),
    Format("ics", ".ics", "an iCalendar file of open deadlines", lambda timeline, as_of, _: ics(timeline, as_of=as_of)),
)}
