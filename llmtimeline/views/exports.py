"""Exports in the formats others read: TimelineJS, schema.org ClaimReview, iCalendar.

* ``timelinejs``: TimelineJS's JSON (``title`` and ``events``, each slide with
  ``start_date`` {year, month, day}, ``text`` {headline, text}, ``group`` = the
  actor and ``media`` = the source link).  Events and claims are slides; a
  prediction ends on its deadline.  TimelineJS shows ``text`` as HTML, so every
  value is escaped.
* ``claimreview``: a JSON array of schema.org ``ClaimReview`` objects (JSON-LD),
  one per checked claim: ``claimReviewed``, ``itemReviewed`` (a ``Claim`` with
  ``author`` and ``datePublished``), ``reviewRating`` with ``alternateName`` =
  the status, and ``url`` = the claim's row on the published page.
* ``ics``: an iCalendar file of the open deadlines: one all-day event on each
  pending prediction's deadline, with the claim and its quote (the
  ``icalendar`` package, in the ``publish`` extra).

>>> import llmtimeline as lt, json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "claims.json"
>>> lt.load().export("claimreview", path, as_of="2024-05-01")
>>> reviews = json.loads(path.read_text(encoding="utf-8"))
>>> [r["reviewRating"]["alternateName"] for r in reviews if r["@id"].endswith("clegg-llama3-within-a-month")]
['fulfilled']
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pandas as pd
from markupsafe import escape

from ..check.engine import as_of_day
from ..dates import from_day_number
from ..exceptions import Error
from ..store import atomic_write_bytes
from . import reading as views
from .html import is_web_link

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = ["FORMATS", "Format", "claimreview", "export", "ics", "timelinejs"]

_PRODUCT = "llmtimeline"


@attrs.frozen
class Format:
    """An export format: its ``name``, the file ``suffix`` it is written under by default,
    a one-line ``description``, and ``write`` (timeline, as_of, page_url) -> the file's bytes."""

    name: str
    suffix: str
    description: str
    write: Callable[[Timeline, Any, str], bytes]


def export(timeline: Timeline, format: str, path: str | os.PathLike[str], *, as_of: Any = None,
           page_url: str = "report.html") -> None:
    """Write ``timeline`` checked ``as_of`` to ``path`` in ``format`` (a name in :data:`FORMATS`).

    ``page_url`` is where the HTML report is published: each ClaimReview's
    ``url`` is that page's row of the claim (``page_url#claim-ID``).  The file is
    written atomically, as a timeline is saved; a failure is a SaveError naming it.
    """
    chosen = FORMATS.get(format)
    if chosen is None:
        raise Error(f"Could not interpret value `{format}` for `format`: expected one of {', '.join(FORMATS)}")
    atomic_write_bytes(path, chosen.write(timeline, as_of, page_url))


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


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
    """The TimelineJS JSON object: a title slide and one slide per event and claim known ``as_of``."""
    report = views.report(timeline, as_of=as_of)
    c, d = views.cells(timeline), views.typed(timeline)
    known = d["latest"].to_numpy() <= as_of_day(report.attrs["as_of"])
    events = c[(c["type"] == "event").to_numpy() & known]
    by_id = report.set_index("id")
    slides: list[dict[str, Any]] = []
    for pos in events.index.tolist() + c.index[c["id"].isin(by_id.index)].tolist():
        row = c.loc[pos]
        slide: dict[str, Any] = {
            "unique_id": views.text(row["id"]),
            "start_date": _tl_date(int(d.at[pos, "earliest"]), str(d.at[pos, "precision"])),
            "group": views.text(row["actor"]) or views.text(row["speaker"]) or "(none)",
        }
        body = [f"<p>{escape(views.text(row['title']))}</p>"]
        if row["type"] != "event":
            r = by_id.loc[row["id"]]
            if views.text(row["quote"]):
                lang = views.text(row["lang"])
                attribute = f' lang="{escape(lang)}"' if lang else ""
                body.append(f"<blockquote{attribute}>{escape(views.text(row['quote']))}</blockquote>")
            verdict = f"<p><strong>{escape(views.text(r['status']))}</strong>"
            note = views.margin_note(views.text(r["status"]), r["margin_days"])
            verdict += f" ({escape(note)})" if note else ""
            verdict += f": {escape(views.text(r['reason']))}</p>" if views.text(r["reason"]) else "</p>"
            body.append(verdict)
            if not pd.isna(r["deadline"]):
                slide["end_date"] = _tl_date(int(r["deadline"].to_datetime64().astype("datetime64[D]").astype("int64")),
                                             "day")
            who = views.text(row["speaker"]) or views.text(row["actor"])
            headline = f"{who}: {views.text(row['deadline']) or views.text(row['expects'])}" if who else views.text(row["title"])
        else:
            headline = views.text(row["title"])
        slide["text"] = {"headline": str(escape(headline)), "text": "".join(body)}
        url = views.text(row["url"])
        if is_web_link(url):
            slide["media"] = {"url": url, "caption": str(escape(views.text(row["source"]) or url)), "link": url}
        slides.append(slide)
    return {
        "title": {"text": {"headline": "What was said, and what happened",
                           "text": str(escape(f"Checked as of {report.attrs['as_of']}; source: {views.source(timeline)}"))}},
        "events": slides,
    }


def _iso_date(text: str) -> str:
    """A record's date as ISO 8601 (reduced precision kept; an approximate ``~`` dropped)."""
    return text.rstrip("~")


def claimreview(timeline: Timeline, *, as_of: Any = None, page_url: str = "report.html") -> list[dict[str, Any]]:
    """One schema.org ClaimReview (JSON-LD) per checked claim."""
    report = views.report(timeline, as_of=as_of)
    reviewed_on = str(report.attrs["as_of"])
    out = []
    for r in report.itertuples(index=False):
        speaker, actor = views.text(r.speaker), views.text(r.actor)
        author: dict[str, Any] = ({"@type": "Person", "name": speaker} if speaker
                                  else {"@type": "Organization", "name": actor or "(unknown)"})
        if speaker and actor:
            author["affiliation"] = {"@type": "Organization", "name": actor}
        claim: dict[str, Any] = {"@type": "Claim", "author": author, "datePublished": _iso_date(views.text(r.date))}
        if views.text(r.quote):
            claim["text"] = views.text(r.quote)
            if views.text(r.lang):
                claim["inLanguage"] = views.text(r.lang)
        appearance: dict[str, Any] = {"@type": "CreativeWork", "name": views.text(r.source) or views.text(r.url)}
        if is_web_link(views.text(r.url)):
            appearance["url"] = views.text(r.url)
        if appearance["name"]:
            claim["appearance"] = appearance
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": views.text(r.status)}
        if views.text(r.reason):
            rating["ratingExplanation"] = views.text(r.reason)
        url = f"{page_url}#claim-{views.text(r.id)}"
        out.append({
            "@context": "https://schema.org", "@type": "ClaimReview", "@id": url, "url": url,
            "claimReviewed": views.text(r.title), "datePublished": reviewed_on, "itemReviewed": claim,
            "reviewRating": rating, "author": {"@type": "Organization", "name": _PRODUCT},
        })
    return out


def ics(timeline: Timeline, *, as_of: Any = None) -> bytes:
    """An iCalendar file: an all-day event on the deadline of each prediction still pending ``as_of``."""
    try:
        import icalendar
    except ImportError:
        raise Error("the ics export needs the icalendar package: pip install 'llmtimeline[publish]'") from None
    report = views.report(timeline, as_of=as_of)
    stamp = dt.datetime.fromisoformat(str(report.attrs["as_of"])).replace(tzinfo=dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{_PRODUCT}//open deadlines//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Open deadlines as of {report.attrs['as_of']}")
    open_ = report[(report["type"] == "prediction") & (report["status"].astype(str) == "pending")
                   & report["deadline"].notna()]
    for r in open_.itertuples(index=False):
        day = r.deadline.date()
        who = views.text(r.speaker) or views.text(r.actor)
        event = icalendar.Event()
        event.add("uid", f"{views.text(r.id)}@{_PRODUCT}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", f"Deadline: {views.text(r.title)}")
        lines = [f"{who} said on {views.text(r.date)}: {views.text(r.phrase)}" if views.text(r.phrase) else f"Said on {views.text(r.date)}"]
        if views.text(r.quote):
            lines.append(f"Quote ({views.text(r.lang) or 'language not given'}): {views.text(r.quote)}")
        lines.append(f"Expects: {views.text(r.expects)}")
        if views.text(r.source):
            lines.append(f"Source: {views.text(r.source)}")
        event.add("description", "\n".join(lines))
        event.add("categories", ["prediction", "pending"])
        if is_web_link(views.text(r.url)):
            event.add("url", views.text(r.url))
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


#: The export formats, by name: the one registry that :func:`export` and the command line read.
FORMATS: Mapping[str, Format] = {f.name: f for f in (
    Format("timelinejs", ".json", "TimelineJS JSON",
           lambda timeline, as_of, page_url: _json(timelinejs(timeline, as_of=as_of))),
    Format("claimreview", ".jsonld", "schema.org ClaimReview JSON-LD",
           lambda timeline, as_of, page_url: _json(claimreview(timeline, as_of=as_of, page_url=page_url))),
    Format("ics", ".ics", "an iCalendar file of open deadlines",
           lambda timeline, as_of, page_url: ics(timeline, as_of=as_of)),
)}
