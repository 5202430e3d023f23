"""Component: entity mentions and actor references from the parsed document's entities (gazetteer names,
designations, typos), and the first-person and he/she references the later components resolve."""

from __future__ import annotations

from spacy.tokens import Span

from armsgraph.loaders.text.extraction import Entity
from armsgraph.loaders.text.facts import FIRST_PERSON, Facts, Ref
from armsgraph.loaders.text.textdoc import TextDoc

ACTOR_LABELS = {"COUNTRY": "name", "DEMONYM": "demonym", "CAPITAL": "capital", "ORG": "org"}
PRONOUNS = {"he", "she"}


def _state_in_org_name(d: TextDoc, facts: Facts, org_id: str, ent: Span) -> None:
    """'Russian Defense Ministry', 'U.S. Department of State' also name the state."""
    org = d.g.org(org_id)
    country = d.g.countries.get(org.country or "") if org else None
    if country is None:
        return
    words = set(country.names) | set(country.demonyms)
    for i in range(ent.start, ent.end):
        if d.words[i] in words:
            facts.add_entity(country.id, i, i + 1, "country:in-organisation-name")
            return


def gazetteer_entities(d: TextDoc, facts: Facts) -> list[Entity]:
    """Every entity mention of the parsed document, and a reference for each actor, 'we'/'I' and 'he'/'she'.

    Returns the entities (with their mentions) this component found."""
    for ent in d.doc.ents:
        label, ident = ent.label_, ent.ent_id_
        if label in ACTOR_LABELS:
            rule = "country:fuzzy" if ent.start in d.misspelled else \
                f"{ident.partition(':')[0]}:{ACTOR_LABELS[label]}"
            facts.add_entity(ident, ent.start, ent.end, rule)
            facts.add_ref(Ref(ent.start, ent.end, ident, ACTOR_LABELS[label]))
            if label == "ORG":
                _state_in_org_name(d, facts, ident, ent)
        elif ent.start in d.designations:
            found = d.designations[ent.start]
            facts.add_entity(ident, ent.start, ent.end, "weapon:designation",
                             name=None if d.g.name_of(ident) != ident.partition(":")[2] else found.designation)
        elif ent.start in d.anaphors:
            facts.add_entity(ident, ent.start, ent.end, "weapon:anaphor")
        elif ent.start in d.generic:
            facts.add_entity(ident, ent.start, ent.end, "category:generic-noun")
        elif label in ("WEAPON", "CATEGORY", "TREATY"):
            facts.add_entity(ident, ent.start, ent.end, f"{label.lower()}:gazetteer")
    for i, low in enumerate(d.lower):
        if low in FIRST_PERSON and i not in facts.ref_at and d.first_person:
            facts.add_ref(Ref(i, i + 1, d.first_person, "first-person"))
        elif low in PRONOUNS:
            facts.add_ref(Ref(i, i + 1, "", "pronoun"))
    return list(facts.entities.values())
