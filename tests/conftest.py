"""Shared test configuration: the hypothesis profiles.

``default`` keeps the suite quick on a laptop; ``ci`` (chosen when the ``CI``
environment variable is set, or with ``--hypothesis-profile=ci``) runs more
examples, derandomised so a failure on CI reproduces.
"""

import os

from hypothesis import settings

settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile("ci", deadline=None, max_examples=300, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
