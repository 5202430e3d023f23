"""What the web tests share besides fixtures: the loaded data's constants (imported by conftest and the tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "examples" / "seed-entities.jsonl"
ARTIFACTS = REPO / "build" / "test-artifacts" / "web"
"""Screenshots the browser tests take (kept for a person to look at; build/ is git-ignored)."""

HOSTILE_NAME = "<script>window.__pwned = 1</script> O'Brien \"Ivanov\" }) MATCH (n) DETACH DELETE n //"
HOSTILE_ALIAS = "<img src=x onerror=\"window.__pwned = 2\">"
HOSTILE_SOURCE = "javascript:window.__pwned = 3"
UNKNOWN_NAMES = ("Ukriane", "Freedonia", "Ruritania")
"""Treaty parties no resolver knows: the review list's items (the browser accepts the first, HTTP tests the rest)."""


@dataclass(frozen=True)
class Loaded:
    data_dir: Path
    shared: Path
    hostile_id: str
