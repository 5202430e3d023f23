// document-facts: Everything one document contributed, node by node and relationship by relationship, with where in it
// document (document, example): the document: its file name, title, sha256 or id (doc:...)
// limit (int, default): rows shown
:param document => 'doc:480893b407c0aea4219c4b99';
:param limit => 500;
MATCH (d:Document)
WHERE (d.id = $document) AND d.pending IS NULL
MATCH (n)-[p:SOURCED_FROM]->(d)
RETURN 'node' AS kind, [l IN labels(n) WHERE l <> 'Actor'][0] AS type, n.id AS subject,
       coalesce(n.caption, n.id) AS object, p.locators AS locators, p.loaders AS loaders, p.rules AS rules
LIMIT $limit
UNION ALL
MATCH (d:Document)
WHERE (d.id = $document) AND d.pending IS NULL
// A relationship's ends are both sourced from each document that states it (if only as a reference):
// walk out from the document's nodes instead of scanning every relationship, along the types a loader
// writes only: a country's SUPPLIED edges (one per deal) are derived, never stated by a document (a test
// checks that every loaded relationship type is listed).
MATCH (d)<-[:SOURCED_FROM]-(a)-[r:IN_CATEGORY|IN_FAMILY|HOLDS|OF|PART_OF|PARTY_TO|MEMBER_OF|AID_TOTAL|CLAIMED|ABOUT]->(b)
WHERE d.id IN r.documents AND r.pending IS NULL
RETURN 'relationship' AS kind, type(r) AS type, a.id AS subject, b.id AS object,
       [e IN r.evidence WHERE e STARTS WITH (d.id + '#') | split(substring(e, size(d.id) + 1), '@')[0]] AS locators,
       NULL AS loaders, NULL AS rules
LIMIT $limit
UNION ALL
MATCH (d:Document)
WHERE (d.id = $document) AND d.pending IS NULL
// The deals the document's records belong to (derived: resolved from every source's Reports, docs/transfers.md).
MATCH (d)<-[:SOURCED_FROM]-(rep:Report)-[m:REPORTS]->(t:Transfer)
RETURN 'deal' AS kind, 'REPORTS' AS type, rep.id AS subject, coalesce(t.caption, t.id) AS object,
       [t.id] AS locators, NULL AS loaders, [m.rule + ' ' + toString(m.score)] AS rules
LIMIT $limit;
