"""How table rows name entities: a Country by name (the shared resolver) and/or ISO code, a Treaty by key.

Why here and not in a mapping: naming an entity is the same for every table layout, so it is written once
per entity kind; mappings only say which columns hold the name and the code.
"""

from __future__ import annotations

import pycountry

from armsgraph.loaders.mapping import Lookup, Miss
from armsgraph.loaders.reference.treaties import treaty_catalogue, treaty_key
from armsgraph.loaders.resolve import Resolver
from armsgraph.schema import Country, Node


def country_by_code(code: str, resolver: Resolver) -> Node | None:
    """The Country of an ISO 3166 alpha-2 or alpha-3 code (current or historic), or None."""
    rec = (pycountry.countries.get(alpha_2=code) if len(code) == 2
           else pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code))
    return None if rec is None else resolver.node_for_id(Country.id_of(iso3=rec.alpha_3))


def country_lookup(resolver: Resolver) -> Lookup:
    """A state by name (``treaty`` context) and/or code; both given must agree. A name the resolver does not
    know is settled by the code (and stays on the review list); ``exact`` refuses fuzzy matches."""

    def lookup(*, name: str | None, code: str | None, where: str, exact: bool) -> Node | Miss:
        if not name and not code:
            return Miss("missing state")
        by_code: Node | None = None
        if code:
            by_code = country_by_code(code, resolver)
            if by_code is None:
                return Miss(f"unknown ISO code {code!r}", on_code=True)
            if not name:
                return by_code
        assert name is not None
        res = resolver.resolve(name, "treaty", where=where)
        if exact and res.rule not in ("exact", "alias"):
            return Miss(f"no exact name {name!r}")
        if res.entity_id is None:
            if by_code is not None:
                return by_code  # the code settles it; the name stays on the review list
            extra = f" (candidates: {', '.join(res.candidates)})" if res.candidates else ""
            return Miss(f"unknown country {name!r}: {res.rule}{extra}; see 'armsgraph resolve review'")
        if res.label != "Country":
            return Miss(f"{name!r} is a {res.label} ({res.entity_id}), not a state")
        node = resolver.node_for(res)
        if by_code is not None and by_code.id != node.id:
            return Miss(f"{name!r} resolves to {node.id} but the ISO code says {by_code.id}")
        return node

    return lookup


def treaty_lookup(*, name: str | None, code: str | None, where: str, exact: bool) -> Node | Miss:
    """A treaty of the catalogue by key, name or alias ('CCM', 'Ottawa')."""
    text = name or code
    if not text:
        return Miss("no treaty: add a 'treaty' column or name the file as the layout's mapping says "
                    "(treaty-parties-<key>.csv)")
    key = treaty_key(text)
    if key is None:
        return Miss(f"unknown treaty {text!r} (known: {', '.join(treaty_catalogue())})")
    return treaty_catalogue()[key].node
