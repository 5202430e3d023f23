"""CSV files for ``neo4j-admin database import full``: one nodes file per label, one relationships file per type.

Headers follow the import tool's format: ``id:ID`` (stored as the ``id`` property; one id space, as armsgraph
ids are unique across labels), ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, and ``name:type`` columns
with ``long``, ``double``, ``boolean``, ``string`` and their ``[]`` arrays (64-bit, like Cypher's INTEGER and
FLOAT: ``int``/``float`` would be 32-bit). Strings are always quoted (``""`` inside), so an empty string stays
an empty string and an empty field is no property; a field may hold line breaks (``--multiline-fields``).
Arrays join their elements with the array delimiter: ``;`` unless an element contains one, then U+001F.
An empty list is written as no property (neo4j-admin has no empty-array literal; armsgraph's queries read an
absent list as empty). ``import.sh`` holds the exact command; ``constraints.cypher`` the schema to apply after.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any, TextIO

from armsgraph.graph.export.cypher_script import constraint_statements
from armsgraph.graph.export.read import GraphNode, GraphRelationship
from armsgraph.graph.export.sink import Sink
from armsgraph.graph.export.spool import Spool
from armsgraph.graph.export.values import ColumnTypes

ARRAY_DELIMITER = ";"
FALLBACK_DELIMITER = "\x1f"
_SAFE = re.compile(r"[^A-Za-z0-9_-]")


def _file_part(name: str) -> str:
    return _SAFE.sub("_", name)


def header_name(key: str) -> str:
    """A property name in a header: ``:`` and ``,`` would be read as syntax, so such names are refused."""
    if not key or any(c in key for c in ':,"\n\r'):
        raise ValueError(f"property name {key!r} cannot be a neo4j-admin CSV column")
    return key


def field(value: Any, kind: str, delimiter: str) -> str:
    """One CSV field for a value of column type ``kind``."""
    if value is None or value == []:
        return ""
    if kind.endswith("[]"):
        items = value if isinstance(value, list) else [value]
        return quote(delimiter.join(scalar(v, kind[:-2]) for v in items))
    if kind == "string":
        return quote(value if isinstance(value, str) else scalar(value, "string"))
    return scalar(value, kind)


def scalar(value: Any, kind: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if kind == "string" and not isinstance(value, str):  # a list or map in a text column: its JSON
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class Neo4jAdminSink(Sink):
    """Writes ``OUT/`` (a directory): ``nodes-LABEL.csv``, ``relationships-TYPE.csv``, ``import.sh``."""

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        out.mkdir(parents=True, exist_ok=True)
        self.spool = Spool()
        self.columns: dict[str, ColumnTypes] = {}
        self.delimiter_clash = False

    def _note(self, group: str, props: dict[str, Any]) -> None:
        self.columns.setdefault(group, ColumnTypes()).add(props)
        for value in props.values():
            if isinstance(value, list) and any(isinstance(v, str) and ARRAY_DELIMITER in v for v in value):
                self.delimiter_clash = True

    def node(self, node: GraphNode) -> None:
        self.nodes += 1
        group = f"nodes-{_file_part(node.label)}"
        props = {k: v for k, v in node.properties.items() if k != "id"}
        self._note(group, props)
        self.spool.write(group, [node.id, list(node.labels), props])

    def relationship(self, rel: GraphRelationship) -> None:
        self.relationships += 1
        group = f"relationships-{_file_part(rel.type)}"
        self._note(group, rel.properties)
        self.spool.write(group, [rel.start, rel.end, rel.type, rel.properties])

    @property
    def delimiter(self) -> str:
        return FALLBACK_DELIMITER if self.delimiter_clash else ARRAY_DELIMITER

    def _write(self, group: str) -> Path:
        path = self.out / f"{group}.csv"
        types = self.columns[group].resolved()
        keys = list(types)
        nodes = group.startswith("nodes-")
        fixed = ["id:ID", ":LABEL"] if nodes else [":START_ID", ":END_ID", ":TYPE"]
        columns = fixed + [f"{header_name(k)}:{types[k]}" for k in keys]
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(",".join(columns) + "\n")
            for row in self.spool.read(group):
                self._row(out, row, keys, types, nodes)
        return path

    def _row(self, out: TextIO, row: list[Any], keys: list[str], types: dict[str, str], nodes: bool) -> None:
        if nodes:
            node_id, labels, props = row
            head = [quote(node_id), quote(self.delimiter.join(labels))]
        else:
            start, end, rel_type, props = row
            head = [quote(start), quote(end), quote(rel_type)]
        out.write(",".join(head + [field(props.get(k), types[k], self.delimiter) for k in keys]) + "\n")

    def command(self, files: list[Path], database: str = "neo4j", admin: str = "neo4j-admin") -> list[str]:
        """The import command for these files, run in their directory."""
        delimiter = "U+001F" if self.delimiter_clash else ARRAY_DELIMITER
        args = [admin, "database", "import", "full", database, "--overwrite-destination=true",
                f"--array-delimiter={shlex.quote(delimiter)}", "--multiline-fields=true", "--id-type=string"]
        for path in files:
            flag = "--nodes" if path.name.startswith("nodes-") else "--relationships"
            args.append(f"{flag}={shlex.quote(path.name)}")
        return args

    def close(self) -> list[Path]:
        files = [self._write(group) for group in sorted(self.spool.groups(),
                                                        key=lambda g: (not g.startswith("nodes-"), g))]
        self.spool.close()
        constraints = self.out / "constraints.cypher"
        constraints.write_text("".join(ddl + ";\n" for ddl in constraint_statements()), encoding="utf-8")
        script = self.out / "import.sh"
        command = " \\\n  ".join(self.command(files, '"${1:-neo4j}"', '"${NEO4J_ADMIN:-neo4j-admin}"'))
        script.write_text(
            "#!/bin/sh\n"
            "# Import this export into a new or empty Neo4j 5 database: ./import.sh [DATABASE]\n"
            "# Run it as the DBMS user with the database stopped; NEO4J_ADMIN names the server's neo4j-admin.\n"
            "# Then start the database and apply the schema: cypher-shell -d DATABASE -f constraints.cypher\n"
            "set -e\n"
            'cd "$(dirname "$0")"\n'
            + command + "\n",
            encoding="utf-8")
        script.chmod(0o755)
        return [*files, constraints, script]
