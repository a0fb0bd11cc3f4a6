"""Data safety: a save that fails or is killed never costs the previous file, and no
cell written for a spreadsheet can run as a formula (while loading back unchanged)."""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import llmtimeline as lt
from llmtimeline.cli import main

FORMULA_START = re.compile(r"[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _event(i: int, tag: str = "", **fields: object) -> lt.Event:
    values: dict[str, object] = dict(
        id=f"model-{i}-release", date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", actor="Meta", kind="release",
        subject=f"model-{i}", title=f"Model {i} released{tag}", source="Meta AI blog",
        facts=f"params={i + 1}e9", notes=f'Notes {i}, with "quotes"\nand a second line{tag}',
    )
    values.update(fields)
    return lt.Event(**values)  # type: ignore[arg-type]


@functools.cache  # a Timeline is immutable; building 200 records takes ~0.4 s (lt.Event validates each)
def _timeline(n: int, tag: str = "") -> lt.Timeline:
    return lt.Timeline([_event(i, tag) for i in range(n)])


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# -- atomic save: failures inside the process ------------------------------------------------


class _FailingWriter:
    """A csv writer that writes part of the rows, then fails like a full disk (or Ctrl-C)."""

    def __init__(self, real: object, error: BaseException, log: list[str]) -> None:
        self._real, self._error, self._log = real, error, log

    def writerow(self, row):  # type: ignore[no-untyped-def]
        return self._real.writerow(row)  # type: ignore[attr-defined]

    def writerows(self, rows):  # type: ignore[no-untyped-def]
        for i, row in enumerate(rows):
            if i == 20:
                self._log.append("failed")
                raise self._error
            self._real.writerow(row)  # type: ignore[attr-defined]


def _inject(monkeypatch: pytest.MonkeyPatch, fault: str, log: list[str]) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        log.append("failed")
        raise OSError(28, "No space left on device")

    if fault in ("writerows", "interrupt"):
        real_writer = csv.writer
        error: BaseException = KeyboardInterrupt() if fault == "interrupt" else OSError(28, "No space left on device")
        monkeypatch.setattr(csv, "writer", lambda *a, **k: _FailingWriter(real_writer(*a, **k), error, log))
    elif fault == "fsync":
        monkeypatch.setattr(os, "fsync", fail)
    elif fault == "replace":
        monkeypatch.setattr(os, "replace", fail)
        monkeypatch.setattr(os, "rename", fail)


FAULTS = ["writerows", "interrupt", "fsync", "replace"]


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_save_leaves_the_previous_file_byte_identical(tmp_path, monkeypatch, fault):
    path = tmp_path / "events.csv"
    _timeline(3, " (old)").save(path)
    old = path.read_bytes()
    before = sorted(os.listdir(tmp_path))
    new = _timeline(200, " (new)")
    log: list[str] = []
    with monkeypatch.context() as patch:
        _inject(patch, fault, log)
        with pytest.raises(KeyboardInterrupt if fault == "interrupt" else (OSError, lt.Error)):
            new.save(path)
    assert log == ["failed"], "the fault was never reached: the test would prove nothing"
    assert path.read_bytes() == old
    assert sorted(os.listdir(tmp_path)) == before, "a temporary file was left behind"
    # and the next save works
    new.save(path)
    assert lt.load(path) == new
    assert sorted(os.listdir(tmp_path)) == before


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_first_save_creates_no_file(tmp_path, monkeypatch, fault):
    log: list[str] = []
    with monkeypatch.context() as patch:
        _inject(patch, fault, log)
        with pytest.raises(KeyboardInterrupt if fault == "interrupt" else (OSError, lt.Error)):
            _timeline(200).save(tmp_path / "events.csv")
    assert log == ["failed"]
    assert os.listdir(tmp_path) == []


def test_save_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "events.csv"
    _timeline(2).save(path)
    path.chmod(0o640)
    _timeline(3).save(path)
    assert path.stat().st_mode & 0o777 == 0o640


# -- atomic save: a process killed while saving ------------------------------------------------

_SAVER = textwrap.dedent(
    """
    import sys
    import llmtimeline as lt

    new, old, target = lt.load(sys.argv[1]), lt.load(sys.argv[2]), sys.argv[3]
    print("ready", flush=True)
    i = 0
    while True:  # new, old, new, ... until killed
        print("saving", i, flush=True)
        (new if i % 2 == 0 else old).save(target)
        print("saved", i, flush=True)
        i += 1
    """
)


def _big_file(path: Path, n: int) -> None:
    """A big valid events.csv written directly (building Event objects would be slow)."""
    header = ["id", "type", "date", "actor", "kind", "subject", "title", "facts", "source", "url", "notes"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for i in range(n):
            writer.writerow([
                f"big-{i}", "event", f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}", "Mistral AI", "release",
                f"model-{i}", f"Modèle {i} publié, « enfin »", f"params={i}e9; context=8192",
                "Le Monde", f"https://example.org/{i}", f'=not a formula {i}\n"second line" 🦙',
            ])


@pytest.mark.slow  # five child processes killed while saving a 1.5 MB file
def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path):
    big = tmp_path / "big.csv"
    _big_file(big, 15_000)
    old_path, new_path = tmp_path / "old.csv", tmp_path / "new.csv"
    _timeline(5, " (old)").save(old_path)
    lt.load(big).save(new_path)
    old_bytes, new_bytes = old_path.read_bytes(), new_path.read_bytes()
    assert len(new_bytes) > 1_500_000

    delays = [0.0, 0.03, 0.07, 0.12, 0.2]  # a save of the new file takes ~0.1 s
    runs = []
    for k, delay in enumerate(delays):
        target = tmp_path / f"run{k}" / "events.csv"
        target.parent.mkdir()
        target.write_bytes(old_bytes)
        proc = subprocess.Popen([sys.executable, "-c", _SAVER, str(new_path), str(old_path), str(target)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        runs.append((delay, target, proc))

    outputs: dict[int, str] = {}

    def kill_after_ready(delay: float, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if first.strip() == "ready":
            time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        outputs[proc.pid] = first + proc.stdout.read()  # the same buffered reader: no line is lost

    threads = [threading.Thread(target=kill_after_ready, args=(d, p)) for d, _, p in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    outcomes, killed_while_saving = [], 0
    for delay, target, proc in runs:
        proc.wait(timeout=60)
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL, err
        last = outputs[proc.pid].strip().splitlines()[-1]
        killed_while_saving += last.startswith("saving")
        data = target.read_bytes()
        assert data in (old_bytes, new_bytes), (
            f"killed {delay}s after start ({last!r}): the file is neither the old nor the new timeline "
            f"({len(data)} bytes; old {len(old_bytes)}, new {len(new_bytes)})")
        outcomes.append("new" if data == new_bytes else "old")
    assert killed_while_saving >= 1, "no kill landed during a save: the test proved nothing"
    # and what is there loads to the timeline it claims to be
    for outcome in set(outcomes):
        target = next(t for (_, t, _), o in zip(runs, outcomes, strict=True) if o == outcome)
        assert lt.load(target) == lt.load(new_path if outcome == "new" else old_path)


# -- spreadsheet formulas -------------------------------------------------------------------------

#: Cells a spreadsheet would run as formulas, and cells that look like they were escaped.
FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "'=already", "'Tis", "''=x", "'", "=", "-"]
#: Only multi-line cells (quote, notes, extra columns) may start with a tab or a carriage return.
CONTROL_STARTS = ["\tTAB", "\rCR", "\r\nCRLF", "\t=1+1"]


def _formula_timeline(starts: list[str] = FORMULAS) -> lt.Timeline:
    records: list[lt.Event | lt.Claim] = []
    for i, value in enumerate(starts):
        title = value if value in FORMULAS else f"Model {i}"
        records.append(_event(i, title=title, quote=value, lang="en", notes=value, extra={"comment": value}))
    if starts is FORMULAS:
        records.append(_event(90, id="=cmd", actor="@Meta", subject="-x", source="+source", speaker="=bob",
                              extra={"comment": "ok"}))
        records.append(lt.Claim(id="-pred", type="prediction", date="2024-04-09", actor="-Meta", speaker="@clegg",
                                title="=HYPERLINK(\"http://evil\",\"click\")", source="=src", expects="release -x",
                                deadline="within a month", quote="+quote", lang="en", extra={"comment": "@c"}))
    return lt.Timeline(records)


@pytest.mark.parametrize("starts", [FORMULAS, CONTROL_STARTS], ids=["formulas", "tab-and-cr"])
def test_formula_cells_round_trip_exactly(tmp_path, starts):
    tl = _formula_timeline(starts)
    path = tmp_path / "events.csv"
    tl.save(path)
    again = lt.load(path)
    assert again == tl
    assert again.events == tl.events
    assert again.claims == tl.claims
    for i, value in enumerate(starts):
        event = again[f"model-{i}-release"]
        assert (event.quote, event.notes, dict(event.extra)["comment"]) == (value, value, value)
        if value in FORMULAS:
            assert event.title == value
    if starts is FORMULAS:
        assert again["=cmd"].actor == "@Meta"


@pytest.mark.parametrize("starts", [FORMULAS, CONTROL_STARTS], ids=["formulas", "tab-and-cr"])
def test_no_saved_cell_starts_like_a_formula(tmp_path, starts):
    path = tmp_path / "events.csv"
    tl = _formula_timeline(starts)
    tl.save(path)
    rows = _cells(path.read_text(encoding="utf-8"))
    assert len(rows) == len(tl) + 1, "the saved file does not have one CSV row per record"
    # a plain number such as -2 or +1 is no formula and is written as it is
    bad = [(n, cell) for n, row in enumerate(rows, start=1) for cell in row
           if FORMULA_START.match(cell) and not PLAIN_NUMBER.fullmatch(cell)]
    assert bad == []
    if starts is FORMULAS:  # neutralised with exactly one apostrophe, the spreadsheet convention
        titles = {row[0]: row[7] for row in rows[1:]}
        assert titles["model-0-release"] == '\'=HYPERLINK("http://x","y")'
        assert titles["model-4-release"] == "''=already"
        assert titles["model-5-release"] == "'Tis"


def test_escaped_cells_written_by_hand_load_unescaped(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(
        "id,type,date,actor,kind,subject,title,source,notes\n"
        "a,event,2024-04-18,Meta,release,llama-3,'=SUM(A1),'@src,'-2\n"
        "b,event,2024-04-18,Meta,release,llama-3,''=x,'Tis,'\n"
        "c,event,2024-04-18,Meta,release,llama-3,'+1,\"'=a,b\",\"'\tx\"\n",
        encoding="utf-8",
    )
    tl = lt.load(path)
    assert (tl["a"].title, tl["a"].source.name, tl["a"].notes) == ("=SUM(A1)", "@src", "-2")
    assert (tl["b"].title, tl["b"].source.name, tl["b"].notes) == ("'=x", "'Tis", "'")
    assert (tl["c"].title, tl["c"].source.name, tl["c"].notes) == ("+1", "=a,b", "\tx")


def test_a_formula_in_a_column_name_is_neutralised_and_kept(tmp_path):
    event = _event(1, extra={"=cmd()": "x", "-note": "y", "@who": "z"})
    tl = lt.Timeline([event])
    path = tmp_path / "events.csv"
    tl.save(path)
    header = _cells(path.read_text(encoding="utf-8"))[0]
    assert [c for c in header if FORMULA_START.match(c)] == []
    again = lt.load(path)
    assert again == tl
    assert again.events == tl.events


def test_check_as_csv_is_neutralised_the_same_way(tmp_path, capsys):
    path = tmp_path / "events.csv"
    tl = lt.Timeline([
        _event(1, id="x-release", subject="-x", date="2024-04-20"),
        lt.Claim(id="-pred", type="prediction", date="2024-04-09", actor="-Meta", speaker="@clegg",
                 title='=HYPERLINK("http://evil","click")', source="+src", expects="release -x",
                 deadline="within a month", quote="=q", lang="en"),
        lt.Claim(id="@stmt", type="statement", date="2024-04-10", actor="=Meta", title="'=already",
                 source="-src", subject="-x", facts="params=2e9"),
    ])
    tl.save(path)
    assert main(["check", str(path), "--format", "csv", "--as-of", "2024-12-31"]) == 0
    rows = _cells(capsys.readouterr().out)
    header, body = rows[0], rows[1:]
    assert len(body) == 2
    bad = [cell for row in rows for cell in row if FORMULA_START.match(cell)]
    assert bad == []
    by_id = {row[header.index("id")]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_id) == {"'-pred", "'@stmt"}
    pred = by_id["'-pred"]
    assert pred["title"] == '\'=HYPERLINK("http://evil","click")'
    assert (pred["actor"], pred["speaker"], pred["source"], pred["expects"]) == ("'-Meta", "'@clegg", "'+src",
                                                                                   "release -x")
    assert pred["status"] == "fulfilled"
    assert by_id["'@stmt"]["title"] == "''=already"


# -- exceptions travel between processes -----------------------------------------------------------

_PROBLEMS = (lt.Problem(2, "date", "2024-02-30", "no such day"), lt.Problem(None, None, None, "whole file"))
EXCEPTIONS = [
    lt.Error("base"),
    lt.DateError("2024-13", "no month 13"),
    lt.DeadlineError("by Smarch", "unknown month"),
    lt.RecordError("bad record"),
    lt.SaveError("out/x.csv", "read-only", 13),
    lt.UnknownRecordError("no record 'x'"),
    lt.LoadError("events.csv", _PROBLEMS),
    lt.MergeError("a + b", _PROBLEMS),
    lt.ArgumentError("bad value"),
    lt.ArgumentTypeError("bad type"),
]


def _fields(exc: BaseException) -> dict[str, object]:
    return {k: v for k, v in vars(exc).items() if not k.startswith("__")}


@pytest.mark.parametrize("exc", EXCEPTIONS, ids=lambda e: type(e).__name__)
def test_every_exception_pickles_with_its_fields_and_message(exc):
    import pickle

    assert {type(e) for e in EXCEPTIONS} >= {getattr(lt, n) for n in lt.exceptions.__all__
                                             if isinstance(getattr(lt, n, None), type)
                                             and issubclass(getattr(lt, n), BaseException)}
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc)
    assert str(back) == str(exc) and back.args == exc.args
    assert _fields(back) == _fields(exc)


def _load_in_worker(path: str) -> int:
    return len(lt.load(path))


@pytest.mark.slow
def test_a_load_error_in_a_process_pool_comes_back_as_itself(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    bad = tmp_path / "bad.csv"
    bad.write_text("id,type,date,actor,kind,subject,title,source\ne1,event,2024-02-30,A,release,x,X,s\n")
    with ProcessPoolExecutor(max_workers=1) as pool:
        with pytest.raises(lt.LoadError) as caught:
            pool.submit(_load_in_worker, str(bad)).result()
        assert caught.value.problems[0].line == 2 and caught.value.path == str(bad)
        assert pool.submit(_load_in_worker, str(lt.store.bundled_path())).result() == len(lt.load())


_TERMINATED_SAVER = textwrap.dedent("""
    import sys
    import llmtimeline as lt
    tl = lt.load(sys.argv[1])
    print("ready", flush=True)
    while True:
        tl.save(sys.argv[2])
""")


@pytest.mark.slow  # child processes stopped with SIGTERM while they save
@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_sigterm_during_a_save_leaves_no_temporary_file_and_a_whole_file(tmp_path, suffix):
    big = tmp_path / "big.csv"
    _big_file(big, 15_000)
    expected = lt.load(big)
    for k, delay in enumerate([0.0, 0.02, 0.05, 0.1, 0.17]):
        folder = tmp_path / f"run{k}"
        folder.mkdir()
        target = folder / f"events{suffix}"
        proc = subprocess.Popen([sys.executable, "-c", _TERMINATED_SAVER, str(big), str(target)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGTERM, err
        assert "Traceback" not in err
        assert os.listdir(folder) in ([], [target.name]), os.listdir(folder)
        if target.exists():
            assert lt.load(target) == expected
