"""Shared test configuration: the hypothesis profiles.

``default`` keeps the suite quick on a laptop; ``ci`` (chosen when the ``CI``
environment variable is set, or with ``--hypothesis-profile=ci``) runs more
examples, derandomised so a failure on CI reproduces.
"""

import os
import sys
import tempfile

# With PYTHONDONTWRITEBYTECODE (set on shared machines), pytest cannot keep its rewritten test modules nor
# Python the package's bytecode: every run, and every xdist worker, compiles the whole tree again (a third
# of collection).  Keep the bytecode in a cache of its own, outside the source tree (issue 29).
if sys.dont_write_bytecode:
    sys.dont_write_bytecode = False
    sys.pycache_prefix = sys.pycache_prefix or os.path.join(tempfile.gettempdir(), "llmtimeline-pycache")

from hypothesis import settings

settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile("ci", deadline=None, max_examples=300, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
