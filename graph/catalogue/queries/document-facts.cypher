// name: document-facts
// description: Everything one document contributed, node by node and relationship by relationship, with where in it
// param: document: document -- the document: its file name, title, sha256 or id (doc:...)
// param: limit: int = 500 -- rows shown
MATCH (d:Document)
WHERE (d.id = $document) AND d.pending IS NULL
MATCH (n)-[p:SOURCED_FROM]->(d)
RETURN 'node' AS kind, [l IN labels(n) WHERE l <> 'Actor'][0] AS type, n.id AS subject,
       coalesce(n.name, n.title, n.designation, n.text, n.key) AS object, p.locator AS locator,
       p.loader AS loader, p.rule AS rule
LIMIT $limit
UNION ALL
MATCH (d:Document)
WHERE (d.id = $document) AND d.pending IS NULL
MATCH (a)-[r]->(b)
WHERE d.id IN r.documents AND r.pending IS NULL
RETURN 'relationship' AS kind, type(r) AS type, a.id AS subject, b.id AS object,
       [e IN r.evidence WHERE e STARTS WITH (d.id + '#')][0] AS locator, NULL AS loader, NULL AS rule
LIMIT $limit
