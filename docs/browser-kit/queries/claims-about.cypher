// claims-about: Who said what about a country, person, organisation or weapon: attributed claims with their source documents
// about (str, example): node id (country:UKR, weapon:dpicm, person:anatoly-antonov) or an ISO 3166 alpha-3 code
// limit (int, default): rows shown
:param about => 'category:cluster-munitions';
:param limit => 100;
MATCH (speaker)-[:CLAIMED]->(c:Claim)-[:ABOUT]->(x)
WHERE x.id = $about OR x.iso3 = $about
MATCH (d:Document {id: c.document})
RETURN coalesce(speaker.name, speaker.id) AS speaker, c.text AS claim, c.date AS date, c.quote AS quote,
       coalesce(d.title, d.path) AS document, d.publisher AS publisher, coalesce(d.url, d.path) AS source,
       c.start AS start, c.end AS end
ORDER BY date DESC, speaker
LIMIT $limit;
