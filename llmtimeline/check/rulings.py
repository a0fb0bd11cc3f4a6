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

__all__ = ["latest_rulings"]


def latest_rulings(claim_ids: np.ndarray, ruled: np.ndarray) -> np.ndarray:
    """For each claim, the index (into ``ruled``) of its latest ruling, or -1.

    ``ruled`` is the claim id of each known ruling, in date order (earliest day,
    latest day, id): the last one of a claim is its latest, ties going to the
    greater id.
    """
    out = np.full(claim_ids.size, -1, dtype=np.int64)
    if ruled.size == 0 or claim_ids.size == 0:
        return out
    at = pd.Index(claim_ids).get_indexer(ruled)
    hit = at >= 0
    np.maximum.at(out, at[hit], np.flatnonzero(hit))
    return out
