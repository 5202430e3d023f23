// name: top-suppliers-of-recipient
// description: Top suppliers of a recipient by SIPRI TIV delivered over a range of delivery years
// param: recipient: actor -- the recipient: name (Ukraine), ISO 3166 alpha-3 (UKR) or id (nsa:..., org:...)
// param: delivered_from: int = 1950 -- first delivery year counted
// param: delivered_to: int = 2100 -- last delivery year counted
// param: limit: int = 20 -- rows shown
// A deal's TIV counts for the delivery years inside the range: SIPRI's per-year values where the export
// gave them (transfers format), else the deal's TIV spread evenly over its delivery years (classic format).
// TIV is a volume indicator, not money.
// Each Transfer is one deal (its Reports resolved into it): plain counts and sums count every deal once.
// Anchored on the recipient (indexed id); tiv_per_year is stored with each Transfer (graph/deals.py).
MATCH (r:Actor {id: $recipient})<-[rt:TO]-(t:Transfer)<-[rs:SUPPLIED]-(s:Actor)
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH s, t, t.delivery_years[i] AS year, t.tiv_per_year[i] AS tiv
WHERE year >= $delivered_from AND year <= $delivered_to
WITH s, count(DISTINCT t) AS deals, sum(tiv) AS tiv, min(year) AS first_year, max(year) AS last_year
RETURN s.name AS supplier, s.id AS supplier_id, deals, tiv AS tiv_delivered, first_year, last_year
ORDER BY tiv_delivered DESC, supplier
LIMIT $limit
