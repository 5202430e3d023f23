"""Extraction of many files over several processes, in the order the files were given.

Why: parsing is most of the cost of extraction and runs on one core; a folder of documents is shared among worker
processes instead. Where the platform can fork (Linux), the workers are forked after this process has built the
rule pipeline and loaded the trained one, so they start in milliseconds with both already in (shared,
copy-on-write) memory; elsewhere each worker builds them once. Results come back in the order of the files and
are the serial run's (``tests/loaders/text/test_parallel.py``); a file that cannot be read raises at its place, as
in a serial run. A worker that dies (a kill, the OOM killer) fails the run with one line (``ArmsgraphError``, as the
bulk load's workers do) and leaves no worker behind: the pool and its results are ``loaders/worker_pool.py``'s
(``multiprocessing.Pool`` replaced a dead worker and waited for ever for its lost file).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.loader import TextLoader
from armsgraph.loaders.text.pipeline import nlp
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.worker_pool import close_pool, in_order, process_pool
from armsgraph.schema.errors import ArmsgraphError, LoaderFailure, LoadError

MIN_FILES_PER_PROCESS = 2
"""Fewer files than this per extra process and the extra process is not started: one file is never split."""


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform says, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def processes_for(files: int, wanted: int | None = None) -> int:
    """How many processes to extract ``files`` files with: ``wanted`` (None: one per available core), never more
    than there are pairs of files, at least one."""
    cap = available_cores() if wanted is None or wanted < 1 else wanted
    return max(1, min(cap, files // MIN_FILES_PER_PROCESS))


def warm() -> None:
    """Build the rule pipeline and load the trained one: once per process, before its first document."""
    nlp()
    model()


def _extract(path: Path) -> Extraction | LoadError:
    # a LoaderFailure is returned, not raised: its LoadError would not survive pickling back as an exception
    try:
        return TextLoader().extract(path)[0]
    except LoaderFailure as exc:
        return exc.error


def extract_files(files: Sequence[Path], processes: int = 1) -> Iterator[tuple[Path, Extraction]]:
    """(file, extraction) for each file, in order, over ``processes`` worker processes (1: in this process). A
    caller that stops reading half way closes the generator (``contextlib.closing``): that stops the workers; left
    open, the pool runs every file at the interpreter's exit."""
    if processes <= 1 or len(files) < 2:
        loader = TextLoader()
        for path in files:
            yield path, loader.extract(path)[0]
        return
    warm()  # before forking: the workers inherit the pipelines
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = process_pool(min(processes, len(files)), context, initializer=warm)
    try:
        for path, result in zip(files, in_order(pool, _extract, files), strict=True):
            if isinstance(result, LoadError):
                raise LoaderFailure(result)
            yield path, result
    except BrokenProcessPool as exc:  # the file it surfaces at need not be the dead worker's: name none
        raise ArmsgraphError(f"a worker extracting the files died ({exc}); out of memory? Try fewer -j") from None
    finally:
        close_pool(pool)
