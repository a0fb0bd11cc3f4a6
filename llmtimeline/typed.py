"""The typed columns of a valid table: dates as integer days, expectations, deadlines, codes.

They are made from what the validator parsed (:func:`typed_from_parsed`), so a
loaded file is parsed once; :func:`typed_columns` makes them from a table built in
code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from .dates import When, day_number
from .names import Names, normalise
from .schema import ColumnMasks

__all__ = ["typed_from_parsed"]


def typed_from_parsed(cols: ColumnMasks, dates: tuple[np.ndarray, list[object]],
                      expects: tuple[np.ndarray, list[object]], windows: tuple[np.ndarray, np.ndarray, np.ndarray],
                      encoded: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    """The typed columns, from the values parsed while validating (every row valid).

    ``encoded`` holds the code of each row and the distinct values of the ``kind`` and
    ``subject`` columns: what each record is about is numbered from distinct values.
    """
    date_codes, whens = dates
    exp_codes, exps = expects
    w: list[When] = whens  # type: ignore[assignment]  # every date is valid here
    e: list[tuple[str, str, bool] | None] = [*exps, None]  # type: ignore[list-item]  # code -1: no expects
    # what each record is about, as integers: an event's or statement's kind and subject, a
    # prediction's expected ones, in one numbering (-1: none), so the checker joins integers.
    # Subjects are numbered after normalisation, aliases resolved (llmtimeline.names): one code
    # per subject, whatever it is called.
    is_prediction = cols.equal("type", "prediction")
    rows = np.flatnonzero(cols.equal("type", "subject"))  # the subject records: only their titles are read
    names = Names.from_columns(cols.texts("type", rows), cols.texts("subject", rows), cols.texts("title", rows),
                               cols.texts("facts", rows))
    name_of = names.canonical if names else normalise
    codes = {
        "kind": _numbered(encoded["kind"], [x[0] if x else "" for x in e], exp_codes, is_prediction, None),
        "subject": _numbered(encoded["subject"], [x[1] if x else "" for x in e], exp_codes, is_prediction, name_of),
    }
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


def _numbered(own: tuple[np.ndarray, np.ndarray], expected: list[str], exp_codes: np.ndarray,
              is_prediction: np.ndarray, name_of: Callable[[str], str] | None) -> np.ndarray:
    """Each row's own value (``own``: codes and distinct values), or a prediction's expected one
    (``expected[exp_codes]``), numbered in the order the rows first name it, "" as -1; read through
    ``name_of`` when given, so that two texts it reads as one share a number.

    Only distinct values are read and hashed: the rows are numbered with integers.
    """
    own_codes, own_values = own
    exp_of, exp_values = pd.factorize(np.asarray(expected, dtype=object))
    text_of, texts = pd.factorize(np.concatenate([np.asarray(own_values, dtype=object), exp_values]))
    if name_of is normalise:
        named = _normalised(np.asarray(texts, dtype=object))
    else:
        named = texts if name_of is None else np.array([name_of(str(t)) for t in texts], dtype=object)
    name_code, names = pd.factorize(named)  # one number per name, read once per distinct text
    number = name_code[text_of]
    of_own, of_expected = number[:len(own_values)], number[len(own_values):][exp_of]
    row = np.where(is_prediction, of_expected[exp_codes], of_own[own_codes])
    code, firsts = pd.factorize(row)  # by first appearance, as the rows name them
    blank = np.flatnonzero(names == "")
    if blank.size:
        where = np.flatnonzero(firsts == blank[0])
        if where.size:
            code = np.where(code == where[0], -1, code)
    return np.asarray(code, dtype=np.int64)


#: Texts :func:`~llmtimeline.names.normalise` leaves as they are: printable ASCII without a capital,
#: an underscore or a space (Arrow tells them apart without a Python call each).
_PLAIN = r"\A[!-@\[-^`-~]*\z"


def _normalised(texts: np.ndarray) -> np.ndarray:
    """:func:`~llmtimeline.names.normalise` of each text, called only for those it may change."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = texts.copy()
    if texts.size:
        plain = pc.match_substring_regex(pa.array(texts, type=pa.large_string()), _PLAIN).to_numpy(zero_copy_only=False)
        for i in np.flatnonzero(~plain).tolist():
            out[i] = normalise(str(texts[i]))
    return out


def _text(values: list[str], codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``values[codes]`` (as numpy indexes: -1 is the last) in pandas' str dtype, taken from the
    distinct values: the strings are not made into Arrow strings row by row."""
    import pyarrow as pa

    taken = pa.array(values, type=pa.large_string()).take(pa.array(np.where(codes < 0, codes + len(values), codes)))
    return pd.array(taken, dtype="str")
