"""tl.lint(): warnings (never errors) with suggestions, and validate's exit codes with warnings."""

import io

import pytest

import llmtimeline as lt
from llmtimeline.cli import main

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
    assert list(found.columns) == ["id", "column", "value", "message", "suggestion"]


@pytest.mark.parametrize(("expects", "message", "suggestion"), [
    ("releases gpt-5", "no event has the kind 'releases'", "did you mean 'release'?"),
    ("release gpt5", "no event, alias or subject record names 'gpt5'", "did you mean 'gpt-5'?"),
    ("release gtp-5", "no event, alias or subject record names 'gtp-5'", "did you mean 'gpt-5'?"),
    ("release gemini-3", "no event, alias or subject record names 'gemini-3'", "did you mean 'gemini-2'?"),
    ("release claude-9", "no event, alias or subject record names 'claude-9'", ""),
])
def test_an_expects_nothing_names_gets_did_you_mean(expects, message, suggestion):
    found = warnings(GPT5, GEMINI, prediction(expects))
    (row,) = found.itertuples()
    assert (row.id, row.column, row.value) == ("p", "expects", expects)
    assert row.message.startswith(message) and "missed" in row.message
    assert row.suggestion == suggestion


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
    assert err == ""
    warnings, summary = out.strip().rsplit("\n", 1)
    assert summary == f"{path}: OK, 2 records (1 events, 1 claims), 1 warning"
    assert warnings.startswith(f"{path}: 1 warning:") and "did you mean 'gpt-5'?" in warnings


def test_validate_strict_exits_1_on_warnings(tmp_path, capsys):
    assert main(["validate", "--strict", write(tmp_path, GPT5, prediction("release gpt5"))]) == 1
    assert main(["validate", "--strict", write(tmp_path, GPT5, prediction("release gpt-5"))]) == 0


def test_validate_prints_errors_then_warnings_and_exits_1(tmp_path, capsys):
    path = write(tmp_path, GPT5, prediction("release gpt5"), "x,event,2024-13,A,release,y,Y,,,,s,")
    assert main(["validate", path]) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"{path}: 1 problem:") and "line 4, column 'date': '2024-13'" in err
    assert out.startswith(f"{path}: 1 warning:") and "did you mean 'gpt-5'?" in out and "OK" not in out
