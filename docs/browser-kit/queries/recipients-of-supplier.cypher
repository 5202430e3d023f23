// recipients-of-supplier: Recipients of a supplier by SIPRI TIV delivered over a range of delivery years
// supplier (actor, example): the supplier: name (France), ISO 3166 alpha-3 (FRA) or id (org:nato)
// delivered_from (int, default): first delivery year counted
// delivered_to (int, default): last delivery year counted
// limit (int, default): rows shown
:param supplier => 'country:USA';
:param delivered_from => 1950;
:param delivered_to => 2100;
:param limit => 20;
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
LIMIT $limit;
