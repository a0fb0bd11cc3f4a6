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
from .model import Claim, Event, Record, Ruling, Subject, records_from_columns
from .names import Names
from .schema import COLUMNS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .check import Report

__all__ = ["Timeline", "load"]


def load(path: str | os.PathLike[str] | None = None) -> Timeline:
    """Load a timeline from a CSV or Parquet file (the bundled ``events.csv`` when ``path`` is None).

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
            if not isinstance(record, (Event, Claim, Subject, Ruling)):
                raise RecordError(f"a Timeline holds Event, Claim, Subject and Ruling objects, got {type(record).__name__}")
            row = record.to_row()
            rows.append(row)
            extras.update(dict.fromkeys(c for c in row if c not in COLUMNS))
        columns = list(COLUMNS) + list(extras)
        table = pd.DataFrame(
            {c: np.array([r.get(c, "") for r in rows], dtype=object) for c in columns}, columns=columns, dtype=object
        )
        duplicated = table["id"][table["id"].duplicated()]
        if len(duplicated):
            raise RecordError(f"duplicate ids: {', '.join(map(repr, dict.fromkeys(duplicated)))}")
        self._init(table, "<records>")
        if any(isinstance(r, Ruling) for r in records):
            self._derived  # noqa: B018  # a ruling's claim is checked against the others now (LoadError)
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

    # -- the public view of the validated columns (what the engine and the views read) -----
    @property
    def cells(self) -> pd.DataFrame:
        """The records' cells as written, in file order: every contract column, then any extras.

        Text columns of object dtype, "" for an empty cell.  Treat it as read-only
        (pandas' copy-on-write keeps the timeline safe from a changed copy).
        """
        return self._table

    @property
    def typed(self) -> pd.DataFrame:
        """The typed columns, one row per record in file order (the rows of :attr:`cells`).

        ``earliest``/``latest`` (int days since 1970-01-01), ``precision``,
        ``approximate``, ``exp_kind``, ``exp_subject``, ``exp_negated``,
        ``deadline`` (int day, or :data:`llmtimeline.dates.NO_DAY`), ``vague``,
        ``kind_code``, ``subject_code``; see :func:`llmtimeline.store.typed_columns`.
        """
        return self._derived

    @property
    def order(self) -> np.ndarray:
        """Row positions of :attr:`cells` in date order: earliest day, latest day, then id."""
        return self._order

    @property
    def source(self) -> str:
        """Where the records came from (a path, or ``<records>``)."""
        return self._source

    @functools.cached_property
    def _derived(self) -> pd.DataFrame:
        return store.typed_columns(self._table)

    @functools.cached_property
    def _order(self) -> np.ndarray:
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
        rid = self._table["id"].iat[position]
        record = self._objects.get(rid)
        if record is None:
            record = self._objects[rid] = records_from_columns(self._table, [position])[0]
        return record

    def _records(self, positions: np.ndarray) -> tuple[Record, ...]:
        """The records at ``positions``, built at column speed (those already built are reused)."""
        if self._objects:
            return tuple(self._record(int(i)) for i in positions)
        return tuple(records_from_columns(self._table, positions))

    @functools.cached_property
    def events(self) -> tuple[Event, ...]:
        """Every event, in date order."""
        types = self._table["type"].to_numpy(dtype=object)
        return self._records(self._order[types[self._order] == "event"])  # type: ignore[return-value]

    @functools.cached_property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim (predictions and statements), in date order."""
        types = self._table["type"].to_numpy(dtype=object)[self._order]
        return self._records(self._order[(types == "prediction") | (types == "statement")])  # type: ignore[return-value]

    @functools.cached_property
    def rulings(self) -> tuple[Ruling, ...]:
        """Every ruling, in date order."""
        types = self._table["type"].to_numpy(dtype=object)
        return self._records(self._order[types[self._order] == "ruling"])  # type: ignore[return-value]

    @functools.cached_property
    def names(self) -> Names:
        """The subject records resolved: aliases, families and titles (:class:`llmtimeline.names.Names`)."""
        t = self._table
        return Names.from_columns(t["type"].to_numpy(dtype=object), t["subject"].to_numpy(dtype=object),
                                  t["title"].to_numpy(dtype=object), t["facts"].to_numpy(dtype=object))

    @property
    def problems(self) -> pd.DataFrame:
        """The problems of the records kept as written (``load(..., errors="keep")``), one row per problem.

        Columns ``row`` (position in :attr:`cells`), ``id``, ``line``, ``column``,
        ``value``, ``reason``; empty when every record is valid.  :meth:`check`
        reports each claim with problems as ``invalid``, its reason these problems.
        """
        kept = self.__dict__.get("_problems")
        if kept is None:
            return pd.DataFrame({c: pd.Series(dtype=d) for c, d in (
                ("row", "int64"), ("id", "str"), ("line", "Int64"), ("column", "str"), ("value", "str"), ("reason", "str"))})
        return kept

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
        """Every record about ``subject`` in date order: its events, its statements, its subject
        records and the predictions that expect something of it, under any of its names (after
        :func:`llmtimeline.names.normalise`, aliases included) or of its family's members.
        Raises UnknownRecordError when none.

        >>> import llmtimeline as lt
        >>> [r.id for r in lt.load().about("Llama 3") if r.type == "event"][:3]
        ['meta-ai-day-london', 'llama-3-release', 'meta-ai-llama-3']
        """
        t, d, names = self._table, self._derived, self.names
        wanted = set(names.members(subject))
        about = np.where(t["type"].to_numpy(dtype=object) == "prediction", d["exp_subject"].to_numpy(dtype=object),
                         t["subject"].to_numpy(dtype=object))
        mask = np.isin(names.canonical_column(about), list(wanted))
        found = tuple(self._record(int(i)) for i in self._order if mask[i])
        if not found:
            raise UnknownRecordError(f"no record is about {subject!r}")
        return found

    @property
    def subjects(self) -> list[str]:
        """Every subject named by an event, a statement or a prediction, sorted."""
        found = set(self._table["subject"]) | set(self._derived["exp_subject"])
        found.discard("")
        return sorted(found)

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
        counts = self._table["type"].value_counts()
        n_claims = int(counts.get("prediction", 0) + counts.get("statement", 0))
        more = "".join(f", {int(counts[t])} {t}{'s' if counts[t] != 1 else ''}" for t in ("subject", "ruling") if counts.get(t, 0))
        return f"<Timeline: {int(counts.get('event', 0))} events, {n_claims} claims{more} from {self._source}>"

    # -- saving ------------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the timeline as CSV, atomically (a temporary file, then a rename).

        Cells are written as they were loaded, so ``load(path) == self``.  A
        path ending in ``.parquet`` writes Parquet, with the typed columns beside
        the cells, so loading it skips parsing (see :mod:`llmtimeline.store.parquet`).
        """
        if len(self) == 0:
            raise Error("an empty timeline cannot be saved: events.csv needs at least one record")
        if os.fspath(path).lower().endswith(".parquet"):
            store.write_parquet(self.cells, self.typed, path)
            return
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

    def check(self, as_of: Any = None) -> Report:
        """Check every claim against the events known ``as_of`` (default: today).

        See :func:`llmtimeline.check.check`.
        """
        from .check import check

        return check(self, as_of=as_of)

    def track_record(self, by: str = "actor", as_of: Any = None, freq: str | None = None) -> pd.DataFrame:
        """Counts per status, on-time rate and median margin per actor or speaker; with ``freq``
        (``"YE"``: each year's end) the same as known at the end of each period.

        See :func:`llmtimeline.record.track_record`.
        """
        from .record import track_record

        return track_record(self, by=by, as_of=as_of, freq=freq)

    def history(self, claim_id: str) -> pd.DataFrame:
        """The claim's automatic status and rulings over time, one row per change.

        See :func:`llmtimeline.rulings.history`.
        """
        from .rulings import history

        return history(self, claim_id)

    def _repr_html_(self) -> str:
        """The summary Jupyter shows: counts, date range, sources, busiest actors."""
        from .display import timeline_html

        return timeline_html(self)

    def plot(self, as_of: Any = None, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Draw the release timeline; see :func:`llmtimeline.plot.plot_timeline`."""
        from .plot import plot_timeline

        return plot_timeline(self, as_of=as_of, ax=ax, **kwargs)
