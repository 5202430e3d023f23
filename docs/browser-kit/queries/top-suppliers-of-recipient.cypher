// top-suppliers-of-recipient: Top suppliers of a recipient by SIPRI TIV delivered over a range of delivery years
// recipient (actor, example): the recipient: name (Ukraine), ISO 3166 alpha-3 (UKR) or id (nsa:..., org:...)
// delivered_from (int, default): first delivery year counted
// delivered_to (int, default): last delivery year counted
// limit (int, default): rows shown
:param recipient => 'country:UKR';
:param delivered_from => 1950;
:param delivered_to => 2100;
:param limit => 20;
MATCH (a:DealTotals {recipient: $recipient})
WITH a, coalesce(a.delivery_years, []) AS years
WITH a, years, [i IN range(0, size(years) - 1) WHERE years[i] >= $delivered_from AND years[i] <= $delivered_to] AS inside
WHERE size(inside) > 0
MATCH (s:Actor {id: a.supplier})
WITH s, a, years, inside,
     reduce(n = 0, i IN range(0, size(years) - 1) |
            n + CASE WHEN years[i] <= $delivered_to THEN a.run_starts[i] ELSE 0 END
              - CASE WHEN years[i] < $delivered_from THEN a.run_ends[i] ELSE 0 END)
     - size([j IN range(0, size(coalesce(a.gap_from, [])) - 1)
             WHERE a.gap_from[j] >= $delivered_from AND a.gap_to[j] <= $delivered_to]) AS deals
WITH s, sum(deals) AS deals, sum(reduce(x = 0.0, i IN inside | x + a.tiv_per_year[i])) AS tiv,
     min(years[inside[0]]) AS first_year, max(years[inside[size(inside) - 1]]) AS last_year
RETURN s.name AS supplier, s.id AS supplier_id, deals, tiv AS tiv_delivered, first_year, last_year
ORDER BY tiv_delivered DESC, supplier
LIMIT $limit;
