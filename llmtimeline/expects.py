"""What a prediction expects: ``KIND SUBJECT`` or ``not KIND SUBJECT``."""

from __future__ import annotations

import re

import attrs

__all__ = ["Expectation", "all_one_line", "kind_problem", "name_problem", "read_expectations"]

_SLUG_KIND = re.compile(r"[a-z][a-z0-9_.-]*")
_NAME = re.compile(r"\S(?:[^\r\n]*\S)?")


@attrs.frozen
class Expectation:
    """What a prediction expects: an event of ``kind`` about ``subject``, or its absence.

    >>> Expectation.parse("not release llama-3")
    Expectation(kind='release', subject='llama-3', negated=True)
    >>> str(Expectation("release", "llama-3"))
    'release llama-3'
    """

    kind: str
    subject: str
    negated: bool = False

    def __attrs_post_init__(self) -> None:
        reason = kind_problem(self.kind) or name_problem(self.subject, "subject")
        if reason:
            raise ValueError(reason)

    @classmethod
    def parse(cls, text: str) -> Expectation:
        """Read ``KIND SUBJECT`` or ``not KIND SUBJECT``; raise ValueError with the reason.

        The kind is one word; the subject is the rest ("release GPT-4 Turbo" is fine).
        """
        words = text.split(None, 1)
        negated = len(words) == 2 and words[0].lower() in ("not", "no", "pas")
        if negated:
            words = words[1].split(None, 1)
        if len(words) != 2:
            raise ValueError("expected 'KIND SUBJECT' or 'not KIND SUBJECT', e.g. 'release llama-3'")
        return cls(words[0], words[1].strip(), negated)

    def __str__(self) -> str:
        return f"{'not ' if self.negated else ''}{self.kind} {self.subject}"


def read_expectations(texts: list[str]) -> list[tuple[str, str, bool]] | None:
    """Kind, subject and negation of each text as :meth:`Expectation.parse` reads it, or
    None when some text is not valid (then ask ``Expectation.parse`` why).

    The rules run once per distinct kind and over all subjects at once, so this is
    much faster than parsing each text into an Expectation.
    """
    out: list[tuple[str, str, bool]] = []
    for text in texts:
        words = text.split(None, 1)
        negated = len(words) == 2 and words[0].lower() in ("not", "no", "pas")
        if negated:
            words = words[1].split(None, 1)
        if len(words) != 2:
            return None
        out.append((words[0], words[1].strip(), negated))
    kinds = {kind for kind, _, _ in out}
    if any(kind_problem(kind) for kind in kinds) or not all_one_line([subject for _, subject, _ in out]):
        return None
    return out


def name_problem(value: str, what: str) -> str | None:
    """Ids and subjects: one line, no spaces at either end (a slug such as 'llama-3' is best)."""
    if not _NAME.fullmatch(value):
        if "\n" in value or "\r" in value:
            return f"{what} must fit on one line"
        return f"{what} has spaces at its start or end"
    return None


def kind_problem(value: str) -> str | None:
    if not _SLUG_KIND.fullmatch(value):
        return "kind must be a lowercase slug such as 'release', 'announcement' or 'partnership'"
    return None


def all_one_line(values: list[str]) -> bool:
    """True when no value has a line break or spaces at either end (the one-line and name rules)."""
    joined = "\x00".join(values)
    return "\n" not in joined and "\r" not in joined and list(map(str.strip, values)) == values
