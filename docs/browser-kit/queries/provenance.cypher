// provenance: Where a node comes from: each document (title, file or URL, publisher, date), the places in it (SIPRI rows: line numbers) and the sentences quoted (the first `places` of each, and how many in all), and the loaders and rules that read it
// id (entity, example): the fact: a node id (transfer:..., person:anatoly-antonov) or the name of an entity
// places (int, default): places and quotes listed per document (the first ones; 0 or less: none); places and quoted count them all
// limit (int, default): rows shown (the first by document and record); sources counts them all
:param id => 'person:anatoly-antonov';
:param places => 50;
:param limit => 1000;
OPTIONAL MATCH (actor:Actor {id: $id})
OPTIONAL MATCH (person:Person {id: $id})
OPTIONAL MATCH (position:Position {id: $id})
OPTIONAL MATCH (category:WeaponCategory {id: $id})
OPTIONAL MATCH (weapon:WeaponSystem {id: $id})
OPTIONAL MATCH (family:WeaponFamily {id: $id})
OPTIONAL MATCH (treaty:Treaty {id: $id})
OPTIONAL MATCH (transfer:Transfer {id: $id})
OPTIONAL MATCH (totals:DealTotals {id: $id})
OPTIONAL MATCH (wtotals:WeaponTotals {id: $id})
OPTIONAL MATCH (report:Report {id: $id})
OPTIONAL MATCH (document:Document {id: $id})
OPTIONAL MATCH (claim:Claim {id: $id})
WITH coalesce(actor, person, position, category, weapon, family, treaty, transfer, totals, wtotals, report, document,
              claim) AS n,
     CASE WHEN $places > 0 THEN $places ELSE 0 END AS shown
WHERE n IS NOT NULL
OPTIONAL MATCH (rep:Report)-[:REPORTS]->(n)
WITH n, shown, collect(rep) AS reports
UNWIND CASE WHEN size(reports) = 0 THEN [n] ELSE reports END AS holder
MATCH (holder)-[p:SOURCED_FROM]->(d:Document)
WHERE d.pending IS NULL
WITH n, shown, holder, p, d ORDER BY d.id, holder.id
WITH n, shown, collect([holder, p, d]) AS found
UNWIND found[0..$limit] AS f
WITH n, shown, size(found) AS sources, f[0] AS holder, f[1] AS p, f[2] AS d
RETURN n.id AS node, n.caption AS caption, holder.id AS record, d.id AS document, coalesce(d.title, d.path) AS title,
       d.path AS path, d.url AS url, d.publisher AS publisher, d.date AS date,
       p.locators[0..shown] AS locators, size(coalesce(p.locators, [])) AS places,
       p.quotes[0..shown] AS quotes, size(coalesce(p.quotes, [])) AS quoted, p.citations AS citations, p.rules AS rules, p.loader_versions AS loaders,
       sources
ORDER BY document, record
LIMIT $limit;
