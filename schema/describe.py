"""The graph shape as Markdown, generated from the model so the docs cannot drift from the code."""

from __future__ import annotations

from typing import Any

from armsgraph.schema.model import NODE_TYPES, RELATION_TYPES, Provenance


def _type_name(annotation: Any) -> str:
    text = str(annotation).replace("typing.", "")
    for noise in ("<class '", "'>"):
        text = text.replace(noise, "")
    return text


def graph_shape_markdown() -> str:
    lines = [
        "# Graph shape",
        "",
        "Generated from `schema/` by `make docs` (tools/gen_docs.py); do not edit by hand.",
        "Every node has a unique, deterministic `id` (`<prefix>:<key>`) and a `SOURCED_FROM` edge per place it",
        "was read from; every relationship carries `documents` (Document ids: one hop to its sources) and",
        "`evidence` (`<document id>#<locator>@<loader>`). Dates are ISO strings (YYYY, YYYY-MM or YYYY-MM-DD).",
        "",
        "## Nodes",
        "",
        "| label | id prefix | extra labels | indexed | properties | what it is |",
        "|---|---|---|---|---|---|",
    ]
    for label, cls in NODE_TYPES.items():
        props = ", ".join(f"`{name}`" for name in cls.model_fields if name != "id")
        lines.append(f"| `{label}` | `{cls.prefix}:` | {', '.join(cls.extra_labels) or ''} | "
                     f"{', '.join(cls.indexed)} | {props} | {cls.summary} |")
    lines += ["", "## Relationships", "", "| pattern | properties | what it is |", "|---|---|---|"]
    for rel in RELATION_TYPES:
        src = "\\|".join(c.label for c in rel.sources) if len(rel.sources) < 6 else "any"
        dst = "\\|".join(c.label for c in rel.targets) if len(rel.targets) < 6 else "any"
        props = ", ".join(f"`{n}`" for n in rel.model_fields if n not in ("src", "dst"))
        lines.append(f"| `({src})-[:{rel.type}]->({dst})` | {props} | {rel.summary} |")
    provenance = ", ".join(f"`{n}`" for n in ("locator", *Provenance.model_fields) if n != "document_id")
    lines.append(f"| `(any)-[:SOURCED_FROM]->(Document)` | {provenance} | Provenance, written by the writer with "
                 "every node (never loaded as a fact): one edge per place. |")
    return "\n".join(lines) + "\n"
