"""The command line's output conventions: tables that fit the terminal, ``-o -``, status messages on
stderr, help and examples, one-line failures, colour and progress only on a terminal."""

import csv
import io
import json
import re
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from llmtimeline.cli import _progress, main
from llmtimeline.lint import RULES
from llmtimeline.views import palette
from llmtimeline.views.terminal_table import ELLIPSIS, cut, table

ANSI = re.compile(r"\x1b\[")
HEADER = "id,type,date,actor,speaker,kind,subject,title,expects,deadline,quote,lang,source,url"
EVENT = "llama-3-release,event,2024-04-18,Meta,,release,llama-3,Llama 3,,,,,Meta,https://ai.meta.com/llama3"


def run(capsys, *argv):
    """The exit status, standard output and standard error of ``llmtimeline ARGV`` (``--help`` and usage
    errors exit through SystemExit, as argparse does)."""
    try:
        code = main(list(argv))
    except SystemExit as exited:
        code = exited.code
    out, err = capsys.readouterr()
    return code, out, err


def widest(text):
    return max((len(line) for line in text.splitlines()), default=0)


# -- tables that fit ------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("argv", [["check"], ["check", "--as-of", "2024-05-01"], ["report", "--no-plot"]])
def test_no_line_is_wider_than_the_terminal_and_the_width_is_used(capsys, monkeypatch, width, argv):
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == ""
    assert widest(out) <= width
    assert widest(out) >= width - 5  # the quotes are long: the room is used, not left
    assert not ANSI.search(out)  # not a terminal: no colour


def test_the_quote_gets_the_room_and_ids_stay_readable(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    _, out, _ = run(capsys, "check")
    header, rule, *_rows = out.splitlines()
    widths = dict(zip(header.split(), (len(dash) for dash in rule.split()), strict=True))
    assert widths["quote"] >= 40 and widths["quote"] == max(widths.values())
    assert widths["id"] <= 32 and "meta-llama-meant-to-be-open" in out  # an id of 27 characters: whole


def test_one_line_per_row_and_cells_cut_at_a_word(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run(capsys, "check", "--format", "table")
    _, full, _ = run(capsys, "check", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(full)))
    lines = out.splitlines()
    assert len(lines) in (2 + len(rows), 3 + len(rows))  # header, rule, rows, and a note of the columns left out
    quotes = {" ".join(r["quote"].split()) for r in rows}
    start = lines[0].index("quote")
    for line in lines[2:2 + len(rows)]:
        shown = line[start:].strip()
        if shown.endswith(ELLIPSIS):
            prefix = shown[:-1]
            assert any(q.startswith(prefix) and (q[len(prefix):][:1] in (" ", "") or prefix[-1] in "-/_")
                       for q in quotes), shown


def test_machine_formats_keep_every_cell_whole(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    _, out, _ = run(capsys, "check", "--format", "json")
    records = json.loads(out)
    clegg = next(r for r in records if r["id"] == "clegg-llama3-within-a-month")
    assert ELLIPSIS not in clegg["quote"] and len(clegg["quote"]) > 100
    _, out, _ = run(capsys, "check", "--format", "markdown")
    assert clegg["quote"] in out
    _, out, _ = run(capsys, "check", "--format", "csv")
    assert clegg["quote"] in out


def test_the_track_record_shows_every_prediction_status_as_integers(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    _, out, _ = run(capsys, "report", "--no-plot")
    part = out[out.index("Track record by actor"):].splitlines()[1:]
    header = part[0].split()
    assert header[:9] == ["actor", "predictions", "fulfilled", "partly", "late", "missed", "contradicted",
                          "undetermined", "pending"]
    rows = [line for line in part[2:] if line and not line.startswith("(")]
    assert rows
    for line in rows:
        _name, *numbers = re.split(r"\s{2,}", line.strip())
        counts = numbers[:8]
        assert all(re.fullmatch(r"\d+", n) for n in counts), line  # 8, not 8.0
        assert int(counts[0]) == sum(int(n) for n in counts[1:]), line  # the columns add up


def test_the_track_record_fits_80_columns_with_every_status(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run(capsys, "report", "--no-plot")
    part = out[out.index("Track record by actor"):]
    header = next(line for line in part.splitlines() if line.startswith("actor"))
    assert header.split()[1:9] == ["total", "fulfilled", "partly", "late", "missed", "contra", "undet", "pending"]
    assert "undet = undetermined" in " ".join(part.split())  # the caption says what they stand for


names = st.lists(st.text(st.characters(categories=("L",)), min_size=1, max_size=14), min_size=1, max_size=4).map(" ".join)


@pytest.mark.slow  # thirty checks through the command, about 3 s
@settings(max_examples=30)
@given(speaker=names, quote=st.lists(names, min_size=1, max_size=12).map(" ".join))
def test_no_name_is_broken_mid_word(tmp_path_factory, speaker, quote):
    path = tmp_path_factory.mktemp("names") / "names.csv"
    claim = (f"p,prediction,2024-04-09,Meta,{speaker},,,Llama 3 soon,release llama-3,within a month,{quote},en,"
             "Meta,https://example.com/p")
    path.write_text(f"{HEADER}\n{EVENT}\n{claim}\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COLUMNS", "80")
        mp.setattr(sys, "stdout", out)
        assert main(["check", str(path), "--as-of", "2024-05-01"]) == 0
    lines = out.getvalue().splitlines()
    assert widest(out.getvalue()) <= 80
    header, rule = lines[0], lines[1]
    spans = {name: span for name, span in zip(header.split(), (m.span() for m in re.finditer(r"-+", rule)), strict=True)}
    row = next(line for line in lines if line.startswith("p "))
    for column, value in (("speaker", speaker), ("quote", quote)):
        if column not in spans:
            continue
        shown = _columns(row, *spans[column]).strip()
        assert shown == value or (shown.endswith(ELLIPSIS) and _at_a_boundary(value, shown[:-1])), (shown, value)


def _columns(line, start, end):
    """The characters of ``line`` shown in display columns ``start`` to ``end`` (a wide character takes two)."""
    out, at = [], 0
    for ch in line:
        if start <= at < end:
            out.append(ch)
        at += cell_len(ch)
    return "".join(out)


def _at_a_boundary(value, prefix):
    return value.startswith(prefix) and (prefix == "" or value[len(prefix)] == " " or prefix[-1] in "-/_")


@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=60), st.integers(0, 70))
def test_cut_keeps_whole_words_within_the_width(text, width):
    text = " ".join(text.split())
    shown = cut(text, width)
    assert cell_len(shown) <= max(width, 0)
    if cell_len(text) <= width:
        assert shown == text
        return
    assert shown.endswith(ELLIPSIS) or shown == ""
    assert _at_a_boundary(text, shown[:-1].rstrip() if shown else "")


def test_wide_characters_count_twice():
    frame = pd.DataFrame({"id": ["a"], "quote": ["数据 " * 30]})
    text = table(frame, width=40, grow="quote")
    assert max(cell_len(line) for line in text.splitlines()) <= 40


# -- -o -, status messages, help, one-line failures ----------------------------------------------


def test_export_dash_writes_to_standard_output(capsysbinary, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "timelinejs", "-o", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert "events" in json.loads(out.decode("utf-8")) and err == b""
    assert not (tmp_path / "-").exists() and list(tmp_path.iterdir()) == []


def test_export_to_a_file_says_so_on_standard_error(capsys, tmp_path):
    target = tmp_path / "t.json"
    code, out, err = run(capsys, "export", "--format", "timelinejs", "-o", str(target))
    assert code == 0 and out == "" and err == f"wrote {target}\n"
    assert "events" in json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.slow  # matplotlib draws
def test_plot_dash_writes_the_picture_to_standard_output(capsysbinary, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["plot", "-o", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert out.startswith(b"\x89PNG\r\n") and err == b""
    assert main(["plot", "-o", "-", "--format", "svg"]) == 0
    assert b"<svg" in capsysbinary.readouterr().out


@pytest.mark.slow  # the web page takes seconds
def test_report_html_dash_writes_the_page_and_moves_the_scorecard_to_stderr(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", "--no-plot", "--html", "-")
    assert code == 0 and out.lstrip().lower().startswith("<!doctype html") and "Track record" in err
    assert list(tmp_path.iterdir()) == []


def test_report_no_plot_with_an_output_is_refused(capsys, tmp_path):
    target = tmp_path / "x.png"
    code, out, err = run(capsys, "report", "--no-plot", "-o", str(target))
    assert code == 2 and out == "" and not target.exists()
    (line,) = err.splitlines()
    assert "--no-plot and -o/--output contradict" in line


def test_no_arguments_prints_the_help(capsys):
    code = main([])  # returned, not raised: asking for nothing is no error
    out, err = capsys.readouterr()
    assert code == 0 and err == "" and out.startswith("usage: llmtimeline")
    assert "report" in out and "validate" in out and "examples:" in out


@pytest.mark.parametrize("command", ["report", "check", "validate", "export", "plot", "find"])
def test_every_command_help_shows_examples(capsys, command):
    with pytest.raises(SystemExit) as exited:  # as argparse does
        main([command, "--help"])
    code, (out, _) = exited.value.code, capsys.readouterr()
    assert code == 0
    examples = out[out.index("examples:"):].split("\n\n")[0].splitlines()[1:]
    assert examples and all(f"llmtimeline {command}" in line for line in examples if line.strip())
    assert examples[0].startswith(f"  llmtimeline {command}")


def test_validate_help_lists_the_warning_codes(capsys):
    _, out, _ = run(capsys, "validate", "--help")  # SystemExit(0), as argparse does
    assert all(f"{r.code}  {r.name}" in out for r in RULES)


@pytest.mark.parametrize("argv", [
    ["nope"], ["check", "--format", "xml"], ["check", "--as-of"], ["export"], ["check", "a", "b"], ["--as-of", "x"],
])
def test_usage_errors_are_one_line(capsys, argv):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    code, (out, err) = exited.value.code, capsys.readouterr()
    assert code == 2 and out == ""
    (line,) = err.splitlines()
    assert line.startswith("llmtimeline") and "error:" in line and "--help" in line


# -- colour and progress: on a terminal only -----------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert palette.use_colour(Terminal()) and not palette.use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not palette.use_colour(Terminal())


def test_no_progress_text_when_not_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(_progress, "LARGE_BYTES", 0)  # every input counts as large
    monkeypatch.delenv("CI", raising=False)
    for argv in (["check", "events.csv"], ["validate", "events.csv"], ["report", "events.csv", "--no-plot"]):
        code, _, err = run(capsys, *argv)
        assert code == 0
        assert "loading" not in err and "checking" not in err and "\r" not in err and not ANSI.search(err)


def test_progress_is_shown_on_a_terminal_for_large_inputs_only(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    large = _progress.LARGE_BYTES + 1
    assert _progress.shows_progress(large, Terminal())
    assert not _progress.shows_progress(1_000, Terminal())
    assert not _progress.shows_progress(large, io.StringIO())
    monkeypatch.setenv("TERM", "dumb")
    assert not _progress.shows_progress(large, Terminal())
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("CI", "true")
    assert not _progress.shows_progress(large, Terminal())


def test_a_terminal_sees_the_steps(capsys, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(_progress, "LARGE_BYTES", 0)
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["check", "events.csv", "--format", "csv"]) == 0
    assert "loading" in screen.getvalue() or "checking" in screen.getvalue()
    assert "loading" not in capsys.readouterr().out  # standard output holds the table only
