"""Start-up of a text command (``armsgraph extract``, ``armsgraph eval``): spaCy, the text loader and both pipelines,
made ready before the first document with Python's cyclic garbage collector held off, then frozen.

Why: importing spaCy and the loader and building the pipelines allocate a few hundred thousand objects that live as
long as the process. The collector scanned them about 275 times while they were being made (~0.14 CPU s, a tenth of
``extract FILE``) and found little to free: peak memory is the same with it off. ``gc.freeze`` then leaves them out
of every later collection (with the few thousand cyclic leftovers of start-up, about 15k blocks, which stay for the
process's life: a bounded cost, against ~0.16 s for a full collection first; in a test process, what was not yet
collected when a command ran in-process is frozen too, until ``gc.unfreeze``), so a folder's documents are collected
among their own objects, and forked workers (``parallel.py``) do not touch, and so copy, the pages those objects
live on. Nothing the extractor returns depends on when the collector runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from armsgraph.loaders.text.spacy_import import import_spacy


@contextmanager
def collector_held() -> Iterator[None]:
    """Run the block with no automatic collection, then freeze what it made (``gc.freeze``) and restore the
    collector's thresholds; an exception in the block does the same. A threshold of 0, not ``gc.disable``: spaCy
    reads its model files with srsly, which turns the collector back on after each one."""
    thresholds = gc.get_threshold()
    gc.set_threshold(0, *thresholds[1:])
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)


def ready() -> None:
    """Import spaCy (without its CLI) and the text loader, build the rule pipeline and load the trained one: what
    the first document would build, built here with the collector held (see the module's docstring)."""
    with collector_held():
        import_spacy()
        from armsgraph.loaders.text.parallel import warm

        warm()
