"""Plots: the release timeline, the prediction chart, the track record, and the report figure.

All follow the seaborn habit: the timeline first, options keyword-only, an
``ax`` to draw on (a new figure of a sensible size when none is given), the
Axes returned even when there is nothing to draw, ``title=``, and ``**kwargs``
passed on to matplotlib.  Text from the data is drawn as written (a ``$`` is a
dollar).  Colours and markers come from :mod:`llmtimeline.status` (through :mod:`llmtimeline.views.palette`).
matplotlib is imported inside the functions, never when ``llmtimeline`` is.

>>> import llmtimeline as lt
>>> ax = lt.load().plot(as_of="2024-05-01")              # doctest: +SKIP
>>> ax = lt.plot_predictions(lt.load(), as_of="2025-01-01")  # doctest: +SKIP
"""

from __future__ import annotations

from .figure import REPORT_DPI, report_figure, save_report_figure
from .predictions import plot_predictions
from .record_bars import PREDICTION_STATUSES, plot_track_record
from .releases import plot_timeline

__all__ = ["PREDICTION_STATUSES", "REPORT_DPI", "plot_predictions", "plot_timeline", "plot_track_record",
           "report_figure", "save_report_figure"]
