"""lt.load(errors="keep"): good records load, bad ones are kept as written, listed, and saved back."""

import csv
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import DEADLINE_PHRASES, events, id_key, names, one_line_texts, record_dates, statements

import llmtimeline as lt
from llmtimeline.store import spreadsheet_safe

HEADER = "id,type,date,actor,kind,subject,title,source,expects,deadline"
GOOD_1 = "a,event,2024-04-18,Meta,release,llama-3,Llama 3,blog,,"
BAD_DATE = "b,event,2024-02-30,Meta,release,llama-2,Llama 2,blog,,"
BAD_DEADLINE = "c,prediction,2024-01-01,Meta,,,Will ship,blog,release llama-3,by the 5th of Smarch"
STRAY_QUOTE = 'd,event,2024,Meta,release,x,"broken "quote,blog,,'
DUPLICATE = "a,event,2024-04-19,Meta,release,llama-3,again,blog,,"
RAGGED = "e,event,2024,Meta,release,x,too,many,cells,here,x,y"
GOOD_2 = "f,event,2024-05-01,OpenAI,release,gpt-4o,GPT-4o,blog,,"
ROWS = [HEADER, GOOD_1, BAD_DATE, BAD_DEADLINE, STRAY_QUOTE, DUPLICATE, RAGGED, GOOD_2]


def text(rows, ending="\n"):
    return ending.join(rows) + ending


def keep(data):
    source = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    return lt.load(source, errors="keep")


def test_the_good_records_load_and_the_bad_ones_are_listed():
    tl = keep(text(ROWS))
    assert tl.cells["id"].tolist() == ["a", "f"]
    assert tl["a"].title == "Llama 3" and str(tl["f"].date) == "2024-05-01"
    assert list(tl.problems.columns) == ["line", "id", "column", "value", "reason"]
    got = [tuple(r) for r in tl.problems[["line", "id", "column"]].itertuples(index=False)]
    assert got == [(3, "b", "date"), (4, "c", "deadline"), (5, "d", ""), (6, "a", "id"), (7, "e", "")]
    assert tl.problems.set_index("line").loc[6, "reason"] == "duplicate id: already used on line 2"
    assert "2024-02" in tl.problems.set_index("line").loc[3, "reason"]


def test_a_record_with_several_problems_has_a_row_for_each():
    tl = keep(text([HEADER, GOOD_1, 'b,event,2024-13,Meta,release,x,"two\nlines",blog,,']))
    assert tl.problems["line"].tolist() == [3, 3]
    assert sorted(tl.problems["column"]) == ["date", "title"]


def test_the_kept_records_cells_are_shown_by_line():
    tl = keep(text(ROWS))
    invalid = tl.invalid
    assert invalid.index.name == "line" and invalid.index.tolist() == [3, 4, 5, 6, 7]
    assert invalid.loc[4, "deadline"] == "by the 5th of Smarch" and invalid.loc[4, "type"] == "prediction"
    assert invalid.loc[5, "id"] == "d"  # a malformed record, read leniently
    assert list(invalid.columns) == list(tl.cells.columns)


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_save_writes_every_row_back_in_file_order_bad_ones_byte_for_byte(tmp_path, ending):
    tl = keep(text(ROWS, ending))
    path = tmp_path / "kept.csv"
    tl.save(path)
    saved = path.read_bytes().decode()
    assert saved.splitlines() == [r for r in ROWS]  # file order, every record, bad ones as written
    again = lt.load(path, errors="keep")
    assert again == tl
    assert again.problems.equals(tl.problems)


def test_a_multi_line_bad_record_and_bad_bytes_are_kept_exactly(tmp_path):
    bad_bytes = "g,event,2024,Meta,release,x,caf\xe9,blog,,".encode("latin-1")
    multi = b'h,event,2024-13,Meta,release,x,"a\r\nb",blog,,'
    raw = b"\n".join([HEADER.encode(), GOOD_1.encode(), bad_bytes, multi, GOOD_2.encode()]) + b"\n"
    tl = keep(raw)
    assert tl.cells["id"].tolist() == ["a", "f"]
    assert tl.kept is not None and tl.kept.records == (bad_bytes, multi)
    path = tmp_path / "kept.csv"
    tl.save(path)
    assert bad_bytes + b"\n" + multi + b"\n" in path.read_bytes()
    assert lt.load(path, errors="keep") == tl


def test_an_unclosed_quote_keeps_the_rest_of_the_file(tmp_path):
    tl = keep(text([HEADER, GOOD_1, 'b,event,2024,Meta,release,x,"never closed,blog,,', GOOD_2]))
    assert tl.cells["id"].tolist() == ["a"]
    assert "never closed" in tl.problems["reason"].iat[0] or "closed" in tl.problems["reason"].iat[0]
    path = tmp_path / "kept.csv"
    tl.save(path)
    assert GOOD_2 in path.read_text()  # read as part of the open cell, and kept with it
    assert lt.load(path, errors="keep") == tl


def test_a_lone_carriage_return_before_a_bad_record_does_not_shift_what_is_kept(tmp_path):
    raw = text([HEADER + ",notes", 'a,event,2024,Meta,release,x,T,blog,,,"old\rmac"', BAD_DATE + ",", GOOD_2 + ","]).encode()
    tl = keep(raw)
    assert tl.cells["id"].tolist() == ["a", "f"] and tl.cells["notes"].iat[0] == "old\rmac"
    assert tl.kept is not None and tl.kept.records == ((BAD_DATE + ",").encode(),)
    path = tmp_path / "kept.csv"
    tl.save(path)
    assert lt.load(path, errors="keep") == tl


def test_every_record_bad_still_loads_and_saves(tmp_path):
    tl = keep(text([HEADER, BAD_DATE, BAD_DEADLINE]))
    assert len(tl) == 0 and len(tl.problems) == 2
    path = tmp_path / "kept.csv"
    tl.save(path)
    assert path.read_text().splitlines() == [HEADER, BAD_DATE, BAD_DEADLINE]


def test_a_file_with_only_some_columns_is_saved_with_its_own_header(tmp_path):
    header = "id,type,date,actor,kind,subject,title,source"
    rows = [header, GOOD_1.rsplit(",", 2)[0], "b,event,2024-13,Meta,release,x,T,blog"]
    tl = keep(text(rows))
    path = tmp_path / "kept.csv"
    tl.save(path)
    assert path.read_text().splitlines() == rows
    assert lt.load(path, errors="keep") == tl


@pytest.mark.parametrize(("data", "match"), [
    pytest.param("\ufeff".encode("utf-16-le") + text(ROWS).encode("utf-16-le"), "UTF-16", id="utf-16"),
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"id,type,date,title\nx,event,2024,T\n", "missing column 'source'", id="no source column"),
    pytest.param(HEADER.encode() + b"\n", "no records", id="no records"),
    pytest.param(b"\xff" + HEADER.encode() + b"\n" + GOOD_1.encode() + b"\n", "UTF-8", id="bad header bytes"),
])
def test_a_problem_of_the_whole_file_still_raises(data, match):
    with pytest.raises(lt.LoadError, match=match):
        keep(data)


def test_a_good_file_has_no_problems_and_equals_a_plain_load():
    tl = lt.load(errors="keep")
    assert tl == lt.load() and tl.kept is None
    assert tl.problems.empty and list(tl.problems.columns) == ["line", "id", "column", "value", "reason"]
    assert tl.invalid.empty


def test_raise_is_the_default_and_lists_the_same_problems():
    with pytest.raises(lt.LoadError) as info:
        lt.load(io.StringIO(text(ROWS)))
    assert [p.line for p in info.value.problems] == keep(text(ROWS)).problems["line"].tolist()


def test_kept_records_make_timelines_differ():
    assert keep(text(ROWS)) != keep(text([HEADER, GOOD_1, GOOD_2]))
    assert keep(text([HEADER, GOOD_1, GOOD_2])) == keep(text([HEADER, GOOD_1, GOOD_2]))


def test_a_dataframe_row_that_is_not_text_is_kept_and_saved_as_shown(tmp_path):
    frame = pd.DataFrame({
        "id": ["a", "b"], "type": ["event", "event"], "date": ["2024-04-18", 2024.5],
        "actor": ["Meta", "Meta"], "kind": ["release", "release"], "subject": ["x", "y"],
        "title": ["T", "=1+1"], "source": ["blog", "blog"],
    })
    tl = lt.load(frame, errors="keep")
    assert tl.cells["id"].tolist() == ["a"]
    assert tl.problems[["line", "id", "column"]].values.tolist() == [[3, "b", "date"]]
    path = tmp_path / "kept.csv"
    tl.save(path)
    assert path.read_text().splitlines()[2] == "b,event,2024.5,Meta,release,y,'=1+1,blog"
    again = lt.load(path, errors="keep")
    assert again.cells.equals(tl.cells) and again.invalid.loc[3, "title"] == "=1+1"


def test_repr_counts_the_kept_records():
    assert "5 kept with problems" in repr(keep(text(ROWS)))


# -- the property: keep, save, keep again is the same timeline and the same problems -----------

_CORRUPTIONS = {
    "date": "2024-13", "type": "thing", "title": "", "lang": "French", "url": "ftp://x", "published": "soon",
}
_GARBAGE = ("only,three,cells", 'x,event,2024,"a"b,c', "\ufffd,\x01", ",,,,")


def _row_text(cells):
    """A record as the writer writes it (a cell holding a carriage return quoted)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([spreadsheet_safe(c) for c in cells])
    return buffer.getvalue()[:-2]


@st.composite
def _predictions(draw):
    """Predictions with phrases every record date reads (the shared strategy's dates as deadlines follow the grammar)."""
    return lt.Claim(id=draw(names()), type="prediction", date=draw(record_dates), actor=draw(one_line_texts()),
                    title=draw(one_line_texts()), source=draw(one_line_texts()),
                    expects=f"{draw(st.sampled_from(('release', 'not release')))} {draw(names())}",
                    deadline=draw(st.sampled_from(("", *DEADLINE_PHRASES))))


@st.composite
def damaged_files(draw):
    records = draw(st.lists(st.one_of(events(), statements(), _predictions()), min_size=1, max_size=5,
                            unique_by=lambda r: id_key(r.id)))
    tl = lt.Timeline(records)
    table = tl.cells
    lines = [_row_text(list(table.columns))]
    for row in table.itertuples(index=False):
        cells = list(row)
        if draw(st.integers(0, 2)) == 0:
            column = draw(st.sampled_from(sorted(_CORRUPTIONS)))
            cells[list(table.columns).index(column)] = _CORRUPTIONS[column]
        lines.append(_row_text(cells))
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(_GARBAGE)))
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(damaged_files())
def test_keep_then_save_then_keep_is_the_same_timeline_and_the_same_problems(tmp_path_factory, data):
    first = keep(data)
    path = tmp_path_factory.mktemp("keep") / "file.csv"
    first.save(path)
    again = lt.load(path, errors="keep")
    assert again == first
    assert again.problems.equals(first.problems)
    assert len(first) + (0 if first.kept is None else len(first.kept.records)) == len(again) + (
        0 if again.kept is None else len(again.kept.records))


# -- check: the kept claims are reported invalid, with their problems as the reason --------------------


def test_check_shows_the_kept_claims_as_invalid_with_their_reason():
    tl = keep(text([*ROWS, "p,prediction,2024-04-01,Meta,,,Soon,blog,release llama-3,within a month"]))
    report = tl.check(as_of="2024-06-01").set_index("id")
    assert report.loc["p", "status"] == "fulfilled"
    bad = report.loc["c"]
    assert bad["status"] == "invalid" and bad["auto_status"] == "invalid"
    assert bad["phrase"] == "by the 5th of Smarch" and bad["expects"] == "release llama-3"
    assert bad["reason"].startswith("Kept with problems, not checked: deadline: ")
    assert "b" not in report.index and "d" not in report.index  # kept events are not claims


def test_check_keep_going_in_the_cli(tmp_path, capsys):
    from llmtimeline.cli import main

    path = tmp_path / "kept.csv"
    path.write_text(text(ROWS), encoding="utf-8")
    assert main(["check", str(path), "--as-of", "2024-06-01"]) == 1
    capsys.readouterr()
    assert main(["check", str(path), "--keep-going", "--as-of", "2024-06-01", "--format", "csv"]) == 0
    out = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str).set_index("id")
    assert out.loc["c", "status"] == "invalid" and "deadline" in out.loc["c", "reason"]


SURROGATE_ROWS = (b"id,type,date,actor,speaker,kind,subject,title,expects,deadline,source,url\n"
                  b"p1,prediction,2024-01-01,Ac\xffme,Bo\xe9b,,,Will \xfeship,release x,2025,Wi\xffre,\n"
                  b"p2,prediction,2024-01-01,Acme,Bob,,,Will ship,release x,2025,Wire,\n"
                  b"e1,event,2024-06-01,Acme,,release,x,X ships,,,Wire,\n")


def _views(tl, folder):
    """Every view and export of a timeline (each must finish)."""
    report = tl.check(as_of="2025-06-30")
    tl.to_html(folder / "page.html", as_of="2025-06-30")
    for fmt, name in (("timelinejs", "t.json"), ("claimreview", "c.json"), ("ics", "c.ics")):
        tl.export(fmt, folder / name)
    tl.plot()
    lt.plot_predictions(tl)
    str(tl.track_record(as_of="2025-06-30"))
    return report


def test_a_kept_record_with_bytes_that_are_not_utf8_is_shown_escaped_and_saved_as_written(tmp_path):
    tl = keep(SURROGATE_ROWS)
    assert tl.invalid["actor"].tolist() == ["Ac\\xffme"]
    report = _views(tl, tmp_path)
    assert report.set_index("id").at["p1", "status"] == "invalid"
    assert "Ac\\xffme" in report.set_index("id").at["p1", "actor"]
    assert "Will \\xfeship" in (tmp_path / "page.html").read_text(encoding="utf-8")
    record = tl.track_record(as_of="2025-06-30")
    assert "Ac\\xffme" in record.index  # shown escaped
    tl.save(tmp_path / "back.csv")
    assert (tmp_path / "back.csv").read_bytes() == SURROGATE_ROWS


def test_every_claim_kept_with_problems_still_draws_and_exports(tmp_path):
    rows = ["id,type,date,actor,speaker,kind,subject,title,expects,deadline,source",
            "p1,prediction,2024-02-30,A,B,,,T,release x,2025,s", "s1,statement,2024-13-01,A,B,,x,T,,,s"]
    for extra in ([], ["e1,event,2024-01-01,A,,release,x,X,,,s"], ["e1,event,2024-02-30,A,,release,x,X,,,s"]):
        tl = keep(text(rows + extra))
        report = _views(tl, tmp_path)
        assert set(report["status"].astype(str)) == {"invalid"} and len(report) == 2


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_check_keep_going_on_bytes_that_are_not_utf8_exits_0_in_every_format(tmp_path, capsys, fmt):
    from llmtimeline.cli import main

    path = tmp_path / "kept.csv"
    path.write_bytes(SURROGATE_ROWS)
    assert main(["check", str(path), "--keep-going", "--as-of", "2025-06-30", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "p1" in out and "invalid" in out
