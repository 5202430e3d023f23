// provenance: Where a node comes from: its documents, the place in each, and the loader and rule that made it
// id (entity, example): the fact: a node id (transfer:..., person:anatoly-antonov) or the name of an entity
:param id => 'person:anatoly-antonov';
MATCH (n)-[p:SOURCED_FROM]->(d:Document)
WHERE n.id = $id AND d.pending IS NULL
RETURN n.id AS node, d.id AS document, coalesce(d.title, d.path) AS title, d.publisher AS publisher,
       d.date AS date, p.locator AS locator, p.loader AS loader, p.loader_version AS version,
       p.rule AS rule, p.citation AS citation
ORDER BY document, locator;
