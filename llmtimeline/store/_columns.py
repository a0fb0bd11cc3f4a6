"""The typed columns of a valid table: dates as integer days, expectations, deadlines, codes.

They are made from what the validator parsed (:func:`typed_from_parsed`), so a
loaded file is parsed once; :func:`typed_columns` makes them from a table built in
code.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..dates import When, day_number
from ..names import Names, normalise

__all__ = ["typed_from_parsed"]


def typed_from_parsed(cols: Mapping[str, np.ndarray], dates: tuple[np.ndarray, list[object]],
           expects: tuple[np.ndarray, list[object]], windows: tuple[np.ndarray, np.ndarray, np.ndarray]) -> pd.DataFrame:
    """The typed columns, from the values parsed while validating (every row valid)."""
    date_codes, whens = dates
    exp_codes, exps = expects
    w: list[When] = whens  # type: ignore[assignment]  # every date is valid here
    e: list[tuple[str, str, bool] | None] = [*exps, None]  # type: ignore[list-item]  # code -1: no expects
    exp_kind = np.array([x[0] if x else "" for x in e], dtype=object)[exp_codes]
    exp_subject = np.array([x[1] if x else "" for x in e], dtype=object)[exp_codes]
    # what each record is about, as integers: an event's or statement's kind and subject, a
    # prediction's expected ones, in one numbering (-1: none), so the checker joins integers.
    # Subjects are numbered after normalisation, aliases resolved (llmtimeline.names): one code
    # per subject, whatever it is called.
    is_prediction = cols["type"] == "prediction"
    names = Names.from_columns(cols["type"], cols["subject"], cols["title"], cols["facts"])
    codes = {}
    for name, own, expected in (("kind", cols["kind"], exp_kind), ("subject", cols["subject"], exp_subject)):
        code, uniques = pd.factorize(np.where(is_prediction, expected, own))
        if name == "subject":  # the distinct texts named, then numbered: one pass over the rows
            name_of = names.canonical if names else normalise
            named = np.array([name_of(str(u)) for u in uniques], dtype=object)
            renumber, uniques = pd.factorize(named)
            code = renumber[code] if code.size else code
        blank = np.flatnonzero(uniques == "")
        codes[name] = np.where(code == blank[0], -1, code).astype(np.int64) if blank.size else code.astype(np.int64)
    n = date_codes.size
    return pd.DataFrame({
        "earliest": np.array([day_number(x.earliest) for x in w], dtype=np.int64)[date_codes],
        "latest": np.array([day_number(x.latest) for x in w], dtype=np.int64)[date_codes],
        "precision": _text([x.precision.value for x in w], date_codes),
        "approximate": np.array([x.approximate for x in w], dtype=bool)[date_codes],
        "exp_kind": _text([x[0] if x else "" for x in e], exp_codes),
        "exp_subject": _text([x[1] if x else "" for x in e], exp_codes),
        "exp_negated": np.array([bool(x and x[2]) for x in e], dtype=bool)[exp_codes],
        "deadline": windows[0],
        "vague": windows[1],
        "horizon": windows[2],
        "kind_code": codes["kind"],
        "subject_code": codes["subject"],
    }, index=pd.RangeIndex(n))


def _text(values: list[str], codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``values[codes]`` (as numpy indexes: -1 is the last) in pandas' str dtype, taken from the
    distinct values: the strings are not made into Arrow strings row by row."""
    import pyarrow as pa

    taken = pa.array(values, type=pa.large_string()).take(pa.array(np.where(codes < 0, codes + len(values), codes)))
    return pd.array(taken, dtype="str")
