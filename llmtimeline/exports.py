"""Exports in the formats others read: TimelineJS, schema.org ClaimReview, iCalendar.

Each is written for its real reader, so that it shows the text as it was and runs nothing:

* ``timelinejs``: TimelineJS's JSON (``title`` and ``events``, each slide with
  ``start_date`` {year, month, day}, ``text`` {headline, text}, ``group`` = the
  actor and ``media`` = the source link).  Events and claims are slides; a
  prediction ends on its deadline.  TimelineJS 3 puts ``headline``, ``text``,
  ``group`` and a media caption into the page as HTML, and embeds a media URL
  that looks like an embed (one containing "iframe", a tag, a quote): every text
  is HTML-escaped, and a media URL is given only when it is a plain http(s)
  address (:func:`plain_media_url`).
* ``claimreview``: a JSON array of schema.org ``ClaimReview`` objects, one per
  claim with a verdict (none for ``pending``, ``unverified``, ``undetermined`` or
  ``invalid``), made by :func:`claim_reviews`, the one place the site uses too.
  The JSON is written by :func:`script_json`: ``<``, ``>``, ``&``, U+2028 and
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
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import pandas as pd
from markupsafe import escape

from . import views
from .check import as_of_day
from .dates import from_day_number
from .exceptions import Error
from .html import is_web_link
from .store import atomic_write_bytes

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = [
    "FORMATS",
    "RATINGS",
    "RATING_SCALE",
    "claim_page",
    "claim_review",
    "claim_reviews",
    "claimreview",
    "event_titles",
    "export",
    "ics",
    "outlet_and_title",
    "plain_media_url",
    "readable_reason",
    "script_json",
    "timelinejs",
]

#: The export formats, by name.
FORMATS: tuple[str, ...] = ("timelinejs", "claimreview", "ics")
_PRODUCT = "llmtimeline"

#: The ClaimReview ``ratingValue`` of each status that is a verdict, on the scale of :data:`RATING_SCALE`
#: (1: the claim proved false, 5: it proved true).  A status missing here is no verdict: no ClaimReview.
RATINGS: dict[str, int] = {"fulfilled": 5, "confirmed": 5, "partly": 3, "late": 2, "missed": 1, "contradicted": 1}
#: The stated scale of every rating: ``(worstRating, bestRating)``.
RATING_SCALE: tuple[int, int] = (1, 5)


def export(timeline: Timeline, format: str, path: str | os.PathLike[str], *, as_of: Any = None,
           base_url: str | None = None, publisher: str | None = None, publisher_url: str | None = None) -> None:
    """Write ``timeline`` checked ``as_of`` to ``path`` in ``format`` (one of :data:`FORMATS`).

    For ``claimreview``: ``base_url`` is where the site (:meth:`Timeline.to_site`) is
    published; each review's ``url`` is its claim's page there (relative without it);
    ``publisher`` (and ``publisher_url``) is the review's author.  The file is written
    atomically, as a timeline is saved; a failure is a SaveError naming it.
    """
    if format not in FORMATS:
        raise Error(f"Could not interpret value `{format}` for `format`: expected one of {', '.join(FORMATS)}")
    data: bytes
    if format == "timelinejs":
        data = json.dumps(timelinejs(timeline, as_of=as_of), ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    elif format == "claimreview":
        reviews = claimreview(timeline, as_of=as_of, base_url=base_url, publisher=publisher, publisher_url=publisher_url)
        data = script_json(reviews, indent=1).encode("utf-8") + b"\n"
    else:
        data = ics(timeline, as_of=as_of)
    atomic_write_bytes(path, data)


# -- what a reader is shown of a source --------------------------------------------------------------
_FILE_NAME = re.compile(r"[^\s/\\:]+\.[A-Za-z0-9]{1,5}")


def outlet_and_title(source: str) -> tuple[str, str]:
    """The outlet and the title a ``source`` cell names, for a reader.

    A source is written "Outlet: Title" (the outlet alone when there is no colon);
    one that is only a file name (an article saved under a made-up name) shows as
    "source file"; an empty one as ("", "").

    >>> outlet_and_title("Meta AI blog: Introducing Meta Llama 3: The most capable openly available LLM to date")
    ('Meta AI blog', 'Introducing Meta Llama 3: The most capable openly available LLM to date')
    >>> outlet_and_title("000_3a95ff790e26f766.txt"), outlet_and_title("Reuters")
    (('source file', ''), ('Reuters', ''))
    """
    source = source.strip()
    if not source:
        return "", ""
    if _FILE_NAME.fullmatch(source):
        return "source file", ""
    outlet, colon, title = source.partition(": ")
    return (outlet.strip(), title.strip()) if colon and outlet.strip() else (source, "")


# -- TimelineJS -----------------------------------------------------------------------------------------
_PLAIN_URL = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
_EMBED_WORDS = ("iframe", "embed", "script", "<", ">", "javascript:", "data:")


def plain_media_url(url: str) -> str:
    """``url`` when TimelineJS would show it as a plain link, else "".

    TimelineJS 3 embeds as HTML any media URL containing "iframe" (and turns known
    sites into embeds); only an absolute http(s) address of plain URL characters
    that names no embed passes.

    >>> plain_media_url("https://ai.meta.com/blog/meta-llama-3/")
    'https://ai.meta.com/blog/meta-llama-3/'
    >>> plain_media_url("https://x.org/<iframe src=y>"), plain_media_url("https://x.org/iframe.html"), plain_media_url("ftp://x")
    ('', '', '')
    """
    if not is_web_link(url) or not _PLAIN_URL.fullmatch(url):
        return ""
    lowered = url.lower()
    return "" if any(word in lowered for word in _EMBED_WORDS) else url


def _html(text: str) -> str:
    """``text`` as HTML that shows it literally (quotes escaped too)."""
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
    is escaped; a media URL is kept only when :func:`plain_media_url` passes it.
    """
    report = views.report(timeline, as_of=as_of)
    c, d = views.cells(timeline), views.typed(timeline)
    known = d["latest"].to_numpy() <= as_of_day(report.attrs["as_of"])
    events = c[(c["type"] == "event").to_numpy() & known]
    checked = report[report["pos"].to_numpy() >= 0]  # a record kept with problems has no date to place it on
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


# -- ClaimReview --------------------------------------------------------------------------------------
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any, *, indent: int | None = None) -> str:
    """``data`` as JSON that can sit inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028
    and U+2029 written as ``\\u`` escapes (they occur only inside strings, where JSON reads the
    escapes back as the same characters), so no text can close the element or start a comment.

    >>> script_json({"q": "</script><script>alert(1)</script>"})
    '{"q": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    >>> json.loads(script_json(["a & b < c"])) == ["a & b < c"]
    True
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group()], text)


_SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,120}")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}  # Windows


def claim_page(claim_id: str) -> str:
    """The path of a claim's page in a site, relative to its root: ``claims/ID.html``.

    An id that is not a safe file name on every system (lower-case letters, digits,
    ``.``, ``_``, ``-``) is named by its letters and a digest instead, so that no id
    can leave the folder or collide with another on a case-insensitive disk.

    >>> claim_page("clegg-llama3-within-a-month")
    'claims/clegg-llama3-within-a-month.html'
    >>> claim_page("../Évian 1") == claim_page("../Évian 1"), claim_page("../Évian 1").startswith("claims/evian-1-")
    (True, True)
    """
    if _SAFE_NAME.fullmatch(claim_id) and ".." not in claim_id and claim_id.split(".")[0] not in _RESERVED:
        return f"claims/{claim_id}.html"
    ascii_ = unicodedata.normalize("NFKD", claim_id).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:60].strip("-")
    digest = hashlib.sha256(claim_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"claims/{words + '-' if words else ''}{digest}.html"


def readable_reason(reason: str, event_id: str = "", ruling_id: str = "", titles: Mapping[str, str] | None = None) -> str:
    """The engine's ``reason`` as a reader is shown it: the settling event named by its title, not its id,
    and no ruling id (the page names the ruling).

    >>> readable_reason("Llama 3 was released on 2024-04-18, 21 days early; event llama-3-release.", "llama-3-release")
    'Llama 3 was released on 2024-04-18, 21 days early.'
    >>> readable_reason("They agree with x=1 (event e7, 2023-07-21).", "e7", titles={"e7": "Acme ships X"})
    'They agree with x=1 (“Acme ships X”, 2023-07-21).'
    """
    if event_id:
        title = (titles or {}).get(event_id, "")
        named = f"“{title}”" if title else "the event"
        if reason.endswith(f"; event {event_id}."):
            reason = reason[: -len(f"; event {event_id}.")] + "."
        reason = reason.replace(f"(event {event_id}, ", f"({named}, ").replace(f"Event {event_id} (", f"{named[:1].upper()}{named[1:]} (")
    if ruling_id:
        reason = reason.replace(f"(ruling {ruling_id}; ", "(")
    return reason


def _iso_date(text: str) -> str:
    """A record's date as ISO 8601 (reduced precision kept; an approximate ``~`` dropped; a quarter as its first month)."""
    text = text.rstrip("~")
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", text)
    return f"{quarter.group(1)}-{3 * int(quarter.group(2)) - 2:02d}" if quarter else text


def _absolute(base_url: str | None, path: str) -> str:
    """``path`` under ``base_url`` (which must be an http(s) address), or ``path`` as it is without one."""
    if base_url is None:
        return path
    if not is_web_link(base_url):
        raise Error(f"Could not interpret value `{base_url}` for `base_url`: expected an http(s) address such as "
                    "https://example.org/verdicts/")
    return urljoin(base_url if base_url.endswith("/") else base_url + "/", path)


def claim_review(r: Any, *, url: str, reviewed_on: str, publisher: str | None = None,
                 publisher_url: str | None = None, titles: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The schema.org ClaimReview of one report row (a namedtuple of the report's columns), or None
    when its status is no verdict (pending, unverified, undetermined, invalid).

    ``url`` is the review's address (the claim's page); ``reviewed_on`` the day checked;
    ``publisher`` the review's author.  ``itemReviewed`` is the Claim: its author (the
    speaker, with the organisation as affiliation, or the organisation), the day said,
    its words and language, and ``appearance``: the source's outlet (``publisher``),
    title (``name``) and URL.  ``reviewRating`` carries the status as ``alternateName``
    and :data:`RATINGS`' value on the :data:`RATING_SCALE`, with the reason as its
    explanation (:func:`readable_reason`; ``titles``: each event's title by id).
    """
    status = views.text(r.status)
    if status not in RATINGS:
        return None
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
    outlet, title = outlet_and_title(views.text(r.source))
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if title:
        appearance["name"] = title
    if outlet and outlet != "source file":
        appearance["publisher"] = {"@type": "Organization", "name": outlet}
    if is_web_link(views.text(r.url)):
        appearance["url"] = views.text(r.url)
    if len(appearance) > 1:
        claim["appearance"] = appearance
    worst, best = RATING_SCALE
    rating: dict[str, Any] = {"@type": "Rating", "ratingValue": RATINGS[status], "bestRating": best, "worstRating": worst,
                              "alternateName": status}
    if views.text(r.reason):
        rating["ratingExplanation"] = readable_reason(views.text(r.reason), views.text(r.event_id),
                                                      views.text(r.ruling_id), titles)
    review: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": url,
        "claimReviewed": views.text(r.title),
        "datePublished": reviewed_on, "itemReviewed": claim, "reviewRating": rating,
    }
    if publisher:
        review["author"] = {"@type": "Organization", "name": publisher}
        if publisher_url:
            if not is_web_link(publisher_url):
                raise Error(f"Could not interpret value `{publisher_url}` for `publisher_url`: expected an http(s) address")
            review["author"]["url"] = publisher_url
    return review


def claim_reviews(report: pd.DataFrame, *, base_url: str | None = None, publisher: str | None = None,
                  publisher_url: str | None = None, page: Callable[[str], str] = claim_page,
                  titles: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """One ClaimReview per claim of ``report`` with a verdict (:func:`claim_review`), in report order.

    Each ``url`` is the claim's page (``page(id)``, by default ``claims/ID.html``) under ``base_url``.
    """
    reviewed_on = str(report.attrs["as_of"])
    out = []
    for r in report.itertuples(index=False):
        review = claim_review(r, url=_absolute(base_url, page(views.text(r.id))), reviewed_on=reviewed_on,
                              publisher=publisher, publisher_url=publisher_url, titles=titles)
        if review is not None:
            out.append(review)
    return out


def claimreview(timeline: Timeline, *, as_of: Any = None, base_url: str | None = None, publisher: str | None = None,
                publisher_url: str | None = None) -> list[dict[str, Any]]:
    """The ClaimReviews of ``timeline`` checked ``as_of`` (see :func:`claim_reviews`)."""
    return claim_reviews(views.report(timeline, as_of=as_of), base_url=base_url, publisher=publisher,
                         publisher_url=publisher_url, titles=event_titles(timeline))


def event_titles(timeline: Timeline) -> dict[str, str]:
    """Each event's title, by id (how a reason names its event to a reader)."""
    c = views.cells(timeline)
    events = (c["type"] == "event").to_numpy()
    return dict(zip(c["id"].to_numpy(dtype=object)[events].tolist(), c["title"].to_numpy(dtype=object)[events].tolist(),
                    strict=True))


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
        if is_web_link(url) and urlsplit(url).scheme in ("http", "https"):
            event.add("url", url)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
