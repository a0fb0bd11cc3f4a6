"""Public tables in: readers that turn published data sets into timelines.

:func:`from_epoch` reads Epoch AI's table of notable AI models (CC BY 4.0) as release events.
"""

from __future__ import annotations

from .epoch import from_epoch

__all__ = ["from_epoch"]
