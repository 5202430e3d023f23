"""Import spaCy without its command-line package, which ``armsgraph`` never uses: ~0.4 s of each start.

Why: spaCy 3.8's ``__init__`` runs ``from .cli.info import info``, which imports all of ``spacy.cli`` (typer,
weasel, httpx, the training-config templates) for a function only its CLI calls. spaCy's maintainers made that
import lazy in the same way (explosion/spaCy#12962, merged for the v4 line); until a 3.x release does,
:func:`import_spacy` puts a stand-in ``spacy.cli.info`` in ``sys.modules`` while spaCy is imported and takes it
away after: ``spacy.info()`` imports the real one when called, and a later ``import spacy.cli`` is the real package.
Nothing changes when spaCy is already imported (the stand-in is used only on a first import).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, importing spaCy's CLI when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """``import spacy``, without importing ``spacy.cli`` when this is the process's first import of spaCy."""
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
