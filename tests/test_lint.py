"""tl.lint(): warnings (never errors) with suggestions, and validate's exit codes with warnings."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest

import llmtimeline as lt
from llmtimeline.cli import main
from llmtimeline.lint import LINT_CODES, RULES, rules_markdown, select_codes
from llmtimeline.schema import COLUMNS

HEADER = "id,type,date,actor,kind,subject,title,expects,deadline,facts,source,url"
URL = "https://example.com/a"
GPT5 = f"gpt-5-release,event,2025-08-07,OpenAI,release,gpt-5,GPT-5,,,,OpenAI,{URL}"
GEMINI = f"gemini-2-release,event,2024-12-11,Google,release,gemini-2,Gemini 2,,,,Google,{URL}"


def timeline(*rows):
    return lt.load(io.StringIO("\n".join([HEADER, *rows]) + "\n"))


def prediction(expects, deadline="2025", url=URL, id="p"):
    return f"{id},prediction,2024-01-01,OpenAI,,,Someone said so,{expects},{deadline},,press,{url}"


def warnings(*rows):
    return timeline(*rows).lint()


def test_a_clean_timeline_has_no_warnings_and_the_columns_are_fixed():
    found = warnings(GPT5, prediction("release gpt-5"))
    assert found.empty
    assert list(found.columns) == ["id", "column", "value", "code", "message", "suggestion"]


@pytest.mark.parametrize(("expects", "code", "message", "suggestion"), [
    ("releases gpt-5", "LT102", "no event has the kind 'releases'", "did you mean 'release'?"),
    ("release gpt5", "LT101", "no event yet names 'gpt5'", "did you mean 'gpt-5'?"),
    ("release gtp-5", "LT101", "no event yet names 'gtp-5'", "did you mean 'gpt-5'?"),
    ("release GPT_5o", "LT101", "no event yet names 'GPT_5o'", "did you mean 'gpt-5'?"),
    # another version number is another product, not a typo: nothing proposed
    ("release gemini-3", "LT101", "no event yet names 'gemini-3'", ""),
    ("release gemini-2.5", "LT101", "no event yet names 'gemini-2.5'", ""),
    ("release claude-9", "LT101", "no event yet names 'claude-9'", ""),
])
def test_an_expects_nothing_names_gets_did_you_mean_only_when_close(expects, code, message, suggestion):
    found = warnings(GPT5, GEMINI, prediction(expects))
    (row,) = found.itertuples()
    assert (row.id, row.column, row.value, row.code) == ("p", "expects", expects, code)
    assert row.message.startswith(message) and "missed" in row.message
    assert row.suggestion == suggestion


def test_an_unknown_subject_is_no_event_yet_not_a_mistake():
    (row,) = warnings(GPT5, prediction("release gpt-7")).itertuples()
    assert "no event yet" in row.message and "pending" in row.message
    assert not any(word in row.message.lower() for word in ("typo", "mistake", "error", "wrong"))


@pytest.mark.parametrize("expects", ["release Gemini 2", "release GEMINI_2", "release  gemini-2"])
def test_names_that_are_the_same_after_normalisation_are_no_warning(expects):
    assert warnings(GEMINI, prediction(expects.replace("  ", " "))).empty


def test_aliases_and_families_of_subject_records_are_known_names():
    subjects = [
        "s1,subject,2024,Google,,gemini,Gemini,,,aka=bard,Google,",
        "s2,subject,2024,Meta,,llama-3-70b,Llama 3 70B,,,part_of=llama-3,Meta,",
    ]
    assert warnings(*subjects, GEMINI, prediction("release Bard"), prediction("release llama-3", id="q")).empty
    (row,) = warnings(*subjects, prediction("release bardd")).itertuples()
    assert row.suggestion == "did you mean 'bard'?"


def test_both_kind_and_subject_unknown_give_two_warnings():
    found = warnings(GPT5, prediction("releasse gpt5"))
    assert found["suggestion"].tolist() == ["did you mean 'release'?", "did you mean 'gpt-5'?"]


def test_a_common_kind_without_events_is_no_typo():
    assert warnings(GPT5, prediction("availability gpt-5")).empty


def test_a_prediction_without_a_deadline():
    (row,) = warnings(GPT5, prediction("release gpt-5", deadline="")).itertuples()
    assert (row.id, row.column, row.value) == ("p", "deadline", "")
    assert "without a deadline" in row.message and row.suggestion


def test_a_statement_without_facts():
    statement = f"s,statement,2024-01-01,OpenAI,,gpt-5,GPT-5 will be good,,,,press,{URL}"
    (row,) = warnings(GPT5, statement).itertuples()
    assert (row.id, row.column) == ("s", "facts") and "unverified" in row.message


def test_a_claim_without_a_url():
    (row,) = warnings(GPT5, prediction("release gpt-5", url="")).itertuples()
    assert (row.id, row.column) == ("p", "url") and "URL" in row.message


def test_events_whose_sources_date_them_apart():
    other = f"gpt-5-bis,event,2025-08-09,OpenAI,release,GPT 5,GPT-5,,,,The Verge,{URL}"
    (row,) = warnings(GPT5, other).itertuples()
    assert (row.id, row.column, row.value) == ("gpt-5-bis", "date", "2025-08-09")
    assert "'gpt-5-release' (2025-08-07, source 'OpenAI')" in row.message and "conflict" in row.message


@pytest.mark.parametrize("other", [
    f"b,event,2025-08,OpenAI,release,gpt-5,GPT-5,,,,The Verge,{URL}",  # a month that holds the day: no conflict
    f"b,event,2025-08-09,OpenAI,release,gpt-5,GPT-5,,,,OpenAI,{URL}",  # one source, two events: its business
    f"b,event,2025-08-09,OpenAI,announcement,gpt-5,GPT-5,,,,The Verge,{URL}",  # another kind
])
def test_events_that_can_both_be_right_are_no_conflict(other):
    assert warnings(GPT5, other).empty


def test_warnings_come_in_file_order():
    found = warnings(prediction("release gpt5", deadline="", id="a"), GPT5, prediction("release gpt-5", url="", id="b"))
    assert found[["id", "column"]].values.tolist() == [["a", "expects"], ["a", "deadline"], ["b", "url"]]


def test_many_unknown_names_are_all_reported():
    rows = [GPT5] + [prediction(f"release unknown-model-{i}", id=f"p{i}") for i in range(1_500)]
    found = warnings(*rows)
    assert len(found) == 1_500 and (found["column"] == "expects").all()


def test_lint_skips_records_kept_with_problems():
    tl = lt.load(io.StringIO("\n".join([HEADER, GPT5, prediction("release gpt5", deadline="by Smarch")]) + "\n"),
                 errors="keep")
    assert len(tl.problems) == 1 and tl.lint().empty


# -- validate: errors, then warnings; exit 1 on errors, 0 on warnings alone, --strict 1 --------------------


def write(tmp_path, *rows):
    path = tmp_path / "mine.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def test_validate_warnings_alone_exit_0(tmp_path, capsys):
    path = write(tmp_path, GPT5, prediction("release gpt5"))
    assert main(["validate", path]) == 0
    out, err = capsys.readouterr()
    assert out == f"{path}: OK, 2 records (1 events, 1 claims), 1 warning (LT101: 1)\n"
    (line,) = err.splitlines()  # warnings on standard error, one line each, with the file's line and the code
    assert line.startswith(f"{path}:3: LT101 id 'p', column 'expects': 'release gpt5': no event yet names 'gpt5'")
    assert line.endswith("; did you mean 'gpt-5'?")


def test_validate_strict_exits_1_on_warnings(tmp_path, capsys):
    assert main(["validate", "--strict", write(tmp_path, GPT5, prediction("release gpt5"))]) == 1
    assert main(["validate", "--strict", write(tmp_path, GPT5, prediction("release gpt-5"))]) == 0


def test_validate_prints_errors_then_warnings_and_exits_1(tmp_path, capsys):
    path = write(tmp_path, GPT5, prediction("release gpt5"), "x,event,2024-13,A,release,y,Y,,,,s,")
    assert main(["validate", path]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[0] == f"{path}: 1 problem:" and "line 4, column 'date': '2024-13'" in lines[1]
    assert lines[2].startswith(f"{path}:3: LT101 ") and "did you mean 'gpt-5'?" in lines[2] and len(lines) == 3
    assert out == f"{path}: 1 error, 1 warning (LT101: 1)\n"


# -- codes: one table, ruff's select / ignore / statistics ------------------------------------------------


def test_the_table_of_codes():
    codes = [r.code for r in RULES]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"LT\d{3}", c) for c in codes)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)+", r.name) for r in RULES)
    assert {r.code: r.name for r in RULES}["LT101"] == "expects-unknown-subject"
    assert list(LINT_CODES) == codes and LINT_CODES["LT401"].name == "dated-after-today"
    assert all(r.column in COLUMNS for r in RULES) and all(r.why for r in RULES)


def test_every_warning_carries_its_rules_code_and_column():
    other = f"gpt-5-bis,event,2025-08-09,OpenAI,release,GPT 5,GPT-5,,,,The Verge,{URL}"
    statement = "s,statement,2024-01-01,OpenAI,,gpt-5,GPT-5 will be good,,,,press,"
    future = f"f,event,2999-01-01,OpenAI,release,gpt-9,GPT-9,,,,OpenAI,{URL}"
    found = warnings(GPT5, other, statement, future, prediction("releasse gpt5", deadline=""))
    assert sorted(found["code"]) == ["LT101", "LT102", "LT201", "LT202", "LT301", "LT302", "LT401"]
    by_code = {r.code: r for r in RULES}
    assert all(by_code[code].column == column for code, column in zip(found["code"], found["column"], strict=True))


def test_a_record_dated_after_today_is_a_warning():
    future = f"f,event,2999-01,OpenAI,release,gpt-9,GPT-9,,,,OpenAI,{URL}"
    (row,) = warnings(GPT5, future).itertuples()
    assert (row.id, row.column, row.value, row.code) == ("f", "date", "2999-01", "LT401")
    assert "after today" in row.message and "2999-01-01" in row.message
    today = dt.date.today()
    assert warnings(GPT5, f"t,event,{today.isoformat()},OpenAI,release,gpt-9,GPT-9,,,,OpenAI,{URL}").empty
    assert warnings(GPT5, f"t,event,{today.year}~,OpenAI,release,gpt-9,GPT-9,,,,OpenAI,{URL}").empty  # may be past


@pytest.mark.parametrize(("select", "ignore", "expected"), [
    ([], [], [r.code for r in RULES]),
    (["LT1"], [], ["LT101", "LT102"]),
    (["lt101", "LT4"], [], ["LT101", "LT401"]),
    ([], ["LT3", "LT201"], ["LT101", "LT102", "LT202", "LT401"]),
    (["LT1"], ["LT102"], ["LT101"]),
    (["LT101"], ["LT1"], ["LT101"]),  # the more specific choice wins, as in ruff
    (["LT1"], ["LT1"], []),  # a tie goes to ignore
    (["ALL"], ["LT4"], [r.code for r in RULES if r.code != "LT401"]),
])
def test_select_codes_as_ruff_does(select, ignore, expected):
    assert list(select_codes(select, ignore)) == expected


@pytest.mark.parametrize("bad", ["LT999", "E501", "LT5", "LT10x", ""])
def test_unknown_codes_are_refused(bad):
    with pytest.raises(ValueError, match="unknown lint code"):
        select_codes([bad])


def many(tmp_path):
    return write(tmp_path, GPT5, prediction("release gpt5", id="a"), prediction("release gpt5", deadline="", id="b"),
                 prediction("release gpt-5", url="", id="c"))


def test_validate_select_ignore_and_statistics(tmp_path, capsys):
    path = many(tmp_path)
    assert main(["validate", path]) == 0
    out, err = capsys.readouterr()
    assert out == f"{path}: OK, 4 records (1 events, 3 claims), 4 warnings (LT101: 2, LT201: 1, LT301: 1)\n"
    assert [line.split()[1] for line in err.splitlines()] == ["LT101", "LT101", "LT201", "LT301"]

    assert main(["validate", path, "--select", "LT2,LT3", "--ignore", "LT301"]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("1 warning (LT201: 1)\n") and [line.split()[1] for line in err.splitlines()] == ["LT201"]

    assert main(["validate", path, "--ignore", "LT1", "--ignore", "LT3", "--strict"]) == 1  # LT201 is left
    capsys.readouterr()

    assert main(["validate", path, "--statistics"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[:3] == ["      2  LT101  expects-unknown-subject", "      1  LT201  prediction-without-deadline",
                                    "      1  LT301  claim-without-url"]

    assert main(["validate", path, "--ignore", "LT", "--strict"]) == 0  # nothing selected: nothing to fail on
    out, err = capsys.readouterr()
    assert err == "" and out.endswith("0 warnings\n")


def test_validate_refuses_an_unknown_code_in_one_line(tmp_path, capsys):
    assert main(["validate", many(tmp_path), "--select", "LT999"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and "unknown lint code or prefix 'LT999'" in err


def test_the_docs_page_is_the_table_of_codes():
    page = Path(__file__).resolve().parent.parent / "docs" / "lint.md"
    assert page.read_text(encoding="utf-8") == rules_markdown()
    assert all(f"## {r.code} {r.name}" in page.read_text(encoding="utf-8") for r in RULES)
