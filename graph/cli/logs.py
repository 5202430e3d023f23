"""Standard ``logging`` for the command line: one line per message, tracebacks only when asked.

Why: a bug must be reportable (``-v``/``--debug``/``ARMSGRAPH_DEBUG`` print its traceback) without
burying a researcher under one when nothing was asked for. Messages go through ``click.echo`` so
they land on whatever stderr is current (a terminal, a pipe, click's test runner).
"""

from __future__ import annotations

import logging
import os

import click

LOGGER = "armsgraph"
DEBUG_ENV = "ARMSGRAPH_DEBUG"
HINT = " (-v, --debug or ARMSGRAPH_DEBUG=1 print the traceback)"


class OneLineFormatter(logging.Formatter):
    """``armsgraph: [level: ]message``; errors name themselves. Tracebacks follow only if enabled."""

    def __init__(self, tracebacks: bool) -> None:
        super().__init__()
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        message = " ".join(record.getMessage().split())
        text = (f"armsgraph: {message}" if record.levelno >= logging.ERROR
                else f"armsgraph: {record.levelname.lower()}: {message}")
        if record.exc_info and record.exc_info[0] is not None:
            if self.tracebacks:
                text += "\n" + self.formatException(record.exc_info)
            else:
                text += HINT
        return text


class EchoHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # logging must never raise into the caller (the logging module's own rule)
            self.handleError(record)


def debug_from_env() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


def configure(verbose: bool = False, debug: bool = False) -> None:
    """Point the ``armsgraph`` loggers at stderr: warnings by default, info with ``-v``, all with ``--debug``.

    Idempotent: each call replaces the handler the previous one installed (tests invoke the CLI many times).
    """
    debug = debug or debug_from_env()
    logger = logging.getLogger(LOGGER)
    for name, other in logging.root.manager.loggerDict.items():  # a library's dictConfig may have disabled ours
        if (name == LOGGER or name.startswith(LOGGER + ".")) and isinstance(other, logging.Logger):
            other.disabled = False
    for handler in [h for h in logger.handlers if isinstance(h, EchoHandler)]:
        logger.removeHandler(handler)
    handler = EchoHandler()
    handler.setFormatter(OneLineFormatter(tracebacks=verbose or debug))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING)


def configured() -> bool:
    return any(isinstance(h, EchoHandler) for h in logging.getLogger(LOGGER).handlers)
