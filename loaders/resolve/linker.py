"""A lean, read-only linker: a name to an entity by judgements and the alias tables, nothing recorded.

Why apart from the resolver: bulk readers (the text gazetteer, a table's ISO column) need the same
answers without a review list, a cache that grows, fuzzy guesses or entities made up on the way. The
:class:`~armsgraph.loaders.resolve.resolver.Resolver` adds those on top.

Order of rules (first hit wins; a tier with two different entities is *ambiguous*, never guessed):

1. researcher judgements ("X is Y" / "X is not Y", ``judgements.csv`` + the user's file)
2. exact canonical names (pycountry names of current and historical states, names in ``entities.csv``)
3. the hand-curated table ``curated.csv``
4. generated tables (``tools/build_aliases.py``) in tiers: names > alternative spellings > former names
   > capitals, demonyms and metonyms (the kinds a policy allows)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from armsgraph.loaders.resolve.entities import Entity, node_of, unresolved_node
from armsgraph.loaders.resolve.judgements import JUDGEMENTS_FILE, Judgements, read_judgements
from armsgraph.loaders.resolve.names import normalize, shouted, variants
from armsgraph.loaders.resolve.policy import KIND_TIER, Mark, ResolvePolicy, pick_policy, policies_by_context
from armsgraph.loaders.resolve.tables import DATA_DIR, GENERATED_FILES, AliasTables, Entry, load_tables
from armsgraph.schema import Node
from armsgraph.schema.errors import LoadError

Rule = Literal["exact", "alias", "fuzzy", "judgement", "unresolved", "ambiguous"]
MAX_NAME_LENGTH = 300
"""Longer strings are not names: unresolved without any matching work."""


class Resolution(BaseModel):
    """What a name resolved to, by which rule, with what confidence."""

    model_config = ConfigDict(frozen=True)

    query: str
    entity_id: str | None
    label: str | None
    name: str | None
    rule: Rule
    score: float
    source: str | None
    candidates: list[str] = Field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.entity_id is not None


class Linker:
    """Links names to known entities by judgements and tables; ``context`` is a policy or a context name."""

    def __init__(
        self,
        data_dir: Path = DATA_DIR,
        judgements: Iterable[Path] = (),
        generated: Iterable[str] = GENERATED_FILES,
        policies: Iterable[ResolvePolicy] = (),
        *,
        tables: AliasTables | None = None,
    ) -> None:
        """Read the tables of ``data_dir`` (or use ``tables``, already read) and the judgement files.

        ``policies`` are what context names stand for beyond the standard ones (``policy.STANDARD``).
        """
        self.tables = tables if tables is not None else load_tables(data_dir, generated)
        self.data_dir = self.tables.data_dir
        self.judgements: Judgements = read_judgements((self.data_dir / JUDGEMENTS_FILE, *judgements),
                                                      self.tables.entities)
        self.policies = policies_by_context(policies)
        self.errors: list[LoadError] = [*self.tables.errors, *self.judgements.errors]
        self._known = self.tables.entities
        self._exact, self._curated, self._tables = self.tables.exact, self.tables.curated, self.tables.tables

    @property
    def entities(self) -> Mapping[str, Entity]:
        return self._known

    def policy(self, context: ResolvePolicy | str | None) -> ResolvePolicy:
        """The policy given, or the one a context name stands for (ValueError when unknown)."""
        return pick_policy(context, self.policies)

    def link(self, name: str, context: ResolvePolicy | str | None = None) -> Resolution:
        """Resolve by judgements and tables only: 'unresolved' where the resolver would go on to guess."""
        policy = self.policy(context)
        query = clean(name)
        found = self._lookup(query, policy) if is_name(query) else None
        return found or self._unresolved(query)

    # -- lookup ---------------------------------------------------------------------------------

    def _lookup(self, query: str, policy: ResolvePolicy, mark: Mark | None = None) -> Resolution | None:
        """Judgements, then canonical names, curated and generated aliases by tier; None when none knows it."""
        forms = variants(query)
        is_ = self.judgements.is_
        for form in forms:
            judged = is_.get((form, policy.context)) or is_.get((form, None))
            if judged:
                return self._hit(query, judged[0], "judgement", 100.0, judged[1])
        mark = mark if mark is not None else policy.mark(query)
        for form in forms:
            excluded = self.judgements.is_not.get(form, set())
            for layer in (self._exact, self._curated):
                found = self._pick(query, layer.get(form, []), policy, mark, excluded, exact=layer is self._exact)
                if found is not None:
                    return found
            entries = self._tables.get(form, [])
            for tier in sorted({KIND_TIER[e.kind] for e in entries}):
                found = self._pick(query, [e for e in entries if KIND_TIER[e.kind] == tier], policy, mark,
                                   excluded, exact=False)
                if found is not None:
                    return found
        return None

    def _allowed(self, entry: Entry, policy: ResolvePolicy, mark: Mark | None, excluded: set[str]) -> bool:
        if entry.entity_id in excluded or entry.kind not in policy.kinds:
            return False
        return mark is None or self._known[entry.entity_id].label in mark.accepts

    def _pick(self, query: str, entries: list[Entry], policy: ResolvePolicy, mark: Mark | None,
              excluded: set[str], *, exact: bool) -> Resolution | None:
        usable = [e for e in entries if self._allowed(e, policy, mark, excluded)]
        ids = sorted({e.entity_id for e in usable})
        if not ids:
            return None
        if len(ids) > 1:
            return Resolution(query=query, entity_id=None, label=None, name=None, rule="ambiguous", score=0.0,
                              source=", ".join(sorted({e.source for e in usable})), candidates=ids)
        return self._hit(query, ids[0], "exact" if exact else "alias", 100.0, usable[0].source)

    def _hit(self, query: str, eid: str, rule: Rule, score: float, source: str | None) -> Resolution:
        entity = self._known[eid]
        return Resolution(query=query, entity_id=eid, label=entity.label, name=entity.name, rule=rule,
                          score=score, source=source)

    @staticmethod
    def _unresolved(query: str) -> Resolution:
        return Resolution(query=query, entity_id=None, label=None, name=None, rule="unresolved", score=0.0,
                          source=None)

    # -- entities and nodes ---------------------------------------------------------------------

    def entity(self, entity_id: str) -> Entity | None:
        return self._known.get(entity_id)

    def node_for_id(self, entity_id: str) -> Node | None:
        """The node of a known entity id ('country:UKR'), e.g. from a table's own ISO column."""
        entity = self.entity(entity_id)
        return None if entity is None else node_of(entity)

    def node_for(self, resolution: Resolution) -> Node:
        """The node to write for a resolution; unresolved/ambiguous names become a flagged UnresolvedActor."""
        if resolution.entity_id is None:
            return unresolved_node(resolution.query)
        entity = self.entity(resolution.entity_id)
        if entity is None:
            raise KeyError(resolution.entity_id)
        return node_of(entity)


def clean(name: str) -> str:
    """The name as looked up: stripped; a non-string (a stray NaN from a table) is no name."""
    return name.strip() if isinstance(name, str) else ""


def is_name(query: str) -> bool:
    """Worth looking up at all: not empty, not a paragraph, not a lower-case 'us'."""
    return bool(query) and len(query) <= MAX_NAME_LENGTH and bool(normalize(query)) and shouted(query)
