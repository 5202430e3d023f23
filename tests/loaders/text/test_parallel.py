"""Extraction of a folder over several processes (loaders/text/parallel.py, ``armsgraph extract -j``): the serial
run's results, in the serial run's order; a file that cannot be read fails at its place, as in a serial run."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from armsgraph.graph.cli import main
from armsgraph.loaders.text.parallel import MIN_FILES_PER_PROCESS, available_cores, extract_files, processes_for
from armsgraph.schema.errors import ArmsgraphError, LoaderFailure


def dumps(pairs: list[tuple[Path, object]]) -> list[tuple[str, str]]:
    return [(path.name, json.dumps(x.model_dump(mode="json"), sort_keys=True))  # type: ignore[attr-defined]
            for path, x in pairs]


@pytest.fixture(scope="module")
def news(shared_data: Path) -> list[Path]:
    files = sorted((shared_data / "news").glob("*.txt"))
    assert len(files) >= 10
    return files


def test_two_processes_give_the_serial_results_in_the_serial_order(news: list[Path]) -> None:
    files = list(reversed(news))  # an order of the caller's, not the folder's
    serial = dumps(list(extract_files(files, 1)))
    parallel = dumps(list(extract_files(files, 2)))
    assert [name for name, _ in parallel] == [f.name for f in files]
    assert parallel == serial
    assert sum('"transfers": [{' in x for _, x in serial) >= 5  # real extractions were compared


def test_a_file_that_cannot_be_read_fails_at_its_place(news: list[Path], tmp_path: Path) -> None:
    for k, path in enumerate(news[:6]):
        shutil.copy(path, tmp_path / f"{k}-{path.name}")
        meta = path.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, tmp_path / f"{k}-{meta.name}")
    (tmp_path / "3-empty.txt").write_text("   \n", encoding="utf-8")
    files = sorted(tmp_path.glob("*.txt"))
    for processes in (1, 2):
        got: list[str] = []
        with pytest.raises(LoaderFailure, match="empty") as failure:
            for path, _ in extract_files(files, processes):
                got.append(path.name)
        assert got == [f.name for f in files[: files.index(tmp_path / "3-empty.txt")]]
        assert failure.value.error.file == "3-empty.txt"  # the LoadError itself, not its text only


def test_a_worker_that_dies_fails_the_run_and_leaves_no_worker(news: list[Path]) -> None:
    """A worker killed mid-run (the OOM killer, a kill): the run raises instead of waiting for ever for the file the
    worker held (what ``multiprocessing.Pool``'s ``imap`` did), and no worker is left to block the exit."""
    results = extract_files(news * 6, 2)
    next(results)  # the pool runs
    workers = multiprocessing.active_children()
    assert len(workers) == 2
    workers[0].kill()
    with pytest.raises(ArmsgraphError, match="a worker extracting the files died"):
        for _ in results:
            pass
    assert not multiprocessing.active_children()


def test_the_cli_says_a_dead_worker_in_one_line(news: list[Path], tmp_path: Path) -> None:
    """``armsgraph extract -j 2`` with a worker killed half way: a user error (exit 2) in one line, no traceback,
    as the bulk load says it (not exit 3, the code of armsgraph's own bugs)."""
    for k in range(6):
        for path in news:
            shutil.copy(path, tmp_path / f"{k}-{path.name}")
    done = threading.Event()

    def kill_a_worker() -> None:  # once the pool runs: its workers are this process's children
        while not done.wait(0.05):
            if len(workers := multiprocessing.active_children()) == 2:
                workers[0].kill()
                return

    killer = threading.Thread(target=kill_a_worker)
    killer.start()
    try:
        result = CliRunner().invoke(main, ["extract", "-j", "2", "--format", "json", str(tmp_path)])
    finally:
        done.set()
        killer.join()
    assert result.exit_code == 2, result.output
    assert "a worker extracting the files died" in result.output and "Traceback" not in result.output


def test_the_number_of_processes() -> None:
    assert processes_for(0) == processes_for(1) == 1
    assert processes_for(1, 8) == 1  # one file is never split
    assert processes_for(10, 3) == 3
    assert processes_for(5, 8) == 5 // MIN_FILES_PER_PROCESS
    assert processes_for(1000) == available_cores()
    assert processes_for(1000, 0) == available_cores()  # 0: automatic


def test_extract_jobs_on_the_command_line(news: list[Path]) -> None:
    folder = str(news[0].parent)
    one = CliRunner().invoke(main, ["extract", "-j", "1", "--format", "json", folder])
    two = CliRunner().invoke(main, ["extract", "--jobs", "2", "--format", "json", folder])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert len(json.loads(one.stdout)) >= len(news)  # .txt and .md files
    bad = CliRunner().invoke(main, ["extract", "-j", "-1", folder])
    assert bad.exit_code == 2 and "-1" in bad.output
