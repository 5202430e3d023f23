"""Start-up of ``armsgraph extract`` (session 22): the collector held while the pipelines are built
(``startup.py``), catalogue's entry points kept by group (``spacy_import.py``) and the resolver's names in the
gazetteer cached (``names_cache.py``). Each must change nothing the extractor returns and be safe as a cache."""

from __future__ import annotations

import gc
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from armsgraph.loaders.resolve import ResolverConfig
from armsgraph.loaders.text import cache, gazetteer, names_cache
from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.spacy_import import EntryPointsByGroup, import_spacy
from armsgraph.loaders.text.startup import collector_held

# ---- the collector held, then frozen -----------------------------------------------------------------------------


def test_the_collector_is_held_in_the_block_and_restored_after() -> None:
    before, enabled, frozen = gc.get_threshold(), gc.isenabled(), gc.get_freeze_count()
    try:
        with collector_held():
            assert gc.get_threshold()[0] == 0
            gc.enable()  # as srsly does after reading a model file: still no automatic collection
            assert gc.get_threshold()[0] == 0
            made = [[n] for n in range(1000)]
        assert gc.get_threshold() == before and gc.isenabled() == enabled
        assert gc.get_freeze_count() >= frozen + len(made)
    finally:
        gc.unfreeze()


def test_an_error_in_the_block_restores_the_collector() -> None:
    before = gc.get_threshold()
    try:
        with pytest.raises(RuntimeError), collector_held():
            raise RuntimeError("boom")
        assert gc.get_threshold() == before
    finally:
        gc.unfreeze()


def test_extract_is_ready_before_its_first_document_and_collects_afterwards(seed_article: Path) -> None:
    """In a fresh process: ``ready()`` builds both pipelines, restores the thresholds, and the output is the plain
    loader's."""
    script = """
import gc, json, sys
from pathlib import Path
thresholds = gc.get_threshold()
from armsgraph.loaders.text.startup import ready
ready()
from armsgraph.loaders.text.pipeline import nlp
from armsgraph.loaders.text.syntax import model
assert nlp.cache_info().currsize == 1 and model.cache_info().currsize == 1
assert gc.get_threshold() == thresholds and gc.isenabled() and gc.get_freeze_count() > 100_000
from armsgraph.loaders.text.loader import TextLoader
print(json.dumps(TextLoader().extract(Path(sys.argv[1]))[0].model_dump(mode="json")))
"""
    plain = "import json, sys\nfrom pathlib import Path\nfrom armsgraph.loaders.text.loader import TextLoader\n" \
            "print(json.dumps(TextLoader().extract(Path(sys.argv[1]))[0].model_dump(mode='json')))"
    outputs = []
    for code in (script, plain):
        done = subprocess.run([sys.executable, "-c", code, str(seed_article)], capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] and outputs[0]["transfers"]


# ---- catalogue's entry points by group -------------------------------------------------------------------------


def test_entry_points_by_group_are_the_tables_own() -> None:
    import catalogue

    import_spacy()
    wrapped = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(wrapped, EntryPointsByGroup)
    table = wrapped.table
    groups = set(table.groups) | {"spacy_architectures", "no_such_group"}
    for group in sorted(groups):
        assert list(wrapped.select(group=group)) == list(table.select(group=group)), group
        assert wrapped.select(group=group) is wrapped.select(group=group)
    some = next(ep for group in sorted(table.groups) for ep in table.select(group=group))
    assert list(wrapped.select(group=some.group, name=some.name)) == [some]  # other selections go to the table
    import_spacy()
    assert catalogue.AVAILABLE_ENTRY_POINTS is wrapped  # wrapped once


def test_spacy_registries_list_the_same_functions_through_the_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    import catalogue

    import_spacy()
    from spacy.util import registry

    registries = {name: getattr(registry, name) for name in dir(registry)
                  if isinstance(getattr(registry, name, None), catalogue.Registry)}
    assert {"architectures", "tokenizers", "languages", "misc"} <= set(registries)
    wrapped = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(wrapped, EntryPointsByGroup)
    through_groups = {name: sorted(r.get_all()) for name, r in registries.items()}
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", wrapped.table)
    assert {name: sorted(r.get_all()) for name, r in registries.items()} == through_groups
    assert "spacy-legacy.HashEmbedCNN.v1" in through_groups["architectures"]  # an entry point's


# ---- the resolver's names, cached --------------------------------------------------------------------------------

STOP = gazetteer._lines("alias_stoplist.txt")
BLOCKED = gazetteer._lines("regions.txt")


def _build() -> list[names_cache.Entry]:
    return gazetteer._resolver_names(STOP, BLOCKED)


def _fail() -> list[names_cache.Entry]:
    raise AssertionError("built although the cache holds the names")


@pytest.fixture(scope="module")
def built() -> list[names_cache.Entry]:
    return _build()


def test_cached_names_are_the_built_ones(tmp_path: Path, built: list[names_cache.Entry]) -> None:
    first = names_cache.resolver_names(_build, STOP, BLOCKED, gazetteer.CODE, tmp_path)
    [file] = tmp_path.glob("resolver-names-*.marshal")
    again = names_cache.resolver_names(_fail, STOP, BLOCKED, gazetteer.CODE, tmp_path)
    assert first == built and again == built
    assert any(e[0] == "country:UKR" and "Kyiv" in e[6] for e in again)
    assert file.stat().st_size > 10_000


def test_the_gazetteer_is_the_same_with_the_cache_cold_and_warm(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("ARMSGRAPH_CACHE_DIR", str(tmp_path))
    cold = load.__wrapped__()
    assert list(tmp_path.glob("resolver-names-*.marshal"))
    warm = load.__wrapped__()
    assert cold.countries == warm.countries and list(cold.countries) == list(warm.countries)
    assert cold.orgs == warm.orgs and list(cold.orgs) == list(warm.orgs)
    assert cold.countries == load().countries and cold.orgs == load().orgs


@pytest.mark.parametrize("change", ["stoplist", "blocked", "code", "judgements"])
def test_a_change_of_any_input_makes_a_new_key(change: str, monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    code = tmp_path / "code.py"
    code.write_text("x = 1\n")
    judgements = tmp_path / "judgements.csv"
    judgements.write_text("name,context,entity\n")
    monkeypatch.setenv("ARMSGRAPH_JUDGEMENTS", str(judgements))
    assert ResolverConfig().judgement_files() == [judgements]
    before = names_cache.key(STOP, BLOCKED, [code])
    assert names_cache.key(list(STOP), list(BLOCKED), [code]) == before  # the same inputs, the same key
    stop, blocked = list(STOP), list(BLOCKED)
    if change == "stoplist":
        stop.append("Zorgland")
    elif change == "blocked":
        blocked.append("Zorgland")
    elif change == "code":
        code.write_text("x = 2\n")
    else:
        judgements.write_text("name,context,entity\nZorgland,news,country:UKR\n")
    assert names_cache.key(stop, blocked, [code]) != before


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "shape"])
def test_a_damaged_file_is_rebuilt_and_rewritten(damage: str, tmp_path: Path,
                                                 built: list[names_cache.Entry]) -> None:
    names_cache.resolver_names(_build, STOP, BLOCKED, gazetteer.CODE, tmp_path)
    [file] = tmp_path.glob("resolver-names-*.marshal")
    data = file.read_bytes()
    if damage == "truncated":
        file.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        file.write_bytes(bytes(range(256)) * 16)
    elif damage == "empty":
        file.write_bytes(b"")
    else:  # the right key, an older shape
        key = file.name.removeprefix("resolver-names-").removesuffix(".marshal")
        cache.write(file, key, [("country:UKR", "Ukraine")])
    assert names_cache.resolver_names(_build, STOP, BLOCKED, gazetteer.CODE, tmp_path) == built
    assert file.read_bytes() == data


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories")
def test_a_read_only_cache_directory_only_costs_the_build(tmp_path: Path, built: list[names_cache.Entry]) -> None:
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert names_cache.resolver_names(_build, STOP, BLOCKED, gazetteer.CODE, tmp_path / "sub") == built
    finally:
        tmp_path.chmod(stat.S_IRWXU)


def test_a_cache_path_that_is_a_file_only_costs_the_build(tmp_path: Path, built: list[names_cache.Entry]) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    assert names_cache.resolver_names(_build, STOP, BLOCKED, gazetteer.CODE, blocker) == built


def test_an_input_that_cannot_be_read_only_costs_the_build(tmp_path: Path, built: list[names_cache.Entry]) -> None:
    missing = tmp_path / "gone.py"
    assert names_cache.resolver_names(_build, STOP, BLOCKED, [missing], tmp_path) == built
    assert not list(tmp_path.glob("resolver-names-*.marshal"))


def _aged(path: Path, days: float) -> Path:
    path.write_bytes(b"x")
    old = time.time() - days * 86400
    os.utime(path, (old, old))
    return path


def test_a_rebuild_removes_only_its_kinds_files_unused_for_the_stale_days(tmp_path: Path) -> None:
    """Other versions' tables go once nobody has used them for STALE_DAYS; a recent one (a version still run beside
    this one), another kind's, and a file that is no cache file stay."""
    days = cache.STALE_DAYS
    stale = _aged(tmp_path / f"phrases-{'a' * 32}.marshal", days + 1)
    crashed = _aged(tmp_path / f"phrases-{'b' * 32}.marshalx1y2.tmp", days + 1)
    recent = _aged(tmp_path / f"phrases-{'c' * 32}.marshal", days - 1)
    other_kind = _aged(tmp_path / f"pos-table-{'d' * 32}.marshal", days + 1)
    not_ours = _aged(tmp_path / "phrases-notes.marshal", days + 1)
    key = "e" * 32
    assert cache.read_or_build("phrases", key, lambda: {"a": 1}, lambda v: v if isinstance(v, dict) else None,
                               tmp_path) == {"a": 1}
    assert not stale.exists() and not crashed.exists()
    assert recent.exists() and other_kind.exists() and not_ours.exists()
    assert cache.path_for("phrases", key, tmp_path).exists()


def test_a_warm_read_marks_its_file_used_and_removes_nothing(tmp_path: Path) -> None:
    key = "f" * 32
    path = cache.path_for("phrases", key, tmp_path)
    cache.write(path, key, {"a": 1})
    old = time.time() - (cache.STALE_DAYS + 5) * 86400
    os.utime(path, (old, old))
    other = _aged(tmp_path / f"phrases-{'a' * 32}.marshal", cache.STALE_DAYS + 1)
    got = cache.read_or_build("phrases", key, lambda: {"b": 2}, lambda v: v if isinstance(v, dict) else None, tmp_path)
    assert got == {"a": 1}  # read back, not rebuilt
    assert path.stat().st_mtime > time.time() - 3600
    assert other.exists()  # a warm start lists no directory


def test_pruning_an_unlistable_directory_only_skips_it(tmp_path: Path) -> None:
    assert cache.prune("phrases", tmp_path / "missing" / f"phrases-{'a' * 32}.marshal") == []


def test_pruning_goes_on_past_a_file_it_cannot_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process removing a file between the listing and its stat costs that file only, not the pass."""
    gone = _aged(tmp_path / f"phrases-{'a' * 32}.marshal", cache.STALE_DAYS + 1)
    stale = _aged(tmp_path / f"phrases-{'b' * 32}.marshal", cache.STALE_DAYS + 1)
    real_stat = Path.stat

    def racing_stat(self: Path, **kwargs: object) -> os.stat_result:
        if self.name == gone.name:
            raise FileNotFoundError(self)
        return real_stat(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", racing_stat)
    removed = cache.prune("phrases", tmp_path / f"phrases-{'c' * 32}.marshal")
    assert removed == [stale] and not stale.exists()
