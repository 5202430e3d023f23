"""Seats of government that speak for their state (``data/seats.csv``): 'the Elysée said' is France's claim.

A seat named by its place is no body of its own in the gold's reading (sessions 20 and 23: the writers give 'the
Elysée said', 'Downing Street said' and 'the Kremlin said' to the state); the place names live in the data file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from armsgraph.loaders.io import csv_rows
from armsgraph.loaders.text.gazetteer import OrgEntry


@cache
def seats() -> dict[tuple[str, ...], str]:
    """The seats by their words ('Downing', 'Street') -> the state's id ('country:GBR'), read once per process."""
    text = resources.files("armsgraph.loaders.text").joinpath("data", "seats.csv").read_text(encoding="utf-8")
    return {tuple(row.values["name"].split()): "country:" + row.values["state"].strip()
            for row in csv_rows(text).rows}


def seat_at(words: list[str], i: int) -> tuple[str, int, int] | None:
    """The seat whose name covers token i: (its state, first token, end), else None."""
    for name, state in seats().items():
        for start in range(max(0, i - len(name) + 1), i + 1):
            if tuple(words[start:start + len(name)]) == name:
                return state, start, start + len(name)
    return None


def seat_state(org: OrgEntry | None) -> str | None:
    """The state an organisation speaks for when it is a seat ('Kremlin', the resolver's org:kremlin), else None."""
    return seats().get(tuple(org.name.split())) if org is not None else None
