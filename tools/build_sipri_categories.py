"""Build loaders/sipri/data/sipri_description_categories.csv from SIPRI "transfers" exports.

Why: the classic trade register has no armament category, only a free-text weapon description; the newer
transfers format has both. This script keeps only the description -> category pairs (never SIPRI rows):

* ``match=description``: a description (lower-cased) and the category most of its rows carry;
* ``match=head``: a head noun (the description's last word) of two or more descriptions that all share one
  category, used for descriptions no transfers file had (e.g. 'anti-submarine/ship torpedo' -> 'torpedo').

Usage::

    .venv/bin/python tools/build_sipri_categories.py [TRANSFERS_CSV ...] [--merge]

Without files it reads the transfers excerpts in ../shared/data/sipri; with ``--merge`` the rows already in
the table are kept and counted too (run it on full exports to extend the table).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from armsgraph.loaders.io import read_text
from armsgraph.loaders.sipri.categories import SIPRI_CATEGORIES, TABLE, category_key, head_noun
from armsgraph.loaders.sipri.loader import SipriFormat, parse_export

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "loaders" / "sipri" / "data" / TABLE
DEFAULT_INPUTS = sorted((REPO / ".." / "shared" / "data" / "sipri").glob("transfers-*.csv"))
MIN_HEAD_DESCRIPTIONS = 2
CANONICAL = {category_key(c): c for c in SIPRI_CATEGORIES}


def pairs_of(paths: list[Path]) -> Counter[tuple[str, str]]:
    """(description lower-cased, canonical category) -> number of deals, over the given exports."""
    pairs: Counter[tuple[str, str]] = Counter()
    for path in paths:
        export = parse_export(read_text(path))
        if export.format is not SipriFormat.TRANSFERS:
            print(f"{path.name}: not a transfers-format export, skipped", file=sys.stderr)
            continue
        for deal in export.deals:
            if deal.category and deal.description:
                category = CANONICAL.get(category_key(deal.category), deal.category)
                pairs[(deal.description.strip().lower(), category)] += 1
    return pairs


def read_table(path: Path) -> Counter[tuple[str, str]]:
    pairs: Counter[tuple[str, str]] = Counter()
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["match"] == "description":
                    pairs[(row["text"], row["category"])] += int(row["rows"] or 0)
    return pairs


def table_rows(pairs: Counter[tuple[str, str]]) -> list[tuple[str, str, str, int]]:
    by_description: dict[str, Counter[str]] = defaultdict(Counter)
    for (description, category), n in pairs.items():
        by_description[description][category] += n
    rows: list[tuple[str, str, str, int]] = []
    heads: dict[str, Counter[str]] = defaultdict(Counter)
    head_descriptions: Counter[str] = Counter()
    for description, categories in sorted(by_description.items()):
        (category, n), *_ = categories.most_common(1)
        rows.append(("description", description, category, sum(categories.values())))
        heads[head_noun(description)].update(categories)
        head_descriptions[head_noun(description)] += 1
    for head, categories in sorted(heads.items()):
        # Only heads shared by 2+ descriptions that all agree: 'tank destroyer' alone must not make
        # every 'destroyer' an armoured vehicle.
        if head and len(categories) == 1 and head_descriptions[head] >= MIN_HEAD_DESCRIPTIONS:
            (category, n), = categories.items()
            rows.append(("head", head, category, n))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--merge", action="store_true", help="keep and count the rows already in the table")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    inputs = args.files or DEFAULT_INPUTS
    pairs = pairs_of(inputs)
    if args.merge:
        pairs.update(read_table(args.out))
    rows = table_rows(pairs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("match", "text", "category", "rows"))
        writer.writerows(rows)
    kinds = Counter(r[0] for r in rows)
    print(f"{args.out.name}: {kinds['description']} descriptions, {kinds['head']} head nouns "
          f"from {len(inputs)} file(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
