"""Addresses and names a reader is shown: which links a page makes, where a claim's page lives, a
source's outlet and title.

>>> is_web_link("https://ai.meta.com/blog/"), claim_page("clegg-llama3-within-a-month")
(True, 'claims/clegg-llama3-within-a-month.html')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

__all__ = ["claim_page", "is_web_link", "outlet_and_title", "plain_media_url"]


def is_web_link(url: object) -> bool:
    """True for an absolute http or https address (the only links the page makes).

    >>> is_web_link("https://ai.meta.com/blog/"), is_web_link("javascript:alert(1)"), is_web_link("http:x")
    (True, False, False)
    """
    if not isinstance(url, str) or not url or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


_FILE_NAME = re.compile(r"[^\s/\\:]+\.[A-Za-z0-9]{1,5}")


def outlet_and_title(source: str) -> tuple[str, str]:
    """The outlet and the title a ``source`` cell names, for a reader.

    A source is written "Outlet: Title" (the outlet alone when there is no colon);
    one that is only a file name (an article saved under a made-up name) shows as
    "source file"; an empty one as ("", "").

    >>> outlet_and_title("Meta AI blog: Introducing Meta Llama 3: The most capable openly available LLM to date")
    ('Meta AI blog', 'Introducing Meta Llama 3: The most capable openly available LLM to date')
    >>> outlet_and_title("000_3a95ff790e26f766.txt"), outlet_and_title("Reuters")
    (('source file', ''), ('Reuters', ''))
    """
    source = source.strip()
    if not source:
        return "", ""
    if _FILE_NAME.fullmatch(source):
        return "source file", ""
    outlet, colon, title = source.partition(": ")
    return (outlet.strip(), title.strip()) if colon and outlet.strip() else (source, "")


_PLAIN_URL = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
_EMBED_WORDS = ("iframe", "embed", "script", "<", ">", "javascript:", "data:")


def plain_media_url(url: str) -> str:
    """``url`` when TimelineJS would show it as a plain link, else "".

    TimelineJS 3 embeds as HTML any media URL containing "iframe" (and turns known
    sites into embeds); only an absolute http(s) address of plain URL characters
    that names no embed passes.

    >>> plain_media_url("https://ai.meta.com/blog/meta-llama-3/")
    'https://ai.meta.com/blog/meta-llama-3/'
    >>> plain_media_url("https://x.org/<iframe src=y>"), plain_media_url("https://x.org/iframe.html"), plain_media_url("ftp://x")
    ('', '', '')
    """
    if not is_web_link(url) or not _PLAIN_URL.fullmatch(url):
        return ""
    lowered = url.lower()
    return "" if any(word in lowered for word in _EMBED_WORDS) else url


_SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,120}")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}  # Windows


def claim_page(claim_id: str) -> str:
    """The path of a claim's page in a site, relative to its root: ``claims/ID.html``.

    An id that is not a safe file name on every system (lower-case letters, digits,
    ``.``, ``_``, ``-``) is named by its letters and a digest instead, so that no id
    can leave the folder or collide with another on a case-insensitive disk.

    >>> claim_page("clegg-llama3-within-a-month")
    'claims/clegg-llama3-within-a-month.html'
    >>> claim_page("../Évian 1") == claim_page("../Évian 1"), claim_page("../Évian 1").startswith("claims/evian-1-")
    (True, True)
    """
    if _SAFE_NAME.fullmatch(claim_id) and ".." not in claim_id and claim_id.split(".")[0] not in _RESERVED:
        return f"claims/{claim_id}.html"
    ascii_ = unicodedata.normalize("NFKD", claim_id).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:60].strip("-")
    digest = hashlib.sha256(claim_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"claims/{words + '-' if words else ''}{digest}.html"
