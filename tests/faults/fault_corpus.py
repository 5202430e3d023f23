"""A malformed-file corpus over every loader, generated at test time (synthetic rows only, no SIPRI data).

Each :class:`Case` is one file: a few known good records around one bad one (or a file broken as a whole), the
loader that must read it, and the graph patterns of the good records that must be in the graph afterwards.
Why generated: the faults are combinations (a fault x a format), and a generator keeps them readable and
small; :func:`write_corpus` writes them all to a directory for the CLI test.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

Check = tuple[str, dict[str, object]]
"""A Cypher pattern returning one count that must be at least 1 after the load, with its parameters."""


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    loader: str | None
    """The loader named for it, or None: picked by sniffing."""
    good: tuple[Check, ...] = ()
    """Good records that must load whatever the rest of the file holds."""
    whole: bool = False
    """The file is refused as a whole (nothing of it may be visible in the graph)."""
    bad_line: int | None = None
    """The physical line of the bad record, which a report must name (when the fault must be reported)."""
    fields: frozenset[str] = field(default_factory=frozenset)
    """Where a field is known, the report on ``bad_line`` names one of these."""


HOSTILE = {
    "cypher": "Norway'}) MATCH (n) DETACH DELETE n //",
    "script": "<script>alert(1)</script>",
    "quotes": "No\"r'way`",
    "unknown": "Atlantis",
}
NUMBERS = {"superscript": "2\u00b2", "negative": "-3", "plus": "+3", "underscore": "1_000",
           "arabic-indic": "\u0663", "int64": "99999999999999999999", "nan": "NaN", "exponent": "1e5"}
DATES = {"year-9999": "9999", "date-99": "9999-99-99", "date-00": "0000-99-99", "year-q": "19??",
         "superscript-year": "20\u00b20"}
TEXT = {"huge": "x" * 140_000, "cr": "a\rb", "nul": "a\x00b"}


# -- CSV formats: a good row, a way to put a value into one of its columns ---------------------------------


@dataclass(frozen=True)
class CsvFormat:
    kind: str
    loader: str
    header: list[str]
    preamble: list[str]
    rows: Callable[[int], list[str]]
    """The cells of good row ``i``."""
    check: Callable[[int], Check]
    columns: dict[str, int]
    """Fault class (number, date, text, name) -> the column it goes into."""
    reports: frozenset[str]
    """Fault classes the loader must report (others may load, e.g. a hostile but well-formed name)."""
    suffix: str = ".csv"
    utf16_loads: bool = False

    def text(self, rows: list[str], end: str = "\n") -> str:
        return end.join([*self.preamble, ",".join(self.header), *rows]) + end

    @property
    def first(self) -> int:
        """Physical line of the first record."""
        return len(self.preamble) + 2


CLASSIC_HEADER = ["Recipient", "Supplier", "Year of order", " ", "Number ordered", " ", "Weapon designation",
                  "Weapon description", "Number delivered", " ", "Year(s) of delivery", "status", "Comments",
                  "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons"]
TRANSFERS_HEADER = ["SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Description",
                    "Armament category", "Order date", "Order date is estimate", "Numbers delivered",
                    "Numbers delivered is estimate", "Delivery year", "Delivery year is estimate", "Status",
                    "SIPRI estimate", "TIV deal unit", "TIV delivery values", "Local production"]
PREAMBLE = ["Transfers of major conventional arms (synthetic fault corpus).", "",
            "Source: synthetic rows written by the armsgraph fault tests.", "Data generated: 1 Feb 2024 9:05:00 AM"]

FORMATS = [
    CsvFormat(
        "classic", "sipri", CLASSIC_HEADER, PREAMBLE,
        rows=lambda i: ["Norway", "Germany", "2020", "", "10", "", f"Faultgun {i}", "self-propelled gun", "10", "",
                        "2021; 2022", "New", f"good-{i}", "1.5", "15", "15"],
        check=lambda i: ("MATCH (r:Report {comments: $c}) RETURN count(r)", {"c": f"good-{i}"}),
        columns={"number": 8, "date": 2, "text": 12, "name": 1},
        reports=frozenset({"number", "date", "text"}), utf16_loads=True),
    CsvFormat(
        "transfers", "sipri", TRANSFERS_HEADER, PREAMBLE,
        rows=lambda i: [str(90000 + i), "France", "Chile", f"Faultjet {i}", "FGA aircraft", "Aircraft", "2019", "No",
                        "2", "No", "2021", "No", "New", "1.5", "1.5", "3", "No"],
        check=lambda i: ("MATCH (r:Report {sipri_id: $d}) RETURN count(r)", {"d": str(90000 + i)}),
        columns={"number": 8, "date": 10, "text": 4, "name": 1},
        reports=frozenset({"number", "date", "text"}), utf16_loads=True),
    CsvFormat(
        "treaty", "treaty-table", ["treaty", "state", "signed", "ratified", "source"], [],
        rows=lambda i: ["ccm", ["France", "Norway", "Spain"][i], "2008-12-03", "2009-09-25", f"good-{i}"],
        check=lambda i: ("MATCH (:Country {iso3: $c})-[p:PARTY_TO]->(:Treaty) RETURN count(p)",
                         {"c": ["FRA", "NOR", "ESP"][i]}),
        columns={"date": 3, "text": 4, "name": 1, "number": 2},
        reports=frozenset({"number", "date", "text", "name"})),
    CsvFormat(
        "factbook", "regime-table", ["gec", "short", "long", "member_NATO"], [],
        rows=lambda i: [["FR", "NO", "SP"][i], ["France", "Norway", "Spain"][i],
                        ["French Republic", "Kingdom of Norway", "Kingdom of Spain"][i], "NATO"],
        check=lambda i: ("MATCH (:Country {iso3: $c})-[m:MEMBER_OF]->(:Organization) RETURN count(m)",
                         {"c": ["FRA", "NOR", "ESP"][i]}),
        columns={"text": 3, "name": 1},
        reports=frozenset({"text"})),
]


def _csv_cases(f: CsvFormat) -> Iterator[Case]:
    good = [",".join(f.rows(i)) for i in range(3)]
    checks = (f.check(0), f.check(2))
    bad_at = f.first + 1

    def with_bad(tag: str, bad: str, *, reported: bool, fields: frozenset[str] = frozenset()) -> Case:
        return Case(f"{f.kind}-{tag}{f.suffix}", f.text([good[0], bad, good[2]]).encode("utf-8"), f.loader, checks,
                    bad_line=bad_at if reported else None, fields=fields)

    for fault, values in (("number", NUMBERS), ("date", DATES), ("text", TEXT), ("name", HOSTILE)):
        if fault not in f.columns:
            continue
        column = f.columns[fault]
        for tag, value in values.items():
            cells = f.rows(1)
            cells[column] = value
            reported = fault in f.reports and (fault != "name" or tag == "unknown")  # others may resolve fuzzily
            yield with_bad(f"{fault}-{tag}", ",".join(cells), reported=reported,
                           fields=frozenset({f.header[column].strip() or "", f.header[column].lower()}))
    yield with_bad("too-many-fields", good[1] + ",extra,cells", reported=f.kind != "factbook")
    yield with_bad("too-few-fields", ",".join(f.rows(1)[:2]), reported=f.kind != "factbook")
    duplicate = with_bad("duplicate", good[0], reported=f.kind not in ("classic", "factbook"))
    # a transfers deal with two rows for one delivery year is rejected whole (docs/sipri.md): only row 2 is good
    yield duplicate if f.kind != "transfers" else Case(duplicate.name, duplicate.data, f.loader, (f.check(2),),
                                                        bad_line=duplicate.bad_line)
    latin1 = ",".join(f.rows(1)).replace(f.rows(1)[1], "Norw\u00e9gia").encode("latin-1")
    yield Case(f"{f.kind}-latin1-line{f.suffix}", f.text([good[0]]).encode() + latin1 + f"\n{good[2]}\n".encode(),
               f.loader, checks, bad_line=None if f.loader == "sipri" else bad_at)  # SIPRI reads cp1252
    text = f.text(good)
    yield Case(f"{f.kind}-empty{f.suffix}", b"", f.loader, whole=True)
    yield Case(f"{f.kind}-blank{f.suffix}", b" \n\n \n", f.loader, whole=True)
    yield Case(f"{f.kind}-header-only{f.suffix}", f.text([]).encode(), f.loader,
               whole=f.loader == "sipri")
    yield Case(f"{f.kind}-truncated{f.suffix}", (text + good[1][: len(good[1]) // 2]).encode(), f.loader,
               (f.check(0), f.check(2)))
    yield Case(f"{f.kind}-crlf-semicolon{f.suffix}", f.text(good, end=";\r\n").encode(), f.loader,
               (f.check(0),) if f.loader == "sipri" else ())
    yield Case(f"{f.kind}-cr-only{f.suffix}", f.text(good, end="\r").encode(), f.loader, checks)
    yield Case(f"{f.kind}-utf16-bom{f.suffix}", text.encode("utf-16"), f.loader,
               checks if f.utf16_loads else (), whole=not f.utf16_loads)
    yield Case(f"{f.kind}-utf16-no-bom{f.suffix}", text.encode("utf-16-le"), f.loader,
               checks if f.utf16_loads else (), whole=not f.utf16_loads)
    yield Case(f"{f.kind}-latin1-file{f.suffix}", text.replace("Norway", "Norw\u00e9gia").encode("latin-1"),
               f.loader, checks)
    yield Case(f"{f.kind}-bom-then-garbage{f.suffix}", b"\xef\xbb\xbf" + text.encode() + b"\xff\xfe\x80",
               f.loader, () if f.loader == "sipri" else checks)
    yield Case(f"{f.kind}-binary{f.suffix}", random.Random(f.kind).randbytes(4096), f.loader, whole=True)
    # SIPRI splits its header on ',' (the CR is blank space); a table's csv header is unreadable: refused
    yield Case(f"{f.kind}-cr-in-header-sniffed{f.suffix}", f.text(good).replace(",", ",\r", 1).encode(), None,
               checks if f.loader == "sipri" else (), whole=f.loader != "sipri")


# -- curated JSON Lines ---------------------------------------------------------------------------------------

GOOD_CURATED = [
    {"type": "Country", "iso3": "FRA", "name": "France", "source": "faults"},
    {"type": "Country", "iso3": "NOR", "name": "Norway", "source": "faults"},
]
CURATED_CHECKS = tuple(("MATCH (c:Country {iso3: $c}) RETURN count(c)", {"c": c}) for c in ("FRA", "NOR"))


REPORT = '{"type":"Report","supplier":"country:FRA","recipient":"country:NOR",'
"""A curated Report line (a deal is loaded as a Report) with everything it needs but the value under test."""


def _curated_cases() -> Iterator[Case]:
    first, last = (json.dumps(r) for r in GOOD_CURATED)
    bad_lines: dict[str, tuple[str, frozenset[str]]] = {
        "nan": (REPORT + '"key":"f1","tiv_unit":NaN,"source":"s"}', frozenset()),
        "infinity": (REPORT + '"key":"f2","tiv_unit":Infinity,"source":"s"}', frozenset()),
        "minus-infinity": (REPORT + '"key":"f3","tiv_unit":-Infinity,"source":"s"}', frozenset()),
        "overflow-float": (REPORT + '"key":"f4","tiv_unit":1e999,"source":"s"}', frozenset({"tiv_unit"})),
        "int64": (REPORT + '"key":"f5","number_ordered":99999999999999999999,"source":"s"}',
                  frozenset({"number_ordered"})),
        "long-number": (REPORT + '"key":"f6","number_ordered":' + "9" * 5000 + ',"source":"s"}',
                        frozenset()),
        "nul-raw": ('{"type":"Person","name":"Ev\x00il","source":"s"}', frozenset()),
        "nul-escaped": ('{"type":"Person","name":"Ev\\u0000il","source":"s"}', frozenset({"name"})),
        "lone-surrogate": ('{"type":"Person","name":"Ev\\ud800il","source":"s"}', frozenset({"name"})),
        "deep-array": ("[" * 100_000 + "]" * 100_000, frozenset()),
        "deep-object": ('{"a":' * 50_000 + "1" + "}" * 50_000, frozenset()),
        "truncated": ('{"type":"Country","iso3":"DEU","name":"Germ', frozenset()),
        "array": ('["Country","DEU"]', frozenset()),
        "missing-type": ('{"iso3":"DEU","name":"Germany","source":"s"}', frozenset({"type"})),
        "missing-source": ('{"type":"Country","iso3":"DEU","name":"Germany"}', frozenset({"source"})),
        "unknown-type": ('{"type":"Spaceship","name":"x","source":"s"}', frozenset({"type"})),
        "unknown-country": ('{"type":"Country","iso3":"ATL","name":"Atlantis","source":"s"}', frozenset({"iso3"})),
        "date-99": ('{"type":"PARTY_TO","src":"country:FRA","dst":"treaty:ccm","signed":"9999-99-99","source":"s"}',
                    frozenset({"signed"})),
        "date-00": ('{"type":"Treaty","key":"faketreaty","name":"Fake","adopted":"0000-99-99","source":"s"}',
                    frozenset({"adopted"})),
        "date-feb-30": ('{"type":"Treaty","key":"faketreaty","name":"Fake","adopted":"2020-02-30","source":"s"}',
                        frozenset({"adopted"})),
        "ratified-number": ('{"type":"PARTY_TO","src":"country:FRA","dst":"treaty:ccm","ratified":2009,'
                            '"source":"s"}', frozenset({"ratified"})),
        "duplicate": (first, frozenset({"id"})),
        # 200 KB in a property; a name that becomes an id this long is issue 11 item 1 (bounded ids)
        "huge-string": ('{"type":"Country","iso3":"DEU","name":"' + "y" * 200_000 + '","source":"s"}',
                        frozenset()),
        "bad-endpoint": ('{"type":"PARTY_TO","src":"country:FRA","dst":"country:NOR","source":"s"}', frozenset()),
    }
    for tag, (bad, fields) in bad_lines.items():
        yield Case(f"curated-{tag}.jsonl", f"{first}\n{bad}\n{last}\n".encode(), "curated", CURATED_CHECKS,
                   bad_line=None if tag == "huge-string" else 2, fields=fields)
    for tag, name in HOSTILE.items():  # hostile but well-formed: loads as the name it is, deletes nothing
        bad = json.dumps({"type": "Person", "name": name, "source": "s"})
        yield Case(f"curated-hostile-{tag}.jsonl", f"{first}\n{bad}\n{last}\n".encode(), "curated",
                   (*CURATED_CHECKS, ("MATCH (p:Person {name: $n}) RETURN count(p)", {"n": name})))
    text = f"{first}\n{last}\n"
    yield Case("curated-empty.jsonl", b"", "curated", whole=True)
    yield Case("curated-utf16.jsonl", text.encode("utf-16"), "curated", whole=True)
    yield Case("curated-utf16-no-bom.jsonl", text.encode("utf-16-le"), "curated", whole=True)
    yield Case("curated-latin1.jsonl", text.replace("Norway", "Norw\u00e9gen").encode("latin-1"), "curated",
               whole=True)
    yield Case("curated-cr-only.jsonl", text.replace("\n", "\r").encode(), "curated", CURATED_CHECKS)
    yield Case("curated-binary.jsonl", random.Random("curated").randbytes(2048), "curated", whole=True)


# -- documents and text (front matter, encodings) -----------------------------------------------------------

BODY = "Germany delivered ten Leopard 2 tanks to Norway in 2023, the ministry said.\n"
BOMB = "\n".join(["a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
                 + [f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)])


def _document_cases() -> Iterator[Case]:
    whole = {
        "alias-bomb": f"---\ntitle: x\n{BOMB}\n---\n{BODY}",
        "deep-yaml": "---\ntitle: " + "[" * 5000 + "]" * 5000 + f"\n---\n{BODY}",
        "invalid-yaml": f"---\ntitle: [unclosed\n---\n{BODY}",
        "not-a-mapping": f"---\n- a\n- b\n---\n{BODY}",
        "date-99": f"---\ntitle: x\ndate: 9999-99-99\n---\n{BODY}",
        "date-feb-30": f"---\ntitle: x\ndate: '2023-02-30'\n---\n{BODY}",
        "huge-front-matter": "---\ntitle: " + "z" * 70_000 + f"\n---\n{BODY}",
        "nul-in-title": f"---\ntitle: \"Ev\\0il\"\n---\n{BODY}",
        "python-tag": f"---\ntitle: !!python/object/apply:os.system ['true']\n---\n{BODY}",
    }
    loads = {
        "hostile-title": f"---\ntitle: \"{HOSTILE['cypher']} {HOSTILE['script']}\"\n---\n{BODY}",
        "unterminated-front-matter": f"---\ntitle: x\n{BODY}",
        "nul-in-body": f"---\ntitle: nul body\n---\n{BODY}\x00\x00{BODY}",
        "cr-only": f"---\r\ntitle: cr\r\n---\r\n{BODY}".replace("\n", "\r"),
    }
    for loader, suffix in (("document", ".md"), ("text", ".txt")):
        for tag, text in whole.items():
            yield Case(f"{loader}-{tag}{suffix}", text.encode(), loader, whole=True)
        for tag, text in loads.items():
            yield Case(f"{loader}-{tag}{suffix}", text.encode(), loader,
                       (("MATCH (d:Document {path: $p}) RETURN count(d)", {"p": f"{loader}-{tag}{suffix}"}),))
        for tag, data in (("utf16", (BODY * 3).encode("utf-16")), ("utf16-no-bom", (BODY * 3).encode("utf-16-le")),
                          ("latin1", ("Caf\u00e9 " + BODY).encode("latin-1"))):
            yield Case(f"{loader}-{tag}{suffix}", data, loader,
                       (("MATCH (d:Document {path: $p}) RETURN count(d)", {"p": f"{loader}-{tag}{suffix}"}),))
        yield Case(f"{loader}-empty{suffix}", b"", loader, whole=True)


# -- the EAR country-groups JSON ---------------------------------------------------------------------------------

EAR_GROUPS = ("A:1", "A:2", "A:3", "A:4", "D:5")
EAR_CHECKS = (("MATCH (:Country {iso3: 'FRA'})-[m:MEMBER_OF {source: 'ear'}]->() RETURN count(m)", {}),)


def _ear(members: list[object], issued: object = "2026-07-23") -> bytes:
    groups = {g: (["France", *members] if g == "A:1" else ["France"]) for g in EAR_GROUPS}
    return json.dumps({"byCountry": {}, "ecfrIssueDate": issued, "groups": groups}, indent=2).encode()


def _ear_cases() -> Iterator[Case]:
    for tag, members in (("null-member", [None]), ("number-member", [42]), ("list-member", [["x"]]),
                         ("unknown-member", ["Atlantis"]), ("hostile-member", [HOSTILE["cypher"]]),
                         ("duplicate-member", ["France"])):
        yield Case(f"ear-{tag}.json", _ear(members), "regime-table", EAR_CHECKS, bad_line=None)
    yield Case("ear-bad-issue-date.json", _ear([], "9999-99-99"), "regime-table", EAR_CHECKS)
    yield Case("ear-groups-null.json", b'{"byCountry": {}, "groups": null}', "regime-table", whole=True)
    yield Case("ear-truncated.json", _ear([])[:100], "regime-table", whole=True)
    yield Case("ear-deep.json", b'{"byCountry": {}, "groups": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
               "regime-table", whole=True)


def cases() -> list[Case]:
    """Every case of the corpus, in a stable order."""
    out = [c for f in FORMATS for c in _csv_cases(f)]
    out += [*_curated_cases(), *_document_cases(), *_ear_cases()]
    names = [c.name for c in out]
    assert len(names) == len(set(names)), "case names must be unique"
    return out


def write_corpus(folder: Path) -> list[Path]:
    """Write every case to ``folder``; the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in cases():
        path = folder / case.name
        path.write_bytes(case.data)
        paths.append(path)
    return paths
