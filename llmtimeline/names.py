"""Subjects: how names are compared, what else a subject is called, which family it belongs to.

Names are compared after :func:`normalise`: case folded, runs of spaces and
underscores read as one hyphen, surrounding space dropped ("Gemini 2" =
"gemini-2" = "GEMINI_2"; dots and digits are kept: "llama-3.1" is not
"llama-31").

A *subject record* (``type=subject``) names a subject (``subject``, the
canonical name), its display name (``title``) and, in ``facts``, its other
names (``aka=``, several with ``,``) and its family (``part_of=``).
:class:`Names` resolves them: an alias leads to its canonical name, a family to
its own family and so on up the chain, transitively and safe from cycles.

>>> names = Names.from_records([
...     ("llama-3", "Llama 3", "aka=Meta Llama 3"),
...     ("llama-3-70b", "Llama 3 70B", "part_of=llama-3"),
... ])
>>> names.canonical("META_LLAMA 3"), names.title("llama 3 70b")
('llama-3', 'Llama 3 70B')
>>> names.ancestors("llama-3-70b")
('llama-3-70b', 'llama-3')
>>> names.members("Llama 3")
('llama-3', 'llama-3-70b')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .facts import parse_facts

__all__ = ["Names", "normalise", "normalise_column"]

_RUN = re.compile(r"[\s_]+")
_SPACE = re.compile(r"\s")


def normalise(subject: str) -> str:
    """The name as subjects are compared: case folded, spaces and underscores as one hyphen.

    >>> normalise("  Gemini 2 "), normalise("GEMINI_2"), normalise("Llama  _ 3.1")
    ('gemini-2', 'gemini-2', 'llama-3.1')
    """
    folded = subject.strip().casefold()
    if " " not in folded and "_" not in folded and not _SPACE.search(folded):
        return folded
    return _RUN.sub("-", folded)  # one character class repeated: linear, nothing to backtrack


def normalise_column(values: np.ndarray) -> np.ndarray:
    """:func:`normalise` of each text of an object array, computed once per distinct text."""
    if values.size == 0:
        return values.astype(object)
    codes, uniques = pd.factorize(values)
    done = np.array([normalise(str(u)) for u in uniques], dtype=object)
    return np.asarray(done[codes])


class Names:
    """The subject records of a timeline, resolved: aliases, families and titles.

    Every name is looked up after :func:`normalise`.  Aliases are an
    equivalence: a subject record's ``subject`` and its ``aka=`` names are one
    subject, whose canonical name is the ``subject`` of the first record (file
    order) of the group.  ``part_of=`` names the family (several allowed); a
    family may itself be part of another; a cycle ends the chain where it comes
    back.  A name no record mentions is its own canonical name, with no family.
    """

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}  # union-find over normalised names (aliases)
        self._first: dict[str, int] = {}  # the record order in which a name was first seen as a subject
        self._titles: dict[str, str] = {}
        self._families: dict[str, list[str]] = {}  # normalised name -> families (normalised, unresolved)
        self._root_titles: dict[str, str] | None = None

    @classmethod
    def from_records(cls, records: Iterable[tuple[str, str, str]]) -> Names:
        """Names from ``(subject, title, facts text)`` of each subject record, in file order."""
        self = cls()
        for i, (subject, title, facts) in enumerate(records):
            name = normalise(subject)
            self._first.setdefault(name, i)
            self._find(name)
            if title and name not in self._titles:
                self._titles[name] = title
            try:
                parsed = parse_facts(facts) if facts else None
            except ValueError:
                parsed = None  # reported by the loader; a record with bad facts names no alias
            if parsed is None:
                continue
            for alias in parsed.get("aka", ()):
                self._union(name, normalise(alias))
            for family in parsed.get("part_of", ()):
                self._families.setdefault(name, []).append(normalise(family))
        return self

    @classmethod
    def from_columns(cls, types: np.ndarray, subjects: np.ndarray, titles: np.ndarray, facts: np.ndarray) -> Names:
        """Names from the cells of a table (its rows with ``type`` ``subject``)."""
        rows = np.flatnonzero(types == "subject")
        return cls.from_records(zip(subjects[rows].tolist(), titles[rows].tolist(), facts[rows].tolist(), strict=True))

    # -- union-find over aliases ---------------------------------------------------------------
    def _find(self, name: str) -> str:
        parent = self._parent.setdefault(name, name)
        root = name
        while parent != root:
            root, parent = parent, self._parent[parent]
        while name != root:  # path compression
            self._parent[name], name = root, self._parent[name]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        # the root is the name first seen as a record's subject: that is the canonical name
        big = float("inf")
        if self._first.get(rb, big) < self._first.get(ra, big):
            ra, rb = rb, ra
        self._parent[rb] = ra

    # -- lookups -------------------------------------------------------------------------------
    def canonical(self, name: str) -> str:
        """The canonical name of ``name`` (itself, normalised, when no record mentions it)."""
        key = normalise(name)
        return self._find(key) if key in self._parent else key

    def aliases(self, name: str) -> tuple[str, ...]:
        """Every name (normalised) of the subject ``name`` is, the canonical one first."""
        root = self.canonical(name)
        others = sorted(n for n in self._parent if n != root and self._find(n) == root)
        return (root, *others)

    def families(self, name: str) -> tuple[str, ...]:
        """The families ``name`` is directly part of (canonical names)."""
        root = self.canonical(name)
        out: dict[str, None] = {}
        for alias in self.aliases(root):
            for family in self._families.get(alias, ()):
                out[self.canonical(family)] = None
        out.pop(root, None)
        return tuple(out)

    def ancestors(self, name: str) -> tuple[str, ...]:
        """The canonical name of ``name``, then every family up the chain (breadth first, each once)."""
        root = self.canonical(name)
        seen = {root: None}
        queue = [root]
        while queue:
            nxt = []
            for current in queue:
                for family in self.families(current):
                    if family not in seen:
                        seen[family] = None
                        nxt.append(family)
            queue = nxt
        return tuple(seen)

    def members(self, name: str) -> tuple[str, ...]:
        """``name`` (canonical) and every subject whose family chain leads to it, sorted after it."""
        root = self.canonical(name)
        known = {self._find(n) for n in self._parent} | {self.canonical(n) for fs in self._families.values() for n in fs}
        inside = sorted(n for n in known if n != root and root in self.ancestors(n))
        return (root, *inside)

    def title(self, name: str) -> str | None:
        """The display title of the subject, or None when no subject record gives one."""
        root = self.canonical(name)
        if self._root_titles is None:  # once: the title of each subject, from its canonical name or an alias
            titles: dict[str, str] = {}
            for alias, title in sorted(self._titles.items(), key=lambda kv: (self._find(kv[0]) != kv[0], kv[0])):
                titles.setdefault(self._find(alias), title)
            self._root_titles = titles
        return self._root_titles.get(root)

    def titles(self) -> dict[str, str]:
        """The display title of every name a subject record gives one to, aliases included (normalised names).

        >>> names = Names.from_records([("gemini-app", "Gemini (formerly Bard)", "aka=Bard")])
        >>> names.titles() == {"gemini-app": "Gemini (formerly Bard)", "bard": "Gemini (formerly Bard)"}
        True
        """
        out: dict[str, str] = {}
        for name in self._parent:
            title = self.title(name)
            if title is not None:
                out[name] = title
        return out

    def display(self, name: str) -> str:
        """The title when a subject record gives one, else the name as given."""
        return self.title(name) or name

    @property
    def has_families(self) -> bool:
        """True when some subject record names a family (``part_of=``)."""
        return bool(self._families)

    def __bool__(self) -> bool:
        return bool(self._parent)

    def __repr__(self) -> str:
        return f"<Names: {len({self._find(n) for n in self._parent})} subjects, {len(self._parent)} names>"

    # -- columns ---------------------------------------------------------------------------------
    def canonical_column(self, values: np.ndarray) -> np.ndarray:
        """The canonical name of each text of an object array ("" stays ""), once per distinct text."""
        if values.size == 0:
            return values.astype(object)
        codes, uniques = pd.factorize(values)
        done = np.array([self.canonical(str(u)) if u != "" else "" for u in uniques], dtype=object)
        return np.asarray(done[codes])

    def chains(self, canonical_names: Sequence[str]) -> list[tuple[str, ...]]:
        """:meth:`ancestors` of each name."""
        return [self.ancestors(n) for n in canonical_names]
