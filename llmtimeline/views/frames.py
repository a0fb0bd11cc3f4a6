"""Timeline records as pandas DataFrames, in date order.

Text columns are pandas ``str`` columns with ``""`` for an empty cell; ``earliest``
and ``latest`` (and a prediction's ``deadline``) are ``datetime64`` columns,
so ``frame[frame.latest < "2024"]`` and ``frame.set_index("earliest")`` work as usual.
A claim's deadline is named as in the report of :meth:`~llmtimeline.Timeline.check`:
``phrase`` is the text as written, ``deadline`` its last day (the same
``datetime64`` type in every frame).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..dates import datetimes
from ..schema import COLUMNS

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = ["claims_frame", "events_frame"]

EVENT_COLUMNS = ("id", "date", "earliest", "latest", "precision", "approximate", "actor", "kind", "subject",
                 "title", "facts", "speaker", "quote", "lang", "source", "url", "published", "notes")
CLAIM_COLUMNS = ("id", "type", "date", "earliest", "latest", "precision", "approximate", "actor", "speaker",
                 "subject", "title", "expects", "phrase", "deadline", "vague", "facts", "quote", "lang",
                 "source", "url", "published", "notes")


def _datetimes(days: np.ndarray) -> pd.Series:
    return pd.Series(datetimes(days), dtype="datetime64[s]")


def _frame(timeline: Timeline, types: tuple[str, ...], columns: tuple[str, ...]) -> pd.DataFrame:
    t, d = timeline.cells, timeline.typed
    order = timeline.order
    order = order[np.isin(t["type"].to_numpy(dtype=object)[order], types)]
    extras = [c for c in t.columns if c not in COLUMNS]
    data: dict[str, object] = {}
    for name in columns:
        if name in ("earliest", "latest"):
            data[name] = _datetimes(d[name].to_numpy()[order])
        elif name == "deadline":
            data[name] = _datetimes(d["deadline"].to_numpy()[order])
        elif name == "phrase":
            data[name] = pd.Series(t["deadline"].to_numpy(dtype=object)[order], dtype="str")
        elif name in ("precision", "approximate", "vague"):
            data[name] = d[name].to_numpy()[order]
        else:
            data[name] = pd.Series(t[name].to_numpy(dtype=object)[order], dtype="str")
    for name in extras:
        data[name] = pd.Series(t[name].to_numpy(dtype=object)[order], dtype="str")
    frame = pd.DataFrame(data)
    frame["precision"] = frame["precision"].astype("str")
    return frame


def events_frame(timeline: Timeline) -> pd.DataFrame:
    """The events, one row each, in date order.

    >>> import llmtimeline as lt
    >>> f = lt.load().events_frame()
    >>> f.loc[f.id == "llama-3-release", ["earliest", "kind", "subject"]].values.tolist()
    [[Timestamp('2024-04-18 00:00:00'), 'release', 'llama-3']]
    """
    return _frame(timeline, ("event",), EVENT_COLUMNS)


def claims_frame(timeline: Timeline) -> pd.DataFrame:
    """The claims (predictions and statements), one row each, in date order.

    ``phrase`` is the deadline as written (the file's ``deadline`` cell);
    ``deadline`` the last day of its window (``datetime64``, NaT when open), as in
    the report; ``vague`` marks phrases such as "soon".

    >>> import llmtimeline as lt
    >>> f = lt.load().claims_frame().set_index("id")
    >>> f.loc["clegg-llama3-within-a-month", ["phrase", "deadline"]].tolist()
    ["d'ici un mois, voire moins", Timestamp('2024-05-09 00:00:00')]
    """
    return _frame(timeline, ("prediction", "statement"), CLAIM_COLUMNS)
