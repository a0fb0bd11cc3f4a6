"""Synthetic events.csv files for the benchmarks: realistic in shape, any size.

A file holds events, predictions and statements (about 45 / 40 / 15 %) about
thousands of subjects (model slugs such as ``nova-7b-2``) from hundreds of
organisations whose names carry commas, quotes, ampersands and accents.

* events: kinds ``release``, ``announcement``, ``availability``, ``partnership``,
  ``license``, ``funding``; dates to the day, month, quarter or year, some
  approximate (``~``); facts on most (``params=8e9,70e9; context=8192``);
* predictions: ``release SUBJECT`` or ``not release SUBJECT`` (negated), some
  about subjects that never get an event; deadlines from the phrase set of
  :mod:`llmtimeline.deadlines` in English and French (spans, named periods,
  explicit dates, vague phrases, hedges) and empty ones;
* statements: facts that agree (within 1 %, or in another case), disagree, or
  name keys no event carries;
* quotes in French and English with commas, quotes, newlines and accents.

Every status of :func:`llmtimeline.check.check` occurs as of :data:`AS_OF`.
The output is a pure function of ``(n_records, seed)``.

Usage::

    python benchmarks/generate.py 100000 benchmarks/data/100k.csv [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import os
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

__all__ = ["AS_OF", "COLUMNS", "DEADLINES", "generate", "write_csv"]

#: The checking day the benchmarks use: some deadlines are after it, some records too.
AS_OF = "2026-06-30"

#: The events.csv columns (the contract of DESIGN.md), in order.
COLUMNS: tuple[str, ...] = (
    "id", "type", "date", "actor", "speaker", "kind", "subject", "title", "expects",
    "deadline", "facts", "quote", "lang", "source", "url", "published", "notes",
)

_FIRST_DAY = dt.date(2016, 1, 1).toordinal()
_LAST_DAY = dt.date(2027, 6, 30).toordinal()

_ORG_STEMS = (
    "Mistral", "Société Générale", "Zürich", "Ångström", "Crème", "Dupré", "Nordlicht", "Kyoto", "Café",
    "Hélios", "Peña", "Łódź", "São Paulo", "Ørsted", "Bézier", "Lumière", "Cerebras", "Anthropic", "Meta",
    "Open", "Deep", "Stability", "Aleph", "Cohere", "Inflection", "Écho", "Noël", "Smith", "O'Brien",
    "Müller", "Göteborg", "Brontë", "Čapek", "Señor", "Qwen", "Falcon", "Jurassic", "Reka", "Kimi", "Yi",
)
_ORG_FORMS = (
    "{s} AI", "{s} Labs, Inc.", "{s} & Co.", '{s} "Research"', "{s} S.A.", "{s}, Ltd.", "{s} & {t}",
    "{s} Intelligence", "{s} Systèmes", "The {s} Foundation", "{s}-{t} GmbH", "{s} (R&D)", "{s} Technologies, LLC",
    "Institut {s}", "{s} Computing",
)
_FAMILIES = (
    "nova", "llama", "mistral", "gemma", "phi", "falcon", "qwen", "orca", "atlas", "zephyr", "pixtral", "claude",
    "gpt", "grok", "jamba", "olmo", "bloom", "yi", "command", "dbrx", "arctic", "granite", "hermes", "vicuna",
    "aurora", "sirius", "lyra", "vega", "orion", "helios", "kestrel", "merlin", "osprey", "raven", "talon",
)
_SIZES = ("1b", "3b", "7b", "8b", "13b", "22b", "34b", "70b", "180b", "405b", "mini", "pro", "ultra", "nano", "large")
_FIRST_NAMES = ("Arthur", "Élodie", "Yann", "Sam", "Dario", "Demis", "Mira", "Sébastien", "Zoë", "Ilya", "Noémie",
                "Timothée", "Aidan", "Chloé", "Jürgen", "Fei-Fei", "Clément", "Renée", "Søren", "Andrej")
_LAST_NAMES = ("Mensch", "Dupré", "LeCun", "O'Neil", "Amodei", "Hassabis", "Murati", "Bubeck", "Sutskever",
               "Lefèvre", "Müller", "Gómez", "Delangue", "Karpathy", "Brontë", "Nguyễn", "Ødegaard", "Clegg")
_OUTLETS = ("Le Monde", "Les Échos", "TechCrunch", "The Verge", "Reuters", 'Wired: "AI, now"', "L'Usine Nouvelle",
            "Bloomberg", "Financial Times", "Frandroid", "Numerama", "Ars Technica", "La Tribune, édition Tech")

#: Event kinds and how often they occur.
KINDS: tuple[tuple[str, float], ...] = (
    ("release", 0.36), ("announcement", 0.24), ("availability", 0.14), ("partnership", 0.1),
    ("license", 0.08), ("funding", 0.08),
)

#: Deadline phrases (English and French) and how often each family occurs.  Every
#: phrase is one the parser knows; an empty phrase means no deadline.
DEADLINES: dict[str, tuple[str, ...]] = {
    "none": ("",),
    "span": (
        "within a month", "within two weeks", "within six months", "in three months", "within a year",
        "within 90 days", "d'ici trois mois", "d'ici un mois, voire moins", "dans les deux semaines",
        "dans six mois", "d'ici deux ans", "within a month or even sooner", "in the next six months",
    ),
    "period": (
        "by the end of the year", "by the end of the quarter", "by the end of the month", "this year",
        "next year", "by June", "by Q3", "by summer", "early next year", "later this year", "by year end",
        "d'ici la fin de l'année", "avant la fin du mois", "l'année prochaine", "d'ici l'été",
        "d'ici la fin du trimestre", "cette année", "au premier semestre", "d'ici juin",
        "début de l'année prochaine", "fin juin", "au printemps", "d'ici mars au plus tard",
        "at the latest by March",
    ),
    "vague": (
        "soon", "bientôt", "in the coming months", "dans les prochains mois", "in the coming weeks",
        "prochainement", "sooner or later", "à terme",
    ),
    "explicit": ("{day}", "{month}", "{quarter}", "{year}", "by {year}", "avant {next_year}",
                 "before the end of {year}"),
}
_DEADLINE_WEIGHTS = {"none": 0.15, "span": 0.3, "period": 0.27, "vague": 0.1, "explicit": 0.18}

_QUOTES_EN = (
    'We will ship {subject} {phrase}, "no doubt about it."',
    "It's coming, trust me: {subject}, bigger, faster,\nand open.",
    "{subject}? Soon. Very soon, maybe sooner than you think…",
    'Our partners, including {org}, will have it {phrase}.',
)
_QUOTES_FR = (
    "Nous lancerons {subject} {phrase}, c'est certain.",
    "« {subject} arrive », a déclaré {speaker}, « et il sera ouvert,\nvoire gratuit ».",
    "Le modèle sera disponible {phrase} ; nous y travaillons d'arrache-pied.",
    "On n'a pas de date précise, mais {subject} sortira, c'est sûr.",
)


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _date_text(day: int, rng: random.Random, shares: tuple[float, float, float, float] = (0.7, 0.16, 0.08, 0.06)) -> str:
    """The text of a date near ``day`` (an ordinal) at a random precision, sometimes approximate."""
    d = dt.date.fromordinal(day)
    r = rng.random()
    if r < shares[0]:
        text = d.isoformat()
    elif r < shares[0] + shares[1]:
        text = f"{d.year:04d}-{d.month:02d}"
    elif r < shares[0] + shares[1] + shares[2]:
        text = f"{d.year:04d}-Q{(d.month + 2) // 3}"
    else:
        text = f"{d.year:04d}"
    if rng.random() < 0.03:
        text += "~"
    return text


def _latest(text: str) -> int:
    """The latest day (ordinal) of a date text written by :func:`_date_text`."""
    text = text.rstrip("~")
    if len(text) == 10:
        return dt.date.fromisoformat(text).toordinal()
    year = int(text[:4])
    if len(text) == 4:
        return dt.date(year, 12, 31).toordinal()
    month = 3 * int(text[6]) if "Q" in text else int(text[5:7])
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next.toordinal() - 1


def _deadline(rng: random.Random, said_latest: int) -> str:
    family = _weighted(rng, tuple(_DEADLINE_WEIGHTS.items()))
    phrase = rng.choice(DEADLINES[family])
    if family != "explicit":
        return phrase
    # not before the day said: a quarter said after it ends (2018-Q3 said in 2018-10) is ambiguous
    d = dt.date.fromordinal(said_latest + max(0, rng.randint(-30, 500)))
    return phrase.format(day=d.isoformat(), month=f"{d.year:04d}-{d.month:02d}",
                         quarter=f"{d.year:04d}-Q{(d.month + 2) // 3}", year=f"{d.year:04d}",
                         next_year=f"{d.year + 1:04d}")  # "avant 2026" said in 2025 ends in 2025


class _World:
    """Organisations, people and subjects with their true facts and their life dates."""

    def __init__(self, n_records: int, rng: random.Random) -> None:
        n_orgs = max(12, min(400, n_records // 25))
        self.orgs: list[str] = []
        seen: set[str] = set()
        while len(self.orgs) < n_orgs:
            form = rng.choice(_ORG_FORMS)
            name = form.format(s=rng.choice(_ORG_STEMS), t=rng.choice(_ORG_STEMS))
            if len(seen) >= len(_ORG_STEMS) * len(_ORG_FORMS) // 2:
                name = f"{name} {len(self.orgs)}"
            if name not in seen:
                seen.add(name)
                self.orgs.append(name)
        self.people = [f"{f} {last}" for f in _FIRST_NAMES for last in _LAST_NAMES]
        n_subjects = max(40, min(200_000, n_records // 8))
        self.subjects: list[str] = []
        self.owner: list[str] = []
        self.birth: list[int] = []
        self.facts: list[dict[str, tuple[str, ...]]] = []
        self.updates: list[dict[str, tuple[str, ...]]] = []
        self.ghost: list[bool] = []  # talked about, never happens
        for i in range(n_subjects):
            self.subjects.append(f"{rng.choice(_FAMILIES)}-{rng.choice(_SIZES)}-{i}")
            self.owner.append(rng.choice(self.orgs))
            self.birth.append(rng.randint(_FIRST_DAY + 200, _LAST_DAY - 60))
            params = tuple(sorted({rng.choice((1, 3, 7, 8, 13, 34, 70, 405)) for _ in range(rng.randint(1, 2))}))
            self.facts.append({
                "params": tuple(f"{p}e9" for p in params),
                "context": (str(rng.choice((2048, 4096, 8192, 32768, 128000))),),
                "license": (rng.choice(("apache-2.0", "mit", "proprietary", "llama-community")),),
                "modality": (rng.choice(("text", "text,image", "text,audio")),),
            })
            truth = self.facts[-1]
            self.updates.append({  # a later version: a bigger model, a longer context, another licence
                "params": (*truth["params"], f"{rng.choice((90, 180, 405))}e9"),
                "context": (str(4 * int(truth["context"][0])),),
                "license": (rng.choice(("apache-2.0", "mit", "proprietary", "llama-community")),),
                "modality": truth["modality"],
            })
            self.ghost.append(rng.random() < 0.08)
        # busy subjects get more records: a power law over subjects
        weights = [1.0 / (1 + k) ** 0.6 for k in range(n_subjects)]
        rng.shuffle(weights)
        self.everyone = list(range(n_subjects))
        self.cum_all = list(itertools.accumulate(weights))
        self.alive = [i for i in range(n_subjects) if not self.ghost[i]]
        self.cum_alive = list(itertools.accumulate(weights[i] for i in self.alive))

    def pick(self, rng: random.Random, alive: bool) -> int:
        """A subject, busy ones more often; ``alive``: one that has events."""
        if alive:
            return rng.choices(self.alive, cum_weights=self.cum_alive)[0]
        return rng.choices(self.everyone, cum_weights=self.cum_all)[0]


def _facts_text(facts: dict[str, tuple[str, ...]], keys: Sequence[str]) -> str:
    return "; ".join(f"{k}={','.join(facts[k])}" for k in keys)


def _statement_facts(rng: random.Random, truth: dict[str, tuple[str, ...]]) -> str:
    r = rng.random()
    if r < 0.45:  # agrees: same values, 1 % off, other case
        params = rng.choice(truth["params"])
        value = rng.choice((params, f"{float(params) * 1.004:.4g}", f"{float(params):.3e}"))
        parts = [f"params={value}"]
        if rng.random() < 0.5:
            parts.append(f"license={truth['license'][0].upper()}")
        if rng.random() < 0.3:
            parts.append(f"context={truth['context'][0]}")
        return "; ".join(parts)
    if r < 0.75:  # disagrees
        wrong = float(truth["params"][-1]) * rng.choice((2, 0.5, 1.5))
        return f"params={wrong:.3g}; context={truth['context'][0]}"
    return f"training_tokens={rng.choice(('2e12', '15e12', '1.4e12'))}; languages=fr,en"  # no event says


def _quote(rng: random.Random, subject: str, org: str, speaker: str, phrase: str) -> tuple[str, str]:
    lang = "fr" if rng.random() < 0.45 else "en"
    template = rng.choice(_QUOTES_FR if lang == "fr" else _QUOTES_EN)
    return template.format(subject=subject, org=org, speaker=speaker or "la direction", phrase=phrase or "bientôt"), lang


def generate(n_records: int, seed: int = 0, shares: tuple[float, float, float] = (0.45, 0.40, 0.15)) -> list[dict[str, str]]:
    """``n_records`` synthetic rows (dicts over :data:`COLUMNS`) in a shuffled file order.

    ``shares`` are the fractions of events, predictions and statements.  The
    result depends only on the arguments.
    """
    if n_records < 1:
        raise ValueError(f"n_records must be at least 1, got {n_records}")
    rng = random.Random(seed)
    world = _World(n_records, rng)
    n_events = round(n_records * shares[0])
    n_predictions = round(n_records * shares[1])
    n_statements = max(0, n_records - n_events - n_predictions)
    kinds = [k for k, _ in KINDS]
    kind_weights = list(itertools.accumulate(w for _, w in KINDS))
    rows: list[dict[str, str]] = []
    blank = dict.fromkeys(COLUMNS, "")

    for i in range(n_events):
        s = world.pick(rng, alive=True)
        subject, org = world.subjects[s], world.owner[s]
        kind = rng.choices(kinds, cum_weights=kind_weights)[0]
        day = min(_LAST_DAY, max(_FIRST_DAY, world.birth[s] + int(rng.gauss(0, 120))))
        date = _date_text(day, rng)
        facts = ""
        if kind in ("release", "availability", "license") and rng.random() < 0.8:
            keys = ["params", "context"] if kind != "license" else ["license"]
            if rng.random() < 0.3:
                keys.append("modality")
            facts = _facts_text(world.facts[s] if rng.random() < 0.7 else world.updates[s], keys)
        partner = rng.choice(world.orgs)
        title = {
            "release": f"{org} releases {subject}",
            "announcement": f"{org} announces {subject}, “coming soon”",
            "availability": f"{subject} available in Europe, incl. France & Belgium",
            "partnership": f'{org} and {partner} partner on "{subject}"',
            "license": f"{subject} relicensed: {world.facts[s]['license'][0]}",
            "funding": f"{org} raises funds for {subject} (€, $)",
        }[kind]
        rows.append({**blank, "id": f"ev{i}-{subject}-{kind}", "type": "event", "date": date, "actor": org,
                     "kind": kind, "subject": subject, "title": title, "facts": facts,
                     "source": rng.choice(_OUTLETS), "url": f"https://example.org/{subject}/{kind}?n={i}&lang=en",
                     "published": date.rstrip("~") if rng.random() < 0.5 else ""})

    for i in range(n_predictions):
        s = world.pick(rng, alive=False)
        subject, org = world.subjects[s], world.owner[s]
        kind = rng.choices(kinds, cum_weights=kind_weights)[0] if rng.random() < 0.4 else "release"
        negated = rng.random() < 0.07
        day = min(_LAST_DAY, max(_FIRST_DAY, world.birth[s] - int(rng.expovariate(1 / 150)) + 30))
        date = _date_text(day, rng, (0.65, 0.2, 0.08, 0.07))
        deadline = _deadline(rng, _latest(date))
        speaker = rng.choice(world.people) if rng.random() < 0.7 else ""
        quote, lang = _quote(rng, subject, org, speaker, deadline) if rng.random() < 0.6 else ("", "")
        rows.append({**blank, "id": f"pr{i}-{subject}", "type": "prediction", "date": date,
                     "actor": org if (not speaker or rng.random() < 0.8) else "", "speaker": speaker,
                     "subject": subject if rng.random() < 0.5 else "",
                     "title": f"{speaker or org} says {subject} will{' not' if negated else ''} see a {kind}",
                     "expects": f"{'not ' if negated else ''}{kind} {subject}", "deadline": deadline,
                     "quote": quote, "lang": lang, "source": rng.choice(_OUTLETS),
                     "url": f"https://example.org/claims/{i}" if rng.random() < 0.7 else "",
                     "notes": "généré; «synthétique», ne pas citer" if rng.random() < 0.05 else ""})

    for i in range(n_statements):
        s = world.pick(rng, alive=True)
        subject, org = world.subjects[s], world.owner[s]
        day = min(_LAST_DAY, max(_FIRST_DAY, world.birth[s] + rng.randint(-200, 400)))
        date = _date_text(day, rng, (0.75, 0.15, 0.05, 0.05))
        speaker = rng.choice(world.people) if rng.random() < 0.4 else ""
        quote, lang = _quote(rng, subject, org, speaker, "") if rng.random() < 0.5 else ("", "")
        rows.append({**blank, "id": f"st{i}-{subject}", "type": "statement", "date": date, "actor": org,
                     "speaker": speaker, "subject": subject, "title": f"{subject}: what {org} says it is",
                     "facts": _statement_facts(rng, world.facts[s] if rng.random() < 0.7 else world.updates[s]),
                     "quote": quote, "lang": lang,
                     "source": rng.choice(_OUTLETS), "published": date.rstrip("~")})

    rng.shuffle(rows)
    return rows


def write_csv(rows: Sequence[dict[str, str]], path: str | os.PathLike[str]) -> Path:
    """Write rows as an events.csv (UTF-8, header, ``\\n`` line ends), atomically."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows([row[c] for c in COLUMNS] for row in rows)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """``python benchmarks/generate.py N OUT.csv [--seed S]``."""
    parser = argparse.ArgumentParser(description="Write a synthetic events.csv of N records.")
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("out", help="the CSV file to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    path = write_csv(generate(args.n, seed=args.seed), args.out)
    print(f"wrote {args.n:,} records to {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
