"""Shared test configuration: the hypothesis profiles.

``default`` keeps the suite quick on a laptop; ``ci`` (chosen when the ``CI``
environment variable is set, or with ``--hypothesis-profile=ci``) runs more
examples, derandomised so a failure on CI reproduces.
"""

import gc
import os
import sys
import tempfile
from typing import Any

# With PYTHONDONTWRITEBYTECODE (set on shared machines), pytest cannot keep its rewritten test modules nor
# Python the package's bytecode: every run, and every xdist worker, compiles the whole tree again (a third
# of collection).  Keep the bytecode in a cache of its own, outside the source tree (issue 29).
if sys.dont_write_bytecode:
    sys.dont_write_bytecode = False
    sys.pycache_prefix = sys.pycache_prefix or os.path.join(tempfile.gettempdir(), "llmtimeline-pycache")

import pytest
from hypothesis import settings

settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile("ci", deadline=None, max_examples=300, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what collection made (pandas, matplotlib, every test module and its parametrisation) out of the
    cyclic garbage collector: each full collection during the run, and pytest's own five at the end, would
    otherwise walk those long-lived objects again (about a second of each xdist worker's time here, issue 29).
    Objects made by the tests are collected as before."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadgroup`` (pyproject's addopts) with a file, not a test, as the unit of work.

    pytest-xdist's loadgroup makes each test without an ``xdist_group`` mark a unit of its own: the
    controller then hands the workers two or three tests at a time (thousands of round trips, and
    its bookkeeping grows with the square of the tests run), and a module's module-scoped fixtures
    (a loaded timeline, a built site) are made again on every worker that gets one of its tests.
    Here a module is one unit, handed whole to one worker, and a named group one unit as before.
    The named groups go first: each shares a costly fixture (the browser, a Dask cluster, a notebook
    kernel) and is the longest unit, and the longest units first leave the shortest for the end.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class LoadFileGroupScheduling(LoadGroupScheduling):
        _ordered = False

        def _split_scope(self, nodeid: str) -> str:
            if nodeid.rfind("@") > nodeid.rfind("]"):  # in a named group (xdist appends "@name")
                return nodeid.split("@")[-1]
            return nodeid.split("::", 1)[0]

        def _assign_work_unit(self, node: Any) -> None:
            if not self._ordered:  # the queue is made (largest units first); groups before files
                self._ordered = True
                for scope in [s for s in self.workqueue if "::" not in s and ".py" not in s][::-1]:
                    self.workqueue.move_to_end(scope, last=False)
            super()._assign_work_unit(node)

    return LoadFileGroupScheduling(config, log)
