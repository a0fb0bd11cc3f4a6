"""The site's pages: what each shows, gathered once from one check, then rendered and written.

Everything a reader sees is a display name (subject titles, the outlet of a
source, "source file" for a source that is only a file name, speaker and
organisation names); ids appear only in file names and anchors.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
import numpy as np
import pandas as pd

import llmtimeline as lt

from ...check.track_record import record_of
from ..claimreview import RATINGS, claim_reviews, event_titles, readable_reason, script_json
from ..links import claim_page, is_web_link, outlet_and_title
from ..palette import STATUS_COLOURS, STATUS_MARKERS, STATUS_MARKS
from ..reading import margin_note
from ._charts import NARROW, WIDE, EventRow, Row, _fit, claim_chart, events_chart, predictions_chart
from ._feed import atom_feed
from ._history import HISTORY_LIMIT, histories
from ._people import percent, slugs, track_records

if TYPE_CHECKING:
    from llmtimeline import Timeline

__all__ = ["Site", "build_site", "render_index", "write_site"]

_EPOCH = dt.date(1970, 1, 1)
_NO_DAY = -(2**62)
_CHART_ROWS = 30  # the index's charts draw the newest 30 predictions and events
SITE_TITLE = "What was said, and what happened"


def _day(value: int) -> str:
    return (_EPOCH + dt.timedelta(days=int(value))).isoformat()


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


@functools.cache  # one environment: each template is compiled once per process, not once per site
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader(__package__ or "llmtimeline.site", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["percent"] = percent
    return env


class Site:
    """What the pages show, gathered from one check of ``timeline`` as of ``as_of``.

    Attributes: ``report`` (the check), ``claims`` (one dict per claim, newest first),
    ``people`` and ``organisations`` (name → page dict), ``histories``, ``reviews``
    (claim id → its ClaimReview), ``statuses`` (the counts), ``charts``.
    """

    def __init__(self, timeline: Timeline, *, as_of: Any = None, base_url: str | None = None,
                 publisher: str | None = None, publisher_url: str | None = None, history_limit: int = HISTORY_LIMIT,
                 report: pd.DataFrame | None = None) -> None:
        for name, url in (("base_url", base_url), ("publisher_url", publisher_url)):
            if url is not None and not is_web_link(url):
                raise lt.Error(f"Could not interpret value `{url}` for `{name}`: expected an http(s) address such as "
                               "https://example.org/verdicts/")
        self.timeline = timeline
        self.report = report = timeline.check(as_of=as_of) if report is None else report  # the one check
        self.as_of = str(report.attrs["as_of"])
        self.as_of_day = (dt.date.fromisoformat(self.as_of) - _EPOCH).days
        self.base_url, self.publisher, self.publisher_url = base_url, publisher, publisher_url
        self.titles = event_titles(timeline)
        reviews = claim_reviews(report, base_url=base_url, publisher=publisher, publisher_url=publisher_url,
                                titles=self.titles)
        verdicts = [rid for rid, status in zip(report["id"], report["status"].astype(str), strict=True) if status in RATINGS]
        self.reviews: dict[str, dict[str, Any]] = dict(zip(verdicts, reviews, strict=True))
        self.histories = histories(timeline, report, limit=history_limit)
        self._gather()

    # -- what each claim shows ---------------------------------------------------------------------
    def _gather(self) -> None:
        tl, report = self.timeline, self.report
        cells, typed = tl.cells, tl.typed
        self._c = {column: cells[column].to_numpy(dtype=object) for column in cells.columns}  # read once, by position
        self._t = {column: typed[column].to_numpy() for column in typed.columns}
        position = {rid: i for i, rid in enumerate(cells["id"].tolist())}
        self._position = position
        speakers = sorted({s for s in report["speaker"].map(_text) if s})
        actors = sorted({a for a in report["actor"].map(_text) if a})
        self.person_slug, self.organisation_slug = slugs(speakers), slugs(actors)
        claims, pages = [], set()
        for r in report.itertuples(index=False):
            kept = _text(r.status) == "invalid"  # a record kept with problems (errors="keep"): only its cells
            claim = self._claim(r, None if kept else position.get(_text(r.id)))
            page, n = claim["page"], 1
            while page in pages:  # a kept record may share its id with another
                n += 1
                page = claim["page"].removesuffix(".html") + f"-{n}.html"
            pages.add(page)
            claim["page"], claim["anchor"] = page, "claim-" + page.removeprefix("claims/").removesuffix(".html")
            claims.append(claim)
        claims.sort(key=lambda c: (c["row"] is None, -c["latest"], -c["earliest"], c["id"]))
        self.claims = claims
        counts = report["status"].astype(str).value_counts()
        self.statuses = [{"name": s, "count": int(counts[s]), "mark": STATUS_MARKS.get(s, "")}
                         for s in lt.STATUSES if counts.get(s, 0)]
        self.people = self._who("speaker", self.person_slug, "people")
        self.organisations = self._who("actor", self.organisation_slug, "organisations")
        self.charts = self._index_charts(typed, cells)

    def _subject(self, name: str) -> str:
        """The subject's display title ("" when no subject record gives one: a slug is never shown)."""
        return (self.timeline.names.title(name) or "") if name else ""

    def _source(self, source: str, url: str) -> dict[str, str]:
        """A source as a reader sees it: outlet and title ("source file" and the site's host for a file name)."""
        outlet, title = outlet_and_title(source)
        url = url if is_web_link(url) else ""
        if outlet == "source file" and url:
            title = urlsplit(url).hostname or ""
        return {"outlet": outlet, "title": title, "url": url}

    def _claim(self, r: Any, pos: int | None) -> dict[str, Any]:
        """What a claim's card and page show (``pos``: its row in the cells; None for a record kept with problems)."""
        status = _text(r.status)
        kind = _text(r.type)
        if pos is None:
            subject, earliest, latest, horizon = "", 0, 0, _NO_DAY
        else:
            subject = str(self._t["exp_subject"][pos]) if kind == "prediction" else _text(self._c["subject"][pos])
            earliest, latest = int(self._t["earliest"][pos]), int(self._t["latest"][pos])
            horizon = int(self._t["horizon"][pos]) if "horizon" in self._t else _NO_DAY
        deadline = "" if pd.isna(r.deadline) else f"{r.deadline:%Y-%m-%d}"
        said = _text(r.date)
        if kind != "prediction":
            window = f"said {said}"
        elif deadline:
            window = f"said {said}, {'soft horizon' if bool(r.vague) else 'deadline'} {deadline}"
        elif bool(r.vague):
            window = f"said {said}, no date given (a vague deadline)"
        else:
            window = f"said {said}, no deadline"
        speaker, actor = _text(r.speaker), _text(r.actor)
        claim: dict[str, Any] = {
            "id": _text(r.id), "page": claim_page(_text(r.id)), "type": kind, "status": status,
            "mark": STATUS_MARKS.get(status, ""), "auto_status": _text(r.auto_status) if _text(r.auto_status) != status else "",
            "title": _text(r.title), "quote": _text(r.quote), "lang": _text(r.lang), "phrase": _text(r.phrase),
            "deadline": deadline, "vague": bool(r.vague), "window": window, "said": said, "earliest": earliest,
            "latest": latest, "reason": readable_reason(_text(r.reason), _text(r.event_id), _text(r.ruling_id), self.titles), "margin": margin_note(status, r.margin_days),
            "who": speaker or actor, "speaker": speaker, "actor": actor,
            "speaker_page": f"people/{self.person_slug[speaker]}.html" if speaker else "",
            "actor_page": f"organisations/{self.organisation_slug[actor]}.html" if actor else "",
            "subject": self._subject(subject), "expects": _text(r.expects),
            "source": self._source(_text(r.source), _text(r.url)),
            "event": self._event(_text(r.event_id)), "ruling": self._ruling(_text(r.ruling_id)),
            "review": script_json(self.reviews[_text(r.id)]) if _text(r.id) in self.reviews else "",
        }
        claim["search"] = " ".join(str(claim[k]) for k in ("who", "actor", "title", "quote", "status", "subject", "phrase",
                                                            "said", "deadline")).lower()
        claim["row"] = Row(
            label=f"{claim['mark']} {status}{_no_day(kind, deadline, bool(r.vague))} · {claim['who']}: "
                  f"{claim['subject'] or _untold(claim['title'], claim['who'])}",
            said=earliest, end=(int((r.deadline - pd.Timestamp(_EPOCH)).days) if deadline else None)
            if kind == "prediction" else None,
            style="soft" if bool(r.vague) else ("firm" if deadline else "open"),
            mark=self._mark_day(status, r, deadline), status=status, colour=STATUS_COLOURS.get(status, "#3D3D3D"),
            shape=STATUS_MARKERS.get(status, "o"),
            title=(f"{claim['who']}: “{claim['quote'] or claim['title']}” — {claim['mark']} {status}"
                   + _no_day(kind, deadline, bool(r.vague))
                   + (f". {claim['reason']}" if claim["reason"] else "")),
        )
        if pos is None:
            claim["row"] = None  # no day to draw it on
        elif claim["row"].end is None and kind == "prediction" and horizon == _NO_DAY:
            claim["row"] = _with_end(claim["row"], self.as_of_day)
        return claim

    def _mark_day(self, status: str, r: Any, deadline: str) -> int | None:
        """Where the status marker sits: the settling event's day, the deadline when missed, today while pending."""
        if not pd.isna(r.event_date):
            return int((r.event_date - pd.Timestamp(_EPOCH)).days)
        if deadline and status in ("missed", "fulfilled", "partly"):
            return int((r.deadline - pd.Timestamp(_EPOCH)).days)
        if status == "pending":
            return self.as_of_day
        return None

    def _event(self, event_id: str) -> dict[str, Any] | None:
        if not event_id or event_id not in self._position:
            return None
        pos = self._position[event_id]
        return {"title": _text(self._c["title"][pos]), "date": _text(self._c["date"][pos]),
                "subject": self._subject(_text(self._c["subject"][pos])), "actor": _text(self._c["actor"][pos]),
                "kind": _text(self._c["kind"][pos]), "source": self._source(_text(self._c["source"][pos]), _text(self._c["url"][pos]))}

    def _ruling(self, ruling_id: str) -> dict[str, Any] | None:
        if not ruling_id or ruling_id not in self._position:
            return None
        pos = self._position[ruling_id]
        verdict = _text(self._c["verdict"][pos]) if "verdict" in self._c else ""
        return {"verdict": verdict, "mark": STATUS_MARKS.get(verdict, ""), "reasoning": _text(self._c["title"][pos]),
                "by": _text(self._c["speaker"][pos]) or _text(self._c["actor"][pos]), "date": _text(self._c["date"][pos]),
                "source": self._source(_text(self._c["source"][pos]), _text(self._c["url"][pos]))}

    def history(self, claim_id: str) -> list[dict[str, Any]] | None:
        """A claim's history as the page lists it (None when it was not computed: past the limit)."""
        h = self.histories.get(claim_id)
        if h is None:
            return None
        out = []
        for row in h.itertuples(index=False):
            status = _text(row.status)
            event = self._event(_text(row.event_id))
            out.append({"date": f"{row.as_of:%Y-%m-%d}", "status": status, "mark": STATUS_MARKS.get(status, ""),
                        "reason": readable_reason(_text(row.reason), _text(row.event_id), _text(row.ruling_id), self.titles),
                        "ruled": bool(_text(row.ruling_id)),
                        "auto_status": _text(row.auto_status), "event": event})
        return out

    # -- people and organisations ---------------------------------------------------------------------
    def _who(self, by: str, slug_of: dict[str, str], folder: str) -> dict[str, dict[str, Any]]:
        record = record_of(self.report, by=by)
        records = track_records(record, self.report, by)
        theirs: dict[str, list[dict[str, Any]]] = {}
        for c in self.claims:  # newest first, as the index lists them
            theirs.setdefault(c["speaker"] if by == "speaker" else c["actor"], []).append(c)
        out = {}
        for name, slug in slug_of.items():
            mine = theirs.get(name, [])
            out[name] = {"name": name, "page": f"{folder}/{slug}.html", "record": records.get(name), "claims": mine,
                         "kind": "person" if by == "speaker" else "organisation"}
        return out

    # -- charts ------------------------------------------------------------------------------------------
    def _index_charts(self, typed: pd.DataFrame, cells: pd.DataFrame) -> list[dict[str, Any]]:
        predictions = [c for c in self.claims if c["type"] == "prediction" and c["row"] is not None]
        shown = sorted(predictions[:_CHART_ROWS], key=lambda c: (c["earliest"], c["latest"], c["id"]))
        rows = [c["row"] for c in shown]
        more = len(predictions) - len(shown)
        types = cells["type"].to_numpy(dtype=object)
        latest = typed["latest"].to_numpy()
        known = np.flatnonzero((types == "event") & (latest <= self.as_of_day))
        known = known[np.lexsort((cells["id"].to_numpy(dtype=object)[known].astype(str), latest[known],
                                  typed["earliest"].to_numpy()[known]))]
        recent = known[-_CHART_ROWS:]
        events = []
        for pos in recent.tolist():
            subject = self._subject(_text(self._c["subject"][pos]))
            kind = _text(self._c["kind"][pos])
            actor = _text(self._c["actor"][pos])
            subject = f"{subject} {kind}" if subject and kind else (subject or _text(self._c["title"][pos]))
            outlet, _ = outlet_and_title(_text(self._c["source"][pos]))
            events.append(EventRow(
                earliest=int(self._t["earliest"][pos]), latest=int(self._t["latest"][pos]),
                label=f"{subject} · {actor}" if actor else subject,
                title=f"{_text(self._c['title'][pos])} ({_text(self._c['date'][pos])}"
                      + (f"; {outlet}" if outlet else "") + ")"))
        return [
            {"name": "predictions", "caption": f"Each prediction from the day said to its deadline, marked by its status, "
                                               f"as of {self.as_of}" + (f"; the newest {len(shown)} of {len(predictions)}"
                                                                        if more else "") + ".",
             "narrow": predictions_chart(rows, width=NARROW, as_of=self.as_of_day, name="predictions", more=more),
             "wide": predictions_chart(rows, width=WIDE, as_of=self.as_of_day, name="predictions", more=more)},
            {"name": "events", "caption": "Releases and announcements recorded"
                                          + (f", the newest {len(recent)} of {len(known)}" if len(known) > len(recent) else "")
                                          + ", in date order.",
             "narrow": events_chart(events, width=NARROW, name="events", more=len(known) - len(recent)),
             "wide": events_chart(events, width=WIDE, name="events", more=len(known) - len(recent))},
        ]

    def claim_chart(self, claim: dict[str, Any]) -> dict[int, Any] | None:
        """The claim's own chart, by layout width (None for a record kept with problems: no day to draw it on)."""
        if claim["row"] is None:
            return None
        event = claim["event"]
        found = None
        if event is not None and claim["row"].mark is not None:
            found = (claim["row"].mark, f"{event['subject'] or _fit(event['title'], 30)}: {event['kind']} {event['date']}")
        return {width: claim_chart(claim["row"], as_of=self.as_of_day, event=found, name=f"claim-chart-{claim['id']}-{width}",
                                   width=width) for width in (NARROW, WIDE)}


def _no_day(kind: str, deadline: str, vague: bool) -> str:
    """What a chart row says when a prediction has no deadline to draw ("" when it has one)."""
    if kind != "prediction" or deadline:
        return ""
    return " · no date given" if vague else " · no deadline"


def _untold(title: str, who: str) -> str:
    """A claim's title without a leading "Who: " (the label names them already)."""
    for name in (who, who.rsplit(" ", 1)[-1]):
        if name and title.startswith(name + ": "):
            return title[len(name) + 2:]
    return title


def _with_end(row: Row, as_of: int) -> Row:
    """An open bar (no deadline) runs to the settling event, or to the as-of day."""
    import attrs

    return attrs.evolve(row, end=row.mark if row.mark is not None else as_of, style="open")


# -- rendering ---------------------------------------------------------------------------------------------
def _common(site: Site, root: str) -> dict[str, Any]:
    return {"root": root, "as_of": site.as_of, "site_title": SITE_TITLE, "publisher": site.publisher or "",
            "publisher_url": site.publisher_url if site.publisher_url and is_web_link(site.publisher_url) else "",
            "styles": dict(STATUS_COLOURS), "marks": dict(STATUS_MARKS), "source": os.path.basename(str(site.timeline.source))}


def render_index(site: Site, *, single_file: bool = False, charts: bool = True, title: str | None = None) -> str:
    """The index page: the verdicts (counts that filter, the claims newest first), then the charts.

    ``single_file``: the page stands alone (``report --html``, :meth:`Timeline.to_html`):
    no link to another page of a site (claim, person, feed).  ``charts``: draw the
    charts; ``title``: the page's title.
    """
    return _environment().get_template("index.html.j2").render(
        **_common(site, ""), site=site, claims=site.claims, statuses=site.statuses, charts=site.charts if charts else [],
        single_file=single_file, n_records=len(site.timeline.cells), page_title=title or SITE_TITLE,
        heading=title or SITE_TITLE)


def build_site(site: Site) -> dict[str, bytes]:
    """Every file of the site, by its path relative to the site's root."""
    env = _environment()
    files: dict[str, bytes] = {"index.html": render_index(site).encode("utf-8")}
    claim_template = env.get_template("claim.html.j2")
    for claim in site.claims:
        files[claim["page"]] = claim_template.render(
            **_common(site, "../"), claim=claim, history=site.history(claim["id"]), chart=site.claim_chart(claim),
            page_title=claim["title"], history_limit=len(site.histories)).encode("utf-8")
    who_template = env.get_template("who.html.j2")
    for group in (site.people, site.organisations):
        for entry in group.values():
            files[entry["page"]] = who_template.render(**_common(site, "../"), who=entry, page_title=entry["name"]
                                                       ).encode("utf-8")
    files["feed.xml"] = atom_feed(site)
    reviews = list(site.reviews.values())
    files["claimreview.json"] = (script_json(reviews, indent=1) + "\n").encode("utf-8")
    return files


def write_site(timeline: Timeline, folder: str | os.PathLike[str], *, as_of: Any = None, base_url: str | None = None,
               publisher: str | None = None, publisher_url: str | None = None) -> Path:
    """Write the site into ``folder`` (made when missing; files of the same names replaced); return its path.

    Raises
    ------
    SaveError
        When a file cannot be written, naming it.
    Error
        For a ``base_url`` or ``publisher_url`` that is not an http(s) address, or an ``as_of`` after today.
    """
    site = Site(timeline, as_of=as_of, base_url=base_url, publisher=publisher, publisher_url=publisher_url)
    files = build_site(site)
    root = Path(folder)
    for relative, data in files.items():
        path = root / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            raise lt.SaveError(path, exc.strerror or str(exc), exc.errno) from None
    return root
