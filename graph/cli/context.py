"""What every command shares: the settings and lazily opened store, and the common options."""

from __future__ import annotations

import click

from armsgraph.graph.render import FORMATS
from armsgraph.graph.store import Settings, Store, open_store
from armsgraph.loaders.deals import judgements_path

format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                             help="table for people, json or csv for pipes")
param_option = click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="query parameter")


class Context:
    """Settings from flags/environment and the store, opened on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.data_dir = settings.resolved_data_dir() if not settings.uri else None
        self._store: Store | None = None
        self.deal_judgements = judgements_path(self.data_dir)
        """The researcher's deal decisions (``armsgraph review transfers``), replayed whenever deals are resolved."""

    def has_store(self) -> bool:
        """Neo4j is configured, or the embedded store of the data dir exists (never created by asking)."""
        return bool(self.settings.uri) or (self.data_dir is not None and (self.data_dir / "falkordb").is_dir())

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings)
            # imported here, when a command opens the store: 'extract' and 'eval' never do (start-up time)
            from armsgraph.graph.load import recover_if_idle

            # a crashed load's half document goes at the next command, not later
            recover_if_idle(self._store, judgements=self.deal_judgements)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """``KEY=VALUE`` pairs from ``--param``; a pair without ``=`` or key is a usage error."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--param expects KEY=VALUE, got {pair!r}")
        params[key.strip()] = value
    return params
