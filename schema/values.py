"""Value types shared by every layer: the stage of a transfer, one ordered vocabulary."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """How far a transfer got, least to most advanced: the order is the rule for which report wins.

    A later report of a less advanced stage never undoes a more advanced one (``Transfer.rank``), and a
    text report's most advanced stage wins within a document.
    """

    REQUESTED = "requested"
    CONSIDERED = "considered"
    ANNOUNCED = "announced"
    APPROVED = "approved"
    PLEDGED = "pledged"
    ORDERED = "ordered"
    CONTRACTED = "contracted"
    DELIVERED = "delivered"

    @property
    def advancement(self) -> int:
        """0 for requested … 7 for delivered."""
        return list(Stage).index(self)

    @classmethod
    def parse(cls, value: str) -> Stage | None:
        """The stage named ``value``, or None for a word that is not one."""
        try:
            return cls(value)
        except ValueError:
            return None
