"""One exception tree for armsgraph, and the record-level problem report every layer shares.

Why here: loaders raise, the graph layer catches and the CLI prints, so the classes live in the layer
all of them import. ``ArmsgraphError`` and its subclasses are expected failures, shown as one line;
any other exception is a bug (logged with its traceback, exit 3), never dressed as bad input.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class LoadError(BaseModel):
    """One bad record: where it is and what is wrong, printed as ``file:line:field: reason``."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int | None = None
    field: str | None = None
    reason: str
    severity: Literal["error", "warning"] = "error"
    """A warning marks a record that loaded but needs a look (say, a name flagged for review)."""

    def __str__(self) -> str:
        line = "" if self.line is None else str(self.line)
        tag = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{line}:{self.field or ''}: {tag}{self.reason}"


class ArmsgraphError(Exception):
    """An expected failure whose message is one readable line."""


class UserError(ArmsgraphError):
    """Bad input from the person at the keyboard: a file, a parameter, a name."""


class LoaderFailure(UserError):
    """A whole document cannot be read (empty, wrong format, undecodable): nothing of it loads."""

    def __init__(self, error: LoadError) -> None:
        super().__init__(str(error))
        self.error = error


class StoreError(ArmsgraphError):
    """A store could not be reached or refused a statement; the message is one readable line."""


class CatalogueError(UserError):
    """A catalogue file is malformed, or a query was given bad parameters."""


class GoldError(UserError):
    """A gold file that cannot be read: the message names file, line and field."""
