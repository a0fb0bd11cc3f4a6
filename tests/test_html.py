"""The web page (the site's index in one file), opened in headless Chromium: what a reader sees (the Clegg
verdict in French, links, rendered charts), no console error and no request leaving the file; and its escaping."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # reads the page's screenshot
import numpy as np
import pytest
from builders import chromium

import llmtimeline as lt
from llmtimeline.views.html import is_web_link, render_html

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AS_OF = "2024-05-01"
# one worker opens the browser once for every test that reads the page (pytest-xdist, --dist loadgroup)
pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    """The report page of the bundled data, opened in Chromium; with what it logged and requested."""
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra installs playwright")
    path = tmp_path_factory.mktemp("html") / "report.html"
    lt.load().to_html(path, as_of=AS_OF)
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            tempfile.mkdtemp(dir=tmp_path_factory.getbasetemp()), executable_path=executable, args=CHROMIUM_ARGS,
            viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        console, requests, errors = [], [], []
        page.on("console", lambda m: console.append((m.type, m.text)))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        shot = path.with_suffix(".png")
        page.screenshot(path=str(shot), full_page=True)
        yield {"page": page, "console": console, "requests": requests, "errors": errors, "shot": shot, "path": path}
        context.close()


@pytest.mark.slow
def test_the_clegg_verdict_reads_in_french_with_its_reason_and_source(browser_page):
    page = browser_page["page"]
    row = page.locator("#claim-clegg-llama3-within-a-month")
    assert row.locator("q[lang=fr]").inner_text() == "d'ici un mois, voire moins"
    quote = row.locator("blockquote[lang=fr]").inner_text()
    assert quote.startswith("D’ici un mois, voire moins, nous espérons")
    assert " ".join(row.locator(".status").inner_text().split()) == "✓ fulfilled"  # the status by its word and mark, not colour alone
    assert "21 days early" in row.inner_text() and "21 days before the deadline" in row.inner_text()
    colour = row.locator(".status").evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(0, 122, 90)"  # and by the palette's colour


@pytest.mark.slow
def test_links_stay_on_the_page(browser_page):
    page = browser_page["page"]
    hrefs = page.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("#") for h in hrefs)  # one file: no link to a page of a site
    for href in hrefs:
        assert page.locator(f"[id='{href[1:]}']").count() == 1, href


@pytest.mark.slow
def test_both_charts_are_rendered_and_the_page_is_not_blank(browser_page):
    page = browser_page["page"]
    for name in ("events", "predictions"):
        box = page.locator(f"#chart-{name} .chart-wide svg").bounding_box()
        assert box and box["width"] > 800 and box["height"] > 200, name
    image = matplotlib.image.imread(browser_page["shot"])
    pixels = image[..., :3].reshape(-1, 3)
    assert pixels.std() > 0.05  # not one colour
    status_green = np.all(np.abs(pixels - np.array([0, 122, 90]) / 255) < 0.02, axis=1)
    assert status_green.sum() > 500  # the green of "fulfilled", in the charts and the scorecard


@pytest.mark.slow
def test_no_console_error_and_no_request_leaves_the_file(browser_page):
    assert browser_page["errors"] == []
    assert [m for m in browser_page["console"] if m[0] in ("error", "warning")] == []
    assert browser_page["requests"] == [browser_page["path"].as_uri()]


@pytest.mark.slow
def test_the_search_box_narrows_the_list(browser_page):
    page = browser_page["page"]
    page.fill("#search", "clegg")
    assert page.locator("#claims > .card:visible").count() == 2
    page.fill("#search", "")
    assert page.locator("#claims > .card:visible").count() == page.locator("#claims > .card").count()


# -- without a browser ----------------------------------------------------------------------------------------


def test_the_page_reads_without_javascript():
    page = render_html(lt.load(), AS_OF, charts=False)
    body = page.split("<script>")[0]
    assert "clegg-llama3-within-a-month" in body and "d&#39;ici un mois, voire moins" in body
    assert len(re.findall(r'<li class="card"', body)) == len(lt.load().check(as_of=AS_OF))  # every claim
    assert '<div class="tools" id="tools" hidden>' in body  # the search box only appears with JavaScript
    assert "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'" in page


def test_every_value_is_escaped_and_only_http_links_are_made(tmp_path):
    nasty = "<script>alert(1)</script> & \"quotes\""
    tl = lt.Timeline([
        lt.Event(id="e", date="2024-01-02", actor=nasty, kind="release", subject="x", title=nasty, source="s"),
        lt.Claim(id="p", type="prediction", date="2024-01-01", actor=nasty, title=nasty, expects="release x",
                 deadline="within a month", source="javascript:alert(1)", quote=nasty, lang="en"),
    ])
    path = tmp_path / "x.html"
    tl.to_html(path, as_of="2024-03-01")
    page = path.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
    assert 'href="javascript' not in page
    assert page.count("<script") == 1  # the page's own filter script only


@pytest.mark.parametrize(("url", "ok"), [
    ("https://ai.meta.com/blog/meta-llama-3/", True), ("http://example.org", True), ("javascript:alert(1)", False),
    ("data:text/html,x", False), ("ftp://example.org/x", False), ("https://", False), ("//example.org", False),
    ("https://exa mple.org", False), ("", False), (None, False),
])
def test_is_web_link(url, ok):
    assert is_web_link(url) is ok


def test_to_html_names_a_file_it_cannot_write(tmp_path):
    with pytest.raises(lt.Error, match=r"cannot save .*missing"):
        lt.load().to_html(tmp_path / "missing" / "x.html", charts=False)


def test_the_templates_ship_in_the_package():
    assert (Path(lt.__file__).parent / "templates" / "scorecard.html.j2").is_file()
    assert (Path(lt.__file__).parent / "views" / "site" / "templates" / "index.html.j2").is_file()


def test_the_scorecard_lists_predictions_first_then_statements():
    from llmtimeline.views.html import scorecard_html

    page = scorecard_html(lt.load(), as_of=AS_OF)
    ids = re.findall(r'<tr id="claim-([^"]+)"', page)
    types = dict(zip(lt.load().cells["id"], lt.load().cells["type"], strict=True))
    kinds = [types[i] for i in ids]
    assert kinds == sorted(kinds, key=lambda k: k != "prediction") and kinds[0] == "prediction"
    assert len(ids) == len(lt.load().check(as_of=AS_OF))
