"""The check report's columns, assembled from the engine's per-row results.

Text columns are taken from the cells as written; dates become datetime64; the
statuses ordered Categoricals over STATUSES.  The dtypes are the same for every
report, empty or not, so views can rely on them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..dates import NO_DAY, datetimes, iso_days
from ..names import Names
from ..status import STATUSES
from .cells import POOL, STRING, Gather, in_threads, pick, texts
from .reasons import ReasonRows
from .report import COLUMNS, status_dtype

if TYPE_CHECKING:
    from ..table import Table

__all__ = ["columns", "frame", "invalid_frame"]

_TEXT = ("id", "date", "type", "speaker", "actor", "title", "quote", "lang", "expects", "source", "url")
_STRING = STRING


def _display(names: Names, cells: pd.DataFrame, record: np.ndarray, codes: np.ndarray, subjects: pa.Array,
             at: np.ndarray) -> pa.Array:
    """Each subject's title where a subject record gives one, else the subject as written.

    ``record`` are the positions of the subject records, ``codes`` the records' subject codes,
    ``at`` the rows of ``subjects``.  Codes number subjects once, aliases resolved (the typed
    ``subject_code``), and a title is given by a subject record: so a row shows a title exactly
    when its code is a subject record's code that has one, and the titles are looked up once
    per subject record.
    """
    record = record if names else np.zeros(0, np.int64)
    titled: dict[int, str] = {}
    for row, subject in zip(record.tolist(), pick(cells["subject"], record).tolist(), strict=True):
        title = names.title(str(subject)) if codes[row] >= 0 else None
        if title:
            titled.setdefault(int(codes[row]), title)
    if not titled or at.size == 0:
        return subjects
    keys = np.sort(np.fromiter(titled, dtype=np.int64, count=len(titled)))
    row_codes = np.where(at >= 0, codes[np.maximum(at, 0)], -1)
    where = np.searchsorted(keys, row_codes)
    ordered = pa.array([titled[k] for k in keys.tolist()] + [""], _STRING)
    hit = np.isin(row_codes, keys)
    shown = pc.take(ordered, pa.array(np.where(hit, where, len(keys))), memory_pool=POOL)
    return pc.if_else(pa.array(hit), shown, subjects, memory_pool=POOL)


def _datetimes(days: np.ndarray) -> Any:
    return pd.array(datetimes(days), dtype="datetime64[s]")


def _iso(days: np.ndarray) -> pa.Array:
    """ISO texts of day numbers ("" for NO_DAY), each distinct day once: a dictionary array."""
    codes, uniques = pd.factorize(days)
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32)),
                                          pa.array(iso_days(np.asarray(uniques, dtype=np.int64)), _STRING))


class _Linked:
    """Positions that repeat (the settling event or ruling of each row, -1 for none), read once each.

    ``take(column)`` is ``texts(column, at)`` made by converting each distinct
    position once: many predictions share a settling event.  ``codes(column)`` is
    the same as a dictionary array (each distinct text once, "" for none): what
    the reasons read, without a copy of the texts per row.  The distinct positions
    are numbered in order of first appearance: rows in date order meet their events
    roughly in date order, so the dictionaries are read forward, not all over.
    """

    def __init__(self, at: np.ndarray, n_records: int) -> None:
        self.at = at
        known = at >= 0
        back, distinct = pd.factorize(at[known])
        self.distinct = np.asarray(distinct, dtype=np.int64)
        self._gather = Gather(self.distinct, n_records)
        index = np.full(at.size, self.distinct.size, dtype=np.int32)  # none: the "" after the distinct texts
        index[known] = back
        self._codes = pa.array(index, pa.int32())
        self._index = pa.array(index.astype(np.int64), mask=~known)

    def take(self, column: pd.Series, empty: str | None = "") -> pa.Array:
        if self.distinct.size == 0:
            return texts(column, np.full(self.at.size, -1, dtype=np.int64), empty)
        taken = pc.take(self._gather.texts(column), self._index, memory_pool=POOL)
        return taken if empty is None else pc.coalesce(taken, pa.scalar(empty, _STRING), memory_pool=POOL)

    def codes(self, column: pd.Series, shown: Callable[[pa.Array, np.ndarray], pa.Array] | None = None) -> pa.Array:
        """The texts of ``column`` at the positions, as a dictionary array; ``shown(texts, positions)``
        first turns the distinct texts into what is shown."""
        values = self._gather.texts(column)
        if shown is not None:
            values = shown(values, self.distinct)
        dictionary = pa.concat_arrays([values, pa.array([""], _STRING)], memory_pool=POOL)
        return pa.DictionaryArray.from_arrays(self._codes, dictionary)


def columns(timeline: Table, rows: np.ndarray, is_prediction: np.ndarray, subject_records: np.ndarray,
            event_rows: np.ndarray, ruling_rows: np.ndarray, goal: np.ndarray, soft: np.ndarray, margin: np.ndarray,
            bad_key: tuple[np.ndarray, list[str]], facts: tuple[np.ndarray, list[str]]) -> tuple[dict[str, Any], ReasonRows]:
    """The report's columns for the claim ``rows`` (positions in the cells), and the per-row texts the
    reasons are made of.  Text columns are Arrow ``large_string`` arrays.

    ``is_prediction`` tells each row's type (else a statement), ``subject_records`` are the
    positions of the subject records, ``bad_key`` a statement's disagreeing key (codes, -1
    for none, and the key names) and ``facts`` every record's facts (codes and the distinct
    texts).
    """
    t, d, names = timeline.cells, timeline.typed, timeline.names
    gather = Gather(rows, len(t))
    # the text columns read at the rows, side by side: (name in out, column)
    wanted = [*((c, t[c]) for c in _TEXT if c != "type"), ("phrase", t["deadline"]), ("kind", d["exp_kind"]),
              ("exp_subject", d["exp_subject"]), ("subject", t["subject"])]
    read = dict(zip([name for name, _ in wanted], in_threads(gather.texts, [column for _, column in wanted]),
                    strict=True))
    out: dict[str, Any] = {c: read[c] for c in _TEXT if c != "type"}
    # a claim's type is "prediction" or "statement", as the engine read it
    out["type"] = pc.if_else(pa.array(is_prediction), pa.scalar("prediction", _STRING), pa.scalar("statement", _STRING),
                             memory_pool=POOL)
    out["phrase"] = read["phrase"]
    out["deadline"] = _datetimes(goal[rows])
    out["vague"] = d["vague"].to_numpy(dtype=bool)[rows]
    event, ruling = _Linked(event_rows, len(t)), _Linked(ruling_rows, len(t))
    out["event_id"] = event.take(t["id"], None)
    out["event_date"] = _datetimes(_take(d["latest"].to_numpy(), event_rows, NO_DAY).astype(np.int64))
    out["ruling_id"] = ruling.take(t["id"], None)
    codes = d["subject_code"].to_numpy()
    # what the claim is about: a prediction's expected subject, a statement's own
    about = pc.if_else(pa.array(is_prediction), read["exp_subject"], read["subject"], memory_pool=POOL)
    fact_codes, fact_texts = facts
    key_codes, key_names = bad_key
    said = ReasonRows(
        prediction=is_prediction, kind=read["kind"],
        subject=_display(names, t, subject_records, codes, about, rows),
        conditions=pc.take(pa.array(fact_texts or [""], _STRING), pa.array(fact_codes[rows] if fact_texts else
                                                                        np.zeros(rows.size, np.int64)),
                           memory_pool=POOL), phrase=out["phrase"], lang=out["lang"], date=out["date"],
        deadline=_iso(goal[rows]), has_deadline=goal[rows] != NO_DAY, soft=soft[rows], vague=out["vague"],
        negated=d["exp_negated"].to_numpy(dtype=bool)[rows],
        has_event=event_rows >= 0, has_ruling=ruling_rows >= 0, event_id=event.codes(t["id"]),
        event_subject=event.codes(t["subject"], lambda shown, at: _display(names, t, subject_records, codes, shown, at)),
        event_date=event.codes(t["date"]), event_facts=event.codes(t["facts"]),
        ruling_id=ruling.codes(t["id"]), verdict=ruling.codes(t["verdict"]), ruling_date=ruling.codes(t["date"]),
        ruling_by=ruling.codes(t["speaker"]), ruling_title=ruling.codes(t["title"]), margin=margin,
        bad_key=pa.DictionaryArray.from_arrays(pa.array(np.where(key_codes < 0, len(key_names), key_codes), pa.int32()),
                                               pa.array([*key_names, ""], _STRING)),
    )
    return out, said


def _take(values: np.ndarray, at: np.ndarray, empty: object) -> np.ndarray:
    """``values[at]`` with ``empty`` where ``at`` is -1."""
    out = values[np.maximum(at, 0)] if values.size else np.full(at.size, empty)
    return np.asarray(np.where(at >= 0, out, np.full(at.size, empty)))


def _text(values: Any) -> Any:
    """Texts (an Arrow array, or an object array of str with None where missing) as pandas' ``str`` dtype."""
    if isinstance(values, pa.Array | pa.ChunkedArray):
        if _ARROW_STR:
            return pd.array(values, dtype="str")
        values = np.asarray(values.to_pylist(), dtype=object)
    if not _ARROW_STR:
        return pd.array(values, dtype="str")
    return pd.array(pa.array(values, type=_STRING, from_pandas=True, memory_pool=POOL), dtype="str")


#: pandas' ``str`` dtype is Arrow-backed (pandas 3 with pyarrow): Arrow arrays become columns as they are.
_ARROW_STR = getattr(pd.api.types.pandas_dtype("str"), "storage", None) == "pyarrow"


def frame(cols: dict[str, Any], auto: np.ndarray, final: np.ndarray, margin: np.ndarray) -> pd.DataFrame:
    """The report DataFrame, columns in :data:`COLUMNS` order."""
    no_margin = margin == NO_DAY
    data = {
        **{c: _text(cols[c]) for c in _TEXT},
        "phrase": _text(cols["phrase"]), "deadline": cols["deadline"],
        "vague": pd.array(cols["vague"], dtype=bool),
        # the codes are positions in STATUSES, the dtype's categories: no strings to hash
        "status": pd.Categorical.from_codes(np.asarray(final, dtype=np.int8), dtype=status_dtype()),
        "auto_status": pd.Categorical.from_codes(np.asarray(auto, dtype=np.int8), dtype=status_dtype()),
        "ruling_id": _text(cols["ruling_id"]), "event_id": _text(cols["event_id"]), "event_date": cols["event_date"],
        "margin_days": pd.arrays.IntegerArray(np.where(no_margin, 0, margin).astype(np.int64), no_margin),
        "reason": _text(cols["reason"]),
    }
    return pd.DataFrame({c: data[c] for c in COLUMNS})


def invalid_frame(cells: pd.DataFrame, reasons: Sequence[str]) -> pd.DataFrame:
    """Report rows for the records kept with problems (not events or subject records): ``invalid``.

    ``cells`` are those records' cells as far as they could be read (:attr:`Timeline.invalid`),
    ``reasons`` the reason of each.
    """
    keep = ~np.isin(cells["type"].to_numpy(dtype=object), ("event", "subject"))
    n = int(keep.sum())
    none = np.full(n, NO_DAY, dtype=np.int64)
    cols: dict[str, Any] = {c: cells[c].to_numpy(dtype=object)[keep] for c in _TEXT}
    cols.update(phrase=cells["deadline"].to_numpy(dtype=object)[keep], deadline=_datetimes(none), vague=np.zeros(n, bool),
                ruling_id=np.full(n, None, dtype=object), event_id=np.full(n, None, dtype=object),
                event_date=_datetimes(none), reason=np.array(reasons, dtype=object)[keep])
    invalid = np.full(n, STATUSES.index("invalid"), dtype=np.int8)
    return frame(cols, invalid, invalid, none)
