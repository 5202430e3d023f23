// claims-by: What a speaker (person, ministry, government) is reported to have said, and where
// speaker (speaker, example): who said it: a person, state or organisation by name (Anatoly Antonov, Russian MoD) or id
// limit (int, default): rows shown
:param speaker => 'person:anatoly-antonov';
:param limit => 100;
MATCH (s)-[rc:CLAIMED]->(c:Claim {speaker: $speaker})
WHERE (s.id = $speaker) AND rc.pending IS NULL
MATCH (d:Document {id: c.document})
OPTIONAL MATCH (c)-[ra:ABOUT]->(x)
WHERE ra.pending IS NULL
WITH c, d, collect(DISTINCT coalesce(x.name, x.designation, x.id)) AS about
RETURN c.text AS claim, c.date AS date, about,
       coalesce(d.title, d.path) AS document, d.publisher AS publisher, coalesce(d.url, d.path) AS source
ORDER BY date DESC, document, c.start
LIMIT $limit;
