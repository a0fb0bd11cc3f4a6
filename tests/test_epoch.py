"""lt.from_epoch and `llmtimeline import epoch`: Epoch AI's notable models table as release events.

The sample (tests/data/epoch_notable_sample.csv) has the table's real header, in its
real order, and rows of real models (multi-line links, several organisations, a
base model, a link with a trailing space).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline.cli import main

SAMPLE = Path(__file__).parent / "data" / "epoch_notable_sample.csv"


def _table() -> tuple[list[str], list[list[str]]]:
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _csv(header: list[str], rows: list[list[str]]) -> io.StringIO:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    out.seek(0)
    return out


def _reordered_with_extra() -> io.StringIO:
    """The sample with its columns reversed and a column Epoch's table does not have."""
    header, rows = _table()
    return _csv(["Downloaded on", *header[::-1]], [["2026-12-01", *row[::-1]] for row in rows])


def test_each_model_is_a_release_event_with_its_provenance() -> None:
    tl = lt.from_epoch(SAMPLE)
    assert list(tl.cells["id"]) == [  # the table's order (tl.events is in date order)
        "epoch-llama-3-70b", "epoch-llama-2-70b", "epoch-gpt-4o", "epoch-esm3-(98b)", "epoch-openvla",
        "epoch-gemini-1.0-ultra", "epoch-mistral-large-2", "epoch-o1"]
    assert tl.claims == ()
    cells = tl.cells.set_index("id")
    llama = cells.loc["epoch-llama-3-70b"]
    assert (llama["type"], llama["kind"], llama["date"], llama["actor"], llama["subject"], llama["title"]) == (
        "event", "release", "2024-04-18", "Meta AI", "llama-3-70b", "Llama 3-70B")
    assert llama["facts"] == "params=70000000000"
    assert llama["url"] == "https://ai.meta.com/blog/meta-llama-3/"
    assert set(cells["source"]) == {"Epoch AI, Notable AI Models"}
    assert all("CC BY 4.0" in note for note in cells["notes"])
    assert tl["epoch-llama-3-70b"].facts["params"] == ("70000000000",)


def test_columns_are_found_by_name_in_any_order_and_extra_columns_are_ignored() -> None:
    assert lt.from_epoch(_reordered_with_extra()) == lt.from_epoch(SAMPLE)


def test_several_organisations_are_split() -> None:
    openvla = lt.from_epoch(SAMPLE)["epoch-openvla"]
    assert openvla.actor == "Stanford University"
    assert openvla.facts["organizations"] == (
        "Stanford University", "University of California (UC) Berkeley", "Toyota Research Institute",
        "Google DeepMind", "Massachusetts Institute of Technology (MIT)", "Physical Intelligence")
    assert openvla.facts["base_model"] == ("llama-2-7b",)


def test_only_http_links_go_into_url_and_the_others_into_notes() -> None:
    cells = lt.from_epoch(SAMPLE).cells.set_index("id")
    assert cells.loc["epoch-gpt-4o", "url"] == "https://openai.com/index/hello-gpt-4o/"  # trailing space dropped
    assert cells.loc["epoch-openvla", "url"] == "https://openvla.github.io/"
    assert cells.loc["epoch-openvla", "notes"].endswith("other links: https://arxiv.org/abs/2406.09246")
    table = io.StringIO("Model,Organization,Publication date,Link\n"
                        "A,Lab,2024-01-02,ftp://lab.example/a\n"
                        "B,Lab,2024-01-03,javascript:alert(1)\n")
    odd = lt.from_epoch(table).cells.set_index("id")
    assert list(odd["url"]) == ["", ""]
    assert odd.loc["epoch-a", "notes"].endswith("other links: ftp://lab.example/a")


def test_a_name_met_again_gets_a_numbered_id() -> None:
    table = io.StringIO("Model,Organization,Publication date\nGopher,DeepMind,2021-12-08\nGopher ,DeepMind,2021-12-09\n")
    assert [e.id for e in lt.from_epoch(table).events] == ["epoch-gopher", "epoch-gopher-2"]


def test_a_dataframe_of_the_table_reads_the_same() -> None:
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    assert lt.from_epoch(frame[frame.columns[::-1]]) == lt.from_epoch(SAMPLE)


def test_every_bad_row_is_one_problem_at_its_line_and_column() -> None:
    table = io.StringIO(
        "Model,Link,Organization,Publication date,Parameters\n"
        '"Good",https://a.example,"Lab",2024-01-02,1e9\n'
        '"Spans, two lines","https://a.example\nhttps://b.example",Lab,2024-02-30,7B\n'  # line 3, ends on line 4
        ",,Lab,2024-01-02,\n"
        "No org,,,2024,\n"
        "No date,,Lab,,\n")
    with pytest.raises(lt.LoadError) as caught:
        lt.from_epoch(table)
    found = [(p.line, p.column, p.value) for p in caught.value.problems]
    assert found == [(3, "Parameters", "7B"), (3, "Publication date", "2024-02-30"), (5, "Model", ""),
                     (6, "Organization", ""), (7, "Publication date", "")]
    assert "line 3, column 'Publication date': '2024-02-30': not a date" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_a_table_without_the_needed_columns_is_one_clear_problem() -> None:
    with pytest.raises(lt.LoadError, match="missing columns 'Organization', 'Publication date'"):
        lt.from_epoch(io.StringIO("Model,System\nGPT-4,GPT-4\n"))
    with pytest.raises(lt.LoadError, match="the file is empty"):
        lt.from_epoch(io.BytesIO(b""))
    with pytest.raises(lt.LoadError, match="no models"):
        lt.from_epoch(io.StringIO("Model,Organization,Publication date\n"))


def test_bytes_that_are_not_utf8_are_refused_with_their_line() -> None:
    data = "Model,Organization,Publication date\nÉlan,Lab,2024-01-02\n".encode("cp1252")
    with pytest.raises(lt.LoadError, match=r"line 2: not UTF-8"):
        lt.from_epoch(io.BytesIO(data))


def test_merged_with_the_bundled_claims_it_settles_the_predictions_whose_models_it_lists() -> None:
    bundled = lt.load()
    merged = lt.merge(bundled, lt.from_epoch(SAMPLE))  # no id in common, no conflict
    assert len(merged.events) == len(bundled.events) + 8
    # Without the bundled Llama 3 release, Epoch's "Llama 3-70B" (part_of=llama-3 in the bundled subject
    # records) is what settles Clegg's two predictions.
    cells = bundled.cells
    without = lt.load(cells[~((cells["type"] == "event") & (cells["subject"] == "llama-3"))].reset_index(drop=True))
    ids = ["clegg-llama3-within-a-month", "clegg-llama3-models-this-year"]
    before = without.check(as_of="2024-05-01").set_index("id").loc[ids]
    assert list(before["status"]) == ["pending", "pending"]
    after = lt.merge(without, lt.from_epoch(SAMPLE)).check(as_of="2024-05-01").set_index("id").loc[ids]
    assert list(after["status"]) == ["fulfilled", "fulfilled"]
    assert list(after["event_id"]) == ["epoch-llama-3-70b", "epoch-llama-3-70b"]
    assert list(after["margin_days"]) == [21, 257]


def test_a_prediction_about_a_model_only_epoch_lists_is_settled() -> None:
    mine = lt.load(io.StringIO(
        "id,type,date,actor,speaker,title,expects,deadline,source\n"
        "o1-this-year,prediction,2024-09-12,OpenAI,Sam Altman,The full o1 ships this year,release o1,by the end of the year,notes\n"))
    report = lt.merge(mine, lt.from_epoch(SAMPLE)).check(as_of="2025-01-31").set_index("id")
    assert report.loc["o1-this-year", "status"] == "fulfilled"
    assert report.loc["o1-this-year", "event_id"] == "epoch-o1"


def test_the_import_command_writes_what_from_epoch_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.csv"
    assert main(["import", "epoch", str(SAMPLE), "-o", str(out)]) == 0
    assert "wrote 8 release events" in capsys.readouterr().err
    assert lt.load(out).cells.equals(lt.from_epoch(SAMPLE).cells)
    assert main(["import", "epoch", str(SAMPLE)]) == 0  # standard output, as CSV
    printed = capsys.readouterr().out
    assert printed == out.read_text(encoding="utf-8")


def test_the_import_command_reports_a_bad_table_in_one_line_per_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "models.csv"
    bad.write_text("Model,Organization,Publication date\nGPT-4,OpenAI,soon\n", encoding="utf-8")
    assert main(["import", "epoch", str(bad), "-o", str(tmp_path / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert "line 2, column 'Publication date': 'soon': not a date" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.csv").exists()


def test_the_timeline_names_the_table_and_keeps_cells_as_written() -> None:
    assert repr(lt.from_epoch(SAMPLE)).endswith(f"from {SAMPLE}>")
    table = io.StringIO("Model,Organization,Publication date\n=HYPERLINK(1),'Lab,2024-01-02\n")
    event = lt.from_epoch(table).events[0]
    assert (event.title, event.actor) == ("=HYPERLINK(1)", "'Lab")


_any_cell = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
_good_name = st.text(st.characters(categories=("L", "N"), max_codepoint=0x2FFF), min_size=1, max_size=12)


@settings(max_examples=60)
@given(st.lists(st.tuples(_any_cell, _any_cell, _any_cell, _any_cell, _any_cell), min_size=1, max_size=5))
def test_any_table_is_a_timeline_or_one_load_error(rows: list[tuple[str, str, str, str, str]]) -> None:
    """Whatever the cells hold, the result is a Timeline or one LoadError: nothing else escapes."""
    table = _csv(["Model", "Organization", "Publication date", "Parameters", "Link"], [list(r) for r in rows])
    try:
        tl = lt.from_epoch(table)
    except lt.LoadError as exc:
        assert exc.problems
    else:
        assert len(tl.events) == len(rows)


@settings(max_examples=25)  # each example saves a file (fsync): 25 keep the quick loop quick
@given(st.lists(st.tuples(_good_name, _good_name, st.dates(dt.date(1950, 1, 1), dt.date(2026, 12, 1)),
                          st.integers(1, 10**13)), min_size=1, max_size=6))
def test_good_rows_round_trip_through_save(tmp_path_factory: pytest.TempPathFactory,
                                           rows: list[tuple[str, str, dt.date, int]]) -> None:
    """Each good row is one event with the name, the organisation, the day and the parameters as given,
    and the timeline saves and loads back equal."""
    table = _csv(["Parameters", "Publication date", "Organization", "Model"],
                 [[str(p), d.isoformat(), org, name] for name, org, d, p in rows])
    tl = lt.from_epoch(table)
    cells = tl.cells
    assert list(cells["title"]) == [name for name, _, _, _ in rows]
    assert list(cells["actor"]) == [org for _, org, _, _ in rows]
    assert list(cells["date"]) == [d.isoformat() for _, _, d, _ in rows]
    assert list(cells["facts"]) == [f"params={p}" for _, _, _, p in rows]
    assert len(set(cells["id"])) == len(rows)
    path = tmp_path_factory.mktemp("epoch") / "events.csv"
    tl.save(path)
    assert lt.load(path) == tl
