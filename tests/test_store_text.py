"""The store keeps text as Arrow strings (pandas' ``str`` dtype), and nothing a user sees changes.

The cells of a Timeline are pandas' Arrow-backed ``str`` columns whatever the source (a CSV the
fast or the careful reader read, a DataFrame, a Parquet file, records built in code); their
values are the texts the csv module reads; the rules tested on Arrow text (without Python
strings) find exactly what the rules on Python strings find; a save loads back the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline.expects import all_one_line
from llmtimeline.schema import _SPACES, CELL_RULES, _all_urls
from llmtimeline.store import spreadsheet_safe

HEADER = "id,type,date,actor,speaker,kind,subject,title,expects,deadline,facts,quote,lang,source,url,published,notes"
EVENT = "e{i},event,2024-04-18,Meta,,release,llama-{i},{title},,,,,,Meta blog,{url},,{notes}"


def _file(*rows: str) -> bytes:
    return "".join(row + "\n" for row in (HEADER, *rows)).encode()


def _event(i: int, title: str = "Llama", url: str = "", notes: str = "") -> str:
    return EVENT.format(i=i, title=title, url=url, notes=notes)


def _is_str(frame: pd.DataFrame) -> bool:
    return all(str(dtype) == "str" for dtype in frame.dtypes)


# -- the dtype, whatever the source -------------------------------------------------------------

def test_a_timelines_cells_are_pandas_str_columns_whatever_the_source(tmp_path):
    bundled = lt.load()
    assert _is_str(bundled.cells)
    assert bundled.cells["id"].iat[0] == bundled.cells["id"].tolist()[0]
    assert isinstance(bundled.cells["title"].to_numpy()[0], str)
    assert not bundled.cells.isna().any().any()  # "" for an empty cell, never missing
    careful = lt.load(io.BytesIO(_file(_event(1, title='"a ""quoted"" title"'), _event(2))))  # quotes: still fast
    assert _is_str(careful.cells)
    object_frame = bundled.cells.astype(object)
    assert _is_str(lt.load(object_frame).cells) and lt.load(object_frame) == bundled
    bundled.save(tmp_path / "events.parquet")
    assert _is_str(lt.load(tmp_path / "events.parquet").cells)
    made = lt.Timeline(list(bundled.events)[:3])
    assert _is_str(made.cells)
    cells, _ = lt.store.read(lt.store.bundled_path())
    assert _is_str(cells)


def test_the_careful_reader_gives_the_same_dtype_and_values():
    """A file the fast path doubts (a quote inside an unquoted cell) goes to the careful reader."""
    data = _file(_event(1, title='Llama "3"'), _event(2, title="Llama"))
    tl = lt.load(io.BytesIO(data))
    assert _is_str(tl.cells) and tl.cells["title"].tolist() == ['Llama "3"', "Llama"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=12), min_size=1, max_size=8))
def test_notes_are_the_texts_the_csv_module_reads(notes):
    rows = [_event(i, notes=_quoted(n)) for i, n in enumerate(notes)]
    data = _file(*rows)
    tl = lt.load(io.BytesIO(data), errors="keep")
    expected = list(csv.reader(io.StringIO(data.decode(), newline="")))
    good = [row for row in expected[1:] if row[0] in set(tl.cells["id"])]
    assert tl.cells["notes"].tolist() == [row[-1] for row in good]
    assert _is_str(tl.cells)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# -- the rules on Arrow text are the rules on Python strings -----------------------------------

def test_the_space_class_is_pythons():
    every = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + ["\U0001f600", "\U000e0020"]
    matched = pa.compute.match_substring_regex(pa.array(every), f"^[{_SPACES}]$").to_pylist()
    assert [c for c, m in zip(every, matched, strict=True) if m] == [c for c in every if c.isspace()]


_tricky = st.text(alphabet=st.sampled_from(["a", "é", " ", "\t", "\n", "\r", "\x85", "\xa0", "\u2028", "\u2029",
                                           "\u3000", "\u200b", "/", ":", "?", "#", "h", "t", "p", "s", "\x00",
                                           "\x1c"]), min_size=1, max_size=10)
_addresses = st.builds(lambda scheme, rest: scheme + rest, st.sampled_from(["http://", "https://", "ftp://", "", "http:"]),
                       _tricky)


@settings(max_examples=200, deadline=None)
@given(st.lists(_tricky, min_size=0, max_size=6))
def test_one_line_on_arrow_text_is_one_line_on_python_strings(values):
    assert CELL_RULES["title"].arrow(pa.array(values, pa.string())) == all_one_line(values)
    assert CELL_RULES["id"].arrow(pa.array(values, pa.large_string())) == all_one_line(values)


@settings(max_examples=200, deadline=None)
@given(st.lists(_addresses, min_size=0, max_size=6))
def test_addresses_on_arrow_text_are_addresses_on_python_strings(values):
    assert CELL_RULES["url"].arrow(pa.array(values, pa.string())) == _all_urls(values)


@pytest.mark.parametrize("beside", [False, True])
def test_bad_cells_among_arrow_text_are_each_named_with_line_column_and_value(monkeypatch, beside):
    """The same problems whether the Arrow tests run in this thread or beside the other rules (a large table)."""
    if beside:
        monkeypatch.setattr("llmtimeline.validation._BESIDE_ROWS", 1)
    rows = [_event(i) for i in range(50)]
    rows[3] = _event(3, title="Llama\x07 3")  # a control character: the file is read by the fast path still
    rows[7] = _event(7, title="Llama ")
    rows[9] = _event(9, url="https://a.org/ x")
    rows[11] = _event(11, notes="x" * 100_001)
    rows[13] = "e1" + _event(13)[3:]  # a duplicate id
    with pytest.raises(lt.LoadError) as caught:
        lt.load(io.BytesIO(_file(*rows)))
    found = sorted((p.line, p.column) for p in caught.value.problems)
    assert found == [(5, "title"), (9, "title"), (11, "url"), (13, "notes"), (15, "id")]
    by_line = {p.line: p for p in caught.value.problems}
    assert by_line[5].value == "Llama\x07 3" and "control character" in by_line[5].reason
    assert by_line[15].value == "e1" and "line 3" in by_line[15].reason


def test_ids_equal_once_folded_are_duplicates_in_the_fast_path():
    rows = [_event(i) for i in range(20)] + ["ｅ1" + _event(99)[3:]]  # a full-width e: NFKC makes it e1
    with pytest.raises(lt.LoadError, match="duplicate id"):
        lt.load(io.BytesIO(_file(*rows)))


# -- saving and loading loses nothing -------------------------------------------------------------

@pytest.mark.parametrize("title", ["=HYPERLINK(1)", "'=x", "''=x", "'Tis", "-3", "+x", "@x", "plain"])
def test_escaped_cells_come_back_as_they_were(tmp_path, title):
    """A cell written spreadsheet-safe (``'=x`` for ``=x``) is read back unescaped from Arrow text."""
    rows = [_event(i, title=_quoted(spreadsheet_safe(title)) if i == 5 else "Llama") for i in range(20)]
    tl = lt.load(io.BytesIO(_file(*rows)))
    assert tl.cells["title"].iat[5] == title
    tl.save(tmp_path / "a.csv")
    again = lt.load(tmp_path / "a.csv")
    assert again == tl and _is_str(again.cells) and again.cells["title"].iat[5] == title
    tl.save(tmp_path / "a.parquet")
    assert lt.load(tmp_path / "a.parquet") == tl


def test_bytes_that_are_not_utf8_and_control_characters_are_kept_as_written(tmp_path):
    rows = [_event(i) for i in range(10)]
    raw = _file(*rows).replace(b"e3,event,2024-04-18,Meta,,release,llama-3,Llama",
                               b"e3,event,2024-04-18,Meta,,release,llama-3,Lla\xe9ma")
    raw = raw.replace(b"llama-5,Llama", b"llama-5,Lla\x01ma")
    path = tmp_path / "mixed.csv"
    path.write_bytes(raw)
    tl = lt.load(path, errors="keep")
    assert sorted(tl.problems["line"]) == [5, 7]
    assert _is_str(tl.cells) and len(tl.cells) == 8
    assert tl.invalid.loc[5, "title"] == "Lla\\xe9ma"  # shown with the byte escaped; saved as written
    tl.save(tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == raw
    assert lt.load(tmp_path / "again.csv", errors="keep") == tl


def test_equal_timelines_compare_equal_whatever_their_chunks():
    tl = lt.load()
    rebuilt = lt.load(pd.DataFrame({c: pd.array(np.asarray(tl.cells[c], dtype=object), dtype="str")
                                    for c in tl.cells.columns}))
    assert rebuilt == tl
    changed = tl.cells.copy()
    changed.loc[0, "notes"] = "changed"
    assert lt.load(changed) != tl


# -- deadlines read from many days at once are those parse_deadline reads day by day ------------

def _corpus_phrases() -> list[str]:
    import pathlib

    path = pathlib.Path(__file__).parent / "data" / "deadline_corpus.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        phrases = sorted({row["phrase"] for row in csv.DictReader(handle)})
    return [*phrases, "soon", "bientôt", "in the coming weeks", "sooner or later", "à terme", "soon or in a few months"]


_PHRASES = _corpus_phrases()


def _assert_read_days_as_parse_deadline(phrase: str, days: list[dt.date]) -> None:
    """``read_days`` gives, for each day said, the end, vagueness, horizon or refusal ``parse_deadline`` gives."""
    from llmtimeline.dates import NO_DAY, day_number
    from llmtimeline.deadlines import read_days

    ends, vague, horizons, refused = read_days(phrase, np.array([day_number(d) for d in days]))
    for i, day in enumerate(days):
        try:
            window = lt.parse_deadline(phrase, said=day)
        except lt.DeadlineError as exc:
            assert refused.get(i) == exc.reason
            continue
        assert i not in refused
        assert (ends[i], vague[i], horizons[i]) == (
            NO_DAY if window.latest is None else day_number(window.latest), window.vague,
            NO_DAY if window.horizon is None else day_number(window.horizon))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_PHRASES), st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)), min_size=1,
                                           max_size=6))
def test_read_days_reads_each_day_as_parse_deadline(phrase, days):
    _assert_read_days_as_parse_deadline(phrase, days)


@pytest.mark.parametrize("phrase", ["within 3 months", "in 48 hours", "within a year and a half", "dans 2 semaines",
                                    "in 1 year 2 months", "within 0 days", "soon", "by the end of the year"])
def test_read_days_at_the_ends_of_the_calendar_reads_as_parse_deadline(phrase):
    _assert_read_days_as_parse_deadline(phrase, [dt.date(1, 1, 1), dt.date(2024, 1, 31), dt.date(8999, 12, 31),
                                                 dt.date(9000, 1, 1), dt.date(9999, 10, 31), dt.date(9999, 12, 31)])


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1, 1, 1), dt.date(8999, 12, 31)), st.integers(0, 120))
def test_months_added_at_once_are_months_added_one_day_at_a_time(day, months):
    from llmtimeline.dates import add_months, day_number
    from llmtimeline.deadlines import _add_months

    assert _add_months(np.array([day_number(day)]), months)[0] == day_number(add_months(day, months))


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), st.integers(-240, 240))
def test_add_months_is_pendulums_calendar_arithmetic(day, months):
    """The month arithmetic of spans and soft horizons, as pendulum counts it (a day the month lacks: its last)."""
    import pendulum

    from llmtimeline.dates import add_months

    try:
        moved = pendulum.Date(day.year, day.month, day.day).add(months=months)
        expected: object = dt.date(moved.year, moved.month, moved.day)
    except ValueError as exc:
        expected = str(exc)
    try:
        got: object = add_months(day, months)
    except ValueError as exc:
        got = str(exc)
    assert got == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(-719_162, 2_932_896), st.integers(0, 400)), min_size=0, max_size=40),
       st.randoms(use_true_random=False))
def test_the_readers_date_order_is_a_sort_by_earliest_latest_then_id(days, random):
    """Sorting the rows in id order stably by their (earliest, latest) pair is np.lexsort of the three keys."""
    from llmtimeline.store._contract import date_order

    earliest = np.array([e for e, _ in days], dtype=np.int64)
    latest = np.array([min(e + span, 2_932_896) for e, span in days], dtype=np.int64)
    by_id = np.array(random.sample(range(len(days)), len(days)), dtype=np.int64)
    rank = np.empty(len(days), dtype=np.int64)
    rank[by_id] = np.arange(len(days))
    assert date_order(earliest, latest, by_id).tolist() == np.lexsort((rank, latest, earliest)).tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(["a", "Z", "_", " ", "-", ".", "3", "é", "ß", "İ", "\t", "\u3000",
                                                  "~", "`", "@", "[", "^"]), max_size=8), max_size=10))
def test_subjects_are_numbered_after_normalise_whatever_they_are(texts):
    """Texts normalise leaves alone are told apart by Arrow; every other is normalised as one by one."""
    from llmtimeline.names import normalise
    from llmtimeline.typed import _normalised

    assert _normalised(np.array(texts, dtype=object)).tolist() == [normalise(t) for t in texts]


def test_a_dataframe_of_str_columns_is_read_as_its_arrow_text():
    """pandas' str columns (``read_csv`` in pandas 3) load as they are; a missing value is an empty cell."""
    tl = lt.load()
    frame = tl.cells.copy()
    frame["notes"] = frame["notes"].where(frame.index != 3, None)
    assert frame["notes"].isna().iat[3]
    loaded = lt.load(frame)
    assert _is_str(loaded.cells) and loaded.cells["notes"].iat[3] == "" and loaded.cells["id"].equals(tl.cells["id"])
