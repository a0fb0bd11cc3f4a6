"""The command line: check formats and filters, validate, the report's scorecard."""

import csv
import io
import json
import subprocess
import sys

import pytest

from llmtimeline.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_table_filters_by_status(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "check", "--as-of", "2024-05-01", "--status", "fulfilled")
    assert code == 0
    assert "clegg-llama3-within-a-month" in out and "fulfilled" in out
    assert "contradicted" not in out and "pending" not in out


def test_check_csv_is_parsable_and_has_the_check_columns(capsys):
    code, out, _ = run(capsys, "check", "--as-of", "2024-05-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    # every report column (DESIGN.md, "Checking rules")
    assert list(rows[0]) == ["id", "date", "type", "speaker", "actor", "title", "quote", "lang", "expects", "phrase",
                             "deadline", "vague", "status", "auto_status", "ruling_id", "event_id", "event_date",
                             "margin_days", "reason", "source", "url"]
    clegg = next(r for r in rows if r["id"] == "clegg-llama3-within-a-month")
    assert (clegg["deadline"], clegg["status"], clegg["margin_days"]) == ("2024-05-09", "fulfilled", "21")
    assert clegg["phrase"] == "d'ici un mois, voire moins" and clegg["quote"].startswith("D’ici un mois")
    assert "21 days before the deadline" in clegg["reason"] and clegg["event_date"] == "2024-04-18"


def test_check_table_shows_speaker_phrase_and_quote_within_the_terminal_width(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    code, out, _ = run(capsys, "check", "--as-of", "2024-05-01", "--status", "fulfilled")
    assert code == 0 and "Nick Clegg" in out and "clegg-llama3-within-a-month" in out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 160
    start = lines[0].index("quote")
    (clegg,) = [line for line in lines if "clegg-llama3-within-a-month" in line]
    quote = clegg[start:]  # one line per row: the quote cut at a word, with "…"
    assert quote.startswith("D’ici un mois, voire moins, nous") and quote.endswith("…")
    assert "D’ici un mois, voire moins, nous espérons commencer à déployer".startswith(quote[:-1].rstrip()) or \
        quote[:-1].rstrip() in "D’ici un mois, voire moins, nous espérons commencer à déployer notre nouvelle suite"
    assert len(lines) == 2 + out.count("fulfilled")  # header, rule, one line per claim


def test_check_json_and_markdown(capsys):
    _, out, _ = run(capsys, "check", "--as-of", "2024-04-10", "--format", "json")
    records = {r["id"]: r for r in json.loads(out)}
    assert records["clegg-llama3-within-a-month"]["status"] == "pending"
    assert set(records["clegg-llama3-within-a-month"]) >= {"quote", "phrase", "reason", "auto_status", "ruling_id", "vague"}
    _, out, _ = run(capsys, "check", "--as-of", "2024-04-10", "--format", "markdown", "--status", "pending")
    lines = out.splitlines()
    assert lines[0].startswith("| id | date | type |") and lines[1].startswith("|---|")
    assert any("clegg-llama3-within-a-month" in line for line in lines[2:])


def test_validate_good_file(capsys, tmp_path):
    code, out, _ = run(capsys, "validate", "events.csv")
    assert code == 0 and "OK" in out


def test_validate_bad_file_lists_problems_and_exits_1(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,type,date,title,source\nx,event,2024-13,T,S\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1 and out.startswith(f"{bad}: ") and "error" in out  # the summary
    assert str(bad) in err and "line 2, column 'date': '2024-13'" in err and "month 13" in err


def test_bad_as_of_is_a_clear_error(capsys):
    code, _, err = run(capsys, "check", "--as-of", "tomorrow")
    assert code == 2 and "'tomorrow'" in err


def test_unknown_status_is_refused_in_one_line(capsys):
    with pytest.raises(SystemExit) as exited:  # a usage error exits 2, as argparse does
        main(["check", "--status", "won"])
    out, err = capsys.readouterr()
    assert exited.value.code == 2 and out == ""
    (line,) = err.splitlines()
    assert line.startswith("llmtimeline check: error: argument --status: invalid choice: 'won'")
    assert line.endswith("(see 'llmtimeline check --help')")


def test_report_prints_the_scorecard(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "report", "--no-plot", "--as-of", "2026-11-25")
    assert code == 0
    assert "Predictions fulfilled" in out and "Track record" in out
    assert "release llama-3" in out and "2024-05-09" in out
    assert "Statements checked against the facts" in out and "contradicted" in out


@pytest.mark.slow  # a Python process of its own
def test_python_dash_m_entry_point():
    done = subprocess.run([sys.executable, "-m", "llmtimeline.cli", "check", "--as-of", "2024-05-01", "--format", "csv",
                           "--status", "contradicted"], capture_output=True, text=True, check=True)
    assert "meta-llama-3-140b-params" in done.stdout


def test_check_csv_keeps_negative_margins_as_numbers(capsys, tmp_path):
    path = tmp_path / "late.csv"
    path.write_text(
        "id,type,date,actor,kind,subject,title,expects,deadline,source\n"
        "p,prediction,2024-04-09,Meta,,,Llama 3 within a month,release llama-3,within a month,test\n"
        "e,event,2024-05-20,Meta,release,llama-3,=Llama 3,,,test\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(path), "--as-of", "2024-06-01", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert (row["status"], row["margin_days"]) == ("late", "-11")
