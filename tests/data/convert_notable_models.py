"""Convert Epoch AI's "Notable AI Models" table to the events.csv columns.

Usage: python tests/data/convert_notable_models.py notable_ai_models.csv tests/data/notable_models.csv

Data: Epoch AI, "Data on Notable AI Models" (epoch.ai/data/notable-ai-models),
licensed CC BY 4.0. Each model becomes one ``release`` event: the organisation as
actor (several organisations stay in one cell, commas and all), the model's name
as title, a slug of it as subject and id, ``params`` and ``base_model`` as facts,
and the link as source URL when it is one.  Rows the table leaves without a
publication date are reported on stderr, not guessed.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata

COLUMNS = ("id,type,date,actor,speaker,kind,subject,title,expects,deadline,facts,quote,lang,"
           "source,url,published,notes").split(",")


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9.]+", "-", text).strip("-.") or "model"


def convert(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out, seen = [], set()
    for row in rows:
        name = " ".join(row["Model"].split())
        date = row["Publication date"].strip()
        if not date:
            print(f"skipped {name!r}: no publication date", file=sys.stderr)
            continue
        rid = base = slug(name)
        n = 2
        while rid in seen:
            rid, n = f"{base}-{n}", n + 1
        seen.add(rid)
        facts = []
        if row.get("Parameters"):
            facts.append(f"params={float(row['Parameters']):g}")
        bases = [slug(b) for b in row.get("Base model", "").split(",") if b.strip()]
        if bases:
            facts.append("base_model=" + ",".join(bases))
        link = row.get("Link", "").strip()
        url = link if re.fullmatch(r"https?://\S+", link) else ""
        out.append(dict.fromkeys(COLUMNS, "") | {
            "id": rid, "type": "event", "date": date, "actor": " ".join(row["Organization"].split()) or "Unknown",
            "kind": "release", "subject": rid, "title": name, "facts": "; ".join(facts),
            "source": "Epoch AI, Data on Notable AI Models (CC BY 4.0)", "url": url,
            "notes": "" if url or not link else f"link: {link}",
        })
    return out


def main(argv: list[str]) -> None:
    with open(argv[1], encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(argv[2], "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(convert(rows))


if __name__ == "__main__":
    main(sys.argv)
