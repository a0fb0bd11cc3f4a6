"""What a column's bytes tell (store._facts) is what the Python rules say of its cells, value for value."""

import io
import re
import sys

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline.expects import all_one_line
from llmtimeline.schema import CELL_RULES
from llmtimeline.store._facts import SPACES, column_facts

HEADER = "id,type,date,actor,speaker,kind,subject,title,expects,deadline,facts,quote,lang,source,url,published,notes"

#: Text rich in what the rules look at: every white space, line breaks, scheme pieces, slashes.
_TRICKY = st.text(alphabet=st.sampled_from([*SPACES, "a", "é", "/", "?", "#", ":", "h", "t", "p", "s", "-", "\u200b"]),
                  max_size=12)
_URLISH = st.one_of(_TRICKY, _TRICKY.map(lambda t: "http://" + t), _TRICKY.map(lambda t: "https://" + t))


def _cells(values):
    """The values as the reader holds them: a slice of an array whose first value is the header."""
    return pa.array(["header \u2028", *values], pa.string()).slice(1)


def test_the_spaces_are_the_interpreters_white_space():
    assert SPACES == "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_TRICKY, st.text(max_size=6)), max_size=8))
def test_one_line_is_the_rule_of_one_line_cells(values):
    values = [v.replace("\x00", "") for v in values]
    assert column_facts("title", _cells(values)).one_line == all_one_line(values)


@settings(max_examples=150, deadline=None)
@given(st.lists(_URLISH, max_size=6))
def test_urls_is_the_rule_of_url(values):
    rule = CELL_RULES["url"].check
    expected = all(rule(v) is None for v in values if v)
    assert column_facts("url", _cells(values)).urls == expected


def _file(rows):
    return "\n".join([HEADER, *rows]) + "\n"


def _event(i, title="Llama", url="", ident=None):
    return f'{ident or f"e{i}"},event,2024-04-18,Meta,,release,llama-{i},"{title}",,,,,,blog,{url},,'


def test_a_bad_cell_in_a_large_file_is_reported_as_in_a_small_one(tmp_path):
    """The facts only skip rules every cell passes: a bad title, address or id among many is still named."""
    rows = [_event(i) for i in range(3000)]
    rows[100] = _event(100, title="Llama\u2028 3")
    rows[200] = _event(200, url="https:///no-host")
    rows[300] = _event(300, title="Llama\u00a0")
    rows[400] = _event(400, ident="e5")
    rows[500] = _event(500, title=" Llama")
    rows[600] = _event(600, url="http://a.org/\u3000x")
    path = tmp_path / "many.csv"
    path.write_text(_file(rows), encoding="utf-8")
    tl = lt.load(path, errors="keep")
    got = sorted(zip(tl.problems["line"], tl.problems["column"], strict=True))
    assert got == [(102, "title"), (202, "url"), (302, "title"), (402, "id"), (502, "title"), (602, "url")]
    small = lt.load(io.StringIO(_file([rows[i] for i in (100, 200, 300, 5, 400, 500, 600)])), errors="keep")
    def said(problems):
        return sorted((c, v, re.sub(r"line \d+", "line N", r))
                      for c, v, r in zip(problems["column"], problems["value"], problems["reason"], strict=True))

    assert said(small.problems) == said(tl.problems)
