"""Files as spreadsheets save them: ';' or tab separators, Windows-1252 text. Each is one problem
that names the file, says what it looks like and how to save it; never a problem per line."""

from __future__ import annotations

import codecs
import io

import pytest

import llmtimeline as lt

SAVE_AS = "'CSV UTF-8 (comma delimited)'"


def _rows(separator: str) -> str:
    tl = lt.load()
    rows = [separator.join(tl.cells.columns)]
    for record in tl.cells.itertuples(index=False):
        rows.append(separator.join('"' + str(v).replace('"', '""') + '"' if any(ch in str(v) for ch in '";\t,\n')
                                   else str(v) for v in record))
    return "\r\n".join(rows) + "\r\n"


@pytest.mark.parametrize(("separator", "looks"), [(";", "semicolon-separated"), ("\t", "tab-separated")])
@pytest.mark.parametrize("errors", ["raise", "keep"])
def test_a_file_saved_by_french_excel_is_one_problem_naming_the_file(tmp_path, separator, looks, errors):
    path = tmp_path / "export excel.csv"
    path.write_bytes(codecs.BOM_UTF8 + _rows(separator).encode("utf-8"))
    with pytest.raises(lt.LoadError) as caught:
        lt.load(path, errors=errors)
    (problem,) = caught.value.problems
    assert problem.line == 1 and looks in problem.reason and SAVE_AS in problem.reason
    assert str(path) in str(caught.value)


def test_the_pandas_reading_the_problem_suggests_loads_the_file(tmp_path):
    import pandas as pd

    path = tmp_path / "semicolons.csv"
    path.write_bytes(codecs.BOM_UTF8 + _rows(";").encode("utf-8"))
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert lt.load(frame) == lt.load()


def _windows_1252() -> bytes:
    rows = ["id,type,date,actor,kind,subject,title,source",
            "mistral-large-release,event,2024-02-26,Mistral AI,release,mistral-large,Modèle « large » publié,Le Monde",
            "mistral-small-release,event,2024-02-27,Mistral AI,release,mistral-small,Le petit modèle – enfin,Les Échos"]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


@pytest.mark.parametrize("errors", ["raise", "keep"])
def test_a_windows_1252_file_is_one_problem_that_shows_a_word_as_it_would_read(tmp_path, errors):
    path = tmp_path / "latin.csv"
    path.write_bytes(_windows_1252())
    with pytest.raises(lt.LoadError) as caught:
        lt.load(path, errors=errors)
    (problem,) = caught.value.problems
    assert "Windows-1252 or Latin-1" in problem.reason and SAVE_AS in problem.reason
    assert "Modèle" in problem.reason and "2 lines" in problem.reason
    assert lt.load(io.BytesIO(_windows_1252().decode("cp1252").encode("utf-8"))).cells["title"].iat[0] == \
        "Modèle « large » publié"


def test_a_utf8_file_with_one_damaged_byte_keeps_its_problem_per_cell():
    text = _windows_1252().decode("cp1252").encode("utf-8")
    damaged = text.replace("Échos".encode(), b"\xc9chos")  # one Latin-1 byte in a UTF-8 file
    with pytest.raises(lt.LoadError) as caught:
        lt.load(io.BytesIO(damaged))
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, "source")]
    kept = lt.load(io.BytesIO(damaged), errors="keep")
    assert len(kept) == 1 and kept.problems["line"].tolist() == [3]


def test_validate_prints_one_line_for_a_spreadsheet_file(tmp_path, capsys):
    from llmtimeline.cli import main

    path = tmp_path / "excel.csv"
    path.write_bytes(codecs.BOM_UTF8 + _rows(";").encode("utf-8"))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert text.count("semicolon-separated") == 1 and "missing column" not in text
