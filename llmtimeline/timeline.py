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
from .model import Claim, Event, Record, Ruling, Subject
from .names import Names
from .safe_text import id_key
from .schema import COLUMNS
from .trusted import records_from_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .check import Report

__all__ = ["Timeline", "load"]


def load(source: Any = None, *, errors: str = "raise") -> Timeline:
    """Load a timeline from a CSV or Parquet file, a file object or a DataFrame (the bundled ``events.csv`` when None).

    Parameters
    ----------
    source:
        A path (``str`` or ``os.PathLike``), a text or binary file object (read
        once; errors name it by its ``name``, or ``<stream>``), or a pandas
        DataFrame of the events.csv columns, its cells text (None and NaN read as
        empty; any other value is a problem naming its row and column).
    errors:
        ``"raise"`` (default): a source with any problem is refused.
        ``"keep"``: the records without problems load as usual; those with
        problems are kept as written, listed in :attr:`Timeline.problems`, and
        written back by :meth:`Timeline.save`.  A problem of the whole file (not
        UTF-8, a missing or bad header, no records) still raises.

    Raises
    ------
    LoadError
        listing every problem of the file: line, column, value and reason.

    >>> import io
    >>> import llmtimeline as lt
    >>> tl = lt.load()
    >>> tl["llama-3-release"].date
    When('2024-04-18')
    >>> rows = ["id,type,date,actor,kind,subject,title,source",
    ...         "a,event,2024-04-18,Meta,release,llama-3,Llama 3,blog",
    ...         "b,event,2024-02-30,Meta,release,llama-2,Llama 2,blog"]
    >>> kept = lt.load(io.StringIO(chr(10).join(rows)), errors="keep")
    >>> len(kept), kept.problems[["line", "id", "column"]].values.tolist()
    (1, [[3, 'b', 'date']])
    """
    store.check_errors(errors)
    loaded = store.read_source(store.bundled_path() if source is None else source, errors=errors)
    return Timeline._from_loaded(loaded)


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
        duplicated = table["id"][table["id"].map(id_key).duplicated()]  # as the loader compares ids
        if len(duplicated):
            raise RecordError(f"duplicate ids: {', '.join(map(repr, dict.fromkeys(duplicated)))}")
        self._init(table, "<records>")
        if any(isinstance(r, Ruling) for r in records):
            self._derived  # noqa: B018  # a ruling's claim is checked against the others now (LoadError)
        cache = {r.id: r for r in records}
        self._objects.update(cache)

    @classmethod
    def _from_table(cls, table: pd.DataFrame, source: str, typed: pd.DataFrame | None = None) -> Timeline:
        self = cls.__new__(cls)
        self._init(table, source)
        if typed is not None:  # parsed by the store while validating: nothing is parsed twice
            self.__dict__["_derived"] = typed
        return self

    @classmethod
    def _from_loaded(cls, loaded: store.Loaded) -> Timeline:
        self = cls._from_table(loaded.cells, source=loaded.name, typed=loaded.typed)
        self._lines = np.asarray(loaded.lines, dtype=np.int64)
        self._kept = loaded.kept
        if loaded.order is not None:  # sorted by the reader: the same order as _order
            self.__dict__["_order"] = loaded.order
        return self

    def _init(self, table: pd.DataFrame, source: str) -> None:
        self._table = store.text_frame(table.reset_index(drop=True))
        self._source = source
        self._objects: dict[str, Record] = {}
        self._lines = np.arange(2, len(self._table) + 2, dtype=np.int64)
        self._kept: store.Kept | None = None

    # -- the public view of the validated columns (what the engine and the views read) -----
    @property
    def cells(self) -> pd.DataFrame:
        """The records' cells as written, in file order: every contract column, then any extras.

        Text columns of pandas' ``str`` dtype (Arrow-backed, what ``pandas.read_csv``
        gives text in pandas 3), "" for an empty cell, never missing: a cell is a
        Python ``str`` when read (``tl.cells["id"].iat[0]``, ``.tolist()``,
        ``.to_numpy()`` gives an object array of them).  Treat it as read-only
        (pandas' copy-on-write keeps the timeline safe from a changed copy).

        >>> import llmtimeline as lt
        >>> cells = lt.load().cells
        >>> str(cells["id"].dtype), cells["title"].iat[0] == cells["title"].tolist()[0]
        ('str', True)
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

    @property
    def lines(self) -> np.ndarray:
        """The line of :attr:`source` each record of :attr:`cells` starts on (the header is line 1).

        For records made in code, or read from a DataFrame, the line each would
        have in a file without line breaks in its cells: position + 2.
        """
        return self._lines

    # -- the records kept with problems (load(..., errors="keep")) ---------------------
    @property
    def kept(self) -> store.Kept | None:
        """The records a load with ``errors="keep"`` kept as written (None when there are none).

        Their bytes, places and problems (:class:`llmtimeline.store.Kept`); most
        readers want :attr:`problems` and :attr:`invalid`.
        """
        return self._kept

    @property
    def problems(self) -> pd.DataFrame:
        """Every problem of the records kept as written: ``line, id, column, value, reason``.

        One row per problem, in file order; empty unless loaded with
        ``errors="keep"`` from a source that has problems.  ``line`` is where the
        record starts in :attr:`source`; ``column`` is "" for a problem of a whole
        record; ``id`` is the record's id as far as it could be read.
        """
        return store.no_problems() if self._kept is None else self._kept.problems

    @property
    def invalid(self) -> pd.DataFrame:
        """The cells of the records kept with problems, as far as they could be read.

        Indexed by ``line`` (see :attr:`problems`), with the columns of :attr:`cells`;
        "" for a cell that could not be read.  These records are not in
        :attr:`cells`: nothing else reads them, and :meth:`save` writes them back
        as they were written.
        """
        if self._kept is None:
            return pd.DataFrame({c: pd.Series([], dtype=object) for c in self._table.columns},
                                index=pd.Index([], dtype=np.int64, name="line"))
        return self._kept.cells

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

    def _of_type(self, *types: str) -> np.ndarray:
        """Whether each row's type is one of ``types`` (compared by Arrow: no string per cell)."""
        return np.asarray(self._table["type"].isin(types).to_numpy(), dtype=bool)

    @functools.cached_property
    def events(self) -> tuple[Event, ...]:
        """Every event, in date order."""
        return self._records(self._order[self._of_type("event")[self._order]])  # type: ignore[return-value]

    @functools.cached_property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim (predictions and statements), in date order."""
        return self._records(self._order[self._of_type("prediction", "statement")[self._order]])  # type: ignore[return-value]

    @functools.cached_property
    def rulings(self) -> tuple[Ruling, ...]:
        """Every ruling, in date order."""
        return self._records(self._order[self._of_type("ruling")[self._order]])  # type: ignore[return-value]

    @functools.cached_property
    def names(self) -> Names:
        """The subject records resolved: aliases, families and titles (:class:`llmtimeline.names.Names`)."""
        rows = np.flatnonzero(self._of_type("subject"))  # only the subject records' four columns are read
        t = self._table[["type", "subject", "title", "facts"]].iloc[rows]
        return Names.from_columns(t["type"].to_numpy(dtype=object), t["subject"].to_numpy(dtype=object),
                                  t["title"].to_numpy(dtype=object), t["facts"].to_numpy(dtype=object))

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
        return store.same_cells(self._table, other._table) and self._same_kept(other)

    def _same_kept(self, other: Timeline) -> bool:
        """The same records kept with problems (none on either side counts as the same)."""
        if self._kept is None or other._kept is None:
            return self._kept is None and other._kept is None
        return self._kept.same(other._kept)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = self._table["type"].value_counts()
        n_claims = int(counts.get("prediction", 0) + counts.get("statement", 0))
        more = "".join(f", {int(counts[t])} {t}{'s' if counts[t] != 1 else ''}" for t in ("subject", "ruling") if counts.get(t, 0))
        kept = f", {len(self._kept.records)} kept with problems" if self._kept is not None else ""
        return f"<Timeline: {int(counts.get('event', 0))} events, {n_claims} claims{more}{kept} from {self._source}>"

    # -- the engine and the views, imported on first use (the facade's lazy imports) ----------
    def events_frame(self) -> pd.DataFrame:
        """The events as a DataFrame in date order (``earliest``/``latest`` as datetimes)."""
        from .views.frames import events_frame

        return events_frame(self)

    def claims_frame(self) -> pd.DataFrame:
        """The claims as a DataFrame in date order (with each prediction's deadline date)."""
        from .views.frames import claims_frame

        return claims_frame(self)

    def check(self, as_of: Any = None) -> Report:
        """Check every claim against the events known ``as_of`` (default: today).

        See :func:`llmtimeline.check.check`.
        """
        from .check import check

        return check(self, as_of=as_of)

    def lint(self) -> pd.DataFrame:
        """Warnings about the records (never errors): id, column, value, message, suggestion.

        See :func:`llmtimeline.lint.lint`.
        """
        from .lint import lint

        return lint(self)

    def track_record(self, by: str = "actor", as_of: Any = None, freq: str | None = None) -> pd.DataFrame:
        """Counts per status, on-time rate and median margin per actor or speaker; with ``freq``
        (``"YE"``: each year's end) the same as known at the end of each period.

        See :func:`llmtimeline.check.track_record.track_record`.
        """
        from .check.track_record import track_record

        return track_record(self, by=by, as_of=as_of, freq=freq)

    def history(self, claim_id: str) -> pd.DataFrame:
        """The claim's automatic status and rulings over time, one row per change.

        See :func:`llmtimeline.check.history.history`.
        """
        from .check.history import history

        return history(self, claim_id)

    def _repr_html_(self) -> str:
        """The summary Jupyter shows: counts, date range, sources, busiest actors."""
        from .views.display import timeline_html

        return timeline_html(self)

    def plot(self, *, as_of: Any = None, ax: Axes | None = None, since: Any = None, until: Any = None,
             actors: Any = None, title: str | None = None, **kwargs: Any) -> Axes:
        """Draw the release timeline; see :func:`llmtimeline.views.plot.plot_timeline`."""
        from .views.plot import plot_timeline

        return plot_timeline(self, as_of=as_of, ax=ax, since=since, until=until, actors=actors, title=title,
                             **kwargs)

    def to_html(self, path: str | os.PathLike[str], as_of: Any = None, **kwargs: Any) -> None:
        """Write the report as one self-contained web page; see :func:`llmtimeline.views.html.write_html`."""
        from .views.html import write_html

        write_html(self, path, as_of, **kwargs)

    def to_site(self, folder: str | os.PathLike[str], *, as_of: Any = None, base_url: str | None = None,
                publisher: str | None = None, publisher_url: str | None = None) -> None:
        """Write a static site of the verdicts into ``folder``; see :mod:`llmtimeline.views.site`."""
        from .views.site import write_site

        write_site(self, folder, as_of=as_of, base_url=base_url, publisher=publisher, publisher_url=publisher_url)

    def export(self, format: str, path: str | os.PathLike[str], *, as_of: Any = None, **kwargs: Any) -> None:
        """Write ``timelinejs``, ``claimreview`` or ``ics``; see :func:`llmtimeline.views.exports.export`."""
        from .views.exports import export

        export(self, format, path, as_of=as_of, **kwargs)

    # -- saving ------------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the timeline as CSV, atomically (a temporary file, then a rename).

        Cells are written as they were loaded, so ``load(path) == self``.  The
        records a load with ``errors="keep"`` kept are written back as they were
        written, in file order, under the header they were written under.
        A path ending in ``.parquet`` writes Parquet, with the typed columns beside
        the cells, so loading it skips parsing (see :mod:`llmtimeline.store.parquet`).
        """
        if len(self) == 0 and self._kept is None:
            raise Error("an empty timeline cannot be saved: events.csv needs at least one record")
        if os.fspath(path).lower().endswith(".parquet"):
            if self._kept is not None:
                raise Error(f"cannot save {os.fspath(path)!r} as Parquet: {len(self._kept.records)} records were kept "
                            "with problems; save as CSV, which writes them back as they were written")
            store.write_parquet(self.cells, self.typed, path)
            return
        if self._kept is None:
            store.write_table(self._table, path)
        else:
            self._save_with_kept(path)

    def _save_with_kept(self, path: str | os.PathLike[str]) -> None:
        kept = self._kept
        assert kept is not None
        header = list(kept.header)  # the columns a loaded table adds are empty: the file keeps its own
        verbatim = list(zip(kept.before.tolist(), kept.records, strict=True))
        store.write_table(self._table[header], path, verbatim=verbatim)
