"""The Timeline: the records of one file, as a validated table and as objects.

The table (cells as text, file order) is what is loaded and saved, so
``load(save(tl)) == tl`` holds cell for cell; typed columns (dates as days,
deadlines, expectations) are derived from it once, on first use, and the attrs
objects of :attr:`Timeline.events` / :attr:`Timeline.claims` are built on first
access.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import store
from .exceptions import Error, RecordError, UnknownRecordError
from .model import Claim, Event, Record, record_from_row
from .schema import COLUMNS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Timeline", "load"]

_EPOCH = np.datetime64("1970-01-01", "D")
_NO_DAY = np.iinfo(np.int64).min  # "no date" in the integer day columns


def load(path: str | os.PathLike[str] | None = None) -> Timeline:
    """Load a timeline from a CSV file (the bundled ``events.csv`` when ``path`` is None).

    Raises
    ------
    LoadError
        listing every problem of the file: line, column, value and reason.

    >>> import llmtimeline as lt
    >>> tl = lt.load()
    >>> tl["llama-3-release"].date
    When('2024-04-18')
    """
    target = store.bundled_path() if path is None else path
    table, typed = store.read(target)
    return Timeline._from_table(table, source=str(target), typed=typed)


class Timeline:
    """Dated events and claims, with their sources.

    Build one with :func:`load`, or from records::

        tl = Timeline([Event(...), Claim(...)])

    Records keep the order they were given in (the file order); :attr:`events`
    and :attr:`claims` are in date order.
    """

    def __init__(self, records: Iterable[Record] = ()) -> None:
        records = list(records)
        extras: dict[str, None] = {}
        rows = []
        for record in records:
            if not isinstance(record, (Event, Claim)):
                raise RecordError(f"a Timeline holds Event and Claim objects, got {type(record).__name__}")
            row = record.to_row()
            rows.append(row)
            extras.update(dict.fromkeys(c for c in row if c not in COLUMNS))
        columns = list(COLUMNS) + list(extras)
        table = pd.DataFrame(
            {c: np.array([r.get(c, "") for r in rows], dtype=object) for c in columns}, columns=columns
        )
        duplicated = table["id"][table["id"].duplicated()]
        if len(duplicated):
            raise RecordError(f"duplicate ids: {', '.join(map(repr, dict.fromkeys(duplicated)))}")
        self._init(table, "<records>")
        cache = {r.id: r for r in records}
        self._objects = cache

    @classmethod
    def _from_table(cls, table: pd.DataFrame, source: str, typed: pd.DataFrame | None = None) -> Timeline:
        self = cls.__new__(cls)
        self._init(table, source)
        if typed is not None:  # parsed by the store while validating: nothing is parsed twice
            self.__dict__["_derived"] = typed
        return self

    def _init(self, table: pd.DataFrame, source: str) -> None:
        self._table = table.reset_index(drop=True)
        self._source = source
        self._objects: dict[str, Record] = {}

    # -- derived columns --------------------------------------------------------------
    @functools.cached_property
    def _derived(self) -> pd.DataFrame:
        """Typed columns, one row per record: dates as integer days, expectations, deadlines.

        See :func:`llmtimeline.store.typed_columns`; a loaded timeline gets them from the store.
        """
        return store.typed_columns(self._table)

    @functools.cached_property
    def _order(self) -> np.ndarray:
        """Row positions in date order: earliest day, latest day, id."""
        d = self._derived
        earliest, latest = d["earliest"].to_numpy(), d["latest"].to_numpy()
        order = np.lexsort((latest, earliest))
        # records on the same days: by id (only those runs are sorted as text)
        e, la = earliest[order], latest[order]
        same = (e[1:] == e[:-1]) & (la[1:] == la[:-1])
        if same.any():
            ids = self._table["id"].tolist()
            edges = np.flatnonzero(np.diff(np.concatenate(([0], same.astype(np.int8), [0]))))
            for start, stop in zip(edges[::2].tolist(), (edges[1::2] + 1).tolist(), strict=True):
                order[start:stop] = sorted(order[start:stop].tolist(), key=ids.__getitem__)
        return order

    # -- records ------------------------------------------------------------------------
    def _record(self, position: int) -> Record:
        row = self._table.iloc[position]
        rid = row["id"]
        record = self._objects.get(rid)
        if record is None:
            extras = tuple(c for c in self._table.columns if c not in COLUMNS)
            record = record_from_row(row.to_dict(), extras)
            self._objects[rid] = record
        return record

    @functools.cached_property
    def events(self) -> tuple[Event, ...]:
        """Every event, in date order."""
        types = self._table["type"].to_numpy()
        return tuple(self._record(int(i)) for i in self._order if types[i] == "event")  # type: ignore[misc]

    @functools.cached_property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim (predictions and statements), in date order."""
        types = self._table["type"].to_numpy()
        return tuple(self._record(int(i)) for i in self._order if types[i] != "event")  # type: ignore[misc]

    @property
    def predictions(self) -> tuple[Claim, ...]:
        """The claims that are predictions, in date order."""
        return tuple(c for c in self.claims if c.type == "prediction")

    @property
    def statements(self) -> tuple[Claim, ...]:
        """The claims that are statements, in date order."""
        return tuple(c for c in self.claims if c.type == "statement")

    @functools.cached_property
    def _positions(self) -> dict[str, int]:
        return {rid: i for i, rid in enumerate(self._table["id"].tolist())}

    def __getitem__(self, record_id: str) -> Record:
        """The record with this id; raises :class:`UnknownRecordError` (a KeyError)."""
        position = self._positions.get(record_id)
        if position is None:
            raise UnknownRecordError(f"no record has the id {record_id!r}")
        return self._record(position)

    def get(self, record_id: str, default: Record | None = None) -> Record | None:
        """The record with this id, or ``default``."""
        position = self._positions.get(record_id)
        return default if position is None else self._record(position)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._positions

    def about(self, subject: str) -> tuple[Record, ...]:
        """Every record about ``subject`` in date order: its events, its statements and
        the predictions that expect something of it.  Raises UnknownRecordError when none."""
        t, d = self._table, self._derived
        mask = ((t["subject"] == subject) | (d["exp_subject"] == subject)).to_numpy()
        found = tuple(self._record(int(i)) for i in self._order if mask[i])
        if not found:
            raise UnknownRecordError(f"no record is about {subject!r}")
        return found

    @property
    def subjects(self) -> list[str]:
        """Every subject named by an event, a statement or a prediction, sorted."""
        names = set(self._table["subject"]) | set(self._derived["exp_subject"])
        names.discard("")
        return sorted(names)

    @property
    def actors(self) -> list[str]:
        """Every actor, sorted."""
        return sorted(set(self._table["actor"]) - {""})

    def __len__(self) -> int:
        return len(self._table)

    def __iter__(self) -> Iterator[Record]:
        """Every record, in date order."""
        return (self._record(int(i)) for i in self._order)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        a, b = self._table, other._table
        return list(a.columns) == list(b.columns) and a.shape == b.shape and bool((a.to_numpy() == b.to_numpy()).all())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        n_events = int((self._table["type"] == "event").sum())
        return f"<Timeline: {n_events} events, {len(self) - n_events} claims from {self._source}>"

    # -- saving ------------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the timeline as CSV, atomically (a temporary file, then a rename).

        Cells are written as they were loaded, so ``load(path) == self``.
        """
        if len(self) == 0:
            raise Error("an empty timeline cannot be saved: events.csv needs at least one record")
        store.write_table(self._table, path)

    # -- views (defined in their own modules) -------------------------------------------------
    def events_frame(self) -> pd.DataFrame:
        """The events as a DataFrame in date order (``earliest``/``latest`` as datetimes)."""
        from .frames import events_frame

        return events_frame(self)

    def claims_frame(self) -> pd.DataFrame:
        """The claims as a DataFrame in date order (with each prediction's deadline date)."""
        from .frames import claims_frame

        return claims_frame(self)

    def check(self, as_of: Any = None) -> pd.DataFrame:
        """Check every claim against the events known ``as_of`` (default: today).

        See :func:`llmtimeline.check.check`.
        """
        from .check import check

        return check(self, as_of=as_of)

    def track_record(self, by: str = "actor", as_of: Any = None) -> pd.DataFrame:
        """Counts per status, on-time rate and median margin per actor or speaker.

        See :func:`llmtimeline.check.track_record`.
        """
        from .check import track_record

        return track_record(self, by=by, as_of=as_of)

    def _repr_html_(self) -> str:
        """The summary Jupyter shows: counts, date range, sources, busiest actors."""
        from .display import timeline_html

        return timeline_html(self)

    def plot(self, as_of: Any = None, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Draw the release timeline; see :func:`llmtimeline.plot.plot_timeline`."""
        from .plot import plot_timeline

        return plot_timeline(self, as_of=as_of, ax=ax, **kwargs)
