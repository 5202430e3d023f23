// name: reported-transfers
// description: Transfers reported in articles and statements (announced, pledged, delivered, ...) to or from a country, with every document that reports them
// param: country: str -- ISO 3166 alpha-3 code of the supplier or recipient (e.g. UKR)
// param: limit: int = 100 -- rows shown
MATCH (s)-[rs:SUPPLIED]->(t:Transfer)-[rt:TO]->(r)
WHERE t.stage IS NOT NULL AND t.sipri_id IS NULL AND (s.iso3 = $country OR r.iso3 = $country)
  AND rs.pending IS NULL AND rt.pending IS NULL
OPTIONAL MATCH (t)-[ro:OF]->(w:WeaponSystem)
WHERE ro.pending IS NULL
OPTIONAL MATCH (t)-[:SOURCED_FROM]->(d:Document)
WHERE d.pending IS NULL
RETURN s.name AS supplier, r.name AS recipient, w.designation AS weapon, t.stage AS stage, t.date AS date,
       count(DISTINCT d) AS documents, collect(DISTINCT coalesce(d.title, d.path)) AS reported_in
ORDER BY date DESC, supplier
LIMIT $limit
