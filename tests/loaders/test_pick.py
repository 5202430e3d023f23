"""The loader's pick asks only loaders that can still win (each registration's ``most``): the bounds must hold."""

from __future__ import annotations

from pathlib import Path

from armsgraph.loaders.base import LOADERS, get, pick, read_head

REPO = Path(__file__).resolve().parents[2]


def _files(shared_data: Path) -> list[Path]:
    found = [p for p in sorted(shared_data.rglob("*")) if p.is_file() and p.stat().st_size > 0]
    found += [p for p in sorted((REPO / "examples").rglob("*")) if p.is_file()]
    return found


def test_no_sniff_scores_above_its_loaders_bound(shared_data: Path) -> None:
    """Every real file's score from every loader (whatever its suffix) is at most the loader's declared bound; and
    each bound is reached by some file, so it is not set higher than the sniff can give."""
    files = _files(shared_data)
    assert len(files) > 100
    reached = dict.fromkeys(LOADERS, 0.0)
    for path in files:
        head = read_head(path)
        for name, registered in LOADERS.items():
            most = registered.most
            score = get(name).sniff(path, head)
            assert score <= most, f"{name} scores {score} on {path.name}, above its bound {most}"
            reached[name] = max(reached[name], score)
    assert {name for name, score in reached.items() if score == LOADERS[name].most} >= {
        "curated", "document", "text", "protect-ukraine-now", "treaty-table", "regime-table"}


def test_pick_gives_what_asking_every_loader_gives(shared_data: Path) -> None:
    """The pick with the bounds is the pick that asks every loader (the highest score, the first on a tie)."""
    for path in _files(shared_data):
        head = read_head(path)
        best: tuple[float, str] | None = None
        for name, registered in LOADERS.items():
            if registered.suffixes is not None and path.suffix.lower() not in registered.suffixes:
                continue
            score = get(name).sniff(path, head)
            if score > 0 and (best is None or score > best[0]):
                best = (score, name)
        if best is None:
            continue
        assert pick(path).name == best[1], path
