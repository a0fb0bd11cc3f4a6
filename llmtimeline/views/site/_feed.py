"""The site's Atom feed: one entry per change of a claim's verdict (its history), newest first.

Links are absolute under the site's base URL when one is given (relative to the
feed otherwise, as Atom allows); entry ids are stable ``urn:uuid:`` names of the
claim, the day and the status, so a reader sees each change once.  Text is
written by the XML writer (escaped there); characters XML 1.0 cannot hold are
replaced by U+FFFD.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

if TYPE_CHECKING:
    from ._build import Site

__all__ = ["ATOM", "atom_feed"]

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _link(site: Site, path: str) -> str:
    if not site.base_url:
        return path
    base = site.base_url if site.base_url.endswith("/") else site.base_url + "/"
    return urljoin(base, path)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _xml(text)
    return element


def atom_feed(site: Site) -> bytes:
    """The feed as UTF-8 XML."""
    ET.register_namespace("", ATOM)
    entries: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = []
    for claim in site.claims:
        for change in site.history(claim["id"]) or []:
            entries.append((change["date"], claim["id"], claim, change))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed")
    name = site.publisher or "llmtimeline"
    _sub(feed, "title", f"What was said, and what happened: verdicts ({name})")
    _sub(feed, "subtitle", f"Each change of a claim's verdict, as of {site.as_of}.")
    _sub(feed, "id", _link(site, "feed.xml") if site.base_url else
         f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'llmtimeline:feed:' + str(site.timeline.source))}")
    _sub(feed, "updated", f"{entries[0][0] if entries else site.as_of}T00:00:00Z")
    _sub(feed, "link", rel="self", href=_link(site, "feed.xml"))
    _sub(feed, "link", rel="alternate", type="text/html", href=_link(site, "index.html"))
    author = _sub(feed, "author")
    _sub(author, "name", name)
    if site.publisher_url:
        _sub(author, "uri", site.publisher_url)
    for day, claim_id, claim, change in entries:
        entry = _sub(feed, "entry")
        verdict = f"{change['mark']} {change['status']}" + (" (ruled)" if change["ruled"] else "")
        _sub(entry, "title", f"{claim['who']}: {claim['title']} — {verdict}")
        key = f"llmtimeline:{claim_id}:{day}:{change['status']}"
        _sub(entry, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}")
        _sub(entry, "updated", f"{day}T00:00:00Z")
        _sub(entry, "link", rel="alternate", type="text/html", href=_link(site, claim["page"]))
        _sub(entry, "summary", change["reason"] or verdict)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
