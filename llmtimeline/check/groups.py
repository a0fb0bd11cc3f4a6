"""Which events may settle which predictions, as integer group keys, over columns.

A prediction about X is settled by an event about X, an alias of X, or any member
of X's family, transitively (DESIGN.md, "Names"); with facts, the event must also
meet them as conditions.  Both become one sorted search: every event is exploded
into one row per group it belongs to (its own subject, then each family up the
chain; and each conditioned group whose conditions it meets), and a prediction
looks for its group key among those rows.  Aliases need nothing here: the typed
``subject_code`` already numbers a subject once, whatever it is called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import numpy as np
import pandas as pd

from ..facts import Facts, parse_facts
from ..names import Names

__all__ = ["About", "event_groups"]

#: The subject texts of some records (positions in the table) as an object array of str.
About: TypeAlias = Callable[[np.ndarray], np.ndarray]


def _chains(names: Names, subject: np.ndarray, about: About, n_codes: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each subject code's chain of codes (itself, then its families): CSR start, length, flat codes.

    ``about(rows)`` gives the subject text of rows (the expected one for a prediction), ``subject``
    each row's code; a family that no row names has no code and cannot be expected, so it is left out.
    """
    rep = np.full(n_codes, -1, dtype=np.int64)
    has = np.flatnonzero(subject >= 0)
    rep[subject[has]] = has  # any row of each code names it
    named = rep >= 0
    text = np.full(n_codes, None, dtype=object)
    text[named] = about(rep[named])  # one row per code is read
    # a code no row names (the numbering may hold names only subject records give) has no chain of its own
    canonical = [None if t is None else names.canonical(str(t)) for t in text.tolist()]
    code_of: dict[str, int] = {}
    for code, name in enumerate(canonical):
        if name is not None:
            code_of.setdefault(name, code)
    chains = [[] if name is None else [code_of[a] for a in names.ancestors(name) if a in code_of]
              for name in canonical]
    length = np.array([len(c) for c in chains], dtype=np.int64)
    start = np.concatenate(([0], np.cumsum(length)[:-1])) if n_codes else np.zeros(0, np.int64)
    flat = np.array([c for chain in chains for c in chain], dtype=np.int64)
    return start, length, flat


def _explode(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For rows repeated ``counts`` times: the row of each copy and the copy's rank in its row."""
    owner = np.repeat(np.arange(counts.size), counts)
    rank = np.arange(owner.size) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, rank


def event_groups(names: Names, subject: np.ndarray, about: About | None, kind: np.ndarray,
                 ev: np.ndarray, pr: np.ndarray, facts: tuple[np.ndarray, list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The exploded event rows and each prediction's group key.

    Parameters are per-record columns of the whole table (``subject`` and ``kind``
    codes; ``facts``: each record's facts code and the distinct facts texts they index)
    and the positions of the events (``ev``, in date order) and predictions (``pr``)
    to use; ``about(rows)`` gives the subject texts of rows, needed only when
    ``names`` has families.

    Returns ``(key, event)`` of the exploded rows, in date order of their events
    (``event`` indexes ``ev``), and the key of each prediction.
    """
    n_codes = int(subject.max(initial=-1)) + 1
    n_kinds = int(kind.max(initial=-1)) + 1
    subject_e, kind_e = subject[ev], kind[ev]
    key_p = kind[pr] * n_codes + subject[pr]
    if names.has_families:
        if about is None:
            raise ValueError("event_groups: the subject texts (about) are needed when subjects have families")
        start, length, flat = _chains(names, subject, about, n_codes)
        owner, rank = _explode(length[subject_e])
        key = kind_e[owner] * n_codes + flat[start[subject_e][owner] + rank]
        event = owner
    else:
        key, event = kind_e * n_codes + subject_e, np.arange(ev.size)
    fact_codes, fact_texts = facts
    empty = fact_texts.index("") if "" in fact_texts else -1
    conditioned = np.flatnonzero(fact_codes[pr] != empty)
    if conditioned.size:
        key, event, key_p = _conditions(key, event, key_p, conditioned, fact_codes[pr], fact_codes[ev], fact_texts,
                                        n_kinds * n_codes)
    return key, event, key_p


def _conditions(key: np.ndarray, event: np.ndarray, key_p: np.ndarray, conditioned: np.ndarray,
                facts_p: np.ndarray, facts_e: np.ndarray, fact_texts: list[str],
                first_key: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Give each distinct (group, conditions) of the conditioned predictions a key of its own, and
    add a row with that key for each event of the group that meets the conditions.

    ``facts_p`` and ``facts_e`` are facts codes (indexing ``fact_texts``).  Each distinct
    conditions text is read once and each distinct event facts text once per conditions
    text; the cost is the number of (conditioned group, event of that group) pairs.
    """
    combo = pd.MultiIndex.from_arrays([key_p[conditioned], facts_p[conditioned]])
    combo_codes, combos = pd.factorize(combo)
    key_p = key_p.copy()
    key_p[conditioned] = first_key + combo_codes
    by_key = np.argsort(key, kind="stable")
    sorted_keys = key[by_key]
    parsed: dict[int, Facts] = {}
    add_key, add_event = [], []
    for i, (group, wanted_code) in enumerate(combos):
        wanted = parse_facts(fact_texts[wanted_code])
        lo, hi = np.searchsorted(sorted_keys, [group, group + 1])
        rows = by_key[lo:hi]
        if rows.size == 0:
            continue
        uniques, codes = np.unique(facts_e[event[rows]], return_inverse=True)
        meets = np.array([wanted.met_by(parsed.setdefault(u, parse_facts(fact_texts[u]))) for u in uniques.tolist()],
                         dtype=bool)
        keep = rows[meets[codes.reshape(-1)]]
        add_key.append(np.full(keep.size, first_key + i, dtype=np.int64))
        add_event.append(event[keep])
    if add_key:
        key = np.concatenate([key, *add_key])
        event = np.concatenate([event, *add_event])
        in_order = np.argsort(event, kind="stable")  # back in date order of the events
        key, event = key[in_order], event[in_order]
    return key, event, key_p
