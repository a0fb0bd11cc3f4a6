"""Rulings: an editor's verdict on a claim, with its reasoning, as of a day.

A ruling (``type=ruling``) names the claim it rules on (``claim``), its verdict
(``verdict``: a status, or ``partly`` for a promise partly kept, PolitiFact's
"Compromise"), who ruled (``speaker``) and why (``title``).  As of a day D, the
latest ruling known (by date, ties by id) replaces the claim's automatic status;
the report keeps the automatic one beside it (``auto_status``, ``ruling_id``).
:func:`llmtimeline.check.history.history` shows how a claim's verdict moved over time.

>>> import numpy as np
>>> latest_rulings(np.array(["a", "b"], dtype=object), np.array(["b", "b"], dtype=object)).tolist()
[-1, 1]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["latest_rulings"]


def latest_rulings(claim_ids: pa.Array | np.ndarray, ruled: np.ndarray) -> np.ndarray:
    """For each claim, the index (into ``ruled``) of its latest ruling, or -1.

    ``claim_ids`` are the claims' ids (Arrow strings, or an array of str);
    ``ruled`` is the claim id of each known ruling, in date order (earliest day,
    latest day, id): the last one of a claim is its latest, ties going to the
    greater id.  The claims are looked up among the distinct ids ruled on (a hash
    of the few rulings, not of every claim).
    """
    out = np.full(len(claim_ids), -1, dtype=np.int64)
    if ruled.size == 0 or len(claim_ids) == 0:
        return out
    ruled_on = pd.Index(ruled)
    distinct = ruled_on.unique()
    latest = np.full(distinct.size, -1, dtype=np.int64)
    np.maximum.at(latest, distinct.get_indexer(ruled_on), np.arange(ruled.size))
    ids = claim_ids if isinstance(claim_ids, pa.Array | pa.ChunkedArray) else pa.array(claim_ids, pa.large_string())
    found = pc.index_in(ids, value_set=pa.array(distinct.to_numpy(dtype=object).tolist(), ids.type))
    at = np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    hit = at >= 0
    out[hit] = latest[at[hit]]
    return out
