// country-people: People and the positions they hold for a country, its ministries and other bodies
// country (str, example): ISO 3166-1 alpha-3 code (e.g. USA) or an Organization id (org:us-dod)
// limit (int, default): rows shown
:param country => 'USA';
:param limit => 100;
MATCH (p:Person)-[:HOLDS]->(pos:Position)-[:OF]->(o)
WHERE o.iso3 = $country OR o.id = $country OR o.country = $country
RETURN p.name AS person, pos.title AS position, o.name AS of, pos.since AS since, pos.until AS until
ORDER BY person, since
LIMIT $limit;
