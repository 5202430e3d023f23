// name: recipients-of-supplier
// description: Recipients of a supplier by SIPRI TIV delivered over a range of delivery years
// param: supplier: actor -- the supplier: name (France), ISO 3166 alpha-3 (FRA) or id (org:nato)
// param: delivered_from: int = 1950 -- first delivery year counted
// param: delivered_to: int = 2100 -- last delivery year counted
// param: limit: int = 20 -- rows shown
// Per-year TIV as in top-suppliers-of-recipient: SIPRI's per-year values where given, else an even split.
// Each Transfer is one deal (its Reports resolved into it): plain counts and sums count every deal once.
// Read from the supplier's DealTotals (one per recipient, indexed supplier id; graph/aggregates.py), counted
// as in top-suppliers-of-recipient.
MATCH (a:DealTotals {supplier: $supplier})
WITH a, coalesce(a.delivery_years, []) AS years
WITH a, years, [i IN range(0, size(years) - 1) WHERE years[i] >= $delivered_from AND years[i] <= $delivered_to] AS inside
WHERE size(inside) > 0
MATCH (r:Actor {id: a.recipient})
WITH r, a, years, inside,
     reduce(n = 0, i IN range(0, size(years) - 1) |
            n + CASE WHEN years[i] <= $delivered_to THEN a.run_starts[i] ELSE 0 END
              - CASE WHEN years[i] < $delivered_from THEN a.run_ends[i] ELSE 0 END)
     - size([j IN range(0, size(coalesce(a.gap_from, [])) - 1)
             WHERE a.gap_from[j] >= $delivered_from AND a.gap_to[j] <= $delivered_to]) AS deals
WITH r, sum(deals) AS deals, sum(reduce(x = 0.0, i IN inside | x + a.tiv_per_year[i])) AS tiv,
     min(years[inside[0]]) AS first_year, max(years[inside[size(inside) - 1]]) AS last_year
RETURN r.name AS recipient, r.id AS recipient_id, deals, tiv AS tiv_delivered, first_year, last_year
ORDER BY tiv_delivered DESC, recipient
LIMIT $limit
