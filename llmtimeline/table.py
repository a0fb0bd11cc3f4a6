"""What the engine reads: a validated table of records, as a protocol.

The engine (:mod:`llmtimeline.check`, :mod:`llmtimeline.lint`,
:mod:`llmtimeline.merge`) and the views take any object with these public
attributes; :class:`llmtimeline.Timeline` is one.  They never import the facade
(:mod:`llmtimeline.timeline`), so the layers run one way: store -> engine ->
views, with the facade on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .names import Names
    from .store import Kept

__all__ = ["Table"]


@runtime_checkable
class Table(Protocol):
    """A validated table of records: cells as written, typed columns, date order, names.

    See the properties of :class:`llmtimeline.Timeline` of the same names.
    """

    def __len__(self) -> int:
        """How many records :attr:`cells` holds."""

    @property
    def cells(self) -> pd.DataFrame:
        """The records' cells as written, in file order: pandas' Arrow-backed ``str`` columns ("" for empty)."""

    @property
    def typed(self) -> pd.DataFrame:
        """The typed columns, one row per record of :attr:`cells`."""

    @property
    def order(self) -> np.ndarray:
        """Row positions of :attr:`cells` in date order."""

    @property
    def names(self) -> Names:
        """The subject records resolved: aliases, families and titles."""

    @property
    def source(self) -> str:
        """Where the records came from."""

    @property
    def lines(self) -> np.ndarray:
        """The line each record of :attr:`cells` starts on."""

    @property
    def kept(self) -> Kept | None:
        """The records a load with ``errors="keep"`` kept as written."""

    @property
    def problems(self) -> pd.DataFrame:
        """Every problem of the records kept as written."""

    @property
    def invalid(self) -> pd.DataFrame:
        """The cells of the records kept with problems."""
