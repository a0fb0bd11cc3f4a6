"""schema.org ClaimReview: one review per claim with a verdict, the one place the exports and the site take it from.

Each review names the claim's page (``url``, absolute under the site's base URL), its
author (the publisher), the Claim (who said it, when, in what words and where:
``appearance`` with the outlet, the title and the address) and a ``reviewRating``
on a stated scale.  :func:`script_json` writes it so that it can sit in a
``<script type="application/ld+json">``.

>>> import llmtimeline as lt
>>> reviews = claimreview(lt.load(), as_of="2024-05-01", base_url="https://example.org/ai/")
>>> [(r["url"], r["reviewRating"]["alternateName"]) for r in reviews if r["url"].endswith("/clegg-llama3-within-a-month.html")]
[('https://example.org/ai/claims/clegg-llama3-within-a-month.html', 'fulfilled')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import pandas as pd

from ..exceptions import Error
from ..status import TABLE
from . import reading as views
from .links import claim_page, is_web_link, outlet_and_title

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = ["RATINGS", "RATING_SCALE", "claim_review", "claim_reviews", "claimreview", "event_titles", "readable_reason",
           "script_json"]

#: The ClaimReview ``ratingValue`` of each status that is a verdict, on the scale of :data:`RATING_SCALE`
#: (1: the claim proved false, 5: it proved true), from :data:`llmtimeline.status.TABLE`.  A status
#: missing here is no verdict (pending, unverified, undetermined, invalid): no ClaimReview.
RATINGS: dict[str, int] = {s: row.rating for s, row in TABLE.items() if row.rating is not None}
#: The stated scale of every rating: ``(worstRating, bestRating)``.
RATING_SCALE: tuple[int, int] = (1, 5)


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any, *, indent: int | None = None) -> str:
    """``data`` as JSON that can sit inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028
    and U+2029 written as ``\\u`` escapes (they occur only inside strings, where JSON reads the
    escapes back as the same characters), so no text can close the element or start a comment.

    >>> script_json({"q": "</script><script>alert(1)</script>"})
    '{"q": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    >>> json.loads(script_json(["a & b < c"])) == ["a & b < c"]
    True
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group()], text)


def readable_reason(reason: str, event_id: str = "", ruling_id: str = "", titles: Mapping[str, str] | None = None) -> str:
    """The engine's ``reason`` as a reader is shown it: the settling event named by its title, not its id,
    and no ruling id (the page names the ruling).

    >>> readable_reason("Llama 3 was released on 2024-04-18, 21 days early; event llama-3-release.", "llama-3-release")
    'Llama 3 was released on 2024-04-18, 21 days early.'
    >>> readable_reason("They agree with x=1 (event e7, 2023-07-21).", "e7", titles={"e7": "Acme ships X"})
    'They agree with x=1 (“Acme ships X”, 2023-07-21).'
    """
    if event_id:
        title = (titles or {}).get(event_id, "")
        named = f"“{title}”" if title else "the event"
        if reason.endswith(f"; event {event_id}."):
            reason = reason[: -len(f"; event {event_id}.")] + "."
        reason = reason.replace(f"(event {event_id}, ", f"({named}, ").replace(f"Event {event_id} (", f"{named[:1].upper()}{named[1:]} (")
    if ruling_id:
        reason = reason.replace(f"(ruling {ruling_id}; ", "(")
    return reason


def _iso_date(text: str) -> str:
    """A record's date as ISO 8601 (reduced precision kept; an approximate ``~`` dropped; a quarter as its first month)."""
    text = text.rstrip("~")
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", text)
    return f"{quarter.group(1)}-{3 * int(quarter.group(2)) - 2:02d}" if quarter else text


def _absolute(base_url: str | None, path: str) -> str:
    """``path`` under ``base_url`` (which must be an http(s) address), or ``path`` as it is without one."""
    if base_url is None:
        return path
    if not is_web_link(base_url):
        raise Error(f"Could not interpret value `{base_url}` for `base_url`: expected an http(s) address such as "
                    "https://example.org/verdicts/")
    return urljoin(base_url if base_url.endswith("/") else base_url + "/", path)


def claim_review(r: Any, *, url: str, reviewed_on: str, publisher: str | None = None,
                 publisher_url: str | None = None, titles: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The schema.org ClaimReview of one report row (a namedtuple of the report's columns), or None
    when its status is no verdict (pending, unverified, undetermined, invalid).

    ``url`` is the review's address (the claim's page); ``reviewed_on`` the day checked;
    ``publisher`` the review's author.  ``itemReviewed`` is the Claim: its author (the
    speaker, with the organisation as affiliation, or the organisation), the day said,
    its words and language, and ``appearance``: the source's outlet (``publisher``),
    title (``name``) and URL.  ``reviewRating`` carries the status as ``alternateName``
    and :data:`RATINGS`' value on the :data:`RATING_SCALE`, with the reason as its
    explanation (:func:`readable_reason`; ``titles``: each event's title by id).
    """
    status = views.text(r.status)
    if status not in RATINGS:
        return None
    speaker, actor = views.text(r.speaker), views.text(r.actor)
    author: dict[str, Any] = ({"@type": "Person", "name": speaker} if speaker
                              else {"@type": "Organization", "name": actor or "(unknown)"})
    if speaker and actor:
        author["affiliation"] = {"@type": "Organization", "name": actor}
    claim: dict[str, Any] = {"@type": "Claim", "author": author, "datePublished": _iso_date(views.text(r.date))}
    if views.text(r.quote):
        claim["text"] = views.text(r.quote)
        if views.text(r.lang):
            claim["inLanguage"] = views.text(r.lang)
    outlet, title = outlet_and_title(views.text(r.source))
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if title:
        appearance["name"] = title
    if outlet and outlet != "source file":
        appearance["publisher"] = {"@type": "Organization", "name": outlet}
    if is_web_link(views.text(r.url)):
        appearance["url"] = views.text(r.url)
    if len(appearance) > 1:
        claim["appearance"] = appearance
    worst, best = RATING_SCALE
    rating: dict[str, Any] = {"@type": "Rating", "ratingValue": RATINGS[status], "bestRating": best, "worstRating": worst,
                              "alternateName": status}
    if views.text(r.reason):
        rating["ratingExplanation"] = readable_reason(views.text(r.reason), views.text(r.event_id),
                                                      views.text(r.ruling_id), titles)
    review: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": url,
        "claimReviewed": views.text(r.title),
        "datePublished": reviewed_on, "itemReviewed": claim, "reviewRating": rating,
    }
    if publisher:
        review["author"] = {"@type": "Organization", "name": publisher}
        if publisher_url:
            if not is_web_link(publisher_url):
                raise Error(f"Could not interpret value `{publisher_url}` for `publisher_url`: expected an http(s) address")
            review["author"]["url"] = publisher_url
    return review


def claim_reviews(report: pd.DataFrame, *, base_url: str | None = None, publisher: str | None = None,
                  publisher_url: str | None = None, page: Callable[[str], str] = claim_page,
                  titles: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """One ClaimReview per claim of ``report`` with a verdict (:func:`claim_review`), in report order.

    Each ``url`` is the claim's page (``page(id)``, by default ``claims/ID.html``) under ``base_url``.
    """
    reviewed_on = str(report.attrs["as_of"])
    out = []
    for r in report.itertuples(index=False):
        review = claim_review(r, url=_absolute(base_url, page(views.text(r.id))), reviewed_on=reviewed_on,
                              publisher=publisher, publisher_url=publisher_url, titles=titles)
        if review is not None:
            out.append(review)
    return out


def claimreview(timeline: Timeline, *, as_of: Any = None, base_url: str | None = None, publisher: str | None = None,
                publisher_url: str | None = None) -> list[dict[str, Any]]:
    """The ClaimReviews of ``timeline`` checked ``as_of`` (see :func:`claim_reviews`)."""
    return claim_reviews(views.report(timeline, as_of=as_of), base_url=base_url, publisher=publisher,
                         publisher_url=publisher_url, titles=event_titles(timeline))


def event_titles(timeline: Timeline) -> dict[str, str]:
    """Each event's title, by id (how a reason names its event to a reader)."""
    c = views.cells(timeline)
    events = (c["type"] == "event").to_numpy()
    return dict(zip(c["id"].to_numpy(dtype=object)[events].tolist(), c["title"].to_numpy(dtype=object)[events].tolist(),
                    strict=True))
