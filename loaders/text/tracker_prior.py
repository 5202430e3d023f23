"""What the aid trackers say of a (supplier, recipient, weapon) triple: a knowledge prior for the learned reader
(session 21).

armsgraph holds dated records of who committed which heavy system to Ukraine: Protect Ukraine Now's
``commits.json`` (MIT) and the Kiel tracker's donor x system lists (``weapons.csv``). Both are read here through the
loaders that already read them (``trackers.pun``, the ``aid-table`` mapping), once per process and only when asked;
when the shared files are absent the prior knows nothing and every answer is None.

The answer is tri-state, so the prior says nothing where the trackers say nothing: ``ATTESTED`` when a tracker
records that donor committing that system (its family, or the system itself) to that recipient, ``UNATTESTED`` when
the trackers record the system committed to that recipient by others but not by that donor, None otherwise
(munitions and missiles the trackers do not list, other recipients, systems no tracker names). With a date, only
Protect Ukraine Now's rows on or before it attest (Kiel's lists carry no date). It is a disambiguation signal among
pairs a text names, never a source of a transfer the text does not state: the candidates come from the text alone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from armsgraph.loaders.reference.families import family_of, tokens
from armsgraph.loaders.resolve import ResolverConfig
from armsgraph.loaders.text.gazetteer import WeaponEntry, load
from armsgraph.schema import Report, WeaponSystem
from armsgraph.schema.errors import ArmsgraphError
from armsgraph.schema.relations import AidTotal

ATTESTED = "attested"
UNATTESTED = "unattested"
PUN_FILE = Path("ukraine") / "protect_ukraine_now" / "commits.json"
KIEL_FILE = Path("ukraine") / "kiel_support_tracker" / "weapons.csv"
_COUNT = re.compile(r"\s*\(\d+\)\s*$")
"""A Kiel list item's count ('M777 howitzer (6)')."""


def shared_data() -> Path:
    """The shared data folder: ``ARMSGRAPH_SHARED_DATA``, else the one beside the checkout."""
    default = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    return Path(os.environ.get("ARMSGRAPH_SHARED_DATA", default)).resolve()


@dataclass
class TrackerPrior:
    """Tracker commitments by (recipient, weapon key): each donor's earliest dated commitment (None: only undated
    ones, Kiel's)."""

    donors: dict[tuple[str, str], dict[str, date | None]] = field(default_factory=dict)

    def add(self, donor: str, recipient: str, keys: Iterable[str], when: date | None) -> None:
        for key in keys:
            seen = self.donors.setdefault((recipient, key), {})
            earlier = seen.get(donor)
            seen[donor] = when if earlier is None else earlier if when is None else min(earlier, when)

    def says(self, supplier: str, recipient: str, weapon: str, on: date | None = None) -> str | None:
        """``ATTESTED``, ``UNATTESTED`` or None for one triple (ids as the extractor gives them); with ``on`` only
        commitments dated on or before it attest."""
        covered = False
        for key in weapon_keys(weapon):
            donors = self.donors.get((recipient, key))
            if not donors:
                continue
            covered = True
            if supplier in donors:
                when = donors[supplier]
                if on is None or (when is not None and when <= on):
                    return ATTESTED
                return None  # recorded, but only later or undated: the prior cannot say
        return UNATTESTED if covered else None


@cache
def weapon_keys(weapon: str) -> frozenset[str]:
    """The keys one extractor weapon id meets tracker rows by: the system id itself and its family's."""
    entry = _entries().get(weapon)
    if entry is None:
        return frozenset({weapon})
    out = {weapon}
    for name in (entry.designation, *entry.variants):
        found = family_of(name)
        if found is not None and found.role == "member":
            out.add(found.family.id)
            break
    return frozenset(out)


@cache
def _entries() -> dict[str, WeaponEntry]:
    """The gazetteer's systems by the id the extractor gives them."""
    return {w.system_id: w for w in load().weapons.values() if w.kind == "system"}


@cache
def _spellings() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every spelling of the gazetteer's systems as tokens, longest first, with its system id."""
    out: list[tuple[tuple[str, ...], str]] = []
    for w in load().weapons.values():
        if w.kind != "system":
            continue
        for name in (w.designation, *w.variants):
            t = tokens(name)
            if t:
                out.append((t, w.system_id))
    return tuple(sorted(set(out), key=lambda x: (-len(x[0]), x)))


def tracker_keys(designation: str) -> frozenset[str]:
    """The keys a tracker's spelling of a system meets the extractor's by: its family, its own system id and the
    gazetteer's systems whose spelling it contains ('Gvozdika 122mm' -> 2S1 Gvozdika)."""
    out: set[str] = {WeaponSystem.id_of(designation=designation)}
    found = family_of(designation)
    if found is not None and found.role == "member":
        out.add(found.family.id)
    whole = tokens(designation)
    for spelling, system in _spellings():
        n = len(spelling)
        if any(whole[i:i + n] == spelling for i in range(len(whole) - n + 1)):
            out.add(system)
            out |= weapon_keys(system)
            break
    return frozenset(out)


def tracker_prior(root: Path | None = None) -> TrackerPrior:
    """The prior from the shared tracker files under ``root`` (default ``shared_data()``), read once per folder;
    empty when they are absent or unreadable (extraction never depends on them)."""
    return _prior_at((root or shared_data()).resolve())


@cache
def _prior_at(base: Path) -> TrackerPrior:
    # the two loaders (and the table mapping machinery under them) are imported only when a model file reads the
    # prior: start-up time for every other extraction (docs/architecture.md, the lazy imports left)
    from armsgraph.loaders.tables.aid import AidTableLoader
    from armsgraph.loaders.trackers.pun import ProtectUkraineNowLoader

    prior = TrackerPrior()
    resolver = ResolverConfig().resolver()
    pun, kiel = base / PUN_FILE, base / KIEL_FILE
    if pun.is_file():
        try:
            for batch in ProtectUkraineNowLoader(resolver).read(pun):
                for record in batch.nodes:
                    node = record.node
                    if isinstance(node, Report) and node.weapon and node.designation and node.date:
                        keys = tracker_keys(node.designation) | ({node.family} if node.family else set())
                        prior.add(node.supplier, node.recipient, keys, date.fromisoformat(node.date[:10]))
        except (OSError, ValueError, ArmsgraphError):  # a broken tracker file: no prior from it, never a failure
            pass
    if kiel.is_file():
        try:
            for batch in AidTableLoader(resolver).read(kiel):
                for rel in batch.relations:
                    total = rel.relation
                    if isinstance(total, AidTotal) and total.items:
                        for item in re.split(r"[;,]", total.items):
                            name = _COUNT.sub("", item).strip()
                            if name:
                                prior.add(total.src, total.dst, tracker_keys(name), None)
        except (OSError, ValueError, ArmsgraphError):  # a broken tracker file: no prior from it, never a failure
            pass
    return prior
