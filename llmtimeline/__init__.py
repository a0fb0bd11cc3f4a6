"""llmtimeline: what the AI industry said, and what then happened.

>>> import llmtimeline as lt
>>> tl = lt.load()                                   # the bundled events.csv
>>> report = tl.check(as_of="2024-05-01")            # one row per claim
>>> lt.parse_deadline("within a month", said="2024-04-09").latest
datetime.date(2024, 5, 9)
"""

from __future__ import annotations

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
from .merge import merge  # eager: the submodule of the same name must not shadow the function
from .model import Claim, Event, Ruling, Source, Subject
from .names import Names, normalise
from .status import STATUSES, Status
from .timeline import Timeline, load

if TYPE_CHECKING:
    __version__: str
    from .finder import Article, find_claims, read_article
    from .importers import from_epoch
    from .views.plot import plot_predictions, plot_timeline, plot_track_record


def __getattr__(name: str) -> Any:
    """The version, the plotting functions, the claim finder and ``from_epoch``, imported on first
    use: ``import llmtimeline`` stays light (reading the package's metadata alone imports the ``email`` package)."""
    if name == "__version__":
        from importlib import metadata

        try:
            version = metadata.version("llmtimeline")
        except metadata.PackageNotFoundError:  # run from a source tree that was never installed
            version = "0+unknown"
        globals()["__version__"] = version
        return version
    if name == "from_epoch":
        from .importers import from_epoch

        return from_epoch
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
