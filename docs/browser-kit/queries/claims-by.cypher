// claims-by: What a speaker (person, ministry, government) is reported to have said, and where
// speaker (str, example): speaker id (person:anatoly-antonov, org:russia-mod) or ISO 3166 alpha-3 code
// limit (int, default): rows shown
:param speaker => 'person:anatoly-antonov';
:param limit => 100;
MATCH (s)-[:CLAIMED]->(c:Claim)
WHERE s.id = $speaker OR s.iso3 = $speaker
MATCH (d:Document {id: c.document})
OPTIONAL MATCH (c)-[:ABOUT]->(x)
RETURN c.text AS claim, c.date AS date, collect(DISTINCT coalesce(x.name, x.designation, x.id)) AS about,
       coalesce(d.title, d.path) AS document, d.publisher AS publisher, coalesce(d.url, d.path) AS source
ORDER BY date DESC
LIMIT $limit;
