"""A Browser guide (``:play``-style HTML slides) through the seed story, with queries that run on the seed data.

The story: on 7 July 2023 the US decided to send DPICM cluster munitions to Ukraine; RT reported Russia's
ambassador Anatoly Antonov condemning it. Load ``examples/seed-entities.jsonl`` and the RT article
(``make demo`` does), move the graph to Neo4j (``armsgraph export``), then play this guide. Each query
names the seed story's ids, so it runs as it is; every one is checked on the embedded store by a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Slide:
    title: str
    lead: str
    body: tuple[str, ...]
    """Paragraphs of HTML (trusted: written here)."""
    queries: tuple[str, ...] = ()


SLIDES = (
    Slide(
        "The seed story",
        "US cluster munitions for Ukraine, and who said what about them.",
        ("On 7 July 2023 the United States decided to send DPICM artillery rounds, cluster munitions, to "
         "Ukraine. RT reported the reaction of Russia's ambassador in Washington, Anatoly Antonov. armsgraph "
         "read that article into a graph: the decision as a <b>Transfer</b>, what people said as "
         "<b>Claims</b>, and a <b>SOURCED_FROM</b> edge from every fact to the document it came from.",
         "Load the style first (drag <code>style.grass</code> onto Browser, or <code>:style</code> then drop "
         "it), then click a query below to put it in the editor and run it. This one counts what is loaded."),
        ("MATCH (n)\nUNWIND labels(n) AS label\nRETURN label, count(*) AS nodes\nORDER BY nodes DESC",),
    ),
    Slide(
        "The decision",
        "A transfer is a node: supplier, recipient and weapon hang off it.",
        ("The article's decision is one <b>Transfer</b> with its stage (announced) and date. Its supplier "
         "points at it (<code>SUPPLIED</code>), it points at its recipient (<code>TO</code>) and at what it "
         "moves (<code>OF</code>): the DPICM rounds.",),
        ("MATCH (s)-[sup:SUPPLIED]->(t:Transfer)-[of:OF]->(w:WeaponSystem {id: 'weapon:dpicm'})\n"
         "MATCH (t)-[to:TO]->(r)\nRETURN s, sup, t, of, w, to, r",),
    ),
    Slide(
        "Who said what",
        "Claims are attributed: the graph never turns what someone said into a fact.",
        ("Each <b>Claim</b> hangs off its speaker (<code>CLAIMED</code>) and points at what it is about "
         "(<code>ABOUT</code>). Most claims in the article are Antonov's; one is the Russian Ministry of "
         "Defence's, one is Colin Kahl's, the Pentagon official who explained the decision.",
         "The second query lists the claims with their speakers as a table."),
        ("MATCH (speaker)-[cl:CLAIMED]->(c:Claim)-[ab:ABOUT]->(x)\nRETURN speaker, cl, c, ab, x",
         "MATCH (speaker)-[:CLAIMED]->(c:Claim)\n"
         "RETURN coalesce(speaker.name, speaker.id) AS speaker, c.text AS claim, c.quote AS quoted\n"
         "ORDER BY speaker, c.start"),
    ),
    Slide(
        "Who is speaking",
        "People hold positions in states and organisations.",
        ("Anatoly Antonov was Russia's ambassador to the United States (2017 to 2024): a <b>Position</b> he "
         "<code>HOLDS</code>, <code>OF</code> Russia. The seed file declares him and the other officials.",),
        ("MATCH (p:Person {id: 'person:anatoly-antonov'})-[h:HOLDS]->(pos:Position)-[o:OF]->(of)\n"
         "OPTIONAL MATCH (p)-[cl:CLAIMED]->(c:Claim)\nRETURN p, h, pos, o, of, cl, c",),
    ),
    Slide(
        "Which treaty bans it",
        "DPICM rounds are cluster munitions; the Convention on Cluster Munitions prohibits them.",
        ("The weapon is <code>IN_CATEGORY</code> cluster munitions, and the CCM lists that category in its "
         "<code>prohibits</code> property. Neither the US, Ukraine nor Russia is a party: load "
         "<code>treaty-parties-ccm.csv</code> to see each state's <code>PARTY_TO</code> edges, and run the "
         "saved query <code>treaty-banned-transfers</code>.",),
        ("MATCH (w:WeaponSystem {id: 'weapon:dpicm'})-[ic:IN_CATEGORY]->(c:WeaponCategory)\n"
         "MATCH (t:Treaty)\nWHERE c.key IN t.prohibits\nRETURN w, ic, c, t",
         "MATCH (w:WeaponSystem {id: 'weapon:dpicm'})-[:IN_CATEGORY]->(c:WeaponCategory)\n"
         "MATCH (t:Treaty)\nWHERE c.key IN t.prohibits\n"
         "RETURN w.designation AS weapon, c.name AS category, t.name AS treaty, t.entry_into_force AS in_force"),
    ),
    Slide(
        "Where each fact comes from",
        "Provenance: one hop from any node to its documents, with the place in each.",
        ("Every node has one <code>SOURCED_FROM</code> edge to each <b>Document</b> it was read from, with lists: "
         "the places (<code>locators</code>: a line, <code>L4</code>, or characters, <code>c100-140</code>), the "
         "sentences quoted (<code>quotes</code>), the loaders and the rules. "
         "Relationships carry the same as properties: <code>documents</code> and <code>evidence</code>.",
         "The first query draws Antonov and his sources; the second lists every fact of the RT article with "
         "where in the text it was read; the third the relationships it supports."),
        ("MATCH (n {id: 'person:anatoly-antonov'})-[p:SOURCED_FROM]->(d:Document)\nRETURN n, p, d",
         "MATCH (n)-[p:SOURCED_FROM]->(d:Document {path: 'rt-2023-07-antonov-cluster-munitions.txt'})\n"
         "RETURN n.caption AS fact, p.locators AS places, p.quotes AS quotes, p.rules AS rules\nORDER BY fact",
         "MATCH (a)-[r]->(b)\nWHERE any(doc IN r.documents WHERE doc STARTS WITH 'doc:')\n"
         "AND type(r) <> 'SOURCED_FROM'\n"
         "RETURN a.id AS from, type(r) AS relationship, b.id AS to, r.evidence AS evidence\nORDER BY from"),
    ),
    Slide(
        "Next",
        "The catalogue, as saved queries.",
        ("The kit's <code>queries/</code> folder holds every catalogue query as a <code>.cypher</code> file "
         "that starts with its <code>:param</code> lines: drag one onto Browser's favourites, or paste it into "
         "the editor and run it (multi-statement). <code>armsgraph query show NAME</code> prints the same.",
         "Try <code>claims-about</code> (who said what about cluster munitions) and <code>provenance</code> (Antonov's "
         "sources) first: their examples are from this story."),
    ),
)


def guide_html(slides: tuple[Slide, ...] = SLIDES) -> str:
    """The guide in Browser's format: ``article.guide > carousel.deck > slide`` with runnable ``pre`` blocks."""
    parts = ['<article class="guide" ng-controller="AppCtrl">\n', '  <carousel class="deck container-fluid">\n']
    for slide in slides:
        parts.append('    <slide class="row-fluid">\n')
        parts.append(f'      <div class="col-sm-3">\n        <h3>{escape(slide.title)}</h3>\n'
                     f'        <p class="lead">{escape(slide.lead)}</p>\n      </div>\n')
        parts.append('      <div class="col-sm-9">\n')
        parts += [f"        <p>{para}</p>\n" for para in slide.body]
        parts += [f'        <figure>\n          <pre class="pre-scrollable code runnable">{escape(q)}</pre>\n'
                  "        </figure>\n" for q in slide.queries]
        parts.append("      </div>\n    </slide>\n")
    parts.append("  </carousel>\n</article>\n")
    return "".join(parts)


def guide_queries(slides: tuple[Slide, ...] = SLIDES) -> list[str]:
    return [q for slide in slides for q in slide.queries]
