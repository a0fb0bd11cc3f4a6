"""llmtimeline: what the AI industry said, and what then happened.

>>> import llmtimeline as lt
>>> tl = lt.load()                                   # the bundled events.csv
>>> report = tl.check(as_of="2024-05-01")            # one row per claim
>>> lt.parse_deadline("within a month", said="2024-04-09").latest
datetime.date(2024, 5, 9)
"""

from __future__ import annotations

from importlib import metadata as _metadata
from typing import TYPE_CHECKING, Any

from .check.report import Report
from .dates import Precision, When, is_valid_date, parse_date
from .deadlines import FoundDeadline, Window, find_deadlines, parse_deadline
from .exceptions import (
    ArgumentError,
    ArgumentTypeError,
    DateError,
    DeadlineError,
    Error,
    LoadError,
    MergeError,
    Problem,
    RecordError,
    SaveError,
    UnknownRecordError,
)
from .expects import Expectation
from .facts import Facts
from .importers import from_epoch
from .merge import merge
from .model import Claim, Event, Ruling, Source, Subject
from .names import Names, normalise
from .status import STATUSES, Status
from .timeline import Timeline, load

try:
    __version__: str = _metadata.version("llmtimeline")
except _metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from .finder import Article, find_claims, read_article
    from .views.plot import plot_predictions, plot_timeline, plot_track_record


def __getattr__(name: str) -> Any:
    """The plotting functions and the claim finder, imported on first use: ``import llmtimeline`` stays light."""
    if name in ("Article", "find_claims", "read_article"):
        from . import finder

        return getattr(finder, name)
    if name in ("plot_predictions", "plot_timeline", "plot_track_record"):
        from .views import plot

        return getattr(plot, name)
    raise AttributeError(f"module 'llmtimeline' has no attribute {name!r}")

__all__ = [
    "STATUSES",
    "ArgumentError",
    "ArgumentTypeError",
    "Article",
    "Claim",
    "DateError",
    "DeadlineError",
    "Error",
    "Event",
    "Expectation",
    "Facts",
    "FoundDeadline",
    "LoadError",
    "MergeError",
    "Names",
    "Precision",
    "Problem",
    "RecordError",
    "Report",
    "Ruling",
    "SaveError",
    "Source",
    "Status",
    "Subject",
    "Timeline",
    "UnknownRecordError",
    "When",
    "Window",
    "__version__",
    "find_claims",
    "find_deadlines",
    "from_epoch",
    "is_valid_date",
    "load",
    "merge",
    "normalise",
    "parse_date",
    "parse_deadline",
    "plot_predictions",
    "plot_timeline",
    "plot_track_record",
    "read_article",
]
