// name: tiv-by-year
// description: SIPRI TIV delivered per year by one supplier (to each recipient) or to one recipient (from each supplier), like SIPRI's exporter and importer tables
// param: supplier: actor = -- the supplier: name, ISO 3166 alpha-3 or id; give this or recipient
// param: recipient: actor = -- the recipient: name, ISO 3166 alpha-3 or id; give this or supplier
// param: delivered_from: int = 1950 -- first delivery year counted
// param: delivered_to: int = 2100 -- last delivery year counted
// param: limit: int = 2000 -- rows shown (one per partner and year)
// one of: supplier, recipient
// One row per partner and delivery year, TIV as in top-suppliers-of-recipient (SIPRI's per-year values, else the
// deal's TIV spread over its delivery years; each deal once). TIV is a
// volume indicator, not money. Pivot the csv output for a partner x year table.
// Anchored on the actor given (indexed id; the recipient when both are): its deals either way, then the filters.
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
LIMIT $limit
