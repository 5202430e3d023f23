// country-people: People and the positions they hold for a country, its ministries and other bodies
// country (actor, example): a state or organisation: name (United States), ISO 3166 alpha-3 (USA) or id (org:us-dod)
// limit (int, default): rows shown
:param country => 'country:USA';
:param limit => 100;
MATCH (p:Person)-[rh:HOLDS]->(pos:Position)-[ro:OF]->(o)
WHERE rh.pending IS NULL AND ro.pending IS NULL
OPTIONAL MATCH (o)-[rp:PART_OF]->(parent)
WHERE rp.pending IS NULL
WITH p, pos, o, parent
WHERE o.id = $country OR parent.id = $country
RETURN p.name AS person, pos.title AS position, o.name AS of, pos.since AS since, pos.until AS until
ORDER BY person, since
LIMIT $limit;
