"""The CSV reader at scale and on bad structure: the cells are those the csv module reads,
line numbers are physical (a lone CR in a quoted cell shifts nothing), bad lines are
numbered in one pass, a very wide row is not padded into every other, and running
out of memory is a LoadError."""

from __future__ import annotations

import csv
import io
import re
import resource
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt

HEADER = "id,type,date,actor,speaker,kind,subject,title,expects,deadline,facts,quote,lang,source,url,published,notes"
EVENT = "e{i},event,2024-04-18,Meta,,release,llama-{i},Meta releases Llama,,,,,,Meta blog,,,{notes}"
BAD_DATE = EVENT.replace("2024-04-18", "2024-13-01")


def _file(*lines: str, end: str = "\n") -> bytes:
    return "".join(line + end for line in lines).encode()


def _problems(data: bytes) -> list[lt.Problem]:
    with pytest.raises(lt.LoadError) as caught:
        lt.store.read_bytes(data)
    return list(caught.value.problems)


# -- the cells are what the csv module reads ---------------------------------------------------

_note_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(
    map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])))
_pieces = st.one_of(_note_chars, st.sampled_from(['"', ",", "\n", "\r", "\r\n", "é", "«", '""']))
notes = st.lists(_pieces, max_size=8).map("".join).filter(lambda v: not re.match(r"'+[=+\-@\t\r]", v))  # no escape


@settings(max_examples=60, deadline=None)
@given(st.lists(notes, min_size=1, max_size=5), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_the_cells_are_those_the_csv_module_reads(values, end, ragged):
    # ragged: a last row with a cell too many sends the file to the careful reader.  As
    # llmtimeline's writer does, a file with a CR in a cell ends its lines with CR LF: only
    # then does the csv module quote such a cell (an unquoted CR is a line end).
    if any("\r" in v for v in values):
        end = "\r\n"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=end)
    writer.writerow(HEADER.split(","))
    rows = [next(csv.reader([EVENT.format(i=i, notes="")])) for i in range(len(values))]
    for row, value in zip(rows, values, strict=True):
        row[-1] = value
        writer.writerow(row)
    if ragged:
        writer.writerow(["x"] * 18)
    data = buffer.getvalue().encode()
    if ragged:
        problems = _problems(data)
        assert [(p.line, p.value) for p in problems] == [(_lines_before_last(data), "18 cells")]
        return
    cells, _ = lt.store.read_bytes(data)
    expected = [r[-1] for r in csv.reader(io.StringIO(data.decode(), newline=""))][1:]
    assert cells["notes"].tolist() == expected == values


def _lines_before_last(data: bytes) -> int:
    return data.rstrip(b"\n").count(b"\n") + 1


# -- physical line numbers ----------------------------------------------------------------


@pytest.mark.parametrize("careful", [False, True], ids=["fast", "careful"])
@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_lone_cr_inside_a_quoted_cell_shifts_no_line_number(careful, end):
    lines = [HEADER, EVENT.format(i=0, notes='"one\rtwo\rthree"'), EVENT.format(i=1, notes='"a\nb"'),
             BAD_DATE.format(i=2, notes="")]
    if careful:
        lines.append('x,"y"z')  # text after a closing quote: only the careful reader reads this file
    found = {(p.line, p.column) for p in _problems(_file(*lines, end=end))}
    assert (5, "date") in found  # header 1, event 2, event 3-4, the bad date on line 5
    assert found - {(5, "date")} == ({(6, None)} if careful else set())


def test_an_old_mac_file_counts_its_cr_line_ends():
    data = _file(HEADER, EVENT.format(i=0, notes=""), BAD_DATE.format(i=1, notes=""), end="\r")
    assert [(p.line, p.column) for p in _problems(data)] == [(3, "date")]


def test_twenty_thousand_bad_lines_are_each_numbered_and_shown():
    data = _file(HEADER, *('x,"y"z,' + f"{i:05d}" for i in range(20_000)))
    problems = _problems(data)
    assert [p.line for p in problems] == list(range(2, 20_002))
    assert problems[-1].value == 'x,"y"z,19999'


def test_a_very_wide_row_is_one_problem_and_pads_nothing():
    # 1,000 good rows, then one row of 200,000 cells: a frame padded to it would take GBs
    script = textwrap.dedent(f"""
        import resource, llmtimeline as lt
        header, event = {HEADER!r}, {EVENT!r}
        rows = [event.format(i=i, notes="") for i in range(1000)]
        data = "\\n".join([header, *rows, ",".join(["x"] * 200_000)]).encode() + b"\\n"
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            lt.store.read_bytes(data)
        except lt.LoadError as e:
            print([(p.line, p.value) for p in e.problems])
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[(1002, '200000 cells')]"
    assert int(out[1]) < 200  # MB above the imports; padding 1,000 rows to 200,000 cells takes 1.6 GB


@pytest.mark.slow  # a child process builds 300,000 rows and reads them until the memory cap (~3 s)
def test_running_out_of_memory_is_a_load_error():
    script = textwrap.dedent(f"""
        import resource, llmtimeline as lt
        import pyarrow.csv, pyarrow.compute
        header, event = {HEADER!r}, {EVENT!r}
        lt.store.read_bytes((header + "\\n" + event.format(i=0, notes="") + "\\n").encode())  # pyarrow threads made
        data = ("\\n".join([header, *(event.format(i=i, notes="n" * 200) for i in range(300_000))]) + "\\n").encode()
        size = int(open("/proc/self/status").read().split("VmSize:")[1].split()[0]) * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size + (20 << 20), resource.RLIM_INFINITY))
        try:
            lt.store.read_bytes(data, "big.csv")
            print("loaded")
        except lt.LoadError as e:
            print(e.problems[0].reason)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "too large for memory" in done.stdout


def test_resource_module_is_there():  # the two tests above measure with it (Linux)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0


def test_blank_lines_before_the_header_change_no_cell(tmp_path):
    """Cells past the first line's width are still read as text: full dates stay text, numbers stay text,
    and a byte that is not UTF-8 at the very end is reported, not read as bytes."""
    body = ("id,type,date,actor,kind,subject,title,source,notes\n"
            "1,event,2024-04-18,Meta,release,llama-3,Meta releases Llama 3,blog,10\n"
            "2,event,2024-07-23,Meta,release,llama-3-1,Meta releases Llama 3.1,blog,007\n")
    plain, blank = tmp_path / "plain.csv", tmp_path / "blank.csv"
    plain.write_text(body, encoding="utf-8")
    blank.write_text("\n\n" + body, encoding="utf-8")
    a, b = lt.load(plain), lt.load(blank)
    assert b.cells.equals(a.cells) and b.cells["notes"].tolist() == ["10", "007"]
    assert all(type(v) is str for v in b.cells["date"])
    blank.write_bytes(("\n" + body.rstrip("\n")).encode() + b"\xe9")
    with pytest.raises(lt.LoadError, match="UTF-8"):
        lt.load(blank)


def test_columns_of_distinct_first_rows_are_read_as_the_csv_module_reads():
    """A column whose first rows are distinct and one that repeats later (kept as Arrow text, the
    second also encoded for its rules): either way the cells are those written."""
    rows = [EVENT.format(i=i, notes=f"note {i % 3}").replace(f"llama-{i},", f"llama-{i if i < 8 else i % 4},")
            for i in range(40)]
    data = _file(HEADER, *rows)
    cells, _ = lt.store.read_bytes(data)
    expected = list(csv.reader(io.StringIO(data.decode(), newline="")))
    assert cells[expected[0]].to_numpy().tolist() == expected[1:]
    assert cells["subject"].tolist()[8:12] == ["llama-0", "llama-1", "llama-2", "llama-3"]


def test_a_load_without_threads_to_be_had_reads_the_same(monkeypatch, tmp_path):
    """When memory is short a thread cannot start (RuntimeError): the columns are prepared in turn,
    and a Parquet file is read, then hashed, then made into objects."""
    from concurrent.futures import ThreadPoolExecutor

    expected = lt.load()
    expected.save(tmp_path / "events.parquet")

    def refuse(self, fn, /, *args, **kwargs):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(ThreadPoolExecutor, "submit", refuse)
    assert lt.load() == expected
    pd.testing.assert_frame_equal(lt.load().typed, expected.typed)
    cells, typed = lt.store.read_parquet(tmp_path / "events.parquet")
    pd.testing.assert_frame_equal(cells, expected.cells)
    pd.testing.assert_frame_equal(typed, expected.typed)
