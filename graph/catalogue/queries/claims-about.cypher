// name: claims-about
// description: Who said what about a country, person, organisation or weapon: attributed claims with their source documents
// param: about: entity -- what the claims are about: a name (Ukraine, DPICM, Anatoly Antonov), ISO3 code or id
// param: limit: int = 100 -- rows shown
MATCH (speaker)-[rc:CLAIMED]->(c:Claim)-[ra:ABOUT]->(x)
WHERE (x.id = $about) AND rc.pending IS NULL AND ra.pending IS NULL
MATCH (d:Document {id: c.document})
RETURN coalesce(speaker.name, speaker.id) AS speaker, c.text AS claim, c.date AS date, c.quote AS quote,
       coalesce(d.title, d.path) AS document, d.publisher AS publisher, coalesce(d.url, d.path) AS source,
       c.start AS start, c.end AS end
ORDER BY date DESC, speaker
LIMIT $limit
