"""Import spaCy without its command-line package, which ``armsgraph`` never uses: ~0.4 s of each start.

Why: spaCy 3.8's ``__init__`` runs ``from .cli.info import info``, which imports all of ``spacy.cli`` (typer,
weasel, httpx, the training-config templates) for a function only its CLI calls. spaCy's maintainers made that
import lazy in the same way (explosion/spaCy#12962, merged for the v4 line); until a 3.x release does,
:func:`import_spacy` puts a stand-in ``spacy.cli.info`` in ``sys.modules`` while spaCy is imported and takes it
away after: ``spacy.info()`` imports the real one when called, and a later ``import spacy.cli`` is the real package.
Nothing changes when spaCy is already imported (the stand-in is used only on a first import).

It also gives spaCy's registries (``catalogue``) their entry points by group (:class:`EntryPointsByGroup`): each
registry look-up asked the table of installed entry points for its group, and Python's table (``SelectableGroups``)
rebuilt and filtered a list of all of them on every call: 123 times while ``extract`` builds its pipelines, for 10
groups (~0.02 s).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, importing spaCy's CLI when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


class EntryPointsByGroup:
    """catalogue's table of installed entry points with each group's selection kept: ``select(group=g)`` returns
    what the table returned the first time for ``g`` (an immutable ``EntryPoints``), other calls go to the table.
    The table itself is read once, when catalogue is imported, so keeping a selection changes nothing it returns."""

    def __init__(self, table: Any) -> None:
        self.table = table
        self.groups: dict[str, Any] = {}

    def select(self, **params: Any) -> Any:
        if set(params) != {"group"}:
            return self.table.select(**params)
        group = params["group"]
        if group not in self.groups:
            self.groups[group] = self.table.select(group=group)
        return self.groups[group]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.table, name)


def _group_entry_points() -> None:
    """Put :class:`EntryPointsByGroup` in front of catalogue's table (once; a table without ``select``, the older
    dict of groups, is a dict look-up already)."""
    import catalogue  # type: ignore[import-untyped]  # spaCy's registry library: no type information

    table = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if table is not None and not isinstance(table, EntryPointsByGroup) and hasattr(table, "select"):
        catalogue.AVAILABLE_ENTRY_POINTS = EntryPointsByGroup(table)


def import_spacy() -> ModuleType:
    """``import spacy``, without importing ``spacy.cli`` when this is the process's first import of spaCy, its
    registries' entry points kept by group."""
    _group_entry_points()
    if "spacy" in sys.modules or "spacy.cli.info" in sys.modules:
        import spacy

        return spacy
    stand_in = ModuleType("spacy.cli.info", "stand-in while spaCy is imported (armsgraph.loaders.text.spacy_import)")
    stand_in.info = _info  # type: ignore[attr-defined]
    sys.modules["spacy.cli.info"] = stand_in
    try:
        import spacy
    finally:
        if sys.modules.get("spacy.cli.info") is stand_in:
            del sys.modules["spacy.cli.info"]
    return spacy
