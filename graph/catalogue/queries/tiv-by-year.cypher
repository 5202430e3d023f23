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
MATCH (s:Actor)-[rs:SUPPLIED]->(t:Transfer)-[rt:TO]->(r:Actor)
WHERE (($supplier <> '' AND s.id = $supplier) OR ($recipient <> '' AND r.id = $recipient))
  AND ($supplier = '' OR s.id = $supplier) AND ($recipient = '' OR r.id = $recipient)
  AND t.vintage IS NOT NULL
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH s, r, t, i, t.delivery_years[i] AS year
WHERE year >= $delivered_from AND year <= $delivered_to
WITH s, r, year, CASE WHEN t.tiv_delivered_per_year IS NULL
                      THEN coalesce(t.tiv_delivered, 0.0) / size(t.delivery_years)
                      ELSE t.tiv_delivered_per_year[i] END AS tiv
WITH CASE WHEN $supplier <> '' THEN r ELSE s END AS partner, year, sum(tiv) AS tiv
RETURN partner.name AS partner, partner.id AS partner_id, year, tiv AS tiv_delivered
ORDER BY partner, year
LIMIT $limit
