// tiv-by-year: SIPRI TIV delivered per year by one supplier (to each recipient) or to one recipient (from each supplier), like SIPRI's exporter and importer tables
// supplier (actor, default): the supplier: name, ISO 3166 alpha-3 or id; give this or recipient
// recipient (actor, default): the recipient: name, ISO 3166 alpha-3 or id; give this or supplier
// delivered_from (int, default): first delivery year counted
// delivered_to (int, default): last delivery year counted
// limit (int, default): rows shown (one per partner and year)
:param supplier => '';
:param recipient => '';
:param delivered_from => 1950;
:param delivered_to => 2100;
:param limit => 2000;
MATCH (anchor:Actor)
WHERE anchor.id = CASE WHEN $recipient <> '' THEN $recipient ELSE $supplier END
MATCH (anchor)-[:SUPPLIED|TO]-(deal:Transfer)
WITH DISTINCT deal AS t
MATCH (s:Actor)-[rs:SUPPLIED]->(t)-[rt:TO]->(r:Actor)
WHERE (($supplier <> '' AND s.id = $supplier) OR ($recipient <> '' AND r.id = $recipient))
  AND ($supplier = '' OR s.id = $supplier) AND ($recipient = '' OR r.id = $recipient)
  AND t.vintage IS NOT NULL
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH s, r, t.delivery_years[i] AS year, t.tiv_per_year[i] AS tiv
WHERE year >= $delivered_from AND year <= $delivered_to
WITH CASE WHEN $supplier <> '' THEN r ELSE s END AS partner, year, sum(tiv) AS tiv
RETURN partner.name AS partner, partner.id AS partner_id, year, tiv AS tiv_delivered
ORDER BY partner, year
LIMIT $limit;
