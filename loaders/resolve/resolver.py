"""The resolver: the linker plus what needs recording (fuzzy guesses, entities a mark declares, the review list).

Why on top of the linker: every loader asks the same resolver so joins across sources work, and a
researcher audits what it guessed. Beyond the linker's rules (see ``linker.py``):

5. a source's marks (its policy; SIPRI: an unseen ``Name*`` is a non-state actor, ``Name**`` an organisation)
6. a bounded fuzzy match (rapidfuzz, names of 6+ characters, score >= 90), reported as ``fuzzy``

Unresolved, ambiguous, fuzzy and derived results go on the review list. See docs/resolver.md.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from armsgraph.loaders.resolve.entities import Entity, derived_entity
from armsgraph.loaders.resolve.judgements import user_judgements_path
from armsgraph.loaders.resolve.linker import Linker, Resolution, is_name
from armsgraph.loaders.resolve.names import bare, variants
from armsgraph.loaders.resolve.policy import KIND_TIER, Mark, ResolvePolicy
from armsgraph.loaders.resolve.review import Checkpoint, ReviewItem, ReviewList
from armsgraph.loaders.resolve.tables import (
    DATA_DIR,
    FUZZY_MIN_LENGTH,
    GENERATED_FILES,
    AliasTables,
    standard_tables,
)

FUZZY_CUTOFF = 90.0
FUZZY_TIE = 3.0
"""Fuzzy candidates this close to the best score make the name ambiguous."""
CACHE_SIZE = 200_000
COUNTRIES = frozenset({"Country"})
"""What fuzzy matching of an unmarked name may land on: states."""


class Resolver(Linker):
    """Resolves actor names against the alias data; remembers what it could not settle."""

    def __init__(
        self,
        data_dir: Path = DATA_DIR,
        judgements: Iterable[Path] = (),
        generated: Iterable[str] = GENERATED_FILES,
        policies: Iterable[ResolvePolicy] = (),
        *,
        tables: AliasTables | None = None,
    ) -> None:
        super().__init__(data_dir, judgements, generated, policies, tables=tables)
        self._derived: dict[str, Entity] = {}
        self._all: Mapping[str, Entity] = ChainMap(self._derived, self.tables.entities)
        self._cache: dict[tuple[str, ResolvePolicy | str | None], Resolution] = {}
        self._review = ReviewList()

    @classmethod
    def standard(cls, data_dir: Path | None = None, policies: Iterable[ResolvePolicy] = ()) -> Resolver:
        """The package's alias tables (read once per process) plus the judgements of the user's ``data_dir``."""
        return ResolverConfig(data_dir, policies=tuple(policies)).resolver()

    @property
    def entities(self) -> Mapping[str, Entity]:
        """Known entities, with those derived from marks in this resolver."""
        return self._all

    def entity(self, entity_id: str) -> Entity | None:
        return self._derived.get(entity_id) or self.tables.entities.get(entity_id)

    def resolve(self, name: str, context: ResolvePolicy | str | None = None, *,
                where: str | None = None, record: bool = True) -> Resolution:
        """Resolve one actor name; ``where`` ('file:line') is remembered for the review list.

        ``record=False`` for a look-up that is no document's (``armsgraph resolve NAME``, a query parameter):
        only names met in documents belong on the review list.
        """
        query = name.strip() if isinstance(name, str) else ""
        key = (query, context)  # as given: a context name hashes faster than the policy it stands for
        result = self._cache.get(key)
        if result is None:
            result = self._resolve(query, self.policy(context))
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()  # bounded: a stream of unique junk names must not grow memory
            self._cache[key] = result
        if record and (result.rule in ("unresolved", "ambiguous", "fuzzy")
                       or (result.source or "").startswith("derived")):
            self._review.record(query, result.rule, self.policy(context).context, entity_id=result.entity_id,
                                candidates=list(result.candidates), where=where)
        return result

    def _resolve(self, query: str, policy: ResolvePolicy) -> Resolution:
        if not is_name(query):
            return self._unresolved(query)
        mark = policy.mark(query)
        found = self._lookup(query, policy, mark)
        if found is not None:
            return found
        # a typo of a known group ('Hezbolah (Lebanon)*') is a fuzzy hit, not a new group
        fuzzy = self._fuzzy(query, policy, mark)
        if mark is None or fuzzy.entity_id is not None:
            return fuzzy
        return self._derive(query, mark)

    def _derive(self, query: str, mark: Mark) -> Resolution:
        """An unseen marked name: the source itself says what kind of actor it is; keyed by its slug."""
        entity = derived_entity(mark.label, bare(query), mark.kind)
        if entity is None:
            return self._unresolved(query)
        known = self.entity(entity.id)
        if known is None:
            known = self._derived[entity.id] = entity
        return Resolution(query=query, entity_id=entity.id, label=mark.label, name=known.name, rule="alias",
                          score=100.0, source=f"derived: {mark.source}")

    def _fuzzy(self, query: str, policy: ResolvePolicy, mark: Mark | None) -> Resolution:
        form = variants(query)[0]
        if len(form) < FUZZY_MIN_LENGTH:
            return self._unresolved(query)
        excluded = self.judgements.is_not.get(form, set())
        labels = COUNTRIES if mark is None else frozenset({mark.label})
        hits = process.extract(form, self.tables.fuzzy_keys(labels), scorer=fuzz.ratio,
                               score_cutoff=FUZZY_CUTOFF, limit=5)
        scored: dict[str, float] = {}
        for key, score, _ in hits:
            for index in (self._exact, self._curated, self._tables):
                for e in index.get(key, []):
                    if KIND_TIER[e.kind] <= 2 and self._allowed(e, policy, mark, excluded):
                        scored[e.entity_id] = max(scored.get(e.entity_id, 0.0), float(score))
        if not scored:
            return self._unresolved(query)
        best = max(scored.values())
        top = sorted(eid for eid, s in scored.items() if best - s < FUZZY_TIE)
        if len(top) > 1:
            return Resolution(query=query, entity_id=None, label=None, name=None, rule="ambiguous", score=best,
                              source="fuzzy", candidates=top)
        return self._hit(query, top[0], "fuzzy", round(best, 1), "fuzzy")

    # -- review ---------------------------------------------------------------------------------

    def review(self) -> list[ReviewItem]:
        """Names that went unresolved, ambiguous, fuzzy or derived in this resolver, most frequent first."""
        return self._review.items()

    def review_checkpoint(self) -> Checkpoint:
        """This resolver's review list as it is now (the load takes it before each file)."""
        return self._review.checkpoint()

    def review_restore(self, checkpoint: Checkpoint) -> None:
        """Forget what went on the review list since ``checkpoint``: the document was not loaded (skipped,
        or rolled back), so its names are in no document of the graph."""
        self._review.restore(checkpoint)

    def flush_review(self, data_dir: Path) -> Path | None:
        """Append this resolver's review list to ``data_dir/resolve-review.jsonl`` and clear it."""
        return self._review.flush(data_dir)


@dataclass(frozen=True)
class ResolverConfig:
    """Everything a resolver is built from, explicitly: no setting lives in a module global.

    ``data_dir`` is the user's data dir (its ``judgements.csv``; ``$ARMSGRAPH_JUDGEMENTS`` wins), ``aliases``
    the folder of alias tables, ``policies`` what context names stand for beyond the standard ones.
    """

    data_dir: Path | None = None
    aliases: Path = DATA_DIR
    generated: tuple[str, ...] = GENERATED_FILES
    policies: tuple[ResolvePolicy, ...] = ()

    def judgement_files(self) -> list[Path]:
        """The user's judgements file, if there is one (the package's own is always read)."""
        path = user_judgements_path(self.data_dir)
        return [path] if path is not None and path.exists() else []

    def tables(self) -> AliasTables:
        return standard_tables(self.aliases, self.generated)

    def linker(self) -> Linker:
        return Linker(judgements=self.judgement_files(), policies=self.policies, tables=self.tables())

    def resolver(self) -> Resolver:
        """A new resolver (its own cache and review list) over the shared tables."""
        return Resolver(judgements=self.judgement_files(), policies=self.policies, tables=self.tables())
