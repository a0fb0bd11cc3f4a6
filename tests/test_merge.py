"""lt.merge: identical duplicates collapse, conflicting ones are one error naming both places."""

import io
from pathlib import Path

import pytest

import llmtimeline as lt

DATA = Path(__file__).parent / "data"
HEADER = "id,type,date,actor,kind,subject,title,source"


def csv(*rows, header=HEADER, name=None):
    stream = io.StringIO("\n".join([header, *rows]) + "\n")
    if name:
        stream.name = name
    return lt.load(stream)


A = "a,event,2024-04-18,Meta,release,llama-3,Llama 3,blog"
B = "b,event,2024-05-13,OpenAI,release,gpt-4o,GPT-4o,blog"
C = "c,event,2024-12-05,OpenAI,release,o1,o1,blog"


def test_identical_duplicates_collapse_in_file_order():
    merged = lt.merge(csv(A, B, name="one.csv"), csv(C, B, A, name="two.csv"))
    assert merged.cells["id"].tolist() == ["a", "b", "c"]
    assert merged["c"].date == csv(C)["c"].date
    assert merged.source == "one.csv + two.csv"


def test_merge_of_one_is_the_same_records():
    tl = csv(A, B)
    assert lt.merge(tl) == tl


def test_conflicts_are_one_error_naming_both_places_for_every_conflict():
    one = csv(A, B, name="one.csv")
    other_a = A.replace("2024-04-18", "2024-04-19")
    other_b = B.replace("GPT-4o", "GPT-4 omni")
    two = csv(C, other_a, other_b, name="two.csv")
    with pytest.raises(lt.MergeError) as info:
        lt.merge(one, two)
    error = info.value
    assert isinstance(error, lt.LoadError) and isinstance(error, ValueError)
    assert len(error.problems) == 2
    message = str(error)
    assert "one.csv line 2 and two.csv line 3" in message and "'2024-04-18' vs '2024-04-19'" in message
    assert "one.csv line 3 and two.csv line 4" in message and "title: 'GPT-4o' vs 'GPT-4 omni'" in message
    assert message.startswith("one.csv + two.csv: 2 conflicts:")


def test_ids_are_compared_as_the_loader_compares_them():
    zero_width = A.replace("a,event", "a\u200b,event", 1)
    with pytest.raises(lt.MergeError, match="same id with different cells: id"):
        lt.merge(csv(A, name="one.csv"), csv(zero_width, name="two.csv"))


def test_extra_columns_are_unioned_and_missing_ones_are_empty(tmp_path):
    one = csv(A + ",alice", header=HEADER + ",reviewer")
    two = csv(B + ",tech", header=HEADER + ",topic")
    merged = lt.merge(one, two)
    assert list(merged.cells.columns)[-2:] == ["reviewer", "topic"]
    assert merged.cells[["reviewer", "topic"]].values.tolist() == [["alice", ""], ["", "tech"]]
    merged.save(tmp_path / "m.csv")
    assert lt.load(tmp_path / "m.csv") == merged


def test_an_empty_extra_cell_is_no_difference():
    merged = lt.merge(csv(A + ",", header=HEADER + ",reviewer"), csv(A))
    assert merged.cells["id"].tolist() == ["a"]


def test_the_bundled_file_plus_ones_own_events_merge_and_check():
    own = csv("gpt-6-release,event,2026-06-01,OpenAI,release,gpt-6,GPT-6,my notes", name="mine.csv")
    bundled = lt.load()
    merged = lt.merge(bundled, own)
    assert len(merged) == len(bundled) + 1 and merged.cells["id"].iat[-1] == "gpt-6-release"
    assert (merged.lines[-1], merged.lines[0]) == (2, bundled.lines[0])
    report = merged.check(as_of="2026-07-01")
    assert len(report) == len(bundled.check(as_of="2026-07-01"))


def test_the_bundled_file_and_epochs_table_merge():
    epoch = lt.load(DATA / "notable_models.csv")
    merged = lt.merge(lt.load(), epoch)
    assert len(lt.load()) < len(merged) <= len(lt.load()) + len(epoch)
    assert merged == lt.merge(merged, epoch)  # merging again adds nothing


def test_kept_records_are_carried_and_saved_back(tmp_path):
    bad = "x,event,2024-13,Meta,release,x,X,blog"
    kept = lt.load(io.StringIO("\n".join([HEADER, C, bad, B]) + "\n"), errors="keep")
    merged = lt.merge(csv(A, B), kept)
    assert merged.cells["id"].tolist() == ["a", "b", "c"]
    assert merged.problems["id"].tolist() == ["x"]
    merged.save(tmp_path / "m.csv")
    assert (tmp_path / "m.csv").read_text().splitlines() == [HEADER, A, B, C, bad]


def test_kept_records_under_other_columns_are_refused():
    kept = lt.load(io.StringIO(f"{HEADER}\n{C}\nx,event,2024-13,Meta,release,x,X,blog\n"), errors="keep")
    with pytest.raises(lt.Error, match="kept with problems"):
        lt.merge(lt.load(), kept)


@pytest.mark.parametrize(("args", "error"), [
    ((), lt.ArgumentError),
    (("events.csv",), lt.ArgumentTypeError),
])
def test_bad_arguments(args, error):
    with pytest.raises(error):
        lt.merge(*args)


def test_a_kept_record_merged_with_itself_is_kept_once(tmp_path):
    bad = "x,event,2024-13,Meta,release,x,X,blog"
    kept = lt.load(io.StringIO("\n".join([HEADER, C, bad, B]) + "\n"), errors="keep")
    merged = lt.merge(kept, kept)
    assert merged.problems["id"].tolist() == ["x"] and len(merged.kept.records) == 1
    merged.save(tmp_path / "m.csv")
    assert (tmp_path / "m.csv").read_text().splitlines() == [HEADER, C, bad, B]
    assert lt.merge(merged, kept) == merged


@pytest.mark.parametrize("kept_first", [True, False])
def test_a_kept_record_and_a_loaded_one_with_its_id_are_a_conflict_naming_both(kept_first):
    bad_a = "a,event,2024-13,Meta,release,llama-3,Llama 3,blog"
    kept = lt.load(io.StringIO("\n".join([HEADER, B, bad_a]) + "\n"), errors="keep")
    kept_source = kept.source
    good = csv(A, name="good.csv")
    with pytest.raises(lt.MergeError) as caught:
        lt.merge(kept, good) if kept_first else lt.merge(good, kept)
    (problem,) = caught.value.problems
    assert problem.value == "a"
    assert "good.csv line 2" in problem.reason and f"{kept_source} line 3 (kept with problems)" in problem.reason


def test_two_kept_records_with_one_id_written_differently_are_a_conflict():
    one = lt.load(io.StringIO(f"{HEADER}\n{B}\nx,event,2024-13,Meta,release,x,X,blog\n"), errors="keep")
    other = lt.load(io.StringIO(f"{HEADER}\n{C}\nx,event,2024-14,Meta,release,x,X,blog\n"), errors="keep")
    with pytest.raises(lt.MergeError, match="same id with different records"):
        lt.merge(one, other)


def test_a_merge_error_of_twenty_thousand_conflicts_lists_a_thousand_and_counts_the_rest():
    n = 20_000
    left = lt.load(io.StringIO(HEADER + "\n" + "".join(f"e{i},event,2024-01-01,A,release,s{i},T,x\n"
                                                       for i in range(n))))
    right = lt.load(io.StringIO(HEADER + "\n" + "".join(f"e{i},event,2024-01-02,A,release,s{i},T,x\n"
                                                        for i in range(n))))
    with pytest.raises(lt.MergeError) as caught:
        lt.merge(left, right)
    message = str(caught.value)
    assert len(caught.value.problems) == n
    assert message.count("\n") == 1 + 1_000
    assert message.splitlines()[0].endswith("20,000 conflicts:")
    assert message.splitlines()[-1] == "  ... and 19,000 more conflicts (error.problems lists them all)"
    assert len(message) < 300_000
