"""Who said it: page names (slugs) for people and organisations, and their track record with its uncertainty.

>>> slugs(["Nick Clegg", "Yann LeCun", "nick clegg", "Élodie"])
{'Nick Clegg': 'nick-clegg', 'Yann LeCun': 'yann-lecun', 'nick clegg': 'nick-clegg-2', 'Élodie': 'elodie'}
>>> [round(x, 3) for x in wilson(4, 5)]
[0.376, 0.964]
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs
import pandas as pd

__all__ = ["TrackRecord", "slug", "slugs", "track_records", "wilson"]

_Z95 = 1.959963984540054  # the normal quantile of 0.975: a 95 % two-sided interval


def slug(text: str) -> str:
    """A file name for ``text``: ASCII lower case, words joined by hyphens (a hash when no letter survives).

    >>> slug("Meta Platforms, Inc."), slug("Мета")
    ('meta-platforms-inc', 'x-3cb135f5')
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:60].strip("-")
    return words or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def slugs(names: Iterable[str]) -> dict[str, str]:
    """A distinct slug for each name, in the order given (a repeat gets ``-2``, ``-3``...)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        if name in out:
            continue
        base = candidate = slug(name)
        n = 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        out[name] = candidate
    return out


def wilson(successes: int, trials: int, z: float = _Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95 % by default); (nan, nan) without trials.

    >>> wilson(0, 0)
    (nan, nan)
    """
    if trials <= 0:
        return math.nan, math.nan
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


@attrs.frozen
class TrackRecord:
    """One person's or organisation's record, as a page shows it.

    ``counts``: (status, number) pairs, in report order, of the statuses they have;
    ``known``: the predictions whose outcome is known (the on-time rate rests on them);
    ``on_time``: the fulfilled ones among those; ``rate``/``low``/``high``: the on-time
    rate and its 95 % Wilson interval (nan without known outcomes); ``median_margin``:
    days early (positive) or late (negative), nan without a margin.
    """

    counts: tuple[tuple[str, int], ...]
    predictions: int
    statements: int
    known: int
    on_time: int
    rate: float
    low: float
    high: float
    median_margin: float


def track_records(record: pd.DataFrame, report: pd.DataFrame, by: str) -> dict[str, TrackRecord]:
    """Each name's :class:`TrackRecord` from ``record`` (``record_of(report, by)``) and the report's statuses."""
    out: dict[str, TrackRecord] = {}
    statuses = report["status"].astype(str)
    counted = report[by].astype(object).where(report[by].notna(), "")
    order = list(dict.fromkeys(str(s) for s in report["status"].cat.categories)) if hasattr(report["status"], "cat") \
        else sorted(set(statuses))
    per_name = pd.crosstab(counted, statuses).reindex(columns=order, fill_value=0)
    for name, row in record.iterrows():
        known = int(row["fulfilled"] + row["late"] + row["missed"] + row["predictions_contradicted"])
        on_time = int(row["fulfilled"])
        low, high = wilson(on_time, known)
        counts = per_name.loc[name] if name in per_name.index else pd.Series(dtype=int)
        out[str(name)] = TrackRecord(
            counts=tuple((str(s), int(n)) for s, n in counts.items() if n),
            predictions=int(row["predictions"]), statements=int(row["statements"]), known=known, on_time=on_time,
            rate=on_time / known if known else math.nan, low=low, high=high, median_margin=float(row["median_margin_days"]),
        )
    return out


def percent(x: Any) -> str:
    """A share as a whole percentage ("" for nan)."""
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.0f}%"
