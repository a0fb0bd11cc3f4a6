"""What the fast reader hands on changes nothing: a column it encodes (codes of its distinct values) is held to
the rules value for value, and the date order it sorts (ties by id, the ids sorted by pyarrow) is the Timeline's."""

import io
import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline.store._csv import read_structure
from llmtimeline.store._source import Source

HEADER = "id,type,date,actor,speaker,kind,subject,title,expects,deadline,facts,quote,lang,source,url,published,notes"


def _file(rows):
    return "\n".join([HEADER, *rows]) + "\n"


def _event(i, title="Llama", url="", ident=None):
    return f'{ident or f"e{i}"},event,2024-04-18,Meta,,release,llama-{i},"{title}",,,,,,blog,{url},,'


def test_a_bad_cell_in_a_large_file_is_reported_as_in_a_small_one(tmp_path):
    """The rules read each distinct value once: a bad title, address or id among many is still named."""
    rows = [_event(i) for i in range(3000)]
    rows[100] = _event(100, title="Llama\u2028 3")
    rows[200] = _event(200, url="https:///no-host")
    rows[300] = _event(300, title="Llama\u00a0")
    rows[400] = _event(400, ident="e5")
    rows[500] = _event(500, title=" Llama")
    rows[600] = _event(600, url="http://a.org/\u3000x")
    path = tmp_path / "many.csv"
    path.write_text(_file(rows), encoding="utf-8")
    with path.open("rb") as handle:  # titles and addresses stay Arrow text, tested by Arrow: the path this test is about
        structure = read_structure(Source(handle), [])
    encoded = {structure.header[i] for i in structure.encoded}
    assert "type" in encoded and not {"title", "url", "id"} & encoded
    tl = lt.load(path, errors="keep")
    got = sorted(zip(tl.problems["line"], tl.problems["column"], strict=True))
    assert got == [(102, "title"), (202, "url"), (302, "title"), (402, "id"), (502, "title"), (602, "url")]
    small = lt.load(io.StringIO(_file([rows[i] for i in (100, 200, 300, 5, 400, 500, 600)])), errors="keep")
    def said(problems):
        return sorted((c, v, re.sub(r"line \d+", "line N", r))
                      for c, v, r in zip(problems["column"], problems["value"], problems["reason"], strict=True))

    assert said(small.problems) == said(tl.problems)


_IDS = st.text(alphabet=st.sampled_from(["a", "b", "Z", "0", "-", "é", "É", "\u00ff", "\u0100", "\uffff", "\U0001f600",
                                          "\U00010000", "ß", "ﬁ"]), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(_IDS, st.sampled_from(["2024-04-18", "2024-04", "2024", "2024-Q2", "2023-12-31"])),
                min_size=1, max_size=12, unique_by=lambda t: t[0]))
def test_the_readers_date_order_is_the_timelines(records):
    rows = [f"{ident},event,{date},Meta,,release,llama,Llama,,,,,,blog,,," for ident, date in records]
    text = _file(rows)
    from_file = lt.load(io.StringIO(text), errors="keep")
    if len(from_file.problems):  # ids equal once NFKC-folded: refused alike either way
        return
    assert "_order" in vars(from_file)  # sorted by the reader, not by the Timeline: the path this test is about
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    from_frame = lt.load(frame)  # a DataFrame: the Timeline sorts on its own
    assert from_file.order.tolist() == from_frame.order.tolist()
    assert [e.id for e in from_file.events] == [e.id for e in from_frame.events]
