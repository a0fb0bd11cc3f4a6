"""The plots: what a figure contains (spans, colours, links, the as-of line, labels), on a
small hand-made timeline, the bundled data and a 2,000-record synthetic one; two reference
images; and the CLI's plot files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.testing.compare import compare_images

import llmtimeline as lt
from llmtimeline import cli
from llmtimeline.palette import STATUS_COLOURS
from llmtimeline.schema import COLUMNS

BASELINE = Path(__file__).parent / "baseline"
AS_OF = "2024-08-01"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- a small timeline with one prediction of each outcome ---------------------------------------


def _event(id, date, actor, kind, subject, facts=""):
    return lt.Event(id=id, date=date, actor=actor, kind=kind, subject=subject, title=f"{actor} {kind} {subject}",
                    source="test", facts=facts)


def _prediction(id, date, actor, expects, deadline=""):
    return lt.Claim(id=id, type="prediction", date=date, actor=actor, title=id, source="test", expects=expects,
                    deadline=deadline)


def _statement(id, date, actor, subject, facts):
    return lt.Claim(id=id, type="statement", date=date, actor=actor, title=id, source="test", subject=subject,
                    facts=facts)


def small_timeline() -> lt.Timeline:
    """Four actors; fulfilled, late, missed, pending (open), contradicted predictions; two statements."""
    return lt.Timeline([
        _event("alpha-release", "2024-03-01", "Acme", "release", "alpha", "params=7e9"),
        _event("beta-release", "2024-06-20", "Acme", "release", "beta", "params=2e9"),
        _event("gamma-announcement", "2024-05", "Bolt", "announcement", "gamma"),
        _event("delta-release", "2024-02-10", "Bolt", "release", "delta"),
        _event("acme-corp-partnership", "2024-04-15", "Corp", "partnership", "acme-corp"),
        _prediction("alpha-within-a-month", "2024-02-05", "Acme", "release alpha", "within a month"),
        _prediction("beta-within-a-month", "2024-04-01", "Acme", "release beta", "within a month"),
        _prediction("omega-this-quarter", "2024-01-15", "Bolt", "release omega", "by the end of the quarter"),
        _prediction("no-delta", "2024-01-05", "Bolt", "not release delta"),
        _prediction("zeta-soon", "2024-03-10", "Corp", "release zeta", "soon"),
        _prediction("gamma-some-day", "2024-01-20", "Press", "announcement gamma"),
        _prediction("partnership-this-year", "2024-03-20", "Press", "partnership acme-corp", "by the end of the year"),
        _statement("alpha-is-7b", "2024-03-05", "Press", "alpha", "params=7e9"),
        _statement("beta-is-1b", "2024-07-01", "Press", "beta", "params=1e9"),
    ])


EXPECTED = {  # the checker's verdicts as of AS_OF, which the figure must show
    "alpha-within-a-month": "fulfilled", "beta-within-a-month": "late", "omega-this-quarter": "missed",
    "no-delta": "contradicted", "zeta-soon": "pending", "gamma-some-day": "fulfilled",
    "partnership-this-year": "fulfilled",
}


def day(text: str) -> float:
    return float(mdates.date2num(np.datetime64(text)))


def gid_artists(ax, prefix: str) -> list:
    return [a for a in ax.get_children() if (a.get_gid() or "").startswith(prefix)]


def one(ax, gid: str):
    found = [a for a in ax.get_children() if a.get_gid() == gid]
    assert len(found) == 1, f"expected one artist with gid {gid!r}, found {len(found)}"
    return found[0]


def spans(ax) -> pd.DataFrame:
    """Every prediction span drawn: status, open or not, x from/to (date numbers), y from/to."""
    rows = []
    for collection in gid_artists(ax, "spans-") + gid_artists(ax, "open-spans-"):
        gid = collection.get_gid()
        for path in collection.get_paths():
            v = path.vertices
            rows.append({"status": gid.split("spans-")[1], "open": gid.startswith("open-"), "x0": v[:, 0].min(),
                         "x1": v[:, 0].max(), "y0": v[:, 1].min(), "y1": v[:, 1].max()})
    return pd.DataFrame(rows, columns=["status", "open", "x0", "x1", "y0", "y1"])


def find_span(ax, start: str, end: str) -> pd.Series:
    s = spans(ax)
    hit = s[np.isclose(s["x0"], day(start)) & np.isclose(s["x1"], day(end))]
    assert len(hit) == 1, f"expected one span {start} to {end}, found {len(hit)}:\n{s}"
    return hit.iloc[0]


def test_the_checker_agrees_with_the_small_timeline():
    report = small_timeline().check(as_of=AS_OF).set_index("id")
    assert {k: report.loc[k, "status"] for k in EXPECTED} == EXPECTED


def test_a_span_per_prediction_coloured_by_its_status():
    ax = small_timeline().plot(as_of=AS_OF)
    s = spans(ax)
    assert len(s) == len(EXPECTED)
    assert s["status"].value_counts().to_dict() == pd.Series(EXPECTED).value_counts().to_dict()
    for collection in gid_artists(ax, "spans-") + gid_artists(ax, "open-spans-"):
        status = collection.get_gid().split("spans-")[1]
        colours = collection.get_edgecolor() if collection.get_gid().startswith("open-") else collection.get_facecolor()
        assert {to_hex(c) for c in colours} == {STATUS_COLOURS[status].lower()}, collection.get_gid()


def test_a_span_runs_from_the_day_said_to_the_deadline():
    ax = small_timeline().plot(as_of=AS_OF)
    assert find_span(ax, "2024-02-05", "2024-03-05")["status"] == "fulfilled"  # "within a month"
    assert find_span(ax, "2024-04-01", "2024-05-01")["status"] == "late"
    assert find_span(ax, "2024-01-15", "2024-03-31")["status"] == "missed"  # "by the end of the quarter"
    assert find_span(ax, "2024-03-20", "2024-12-31")["status"] == "fulfilled"  # "by the end of the year"


def test_a_prediction_without_a_deadline_runs_to_its_event_or_to_the_as_of_day_in_its_own_style():
    ax = small_timeline().plot(as_of=AS_OF)
    soon = find_span(ax, "2024-03-10", AS_OF)  # "soon", nothing yet: open to the as-of day
    assert (soon["status"], soon["open"]) == ("pending", True)
    gamma = find_span(ax, "2024-01-20", "2024-05-31")  # no deadline; settled by an event dated 2024-05
    assert (gamma["status"], gamma["open"]) == ("fulfilled", True)
    assert not find_span(ax, "2024-02-05", "2024-03-05")["open"]


def test_the_as_of_line_is_at_the_as_of_day():
    ax = small_timeline().plot(as_of=AS_OF)
    line = one(ax, "as-of")
    assert set(np.asarray(line.get_xdata(), dtype=float)) == {day(AS_OF)}
    assert f"as of {AS_OF}" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_the_legend_names_the_statuses_shown_in_their_colours():
    ax = small_timeline().plot(as_of=AS_OF)
    legend = ax.get_legend()
    entries = {t.get_text(): h for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)}
    for status in ("fulfilled", "late", "missed", "pending", "contradicted"):
        assert to_hex(entries[status].get_facecolor()) == STATUS_COLOURS[status].lower()
    assert "undetermined" not in entries  # none to show


def test_links_go_from_each_settled_prediction_to_its_event():
    tl = small_timeline()
    ax = tl.plot(as_of=AS_OF)
    segments = one(ax, "links").get_segments()
    report = tl.check(as_of=AS_OF)
    settled = report[(report["type"] == "prediction") & report["event_id"].notna()]
    assert len(segments) == len(settled) == 5
    events = one(ax, "events").get_offsets()
    markers = {(round(float(x), 6), round(float(y), 6)) for x, y in events}
    s = spans(ax)
    for segment in segments:
        (x0, y0), (x1, y1) = segment
        assert x0 == x1  # vertical, at the event's date
        assert (round(x1, 6), round(y1, 6)) in markers  # ends on the event's marker
        assert ((s["y0"] <= y0) & (y0 <= s["y1"])).any()  # starts on a span
    # the late one: a whisker from its deadline to the event, on its span's row
    late = find_span(ax, "2024-04-01", "2024-05-01")
    ((wx0, wy0), (wx1, _)), = one(ax, "late-whiskers").get_segments()
    assert (wx0, wx1) == (day("2024-05-01"), day("2024-06-20"))
    assert late["y0"] <= wy0 <= late["y1"]


def test_the_link_of_the_clegg_prediction_on_the_bundled_data():
    tl = lt.load()
    ax = tl.plot(as_of="2024-05-01", since="2024-01", until="2024-06")
    x = day("2024-04-18")  # Llama 3's release settled "within a month", said 2024-04-09
    assert any(np.allclose(seg[:, 0], x) for seg in one(ax, "links").get_segments())
    assert find_span(ax, "2024-04-09", "2024-05-09")["status"] == "fulfilled"


def test_as_of_2024_04_10_shows_clegg_pending_and_nothing_later():
    tl = lt.load()
    ax = tl.plot(as_of="2024-04-10")
    assert find_span(ax, "2024-04-09", "2024-05-09")["status"] == "pending"
    xs = one(ax, "events").get_offsets()[:, 0]
    assert xs.max() <= day("2024-04-10")  # Llama 3 (2024-04-18) was not known yet


def test_lanes_one_per_actor_busiest_first():
    ax = small_timeline().plot(as_of=AS_OF)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Acme", "Bolt", "Press", "Corp"]
    ax = small_timeline().plot(as_of=AS_OF, max_lanes=3)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Acme", "Bolt", "other (2 actors)"]


def test_focus_on_actors_and_a_period():
    ax = small_timeline().plot(as_of=AS_OF, actors=["Press", "Acme"], since="2024-03", until="2024-04")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Press", "Acme"]
    assert ax.get_xlim() == (day("2024-03-01"), day("2024-05-01"))
    s = spans(ax)
    assert len(s) == 4  # alpha, beta (Acme), partnership, gamma (Press): the others are outside
    with pytest.raises(lt.Error, match="Could not interpret value `Nobody` for `actors`"):
        small_timeline().plot(actors=["Nobody"])
    with pytest.raises(lt.Error, match="Could not interpret value `colour` for `by`"):
        small_timeline().plot(by="colour")
    with pytest.raises(lt.Error, match="`since`"):
        small_timeline().plot(since="2024-13")


def test_labels_name_the_events_and_do_not_overlap():
    ax = lt.load().plot(as_of="2025-01-01")
    fig = ax.figure
    fig.canvas.draw()
    texts = one(ax, "event-labels").get_texts()
    shown = [t.get_text() for t in texts]
    assert "llama-3" in shown and "gpt-4" in shown
    assert_no_overlap([t.get_window_extent() for t in texts], ax)


def assert_no_overlap(boxes, ax):
    assert boxes
    for i, a in enumerate(boxes):
        assert ax.bbox.x0 - 1 <= a.x0 and a.x1 <= ax.bbox.x1 + 1, "a label sticks out of the axes"
        for b in boxes[i + 1 :]:
            assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1), f"{a} overlaps {b}"


def test_labels_are_thinned_again_when_the_figure_changes_size():
    ax = lt.load().plot(as_of="2025-01-01")
    fig = ax.figure
    fig.canvas.draw()
    wide = len(one(ax, "event-labels").get_texts())
    fig.set_size_inches(5, fig.get_size_inches()[1])
    fig.canvas.draw()
    narrow = one(ax, "event-labels").get_texts()
    assert 0 < len(narrow) < wide
    assert_no_overlap([t.get_window_extent() for t in narrow], ax)


def test_a_given_axes_is_drawn_on_and_returned():
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
    ax = small_timeline().plot(as_of=AS_OF, ax=right)
    assert ax is right
    assert spans(right).shape[0] == len(EXPECTED) and spans(left).empty
    assert len(fig.axes) == 2


def test_keyword_arguments_go_to_the_event_markers():
    ax = small_timeline().plot(as_of=AS_OF, s=50, marker="s")
    assert set(one(ax, "events").get_sizes()) == {50}


def test_an_empty_timeline_gives_axes_with_the_as_of_line():
    ax = lt.Timeline([]).plot(as_of=AS_OF)
    assert one(ax, "as-of") is not None
    assert spans(ax).empty and not gid_artists(ax, "events")
    assert one(ax, "empty").get_text() == "nothing to draw"
    ax = small_timeline().plot(as_of=AS_OF, since="2030", until="2031")  # nothing in that period
    assert spans(ax).empty


def test_the_date_axis_is_concise_from_a_month_to_seventy_years(tmp_path):
    short = small_timeline().plot(as_of=AS_OF, since="2024-03", until="2024-03")
    long = synthetic_timeline(tmp_path, 120, start="1950-01-01", years=70).plot(as_of="2021-01-01")
    for ax in (short, long):
        assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
        ax.figure.canvas.draw()
        labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert 3 <= len(labels) <= 12, labels
    assert "1960" in [t.get_text() for t in long.get_xticklabels()]


def test_import_llmtimeline_does_not_import_matplotlib():
    code = "import sys, llmtimeline as lt; lt.plot_timeline; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# -- 2,000 records ---------------------------------------------------------------------------------------


def synthetic_frame(n: int, *, seed: int = 0, start: str = "2015-01-01", years: int = 10,
                    n_actors: int = 40) -> pd.DataFrame:
    """``n`` records: 60 % events, 25 % predictions about them, 15 % statements; Zipf-like actors."""
    rng = np.random.default_rng(seed)
    actors = np.array([f"Org {i:02d}" for i in range(n_actors)])
    weights = 1 / np.arange(1, n_actors + 1)
    weights /= weights.sum()
    base = np.datetime64(start, "D")
    n_events, n_preds = int(n * 0.6), int(n * 0.25)
    rows = []
    kinds = rng.choice(["release", "announcement", "availability", "partnership"], n_events, p=[.5, .2, .2, .1])
    for i in range(n_events):
        rows.append(dict(id=f"e{i}", type="event", date=str(base + int(rng.integers(0, 365 * years))),
                         actor=rng.choice(actors, p=weights), kind=kinds[i], subject=f"model-{i}",
                         title=f"{kinds[i]} of model-{i}", source="synthetic", facts=f"params={i + 1}e9"))
    phrases = ["within a month", "within three months", "by the end of the year", "", "soon", "next year"]
    for i in range(n_preds):
        e = rows[int(rng.integers(0, n_events))]
        said = np.datetime64(e["date"]) - int(rng.integers(-60, 400))
        rows.append(dict(id=f"p{i}", type="prediction", date=str(said), actor=e["actor"] if rng.random() < .6 else
                         rng.choice(actors, p=weights), title=f"prediction {i}",
                         expects=("not " if rng.random() < .05 else "") + f"{e['kind']} {e['subject']}",
                         deadline=str(rng.choice(phrases)), source="synthetic"))
    for i in range(n - n_events - n_preds):
        j = int(rng.integers(0, n_events))
        e = rows[j]
        rows.append(dict(id=f"s{i}", type="statement", date=str(np.datetime64(e["date"]) + int(rng.integers(0, 200))),
                         actor=rng.choice(actors, p=weights), subject=e["subject"], title=f"statement {i}",
                         facts=f"params={j + 1 if rng.random() < .8 else j + 2}e9", source="synthetic"))
    return pd.DataFrame(rows).reindex(columns=list(COLUMNS), fill_value="").fillna("")


def synthetic_timeline(directory: Path, n: int, **kwargs) -> lt.Timeline:
    path = directory / f"synthetic-{n}.csv"
    synthetic_frame(n, **kwargs).to_csv(path, index=False)
    return lt.load(path)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> lt.Timeline:
    return synthetic_timeline(tmp_path_factory.mktemp("synthetic"), 2000)


def test_2000_records_stay_readable(big):
    as_of = "2025-06-01"
    ax = big.plot(as_of=as_of)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert len(names) == 12 and names[-1].startswith("other (")  # the busiest 11, the rest folded
    report = big.check(as_of=as_of)
    assert len(spans(ax)) == int((report["type"] == "prediction").sum())
    assert len(ax.get_children()) < 80  # collections, not an artist per record
    ax.figure.canvas.draw()
    texts = one(ax, "event-labels").get_texts()
    assert 20 < len(texts) < len(big.events)  # labelled where there is room, thinned elsewhere
    assert_no_overlap([t.get_window_extent() for t in texts], ax)


def test_track_record_bars_count_predictions_per_status():
    tl = small_timeline()
    ax = lt.plot_track_record(tl, as_of=AS_OF)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Acme", "Bolt", "Press", "Corp"]
    widths = {}
    for status in ("fulfilled", "late", "missed", "pending", "contradicted"):
        bars = gid_artists(ax, f"track-{status}")
        assert bars, status
        assert {to_hex(b.get_facecolor()) for b in bars} == {STATUS_COLOURS[status].lower()}
        widths[status] = [b.get_width() for b in bars]
    assert widths["fulfilled"] == [1, 0, 2, 0] and widths["late"] == [1, 0, 0, 0]
    assert widths["missed"] == [0, 1, 0, 0] and widths["contradicted"] == [0, 1, 0, 0]
    assert not gid_artists(ax, "track-undetermined")
    assert "50% on time" in [t.get_text() for t in ax.texts]  # Acme: 1 fulfilled, 1 late
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["fulfilled", "late", "missed", "pending",
                                                                   "contradicted"]


def test_track_record_folds_the_rest_and_handles_nothing(big):
    ax = lt.plot_track_record(big, as_of="2025-06-01", top=5)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert len(names) == 6 and names[-1].startswith("other (")
    assert all(0 <= float(t.get_text().split("%")[0]) <= 100 for t in ax.texts)
    ax = lt.plot_track_record(lt.Timeline([]), as_of=AS_OF)
    assert one(ax, "empty").get_text() == "no predictions"
    with pytest.raises(lt.Error, match="`by`"):
        lt.plot_track_record(big, by="kind")


# -- reference images --------------------------------------------------------------------------------------


def _compare(fig, name: str, tmp_path: Path, tolerance: float = 3.0) -> None:
    """Compare ``fig`` with tests/baseline/NAME; write the baseline when LLMTIMELINE_NEW_BASELINE is set."""
    import os

    expected = BASELINE / name
    actual = tmp_path / name
    fig.savefig(actual, dpi=72)
    if os.environ.get("LLMTIMELINE_NEW_BASELINE"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
    assert expected.exists(), f"no baseline {expected}: run with LLMTIMELINE_NEW_BASELINE=1 to write it"
    assert compare_images(str(expected), str(actual), tol=tolerance) is None


@pytest.fixture
def stable_style():
    from matplotlib.testing import set_font_settings_for_testing, set_reproducibility_for_testing

    with matplotlib.style.context("default"), matplotlib.rc_context():
        set_font_settings_for_testing()  # DejaVu Sans, no hinting
        set_reproducibility_for_testing()
        yield


def test_reference_timeline(stable_style, tmp_path):
    ax = small_timeline().plot(as_of=AS_OF)
    _compare(ax.figure, "timeline_small.png", tmp_path)


def test_reference_track_record(stable_style, tmp_path):
    ax = lt.plot_track_record(small_timeline(), as_of=AS_OF)
    _compare(ax.figure, "track_record_small.png", tmp_path)


# -- the command line ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_cli_plot_writes_png_svg_pdf(tmp_path, capsys, suffix, magic):
    out = tmp_path / f"x{suffix}"
    assert cli.main(["plot", "--as-of", "2024-05-01", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)
    assert f"wrote {out}" in capsys.readouterr().out


def test_cli_plot_refuses_another_format(tmp_path, capsys):
    assert cli.main(["plot", "-o", str(tmp_path / "x.txt")]) == 2
    assert "must end in .png, .svg or .pdf" in capsys.readouterr().err


def test_cli_report_writes_the_timeline(tmp_path, capsys, monkeypatch):
    out = tmp_path / "t.png"
    assert cli.main(["report", "--as-of", "2024-05-01", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["report", "--as-of", "2024-05-01"]) == 0
    assert (tmp_path / "timeline.png").read_bytes().startswith(b"\x89PNG")
