"""The treaty catalogue: treaties, what they prohibit, their aliases and how they enter into force.

Read from ``data/treaties.csv``; categories are checked against the weapon-category vocabulary.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache

from armsgraph.loaders.reference.categories import weapon_categories
from armsgraph.loaders.reference.tables import data_rows, split_list
from armsgraph.loaders.resolve import normalize
from armsgraph.schema import Treaty

TREATIES_FILE = "treaties.csv"


@dataclass(frozen=True)
class TreatyInfo:
    node: Treaty
    aliases: tuple[str, ...]
    source: str
    eif_rule: str = ""
    """How the treaty enters into force for a state joining later (treaties.csv, column eif_rule)."""

    def entry_into_force_for(self, joined: str) -> str | None:
        """The state's entry into force from its deposit date (YYYY-MM-DD) by the treaty's own article."""
        if len(joined) != 10 or not self.eif_rule:
            return None
        day = dt.date.fromisoformat(joined)
        rule = self.eif_rule
        if rule == "deposit":
            own = day
        elif rule.startswith("days"):
            own = day + dt.timedelta(days=int(rule[4:]))
        elif rule in ("month6", "months6"):
            month = day.month - 1 + 6
            year, month = day.year + month // 12, month % 12 + 1
            last = calendar.monthrange(year, month)[1]
            own = dt.date(year, month, 1 if rule == "month6" else min(day.day, last))
        else:
            return None
        treaty = self.node.entry_into_force
        return max(own.isoformat(), treaty) if treaty else own.isoformat()

    def bound_from(self, joined: str | None, entry_into_force: str | None) -> str | None:
        """From when a state is bound: its own entry into force, else the later of joining and the treaty's.

        A year-only join ('2010') compares as text, so within the treaty's own year the treaty's date wins.
        """
        if entry_into_force:
            return entry_into_force
        treaty = self.node.entry_into_force
        if not joined or not treaty:
            return None
        return max(joined, treaty)


@cache
def treaty_catalogue() -> dict[str, TreatyInfo]:
    """Treaty key -> node, aliases and source; categories checked against the vocabulary."""
    categories = weapon_categories()
    out: dict[str, TreatyInfo] = {}
    for r in data_rows(TREATIES_FILE):
        node = Treaty(key=r["key"], name=r["name"], short_name=r["short_name"] or None,
                      adopted=r["adopted"] or None, entry_into_force=r["entry_into_force"] or None,
                      prohibits=split_list(r["prohibits"]), controls=split_list(r["controls"]))
        unknown = [c for c in (*node.prohibits, *node.controls) if c not in categories]
        if unknown:
            raise ValueError(f"{TREATIES_FILE}: treaty {node.key} names unknown categories {unknown}")
        out[node.key] = TreatyInfo(node, tuple(split_list(r["aliases"])), r["source"], r.get("eif_rule") or "")
    return out


@cache
def _treaty_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for key, info in treaty_catalogue().items():
        for name in (key, info.node.name, info.node.short_name or "", *info.aliases):
            if normalize(name):
                names[normalize(name)] = key
    return names


def treaty_key(name: str) -> str | None:
    """'Convention on Cluster Munitions', 'CCM', 'ccm', 'OTTAWA' -> the treaty key, or None."""
    return _treaty_names().get(normalize(name))

