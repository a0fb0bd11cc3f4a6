"""Loading and saving: the bundled file, round trips, extra columns, atomic saves, packaging."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import llmtimeline as lt

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id,type,date,actor,speaker,kind,subject,title,expects,deadline,facts,quote,lang,source,url,published,notes"


def write(tmp_path, text, name="events.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_events_csv_loads_with_the_seed_story():
    tl = lt.load()
    assert len(tl) >= 40
    clegg = tl["clegg-llama3-within-a-month"]
    assert clegg.speaker == "Nick Clegg" and clegg.lang == "fr" and "voire moins" in clegg.quote
    assert clegg.source.name.startswith("004_")
    assert tl["llama-3-release"].facts["params"] == ("8e9", "70e9")


def test_every_seed_file_is_a_source_and_every_claim_quotes_in_french():
    tl = lt.load()
    seeds = {p.name for p in (ROOT.parent / "shared" / "seeds").glob("*.txt")}
    if not seeds:
        pytest.skip("the seed articles (../shared/seeds) are not beside this checkout")
    sources = {c.source.name for c in tl.claims}
    assert seeds <= sources
    for c in tl.claims:
        if c.source.name.endswith(".txt"):
            assert c.quote and c.lang == "fr" and c.source.published is not None, c.id


def test_round_trip_of_the_real_file_is_lossless(tmp_path):
    tl = lt.load()
    out = tmp_path / "out.csv"
    tl.save(out)
    again = lt.load(out)
    assert again == tl
    assert again.events == tl.events and again.claims == tl.claims
    again.save(tmp_path / "out2.csv")
    assert (tmp_path / "out2.csv").read_bytes() == out.read_bytes()


def test_extra_columns_survive_load_and_save(tmp_path):
    path = write(tmp_path, HEADER + ",wikidata\n"
                 "e1,event,2024-04-18,Meta,,release,llama-3,Llama 3,,,,,,blog,,,,Q123\n")
    tl = lt.load(path)
    assert tl["e1"].extra == (("wikidata", "Q123"),)
    tl.save(tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[0].endswith(",wikidata")
    assert lt.load(tmp_path / "out.csv") == tl
    assert tl.events_frame()["wikidata"].tolist() == ["Q123"]


def test_optional_columns_may_be_left_out(tmp_path):
    path = write(tmp_path, "id,type,date,actor,kind,subject,title,source\ne1,event,2024,Meta,release,llama-3,Llama 3,blog\n")
    assert lt.load(path)["e1"].date.precision == "year"


def test_a_load_error_lists_every_problem_with_line_column_value_and_reason(tmp_path):
    path = write(tmp_path, HEADER + "\n"
                 "e1,event,2024-13-01,Meta,,release,llama-3,Llama 3,,,,,,blog,,,\n"
                 'p1,prediction,2024-04-09,Meta,,,,"multi\nline title",,soon,,,,src,,,\n'
                 "p2,prediction,2024-04-09,Meta,,,,Title,release llama-3,when pigs fly,,,,src,,,\n"
                 "e1,rumour,2024,Meta,,,,Title,,,,,,src,,,\n")
    with pytest.raises(lt.LoadError) as info:
        lt.load(path)
    err = info.value
    found = {(p.line, p.column) for p in err.problems}
    assert {(2, "date"), (3, "title"), (3, "expects"), (5, "deadline"), (6, "type"), (6, "id")} <= found
    date = next(p for p in err.problems if p.column == "date")
    assert date.value == "2024-13-01" and "month 13" in date.reason
    dup = next(p for p in err.problems if p.column == "id")
    assert "line 2" in dup.reason
    assert str(path) in str(err) and "line 5, column 'deadline': 'when pigs fly'" in str(err)
    assert list(err.frame().columns) == ["line", "column", "value", "reason"]
    assert isinstance(err, ValueError) and isinstance(err, lt.Error)


def test_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(lt.LoadError, match="cannot read"):
        lt.load(tmp_path / "nope.csv")


def test_save_replaces_the_file_atomically_and_keeps_it_on_failure(tmp_path, monkeypatch):
    tl = lt.load()
    out = tmp_path / "events.csv"
    out.write_text("previous", encoding="utf-8")
    import os

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        tl.save(out)
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_an_empty_timeline_cannot_be_saved(tmp_path):
    with pytest.raises(lt.Error, match="empty"):
        lt.Timeline([]).save(tmp_path / "x.csv")


@pytest.mark.slow  # builds a wheel
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy the checkout")
def test_a_plain_install_carries_the_bundled_events_csv(tmp_path):
    """The wheel (what a non-editable `pip install .` installs) holds events.csv as package data."""
    pytest.importorskip("hatchling")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("llmtimeline-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        assert z.read("llmtimeline/data/events.csv") == (ROOT / "events.csv").read_bytes()
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    code = "import llmtimeline as lt, sys; print(lt.load()['llama-3-release'].date); print(lt.__file__)"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert done.stdout.splitlines()[0] == "2024-04-18"
    assert str(site) in done.stdout
