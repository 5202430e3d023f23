// name: top-suppliers-of-recipient
// description: Top suppliers of a recipient by SIPRI TIV delivered over a range of delivery years
// param: recipient: actor -- the recipient: name (Ukraine), ISO 3166 alpha-3 (UKR) or id (nsa:..., org:...)
// param: delivered_from: int = 1950 -- first delivery year counted
// param: delivered_to: int = 2100 -- last delivery year counted
// param: limit: int = 20 -- rows shown
// A deal's TIV counts for the delivery years inside the range: SIPRI's per-year values where the export
// gave them (transfers format), else the deal's TIV spread evenly over its delivery years (classic format).
// TIV is a volume indicator, not money.
// A classic-format deal that the transfers format also has (same supplier, recipient, weapon and order year:
// the two formats have no common key) is counted once, from the transfers format.
MATCH (s:Actor)-[rs:SUPPLIED]->(t:Transfer)-[rt:TO]->(r:Actor)
WHERE r.id = $recipient
  AND rs.current AND rt.current AND rs.pending IS NULL AND rt.pending IS NULL
OPTIONAL MATCH (s)-[ws:SUPPLIED]->(twin:Transfer)-[wt:TO]->(r), (twin)-[wo:OF]->(:WeaponSystem)<-[:OF]-(t)
WHERE t.sipri_id IS NULL AND twin.sipri_id IS NOT NULL AND twin.order_year = t.order_year
  AND ws.pending IS NULL AND wt.pending IS NULL AND wo.pending IS NULL
WITH s, t, count(twin) AS twins
WHERE twins = 0
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH s, t, i, t.delivery_years[i] AS year
WHERE year >= $delivered_from AND year <= $delivered_to
WITH s, t, CASE WHEN t.tiv_delivered_per_year IS NULL
               THEN coalesce(t.tiv_delivered, 0.0) / size(t.delivery_years)
               ELSE t.tiv_delivered_per_year[i] END AS tiv, year
WITH s, count(DISTINCT t) AS deals, sum(tiv) AS tiv, min(year) AS first_year, max(year) AS last_year
RETURN s.name AS supplier, s.id AS supplier_id, deals, tiv AS tiv_delivered, first_year, last_year
ORDER BY tiv_delivered DESC, supplier
LIMIT $limit
