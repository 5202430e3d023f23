"""What an output format is: a name, a media type and a function that writes rows to a stream.

Formats are data (after datasette's renderers): the CLI's ``--format`` choices, and later an export
or a web view, read them from :data:`armsgraph.graph.render.RENDERERS` instead of branching on names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TextIO


class RenderFunction(Protocol):
    def __call__(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO, *,
                 title: str | None = None) -> None:
        """Write ``rows`` (one value per column) to ``out``; ``title`` is for formats with a caption."""


@dataclass(frozen=True)
class Renderer:
    name: str
    """The ``--format`` value."""
    media_type: str
    render: RenderFunction
