"""The error policy: bad input is one line and exit 2; a bug is exit 3, its traceback only on request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from armsgraph.graph import load as load_module
from armsgraph.graph.cli import main
from armsgraph.graph.cli import summary as summary_module
from armsgraph.loaders.curated.loader import CuratedLoader
from armsgraph.schema.batch import Batch

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "examples" / "seed-entities.jsonl"


def run(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args],
                              env={"NEO4J_URI": "", "ARMSGRAPH_DEBUG": "", **(env or {})})


class BuggyLoader(CuratedLoader):
    """A loader with a bug: it crashes on a file it claims to read."""

    def read(self, path: Path) -> Iterator[Batch]:
        raise RuntimeError("index out of whack")
        yield  # pragma: no cover (a generator, like the real loaders)


@pytest.fixture
def buggy_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_module, "pick", lambda path, name=None, resolver=None: BuggyLoader())


@pytest.mark.usefixtures("buggy_loader")
def test_a_loader_bug_exits_3_with_one_line_and_no_traceback(data_dir: Path) -> None:
    result = run(data_dir, "load", str(SEED), "--format", "json")
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.stderr
    internal = [line for line in result.stderr.splitlines() if line.startswith("armsgraph: internal error:")]
    assert len(internal) == 1 and "RuntimeError: index out of whack" in internal[0]
    assert '"note": "internal error: RuntimeError: index out of whack"' in result.stdout  # reported, not as input


@pytest.mark.usefixtures("buggy_loader")
@pytest.mark.parametrize(("flags", "env"), [(["--debug"], {}), (["-v"], {}), ([], {"ARMSGRAPH_DEBUG": "1"})])
def test_a_loader_bug_shows_its_traceback_when_asked(data_dir: Path, flags: list[str], env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, [*flags, "--data-dir", str(data_dir), "load", str(SEED)],
                                env={"NEO4J_URI": "", "ARMSGRAPH_DEBUG": "", **env})
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr and "in read" in result.stderr


def test_a_command_bug_exits_3_and_the_traceback_needs_debug(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(store: object) -> list[tuple[str, str, int]]:
        return {}["label"]  # type: ignore[no-any-return]  # a KeyError from a bug is not bad input

    monkeypatch.setattr(summary_module, "graph_counts", broken)
    quiet = run(data_dir, "stats")
    assert quiet.exit_code == 3
    assert quiet.stderr.strip().splitlines() == [
        "armsgraph: internal error: KeyError: 'label' (-v, --debug or ARMSGRAPH_DEBUG=1 print the traceback)"]
    loud = run(data_dir, "--debug", "stats")
    assert loud.exit_code == 3 and "Traceback (most recent call last)" in loud.stderr and "in broken" in loud.stderr


@pytest.mark.parametrize("args", [
    ("load", "--loader", "no-such-loader", str(SEED)),
    ("query", "run", "no-such-query"),
    ("query", "run", "country-people", "--param", "country=USA", "--param", "limit=many"),
    ("cypher", "MATCH (n) RETURN n", "--param", "a`b=1"),
    ("cypher", "MATCH (n) WHERE EXISTS { MATCH (n)--() } RETURN n"),
])
def test_user_errors_are_one_line_exit_2(data_dir: Path, args: tuple[str, ...]) -> None:
    result = run(data_dir, *args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("armsgraph: error: "), result.stderr
    debug = run(data_dir, "--debug", *args)  # --debug adds the traceback behind a user error too
    assert debug.exit_code == 2 and "Traceback" in debug.stderr


def test_unusable_data_dir_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run(blocker / "data", "stats")
    assert result.exit_code == 2 and "cannot use the data dir" in result.stderr and "Traceback" not in result.stderr
