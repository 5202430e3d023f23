"""Where the page's files come from: the package's own static folder, and cytoscape.js from npm.

cytoscape.js is pinned in ``package-lock.json`` (``npm ci`` installs it into ``node_modules``); ``make web-assets``
(run by ``make install``'s sibling targets, see the Makefile) copies its minified build and licence into
``graph/web/static/vendor/`` (git-ignored), so a built package carries it. At start-up the server takes the
vendored copy, else the one in ``node_modules`` beside the checkout: no CDN, nothing fetched at run time.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
STATIC = PACKAGE / "static"
TEMPLATES = PACKAGE / "templates"
CYTOSCAPE = "cytoscape.min.js"
VENDORED = STATIC / "vendor" / CYTOSCAPE
NODE_MODULES = Path("node_modules") / "cytoscape" / "dist" / CYTOSCAPE


def cytoscape_path(start: Path = PACKAGE) -> Path | None:
    """The vendored cytoscape.min.js, else the first ``node_modules/cytoscape`` found above ``start``."""
    if VENDORED.is_file():
        return VENDORED
    for folder in (start, *start.parents):
        candidate = folder / NODE_MODULES
        if candidate.is_file():
            return candidate
    return None
