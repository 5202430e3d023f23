"""The graph shape as Markdown, generated from the model so the docs cannot drift from the code."""

from __future__ import annotations

from typing import Any

from armsgraph.schema.model import NODE_TYPES, RELATION_TYPES, Caption


def _type_name(annotation: Any) -> str:
    text = str(annotation).replace("typing.", "")
    for noise in ("<class '", "'>"):
        text = text.replace(noise, "")
    return text


PROVENANCE_PROPERTIES = ("locators", "rules", "loaders", "loader_versions", "citations", "quotes", "evidence")
"""The lists of a SOURCED_FROM edge (graph/writer.py writes them)."""


def _caption(caption: Caption) -> str:
    """A caption as a person reads it: `{supplier.iso3|name} → {TO.iso3|name} · …`."""
    out = []
    for part in caption.parts:
        where = "" if part.via is None else (f"<-{part.via}." if part.incoming else f"{part.via}.")
        cut = f"[:{part.chars}]" if part.chars else ""
        fields = " or ".join(part.fields)
        out.append(f"{part.before}{{{where}{fields}{cut}}}")
    return "`" + "".join(out) + "`"


def graph_shape_markdown() -> str:
    lines = [
        "# Graph shape",
        "",
        "Generated from `schema/` by `make docs` (tools/gen_docs.py); do not edit by hand.",
        "Every node has a unique, deterministic `id` (`<prefix>:<key>`), a `caption` (the label's caption below,",
        "written by the writer) and one `SOURCED_FROM` edge per document it was read from (its places as lists);",
        "every relationship carries `documents` (Document ids: one hop to its sources) and `evidence`",
        "(`<document id>#<locator>@<loader>/<version>`). Dates are ISO strings (YYYY, YYYY-MM or YYYY-MM-DD).",
        "",
        "## Nodes",
        "",
        "| label | id prefix | extra labels | indexed | caption | properties | what it is |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, cls in NODE_TYPES.items():
        props = ", ".join(f"`{name}`" for name in cls.model_fields if name != "id")
        lines.append(f"| `{label}` | `{cls.prefix}:` | {', '.join(cls.extra_labels) or ''} | "
                     f"{', '.join(cls.indexed)} | {_caption(cls.caption)} | {props} | {cls.summary} |")
    lines += ["", "## Relationships", "", "| pattern | properties | what it is |", "|---|---|---|"]
    for rel in RELATION_TYPES:
        src = "\\|".join(c.label for c in rel.sources) if len(rel.sources) < 6 else "any"
        dst = "\\|".join(c.label for c in rel.targets) if len(rel.targets) < 6 else "any"
        props = ", ".join(f"`{n}`" for n in rel.model_fields if n not in ("src", "dst"))
        lines.append(f"| `({src})-[:{rel.type}]->({dst})` | {props} | {rel.summary} |")
    provenance = ", ".join(f"`{n}`" for n in PROVENANCE_PROPERTIES)
    lines.append(f"| `(any)-[:SOURCED_FROM]->(Document)` | {provenance} | Provenance, written by the writer with "
                 "every node (never loaded as a fact): one edge per node and document, every place (`L12`, "
                 "`L12-13`, `c100-140`), rule, citation and quoted sentence once; `evidence` "
                 "(`<locator>@<loader>/<version>`) says which loader read which place. |")
    return "\n".join(lines) + "\n"
