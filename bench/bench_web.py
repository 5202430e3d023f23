"""The web view's pages at scale: median time per page over the shared data plus a generated SIPRI register.

    .venv/bin/python bench/bench_web.py [--deals 42000] [--repeat 15]

The shared data (seed file, news, statements, SIPRI excerpts) and a generated classic-format register of
``--deals`` deals (bench_sipri's generator: SIPRI's full register by default; ``--deals 1000000`` for the 1M case)
are loaded into a fresh embedded store; then every page is requested ``--repeat`` times through Starlette's test
client (in process: the server's own time, no socket), and the median is shown against the baseline, a static
file from the same app. Targets (issue 15): every page's median under 100 ms at the full register, under 300 ms
at 1M transfers.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from bench_sipri import generate
from rich.console import Console
from rich.table import Table

from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Cypher
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.graph.web import WebConfig, create_app

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its test client; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "data"
RT = "rt-2023-07-antonov-cluster-munitions.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deals", type=int, default=42_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        root = Path(tmp)
        register = root / f"classic-{args.deals}.csv"
        generate(register, args.deals)
        server = EmbeddedServer(root / "data")
        server.start()
        try:
            store = FalkorStore(server, graph_name="bench")
            started = time.perf_counter()
            load_paths(store, [REPO / "examples" / "seed-entities.jsonl", SHARED / "news", SHARED / "statements",
                               SHARED / "sipri", register], note=None)
            console.print(f"loaded in {time.perf_counter() - started:.1f} s")
            doc = store.run(Cypher("MATCH (d:Document {path: $path}) RETURN d.id"), {"path": RT}).scalar()
            transfer = store.run(Cypher("MATCH (t:Transfer) WHERE t.sipri_id IS NOT NULL RETURN t.id LIMIT 1")).scalar()
            client = TestClient(create_app(WebConfig(store=store, data_dir=None, docs=[SHARED.resolve()],
                                                     allowed_hosts=["testserver"])))
            pages = {
                "static file (baseline)": "/static/app.css",
                "home": "/",
                "search Antonov": "/search?q=Antonov",
                "names api Ukr": "/api/names?kind=country&q=Ukr",
                "query top-suppliers (Ukraine)": "/query/top-suppliers-of-recipient?recipient=Ukraine",
                "query top-suppliers .csv": "/query/top-suppliers-of-recipient.csv?recipient=Ukraine",
                "entity person": "/entity/person:anatoly-antonov",
                "entity country USA": "/entity/country:USA",
                "entity SIPRI transfer": f"/entity/{transfer}",
                "document RT article": f"/document/{doc}",
                "cypher": "/cypher?q=MATCH+(c:Country)+RETURN+c.name+LIMIT+5",
            }
            table = Table(title=f"web pages over the shared data + a {args.deals:,}-deal register "
                                f"(median of {args.repeat})")
            for column in ("page", "median ms", "vs baseline", "status"):
                table.add_column(column, justify="left" if column == "page" else "right")
            baseline = None
            for name, url in pages.items():
                t0 = time.perf_counter()
                first = client.get(url)  # a first request fills caches (names, extraction)
                status = first.status_code
                if status != 200:  # a page the store cannot answer in time: its one try, and why
                    reason = re.findall(r'role="alert">(.*?)<', first.text)
                    table.add_row(name, f"{(time.perf_counter() - t0) * 1000:.0f} (1 try)", "",
                                  f"{status}: {reason[0][:60] if reason else ''}")
                    continue
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    client.get(url)
                    times.append(time.perf_counter() - t0)
                median = statistics.median(times) * 1000
                baseline = baseline or median
                table.add_row(name, f"{median:.1f}", f"{median / baseline:.1f}x", str(status))
            console.print(table)
            store.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
