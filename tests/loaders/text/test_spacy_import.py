"""spaCy imported without its CLI package (loaders/text/spacy_import.py), in fresh interpreters: extraction never
needs ``spacy.cli``, and ``spacy.info`` and ``import spacy.cli`` still work afterwards."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from pathlib import Path
from armsgraph.loaders.text.spacy_import import import_spacy
spacy = import_spacy()
assert "spacy.cli" not in sys.modules and "spacy.cli.info" not in sys.modules
assert import_spacy() is spacy
from armsgraph.loaders.text.loader import TextLoader
x, _ = TextLoader().extract(Path(sys.argv[1]))
assert x.transfers, "nothing extracted"
assert "spacy.cli" not in sys.modules, "extraction imported spaCy's CLI"
info = spacy.info()  # the real function, imported now
assert isinstance(info, dict) and info["spacy_version"] == spacy.__version__, info
import spacy.cli
assert spacy.cli.info.__module__ == "spacy.cli.info" and callable(spacy.cli.download)
print("ok")
"""


def test_extraction_runs_without_spacy_cli_and_spacy_cli_still_works(seed_article: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(seed_article)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_after_a_plain_import_nothing_changes() -> None:
    script = ("import sys, spacy\nfrom armsgraph.loaders.text.spacy_import import import_spacy\n"
              "assert import_spacy() is spacy and 'spacy.cli' in sys.modules\nprint('ok')")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
