"""``armsgraph serve``: the local web view of the graph (graph/web, docs/web.md).

Binds 127.0.0.1 unless ``--host`` names another address, which is warned about: the view has no login, and
anyone who reaches the port can read the graph and record review judgements.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import click

from armsgraph.graph.cli.context import Context

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: a free one, so the URL printed is the one served)."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="port to listen on (0: any free port)")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on; anything but loopback is warned about (no login: anyone who reaches it "
                   "reads the graph)")
@click.option("--docs", "docs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="folder the loaded articles and statements are in (repeatable): the document page shows their "
                   "text with the extracted facts")
@click.pass_obj
def serve(obj: Context, port: int, host: str, docs: tuple[Path, ...]) -> None:
    """Serve a local web view of the graph: search, the catalogue as forms, entities and their sources,
    documents with their extracted facts, the review list, read-only Cypher. Prints the URL; Ctrl-C stops."""
    # Lazy for start-up time: the web view imports Starlette, uvicorn and the text loader (spaCy, ~1 s), which
    # every other command would pay for.
    import uvicorn

    from armsgraph.graph.web import WebConfig, create_app

    store = obj.store  # opened (and a crashed load recovered) before the first request
    allowed = ["127.0.0.1", "localhost", "[::1]"]
    if not is_loopback(host):
        click.echo(f"armsgraph: warning: listening on {host}, not on loopback: the web view has no login; anyone "
                   "who can reach this port can read the graph and record review judgements", err=True)
        allowed = ["*"]
    sock = bind(host, port)
    shown = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    app = create_app(WebConfig(store=store, data_dir=obj.data_dir, docs=[d.resolve() for d in docs],
                               allowed_hosts=allowed))
    click.echo(f"armsgraph: serving {store.describe()} at {url} (Ctrl-C stops)", err=False)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
