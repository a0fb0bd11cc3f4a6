"""A static site of verdicts, as a newsroom publishes them: ``tl.to_site(folder)`` / ``llmtimeline site OUT/``.

The check runs once; every page reads its report:

* ``index.html``: the verdicts first (status counts that filter the list, a search
  box that needs no server, every claim listed without JavaScript, newest first, as
  cards on a phone), then the charts;
* ``claims/ID.html``: the quote, the phrase and its window, the status and its
  reason, the settling event with its source, any ruling with its reasoning, the
  dated history of the verdict, a small chart and one embedded ClaimReview;
* ``people/SLUG.html`` and ``organisations/SLUG.html``: the track record (counts,
  on-time rate with its 95 % Wilson interval and the number it rests on, median
  margin) and their claims;
* ``feed.xml``: an Atom feed, one entry per change of a verdict, newest first;
* ``claimreview.json``: the ClaimReviews, one per claim with a verdict.

No page makes a network request; every value is escaped by Jinja2's autoescape.

>>> import llmtimeline as lt, tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> _ = lt.load().to_site(out, as_of="2024-05-01", base_url="https://example.org/ai/")
>>> (out / "claims" / "clegg-llama3-within-a-month.html").exists(), (out / "people" / "nick-clegg.html").exists()
(True, True)
"""

from __future__ import annotations

from ._build import Site, build_site, render_index, write_site
from ._history import HISTORY_LIMIT, histories

__all__ = ["HISTORY_LIMIT", "Site", "build_site", "histories", "render_index", "write_site"]
