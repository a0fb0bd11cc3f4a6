"""The plots: what each figure contains (lanes, labels, bars, markers and colours per status, the
window, title, legend and source line), text drawn literally, two reference images, legibility
at 20,000 records, and the CLI's chart files."""

from __future__ import annotations

import functools
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
from matplotlib.colors import to_hex, to_rgb
from matplotlib.markers import MarkerStyle
from matplotlib.testing.compare import compare_images

import llmtimeline as lt
from llmtimeline import cli
from llmtimeline.schema import COLUMNS, RECORD_TYPES
from llmtimeline.views import reading as views
from llmtimeline.views.palette import STATUS_COLOURS, STATUS_MARKERS
from llmtimeline.views.plot import report_figure

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


def _prediction(id, date, actor, expects, deadline="", speaker=""):
    return lt.Claim(id=id, type="prediction", date=date, actor=actor, speaker=speaker, title=id, source="test",
                    expects=expects, deadline=deadline)


def _statement(id, date, actor, subject, facts):
    return lt.Claim(id=id, type="statement", date=date, actor=actor, title=id, source="test", subject=subject,
                    facts=facts)


@functools.cache  # a Timeline is read-only to the plots: built once, shared by the tests
def small_timeline(actor: str = "Acme", *, vague: bool = True) -> lt.Timeline:
    """Four actors; fulfilled, late, missed, pending (open), contradicted predictions; two statements.

    Without ``vague``, the one vague deadline ("soon") is left out (the reference images: how a soft
    horizon is read is the deadline grammar's business, not the picture's)."""
    records = [
        _event("alpha-release", "2024-03-01", actor, "release", "alpha", "params=7e9"),
        _event("beta-release", "2024-06-20", actor, "release", "beta", "params=2e9"),
        _event("gamma-announcement", "2024-05", "Bolt", "announcement", "gamma"),
        _event("delta-release", "2024-02-10", "Bolt", "release", "delta"),
        _event("acme-corp-partnership", "2024-04-15", "Corp", "partnership", "acme-corp"),
        _prediction("alpha-within-a-month", "2024-02-05", actor, "release alpha", "within a month", "Ann Lee"),
        _prediction("beta-within-a-month", "2024-04-01", actor, "release beta", "within a month"),
        _prediction("omega-this-quarter", "2024-01-15", "Bolt", "release omega", "by the end of the quarter"),
        _prediction("no-delta", "2024-01-05", "Bolt", "not release delta"),
        _prediction("zeta-soon", "2024-03-10", "Corp", "release zeta", "soon"),
        _prediction("gamma-some-day", "2024-01-20", "Press", "announcement gamma"),
        _prediction("partnership-this-year", "2024-03-20", "Press", "partnership acme-corp", "by the end of the year"),
        _statement("alpha-is-7b", "2024-03-05", "Press", "alpha", "params=7e9"),
        _statement("beta-is-1b", "2024-07-01", "Press", "beta", "params=1e9"),
    ]
    return lt.Timeline([r for r in records if vague or r.id != "zeta-soon"])


EXPECTED = {  # the checker's verdicts as of AS_OF, which the figures must show
    "alpha-within-a-month": "fulfilled", "beta-within-a-month": "late", "omega-this-quarter": "missed",
    "no-delta": "contradicted", "zeta-soon": "pending", "gamma-some-day": "fulfilled",
    "partnership-this-year": "fulfilled",
}


@functools.cache
def bundled() -> lt.Timeline:
    """The bundled records, loaded once (read-only to the plots)."""
    return lt.load()


@pytest.fixture(scope="module")
def small_predictions():
    """The prediction chart of the small timeline: drawn once, read by the tests of what it shows."""
    return lt.plot_predictions(small_timeline(), as_of=AS_OF)


def day(text: str) -> float:
    return float(mdates.date2num(np.datetime64(text)))


def gid_artists(ax, prefix: str) -> list:
    found = [a for a in ax.get_children() if (a.get_gid() or "").startswith(prefix)]
    return found + [t for t in ax.texts if (t.get_gid() or "").startswith(prefix) and t not in found]


def one(ax, gid: str):
    found = [a for a in ax.get_children() if a.get_gid() == gid]
    assert len(found) == 1, f"expected one artist with gid {gid!r}, found {len(found)}"
    return found[0]


def bars(ax) -> pd.DataFrame:
    """Every prediction bar drawn: status, style, x from/to (date numbers), y centre."""
    rows = []
    for collection in gid_artists(ax, "bars-") + gid_artists(ax, "soft-bars-") + gid_artists(ax, "open-bars-"):
        gid = collection.get_gid()
        style = "firm" if gid.startswith("bars-") else gid.split("-bars-")[0]
        for path in collection.get_paths():
            v = path.vertices
            rows.append({"status": gid.split("bars-")[1], "style": style, "x0": v[:, 0].min(), "x1": v[:, 0].max(),
                         "y": v[:, 1].mean()})
    return pd.DataFrame(rows, columns=["status", "style", "x0", "x1", "y"])


def texts_of(ax, gid: str) -> list:
    """The texts with ``gid``, top row first (the y axis points down)."""
    return sorted((t for t in ax.texts if t.get_gid() == gid), key=lambda t: t.get_position()[1])


def row_labels(ax) -> list[str]:
    """The prediction chart's row labels, top first; each sits on its row."""
    found = texts_of(ax, "row-labels")
    assert [t.get_position()[1] for t in found] == list(range(len(found)))
    return [t.get_text() for t in found]


def lanes(ax) -> list[str]:
    """The release timeline's lane names, top first; each sits on its lane."""
    found = texts_of(ax, "lanes")
    assert [t.get_position()[1] for t in found] == list(range(len(found)))
    return [t.get_text() for t in found]


def row_of(ax, label: str) -> int:
    labels = row_labels(ax)
    assert label in labels, labels
    return labels.index(label)


def notes(ax) -> list[str]:
    """The right-hand column, top first: one note per prediction drawn, on its row."""
    found = texts_of(ax, "notes")
    assert [t.get_position()[1] for t in found] == list(range(len(found)))
    return [t.get_text() for t in found]


def test_the_checker_agrees_with_the_small_timeline():
    report = small_timeline().check(as_of=AS_OF).set_index("id")
    assert {k: report.loc[k, "status"] for k in EXPECTED} == EXPECTED


# -- the prediction chart -------------------------------------------------------------------------------------


def test_one_row_per_prediction_labelled_with_speaker_and_phrase(small_predictions):
    ax = small_predictions
    labels = row_labels(ax)
    assert len(labels) == len(EXPECTED)
    assert "Ann Lee: “within a month”" in labels  # the speaker when named
    assert "Bolt: “by the end of the quarter”" in labels  # else the organisation
    assert "Press: announcement gamma (no deadline)" in labels
    assert "Bolt: no release delta (no deadline)" in labels
    said = [day(d) for d in ("2024-01-05", "2024-01-15", "2024-01-20", "2024-02-05", "2024-03-10", "2024-03-20",
                             "2024-04-01")]
    assert sorted(bars(ax)["x0"]) == said  # every bar starts on the day said, rows in date order
    assert list(bars(ax).sort_values("y")["x0"]) == said


def test_a_bar_runs_from_the_day_said_to_the_end_of_the_deadline(small_predictions):
    ax = small_predictions
    b = bars(ax)
    firm = b[b["style"] == "firm"].set_index("x0")
    assert firm.loc[day("2024-02-05"), "x1"] == day("2024-03-06")  # "within a month": to the end of 2024-03-05
    assert firm.loc[day("2024-01-15"), "x1"] == day("2024-04-01")  # "by the end of the quarter"
    assert (firm.loc[day("2024-01-15"), "status"], firm.loc[day("2024-04-01"), "status"]) == ("missed", "late")
    assert {"fulfilled", "contradicted"} <= set(b[b["style"] == "open"]["status"])  # no deadline
    soon = b[b["x0"] == day("2024-03-10")].iloc[0]  # "soon": to its soft horizon once the typed columns carry it
    assert (soon["status"], soon["style"]) == ("pending", "soft" if "horizon" in small_timeline().typed else "open")


def test_a_short_bar_keeps_a_visible_width():
    tl = lt.Timeline([_event("a-release", "2024-01-03", "Acme", "release", "a"),
                      _prediction("a-in-a-week", "2024-01-01", "Acme", "release a", "within a week"),
                      _prediction("a-next-year", "2020-01-01", "Acme", "release a", "by the end of 2030")])
    ax = lt.plot_predictions(tl, as_of="2024-06-01")
    b = bars(ax)
    width = (b["x1"] - b["x0"]).min()
    assert width >= 0.005 * (ax.get_xlim()[1] - ax.get_xlim()[0])


def test_each_status_has_its_colour_and_its_own_marker(small_predictions):
    ax = small_predictions
    shown = {}
    for collection in gid_artists(ax, "outcome-"):
        status = collection.get_gid().removeprefix("outcome-")
        colours = {to_hex(c) for c in (collection.get_edgecolor() if status == "pending" else
                                       collection.get_facecolor())}
        assert colours == {STATUS_COLOURS[status].lower()}, status
        expected = MarkerStyle(STATUS_MARKERS[status])
        path = collection.get_paths()[0]
        assert np.allclose(path.vertices, expected.get_path().transformed(expected.get_transform()).vertices), status
        shown[status] = len(collection.get_offsets())
    assert shown == pd.Series(EXPECTED).value_counts().to_dict()
    cues = {(STATUS_MARKERS[s], s == "pending") for s in shown}  # shape, and hollow for pending
    assert len(cues) == len(shown)  # the second cue alone tells the statuses apart
    assert {b.get_hatch() for b in gid_artists(ax, "bars-missed")} == {"////"}  # struck through


def test_the_settling_event_is_marked_at_its_date_with_the_date_written(small_predictions):
    ax = small_predictions
    late = one(ax, "outcome-late").get_offsets()
    assert np.allclose(late[:, 0], day("2024-06-20") + 0.5)  # beta released 2024-06-20
    dates = [t.get_text() for t in gid_artists(ax, "event-dates")]
    assert "2024-06-20" in dates and "2024-03-01" in dates
    ((x0, _), (x1, _)), = one(ax, "late-whiskers").get_segments()
    assert (x0, x1) == (day("2024-05-02"), day("2024-06-20") + 0.5)  # from the end of the deadline to the event
    missed = one(ax, "outcome-missed").get_offsets()
    assert np.allclose(missed[:, 0], day("2024-04-01"))  # at the end of the deadline it missed


def test_the_right_column_says_the_status_and_margin(small_predictions):
    ax = small_predictions
    by_label = dict(zip(row_labels(ax), notes(ax), strict=True))
    assert by_label["Ann Lee: “within a month”"] == "fulfilled, 4 days early"
    assert by_label["Acme: “within a month”"] == "late, 50 days late"
    assert by_label["Bolt: “by the end of the quarter”"] == "missed, due 2024-03-31"
    assert by_label["Bolt: no release delta (no deadline)"] == "contradicted"


def test_clegg_on_the_bundled_data():
    ax = lt.plot_predictions(bundled(), as_of="2024-05-01")
    i = row_of(ax, "Nick Clegg: “d'ici un mois, voire moins”")
    assert notes(ax)[i] == "fulfilled, 21 days early"
    fulfilled = one(ax, "outcome-fulfilled").get_offsets()
    assert any(np.isclose(x, day("2024-04-18") + 0.5) and y == i for x, y in fulfilled)
    then = lt.plot_predictions(bundled(), as_of="2024-04-10")
    assert notes(then)[row_of(then, "Nick Clegg: “d'ici un mois, voire moins”")] == "pending, due 2024-05-09"


def test_late_and_missed_stay_apart_for_colour_blind_readers():
    # Machado et al. (2009) simulation matrices, full severity, applied in linear RGB
    matrices = {
        "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
        "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
        "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    }

    def linear(colour):
        c = np.array(to_rgb(colour))
        return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)

    for name, m in matrices.items():
        late, missed = (np.clip(np.array(m) @ linear(STATUS_COLOURS[s]), 0, 1) for s in ("late", "missed"))
        lightness = [0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] for c in (late, missed)]
        assert lightness[0] > 3 * lightness[1], name  # late is far lighter than missed, whatever the vision
    assert STATUS_MARKERS["late"] != STATUS_MARKERS["missed"]


def test_the_most_notable_predictions_and_a_count_of_the_rest():
    ax = lt.plot_predictions(small_timeline(), as_of=AS_OF, top=3)
    labels = row_labels(ax)
    assert labels[-1] == "… and 4 more predictions"
    assert len(labels) == 4 and len(bars(ax)) == 3 and len(notes(ax)) == 3
    assert "Corp: “soon”" not in labels  # pending goes first when room is short
    with pytest.raises(lt.Error, match="Could not interpret value `0` for `top`"):
        lt.plot_predictions(small_timeline(), top=0)


def test_predictions_into_a_given_axes_with_a_title_and_kwargs():
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4), layout="constrained")
    ax = lt.plot_predictions(small_timeline(), as_of=AS_OF, ax=right, title="Promises", s=90)
    assert ax is right and not bars(left).shape[0]
    assert ax.get_title(loc="left") == "Promises"
    assert set(one(ax, "outcome-late").get_sizes()) == {90}
    assert ax.get_xlabel().startswith("Source: <records>; 7 predictions checked as of 2024-08-01")
    fig.canvas.draw()
    assert_legend_outside(ax)


def test_no_predictions_gives_axes_saying_so():
    ax = lt.plot_predictions(lt.Timeline([]), as_of=AS_OF)
    assert one(ax, "empty").get_text() == "no predictions"
    assert bars(ax).empty


# -- the release timeline ----------------------------------------------------------------------------------------


def event_labels(ax) -> list:
    ax.figure.canvas.draw()
    return one(ax, "event-labels").get_texts()


def test_lanes_one_per_actor_with_events_busiest_first_the_rest_folded():
    ax = small_timeline().plot(as_of=AS_OF)
    assert lanes(ax) == ["Acme", "Bolt", "Corp"]
    ax = small_timeline().plot(as_of=AS_OF, max_lanes=2)
    assert lanes(ax) == ["Acme", "other (2 actors)"]
    offsets = one(ax, "events").get_offsets()
    assert len(offsets) == 3  # Acme's two releases and Bolt's delta; the announcement is another kind
    assert len(one(ax, "events-other").get_offsets()) == 2


def test_the_default_window_fits_the_claims_not_a_lone_old_event():
    tl = bundled()
    ax = tl.plot(as_of="2025-01-01")
    x0, x1 = ax.get_xlim()
    report = tl.check(as_of="2025-01-01")
    first_said = min(lt.parse_date(d).earliest for d in report["date"])
    assert day("2017-09-07") < x0 <= day(first_said.isoformat())  # the 2017 ONNX event does not stretch it
    assert x1 >= day("2024-12-31")  # the last deadline of a claim known then
    assert "before not shown" in ax.get_xlabel()


def test_since_until_and_actors_focus_the_timeline():
    ax = small_timeline().plot(as_of=AS_OF, actors=["Corp", "Acme"], since="2024-03", until="2024-04")
    assert lanes(ax) == ["Corp", "Acme"]
    assert ax.get_xlim() == (day("2024-03-01"), day("2024-05-01"))
    assert np.allclose(one(ax, "events").get_offsets()[:, 0], [day("2024-03-01") + 0.5])
    with pytest.raises(lt.Error, match="Could not interpret value `Nobody` for `actors`"):
        small_timeline().plot(actors=["Nobody"])
    with pytest.raises(lt.Error, match="Could not interpret value `colour` for `by`"):
        lt.plot_timeline(small_timeline(), by="colour")
    with pytest.raises(lt.Error, match="`since`"):
        small_timeline().plot(since="2024-13")


def test_events_that_settle_a_prediction_are_ringed_in_its_status_colour():
    ax = small_timeline().plot(as_of=AS_OF)
    ring = one(ax, "settling")
    colours = {(round(float(x), 1), to_hex(c)) for (x, _), c in zip(ring.get_offsets(), ring.get_edgecolor(), strict=True)}
    assert (round(day("2024-06-20") + 0.5, 1), STATUS_COLOURS["late"].lower()) in colours  # beta, released late
    assert (round(day("2024-02-10") + 0.5, 1), STATUS_COLOURS["contradicted"].lower()) in colours  # "no delta"


def test_title_source_line_and_a_compact_legend_outside_the_data():
    ax = small_timeline().plot(as_of=AS_OF, title="What happened")
    assert ax.get_title(loc="left") == "What happened"
    assert ax.get_xlabel().startswith("Source: <records> (14 records, 9 claims checked as of 2024-08-01)")
    ax.figure.canvas.draw()
    assert_legend_outside(ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "settles a prediction", "release", "other event", "as of 2024-08-01"]


def assert_legend_outside(ax):
    legend = ax.get_legend().get_window_extent()
    box = ax.get_window_extent()
    assert legend.y0 >= box.y1 - 1, "the legend covers the data"
    title = ax.title if ax.get_title() else ax._left_title
    if title.get_text():
        assert title.get_window_extent().y0 >= legend.y1 - 1, "the title and the legend overlap"


def test_a_small_axes_keeps_the_legend_outside_and_labels_apart():
    fig, ax = plt.subplots(figsize=(5, 4), layout="constrained")
    bundled().plot(as_of="2025-01-01", ax=ax, title="Small")
    fig.canvas.draw()
    assert_legend_outside(ax)
    assert_no_overlap([t.get_window_extent() for t in event_labels(ax)], ax, allow_none=True)


def test_labels_name_the_subjects_and_do_not_overlap():
    ax = bundled().plot(as_of="2025-01-01")
    texts = event_labels(ax)
    shown = [t.get_text() for t in texts]
    titles = views.subject_titles(bundled())  # the subject records' titles, else the subject as written
    assert views.subject_title("llama-3", titles) in shown and views.subject_title("gpt-4", titles) in shown
    assert_no_overlap([t.get_window_extent() for t in texts], ax)


@pytest.mark.skipif("subject" not in RECORD_TYPES, reason="subject records (type=subject) are not loadable yet")
def test_labels_are_subject_titles_where_a_subject_record_gives_one(tmp_path):
    frame = pd.DataFrame([
        {"id": "llama-3", "type": "subject", "date": "2024-04-18", "subject": "llama-3", "title": "Llama 3",
         "source": "test"},
        {"id": "llama-3-release", "type": "event", "date": "2024-04-18", "actor": "Meta", "kind": "release",
         "subject": "llama-3", "title": "Meta releases Llama 3", "source": "test"},
    ]).reindex(columns=list(COLUMNS), fill_value="").fillna("")
    frame.to_csv(tmp_path / "t.csv", index=False)
    ax = lt.load(tmp_path / "t.csv").plot(as_of="2025-01-01")
    assert [t.get_text() for t in event_labels(ax)] == ["Llama 3"]


@pytest.mark.skipif("subject" not in RECORD_TYPES, reason="subject records (type=subject) are not loadable yet")
def test_an_alias_shows_the_title_of_its_subject(tmp_path):
    frame = pd.DataFrame([
        {"id": "gemini-app", "type": "subject", "date": "2024-02-08", "subject": "gemini-app",
         "title": "Gemini (formerly Bard)", "facts": "aka=bard", "source": "test"},
        {"id": "bard-release", "type": "event", "date": "2023-03-21", "actor": "Google", "kind": "release",
         "subject": "Bard", "title": "Google releases Bard", "source": "test"},
    ]).reindex(columns=list(COLUMNS), fill_value="").fillna("")
    frame.to_csv(tmp_path / "t.csv", index=False)
    ax = lt.load(tmp_path / "t.csv").plot(as_of="2025-01-01")
    assert [t.get_text() for t in event_labels(ax)] == ["Gemini (formerly Bard)"]


def assert_no_overlap(boxes, ax, allow_none=False):
    assert boxes or allow_none
    for i, a in enumerate(boxes):
        assert ax.bbox.x0 - 1 <= a.x0 and a.x1 <= ax.bbox.x1 + 1, "a label sticks out of the axes"
        for b in boxes[i + 1 :]:
            assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1), f"{a} overlaps {b}"


def test_labels_are_thinned_again_when_the_figure_changes_size():
    ax = bundled().plot(as_of="2025-01-01")
    wide = len(event_labels(ax))
    ax.figure.set_size_inches(5, ax.figure.get_size_inches()[1])
    narrow = event_labels(ax)
    assert 0 < len(narrow) < wide
    assert_no_overlap([t.get_window_extent() for t in narrow], ax)


def test_label_rows_caps_the_rows_of_labels_above_each_lane():
    tl = bundled()
    ax = tl.plot(as_of="2025-01-01", label_rows=1)
    one_row = event_labels(ax)
    assert 0 < len(one_row)
    assert len({round(t.get_position()[1], 3) for t in one_row}) <= len(lanes(ax))  # one text row per lane
    assert event_labels(small_timeline().plot(as_of=AS_OF, label_rows=0)) == []
    with pytest.raises(lt.Error, match="label_rows"):
        small_timeline().plot(as_of=AS_OF, label_rows=-1)


def test_a_given_axes_is_drawn_on_and_returned_and_kwargs_reach_the_markers():
    _, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
    ax = small_timeline().plot(as_of=AS_OF, ax=right, s=50)
    assert ax is right and not gid_artists(left, "events")
    assert set(one(ax, "events").get_sizes()) == {50}


def test_an_empty_timeline_gives_axes_saying_so():
    ax = lt.Timeline([]).plot(as_of=AS_OF)
    assert one(ax, "empty").get_text() == "nothing to draw"
    assert not gid_artists(ax, "events")


def test_the_date_axis_is_concise_from_a_month_to_seventy_years(tmp_path):
    short = small_timeline().plot(as_of=AS_OF, since="2024-03", until="2024-03")
    long = synthetic_timeline(tmp_path, 120, start="1950-01-01", years=70).plot(as_of="2021-01-01")
    for ax in (short, long):
        assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
        ax.figure.canvas.draw()
        labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert 3 <= len(labels) <= 12, labels


@pytest.mark.slow  # a Python process of its own
def test_import_llmtimeline_does_not_import_matplotlib():
    code = "import sys, llmtimeline as lt; lt.plot_timeline; lt.plot_predictions; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# -- text from the data is drawn as written ------------------------------------------------------------------


@pytest.mark.parametrize("name", [r"Acme $\undefined$", "$5 and $6 Inc", "Back\\slash $x$ & <b>"])
@pytest.mark.parametrize("draw", ["timeline", "predictions", "track_record"])
def test_a_dollar_in_the_data_is_a_dollar(tmp_path, name, draw):
    tl = small_timeline(actor=name)
    ax = {"timeline": lambda: tl.plot(as_of=AS_OF, title=f"{name} chart"),
          "predictions": lambda: lt.plot_predictions(tl, as_of=AS_OF, title=f"{name} chart"),
          "track_record": lambda: lt.plot_track_record(tl, as_of=AS_OF, title=f"{name} chart")}[draw]()
    out = tmp_path / "x.svg"
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        ax.figure.savefig(out)  # mathtext would raise on \undefined
    svg = out.read_text(encoding="utf-8")
    from xml.sax.saxutils import escape

    assert escape(name) in svg  # drawn as written (axis or row label), not as maths
    assert escape(f"{name} chart") in svg



# -- many records ----------------------------------------------------------------------------------------------


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
    return synthetic_timeline(tmp_path_factory.mktemp("synthetic"), 20_000, n_actors=12)


@pytest.mark.slow
def test_20000_records_stay_legible(big):
    as_of = "2025-06-01"
    ax = big.plot(as_of=as_of)
    names = lanes(ax)
    assert len(names) == 8 and names[-1] == "other (5 actors)"  # the busiest 7, the rest folded
    assert gid_artists(ax, "density")  # busy lanes become a strip of counts
    assert len(one(ax, "events").get_offsets()) < 1500  # and keep only their telling events as dots
    assert len(ax.get_children()) < 60  # collections, not an artist per record
    texts = event_labels(ax)
    assert 20 < len(texts) < 400
    assert_no_overlap([t.get_window_extent() for t in texts], ax)

    ax = lt.plot_predictions(big, as_of=as_of)
    assert len(row_labels(ax)) == 31 and row_labels(ax)[-1].startswith("… and ") and len(notes(ax)) == 30
    ax.figure.canvas.draw()
    boxes = [t.get_window_extent() for t in texts_of(ax, "row-labels") + texts_of(ax, "notes")]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1), "row labels overlap"


def test_track_record_bars_count_predictions_per_status():
    ax = lt.plot_track_record(small_timeline(), as_of=AS_OF)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert set(names) == {"Acme", "Bolt", "Press", "Corp"}
    record = small_timeline().track_record(as_of=AS_OF)  # the one track record: the bars are its counts
    widths = {}
    for status in ("fulfilled", "late", "missed", "pending", "contradicted"):
        found = gid_artists(ax, f"track-{status}")
        assert found, status
        assert {to_hex(b.get_facecolor()) for b in found} == {STATUS_COLOURS[status].lower()}
        widths[status] = dict(zip(names, [b.get_width() for b in found], strict=True))
        column = f"predictions_{status}" if f"predictions_{status}" in record.columns else status
        assert widths[status] == record.loc[names, column].astype(float).to_dict(), status
    assert (widths["fulfilled"]["Acme"], widths["late"]["Acme"], widths["missed"]["Bolt"]) == (1, 1, 1)
    assert "50% on time" in [t.get_text() for t in ax.texts]  # Acme: 1 fulfilled, 1 late
    assert record.loc["Acme", "on_time_rate"] == 0.5


def test_track_record_folds_the_rest_and_handles_nothing():
    ax = lt.plot_track_record(small_timeline(), as_of=AS_OF, top=2)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert len(names) == 3 and names[-1] == "other (2 actors)"
    ax = lt.plot_track_record(lt.Timeline([]), as_of=AS_OF)
    assert one(ax, "empty").get_text() == "no predictions"
    with pytest.raises(lt.Error, match="`by`"):
        lt.plot_track_record(small_timeline(), by="kind")


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
    ax = small_timeline(vague=False).plot(as_of=AS_OF, title="Small timeline")
    _compare(ax.figure, "timeline_small.png", tmp_path)


def test_reference_predictions(stable_style, tmp_path):
    ax = lt.plot_predictions(small_timeline(vague=False), as_of=AS_OF, title="Small predictions")
    _compare(ax.figure, "predictions_small.png", tmp_path)


def _centre(ink: np.ndarray) -> np.ndarray:
    """The centre of the ink (row, column), in pixels."""
    rows, columns = np.indices(ink.shape)
    return np.array([(rows * ink).sum(), (columns * ink).sum()]) / ink.sum()


def _text_figure():
    """Texts of each kind the report draws: sizes, weights, colours, alignments, transparency, accents, a
    rotated one (drawn by Agg either way) and a $ drawn literally."""
    fig = plt.figure(figsize=(6, 3), dpi=100)
    specs = [(0.05, 0.85, "Ilya Karpathy: “d'ici un mois, voire moins”", {"fontsize": 8.5}),
             (0.05, 0.65, "fulfilled, 21 days early", {"fontsize": 8, "color": "#007A5A"}),
             (0.95, 0.45, "What was said", {"fontsize": 12, "fontweight": "bold", "ha": "right"}),
             (0.05, 0.25, "Dario Nguyễn · Zoë Brontë · $5 Inc", {"fontsize": 10, "alpha": 0.5}),
             (0.05, 0.05, "2026-04-01", {"fontsize": 6.5, "color": "#666666", "va": "bottom"}),
             (0.80, 0.60, "rotated", {"fontsize": 9, "rotation": 90})]
    return fig, [fig.text(x, y, text, parse_math=False, **props) for x, y, text, props in specs]


def test_the_report_png_draws_each_text_as_one_bitmap_with_the_same_ink_in_the_same_place(tmp_path):
    from llmtimeline.views.plot._raster import string_canvas

    inks, boxes = [], []
    for with_canvas in (False, True):
        fig, texts = _text_figure()
        if with_canvas:
            string_canvas(fig)
        with matplotlib.rc_context({"text.hinting": "no_hinting"}):
            fig.savefig(tmp_path / f"{with_canvas}.png", format="png")
            boxes = [t.get_window_extent() for t in texts]
        assert (type(fig.canvas.get_renderer()).__name__ == "StringRenderer") == with_canvas
        inks.append(1 - plt.imread(tmp_path / f"{with_canvas}.png")[..., :3].mean(axis=2))
    agg, strings = inks
    assert agg.shape == strings.shape
    height = agg.shape[0]
    for box in boxes:  # each text: the same ink (within 3 %) in a box within a pixel of Agg's
        rows = slice(max(int(height - box.y1) - 3, 0), int(height - box.y0) + 3)
        columns = slice(max(int(box.x0) - 3, 0), int(box.x1) + 3)
        a, b = agg[rows, columns], strings[rows, columns]
        assert a.sum() > 20 and abs(a.sum() - b.sum()) <= 0.03 * a.sum()
        assert np.abs(_centre(a) - _centre(b)).max() <= 1.0 + 1e-6  # the same glyphs, the right way up
        (ay, ax_), (by, bx) = (np.nonzero(v > 0.3) for v in (a, b))
        assert max(abs(ay.min() - by.min()), abs(ay.max() - by.max()), abs(ax_.min() - bx.min()),
                   abs(ax_.max() - bx.max())) <= 1
    assert abs(agg.sum() - strings.sum()) <= 0.03 * agg.sum()  # and no ink anywhere else


@pytest.mark.parametrize("opaque", [True, False])
def test_the_report_png_writer_round_trips_pixels_resolution_and_text(opaque):
    import io

    from PIL import Image

    from llmtimeline.views.plot._raster import write_png

    rng = np.random.default_rng(0)
    rgba = rng.integers(0, 256, (37, 53, 4), dtype=np.uint8)
    if opaque:
        rgba[..., 3] = 255
    out = io.BytesIO()
    write_png(out, rgba, dpi=100, text={"Software": "llmtimeline test", "Title": "Zoë"})
    image = Image.open(io.BytesIO(out.getvalue()))
    image.load()
    assert image.mode == ("RGB" if opaque else "RGBA")
    assert np.array_equal(np.asarray(image), rgba[..., :3] if opaque else rgba)
    assert np.allclose(image.info["dpi"], (100, 100), atol=0.01)
    assert image.text == {"Software": "llmtimeline test", "Title": "Zoë"}


def test_save_report_figure_writes_the_figure_as_savefig_draws_it(tmp_path):
    from llmtimeline.views.plot import save_report_figure

    fig = report_figure(small_timeline(), as_of=AS_OF)
    canvas = fig.canvas
    save_report_figure(fig, tmp_path / "report.png", "png")
    assert fig.canvas is canvas  # the figure keeps its own canvas
    mine = plt.imread(tmp_path / "report.png")
    assert mine.shape == (round(fig.get_size_inches()[1] * 100), 1600, 3)  # opaque: RGB, 1,600 pixels wide
    with matplotlib.rc_context({"text.hinting": "no_hinting"}):
        fig.savefig(tmp_path / "agg.png", dpi=100)
    agg = plt.imread(tmp_path / "agg.png")[..., :3]
    assert np.sqrt(((agg - mine) ** 2).mean()) * 255 < 12  # compare_images' measure: text half a pixel apart at most


# -- the command line ----------------------------------------------------------------------------------------


@pytest.mark.slow  # renders and saves a full timeline three times (issue 29: over 2 s)
@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_cli_plot_writes_png_svg_pdf(tmp_path, capsys, suffix, magic):
    out = tmp_path / f"x{suffix}"
    assert cli.main(["plot", "--as-of", "2024-05-01", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)
    assert f"wrote {out}" in capsys.readouterr().err  # a status message: standard error


def test_cli_plot_refuses_another_format(tmp_path, capsys):
    assert cli.main(["plot", "-o", str(tmp_path / "x.txt")]) == 2
    assert "must end in .png, .svg or .pdf" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_report_writes_both_charts_1600_pixels_wide(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["report", "--as-of", "2024-05-01"]) == 0
    assert "Charts written to timeline.png" in capsys.readouterr().err  # a status message: standard error
    image = plt.imread(tmp_path / "timeline.png")
    assert image.shape[1] == 1600
    fig = report_figure(bundled(), as_of="2024-05-01")
    top, bottom = fig.axes[:2]
    assert gid_artists(top, "events") and gid_artists(bottom, "outcome-")  # the timeline above the predictions
    assert top.get_xlim() == bottom.get_xlim()  # on one date window (they mostly agree on this data)
    assert cli.main(["report", "-o", str(tmp_path / "missing" / "t.png")]) == 1
    assert "cannot save" in capsys.readouterr().err


def test_the_report_figure_shows_every_prediction_up_to_40_then_the_20_most_notable(tmp_path):
    tl = synthetic_timeline(tmp_path, 400)  # 100 predictions
    fig = report_figure(tl, as_of="2025-06-30")
    labels = row_labels(fig.axes[1])
    assert len(labels) == 21 and labels[-1].startswith("… and ") and labels[-1].endswith(" more predictions")
    fig = report_figure(bundled(), as_of="2024-05-01")  # 18 predictions: a row each, no "more" row
    shown = row_labels(fig.axes[1])
    assert len(shown) == int((bundled().cells["type"] == "prediction").sum()) and not shown[-1].startswith("…")
    assert "pending, soft deadline 2024-10-10" in notes(fig.axes[1])  # the longest kind of note
    fig.canvas.draw()
    for text in texts_of(fig.axes[1], "notes") + texts_of(fig.axes[1], "row-labels") + texts_of(fig.axes[0], "lanes"):
        box = text.get_window_extent()
        assert 0 <= box.x0 and box.x1 <= fig.bbox.x1, f"{text.get_text()!r} is cut at the edge of the figure"


@pytest.mark.slow  # the whole report with both charts (issue 29: over 2 s)
def test_cli_report_draws_a_dollar_in_a_name(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")  # a narrow terminal would wrap the actor's cell
    frame = synthetic_frame(60, n_actors=3)
    frame["actor"] = frame["actor"].replace({"Org 00": r"Acme $\undefined$", "Org 01": "$5 and $6 Inc"})
    frame.to_csv(tmp_path / "d.csv", index=False)
    out = tmp_path / "t.png"
    assert cli.main(["report", str(tmp_path / "d.csv"), "--as-of", "2025-06-01", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    assert r"Acme $\undefined$" in capsys.readouterr().out  # printed as written too


@pytest.mark.slow
def test_cli_report_checks_once_for_its_tables_charts_and_page(tmp_path, capsys, monkeypatch):
    import llmtimeline.check

    calls = []
    real = llmtimeline.check.check

    def counting(*args, **kwargs):
        calls.append(kwargs.get("as_of"))
        return real(*args, **kwargs)

    monkeypatch.setattr(llmtimeline.check, "check", counting)  # what Timeline.check calls
    monkeypatch.chdir(tmp_path)
    assert cli.main(["report", "--as-of", "2024-05-01", "--html", "report.html"]) == 0
    assert (tmp_path / "timeline.png").stat().st_size and (tmp_path / "report.html").stat().st_size
    assert calls == ["2024-05-01"]
