"""What a test of a dying worker checks after the failure: no worker of the broken pool is left running."""

from __future__ import annotations

import multiprocessing
import time
from multiprocessing.process import BaseProcess


def children_left(seconds: float = 10.0) -> list[BaseProcess]:
    """This process's worker children still alive after ``seconds``: a broken pool's own thread stops them; one
    left running blocks on its task queue and the test process hangs at exit."""
    deadline = time.monotonic() + seconds
    while (alive := multiprocessing.active_children()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive
