"""The exports, each read back with its real parser: TimelineJS JSON, ClaimReview JSON-LD, iCalendar."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest

import llmtimeline as lt
from llmtimeline import cli

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


def test_claimreview_one_per_checked_claim(tmp_path, tl):
    path = tmp_path / "c.jsonld"
    tl.export("claimreview", path, as_of=AS_OF)
    reviews = read_json(path)
    report = tl.check(as_of=AS_OF)
    assert len(reviews) == len(report)
    assert {r["@type"] for r in reviews} == {"ClaimReview"} and {r["@context"] for r in reviews} == {"https://schema.org"}
    by_id = {r["url"].split("#claim-")[1]: r for r in reviews}
    assert set(by_id) == set(report["id"])
    clegg = by_id["clegg-llama3-within-a-month"]
    assert clegg["url"] == "report.html#claim-clegg-llama3-within-a-month"  # the claim's row on the page
    assert clegg["claimReviewed"] == "Clegg: Meta hopes to start rolling out Llama 3 within a month, or less"
    assert clegg["datePublished"] == AS_OF
    claim = clegg["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["datePublished"] == "2024-04-09"
    assert claim["author"] == {"@type": "Person", "name": "Nick Clegg",
                               "affiliation": {"@type": "Organization", "name": "Meta"}}
    assert claim["inLanguage"] == "fr" and claim["text"].startswith("D’ici un mois")
    assert clegg["reviewRating"]["@type"] == "Rating" and clegg["reviewRating"]["alternateName"] == "fulfilled"
    statuses = {r["reviewRating"]["alternateName"] for r in reviews}
    assert statuses <= set(lt.STATUSES) and {"fulfilled", "pending"} <= statuses
    press = [r for r in reviews if r["itemReviewed"]["author"]["name"] == "Press"]
    assert press and press[0]["itemReviewed"]["author"]["@type"] == "Organization"  # no speaker: the organisation


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


def test_cli_export_failures_are_one_line(tmp_path, capsys):
    assert cli.main(["export", "--format", "ics", "-o", str(tmp_path / "no" / "x.ics")]) == 1  # a file problem
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot save" in err
