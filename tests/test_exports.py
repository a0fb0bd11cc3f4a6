"""The exports, each read back with its real parser: TimelineJS JSON, ClaimReview JSON-LD, iCalendar."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from html.parser import HTMLParser

import icalendar
import pytest
from builders import chromium
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline import cli
from llmtimeline.views.claimreview import RATING_SCALE, RATINGS, script_json
from llmtimeline.views.exports import ics, timelinejs
from llmtimeline.views.links import plain_media_url

AS_OF = "2024-05-01"


@pytest.fixture(scope="module")
def tl() -> lt.Timeline:
    return lt.load()


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_timelinejs_has_its_documented_events(tmp_path, tl):
    path = tmp_path / "t.json"
    tl.export("timelinejs", path, as_of=AS_OF)
    data = read_json(path)
    assert set(data) == {"title", "events"} and data["title"]["text"]["headline"]
    slides = {s["unique_id"]: s for s in data["events"]}
    report = tl.check(as_of=AS_OF)
    known_events = [i for i, t, d in zip(tl.cells["id"], tl.cells["type"], tl.typed["latest"], strict=True)
                    if t == "event" and d <= 19844]  # 2024-05-01
    assert set(slides) == set(known_events) | set(report["id"])  # every known event and every claim
    release = slides["llama-3-release"]
    assert release["start_date"] == {"year": 2024, "month": 4, "day": 18}
    assert release["group"] == "Meta"
    assert release["text"]["headline"] == "Meta releases Llama 3 in 8B and 70B sizes (pretrained and instruct)"
    assert release["media"]["url"] == "https://ai.meta.com/blog/meta-llama-3/"
    clegg = slides["clegg-llama3-within-a-month"]
    assert clegg["start_date"] == {"year": 2024, "month": 4, "day": 9}
    assert clegg["end_date"] == {"year": 2024, "month": 5, "day": 9}  # the deadline
    assert clegg["text"]["headline"] == "Nick Clegg: d&#39;ici un mois, voire moins"
    assert '<blockquote lang="fr">D’ici un mois, voire moins' in clegg["text"]["text"]
    assert "<strong>fulfilled</strong> (21 days early)" in clegg["text"]["text"]
    assert "media" not in clegg  # its source is a file name, not a link
    assert slides["falcon-40b-release"]["start_date"] == {"year": 2023, "month": 5}  # as precise as the date


def test_timelinejs_escapes_html_in_values(tmp_path):
    tl = lt.Timeline([lt.Event(id="e", date="2024-01-02", actor="<b>Acme</b>", kind="release", subject="x",
                               title="<img src=x onerror=alert(1)>", source="s")])
    path = tmp_path / "t.json"
    tl.export("timelinejs", path, as_of="2024-03-01")
    (slide,) = read_json(path)["events"]
    assert slide["text"]["text"] == "<p>&lt;img src=x onerror=alert(1)&gt;</p>"
    assert "media" not in slide


def test_claimreview_one_per_claim_with_a_verdict(tmp_path, tl):
    path = tmp_path / "c.jsonld"
    tl.export("claimreview", path, as_of=AS_OF, base_url="https://example.org/ai", publisher="Example News",
              publisher_url="https://example.org/")
    reviews = read_json(path)
    report = tl.check(as_of=AS_OF)
    judged = report[report["status"].astype(str).isin(RATINGS)]
    assert len(reviews) == len(judged) and 0 < len(judged) < len(report)  # no pending, unverified, undetermined
    assert {r["@type"] for r in reviews} == {"ClaimReview"} and {r["@context"] for r in reviews} == {"https://schema.org"}
    by_id = {r["url"].removeprefix("https://example.org/ai/claims/").removesuffix(".html"): r for r in reviews}
    assert set(by_id) == set(judged["id"])
    clegg = by_id["clegg-llama3-within-a-month"]
    assert clegg["claimReviewed"] == "Clegg: Meta hopes to start rolling out Llama 3 within a month, or less"
    assert clegg["datePublished"] == AS_OF
    assert clegg["author"] == {"@type": "Organization", "name": "Example News", "url": "https://example.org/"}
    claim = clegg["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["datePublished"] == "2024-04-09"
    assert claim["author"] == {"@type": "Person", "name": "Nick Clegg",
                               "affiliation": {"@type": "Organization", "name": "Meta"}}
    assert claim["inLanguage"] == "fr" and claim["text"].startswith("D’ici un mois")
    assert "appearance" not in claim  # its source is a file name with no address: no outlet to name
    worst, best = RATING_SCALE
    assert clegg["reviewRating"] == {"@type": "Rating", "ratingValue": 5, "bestRating": best, "worstRating": worst,
                                     "alternateName": "fulfilled", "ratingExplanation": clegg["reviewRating"]["ratingExplanation"]}
    assert {r["reviewRating"]["alternateName"] for r in reviews} <= set(RATINGS)
    press = [r for r in reviews if r["itemReviewed"]["author"]["name"] == "Press"]
    assert press and press[0]["itemReviewed"]["author"]["@type"] == "Organization"  # no speaker: the organisation
    text = path.read_text(encoding="utf-8")
    assert not {"<", ">", "&"} & set(text)  # it can sit in a <script>


def test_claimreview_without_a_base_url_links_the_pages_relatively(tmp_path, tl):
    reviews = json.loads(_export(tl, tmp_path, "claimreview", AS_OF))
    assert all(r["url"].startswith("claims/") and "author" not in r for r in reviews)
    with pytest.raises(lt.Error, match="for `base_url`"):
        tl.export("claimreview", tmp_path / "x", as_of=AS_OF, base_url="/relative/")


def test_ics_holds_the_open_deadlines(tmp_path, tl):
    path = tmp_path / "d.ics"
    tl.export("ics", path, as_of="2024-04-10")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    report = tl.check(as_of="2024-04-10")
    pending = report[(report["type"] == "prediction") & (report["status"] == "pending") & report["deadline"].notna()]
    assert set(events) == {f"{i}@llmtimeline" for i in pending["id"]}
    clegg = events["clegg-llama3-within-a-month@llmtimeline"]
    assert clegg.decoded("dtstart") == dt.date(2024, 5, 9)  # an all-day event on the deadline
    assert clegg.decoded("dtend") == dt.date(2024, 5, 10)
    assert str(clegg["summary"]) == "Deadline: Clegg: Meta hopes to start rolling out Llama 3 within a month, or less"
    description = str(clegg["description"])
    assert "Nick Clegg said on 2024-04-09: d'ici un mois, voire moins" in description
    assert "Quote (fr): D’ici un mois, voire moins, nous espérons" in description
    later = icalendar.Calendar.from_ical(_export(tl, tmp_path, "ics", "2024-05-01"))
    assert "clegg-llama3-within-a-month@llmtimeline" not in {str(e["uid"]) for e in later.walk("VEVENT")}  # settled


def _export(tl, tmp_path, fmt, as_of):
    path = tmp_path / f"x.{fmt}"
    tl.export(fmt, path, as_of=as_of)
    return path.read_bytes()


def test_an_unknown_format_is_refused():
    with pytest.raises(lt.Error, match="Could not interpret value `csv` for `format`: expected one of timelinejs, "
                                       "claimreview, ics"):
        lt.load().export("csv", "x.csv")


@pytest.mark.parametrize(("fmt", "default"), [("timelinejs", "timelinejs.json"), ("claimreview", "claimreview.jsonld"),
                                              ("ics", "ics.ics")])
def test_cli_export(tmp_path, capsys, monkeypatch, fmt, default):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["export", "--format", fmt, "--as-of", AS_OF]) == 0
    assert capsys.readouterr().err.strip() == f"wrote {default}"  # a status message: standard error
    assert (tmp_path / default).stat().st_size > 100
    out = tmp_path / "named"
    assert cli.main(["export", "--format", fmt, "-o", str(out)]) == 0
    assert out.exists()


def test_cli_export_claimreview_takes_the_publishing_options(tmp_path, capsys):
    out = tmp_path / "cr.json"
    assert cli.main(["export", "--format", "claimreview", "--as-of", AS_OF, "--base-url", "https://example.org/ai/",
                     "--publisher", "Example News", "--publisher-url", "https://example.org/", "-o", str(out)]) == 0
    reviews = read_json(out)
    assert reviews and all(r["url"].startswith("https://example.org/ai/claims/") for r in reviews)
    assert {r["author"]["name"] for r in reviews} == {"Example News"}
    assert cli.main(["export", "--format", "claimreview", "--base-url", "/relative/", "-o", str(out)]) == 2  # a bad value
    assert capsys.readouterr().err.strip().splitlines()[-1].count("base_url") == 1  # one line naming the option


def test_cli_export_failures_are_one_line(tmp_path, capsys):
    assert cli.main(["export", "--format", "ics", "-o", str(tmp_path / "no" / "x.ics")]) == 1  # a file problem
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot save" in err


# -- read back by their consumers: TimelineJS's HTML, a JSON-LD <script>, an iCalendar parser ---------------
HOSTILE = [
    "<img src=x onerror=window.__ran=1>", "</script><script>window.__ran=1</script>", "<!--", "-->", "]]>",
    "a & b &amp; &lt;c&gt;", "\"quoted\" 'single'", "\u2028line\u2029para", "<iframe src=https://x.org>", "\\N \\n \\, \\;",
    "<svg onload=window.__ran=1>", "javascript:window.__ran=1",
]
_ALLOWED_TAGS = {"p", "blockquote", "strong"}  # the only markup the export itself writes
_one_line = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30)
_hostile = st.one_of(_one_line, st.sampled_from([h for h in HOSTILE if "\u2028" not in h]),
                     st.builds(lambda a, b: a + b, st.sampled_from(["<", ">", "&", "\"", "'", "<b>", "&lt;"]), _one_line))


class _Markup(HTMLParser):
    """The tags an HTML fragment makes and the text it shows (TimelineJS sets these fields as innerHTML)."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.shown: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.shown.append(data)

    def handle_comment(self, data):
        self.tags.append("!--")

    @property
    def text(self) -> str:
        return "".join(self.shown)


def _hostile_records(actor: str, title: str, quote: str, source: str, url: str, n: int = 1) -> list[lt.Event | lt.Claim]:
    """An event and the prediction it settles (ids ``e{n}`` and ``c{n}``, subject ``x{n}``), from hostile text."""
    return [
        lt.Event(id=f"e{n}", date="2024-02-01", actor=actor, kind="release", subject=f"x{n}", title=title,
                 source=lt.Source(source, url=url)),
        lt.Claim(id=f"c{n}", type="prediction", date="2024-01-02", actor=actor, speaker=actor, title=title,
                 expects=f"release x{n}", deadline="within a year", quote=quote, lang="en",
                 source=lt.Source(source, url=url)),
    ]


def _hostile_timeline(actor: str, title: str, quote: str, source: str, url: str) -> lt.Timeline:
    return lt.Timeline(_hostile_records(actor, title, quote, source, url))


def _valid(cases: list[tuple], records: Callable[..., list[lt.Event | lt.Claim]]) -> dict[int, tuple]:
    """The cases whose records build, by number (a text the records refuse is no export case)."""
    valid = {}
    for n, case in enumerate(cases):
        try:
            records(*case, n=n)
        except lt.Error:
            continue
        valid[n] = case
    assume(valid)
    return valid


_hostile_case = st.tuples(_hostile, _hostile, _hostile, _hostile,  # actor, title, quote, source, url
                          st.sampled_from(["https://example.org/a", "https://example.org/iframe", "https://x.org/<iframe>",
                                           "https://www.youtube.com/embed/x", "javascript:alert(1)",
                                           "https://x.org/?a=\"b\"", ""]))


# Each example is one timeline of three to six cases, each an event and its prediction: one check serves them all
# (the check, not the text, is what an example costs), so 20 examples try at least 60 cases.
@settings(max_examples=20)
@given(cases=st.lists(_hostile_case, min_size=3, max_size=6))
def test_timelinejs_fields_show_the_text_and_make_no_markup_of_it(cases):
    valid = _valid(cases, _hostile_records)
    tl = lt.Timeline([r for n, case in valid.items() for r in _hostile_records(*case, n=n)])
    data = timelinejs(tl, as_of="2024-06-01")
    assert {slide["unique_id"] for slide in data["events"]} == {f"{k}{n}" for n in valid for k in "ec"}
    for slide in data["events"]:
        actor, title, quote, _, _ = valid[int(slide["unique_id"][1:])]
        group = _Markup(slide["group"])
        assert group.tags == [] and group.text == actor
        headline = _Markup(slide["text"]["headline"])
        assert headline.tags == []
        body = _Markup(slide["text"]["text"])
        assert set(body.tags) <= _ALLOWED_TAGS
        assert title in body.text
        if slide["unique_id"].startswith("c"):
            assert quote in body.text and body.tags.count("blockquote") == 1
        media = slide.get("media")
        if media:
            assert media["url"] == plain_media_url(media["url"]) != ""
            assert "iframe" not in media["url"].lower() and "embed" not in media["url"].lower()
            assert _Markup(media["caption"]).tags == []


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12))
def test_script_json_reads_back_and_cannot_end_its_script(data):
    text = script_json(data)
    assert json.loads(text) == data
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


def _ics_claim(quote: str, title: str, n: int = 1) -> list[lt.Event | lt.Claim]:
    return [lt.Claim(id=f"p{n}", type="prediction", date="2024-01-02", actor="Acme", title=title, expects="release x",
                     deadline="within a year", quote=quote, lang="en", source="s")]


_ics_quote = st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f", min_codepoint=32),
                              min_size=1, max_size=8) | st.sampled_from(["\n", "\\N", "\\n", "\\", ";", ",", "\\,"]),
                      min_size=1, max_size=8).map("".join)


# As above: one timeline of three to six claims per example, so 20 examples read back at least 60 quotes.
@settings(max_examples=20)
@given(cases=st.lists(st.tuples(_ics_quote, _one_line), min_size=3, max_size=6))
def test_ics_text_reads_back_as_written(cases):
    valid = _valid(cases, _ics_claim)
    tl = lt.Timeline([r for n, case in valid.items() for r in _ics_claim(*case, n=n)])
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(ics(tl, as_of="2024-02-01")).walk("VEVENT")}
    assert set(events) == {f"p{n}@llmtimeline" for n in valid}
    for n, (quote, title) in valid.items():
        event = events[f"p{n}@llmtimeline"]
        assert str(event["summary"]) == f"Deadline: {title}"
        assert f"Quote (en): {quote}\nExpects: release x" in str(event["description"])


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_the_browser_reads_json_ld_back_as_written_and_runs_nothing(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium()
    data = [{"@type": "ClaimReview", "claimReviewed": h, "nested": {"text": h * 2}} for h in HOSTILE]
    tl = _hostile_timeline("<b>Acme</b> & co", HOSTILE[0], HOSTILE[1], HOSTILE[8], "https://x.org/iframe")
    slides = timelinejs(tl, as_of="2024-06-01")["events"]
    fields = [f for s in slides for f in (s["group"], s["text"]["headline"], s["text"]["text"])]
    page_html = ("<!DOCTYPE html><html><head><title>t</title>"
                 f'<script type="application/ld+json" id="ld">{script_json(data)}</script></head>'
                 '<body><div id="box"></div></body></html>')
    path = tmp_path / "page.html"
    path.write_text(page_html, encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            assert page.evaluate("JSON.parse(document.getElementById('ld').textContent)") == data
            assert page.evaluate("document.scripts.length") == 1  # nothing broke out of the element
            for field in fields:  # as TimelineJS 3 shows group, headline and text: innerHTML
                tags = page.evaluate("""html => { const box = document.getElementById('box'); box.innerHTML = html;
                    return Array.from(box.querySelectorAll('*')).map(e => e.tagName.toLowerCase()); }""", field)
                assert set(tags) <= _ALLOWED_TAGS, field
            page.wait_for_timeout(200)  # an onerror would have fired by now
            assert page.evaluate("window.__ran") is None
        finally:
            browser.close()
