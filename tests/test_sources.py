"""lt.load reads a path, a text or binary file object, or a DataFrame; '-' is standard input in the CLI."""

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt

HEADER = "id,type,date,actor,kind,subject,title,source"
GOOD = f"{HEADER}\na,event,2024-04-18,Meta,release,llama-3,Meta releases Llama 3,blog\n"
BAD = f"{HEADER}\na,event,2024-13,Meta,release,llama-3,Meta releases Llama 3,blog\n"


@pytest.fixture
def csv_path(tmp_path: Path) -> Path:
    path = tmp_path / "mine.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [
    pytest.param(lambda p: p, id="Path"),
    pytest.param(str, id="str"),
    pytest.param(lambda p: io.StringIO(p.read_text(encoding="utf-8")), id="StringIO"),
    pytest.param(lambda p: io.BytesIO(p.read_bytes()), id="BytesIO"),
    pytest.param(lambda p: p.open(encoding="utf-8"), id="text file"),
    pytest.param(lambda p: p.open("rb"), id="binary file"),
    pytest.param(lambda p: pd.read_csv(p, dtype=str, keep_default_na=False), id="DataFrame"),
    pytest.param(lambda p: pd.read_csv(p, dtype=str), id="DataFrame with NaN"),
])
def test_every_kind_of_source_gives_the_same_timeline(csv_path, make):
    source = make(csv_path)
    tl = lt.load(source)
    assert tl == lt.load(csv_path)
    assert tl["a"].title == "Meta releases Llama 3"
    if hasattr(source, "close"):
        source.close()


@pytest.mark.parametrize(("make", "name"), [
    pytest.param(lambda p: str(p), None, id="path"),
    pytest.param(lambda p: io.StringIO(BAD), "<stream>", id="StringIO"),
    pytest.param(lambda p: io.BytesIO(BAD.encode()), "<stream>", id="BytesIO"),
    pytest.param(lambda p: p.open("rb"), None, id="open file"),
])
def test_errors_name_the_source(tmp_path, make, name):
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    source = make(path)
    with pytest.raises(lt.LoadError) as info:
        lt.load(source)
    assert info.value.path == (name or str(path))
    assert "line 2, column 'date': '2024-13'" in str(info.value)
    if hasattr(source, "close"):
        source.close()


def test_a_file_object_is_read_once_from_where_it_stands():
    stream = io.StringIO("junk to skip\n" + GOOD)
    stream.readline()
    assert len(lt.load(stream)) == 1
    assert stream.read() == ""


def test_a_stream_of_bad_bytes_reports_them_per_cell():
    raw = GOOD.replace("Meta releases", "Meta r\xe9leases").encode("latin-1")
    with pytest.raises(lt.LoadError) as info:
        lt.load(io.BytesIO(raw))
    assert "line 2, column 'title'" in str(info.value) and "not UTF-8" in str(info.value)


def test_the_bundled_file_is_the_default():
    from llmtimeline import store

    assert lt.load() == lt.load(None) == lt.load(store.bundled_path())
    assert len(lt.load()) > 50


def test_dataframe_missing_values_are_empty_cells_never_nan():
    frame = pd.DataFrame({
        "id": ["a", "b"], "type": ["event", "event"], "date": ["2024-04-18", "2024-05"],
        "actor": ["Meta", "Meta"], "kind": ["release", "release"], "subject": ["llama-3", "llama-2"],
        "title": ["T", "U"], "source": ["blog", "blog"],
        "notes": [np.nan, None], "url": [pd.NA, "https://example.com/x"],
    })
    tl = lt.load(frame)
    assert tl.cells["notes"].tolist() == ["", ""]
    assert tl.cells["url"].tolist() == ["", "https://example.com/x"]
    assert "nan" not in tl.cells.to_numpy().ravel().tolist()


@pytest.mark.parametrize(("value", "kind"), [
    (2024, "int"), (1.5, "float"), (pd.Timestamp("2024-04-18"), "Timestamp"), (True, "bool"),
])
def test_dataframe_cells_that_are_not_text_are_refused_naming_row_and_column(value, kind):
    frame = pd.DataFrame({
        "id": ["a", "b"], "type": ["event", "event"], "date": ["2024-04-18", value],
        "actor": ["Meta", "Meta"], "kind": ["release", "release"], "subject": ["x", "y"],
        "title": ["T", "U"], "source": ["blog", "blog"],
    }, index=["first", "second"])
    with pytest.raises(lt.LoadError) as info:
        lt.load(frame)
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (3, "date")
    assert "row 'second'" in problem.reason and f"found {kind}" in problem.reason
    assert info.value.path == "<DataFrame>"


def test_dataframe_problems_are_every_problem_at_once():
    frame = pd.DataFrame({"id": ["a", "b"], "type": ["event", "thing"], "date": [2024, "2024-13"],
                          "title": ["T", "U"], "source": ["s", "s"], "actor": ["A", "A"],
                          "kind": ["release", ""], "subject": ["x", ""]})
    with pytest.raises(lt.LoadError) as info:
        lt.load(frame)
    got = {(p.line, p.column) for p in info.value.problems}
    assert {(2, "date"), (3, "date"), (3, "type")} <= got


def test_dataframe_needs_the_required_columns():
    with pytest.raises(lt.LoadError, match="missing column 'source'"):
        lt.load(pd.DataFrame({"id": ["a"], "type": ["event"], "date": ["2024"], "title": ["T"]}))


def test_an_empty_dataframe_is_refused():
    with pytest.raises(lt.LoadError, match="no rows"):
        lt.load(pd.DataFrame({c: pd.Series([], dtype=str) for c in HEADER.split(",")}))


@pytest.mark.parametrize("source", [42, b"id,type\n", ["a", "b"], object()])
def test_other_sources_are_a_type_error_saying_what_is_accepted(source):
    with pytest.raises(lt.ArgumentTypeError) as info:
        lt.load(source)
    assert isinstance(info.value, TypeError) and isinstance(info.value, lt.Error)
    assert "a path" in str(info.value) and "DataFrame" in str(info.value)


def test_csv_text_given_as_a_path_gets_a_hint():
    with pytest.raises(lt.LoadError, match=r"io\.StringIO"):
        lt.load(GOOD)


def test_a_folder_is_refused_at_once(tmp_path):
    with pytest.raises(lt.LoadError, match="folder"):
        lt.load(tmp_path)


@pytest.mark.parametrize("errors", ["ignore", "KEEP", None, 1])
def test_a_bad_errors_value_names_the_argument_the_value_and_the_choices(errors):
    with pytest.raises(lt.ArgumentError) as info:
        lt.load(errors=errors)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert "'errors'" in message and repr(errors) in message and "'raise'" in message and "'keep'" in message


def _cli(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "llmtimeline.cli", *args], input=stdin, capture_output=True,
                          timeout=60, check=False)


@pytest.mark.slow  # a Python process of its own
def test_validate_dash_reads_standard_input():
    done = _cli("validate", "-", stdin=GOOD.encode())
    assert done.returncode == 0, done.stderr
    assert b"<stdin>: OK, 1 records" in done.stdout


@pytest.mark.slow  # a Python process of its own
def test_validate_dash_reports_problems_of_standard_input():
    done = _cli("validate", "-", stdin=BAD.encode())
    assert done.returncode == 1
    assert b"<stdin>" in done.stderr and b"line 2, column 'date': '2024-13'" in done.stderr


@pytest.mark.slow  # a Python process of its own
def test_check_dash_reads_standard_input():
    claim = ("p,prediction,2024-04-01,Meta,,,Llama 3 within a month,blog,release llama-3,within a month")
    text = (f"{HEADER},expects,deadline\n"
            "a,event,2024-04-18,Meta,release,llama-3,Meta releases Llama 3,blog,,\n" + claim + "\n")
    done = _cli("check", "-", "--as-of", "2024-06-01", "--format", "csv", stdin=text.encode())
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(io.BytesIO(done.stdout), dtype=str)
    assert rows.set_index("id").loc["p", "status"] == "fulfilled"


_BAD_CHARACTERS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)] + ["\ud800", "\udfff"]


@given(st.integers(0, 2999), st.sampled_from(["title", "actor", "source", "notes"]), st.sampled_from(_BAD_CHARACTERS),
       st.sampled_from(["", "é", "日本", "tab\there", "line\nbreak"]))
@settings(max_examples=15, deadline=None)
def test_a_dataframe_cell_with_a_control_character_is_found_among_thousands(row, column, bad, around):
    """Every cell of a frame is looked at, whatever sits beside the bad character (a long clean
    column is passed at once; one bad cell anywhere must still be named, with its line)."""
    n = 3000
    frame = pd.DataFrame({"id": [f"e{k}" for k in range(n)], "type": "event", "date": "2024-04-18", "actor": "Meta",
                          "kind": "release", "subject": "llama-3", "title": "Meta releases Llama 3", "source": "blog",
                          "notes": around}, dtype=object)  # object: a pyarrow string cannot hold a lone surrogate
    frame.loc[row, column] = f"{around}x{bad}y"
    problems = lt.load(frame, errors="keep").problems
    assert problems[["line", "column"]].values.tolist() == [[row + 2, column]]


def test_a_dataframe_cell_longer_than_any_cell_may_be_is_found():
    from llmtimeline.schema import MAX_CELL

    frame = pd.DataFrame({"id": ["a", "b"], "type": "event", "date": "2024-04-18", "actor": "Meta", "kind": "release",
                          "subject": "llama-3", "title": "Meta releases Llama 3", "source": "blog",
                          "notes": ["", "x" * (MAX_CELL + 1)]})
    problems = lt.load(frame, errors="keep").problems
    assert problems[["line", "column"]].values.tolist() == [[3, "notes"]]
