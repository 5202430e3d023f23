"""The web view's routes: a Starlette app over one store, pages from Jinja2 templates (autoescaped).

URLs (stable, so they can be shared and scripted): ``/``, ``/search?q=``, ``/query/NAME?param=…`` with
``/query/NAME.json`` and ``/query/NAME.csv`` (any format of the render registry but the terminal table),
``/entity/ID``, ``/document/ID``, ``/review`` (POST ``/review/QUEUE``), ``/cypher?q=`` (read-only),
``/api/names?kind=&q=`` (suggestions for the name pickers).

Every handler goes through the :class:`Store` protocol and the catalogue, so the view works on Neo4j and on the
embedded FalkorDB alike. Handlers are ``async`` and call the store directly: one request at a time, which is
what a local view for one researcher needs, and what keeps a store connection to one thread.
"""

from __future__ import annotations

import hmac
import io
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armsgraph.graph.catalogue import CannedQuery, load_catalogue
from armsgraph.graph.catalogue.catalogue import CatalogueResult
from armsgraph.graph.catalogue.names import KINDS, Names
from armsgraph.graph.export.literal import literal
from armsgraph.graph.kit.style import label_colours
from armsgraph.graph.render import RENDERERS
from armsgraph.graph.store import Cypher, Store
from armsgraph.graph.web import assets, markup, pages
from armsgraph.graph.web.document import FACTS_SHOWN, Extractions, SourceFiles, document, source_rows
from armsgraph.graph.web.review import QUEUES, Where
from armsgraph.schema.errors import ArmsgraphError, UserError

DOWNLOADS = tuple(name for name in RENDERERS if name != "table")
"""Result formats offered as ``/query/NAME.FORMAT``: the registry's, less the terminal table."""
CYPHER_ROWS = 1000
"""Rows an ad-hoc statement shows (the rest are counted, not sent to the browser)."""
NAME_CACHE_SECONDS = 30.0
"""How long the pickers' name list is reused (a load in another process shows up after this)."""
REVIEW_LIMIT = 500
_USED = re.compile(r"\$([A-Za-z_]\w*)")


@dataclass
class WebConfig:
    """What the app serves: a store, the embedded data dir (None on Neo4j: no review list), the folders
    documents' texts are read from, and the host names it answers to."""

    store: Store
    data_dir: Path | None = None
    docs: list[Path] = field(default_factory=list)
    allowed_hosts: list[str] = field(default_factory=lambda: ["127.0.0.1", "localhost", "[::1]"])
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


class State:
    """The app's shared, lazily made helpers."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.store = config.store
        self.names = Names(config.store)
        self.extractions = Extractions()
        self.files = SourceFiles(config.docs)
        self._names_at = 0.0
        self._name_tables: dict[str, dict[str, tuple[str, str]]] = {}

    def name_table(self, kind: str) -> dict[str, tuple[str, str]]:
        now = time.monotonic()
        if now - self._names_at > NAME_CACHE_SECONDS:
            self._name_tables.clear()
            self._names_at = now
        if kind not in self._name_tables:
            self._name_tables[kind] = pages.name_table(self.store, kind)
        return self._name_tables[kind]

    def forget_names(self) -> None:
        self._name_tables.clear()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(assets.TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(id_label=pages.id_label, href=pages.href, colour=pages.colour, main_label=pages.main_label,
                       colours=label_colours(), urlencode=urlencode,
                       walk_limit=f"{pages.GRAPH_WALK_LIMIT:,}", FACTS_SHOWN=FACTS_SHOWN, value=markup.value,
                       badge=markup.badge, table=markup.table, records=markup.records)
    env.filters["safe_url"] = safe_url
    return env


def safe_url(value: Any) -> str:
    """A link target only for http(s) URLs: a stored ``javascript:`` or ``data:`` URL is shown as text, not linked."""
    text = str(value or "").strip()
    return text if urlsplit(text).scheme.lower() in ("http", "https") and " " not in text else ""


class SecurityHeaders:
    """Headers on every response: scripts from this server only, no framing, no referrer to other sites (a
    same-site POST keeps its Origin header for the check below), no sniffing."""

    HEADERS = ((b"content-security-policy",
                b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
               (b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
               (b"referrer-policy", b"same-origin"))

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(config: WebConfig) -> Starlette:
    """The web view over ``config.store``."""
    state = State(config)
    templates = Jinja2Templates(env=_environment())
    cytoscape = assets.cytoscape_path()

    def page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
        context.setdefault("title", "")
        context.update(csrf_token=config.csrf_token, has_cytoscape=cytoscape is not None,
                       store=config.store.describe())
        return templates.TemplateResponse(request, template, context, status_code=status)

    def failed(request: Request, message: str, status: int) -> Response:
        return page(request, "error.html", status, title="error", message=message)

    def guarded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        """A bad parameter is a 400 page with the one-line reason; a store error a 503; never a traceback."""

        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except UserError as exc:
                return failed(request, " ".join(str(exc).split()), 400)
            except ArmsgraphError as exc:
                return failed(request, " ".join(str(exc).split()), 503)

        return run

    async def home(request: Request) -> Response:
        return page(request, "home.html", title="armsgraph", home=pages.home(state.store),
                    queries=list(load_catalogue().values()))

    async def search(request: Request) -> Response:
        text = request.query_params.get("q", "")
        hits = pages.search(state.store, state.names, text, table=state.name_table("entity")) if text.strip() else []
        return page(request, "search.html", title=f"search {text}" if text else "search", q=text, search_q=text,
                    hits=hits)

    async def api_names(request: Request) -> Response:
        kind = request.query_params.get("kind", "entity")
        if kind not in KINDS:
            return JSONResponse({"error": f"unknown kind {kind!r}"}, status_code=400)
        text = request.query_params.get("q", "")
        table = state.name_table(kind)
        hits = pages.search(state.store, state.names, text, limit=12, table=table) if text.strip() else []
        return JSONResponse([{"id": h.id, "name": h.name, "label": h.label} for h in hits if h.id in table])

    async def query(request: Request) -> Response:
        name = request.path_params["name"]
        fmt = "html"
        stem, dot, suffix = name.rpartition(".")
        if dot and suffix in DOWNLOADS:
            name, fmt = stem, suffix
        q = load_catalogue().get(name)
        if q is None:
            return _download_error(fmt, f"no query named {name!r}", 404) if fmt != "html" else \
                failed(request, f"no query named {name!r}", 404)
        declared = {p.name for p in q.params}
        raw = {k: v for k, v in request.query_params.items() if k in declared and (v.strip() or _required(q, k))}
        unknown = sorted(set(request.query_params) - declared)
        missing = [p.name for p in q.params if p.required and not raw.get(p.name, "").strip()]
        error, result, bound = None, None, None
        if unknown:
            error = f"{q.name} has no parameter {unknown[0]!r} (parameters: {', '.join(declared) or 'none'})"
        elif not missing or fmt != "html":
            try:
                bound = q.bind(raw, state.names)
                result = q.run(state.store, raw, state.names)
            except UserError as exc:
                error = " ".join(str(exc).split())
        if fmt != "html":
            if error is not None or result is None:
                return _download_error(fmt, error or "no result", 400)
            return _download(result, fmt)
        graph = None
        if result is not None and bound is not None and cytoscape is not None:
            anchors = pages.result_ids([[bound[p.name] for p in q.params if p.kind is not None]])
            graph = pages.drawing(state.store, pages.result_ids(result.rows, anchors), anchors)
        links = {f: f"/query/{q.name}.{f}" + (f"?{urlencode(raw)}" if raw else "") for f in DOWNLOADS}
        return page(request, "query.html", 400 if error else 200, title=q.name, q=q, raw=raw, error=error,
                    result=result, missing=missing, links=links, graph=graph,
                    browser=_browser_text(q, bound) if bound is not None else None)

    async def entity(request: Request) -> Response:
        node_id = request.path_params["id"]
        found = pages.entity(state.store, state.names, node_id)
        if found is None:
            return failed(request, f"the graph has no node {node_id!r}", 404)
        if found.label == "Document":
            return RedirectResponse(pages.href(node_id), status_code=303)
        rows = source_rows(state.store, state.files, {str(p["document"]): list(p["locators"] or [])
                                                      for p in found.provenance if not p.get("quotes")})
        return page(request, "entity.html", title=found.caption, e=found, rows=rows)

    async def document_page(request: Request) -> Response:
        doc_id = request.path_params["id"]
        found = document(state.store, state.names, doc_id, state.files, state.extractions)
        if found is None:
            return failed(request, f"the graph has no document {doc_id!r}", 404)
        kinds = sorted({f.kind for f in found.facts})
        return page(request, "document.html", title=str(found.props.get("title") or found.props.get("path") or doc_id),
                    d=found, kinds=kinds)

    def where() -> Where:
        return Where(config.data_dir, state.names)

    async def review(request: Request) -> Response:
        """Every queue; one that costs a pass over the graph (``on_demand``) only on its own page."""
        name = request.path_params.get("queue")
        if name is not None and name not in QUEUES:
            return failed(request, f"no review queue {name!r}", 404)
        queues = []
        for queue in QUEUES.values():
            if name is not None and queue.name != name:
                continue
            why_not = queue.available(where())
            shown = name is not None or not queue.on_demand
            rows = queue.rows(where(), REVIEW_LIMIT) if shown and not why_not else []
            queues.append((queue, why_not, rows, shown))
        return page(request, "review.html", title="review", queues=queues, done=request.query_params.get("done", ""),
                    problem=request.query_params.get("problem", ""))

    async def review_post(request: Request) -> Response:
        if not _same_origin(request):
            return PlainTextResponse("cross-origin request refused", status_code=403)
        form = await request.form()
        token = str(form.get("csrf_token", ""))
        if not hmac.compare_digest(token.encode(), config.csrf_token.encode()):
            return PlainTextResponse("missing or wrong CSRF token: reload the review page", status_code=403)
        queue = QUEUES.get(request.path_params["queue"])
        if queue is None:
            return PlainTextResponse("no such review queue", status_code=404)
        decision = str(form.get("decision", ""))
        back = f"/review/{queue.name}?" if queue.on_demand else "/review?"
        try:
            done = queue.judge(where(), str(form.get("key", "")), decision, str(form.get("answer", "")),
                               str(form.get("context", "")), str(form.get("note", "")))
        except UserError as exc:
            return RedirectResponse(back + urlencode({"problem": " ".join(str(exc).split())}), status_code=303)
        return RedirectResponse(back + urlencode({"done": done}), status_code=303)

    async def cypher(request: Request) -> Response:
        text = request.query_params.get("q", "")
        error, columns, rows, total = None, [], [], 0
        if text.strip():
            used = sorted(set(_USED.findall(text)))
            if used:
                error = f"the statement uses ${used[0]}: write values into an ad-hoc statement here " \
                        "('armsgraph cypher --param' takes parameters)"
            else:
                try:  # read-only, as 'armsgraph cypher' without --write: the store refuses a statement that writes
                    result = state.store.run(Cypher(text), {}, write=False)
                    columns, rows, total = result.columns, result.rows[:CYPHER_ROWS], len(result.rows)
                except ArmsgraphError as exc:
                    error = "refused or failed (this view only reads): " + " ".join(str(exc).split())
        return page(request, "cypher.html", 400 if error else 200, title="cypher", q=text, error=error,
                    columns=columns, rows=rows, total=total, shown=CYPHER_ROWS)

    async def vendor_cytoscape(request: Request) -> Response:
        if cytoscape is None:
            return PlainTextResponse("cytoscape.js is not installed: run 'npm ci' (or 'make web-assets')",
                                     status_code=404)
        return FileResponse(cytoscape, media_type="text/javascript")

    routes = [
        Route("/", guarded(home)),
        Route("/search", guarded(search)),
        Route("/api/names", guarded(api_names)),
        Route("/query/{name}", guarded(query)),
        Route("/entity/{id:path}", guarded(entity)),
        Route("/document/{id:path}", guarded(document_page)),
        Route("/review", guarded(review)),
        Route("/review/{queue}", guarded(review), methods=["GET"]),
        Route("/review/{queue}", guarded(review_post), methods=["POST"]),
        Route("/cypher", guarded(cypher)),
        Route(f"/vendor/{assets.CYTOSCAPE}", vendor_cytoscape),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", StaticFiles(directory=str(assets.STATIC)), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=config.allowed_hosts),
                  Middleware(SecurityHeaders)]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.web = state
    return app


def _required(q: CannedQuery, name: str) -> bool:
    return any(p.name == name and p.required for p in q.params)


def _browser_text(q: CannedQuery, bound: dict[str, Any]) -> str:
    """The query as Neo4j Browser runs it with these values: ``:param`` lines (names resolved to ids), the Cypher."""
    head = [f"// {q.name}: {q.description}"]
    lines = [f":param {p.name} => {literal(bound[p.name])};" for p in q.params]
    return "\n".join([*head, *lines, q.cypher.rstrip().rstrip(";") + ";"]) + "\n"


def _download(result: CatalogueResult, fmt: str) -> Response:
    renderer = RENDERERS[fmt]
    out = io.StringIO()
    renderer.render(result.columns, result.rows, out)
    headers = {"x-armsgraph-truncated": "true"} if result.truncated else {}
    return Response(out.getvalue(), media_type=renderer.media_type, headers=headers)


def _download_error(fmt: str, message: str, status: int) -> Response:
    if fmt == "json":
        return JSONResponse({"error": message}, status_code=status)
    return PlainTextResponse(message + "\n", status_code=status)


def _same_origin(request: Request) -> bool:
    """A POST whose Origin (or Referer) names another site is refused, whatever token it carries."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")
