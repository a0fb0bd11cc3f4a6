"""Warnings about the data: what loads and checks, but will likely give a wrong or an empty verdict.

:func:`lint` never refuses anything (the loader does that); it points at records
a person should look at again, each warning with a stable code from :data:`RULES`
(``LT101``...), a message and a suggestion:

- ``LT1``: a prediction's ``expects`` names a subject (LT101) or a kind (LT102)
  that no event, alias or subject record names yet.  A prediction about a
  product that does not exist yet is normal: LT101 says so without calling it a
  mistake, and proposes a name only when one is close (a different version
  number is a different product: ``gemini-3`` is not a typo of ``gemini-2``);
- ``LT2``: a prediction without a deadline (it can never be missed, LT201); a
  statement without facts (it stays unverified, LT202);
- ``LT3``: a claim without a URL (LT301); two events of one kind and subject,
  from different sources, whose dates cannot both be right (LT302);
- ``LT4``: a record dated after today (LT401).

Names are compared as the checker compares them (:func:`llmtimeline.names.normalise`,
aliases and families resolved by :class:`llmtimeline.names.Names`), so
``release Gemini 2`` against events about ``gemini-2`` is no warning.  Close
matches are looked up among the distinct names only, through an index of the
names less one character (so a missing, extra, swapped or changed character is
found in time linear in the names), ranked with :mod:`difflib`.

Codes can be chosen as ruff's are, by full code or by prefix
(:func:`select_codes`); :func:`rules_markdown` writes the table of codes that
``docs/lint.md`` shows.

>>> [(r.code, r.name) for r in RULES][:2]
[('LT101', 'expects-unknown-subject'), ('LT102', 'expects-unknown-kind')]
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import TYPE_CHECKING

import attrs
import numpy as np
import pandas as pd

from . import dates
from .dates import day_number, from_day_number
from .facts import parse_facts
from .names import Names, normalise

if TYPE_CHECKING:
    from .table import Table

__all__ = ["COMMON_KINDS", "LINT_CODES", "LINT_COLUMNS", "RULES", "Rule", "lint", "rule", "rules_markdown", "select_codes"]

#: The columns of the table :func:`lint` returns.
LINT_COLUMNS: tuple[str, ...] = ("id", "column", "value", "code", "message", "suggestion")
#: Kinds of events named in the documentation: a prediction may expect one before any event has it.
COMMON_KINDS: tuple[str, ...] = ("release", "announcement", "availability", "partnership", "license")


@attrs.frozen
class Rule:
    """One lint rule (a table of ``lint_rules.toml``): a stable code, a name, the column it looks at,
    and what it says.

    ``message`` and ``suggestion`` are :meth:`str.format` templates filled with
    the warning's fields (``{subject!r}``, ``{matches}``...); ``why`` is the
    paragraph the documentation shows.
    """

    code: str
    name: str
    column: str
    message: str
    suggestion: str
    why: str


def _read_rules() -> tuple[Rule, ...]:
    """The rules of ``lint_rules.toml`` (beside this module), in code order."""
    table = tomllib.loads(resources.files(__package__).joinpath("lint_rules.toml").read_text(encoding="utf-8"))
    return tuple(Rule(code, **fields) for code, fields in sorted(table.items()))


#: Every lint rule, in code order: the one table of codes, read from ``lint_rules.toml`` (``docs/lint.md``
#: is made from it).
RULES: tuple[Rule, ...] = _read_rules()
#: The same rules by code (``LINT_CODES["LT101"].name == "expects-unknown-subject"``).
LINT_CODES: dict[str, Rule] = {r.code: r for r in RULES}
_BY_CODE = LINT_CODES
_CODE = re.compile(r"LT\d{0,3}")


def rule(code: str) -> Rule:
    """The rule of ``code``.

    >>> rule("LT201").name
    'prediction-without-deadline'
    """
    try:
        return _BY_CODE[code.strip().upper()]
    except KeyError:
        raise ValueError(f"unknown lint code {code!r}: expected one of {', '.join(_BY_CODE)}") from None


def select_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[str, ...]:
    """The codes chosen by ``select`` and ``ignore``, as ruff chooses: full codes or prefixes.

    An empty ``select`` selects every code; a code is dropped when an ``ignore``
    prefix is at least as long as the longest ``select`` prefix that chose it
    (so ``select=["LT101"], ignore=["LT1"]`` keeps LT101, as in ruff).
    Unknown codes or prefixes raise :class:`ValueError`.

    >>> select_codes(["LT1", "LT401"])
    ('LT101', 'LT102', 'LT401')
    >>> select_codes(ignore=["LT3", "LT201"])
    ('LT101', 'LT102', 'LT202', 'LT401')
    >>> select_codes(["LT101"], ignore=["LT1"])
    ('LT101',)
    """
    chosen: list[str] = []
    sel = [_prefix(p) for p in select] or ["LT"]
    ign = [_prefix(p) for p in ignore]
    for code in _BY_CODE:
        selected = max((len(p) for p in sel if code.startswith(p)), default=-1)
        ignored = max((len(p) for p in ign if code.startswith(p)), default=-1)
        if selected > ignored:  # the most specific choice wins; a tie goes to ignore
            chosen.append(code)
    return tuple(chosen)


def _prefix(text: str) -> str:
    prefix = text.strip().upper()
    if prefix == "ALL":
        return "LT"
    if not _CODE.fullmatch(prefix) or not any(code.startswith(prefix) for code in _BY_CODE):
        raise ValueError(f"unknown lint code or prefix {text!r}: the codes are {', '.join(_BY_CODE)} "
                         "(a prefix such as LT1 names a group)")
    return prefix


def rules_markdown() -> str:
    """The documentation page of the lint codes (``docs/lint.md``), made from :data:`RULES`."""
    lines = [
        "# Lint codes",
        "",
        "<!-- lint-codes -->",  # the docs build (docs/_hooks/generated.py) makes this page again from RULES
        "",
        "`tl.lint()` and `llmtimeline validate` warn about records that load and check but will likely give a",
        "wrong or an empty verdict. Warnings are never errors: `validate` exits 0 on warnings alone (1 with",
        "`--strict`). Each warning has a stable code; choose them as ruff does, by code or by prefix:",
        "",
        "```console",
        "$ llmtimeline validate events.csv --select LT1 --ignore LT102",
        "$ llmtimeline validate events.csv --ignore LT3 --statistics",
        "```",
        "",
        "`validate` prints each problem (errors) and then each warning on standard error, one line each",
        "(`FILE:LINE: CODE id 'ID', column 'COLUMN': 'VALUE': message; suggestion`), and its one-line summary",
        "(with `--statistics`, the count per code first) on standard output:",
        "",
        "```console",
        "$ llmtimeline validate mine.csv --statistics 2>/dev/null",
        "      2  LT101  expects-unknown-subject",
        "      1  LT301  claim-without-url",
        "mine.csv: OK, 4 records (1 events, 3 claims), 3 warnings (LT101: 2, LT301: 1)",
        "```",
        "",
        "In Python, `tl.lint()` returns the same warnings as a DataFrame with the columns",
        "`id, column, value, code, message, suggestion`. The table below is generated from `llmtimeline.lint.RULES`",
        "(`python -c \"import llmtimeline.lint as l; print(l.rules_markdown(), end='')\" > docs/lint.md`).",
        "",
        "| code | name | column | message |",
        "|---|---|---|---|",
    ]
    for r in RULES:
        lines.append(f"| `{r.code}` | {r.name} | `{r.column}` | {_md(r.message)} |")
    for r in RULES:
        lines += ["", f"## {r.code} {r.name}", "", r.why, "", f"Message: {_md(r.message)}", "",
                  f"Suggestion: {_md(r.suggestion)}"]
    return "\n".join(lines) + "\n"


def _md(template: str) -> str:
    """A message template for the docs: each field as its name in capitals ('NAME' when quoted)."""
    def field(match: re.Match[str]) -> str:
        name = match.group(1).upper()
        return f"'{name}'" if match.group(2) == "!r" else name

    return re.sub(r"\{(\w+)(![rs])?\}", field, template).replace("|", "\\|")


_SUGGESTED = 3  # close matches shown
_LOOKED_UP = 1_000  # distinct unknown names given close matches (the rest are still reported)
_DIFFLIB_POOL = 2_000  # below this many names, difflib also looks further than one character away
_VARIANT_LENGTH = 64  # longer names are matched whole or by their letters and digits only


class _Matcher:
    """Close matches of a name among known names, in time linear in the names' length."""

    def __init__(self, names: Iterable[str]) -> None:
        self.shown: dict[str, str] = {}  # normalised -> as first written
        for name in names:
            self.shown.setdefault(normalise(name), name)
        self.index: dict[str, set[str]] = {}
        for key in self.shown:
            for variant in self._variants(key):
                self.index.setdefault(variant, set()).add(key)

    @staticmethod
    def _variants(key: str) -> Iterable[str]:
        yield key
        yield "\x00" + "".join(ch for ch in key if ch.isalnum())  # gpt5 = gpt-5 = gpt_5
        if len(key) <= _VARIANT_LENGTH:
            for i in range(len(key)):
                yield key[:i] + key[i + 1:]

    def close(self, name: str, cutoff: float, same_numbers: bool) -> list[str]:
        """The known names closest to ``name`` (as written), best first: those spelled the same but for
        spaces and hyphens, and those at least ``cutoff`` alike (difflib's ratio); with ``same_numbers``,
        only names with the same numbers (``gemini-3`` is not a typo of ``gemini-2``)."""
        key = normalise(name)
        found: set[str] = set()
        for variant in self._variants(key):
            found |= self.index.get(variant, set())
        if len(self.shown) <= _DIFFLIB_POOL:
            found.update(difflib.get_close_matches(key, list(self.shown), n=_SUGGESTED, cutoff=cutoff))
        found.discard(key)
        letters = _alnum(key)
        ratio = {k: difflib.SequenceMatcher(None, key, k).ratio() for k in found}
        kept = [k for k in found if _alnum(k) == letters
                or (ratio[k] >= cutoff and (not same_numbers or _NUMBER.findall(k) == _NUMBER.findall(key)))]
        ranked = sorted(kept, key=lambda k: (-ratio[k], k))
        return [self.shown[k] for k in ranked[:_SUGGESTED]]


_NUMBER = re.compile(r"\d+")
_KIND_CUTOFF = 0.75  # a kind is one of a few words: a near miss is a typo
_SUBJECT_CUTOFF = 0.8  # a subject may well be new: propose only what is very close


def _alnum(key: str) -> str:
    return "".join(ch for ch in key if ch.isalnum())


def _did_you_mean(matches: Sequence[str]) -> str:
    if not matches:
        return ""
    return "did you mean " + " or ".join(map(repr, matches)) + "?"


#: A warning found: (row, rank within the row, code, message, suggestion).
_Found = tuple[int, int, str, str, str]


def _expects_warnings(t: pd.DataFrame, d: pd.DataFrame, names: Names) -> list[_Found]:
    """LT102 and LT101: each prediction expecting a kind or a subject that nothing names."""
    types = t["type"].to_numpy(dtype=object)
    subjects = t["subject"].to_numpy(dtype=object)
    is_event, is_subject = types == "event", types == "subject"
    named = [*dict.fromkeys(subjects[is_event | is_subject].tolist())]
    for facts in dict.fromkeys(t["facts"].to_numpy(dtype=object)[is_subject].tolist()):
        parsed = parse_facts(facts) if facts else {}
        named += [*parsed.get("aka", ()), *parsed.get("part_of", ())]
    known = {names.canonical(n) for n in named}
    kinds = [*dict.fromkeys(t["kind"].to_numpy(dtype=object)[is_event].tolist()), *COMMON_KINDS]
    rows = np.flatnonzero(types == "prediction")
    out: list[_Found] = []
    for rank, (column, candidates, is_known, code, cutoff, same_numbers) in enumerate((
        ("exp_kind", kinds, set(kinds).__contains__, "LT102", _KIND_CUTOFF, False),
        ("exp_subject", named, lambda s: names.canonical(s) in known, "LT101", _SUBJECT_CUTOFF, True),
    )):
        values = d[column].to_numpy(dtype=object)[rows]
        distinct = [v for v in dict.fromkeys(values.tolist()) if v and not is_known(v)]
        if not distinct:
            continue
        matcher, r_ = _Matcher(candidates), _BY_CODE[code]
        said = {}
        for i, v in enumerate(distinct):
            matches = matcher.close(v, cutoff, same_numbers) if i < _LOOKED_UP else []
            suggestion = r_.suggestion.format(matches=" or ".join(map(repr, matches))) if matches else ""
            said[v] = (r_.message.format(subject=v, kind=v), suggestion)
        for r, v in zip(rows.tolist(), values.tolist(), strict=True):
            if v in said:
                out.append((r, rank, code, *said[v]))
    return out


def _conflicting_dates(t: pd.DataFrame, d: pd.DataFrame, names: Names, order: np.ndarray) -> list[_Found]:
    """LT302: events of one kind and subject, from another source than the first, whose dates cannot both be right."""
    types = t["type"].to_numpy(dtype=object)
    rows = order[types[order] == "event"]
    if rows.size < 2:
        return []
    subject = names.canonical_column(t["subject"].to_numpy(dtype=object)[rows])
    frame = pd.DataFrame({
        "row": rows, "kind": t["kind"].to_numpy(dtype=object)[rows], "subject": subject,
        "earliest": d["earliest"].to_numpy()[rows], "latest": d["latest"].to_numpy()[rows],
        "source": t["source"].to_numpy(dtype=object)[rows],
    })
    first = frame.groupby(["kind", "subject"], sort=False).transform("first")
    apart = (frame["latest"] < first["earliest"]) | (frame["earliest"] > first["latest"])
    conflict = (apart & (frame["source"] != first["source"])).to_numpy()
    if not conflict.any():
        return []
    ids, dates = t["id"].to_numpy(dtype=object), t["date"].to_numpy(dtype=object)
    sources = t["source"].to_numpy(dtype=object)
    at = np.flatnonzero(conflict)
    kinds, subjects = frame["kind"].to_numpy(dtype=object)[at], frame["subject"].to_numpy(dtype=object)[at]
    r_ = _BY_CODE["LT302"]
    out: list[_Found] = []
    for r, f, kind, subj in zip(frame["row"].to_numpy()[at].tolist(), first["row"].to_numpy()[at].tolist(),
                                kinds.tolist(), subjects.tolist(), strict=True):
        message = r_.message.format(first_id=ids[f], first_date=dates[f], first_source=sources[f], kind=kind,
                                    subject=subj)
        out.append((r, 10, "LT302", message, r_.suggestion))
    return out


def _after_today(t: pd.DataFrame, d: pd.DataFrame) -> list[_Found]:
    """LT401: records whose earliest possible day is after today."""
    today = dates.today()
    rows = np.flatnonzero(d["earliest"].to_numpy() > day_number(today))
    if not rows.size:
        return []
    r_ = _BY_CODE["LT401"]
    written, earliest = t["date"].to_numpy(dtype=object), d["earliest"].to_numpy()
    return [(r, 0, "LT401", r_.message.format(date=written[r], earliest=from_day_number(int(earliest[r])),
                                              today=today), r_.suggestion) for r in rows.tolist()]


def lint(timeline: Table) -> pd.DataFrame:
    """Warnings about the records: one row per warning, in file order.

    Columns ``id, column, value, code, message, suggestion`` (``value`` the cell
    as written, ``code`` the rule's code in :data:`RULES`, ``suggestion`` what to
    do, "" when there is nothing to propose).  The index is the record's
    position in :attr:`~llmtimeline.Timeline.cells` (so
    ``timeline.lines[index]`` is its line in the file).  Records kept with
    problems by ``errors="keep"`` are not linted: they are listed in
    :attr:`~llmtimeline.Timeline.problems`.

    >>> import llmtimeline as lt
    >>> tl = lt.Timeline([
    ...     lt.Event(id="gpt-5", date="2025-08-07", actor="OpenAI", kind="release", subject="gpt-5",
    ...              title="GPT-5", source=lt.Source("OpenAI", "https://openai.com/gpt-5")),
    ...     lt.Claim(id="p", type="prediction", date="2024-01-01", actor="OpenAI", title="t",
    ...              expects="releases gpt5", deadline="2025", source=lt.Source("s", "https://example.com/p"))])
    >>> for w in lint(tl).itertuples():
    ...     print(w.id, w.code, w.value, "|", w.suggestion)
    p LT102 releases gpt5 | did you mean 'release'?
    p LT101 releases gpt5 | did you mean 'gpt-5'?
    """
    t, d = timeline.cells, timeline.typed
    columns = {c: t[c].to_numpy(dtype=object) for c in ("type", "id", "deadline", "facts", "url")}
    types = columns["type"]
    names = Names.from_columns(types, t["subject"].to_numpy(dtype=object), t["title"].to_numpy(dtype=object),
                               columns["facts"])
    found = _after_today(t, d) + _expects_warnings(t, d, names)
    simple = (
        (types == "prediction") & (columns["deadline"] == ""), 3, "LT201",
    ), (
        (types == "statement") & (columns["facts"] == ""), 4, "LT202",
    ), (
        ((types == "prediction") | (types == "statement")) & (columns["url"] == ""), 5, "LT301",
    )
    for mask, rank, code in simple:
        r_ = _BY_CODE[code]
        found += [(r, rank, code, r_.message, r_.suggestion) for r in np.flatnonzero(mask).tolist()]
    found += _conflicting_dates(t, d, names, timeline.order)
    found.sort(key=lambda w: (w[0], w[1]))
    rows = [w[0] for w in found]
    values = {c: t[c].to_numpy(dtype=object) for c in {_BY_CODE[w[2]].column for w in found}}
    column = [_BY_CODE[w[2]].column for w in found]
    return pd.DataFrame({
        "id": np.array(columns["id"][rows] if rows else [], dtype=object),
        "column": np.array(column, dtype=object),
        "value": np.array([values[c][w[0]] for c, w in zip(column, found, strict=True)], dtype=object),
        "code": np.array([w[2] for w in found], dtype=object),
        "message": np.array([w[3] for w in found], dtype=object),
        "suggestion": np.array([w[4] for w in found], dtype=object),
    }, columns=list(LINT_COLUMNS), index=pd.Index(rows, dtype=np.int64))
