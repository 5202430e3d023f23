"""The GraSS stylesheet: a colour, a size and a caption per label, a caption per relationship type.

Colours come from a fixed palette in sorted label order, so they are the same on every run and only move
when a label is added. Every label is captioned by its ``caption`` property (the schema's ``Caption``, written by
the writer: "USA → UKR · M142 HIMARS · 2022" for a Transfer). Browser applies the rules in file order, the last
match winning, and gives a label without a colour rule a colour of its own, appended last, from the
alphabetically first label of a node (``Actor``, for a Country): so the shared ``Actor`` label is styled first,
in neutral grey, and a country is coloured as a Country, not as an Actor.
"""

from __future__ import annotations

from armsgraph.graph.export.display import display_property
from armsgraph.schema import NODE_TYPES, RELATION_TYPES

PALETTE = (
    "#4C8EDA", "#F16667", "#57C7E3", "#F79767", "#8DCC93", "#C990C0", "#FFC454", "#D9C8AE",
    "#569480", "#DA7194", "#6DCE9E", "#ECB5C9", "#A5ABB6", "#FFE081", "#68BDF6", "#DE9BF9",
)
SIZES = {"Country": 65, "Treaty": 60, "Document": 55, "Transfer": 40, "Claim": 45, "Position": 40}
DEFAULT_SIZE = 50
SHARED_LABELS = ("Actor",)


def darker(colour: str) -> str:
    """The border: the fill at 85 % brightness."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * 0.85):02X}" for c in (r, g, b))


def _block(selector: str, props: dict[str, str]) -> str:
    body = "".join(f"  {k}: {v};\n" for k, v in props.items())
    return f"{selector} {{\n{body}}}\n"


def label_colours() -> dict[str, str]:
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(sorted(NODE_TYPES))}


def grass() -> str:
    blocks = [
        _block("node", {"diameter": f"{DEFAULT_SIZE}px", "color": "#A5ABB6", "border-color": "#9AA1AC",
                        "border-width": "2px", "text-color-internal": "#FFFFFF", "font-size": "10px",
                        "caption": f'"{{{display_property("")}}}"'}),
        _block("relationship", {"color": "#A5ABB6", "shaft-width": "1px", "font-size": "8px", "padding": "3px",
                                "text-color-external": "#000000", "text-color-internal": "#FFFFFF",
                                "caption": '"<type>"'}),
    ]
    blocks += [_block(f"node.{label}", {"color": "#A5ABB6", "border-color": "#9AA1AC",
                                        "caption": f'"{{{display_property(label)}}}"'}) for label in SHARED_LABELS]
    for label, colour in label_colours().items():
        blocks.append(_block(f"node.{label}", {
            "color": colour, "border-color": darker(colour), "text-color-internal": "#FFFFFF",
            "diameter": f"{SIZES.get(label, DEFAULT_SIZE)}px", "caption": f'"{{{display_property(label)}}}"',
        }))
    types = sorted({rel.type for rel in RELATION_TYPES} | {"SOURCED_FROM"})
    for rel_type in types:
        props = {"caption": '"<type>"'}
        if rel_type == "SOURCED_FROM":  # provenance: thin and grey, so the facts stand out
            props = {"caption": '"{locators}"', "color": "#C8CCD4", "shaft-width": "1px"}
        blocks.append(_block(f"relationship.{rel_type}", props))
    return "".join(blocks)
