"""Statement reasons, filled column-wise per case, say what the one-row-at-a-time sentences said.

The reference sentences below are the per-row templates the check used before its
reasons were filled column-wise (issue 29); random timelines over a small vocabulary
reach every case (confirmed, contradicted, unverified with and without facts).
"""

import pandas as pd
from builders import ev, stmt
from hypothesis import example, given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline.check.reasons import happened, quoted, when_text
from llmtimeline.dates import NO_DAY

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


# -- predictions and rulings: every case against the per-row sentences -----------------------------

_KINDS = ("release", "partnership", "funding")  # a verb after the name, one before it, an unknown kind
_PHRASES = ("", "within a month", "d'ici un mois", "by 2024-06-30", "next year", "soon", "bientôt", "eventually",
            "in a few weeks")
_CONDITIONS = ("", "", "params>=50e9")
_PRED_SUBJECTS = ("llama-3", "llama 3", "o1")  # "llama 3" is llama-3 as people write it
_AS_OFS = ("2024-03-31", "2024-06-30", "2025-06-30")


def _sentence_start(kind: str, subject: str) -> str:
    """The old ``happened`` at the start of a sentence: a capital, unless the name comes first."""
    text = happened(kind, "\x00")
    if not text.startswith("\x00"):
        text = text[:1].upper() + text[1:]
    return text.replace("\x00", subject)


def _prediction_reference(p: dict, as_of: str) -> str:
    """The reason of one prediction, as the per-row code made it (``p``: the row's texts and numbers)."""
    q = quoted(p["phrase"], p["lang"])
    said = f"{q}, said {p['date']}" if p["phrase"] else ""
    deadline, status, soft, vague, negated = p["deadline"], p["status"], p["soft"], p["vague"], p["negated"]
    what = f"{p['kind']} of {p['subject']}" + (f" with {p['conditions']}" if p["conditions"] else "")
    if p["event_id"]:
        done = f"{_sentence_start(p['kind'], p['event_subject'])} {when_text(p['event_date'])}"
        tail = f"; event {p['event_id']}."
        days = "1 day" if abs(p["margin"]) == 1 else f"{abs(p['margin'])} days"
        if status == "undetermined":
            return f"{done}, which may be before or after the deadline of {deadline} ({said}){tail}"
        if negated:
            if deadline:
                return f"{done}, on or before the deadline of {deadline} ({said}), contrary to the prediction{tail}"
            return f"{done}, contrary to the prediction (which named no deadline){tail}"
        if status == "fulfilled":
            if soft:
                return f"{done}, within the soft horizon of {said}, which ended {deadline}{tail}"
            if deadline:
                if p["margin"] == 0:
                    return f"{done}, on the deadline day ({said}){tail}"
                return f"{done}, {days} before the deadline of {deadline} ({said}){tail}"
            if vague:
                return f"{done}; {q} named no day{tail}"
            return f"{done}; the prediction named no deadline{tail}"
        assert status == "late", status
        if soft:
            return f"{done}, after the soft horizon of {said} ended on {deadline}{tail}"
        return f"{done}, {days} after the deadline of {deadline} ({said}){tail}"
    if negated:
        if status == "fulfilled":
            return f"No {what} is recorded by the deadline of {deadline} ({said}), as predicted."
        if deadline:
            return f"No {what} is recorded by {as_of}; the deadline is {deadline} ({said})."
        return f"No {what} is recorded by {as_of}; with no deadline, the prediction holds until one is."
    if status == "missed":
        if soft:
            return f"No {what} is recorded by {as_of}; the soft horizon of {said} ended on {deadline}."
        return f"No {what} is recorded by {as_of}; the deadline was {deadline}."
    if deadline:
        if soft:
            return f"No {what} is recorded by {as_of}; the soft horizon of {said} ends on {deadline}."
        return f"No {what} is recorded by {as_of}; the deadline is {deadline} ({said})."
    if vague:
        return f"No {what} is recorded by {as_of}; {q} names no day, so it stays open until one is."
    return f"No {what} is recorded by {as_of}, and the prediction names no deadline."


#: event days: on a deadline day (2024-01-05 "within a month"), straddling it (2024-02), after a soft horizon
_EVENT_DAYS = (*_DAYS, "2024-02-05", "2024-12-20", "2025-03")
_events = st.lists(st.builds(lambda d, k, s, f: ("event", d, k, s, f), st.sampled_from(_EVENT_DAYS),
                             st.sampled_from(_KINDS), st.sampled_from(_PRED_SUBJECTS), st.sampled_from(_EVENT_FACTS)),
                   max_size=10)
_predictions = st.lists(
    st.builds(lambda d, neg, k, s, ph, lang, c: ("prediction", d, ("not " if neg else "") + f"{k} {s}", ph, lang, c),
              st.sampled_from(_DAYS), st.booleans(), st.sampled_from(_KINDS), st.sampled_from(_PRED_SUBJECTS),
              st.sampled_from(_PHRASES), st.sampled_from(("en", "fr", "")), st.sampled_from(_CONDITIONS)),
    min_size=1, max_size=10,
)
#: events and predictions, in any order
predictions = st.tuples(_events, _predictions).flatmap(lambda both: st.permutations([*both[0], *both[1]]))


def _build(drawn: list, titled: bool, ruled: list[int]) -> list:
    built: list = []
    for i, (t, d, *rest) in enumerate(drawn):
        if t == "event":
            kind, subject, facts = rest
            built.append(ev(d, subject=subject, kind=kind, facts=facts, id=f"e{i}"))
        else:
            expects, phrase, lang, conditions = rest
            built.append(lt.Claim(id=f"p{i}", type="prediction", date=d, actor="Meta", title="prediction", source="test",
                                  expects=expects, deadline=phrase, lang=lang, facts=conditions))
    if titled:  # a display title and an alias: the reasons name subjects by their title
        built.append(lt.Subject(id="subject-llama-3", date="2020", subject="llama-3", title="Llama 3 (Meta)",
                                source="test", facts="aka=Meta Llama 3"))
        built.append(lt.Subject(id="subject-o1", date="2020", subject="o1", title="o1 preview", source="test"))
    claims = [r.id for r in built if isinstance(r, lt.Claim)]
    for j, k in enumerate(ruled):
        if claims:
            built.append(lt.Ruling(id=f"r{j}", date=("2024-02-01", "2024-05", "2024-06-30")[j % 3],
                                   claim=claims[k % len(claims)], verdict=("fulfilled", "partly", "missed")[j % 3],
                                   title="Ruled so.", source="editor", speaker=("Ed", "")[j % 2]))
    return built


#: every case of a prediction as of 2025-06-30 (random draws reach some rarely), in the order of the templates
_EVERY_CASE = [
    ("event", "2024-02-05", "release", "llama-3", ""), ("event", "2024-02", "partnership", "o1", ""),
    ("event", "2025-03", "funding", "llama 3", "params=8e9"), ("event", "2024-12-20", "release", "o1", ""),
    ("prediction", "2024-01-05", "partnership o1", "within a month", "fr", ""),  # undetermined
    ("prediction", "2024-01-05", "not partnership o1", "d'ici un mois", "fr", ""),  # undetermined, negated
    ("prediction", "2024-01-05", "not release llama-3", "by 2024-06-30", "en", ""),  # contradicted
    ("prediction", "2024-01-05", "not release llama-3", "", "en", ""),  # contradicted, no deadline
    ("prediction", "2024-01-05", "release llama-3", "in a few weeks", "en", ""),  # fulfilled within a soft horizon
    ("prediction", "2024-01-05", "release llama-3", "within a month", "en", ""),  # on the deadline day
    ("prediction", "2024-01-05", "release llama-3", "next year", "en", ""),  # early
    ("prediction", "2024-01-05", "release llama-3", "eventually", "en", ""),  # vague
    ("prediction", "2024-01-05", "release llama-3", "", "", ""),  # no deadline
    ("prediction", "2024-01-05", "funding llama-3", "soon", "", ""),  # late, after a soft horizon
    ("prediction", "2024-03-10", "release o1", "within a month", "en", ""),  # late
    ("prediction", "2024-01-05", "not funding o1", "within a month", "en", ""),  # as predicted
    ("prediction", "2024-Q2", "not funding o1", "next year", "en", ""),  # not yet
    ("prediction", "2024-02", "not funding o1", "", "en", ""),  # not yet, no deadline
    ("prediction", "2024-01-05", "funding o1", "soon", "en", ""),  # missed, soft
    ("prediction", "2024-01-05", "funding o1", "within a month", "en", ""),  # missed
    ("prediction", "2025-05-01", "funding o1", "bientôt", "fr", ""),  # pending, soft
    ("prediction", "2024-Q2", "funding o1", "next year", "en", ""),  # pending
    ("prediction", "2024-01-05", "funding o1", "eventually", "en", ""),  # pending, vague
    ("prediction", "2024-01-05", "release llama-3", "", "en", "params>=50e9"),  # pending, no deadline (conditions)
    ("prediction", "2024-01-06", "release llama-3", "within a month", "en", ""),  # early by one day
]


def test_every_prediction_case_is_reached() -> None:
    """The example below meets every template of a prediction (so the property test checks each)."""
    report = lt.Timeline(_build(_EVERY_CASE, True, [])).check(as_of="2025-06-30")
    report = report.iloc[report["id"].str[1:].astype(int).argsort()]  # in the order above
    assert report["auto_status"].tolist() == [
        "undetermined", "undetermined", "contradicted", "contradicted", "fulfilled", "fulfilled", "fulfilled",
        "fulfilled", "fulfilled", "late", "late", "fulfilled", "pending", "pending", "missed", "missed", "pending",
        "pending", "pending", "pending", "fulfilled"]
    reasons = report["reason"].tolist()
    for i, words in enumerate(("which may be before or after", "which may be before or after", "contrary to the prediction",
                               "which named no deadline", "within the soft horizon", "on the deadline day",
                               "before the deadline of", "named no day", "the prediction named no deadline",
                               "after the soft horizon", "after the deadline of", "as predicted", "the deadline is",
                               "with no deadline, the prediction holds", "the soft horizon of", "the deadline was",
                               "ends on", "the deadline is", "names no day, so it stays open",
                               "with params>=50e9 is recorded by 2025-06-30, and the prediction names no deadline",
                               ", 1 day before the deadline of 2024-02-06")):
        assert words in reasons[i], (i, reasons[i])


@settings(max_examples=15, deadline=None)  # one check per example: about 0.1 s each
@given(predictions, st.booleans(), st.lists(st.integers(0, 30), max_size=3), st.sampled_from(_AS_OFS))
@example(_EVERY_CASE, True, [1, 4], "2025-06-30")
@example(_EVERY_CASE, False, [], "2025-06-30")
def test_prediction_and_ruling_reasons_are_the_per_row_sentences(drawn, titled, ruled, as_of):
    tl = lt.Timeline(_build(drawn, titled, ruled))
    report = tl.check(as_of=as_of)
    cells = tl.cells.set_index("id", drop=False)
    typed = tl.typed.set_index(tl.cells["id"])
    for row in report.itertuples(index=False):
        c, d = cells.loc[row.id], typed.loc[row.id]
        if row.type != "prediction":
            continue
        event = cells.loc[row.event_id] if isinstance(row.event_id, str) else None
        soft = d["deadline"] == NO_DAY and d["horizon"] != NO_DAY
        p = {"phrase": c["deadline"], "lang": c["lang"], "date": c["date"], "conditions": c["facts"],
             "deadline": "" if pd.isna(row.deadline) else f"{row.deadline:%Y-%m-%d}", "status": row.auto_status,
             "soft": soft, "vague": bool(d["vague"]), "negated": bool(d["exp_negated"]), "kind": d["exp_kind"],
             "subject": tl.names.display(d["exp_subject"]), "event_id": "" if event is None else event["id"],
             "event_subject": "" if event is None else tl.names.display(event["subject"]),
             "event_date": "" if event is None else event["date"],
             "margin": 0 if pd.isna(row.margin_days) else int(row.margin_days)}
        expected = _prediction_reference(p, as_of)
        if isinstance(row.ruling_id, str):
            r = cells.loc[row.ruling_id]
            by = f" by {r['speaker']}" if r["speaker"] else ""
            expected = (f"Ruled {r['verdict']} {when_text(r['date'])}{by}: {r['title'].rstrip('. ')} "
                        f"(ruling {r['id']}; the automatic verdict was {row.auto_status}: {expected.rstrip('.')}).")
        assert row.reason == expected


def test_reasons_made_in_blocks_are_the_same(monkeypatch) -> None:
    """The reasons are made a block of rows at a time: blocks of a few rows give the same report."""
    tl = lt.Timeline(_build([*_EVERY_CASE, ("event", "2024-03", "release", "llama-3", "")], True, [0, 3, 7, 19]))
    whole = tl.check(as_of="2025-06-30")
    monkeypatch.setattr("llmtimeline.check.reasons._BLOCK", 3)
    pd.testing.assert_frame_equal(tl.check(as_of="2025-06-30"), whole)
    assert whole["reason"].str.startswith("Ruled ").sum() == 4
