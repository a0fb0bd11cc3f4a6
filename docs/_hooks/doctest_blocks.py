"""A griffe extension for the API reference: ``>>>`` examples in any part of a docstring read as code.

Numpy-style docstrings keep their examples in an "Examples" section, which
mkdocstrings already shows as code; many of ours also put a short ``>>>``
session in the description, where Markdown would read ``x[:3]`` as a link.
Each run of ``>>>`` lines (with their continuation and output lines, up to a
blank line) becomes a fenced ``pycon`` block, at its own indentation.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_FENCE = "```"


def fence_examples(text: str) -> str:
    """The docstring text with every ``>>>`` block fenced as ``pycon``.

    (Tested in ``tests/test_docs.py``: a docstring cannot hold a doctest session as its output.)
    """
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    in_fence = in_examples = False
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith(_FENCE):
            in_fence = not in_fence
        if i + 1 < len(lines) and _is_underline(lines[i + 1]) and stripped:  # a numpy section's header
            in_examples = stripped.rstrip() == "Examples"  # mkdocstrings shows its examples as code already
        if in_fence or in_examples or not stripped.startswith(">>>"):
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(stripped)]
        out.append(indent + _FENCE + "pycon")
        while i < len(lines) and lines[i].strip():
            out.append(lines[i])
            i += 1
        out.append(indent + _FENCE)
    return "\n".join(out)


_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|attr|mod|data|exc|obj):`~?([^`]+)`")
_DOUBLE = re.compile(r"``([^`]+)``")


def markdown_code(text: str) -> str:
    """reST code in Markdown: ``:func:`~llmtimeline.load``` and double backquotes become single ones.

    >>> markdown_code(":func:`~llmtimeline.load` reads ``events.csv``")
    '`load` reads `events.csv`'
    """
    text = _ROLE.sub(lambda m: "`" + (m.group(1).rsplit(".", 1)[-1] if m.group(0).count("~") else m.group(1)) + "`", text)
    return _DOUBLE.sub(r"`\1`", text)


def _is_underline(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= 3 and set(stripped) == {"-"}


class DoctestBlocks(griffe.Extension):
    """Fence the ``>>>`` blocks of every docstring before mkdocstrings renders it."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is None:
            return
        text = markdown_code(obj.docstring.value)
        obj.docstring.value = fence_examples(text) if ">>>" in text else text
