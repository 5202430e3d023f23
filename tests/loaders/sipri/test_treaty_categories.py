"""``treaty_categories``: the shared rules' treaty categories of a weapon, remembered per process; the same as
asking ``classify`` each time (what the batch builder did before session 11's round 2)."""

from __future__ import annotations

import pytest

from armsgraph.loaders.reference.categories import classify, weapon_categories
from armsgraph.loaders.sipri.loader import treaty_categories

WEAPONS = [
    ("ATACMS Block-1/1A", "SSM"),
    ("155mm DPICM", None),  # a treaty category (cluster munitions)
    ("Leopard-2A4", "tank"),
    ("", None),
    ("", ""),
    ("\x00", "\ud800"),  # hostile: NUL and a lone surrogate
    ("𝔸𝔹ℂ " * 200, "x" * 5000),
    ("ATACMS Block-1/1A", None),
]


def by_classify(designation: str, description: str | None) -> list[tuple[str, str]]:
    found = [(weapon_categories()[key], rule) for key, rule in classify(designation, description)]
    return [(category.id, rule) for category, rule in found if category.vocabulary == "treaty"]


@pytest.mark.parametrize(("designation", "description"), WEAPONS)
def test_the_same_as_classify_each_time(designation: str, description: str | None) -> None:
    first = treaty_categories(designation, description)
    assert [(c.id, rule) for c, rule in first] == by_classify(designation, description)
    assert treaty_categories(designation, description) is first  # remembered, not worked out again
    assert all(c.vocabulary == "treaty" for c, _ in first)


def test_a_treaty_category_is_found_with_its_rule() -> None:
    found = treaty_categories("155mm DPICM", None)
    assert [c.id for c, _ in found] == ["category:cluster-munitions"]
    assert "DPICM" in found[0][1]
    assert treaty_categories("Leopard-2A4", "tank") == ()
