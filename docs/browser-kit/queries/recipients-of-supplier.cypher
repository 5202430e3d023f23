// recipients-of-supplier: Recipients of a supplier by SIPRI TIV delivered over a range of delivery years
// supplier (actor, example): the supplier: name (France), ISO 3166 alpha-3 (FRA) or id (org:nato)
// delivered_from (int, default): first delivery year counted
// delivered_to (int, default): last delivery year counted
// limit (int, default): rows shown
:param supplier => 'country:USA';
:param delivered_from => 1950;
:param delivered_to => 2100;
:param limit => 20;
MATCH (s:Actor {id: $supplier})-[rs:SUPPLIED]->(t:Transfer)-[rt:TO]->(r:Actor)
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH r, t, t.delivery_years[i] AS year, t.tiv_per_year[i] AS tiv
WHERE year >= $delivered_from AND year <= $delivered_to
WITH r, count(DISTINCT t) AS deals, sum(tiv) AS tiv, min(year) AS first_year, max(year) AS last_year
RETURN r.name AS recipient, r.id AS recipient_id, deals, tiv AS tiv_delivered, first_year, last_year
ORDER BY tiv_delivered DESC, recipient
LIMIT $limit;
