// name: recipients-of-supplier
// description: Recipients of a supplier by SIPRI TIV delivered over a range of delivery years
// param: supplier: actor -- the supplier: name (France), ISO 3166 alpha-3 (FRA) or id (org:nato)
// param: delivered_from: int = 1950 -- first delivery year counted
// param: delivered_to: int = 2100 -- last delivery year counted
// param: limit: int = 20 -- rows shown
// Per-year TIV as in top-suppliers-of-recipient: SIPRI's per-year values where given, else an even split.
// A classic-format deal that the transfers format also has (same supplier, recipient, weapon and order year:
// the two formats have no common key) is counted once, from the transfers format.
MATCH (s:Actor)-[rs:SUPPLIED]->(t:Transfer)-[rt:TO]->(r:Actor)
WHERE s.id = $supplier
  AND rs.current AND rt.current AND rs.pending IS NULL AND rt.pending IS NULL
OPTIONAL MATCH (s)-[ws:SUPPLIED]->(twin:Transfer)-[wt:TO]->(r), (twin)-[wo:OF]->(:WeaponSystem)<-[:OF]-(t)
WHERE t.sipri_id IS NULL AND twin.sipri_id IS NOT NULL AND twin.order_year = t.order_year
  AND ws.pending IS NULL AND wt.pending IS NULL AND wo.pending IS NULL
WITH r, t, count(twin) AS twins
WHERE twins = 0
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH r, t, i, t.delivery_years[i] AS year
WHERE year >= $delivered_from AND year <= $delivered_to
WITH r, t, CASE WHEN t.tiv_delivered_per_year IS NULL
               THEN coalesce(t.tiv_delivered, 0.0) / size(t.delivery_years)
               ELSE t.tiv_delivered_per_year[i] END AS tiv, year
WITH r, count(DISTINCT t) AS deals, sum(tiv) AS tiv, min(year) AS first_year, max(year) AS last_year
RETURN r.name AS recipient, r.id AS recipient_id, deals, tiv AS tiv_delivered, first_year, last_year
ORDER BY tiv_delivered DESC, recipient
LIMIT $limit
