"""Notebook views: the Timeline's HTML summary and the check report styled by status."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

import llmtimeline as lt
from llmtimeline.check.report import Report as CheckReport
from llmtimeline.check.report import status_style
from llmtimeline.views.display import timeline_html
from llmtimeline.views.palette import STATUS_COLOURS


def _records(actor: str = "Meta") -> list:
    return [
        lt.Event(id="llama-3-release", date="2024-04-18", actor=actor, kind="release", subject="llama-3",
                 title="Meta releases Llama 3", source="Meta AI blog", facts="params=8e9,70e9"),
        lt.Event(id="gpt-4-release", date="2023-03", actor="OpenAI", kind="release", subject="gpt-4",
                 title="GPT-4", source="OpenAI blog"),
        lt.Claim(id="clegg", type="prediction", date="2024-04-09", actor=actor, speaker="Nick Clegg",
                 title="Llama 3 within a month", source="TechCrunch", expects="release llama-3",
                 deadline="within a month"),
        lt.Claim(id="never", type="prediction", date="2024-01-01", actor="Press", title="no GPT-5 this year",
                 source="TechCrunch", expects="release gpt-5", deadline="by the end of the year"),
        lt.Claim(id="params", type="statement", date="2024-04-20", actor="Press", title="Llama 3 has 140B",
                 source="Le Monde", subject="llama-3", facts="params=140e9"),
    ]


def _summary(html: str) -> dict[str, str]:
    return dict(re.findall(r"<th[^>]*>([^<]+)</th><td[^>]*>(.*?)</td>", html))


def test_timeline_summary_counts_dates_sources_and_actors():
    tl = lt.Timeline(_records())
    rows = _summary(timeline_html(tl))
    assert (rows["records"], rows["events"], rows["predictions"], rows["statements"]) == ("5", "2", "2", "1")
    assert rows["dates"] == "2023-03-01 to 2024-04-20"  # "2023-03" starts on the 1st
    assert rows["sources"] == "4"
    assert rows["actors"] == "3: Meta (2), Press (2), OpenAI (1)"


def test_the_timeline_shows_its_summary_in_jupyter():
    tl = lt.load()
    assert tl._repr_html_() == timeline_html(tl)
    rows = _summary(tl._repr_html_())
    assert int(rows["events"]) == len(tl.events) and int(rows["records"]) == len(tl)
    assert rows["actors"].split(":")[0] == str(len(tl.actors))


def test_the_summary_escapes_text_and_handles_an_empty_timeline():
    html = timeline_html(lt.Timeline(_records(actor="<script>x</script>")))
    assert "<script>" not in html and "&lt;script&gt;" in html
    rows = _summary(timeline_html(lt.Timeline([])))
    assert rows == {"records": "0", "events": "0", "predictions": "0", "statements": "0"}


def test_check_returns_a_check_report_that_keeps_as_of():
    report = lt.load().check(as_of="2024-05-01")
    assert isinstance(report, CheckReport) and isinstance(report, pd.DataFrame)
    assert report.attrs["as_of"] == "2024-05-01"
    part = report[report["status"] == "fulfilled"].head(3)
    assert isinstance(part, CheckReport) and part.attrs["as_of"] == "2024-05-01"
    assert isinstance(report["status"], pd.Series) and not isinstance(report["status"], CheckReport)
    assert CheckReport(report).attrs == {"as_of": "2024-05-01"}


def _status_cells(html: str) -> list[tuple[str, str]]:
    """(status text, background colour) of every cell of the status column."""
    css: dict[str, str] = {}
    style = html.split("</style>")[0].split(">", 1)[1]  # the rules inside <style ...>
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", style):
        colour = re.search(r"background-color:\s*(#[0-9A-Fa-f]{6})", body)
        for selector in selectors.split(","):
            if colour:
                css[selector.strip().lstrip("#")] = colour.group(1).upper()
    header = re.findall(r'<th id="[^"]*_level0_col(\d+)"[^>]*>([^<]*)</th>', html)
    column = next(i for i, name in header if name == "status")
    cells = re.findall(rf'<td id="([^"]*_col{column})"[^>]*>([^<]*)</td>', html)
    return [(text.split()[-1], css.get(cell_id, "")) for cell_id, text in cells]


def test_the_check_report_colours_each_status_cell_from_the_palette():
    report = lt.load().check(as_of="2024-04-10")
    cells = _status_cells(report._repr_html_())
    assert [status for status, _ in cells] == report["status"].tolist()
    assert all(colour == STATUS_COLOURS[status] for status, colour in cells)
    assert {"pending", "contradicted", "confirmed"} <= {status for status, _ in cells}


def test_the_check_report_shows_dates_as_days_and_empty_cells_blank():
    report = lt.load().check(as_of="2024-05-01")
    html = report._repr_html_()
    assert "<caption>Check as of 2024-05-01</caption>" in html
    assert ">2024-05-09<" in html  # the deadline of "within a month", said 2024-04-09
    assert not re.search(r">\s*(nan|NaN|NaT|&lt;NA&gt;)\s*<", html)


def test_a_long_report_shows_its_first_and_last_rows():
    report = lt.load().check(as_of="2025-01-01")
    with pd.option_context("display.max_rows", 10):
        html = report._repr_html_()
    assert f"10 of {len(report)} claims shown" in html
    assert len(_status_cells(html)) == 10


def test_text_in_the_report_is_escaped():
    report = CheckReport(pd.DataFrame({"title": ["<b>x</b> & y"], "status": ["late"]}))
    html = report._repr_html_()
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html and "<b>x</b>" not in html
    assert _status_cells(html) == [("late", STATUS_COLOURS["late"])]


@pytest.mark.parametrize("status", sorted(STATUS_COLOURS))
def test_status_style_uses_the_palette_with_readable_text(status):
    style = status_style(status)
    assert style.startswith(f"background-color: {STATUS_COLOURS[status]}; color: #")
    assert status_style("nonsense") == ""


@pytest.mark.slow  # a Python process of its own
def test_display_does_not_import_matplotlib():
    code = "import sys, llmtimeline as lt; lt.load().check()._repr_html_(); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
