"""An article as the finder reads it: main text, title, publication day, address, language.

:func:`read_article` takes an HTML page or a plain-text article (a path or the
content itself).  From HTML the main text is extracted by trafilatura (navigation,
boilerplate, scripts, styles and comments left out, one paragraph a line), the
publication day comes from the page's *metadata* only (``<meta>`` tags, JSON-LD,
``<time>`` of the article, read by htmldate with ``extensive_search=False``: a year
written in a cookie banner or a footer is never taken as the day), and the address
from the canonical link (``<link rel="canonical">`` or ``og:url``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs

from ..exceptions import Error
from ._language import detect_lang

__all__ = ["Article", "read_article"]

_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?(?P<lang>[A-Za-z]{2})", re.IGNORECASE)
_SUFFIXES_HTML = (".html", ".htm", ".xhtml")
_SUFFIXES_TEXT = (".txt", ".text", ".md")
_MAX_PATH = 4096


@attrs.frozen
class Article:
    """An article's main text and what its page says about it.

    ``published`` is a date text (``2025-03-04``) or ``None`` when the page's metadata
    gives no day; ``url`` is ``None`` without a canonical link (or for plain text);
    ``lang`` is ``"en"`` or ``"fr"`` (the page's ``lang`` attribute, else detected).
    """

    text: str
    title: str = ""
    published: str | None = None
    url: str | None = None
    lang: str = "en"


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000])) or "</p>" in text[:20000].casefold()


def _read_path(path: Path) -> tuple[str, bool]:
    suffix = path.suffix.casefold()
    if suffix not in _SUFFIXES_HTML + _SUFFIXES_TEXT:
        raise Error(f"{path}: not an article file: expected .html, .htm or .txt (got {suffix or 'no suffix'!r})")
    if path.exists() and not path.is_file():
        raise Error(f"{path}: not a regular file (a folder, a FIFO or a device cannot be read as an article)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Error(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if suffix in _SUFFIXES_HTML:  # a page may say its encoding in a <meta charset>: trafilatura reads bytes
            return data.decode("latin-1"), True
        raise Error(f"{path}: not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                    "save it as UTF-8") from None
    return text, suffix in _SUFFIXES_HTML


def _from_html(html: str) -> Article:
    try:
        import htmldate
        import trafilatura
    except ImportError as exc:  # the finder extra is not installed
        raise Error(f"reading HTML needs {exc.name}: pip install 'llmtimeline[finder]'") from None

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    found: dict[str, Any] = {}
    if isinstance(document, dict):
        found = document
    elif document is not None:
        found = document.as_dict()
    text: str = found.get("text") or ""
    title: str = found.get("title") or ""
    url: str | None = found.get("url") or None
    published = htmldate.find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    lang_match = _HTML_LANG.search(html[:5000])
    lang = lang_match.group("lang").casefold() if lang_match else ""
    if lang not in ("en", "fr"):
        lang = detect_lang(text[:5000])
    if url is not None and not re.match(r"https?://", url):
        url = None  # the CSV contract takes http(s) addresses only
    return Article(text=text, title=" ".join(title.split()), published=published or None, url=url, lang=lang)


def read_article(source: str | Path) -> Article:
    """Read an article from a path (``.html``, ``.htm``, ``.txt``) or from HTML or text given as a string.

    HTML gives its main text (trafilatura), the day of its metadata (htmldate, no
    extensive search) and its canonical address; plain text is returned as it is, with
    its language detected and no day (give ``published=`` to :func:`find_claims`).

    >>> page = ('<html lang="en"><head><title>Acme</title>'
    ...         '<meta property="article:published_time" content="2025-03-04">'
    ...         '<link rel="canonical" href="https://example.org/acme"></head><body>'
    ...         '<nav>Home | Tech</nav><script>var s = "ship by 2030";</script>'
    ...         '<article><p>Acme said it will release Roadrunner 2 by the end of the year, '
    ...         'a few months after its first model.</p></article></body></html>')
    >>> article = read_article(page)
    >>> article.published, article.url, article.lang
    ('2025-03-04', 'https://example.org/acme', 'en')
    >>> article.text
    'Acme said it will release Roadrunner 2 by the end of the year, a few months after its first model.'
    """
    if isinstance(source, Path):
        text, is_html = _read_path(source)
    elif isinstance(source, str):
        candidate = source.strip()
        if (candidate and "\n" not in candidate and len(candidate) < _MAX_PATH
                and candidate.casefold().endswith(_SUFFIXES_HTML + _SUFFIXES_TEXT) and not _looks_like_html(candidate)):
            text, is_html = _read_path(Path(candidate))
        else:
            text, is_html = source, _looks_like_html(source)
    else:
        raise TypeError(f"read_article needs a path or a str, got {type(source).__name__}")
    if is_html:
        return _from_html(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(text=text, title=text.strip().split("\n", 1)[0][:200] if text.strip() else "",
                   lang=detect_lang(text[:5000]))
