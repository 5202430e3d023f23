// name: recipients-of-supplier
// description: Recipients of a supplier by SIPRI TIV delivered over a range of delivery years
// param: supplier: actor -- the supplier: name (France), ISO 3166 alpha-3 (FRA) or id (org:nato)
// param: delivered_from: int = 1950 -- first delivery year counted
// param: delivered_to: int = 2100 -- last delivery year counted
// param: limit: int = 20 -- rows shown
// Per-year TIV as in top-suppliers-of-recipient: SIPRI's per-year values where given, else an even split.
// Each Transfer is one deal (its Reports resolved into it): plain counts and sums count every deal once.
// Anchored on the supplier (indexed id); tiv_per_year is stored with each Transfer (graph/deals.py).
MATCH (s:Actor {id: $supplier})-[rs:SUPPLIED]->(t:Transfer)-[rt:TO]->(r:Actor)
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH r, t, t.delivery_years[i] AS year, t.tiv_per_year[i] AS tiv
WHERE year >= $delivered_from AND year <= $delivered_to
WITH r, count(DISTINCT t) AS deals, sum(tiv) AS tiv, min(year) AS first_year, max(year) AS last_year
RETURN r.name AS recipient, r.id AS recipient_id, deals, tiv AS tiv_delivered, first_year, last_year
ORDER BY tiv_delivered DESC, recipient
LIMIT $limit
