"""Statement reasons, filled column-wise per case, say what the one-row-at-a-time sentences said.

The reference sentences below are the per-row templates the check used before its
reasons were filled column-wise (issue 29); random timelines over a small vocabulary
reach every case (confirmed, contradicted, unverified with and without facts).
"""

import pandas as pd
from builders import ev, stmt
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt

_SUBJECTS = ("llama-3", "gpt-5", "Gemini 2")
_EVENT_FACTS = ("", "params=8e9", "params=70e9", "params=8e9;license=open", "gpus=4e5", "license=open,free")
_FACTS = (*_EVENT_FACTS, "gpus>=350e3", "params<1e10")
_DAYS = ("2024-01-05", "2024-02", "2024-03-10", "2024-Q2", "2024-05-01~")


def _reference(row: pd.Series, events: dict[str, lt.Event]) -> str | None:
    """The sentence of each case as the per-row code made it (None: a contradiction, checked apart)."""
    subject, facts = row["subject"], row["facts"]
    if row["status"] == "confirmed":
        event = events[row["event_id"]]
        return f"The facts recorded about {subject} agree with {facts} (event {event.id}, {event.date})."
    if row["status"] == "contradicted":
        return None
    if not facts:
        return f"The statement about {subject} states no facts that can be checked."
    return f"No known event about {subject} records {', '.join(lt.Facts.parse(facts).keys())}."


records = st.lists(
    st.one_of(
        st.builds(lambda d, s, f: ("event", d, s, f), st.sampled_from(_DAYS), st.sampled_from(_SUBJECTS),
                  st.sampled_from(_EVENT_FACTS)),
        st.builds(lambda d, s, f: ("statement", d, s, f), st.sampled_from(_DAYS), st.sampled_from(_SUBJECTS),
                  st.sampled_from(_FACTS)),
    ),
    min_size=1, max_size=30,
)


@settings(max_examples=15, deadline=None)  # one check per example: about 0.1 s each
@given(records)
def test_statement_reasons_are_the_per_row_sentences(drawn):
    built = [ev(d, subject=s, facts=f, id=f"e{i}") if t == "event" else stmt(d, f, subject=s, id=f"s{i}")
             for i, (t, d, s, f) in enumerate(drawn)]
    events = {r.id: r for r in built if isinstance(r, lt.Event)}
    tl = lt.Timeline(built)
    report = tl.check(as_of="2024-12-31").set_index("id")
    cells = tl.cells.set_index("id")
    for claim_id, row in report.iterrows():
        given_row = pd.Series({"status": row["status"], "event_id": row["event_id"],
                               "subject": cells.loc[claim_id, "subject"], "facts": cells.loc[claim_id, "facts"]})
        expected = _reference(given_row, events)
        if expected is None:  # the sentence of one of the statement's keys (the one the event disagrees on)
            event = events[row["event_id"]]
            mine, theirs = lt.Facts.parse(given_row["facts"]), lt.Facts.parse(str(event.facts))
            candidates = [f"Event {event.id} ({event.date}) records {key}={','.join(theirs.get(key, ()))} "
                          f"about {given_row['subject']}, which contradicts {key}{mine.op(key)}{','.join(mine[key])}."
                          for key in mine.keys()]
            assert row["reason"] in candidates
        else:
            assert row["reason"] == expected
