// name: reported-transfers
// description: Transfers reported in articles and statements (announced, pledged, delivered, ...) to or from a country, with every document that reports them
// param: country: country -- a state, supplier or recipient: name, ISO 3166 alpha-3 (UKR) or id
// param: limit: int = 100 -- rows shown
// A deal with at least one text Report (an article's or statement's record of it); in_sipri says whether SIPRI
// lists the same deal (the deal resolver linked them: see corroboration). One row per deal, counted once.
// Anchored on the text Reports (indexed source: they grow with news, not with SIPRI exports; a country of a
// fifth of all deals has few text-reported ones), then their deals with the country on either side.
MATCH (rep:Report {source: 'text'})
WITH rep
MATCH (rep)-[:REPORTS]->(t:Transfer)
MATCH (s)-[:SUPPLIED]->(t)-[:TO]->(r)
WHERE s.id = $country OR r.id = $country
OPTIONAL MATCH (t)-[:OF]->(w:WeaponSystem)
OPTIONAL MATCH (rep)-[:SOURCED_FROM]->(d:Document)
WHERE d.pending IS NULL
RETURN s.name AS supplier, r.name AS recipient, w.designation AS weapon, t.stage AS stage, t.date AS date,
       t.vintage IS NOT NULL AS in_sipri, t.reported_by AS reported_by,
       count(DISTINCT d) AS documents, collect(DISTINCT coalesce(d.title, d.path)) AS reported_in, t.id AS transfer
ORDER BY date DESC, supplier, transfer
LIMIT $limit
