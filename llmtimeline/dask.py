"""The same check on a dask DataFrame: records shuffled by subject family, the engine run per partition.

Every record that can take part in one verdict shares a *family key*: the
subjects linked by subject records (aliases ``aka=`` and families ``part_of=``,
transitively) form one family, and a record's key is its family's (an event's,
a statement's or a subject record's subject, a prediction's expected subject, a
ruling's claim's).  Shuffling on that key brings each family into one
partition, where :func:`llmtimeline.load` and :meth:`~llmtimeline.Timeline.check`
run as on a whole file; the partitions' reports, put in the report's order,
are the report of the whole data.

Point it at a cluster by creating a ``dask.distributed`` client first::

    from dask.distributed import Client
    import dask.dataframe as dd
    import llmtimeline.dask

    client = Client("tcp://scheduler:8786")
    records = dd.read_parquet("claims/*.parquet")
    report = llmtimeline.dask.check(records, as_of="2025-06-30")
    report.to_parquet("report/")  # written by the workers, a range of the report's order per file

(``.compute()`` puts every partition into one on a worker first: fine for a
report that fits there, not for millions of rows.)

Needs the ``dask`` extra: ``pip install llmtimeline[dask]``.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import numpy as np
import pandas as pd

from .exceptions import LoadError, Problem
from .names import Names, normalise
from .safe_text import id_key
from .schema import COLUMNS, REQUIRED
from .timeline import load

__all__ = ["check", "family_keys", "find_claims"]

_KEY = "__family__"
_LINE = "__line__"  # each record's line as in one file of the records in their order (the header is line 1)
_ID = "__id_key__"
_NAME = "<dask records>"
_ORDER = "__order__"
_MIN_PARTITIONS = 8
_PARTITION_RECORDS = 250_000  # records per partition at most, so that a worker checks a bounded piece at a time
_RANGE = "__range__"
_OFFSET = 10_000_000  # added to day numbers so that they sort as fixed-width text
_SHIFT = 100_000_000  # (earliest, latest) as one integer that sorts the same: earliest * _SHIFT + latest


class _Families:
    """The family key of any subject name: union of every name linked by subject records."""

    def __init__(self, subjects: pd.DataFrame) -> None:
        self._names = Names.from_records(zip(subjects["subject"].tolist(), subjects["title"].tolist(),
                                             subjects["facts"].tolist(), strict=True))
        parent: dict[str, str] = {}

        def find(name: str) -> str:
            root = parent.setdefault(name, name)
            while root != parent[root]:
                root = parent[root]
            parent[name] = root
            return root

        for name in subjects["subject"].tolist():
            canonical = self._names.canonical(name)
            for family in self._names.ancestors(canonical):
                a, b = find(canonical), find(family)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        self._root = {name: find(name) for name in list(parent)}

    def key(self, name: str) -> str:
        canonical = self._names.canonical(name)
        return self._root.get(canonical, canonical)

    def column(self, values: np.ndarray) -> np.ndarray:
        codes, uniques = pd.factorize(values)
        keys = np.array([self.key(str(u)) if u else "" for u in uniques] + [""], dtype=object)
        return np.asarray(keys[codes])


def _expected_subject(expects: str) -> str:
    """The subject of an ``expects`` cell (``KIND SUBJECT`` or ``not KIND SUBJECT``), or "" when unreadable."""
    words = expects.split(None, 2 if expects.startswith("not ") else 1)
    if words and words[0] == "not":
        words = words[1:]
    return normalise(words[1]) if len(words) == 2 else ""


def family_keys(part: pd.DataFrame, families: _Families) -> pd.Series:
    """The family key of each record of ``part`` (rulings get "" here: they follow their claim)."""
    types = part["type"].to_numpy(dtype=object)
    about = part["subject"].to_numpy(dtype=object).copy()
    predictions = types == "prediction"
    if predictions.any():
        about[predictions] = [_expected_subject(str(e)) for e in part["expects"].to_numpy(dtype=object)[predictions]]
    keys = families.column(about)
    keys[types == "ruling"] = ""
    return pd.Series(keys, index=part.index, dtype=object)


def _with_keys(part: pd.DataFrame, families: _Families) -> pd.DataFrame:
    return part.assign(**{_KEY: family_keys(part, families)})


def _timeline_of(cells: pd.DataFrame) -> Any:
    """The Timeline of a partition's records, loaded and validated as a file would be."""
    return load(cells)


@functools.cache
def _empty_report(as_of: str) -> pd.DataFrame:
    """A report with no rows, for the dtypes (the bundled file's, checked on the same day)."""
    report = pd.DataFrame(load().check(as_of=as_of)).iloc[:0]
    return report.assign(**{_ORDER: pd.Series([], dtype="str"), _RANGE: pd.Series([], dtype=np.int64)})


def _range_key(earliest: Any, latest: Any) -> Any:
    """(earliest, latest) day numbers, offset, as one integer that sorts the same (numbers or arrays)."""
    return earliest * _SHIFT + latest


def _range_keys(part: pd.DataFrame) -> pd.Series:
    """The claims' ``earliest * _SHIFT + latest`` (days, offset) from their date cells, as the report
    orders them; a date that does not read gets -1 (the partition's load will refuse it)."""
    from .dates import day_number, parse_date

    claims = part[~part["type"].isin(("event", "subject", "ruling"))]
    codes, dates = pd.factorize(claims["date"].to_numpy(dtype=object))
    keys = []
    for text in dates:
        try:
            when = parse_date(str(text))
        except ValueError:
            keys.append(-1)
            continue
        keys.append(_range_key(day_number(when.earliest) + _OFFSET, day_number(when.latest) + _OFFSET))
    values = np.asarray([*keys, -1], dtype=np.int64)[codes]
    return pd.Series(values, index=claims.index, dtype=np.int64)


def _divisions(counts: pd.Series, parts: int) -> list[int]:
    """Range boundaries of the report's order key, for ``parts`` partitions of about equal numbers of claims."""
    counts = counts.sort_index()
    keys = counts.index.to_numpy(dtype=np.int64)
    total = np.cumsum(counts.to_numpy())
    cuts = np.searchsorted(total, total[-1] * np.arange(1, parts) / parts, side="right")
    inner = keys[np.unique(cuts[(cuts > 0) & (cuts < keys.size)])].tolist()
    return [int(keys[0]), *[int(k) for k in inner if k != keys[0]], int(keys[-1])]


def _check_part(part: pd.DataFrame, as_of: str, columns: list[str]) -> pd.DataFrame:
    """The report of one partition's records, with the text key that puts rows in the report's order.

    A problem of a record is reported at the record's own line (its place in the records as given),
    not at its place in the shuffled partition."""
    cells = part[columns].reset_index(drop=True)
    if len(cells) == 0:
        return _empty_report(as_of)
    lines = part[_LINE].to_numpy(dtype=np.int64)
    try:
        tl = _timeline_of(cells.astype(object).fillna(""))
    except LoadError as exc:
        def line(n: int | None) -> int | None:
            return int(lines[n - 2]) if n is not None and 2 <= n < len(lines) + 2 else n

        raise LoadError(_NAME, [Problem(line(p.line), p.column, p.value, _relined(p.reason, lines))
                                for p in exc.problems]) from None
    report = pd.DataFrame(tl.check(as_of=as_of))
    position = pd.Series(np.arange(len(tl)), index=tl.cells["id"].to_numpy(dtype=object))[report["id"].to_numpy()]
    earliest = tl.typed["earliest"].to_numpy()[position.to_numpy()] + _OFFSET
    latest = tl.typed["latest"].to_numpy()[position.to_numpy()] + _OFFSET
    order = [f"{e:08d}{la:08d}{i}" for e, la, i in zip(earliest, latest, report["id"], strict=True)]
    return report.assign(**{_ORDER: pd.Series(order, index=report.index, dtype="str"),
                            _RANGE: _range_key(earliest, latest).astype(np.int64)})


def _relined(reason: str, lines: np.ndarray) -> str:
    """A reason naming another record's line in the partition ("already used on line 4") with that
    record's own line."""
    import re

    def own(match: re.Match[str]) -> str:
        n = int(match.group(2))
        return match.group(1) + str(int(lines[n - 2]) if 2 <= n < len(lines) + 2 else n)

    return re.sub(r"(\bline )(\d+)", own, reason)


def _text_columns(records: Any) -> list[str]:
    """The record columns of ``records``: the typed columns llmtimeline keeps beside them in Parquet
    (``lt_earliest``..., or ``llmtimeline:earliest``... in files of an earlier format) are left out."""
    import re

    from .store.parquet import TYPED

    typed = re.compile(r"_*(?:lt_|llmtimeline:)(?:" + "|".join(TYPED) + r")\Z")
    return [str(c) for c in records.columns if typed.match(str(c)) is None]


def _missing_columns(columns: list[str]) -> None:
    """One LoadError when a column every record needs is missing, as :func:`llmtimeline.load` refuses it."""
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise LoadError(_NAME, [Problem(1, c, None, f"missing column {c!r}; the columns are " + ",".join(COLUMNS))
                                for c in missing])


def _with_lines(part: pd.DataFrame, starts: list[int], partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    """``part`` with each record's line (its place in the records, + 2) and its id as compared."""
    first = starts[partition_info["number"]] if partition_info else 0
    ids = part["id"].astype(object).fillna("").to_numpy(dtype=object)
    return part.assign(**{_LINE: np.arange(first + 2, first + 2 + len(part), dtype=np.int64),
                          _ID: pd.Series([id_key(str(v)) for v in ids], index=part.index, dtype=object)})


def _duplicates(found: pd.DataFrame) -> None:
    """One LoadError for ids used twice (compared as the loader compares them), each at its line."""
    if len(found) == 0:
        return
    found = found.sort_values(_LINE)
    first: dict[str, tuple[int, str]] = {}
    problems = []
    for value, key, line in zip(found["id"].tolist(), found[_ID].tolist(), found[_LINE].tolist(), strict=True):
        if key not in first:
            first[key] = (int(line), str(value))
            continue
        at, shown = first[key]
        same = "" if shown == value else (f" as {shown!r} (the same id once NFKC and invisible characters are "
                                          "set aside)")
        problems.append(Problem(int(line), "id", str(value), f"duplicate id: already used on line {at}{same}"))
    raise LoadError(_NAME, problems)


def check(records: Any, as_of: Any = None) -> Any:
    """Check every claim of a dask DataFrame of records; a dask DataFrame of the report.

    ``records`` holds the columns of events.csv as text (for example
    ``dd.read_parquet(...)`` of files saved by :meth:`~llmtimeline.Timeline.save`).
    The result equals ``load(...).check(as_of)`` on the same records: the same
    rows and values, in the report's order once computed (its index is each
    partition's own).  Raises LoadError when records are invalid, as ``load``
    would.

    >>> import dask.dataframe as dd, llmtimeline as lt, llmtimeline.dask
    >>> records = dd.from_pandas(lt.load().cells, npartitions=3)
    >>> report = llmtimeline.dask.check(records, as_of="2024-05-01").compute()
    >>> expected = lt.load().check(as_of="2024-05-01")
    >>> report.reset_index(drop=True).equals(expected)
    True
    """
    import dask.dataframe as dd

    from .check.engine import as_of_day

    today = (dt.date(1970, 1, 1) + dt.timedelta(days=as_of_day(as_of))).isoformat()  # one day for every partition
    columns = _text_columns(records)
    _missing_columns(columns)
    records = records[columns]
    absent = [c for c in COLUMNS if c not in columns]  # filled with "" as a load fills them
    if absent:
        records = records.assign(**{c: "" for c in absent})
        columns = [*columns, *absent]
    import dask

    sizes = records.map_partitions(len).compute()
    starts = np.concatenate(([0], np.cumsum(np.asarray(sizes, dtype=np.int64))))[:-1].tolist()
    lined = records.map_partitions(_with_lines, starts,
                                   meta={**records.dtypes.to_dict(), _LINE: np.int64, _ID: object})
    # one pass over the columns they need: ids used twice, as the loader compares them (counted over
    # the partitions, so that no worker holds every id), the records, the subject records (families),
    # the claims' dates
    ids = lined[_ID].value_counts(split_out=max(records.npartitions, 1))
    repeated_ids, n_records, subjects, ranges = dask.compute(  # type: ignore[attr-defined, no-untyped-call]
        ids[ids > 1], lined[_ID].size, records[records["type"] == "subject"][["subject", "title", "facts"]],
        records[["type", "date"]].map_partitions(_range_keys, meta=(_RANGE, np.int64)).value_counts())
    if len(repeated_ids):
        repeated = set(repeated_ids.index[:1000].tolist())
        _duplicates(lined[lined[_ID].isin(repeated)][["id", _ID, _LINE]].compute())
    records = lined.drop(columns=[_ID])
    families = _Families(subjects.astype(object).fillna(""))
    keyed = records.map_partitions(_with_keys, families, meta={**records.dtypes.to_dict(), _KEY: object})
    if "claim" in columns:  # a ruling goes where the claim it rules on goes
        rulings = keyed[keyed["type"] == "ruling"]
        claim_keys = keyed[keyed["type"] != "ruling"][["id", _KEY]].rename(columns={"id": "claim", _KEY: "__of_claim__"})
        rulings = rulings.merge(claim_keys, on="claim", how="left")
        rulings = rulings.assign(**{_KEY: rulings["__of_claim__"].fillna("")}).drop(columns="__of_claim__")
        keyed = dd.concat([keyed[keyed["type"] != "ruling"], rulings[list(keyed.columns)]])  # type: ignore[no-untyped-call]
    # at least a few partitions, so that the families of one big input partition spread over the workers,
    # and small enough ones that a worker's memory holds a few at once (a family is never split)
    parts = max(keyed.npartitions, _MIN_PARTITIONS, -(-int(n_records) // _PARTITION_RECORDS))
    shuffled = keyed.shuffle(on=_KEY, npartitions=parts)
    reports = shuffled.map_partitions(_check_part, today, columns, meta=_empty_report(today))
    meta = _empty_report(today).drop(columns=[_ORDER, _RANGE])
    ranges = ranges[ranges.index >= 0]
    if len(ranges) < 2:  # one day for every claim (or none): one partition holds the report
        return reports.repartition(npartitions=1).map_partitions(_in_order, meta=meta)
    # the report's order is global: rows go to ranges of (earliest, latest) known before the check,
    # so that each partition holds a range of the order and no partition needs all of the report
    divisions = _divisions(ranges, shuffled.npartitions)
    ranged = reports.set_index(_RANGE, divisions=divisions)
    return ranged.map_partitions(_in_order, meta=meta)


def _in_order(report: pd.DataFrame) -> pd.DataFrame:
    out = report.sort_values(_ORDER, kind="stable").drop(columns=[c for c in (_ORDER, _RANGE) if c in report])
    return out.reset_index(drop=True)


# -- the claim finder over a bag of articles (apart from the check above) -------------------------------------

_ARTICLE_KEYS = ("text", "published", "source", "url", "lang")


def _article_fields(article: Any, where: str) -> dict[str, Any]:
    """The finder's arguments from one article: a mapping or an :class:`~llmtimeline.Article`."""
    from .exceptions import ArgumentError, ArgumentTypeError

    if isinstance(article, dict):
        fields = {k: article.get(k) for k in _ARTICLE_KEYS}
    elif hasattr(article, "text") and hasattr(article, "published"):
        fields = {k: getattr(article, k, None) for k in _ARTICLE_KEYS}
    else:
        raise ArgumentTypeError(f"{where}: an article is a dict with 'text' and 'published' (and 'source', 'url', "
                                f"'lang'), or an llmtimeline.Article; got {type(article).__name__}")
    if not isinstance(fields["text"], str):
        raise ArgumentTypeError(f"{where}: 'text' must be a str, got {type(fields['text']).__name__}")
    if fields["published"] is None or fields["published"] == "":
        raise ArgumentError(f"{where}: no 'published' day (the day the article appeared, e.g. '2025-03-04')")
    return fields


def _find_part(articles: list[Any], partition: int) -> pd.DataFrame:
    from .finder import find_claims
    from .schema import COLUMNS

    frames = []
    for k, article in enumerate(articles):
        fields = _article_fields(article, f"article {k} of partition {partition}")
        frames.append(find_claims(fields["text"], published=fields["published"], source=fields["source"] or None,
                                  url=fields["url"] or None, lang=fields["lang"] or None))
    if not frames:
        return pd.DataFrame({c: pd.Series([], dtype=str) for c in COLUMNS})
    return pd.concat(frames, ignore_index=True)


def find_claims(articles: Any) -> Any:
    """:func:`llmtimeline.find_claims` over a ``dask.bag`` of articles: a dask DataFrame of proposed rows.

    Each article is a dict with ``text`` and ``published`` (and optionally ``source``,
    ``url``, ``lang``), or an :class:`~llmtimeline.Article` with a ``published`` day.  The
    rows are those of each article found one by one, in the bag's order; each partition
    of the result holds the rows of one partition of the bag (its index starts at 0).

    >>> import dask.bag as db
    >>> import llmtimeline.dask
    >>> bag = db.from_sequence([
    ...     {"text": "Meta will release Llama 3 within a month.", "published": "2024-04-10", "source": "a.txt"},
    ...     {"text": "OpenAI lancera GPT-5 d'ici la fin de l'année.", "published": "2024-04-10", "source": "b.txt"},
    ... ], npartitions=2)
    >>> rows = llmtimeline.dask.find_claims(bag).compute(scheduler="sync")
    >>> rows[["source", "deadline", "expects"]].values.tolist()
    [['a.txt', 'within a month', 'release llama-3'], ['b.txt', "d'ici la fin de l'année", 'release gpt-5']]
    """
    import dask.dataframe as dd
    from dask.delayed import delayed

    from .schema import COLUMNS

    meta = pd.DataFrame({c: pd.Series([], dtype=str) for c in COLUMNS})
    parts = [delayed(_find_part)(part, k) for k, part in enumerate(articles.to_delayed())]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)
