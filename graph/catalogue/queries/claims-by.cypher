// name: claims-by
// description: What a speaker (person, ministry, government) is reported to have said, and where
// param: speaker: speaker -- who said it: a person, state or organisation by name (Anatoly Antonov, Russian MoD) or id
// param: limit: int = 100 -- rows shown
// Newest first; the claims of one document in the order it makes them.
// Anchored on the Claim's own speaker id (indexed): CLAIMED comes from it (schema/references.py).
MATCH (s)-[rc:CLAIMED]->(c:Claim {speaker: $speaker})
WHERE (s.id = $speaker) AND rc.pending IS NULL
MATCH (d:Document {id: c.document})
OPTIONAL MATCH (c)-[ra:ABOUT]->(x)
WHERE ra.pending IS NULL
WITH c, d, collect(DISTINCT coalesce(x.name, x.designation, x.id)) AS about
RETURN c.text AS claim, c.date AS date, about,
       coalesce(d.title, d.path) AS document, d.publisher AS publisher, coalesce(d.url, d.path) AS source
ORDER BY date DESC, document, c.start
LIMIT $limit
