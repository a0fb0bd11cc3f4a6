"""The static site (``tl.to_site`` / ``llmtimeline site``): its files, links, feed and ClaimReview read
back by their consumers, then the pages opened in Chromium at a phone's and a desktop's width."""

from __future__ import annotations

import io
import json
import math
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from builders import chromium
from hypothesis import given
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline import cli
from llmtimeline.views.claimreview import RATING_SCALE, RATINGS
from llmtimeline.views.links import claim_page
from llmtimeline.views.palette import STATUS_COLOURS, contrast
from llmtimeline.views.site import Site, histories
from llmtimeline.views.site._people import slugs, wilson

AS_OF = "2025-06-30"
BASE = "https://news.example.org/ai-verdicts/"
PUBLISHER, PUBLISHER_URL = "Example News", "https://news.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
CLEGG = "clegg-llama3-within-a-month"
ZUCKERBERG = "zuckerberg-350k-h100-by-end-of-2024"


@pytest.fixture(scope="module")
def tl() -> lt.Timeline:
    return lt.load()


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory, tl) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    tl.to_site(out, as_of=AS_OF, base_url=BASE, publisher=PUBLISHER, publisher_url=PUBLISHER_URL)
    return out


class _Page(HTMLParser):
    """What a page holds: its links, ids, JSON-LD scripts, elements with lang, and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[tuple[str, str]] = []
        self.langs: list[str] = []
        self.text: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name) is not None:
                self.links.append(a[name])
        if "id" in a:
            self.ids.add(a["id"])
        if "lang" in a:
            self.langs.append(a["lang"])
        if tag == "script":
            self._script = a.get("type") or "text/javascript"
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)
        else:
            self.text.append(data)


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def words(page: _Page) -> str:
    return re.sub(r"\s+", " ", " ".join(page.text))


# -- the files ----------------------------------------------------------------------------------------
@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_the_site_has_a_page_per_claim_person_and_organisation(site_dir, tl):
    report = tl.check(as_of=AS_OF)
    assert (site_dir / "index.html").exists() and (site_dir / "feed.xml").exists()
    assert {p.stem for p in (site_dir / "claims").glob("*.html")} == set(report["id"])
    assert (site_dir / "people" / "nick-clegg.html").exists()
    assert (site_dir / "organisations" / "meta.html").exists()
    speakers = {s for s in report["speaker"] if s}
    assert len(list((site_dir / "people").glob("*.html"))) == len(speakers)


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_every_internal_link_resolves(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    ids = {p: read_page(p).ids for p in pages}
    checked = 0
    for page_path in pages:
        for link in read_page(page_path).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                continue
            assert not parts.scheme and not parts.netloc, f"{page_path.name}: {link}"  # no other scheme, no host
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            assert target.exists(), f"{page_path.relative_to(site_dir)} links to a missing {link}"
            assert site_dir.resolve() in target.parents, link  # never out of the site
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in ids[target], f"{page_path.name}: no #{parts.fragment} in {target.name}"
            checked += 1
    assert checked > 300


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_the_index_lists_every_claim_newest_first_with_its_status_words(site_dir, tl):
    text = (site_dir / "index.html").read_text(encoding="utf-8")
    report = tl.check(as_of=AS_OF)
    anchors = re.findall(r'<li class="card" id="claim-([^"]+)" data-status="([a-z]+)"', text)
    assert {a for a, _ in anchors} == set(report["id"]) and len(anchors) == len(report)  # every claim, no JS needed
    latest = dict(zip(tl.cells["id"], tl.typed["latest"], strict=True))
    days = [latest[a] for a, _ in anchors]
    assert days == sorted(days, reverse=True)  # newest first
    assert text.index('id="verdicts"') < text.index('id="claims"') < text.index('id="charts"')  # verdicts, then charts
    card = text[text.index(f'id="claim-{CLEGG}"'):]
    card = card[: card.index("</li>")]
    assert "✓</span> fulfilled" in card  # the word and the mark, not colour alone
    assert '<blockquote lang="fr">' in card and "said 2024-04-09, deadline 2024-05-09" in card
    assert f'href="claims/{CLEGG}.html"' in card and "21 days before the deadline" in card


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_a_claim_page_shows_quote_window_verdict_event_history_and_one_claimreview(site_dir):
    page = read_page(site_dir / "claims" / f"{CLEGG}.html")
    text = words(page)
    assert "D’ici un mois, voire moins" in text and "fr" in page.langs
    assert "said 2024-04-09, deadline 2024-05-09" in text
    assert "Llama 3 was released on 2024-04-18, 21 days before the deadline" in text
    assert "Meta releases Llama 3" in text  # the settling event, by its title
    assert "Meta AI blog: Introducing Meta Llama 3" in text  # its source, by outlet and title
    assert "2024-04-09" in text and "2024-04-18" in text  # the history: pending, then fulfilled
    ld = [body for kind, body in page.scripts if kind == "application/ld+json"]
    assert len(ld) == 1
    review = json.loads(ld[0])
    assert review["@type"] == "ClaimReview" and review["url"] == f"{BASE}claims/{CLEGG}.html"
    reviews = json.loads((site_dir / "claimreview.json").read_text(encoding="utf-8"))
    assert review in reviews  # the page embeds the same item


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_a_ruled_claim_shows_the_ruling_and_who_ruled(site_dir):
    text = words(read_page(site_dir / "claims" / f"{ZUCKERBERG}.html"))
    assert "by llmtimeline editors" in text and "No public count shows whether Meta had 350,000 H100s" in text
    assert "The checker alone missed" in text
    assert re.search(r"2024-01-18 ?: … pending", text)
    assert re.search(r"2025-01-01 ?: \? undetermined \(ruled; the checker said missed\)", text)


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_a_claim_without_a_verdict_embeds_no_claimreview(site_dir, tl):
    report = tl.check(as_of=AS_OF)
    pending = report[report["status"] == "pending"]["id"].iloc[0]
    page = read_page(site_dir / "claims" / f"{pending}.html")
    assert not [b for k, b in page.scripts if k == "application/ld+json"]
    assert "History of the verdict" in words(page)


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_readers_see_display_names_never_file_names_or_slugs(site_dir, tl):
    clegg = words(read_page(site_dir / "claims" / "clegg-llama3-models-this-year.html"))
    assert "source file" in clegg and ".txt" not in clegg  # a source that is only a file name
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    charts = index[index.index('id="charts"'):]
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", charts)
    assert any("Llama 3" in t for t in labels)  # a subject title
    slugs = {s for s in tl.subjects if "-" in s}  # "llama-3", titled "Llama 3"; a slug without a title shows as is
    shown = [t for t in labels for s in slugs if re.search(rf"(^|\s){re.escape(s)}(\s|$)", t)]
    assert slugs and not shown, shown
    for path in (site_dir / "claims").glob("*.html"):
        assert not re.search(r"\b\d{3}_[0-9a-f]{16}\.txt\b", words(read_page(path))), path.name


SVG = "{http://www.w3.org/2000/svg}"


def _svgs(page: str) -> dict[str, ET.Element]:
    """The page's charts by their class (``chart small`` is a claim's narrow chart), parsed as XML."""
    out = {}
    for m in re.finditer(r'<svg class="([^"]*)".*?</svg>', page, re.S):
        svg = m.group(0).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)
        out.setdefault(m.group(1), []).append(ET.fromstring(svg))
    return out


def _marks(svg: ET.Element) -> dict[str, float]:
    """Each named mark's x (data-mark: said, deadline, event, as-of, status)."""
    return {e.get("data-mark"): float(e.get("x1") or e.get("cx") or _path_x(e.get("d", "")))
            for e in svg.iter() if e.get("data-mark")}


def _path_x(d: str) -> float:
    """The middle x of a marker's path (M, L, H absolute; h relative; V, v leave x)."""
    xs, x = [], 0.0
    for command, a, _ in re.findall(r"([MLHhVvZ])(-?[\d.]*)(?:,(-?[\d.]+))?", d):
        if command in "MLH":
            x = float(a)
        elif command == "h":
            x += float(a)
        xs.append(x)
    return (min(xs) + max(xs)) / 2


def _labels(svg: ET.Element) -> dict[str, ET.Element]:
    return {e.get("data-for"): e for e in svg.iter(f"{SVG}text") if e.get("data-for")}


def _under(label: ET.Element, x: float, width: float) -> bool:
    """Whether ``label`` sits under ``x``: centred on it, or held at the chart's edge on the side of it."""
    tx, anchor = float(label.get("x")), label.get("text-anchor")
    return {"middle": abs(tx - x) < 0.6, "start": tx <= x < tx + width / 2, "end": tx - width / 2 < x <= tx}[anchor]


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_a_claim_chart_fits_the_claim_not_the_as_of_day(site_dir):
    """Clegg said 2024-04-09, due 2024-05-09, settled 2024-04-18; the site is checked as of 2025-06-30."""
    page = (site_dir / "claims" / f"{CLEGG}.html").read_text(encoding="utf-8")
    charts = _svgs(page)
    narrow, wide = charts["chart small"][0], charts["chart"][0]
    for svg in (narrow, wide):
        width = float(svg.get("width"))
        marks, labels = _marks(svg), _labels(svg)
        assert marks["said"] < marks["event"] < marks["deadline"]  # in the order of their days
        assert "as-of" not in marks  # 14 months later: it would squeeze the claim into a stub
        assert marks["deadline"] - marks["said"] > 0.6 * width  # the claim fills the chart
        assert labels["said"].text == "said 2024-04-09" and labels["deadline"].text == "deadline 2024-05-09"
        assert labels["event"].text.endswith("2024-04-18")
        for key, label in labels.items():
            assert _under(label, marks[key], width), (key, label.get("x"), marks[key])
        ticks = [t.text for t in svg.iter(f"{SVG}text") if not t.get("data-for")]
        assert ticks and all(re.fullmatch(r"[A-Z][a-z]{2}( \d{4})?", t) for t in ticks), ticks  # months, no "2025"
        (bar,) = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]
        assert abs(float(bar.get("x")) - marks["said"]) < 0.2
        assert abs(float(bar.get("x")) + float(bar.get("width")) - marks["deadline"]) < 0.2


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_every_claim_chart_orders_its_marks_as_their_days_and_labels_them(site_dir, tl):
    report = tl.check(as_of=AS_OF)
    by_page = {Path(claim_page(i)).stem: row for i, (_, row) in zip(report["id"], report.iterrows(), strict=True)}
    drawn = 0
    for path in sorted((site_dir / "claims").glob("*.html")):
        charts = _svgs(path.read_text(encoding="utf-8"))
        if "chart small" not in charts:
            continue
        claim = by_page[path.stem]
        for svg in (charts["chart small"][0], charts["chart"][0]):
            drawn += 1
            marks, labels = _marks(svg), _labels(svg)
            width = float(svg.get("width"))
            assert all(8 <= x <= width - 8 for x in marks.values()), (path.stem, marks)
            days = {"said": labels["said"].text.removeprefix("said "), "as-of": AS_OF}
            if "deadline" in marks:
                days["deadline"] = f"{claim['deadline']:%Y-%m-%d}"
                assert labels["deadline"].text.endswith(days["deadline"]), path.stem
            if "event" in marks:
                days["event"] = f"{claim['event_date']:%Y-%m-%d}"
                shown = labels["event"].text.rsplit(" ", 1)[-1]  # the date survives a long title, at its precision
                assert re.fullmatch(r"\d{4}(-\d\d){0,2}", shown) and days["event"].startswith(shown), path.stem
            if "as-of" in marks:
                assert labels["as-of"].text == f"checked as of {AS_OF}"
            named = sorted(k for k in marks if k in days)
            for a in named:  # x in the order of the days
                for b in named:
                    if days[a] < days[b]:
                        assert marks[a] < marks[b], (path.stem, a, b)
            for key, label in labels.items():
                assert _under(label, marks[key], width), (path.stem, key)
    assert drawn > 20


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_a_pending_claim_chart_runs_to_the_day_it_was_checked(site_dir):
    page = (site_dir / "claims" / "lecun-llama-2-upends-market.html").read_text(encoding="utf-8")
    svg = _svgs(page)["chart small"][0]
    marks, labels = _marks(svg), _labels(svg)
    assert marks["said"] < marks["as-of"] and abs(marks["status"] - marks["as-of"]) < 0.2
    assert labels["as-of"].text == f"checked as of {AS_OF}"
    assert "deadline" not in marks and "no deadline" in svg.find(f"{SVG}desc").text
    for key, label in labels.items():
        assert _under(label, marks[key], 320), key


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_prediction_rows_draw_a_said_tick_and_no_stray_glyph(site_dir):
    page = (site_dir / "index.html").read_text(encoding="utf-8")
    start = page.index('id="chart-predictions"')
    for svg in _svgs(page[start:page.index("</figure>", start)])["chart"]:
        said = [float(e.get("x1")) for e in svg.iter(f"{SVG}line") if e.get("class") == "said"]
        labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("font-size") == "12"]
        assert len(said) == len(labels) > 5
        bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]
        assert all(float(r.get("width")) >= 6 for r in bars)  # never a few-unit sliver
        assert len(bars) == sum(" · no " not in label for label in labels)  # a row without a bar says why
        rows = sorted({round(float(e.get("y1")) + 8) for e in svg.iter(f"{SVG}line") if e.get("class") == "said"})
        for y, x in zip(rows, said, strict=True):
            marks = [e for e in svg.iter() if e.get("class") == "mark" and abs(float(e.get("cy", y)) - y) < 1]
            hollow = [float(e.get("cx")) for e in marks if e.get("fill") == "#ffffff"]
            row_bars = [r for r in bars if abs(float(r.get("y")) + 5 - y) < 1]
            reach = max([float(r.get("x")) + float(r.get("width")) for r in row_bars], default=x + 12)
            assert all(x < h <= reach for h in hollow), (y, x, hollow, reach)  # pending: on its own row's span


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_every_chart_mark_has_a_title_with_the_quote_and_the_status(site_dir):
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    marks = re.findall(r'<(rect|path|circle)[^>]*class="(?:mark|bar)"[^>]*><title>([^<]*)</title>', index)
    assert len(marks) > 20
    clegg = [t for _, t in marks if "D’ici un mois, voire moins" in t]
    assert clegg and all("fulfilled" in t for t in clegg)


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_a_track_record_with_its_interval_and_what_it_rests_on(site_dir, tl):
    text = words(read_page(site_dir / "organisations" / "meta.html"))
    record = tl.track_record(by="actor", as_of=AS_OF).loc["Meta"]
    known = int(record["fulfilled"] + record["late"] + record["missed"] + record["predictions_contradicted"])
    low, high = wilson(int(record["fulfilled"]), known)
    assert f"{int(record['fulfilled'])} of {known} predictions whose outcome is known" in text
    assert f"95% interval {100 * low:.0f}% to {100 * high:.0f}%, Wilson" in text
    assert f"{record['median_margin_days']:+.0f} days" in text


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_the_feed_is_atom_one_entry_per_change_newest_first(site_dir, tl):
    root = ET.parse(site_dir / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("title", "id", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None
    entries = root.findall(f"{ATOM}entry")
    report = tl.check(as_of=AS_OF)
    assert len(entries) == sum(len(tl.history(i).query("as_of <= @AS_OF")) for i in report["id"])
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert all(link.startswith(BASE + "claims/") for link in links)  # absolute, with the base URL
    assert any(e.find(f"{ATOM}title").text.endswith("✓ fulfilled") and f"/{CLEGG}.html" in e.find(f"{ATOM}link").get("href")
               for e in entries)


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_claimreview_json_one_per_verdict_with_publisher_rating_and_appearance(site_dir, tl):
    reviews = json.loads((site_dir / "claimreview.json").read_text(encoding="utf-8"))
    report = tl.check(as_of=AS_OF)
    judged = report[report["status"].astype(str).isin(RATINGS)]
    assert len(reviews) == len(judged) > 0
    assert {r["reviewRating"]["alternateName"] for r in reviews} <= set(RATINGS)  # no pending or unverified
    worst, best = RATING_SCALE
    for r in reviews:
        assert r["url"].startswith(BASE) and r["author"] == {"@type": "Organization", "name": PUBLISHER, "url": PUBLISHER_URL}
        rating = r["reviewRating"]
        assert rating["worstRating"] == worst and rating["bestRating"] == best and worst <= rating["ratingValue"] <= best
        assert isinstance(rating["ratingValue"], int)
    linked = [r["itemReviewed"]["appearance"] for r in reviews if "appearance" in r["itemReviewed"]]
    assert linked and all(a["url"].startswith("https://") for a in linked)
    assert not any(".txt" in json.dumps(r["itemReviewed"]) for r in reviews)  # a file name is no outlet


def test_claimreview_appearance_names_the_outlet_the_title_and_the_address(tmp_path):
    tl = lt.Timeline([
        lt.Event(id="e1", date="2024-04-18", actor="Meta", kind="release", subject="llama-3", title="Llama 3 out",
                 source=lt.Source("Meta AI blog: Introducing Llama 3", url="https://ai.meta.com/blog/meta-llama-3/")),
        lt.Claim(id="c1", type="prediction", date="2024-04-09", actor="Meta", speaker="Nick Clegg", title="Llama 3 soon",
                 expects="release llama-3", deadline="within a month", quote="Within a month", lang="en",
                 source=lt.Source("Reuters: Meta to release Llama 3 within a month", url="https://www.reuters.com/x")),
    ])
    tl.to_site(tmp_path, as_of="2024-06-01", base_url="https://example.org", publisher="Example News")
    (review,) = json.loads((tmp_path / "claimreview.json").read_text(encoding="utf-8"))
    assert review["url"] == "https://example.org/claims/c1.html"
    assert review["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork", "name": "Meta to release Llama 3 within a month",
        "publisher": {"@type": "Organization", "name": "Reuters"}, "url": "https://www.reuters.com/x"}
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Nick Clegg",
                                                "affiliation": {"@type": "Organization", "name": "Meta"}}
    assert review["itemReviewed"]["datePublished"] == "2024-04-09"
    assert review["reviewRating"]["alternateName"] == "fulfilled" and review["reviewRating"]["ratingValue"] == 5


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_histories_are_tl_history_up_to_the_site_day(tl):
    report = tl.check(as_of=AS_OF)
    found = histories(tl, report)
    assert set(found) == set(report["id"])
    for claim_id, history in found.items():
        expected = tl.history(claim_id).query("as_of <= @AS_OF").reset_index(drop=True)
        assert history.astype(str).values.tolist() == expected.astype(str).values.tolist(), claim_id


def test_histories_past_the_limit_are_said_to_be_left_out(tl, tmp_path):
    site = Site(tl, as_of=AS_OF, history_limit=3)
    assert len(site.histories) == 3
    every = histories(tl, tl.check(as_of=AS_OF))
    latest_change = max(every, key=lambda claim_id: every[claim_id]["as_of"].max())
    assert latest_change in site.histories  # the feed holds the latest change
    assert all(site.histories[i].equals(every[i]) for i in site.histories)
    from llmtimeline.views.site import build_site

    files = build_site(site)
    left_out = next(c for c in site.claims if c["id"] not in site.histories)
    assert "Not computed for this site: it computes the history of 3 claims" in files[left_out["page"]].decode("utf-8")


def test_hostile_values_are_shown_as_text_and_run_nothing(tmp_path):
    evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>&amp;"
    said = evil + "\u2028\u2029 -->"
    tl = lt.Timeline([
        lt.Event(id="e1", date="2024-01-10", actor=evil, kind="release", subject="x", title=evil,
                 source=lt.Source(evil, url="https://example.org/a?b=<i>")),
        lt.Claim(id="c1", type="prediction", date="2024-01-02", actor=evil, speaker=evil, title=evil,
                 expects="release x", deadline="within a month", quote=said, lang="en",
                 source=lt.Source(evil, url="https://example.org/q")),
    ])
    out = tmp_path / "site"
    tl.to_site(out, as_of="2024-03-01", base_url="https://example.org/", publisher=evil)
    for path in out.rglob("*.html"):
        page = read_page(path)
        html = path.read_text(encoding="utf-8")
        assert "<img" not in html and "alert(1)</script>" not in html, path.name
        assert [k for k, _ in page.scripts] in ([], ["text/javascript"], ["application/ld+json"]), path.name
        for _, body in page.scripts:
            assert "</script" not in body.lower()
        assert all(urlsplit(link).scheme in ("", "http", "https") for link in page.links)
    page = read_page(out / "claims" / "c1.html")
    (ld,) = [json.loads(b) for k, b in page.scripts if k == "application/ld+json"]
    assert ld["itemReviewed"]["text"] == said and ld["author"]["name"] == evil  # read back as written
    assert evil in words(page) and said in "".join(page.text)
    ET.parse(out / "feed.xml")  # still well-formed


def test_base_url_and_publisher_url_must_be_web_addresses(tl, tmp_path):
    with pytest.raises(lt.Error, match=r"Could not interpret value `javascript:alert\(1\)` for `base_url`"):
        tl.to_site(tmp_path / "a", as_of=AS_OF, base_url="javascript:alert(1)")
    with pytest.raises(lt.Error, match="for `publisher_url`"):
        tl.to_site(tmp_path / "b", as_of=AS_OF, publisher="X", publisher_url="ftp://x")
    assert not (tmp_path / "a").exists()


def test_a_folder_that_cannot_be_written_is_a_save_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    tl = lt.Timeline([lt.Claim(id="c1", type="statement", date="2024-01-02", actor="Acme", subject="x", title="X is big",
                               facts="size=1", source="s")])
    with pytest.raises(lt.SaveError, match=r"cannot save .*index\.html"):
        tl.to_site(blocker / "site", as_of=AS_OF)


@pytest.mark.slow  # builds the bundled file's whole site (or checks every claim's history)
def test_cli_site(tmp_path, capsys):
    out = tmp_path / "public"
    assert cli.main(["site", str(out), "--as-of", AS_OF, "--base-url", BASE, "--publisher", PUBLISHER,
                     "--publisher-url", PUBLISHER_URL]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and f"wrote the site to {out}" in captured.err
    assert (out / "claims" / f"{CLEGG}.html").exists()
    assert cli.main(["site", str(tmp_path / "x"), "--base-url", "nope"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_every_status_colour_reads_on_white():
    assert all(contrast(colour) >= 4.5 for colour in STATUS_COLOURS.values())


@given(st.integers(0, 500), st.integers(0, 500))
def test_the_wilson_interval_holds_the_rate(k, extra):
    n = k + extra
    low, high = wilson(k, n)
    if n == 0:
        assert math.isnan(low) and math.isnan(high)
    else:
        assert 0 <= low <= k / n <= high <= 1
        assert wilson(extra, n) == pytest.approx((1 - high, 1 - low))  # symmetric


def test_wilson_matches_the_textbook_value():
    assert wilson(4, 5) == pytest.approx((0.3755, 0.9638), abs=1e-4)


@given(st.lists(st.text(min_size=1, max_size=12), max_size=20))
def test_slugs_are_distinct_safe_file_names(names):
    found = slugs(names)
    assert len(set(found.values())) == len(found)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", s) for s in found.values())


# -- in the browser -------------------------------------------------------------------------------------
WIDTHS = ((390, 844), (1400, 900))
AXE = Path(__file__).parent / ".node" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra installs playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu",
                                                                "--disable-background-networking"])
        yield b
        b.close()


class Viewer:
    """A browser context at one size that records (and refuses) every request leaving the site."""

    def __init__(self, browser, width: int, height: int, *, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
        self.outside: list[str] = []
        self.errors: list[str] = []

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def open(self, path: Path, fragment: str = ""):
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_load_state("load")
        return self.page

    def close(self) -> None:
        self.context.close()


def _pages(site_dir: Path) -> list[Path]:
    return [site_dir / "index.html", site_dir / "claims" / f"{CLEGG}.html", site_dir / "claims" / f"{ZUCKERBERG}.html",
            site_dir / "people" / "nick-clegg.html", site_dir / "organisations" / "meta.html"]


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_no_page_scrolls_sideways_and_nothing_leaves_the_site(browser, site_dir, width, height):
    viewer = Viewer(browser, width, height)
    try:
        for path in [*_pages(site_dir), *sorted((site_dir / "claims").glob("*.html"))[:8]]:
            page = viewer.open(path)
            assert page.evaluate("document.scrollingElement.scrollWidth") <= width, path.name
            page.screenshot(path=f"/tmp/site_test_{path.stem}_{width}.png", full_page=True)
        assert viewer.outside == [] and viewer.errors == []
    finally:
        viewer.close()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_the_first_screen_on_a_desktop_shows_verdicts(browser, site_dir):
    viewer = Viewer(browser, 1400, 900)
    try:
        page = viewer.open(site_dir / "index.html")
        seen = page.evaluate("""() => Array.from(document.querySelectorAll('#claims .card .status'))
            .filter(e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })
            .map(e => e.textContent.trim())""")
        assert seen and all(re.fullmatch(r"\S \w+", s) for s in seen)
        counts = page.evaluate("Array.from(document.querySelectorAll('.counts button')).map(b => b.getBoundingClientRect().bottom)")
        assert counts and max(counts) < 900
    finally:
        viewer.close()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_status_buttons_and_search_filter_the_list_from_the_keyboard(browser, site_dir):
    viewer = Viewer(browser, 1400, 900)
    try:
        page = viewer.open(site_dir / "index.html")
        total = page.locator("#claims > .card").count()
        page.focus('.counts button[data-status="fulfilled"]')
        page.keyboard.press("Enter")
        visible = page.evaluate("Array.from(document.querySelectorAll('#claims > .card')).filter(c => !c.hidden)"
                                ".map(c => c.dataset.status)")
        assert visible and set(visible) == {"fulfilled"} and len(visible) < total
        assert page.get_attribute('.counts button[data-status="fulfilled"]', "aria-pressed") == "true"
        page.keyboard.press("Space")  # again: every claim
        page.fill("#search", "clegg")
        shown = page.evaluate("Array.from(document.querySelectorAll('#claims > .card')).filter(c => !c.hidden).map(c => c.id)")
        assert f"claim-{CLEGG}" in shown and len(shown) == 2
        assert "2 of" in page.inner_text("#shown")
    finally:
        viewer.close()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_without_javascript_every_claim_is_listed(browser, site_dir, tl):
    viewer = Viewer(browser, 390, 844, javascript=False)
    try:
        page = viewer.open(site_dir / "index.html")
        assert page.locator("#claims > .card:visible").count() == len(tl.check(as_of=AS_OF))
        assert page.locator("#search").is_hidden()  # the box that needs a script is not offered
    finally:
        viewer.close()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_a_claim_page_reads_back_its_claimreview_in_the_browser(browser, site_dir):
    viewer = Viewer(browser, 390, 844)
    try:
        page = viewer.open(site_dir / "claims" / f"{CLEGG}.html")
        body = page.inner_text("main")
        assert "D’ici un mois, voire moins" in body and "21 days before the deadline" in body
        assert page.locator("#history li").count() == 2
        review = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
        assert review["@type"] == "ClaimReview" and urlsplit(review["url"]).scheme == "https"
        assert page.locator('script[type="application/ld+json"]').count() == 1
    finally:
        viewer.close()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_a_person_page_shows_the_track_record(browser, site_dir):
    viewer = Viewer(browser, 390, 844)
    try:
        page = viewer.open(site_dir / "people" / "nick-clegg.html")
        record = page.inner_text("#record")
        assert "Track record" in record and "2 of 2 predictions whose outcome is known" in record
        assert "95% interval 34% to 100%" in record and "Median margin" in record
        assert page.locator("#claims .card").count() == 2
    finally:
        viewer.close()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_chart_text_is_text_holds_titles_and_is_at_least_11_px(browser, site_dir, width, height):
    viewer = Viewer(browser, width, height)
    try:
        for path in (site_dir / "index.html", site_dir / "claims" / f"{CLEGG}.html"):
            page = viewer.open(path)
            sizes = page.evaluate("""() => Array.from(document.querySelectorAll('svg.chart text'))
                .filter(t => t.getClientRects().length > 0)
                .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a])""")
            assert sizes, path.name
            small = [(t, round(s, 1)) for t, s in sizes if s < 11 - 0.05]
            assert not small, f"{path.name} at {width}: {small[:5]}"
        page = viewer.open(site_dir / "index.html")
        texts = page.evaluate("Array.from(document.querySelectorAll('svg.chart text')).filter(t => t.getClientRects().length)"
                              ".map(t => t.textContent)")
        assert any("Llama 3" in t for t in texts)
    finally:
        viewer.close()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_chart_labels_neither_overlap_nor_leave_the_chart_and_sit_under_their_marks(browser, site_dir, width, height):
    viewer = Viewer(browser, width, height)
    try:
        for path in (site_dir / "index.html", *sorted((site_dir / "claims").glob("*.html"))):
            page = viewer.open(path)
            found = page.evaluate("""() => Array.from(document.querySelectorAll('svg.chart'))
                .filter(s => s.getClientRects().length > 0).map(s => {
                  const box = s.getBoundingClientRect();
                  const texts = Array.from(s.querySelectorAll('text')).map(t => {
                    const b = t.getBoundingClientRect();
                    return [t.textContent, b.left, b.right, b.top, b.bottom, t.dataset.for || ''];
                  });
                  const marks = Object.fromEntries(Array.from(s.querySelectorAll('[data-mark]')).map(m => {
                    const b = m.getBoundingClientRect(); return [m.dataset.mark, (b.left + b.right) / 2];
                  }));
                  return {name: s.getAttribute('aria-labelledby'), box: [box.left, box.right], texts, marks};
                })""")
            assert found or "On a time line" not in page.content(), path.name
            for svg in found:
                if width >= 1040 and svg["name"].startswith("claim-chart"):
                    assert svg["box"][1] - svg["box"][0] >= 900  # the desktop's column, not a phone's strip
                left, right = svg["box"]
                texts = svg["texts"]
                for text, tl, tr, _, _, _ in texts:
                    assert left - 0.5 <= tl and tr <= right + 0.5, f"{svg['name']} at {width}: {text!r} leaves the chart"
                for i, (a, al, ar, at, ab, _) in enumerate(texts):
                    for b, bl, br, bt, bb, _ in texts[i + 1:]:
                        overlap = min(ar, br) - max(al, bl) > 0.5 and min(ab, bb) - max(at, bt) > 0.5
                        assert not overlap, f"{svg['name']} at {width}: {a!r} overlaps {b!r}"
                for text, tl, tr, _, _, key in texts:
                    if key:
                        assert tl - 0.5 <= svg["marks"][key] <= tr + 0.5, f"{svg['name']} at {width}: {text!r} is not under its mark"
    finally:
        viewer.close()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize("where", ["index.html#claim-" + CLEGG, f"claims/{CLEGG}.html#history"])
def test_a_deep_link_lands_clear_of_the_sticky_header_and_is_highlighted(browser, site_dir, where):
    viewer = Viewer(browser, 390, 844)
    try:
        path, fragment = where.split("#")
        page = viewer.open(site_dir / path, "#" + fragment)
        page.wait_for_timeout(100)
        header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().bottom")
        top = page.evaluate(f"document.getElementById({json.dumps(fragment)}).getBoundingClientRect().top")
        assert header <= top < 844 / 2
        assert page.evaluate(f"document.getElementById({json.dumps(fragment)}).matches(':target')")
        assert page.evaluate(f"getComputedStyle(document.getElementById({json.dumps(fragment)})).outlineStyle") == "solid"
    finally:
        viewer.close()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize("which", ["index.html", f"claims/{CLEGG}.html", "people/nick-clegg.html"])
def test_axe_finds_no_serious_or_critical_violation(browser, site_dir, which):
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: .ci/run installs it (npm ci --prefix tests/.node)")
        pytest.skip("axe-core not installed: npm ci --prefix tests/.node")
    for width, height in WIDTHS:
        viewer = Viewer(browser, width, height)
        try:
            page = viewer.open(site_dir / which)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
            assert not bad, f"{which} at {width}: {bad}"
        finally:
            viewer.close()


def test_records_kept_with_problems_get_their_own_page_and_break_nothing(tmp_path):
    raw = b"""id,type,date,actor,speaker,kind,subject,title,expects,deadline,quote,lang,source
a,event,2024-04-18,Meta,,release,llama-3,Llama 3,,,,,blog
p1,prediction,2024-04-09,Meta,Nick Clegg,,,Llama 3 soon,release llama-3,within a month,q,en,s
p1,prediction,2024-02-30,Meta,Nick Clegg,,,A bad day,release llama-3,within a month,q,en,s
,prediction,2024-02-30,Meta,,,,No id,release llama-3,within a month,q,en,s
"""
    tl = lt.load(io.BytesIO(raw), errors="keep")
    tl.to_site(tmp_path, as_of="2024-06-01")
    pages = sorted(p.name for p in (tmp_path / "claims").glob("*.html"))
    assert len(pages) == 3 and "p1.html" in pages and "p1-2.html" in pages  # the kept p1 does not replace the good one
    good = words(read_page(tmp_path / "claims" / "p1.html"))
    assert "Llama 3 soon" in good and "fulfilled" in good
    kept = words(read_page(tmp_path / "claims" / "p1-2.html"))
    assert "A bad day" in kept and "invalid" in kept and "kept with problems is not checked" in kept
    record = words(read_page(tmp_path / "people" / "nick-clegg.html"))
    assert "1 of 1 predictions whose outcome is known" in record
    for fmt in ("timelinejs", "claimreview", "ics"):
        tl.export(fmt, tmp_path / f"x.{fmt}", as_of="2024-06-01")
    tl.to_html(tmp_path / "report.html", as_of="2024-06-01")


@pytest.mark.slow  # builds the bundled file's whole site
def test_reasons_name_events_by_their_titles_not_their_ids(site_dir, tl):
    event_ids = set(tl.cells.loc[tl.cells["type"] == "event", "id"])
    ruling_ids = set(tl.cells.loc[tl.cells["type"] == "ruling", "id"])
    for path in [site_dir / "index.html", *(site_dir / "claims").glob("*.html")]:
        text = words(read_page(path))
        shown = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9.]+)+", text))
        assert not shown & (event_ids | ruling_ids), (path.name, shown & (event_ids | ruling_ids))
    feed = (site_dir / "feed.xml").read_text(encoding="utf-8")
    assert not [i for i in event_ids if f"event {i}" in feed]


@pytest.mark.parametrize("claim_id", ["../x", "a/b", "A", "con", ".hidden", "x y", "é"])
def test_an_id_that_is_no_safe_file_name_gets_a_page_inside_the_site(tmp_path, claim_id):
    tl = lt.Timeline([lt.Claim(id=claim_id, type="statement", date="2024-01-02", actor="Acme", subject="x", title="X is 1",
                               facts="size=1", source="s")])
    tl.to_site(tmp_path, as_of="2024-03-01")
    (page,) = (tmp_path / "claims").glob("*.html")
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*\.html", page.name) and page.stem not in ("con", "a")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f'href="claims/{page.name}"' in index and f'id="claim-{page.stem}"' in index
