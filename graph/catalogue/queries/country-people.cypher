// name: country-people
// description: People and the positions they hold for a country, its ministries and other bodies
// param: country: str -- ISO 3166-1 alpha-3 code (e.g. USA) or an Organization id (org:us-dod)
// param: limit: int = 100 -- rows shown
MATCH (p:Person)-[rh:HOLDS]->(pos:Position)-[ro:OF]->(o)
WHERE (o.iso3 = $country OR o.id = $country OR o.country = $country)
  AND rh.pending IS NULL AND ro.pending IS NULL
RETURN p.name AS person, pos.title AS position, o.name AS of, pos.since AS since, pos.until AS until
ORDER BY person, since
LIMIT $limit
