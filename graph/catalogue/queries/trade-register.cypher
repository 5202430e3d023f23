// name: trade-register
// description: SIPRI-style trade register: each deal of a supplier and/or recipient ordered in a range of years, with weapon, numbers, delivery years and TIV
// param: supplier: actor = -- the supplier: name, ISO 3166 alpha-3 or id; empty for all
// param: recipient: actor = -- the recipient: name, ISO 3166 alpha-3 or id; empty for all
// param: ordered_from: int = 1950 -- first order year listed
// param: ordered_to: int = 2100 -- last order year listed
// param: limit: int = 500 -- rows shown
// one of: supplier, recipient
// SIPRI deals only (a text report or a tracker commitment is not a register entry). A classic-format deal that
// the transfers format also has (same supplier, recipient, weapon and order year) is listed once, from the
// transfers format. Give a supplier or a recipient (or both): the whole register is large.
// Read through DealTotals (one per supplier and recipient, indexed ids; graph/aggregates.py): the register is
// sorted by supplier, recipient and order year, so only the blocks (and within them the order years) with fewer
// than $limit SIPRI deals before them can show; their Transfers are read by block and order year (indexed).
OPTIONAL MATCH (x:DealTotals {recipient: $recipient})
WITH collect(x) AS to_recipient
OPTIONAL MATCH (y:DealTotals {supplier: $supplier})
WITH to_recipient, collect(y) AS from_supplier
UNWIND CASE WHEN $recipient <> '' THEN to_recipient ELSE from_supplier END AS a
WITH a
WHERE $supplier = '' OR a.supplier = $supplier
MATCH (sa:Actor {id: a.supplier})
MATCH (ra:Actor {id: a.recipient})
WITH sa.name AS s_name, ra.name AS r_name, a, coalesce(a.order_years, []) AS years
WITH s_name, r_name, a,
     [i IN range(0, size(years) - 1)
      WHERE years[i] >= $ordered_from AND years[i] <= $ordered_to AND a.sipri_deals_per_order_year[i] > 0] AS inside
WITH s_name, r_name, a, inside, reduce(n = 0, i IN inside | n + a.sipri_deals_per_order_year[i]) AS listed
WHERE listed > 0
WITH collect({s: s_name, r: r_name, a: a, inside: inside, n: listed}) AS blocks
UNWIND blocks AS b
WITH b, reduce(n = 0, x IN blocks |
               n + CASE WHEN x.s < b.s OR (x.s = b.s AND x.r < b.r) THEN x.n ELSE 0 END) AS before
WHERE before < $limit
UNWIND b.inside AS i
WITH b, b.a.order_years[i] AS year,
     before + reduce(n = 0, j IN b.inside | n + CASE WHEN b.a.order_years[j] < b.a.order_years[i]
                                                    THEN b.a.sipri_deals_per_order_year[j] ELSE 0 END) AS before_year
WHERE before_year < $limit
MATCH (t:Transfer {block: b.a.block, order_year: year})
WITH t
WHERE t.vintage IS NOT NULL
MATCH (s:Actor)-[rs:SUPPLIED]->(t)-[rt:TO]->(r:Actor)
WHERE ($supplier = '' OR s.id = $supplier) AND ($recipient = '' OR r.id = $recipient)
  AND t.vintage IS NOT NULL AND t.order_year >= $ordered_from AND t.order_year <= $ordered_to
OPTIONAL MATCH (t)-[ro:OF]->(w:WeaponSystem)
OPTIONAL MATCH (w)-[rc:IN_CATEGORY]->(c:WeaponCategory {vocabulary: 'sipri'})
WHERE rc.pending IS NULL
RETURN s.name AS supplier, r.name AS recipient, t.order_year AS ordered, t.number_ordered AS number_ordered,
       w.designation AS weapon, w.description AS description, collect(DISTINCT c.name) AS category,
       t.number_delivered AS number_delivered, t.delivery_years AS delivery_years, t.status AS status,
       t.tiv_unit AS tiv_unit, t.tiv_delivered AS tiv_delivered, t.comments AS comments, t.id AS transfer
ORDER BY supplier, recipient, ordered, weapon, transfer
LIMIT $limit
