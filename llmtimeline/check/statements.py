"""Statements against the facts of the events about their subject, over columns.

A statement is compared with the facts of every known event about its subject
(and its aliases: the subject codes number a subject once, whatever it is
called), whatever that event's date: for each key both carry, every value of the
statement must be among the events' values (numbers within 1 %, text ignoring
case; a statement's ``>=``, ``<=``, ``>``, ``<`` compare as they say).  ``confirmed`` when every shared key agrees, ``contradicted`` when one
disagrees, ``unverified`` when none is shared.  The deciding event is the
earliest whose value agrees (confirmed), or that disagrees on a disagreeing key
(contradicted).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..facts import OPERATORS, as_number, split_fact
from ..status import CODE
from .settling import order_by

__all__ = ["check_statements"]

_TOLERANCE = 0.01
_CONFIRMED, _CONTRADICTED, _UNVERIFIED = CODE["confirmed"], CODE["contradicted"], CODE["unverified"]


class _Facts:
    """Facts exploded to one row per value: ``owner`` (the record), ``kv`` (its key occurrence),
    ``key`` (key code), ``value`` (value code) and ``op`` (the operator's index in OPERATORS)."""

    def __init__(self, owner: np.ndarray, kv: np.ndarray, key: np.ndarray, value: np.ndarray, op: np.ndarray) -> None:
        self.owner, self.kv, self.key, self.value, self.op = owner, kv, key, value, op


def _split(texts: list[str], sep: str) -> tuple[list[str], np.ndarray]:
    """Every part of every text split at ``sep`` and how many parts each text has (C-speed splits)."""
    if not texts:
        return [], np.zeros(0, dtype=np.int64)
    counts = np.fromiter((s.count(sep) for s in texts), dtype=np.int64, count=len(texts)) + 1
    return sep.join(texts).split(sep), counts


def _explode_facts(facts: np.ndarray, fact_texts: list[str]) -> tuple[_Facts, list[str], list[str]]:
    """Explode the facts of records (as :meth:`Facts.parse` reads them, already validated).

    ``facts`` are the records' facts codes, indexing ``fact_texts``.  Each distinct
    text is split once: ``;`` between facts, ``=`` after the key, ``,`` between
    values, spaces around each stripped, empty parts skipped.  Returns the exploded
    rows (``owner`` indexes ``facts``) with the key and value names their codes index.
    """
    used, text_codes = np.unique(facts, return_inverse=True)
    text_codes = text_codes.reshape(-1)
    texts = [fact_texts[u] for u in used.tolist()]
    parts, n_parts = _split(texts, ";")
    part_owner = np.repeat(np.arange(len(texts)), n_parts)
    parts = [p.strip() for p in parts]
    keep = np.fromiter((bool(p) for p in parts), dtype=bool, count=len(parts))
    part_owner = part_owner[keep]
    pairs = [split_fact(p) for p in parts if p]
    keys = [k.strip() for k, _, _ in pairs]
    op_index = {op: i for i, op in enumerate(OPERATORS)}
    ops = np.fromiter((op_index[op] for _, op, _ in pairs), dtype=np.int8, count=len(pairs))
    values, n_values = _split([v for _, _, v in pairs], ",")
    values = [v.strip() for v in values]
    key_codes, key_names = pd.factorize(np.asarray(keys, dtype=object))
    value_codes, value_names = pd.factorize(np.asarray(values, dtype=object))
    # per distinct text: its slice of the (key occurrence) and (value) rows
    kv_start = np.searchsorted(part_owner, np.arange(len(texts)), side="left")
    kv_count = np.bincount(part_owner, minlength=len(texts))
    val_start = np.concatenate(([0], np.cumsum(n_values)))
    # expand to records: every record repeats its text's key occurrences and values
    rec_kvs = kv_count[text_codes] if text_codes.size else np.zeros(0, np.int64)
    rec_kv_first = np.repeat(kv_start[text_codes], rec_kvs) if text_codes.size else np.zeros(0, np.int64)
    rec_of_kv = np.repeat(np.arange(text_codes.size), rec_kvs)
    kv_text = rec_kv_first + (np.arange(rec_of_kv.size) - np.repeat(np.cumsum(rec_kvs) - rec_kvs, rec_kvs))
    n_vals = n_values[kv_text] if kv_text.size else np.zeros(0, np.int64)
    kv_of_val = np.repeat(np.arange(kv_text.size), n_vals)
    val_text = np.repeat(val_start[kv_text], n_vals) + (np.arange(kv_of_val.size) - np.repeat(np.cumsum(n_vals) - n_vals, n_vals))
    exploded = _Facts(rec_of_kv[kv_of_val], kv_of_val, key_codes[kv_text][kv_of_val], value_codes[val_text],
                      ops[kv_text][kv_of_val] if ops.size else np.zeros(0, np.int8))
    return exploded, list(key_names), list(value_names)


def check_statements(subject_e: np.ndarray, facts_e: np.ndarray, subject_s: np.ndarray, facts_s: np.ndarray,
                     fact_texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Status code, deciding event position (or -1) and disagreeing key of each statement.

    ``subject_*`` are subject codes shared by events and statements, ``facts_*``
    facts codes indexing ``fact_texts``; the events come in date order, so the
    earliest of several events is the one of least position.  The disagreeing key
    is a code (-1 for none) indexing the key names returned last.
    """
    n = subject_s.size
    status = np.full(n, _UNVERIFIED, dtype=np.int8)
    chosen = np.full(n, -1, dtype=np.int64)
    bad_key = np.full(n, -1, dtype=np.int64)
    if n == 0 or subject_e.size == 0:
        return status, chosen, bad_key, []
    empty = fact_texts.index("") if "" in fact_texts else -1
    with_facts = np.flatnonzero(facts_e != empty)
    # only events about a subject a statement is about; of those with the same subject and facts, only the
    # earliest (the first in date order): a later one adds no value and is never the deciding event
    with_facts = with_facts[np.isin(subject_e[with_facts], subject_s)]
    pair = subject_e[with_facts] * (len(fact_texts) + 1) + facts_e[with_facts]
    with_facts = with_facts[np.sort(np.unique(pair, return_index=True)[1])]
    both, keys, values = _explode_facts(np.concatenate([facts_s, facts_e[with_facts]]), fact_texts)
    is_s = both.owner < n
    s_owner, s_kv, s_value, s_op = both.owner[is_s], both.kv[is_s], both.value[is_s], both.op[is_s]
    e_owner = with_facts[both.owner[~is_s] - n]
    e_value = both.value[~is_s]
    n_keys, n_values = max(len(keys), 1), max(len(values), 1)
    s_join = subject_s[s_owner] * n_keys + both.key[is_s]
    e_join = subject_e[e_owner] * n_keys + both.key[~is_s]
    # events reduced to their distinct (subject, key, value), each with its earliest event: that is
    # all the comparison needs, and the earliest event of a key is the earliest of its values
    e_key = e_join * n_values + e_value
    e_sort = order_by(e_key)  # stable: earliest event first
    e_full = e_key[e_sort]
    first = np.flatnonzero(np.concatenate(([True], e_full[1:] != e_full[:-1]))) if e_full.size else e_sort
    e_sorted, e_value, e_owner = e_join[e_sort[first]], e_value[e_sort[first]], e_owner[e_sort[first]]
    # every (statement value, event value) pair of the same subject and key: a sorted join
    by = order_by(s_join)  # searched in order: each search starts near the last
    lo, hi = np.empty(s_join.size, dtype=np.int64), np.empty(s_join.size, dtype=np.int64)
    lo[by] = np.searchsorted(e_sorted, s_join[by], side="left")
    hi[by] = np.searchsorted(e_sorted, s_join[by], side="right")
    count = hi - lo
    pair_s = np.repeat(np.arange(s_join.size), count)
    pair_e = np.repeat(lo, count) + (np.arange(pair_s.size) - np.repeat(np.cumsum(count) - count, count))
    # value agreement: numbers within 1 %, text ignoring case; an operator compares the event's
    # number with the statement's as it says (a text meets no comparison)
    numbers = np.array([np.nan if (x := as_number(v)) is None else x for v in values], dtype=float)
    folded, _ = pd.factorize(np.array([v.casefold() for v in values], dtype=object))
    a, b = numbers[s_value[pair_s]], numbers[e_value[pair_e]]
    op = s_op[pair_s]
    with np.errstate(invalid="ignore"):
        close = np.abs(a - b) <= _TOLERANCE * np.maximum(np.abs(a), np.abs(b))
        compared = np.select([op == 1, op == 2, op == 3, op == 4], [b >= a, b <= a, b > a, b < a], False)
    numeric = ~np.isnan(a) & ~np.isnan(b)
    equal = np.where(numeric, close, folded[s_value[pair_s]] == folded[e_value[pair_e]])
    match = np.where(op == 0, equal, numeric & compared)
    # a statement value agrees when some event value matches it; a key when all its values do
    shared = count > 0
    value_ok = np.bincount(pair_s, weights=match, minlength=s_join.size) > 0
    kv_bad = np.bincount(s_kv, weights=shared & ~value_ok, minlength=both.kv.size) > 0
    any_shared = np.bincount(s_owner, weights=shared, minlength=n) > 0
    any_bad = np.bincount(s_owner, weights=kv_bad[s_kv], minlength=n) > 0
    status[any_shared] = _CONFIRMED
    status[any_bad] = _CONTRADICTED
    # the deciding event: the earliest whose value agrees (confirmed) or disagrees on a disagreeing key
    pair_owner = s_owner[pair_s]
    decisive = np.where(any_bad[pair_owner], kv_bad[s_kv[pair_s]] & ~match, match)
    best = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(best, pair_owner[decisive], e_owner[pair_e[decisive]])
    chosen[any_shared] = best[any_shared]
    # the first disagreeing key of each contradicted statement, for its reason
    bad_rows = np.flatnonzero(kv_bad[s_kv])
    if bad_rows.size:
        first = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first, s_owner[bad_rows], s_kv[bad_rows])
        has = first != np.iinfo(np.int64).max
        kv_key = np.zeros(both.kv.size, dtype=np.int64)
        kv_key[s_kv] = both.key[is_s]
        bad_key[has] = kv_key[first[has]]
    return status, chosen, bad_key, keys
