"""The engine: check claims against the events known on a day, and what follows from it.

- :mod:`~llmtimeline.check.engine`: :func:`check` (Timeline -> :class:`Report`) and :func:`as_of_day`;
- :mod:`~llmtimeline.check.settling`: each prediction's settling event and verdict;
- :mod:`~llmtimeline.check.groups`: which events can settle which predictions (subject families);
- :mod:`~llmtimeline.check.statements`: statements against the facts of events;
- :mod:`~llmtimeline.check.rulings`: an editor's verdict, and a claim's history;
- :mod:`~llmtimeline.check.columns` and :mod:`~llmtimeline.check.report`: the Report, its columns (defined once);
- :mod:`~llmtimeline.check.cells`: the cells' text read as the engine needs it, whatever their storage (object or Arrow);
- :mod:`~llmtimeline.check.reasons`: the sentence that explains each verdict;
- :mod:`~llmtimeline.check.track_record`: how each actor or speaker fared.

The engine reads a validated table (:class:`llmtimeline.table.Table`) and never
imports the facade (:mod:`llmtimeline.timeline`) or a view.
"""

from __future__ import annotations

from .engine import as_of_day, check
from .report import COLUMNS, Report

__all__ = ["COLUMNS", "Report", "as_of_day", "check"]
