// reported-transfers: Transfers reported in articles and statements (announced, pledged, delivered, ...) to or from a country, with every document that reports them
// country (str, example): ISO 3166 alpha-3 code of the supplier or recipient (e.g. UKR)
// limit (int, default): rows shown
:param country => 'USA';
:param limit => 100;
MATCH (s)-[:SUPPLIED]->(t:Transfer)-[:TO]->(r)
WHERE t.stage IS NOT NULL AND t.sipri_id IS NULL AND (s.iso3 = $country OR r.iso3 = $country)
OPTIONAL MATCH (t)-[:OF]->(w:WeaponSystem)
OPTIONAL MATCH (t)-[:SOURCED_FROM]->(d:Document)
RETURN s.name AS supplier, r.name AS recipient, w.designation AS weapon, t.stage AS stage, t.date AS date,
       count(DISTINCT d) AS documents, collect(DISTINCT coalesce(d.title, d.path)) AS reported_in
ORDER BY date DESC, supplier
LIMIT $limit;
