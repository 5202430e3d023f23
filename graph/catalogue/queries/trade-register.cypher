// name: trade-register
// description: SIPRI-style trade register: each deal of a supplier and/or recipient ordered in a range of years, with weapon, numbers, delivery years and TIV
// param: supplier: actor = -- the supplier: name, ISO 3166 alpha-3 or id; empty for all
// param: recipient: actor = -- the recipient: name, ISO 3166 alpha-3 or id; empty for all
// param: ordered_from: int = 1950 -- first order year listed
// param: ordered_to: int = 2100 -- last order year listed
// param: limit: int = 100 -- rows shown (a page; raise it for more of the register)
// one of: supplier, recipient
// SIPRI deals only (a text report or a tracker commitment is not a register entry). A classic-format deal that
// the transfers format also has (same supplier, recipient, weapon and order year) is listed once, from the
// transfers format. Give a supplier or a recipient (or both): the whole register is large.
// Read through DealTotals (one per supplier and recipient, indexed ids; graph/aggregates.py): the register is
// sorted by supplier, recipient and order year, so only the blocks with fewer than $limit SIPRI deals before
// them can show, each up to the order year where the rows before reach $limit; their Transfers are read by
// block and order year (indexed).
OPTIONAL MATCH (x:DealTotals {recipient: $recipient})
WITH collect(x) AS to_recipient
OPTIONAL MATCH (y:DealTotals {supplier: $supplier})
WITH to_recipient, collect(y) AS from_supplier
UNWIND CASE WHEN $recipient <> '' THEN to_recipient ELSE from_supplier END AS a
WITH a
WHERE $supplier = '' OR a.supplier = $supplier
WITH a, coalesce(a.order_years, []) AS years
WITH a, [i IN range(0, size(years) - 1)
         WHERE years[i] >= $ordered_from AND years[i] <= $ordered_to AND a.sipri_deals_per_order_year[i] > 0
         | [years[i], a.sipri_deals_per_order_year[i]]] AS listed
WHERE size(listed) > 0
MATCH (sa:Actor {id: a.supplier})
MATCH (ra:Actor {id: a.recipient})
// Blocks in register order (two actors of one name make one group), with the rows before each group.
WITH sa.name AS s_name, ra.name AS r_name, collect({block: a.block, listed: listed}) AS group,
     sum(reduce(n = 0, y IN listed | n + y[1])) AS n
ORDER BY s_name, r_name
WITH collect({group: group, n: n}) AS groups
WITH groups, reduce(acc = [0], g IN groups | acc + [acc[size(acc) - 1] + g.n]) AS before
UNWIND range(0, size(groups) - 1) AS i
WITH groups[i].group AS group, before[i] AS before
WHERE before < $limit
UNWIND group AS b
// Within a block, up to the order year where the rows before reach $limit (a group of several: all years).
WITH b, [k IN range(0, size(b.listed) - 1)
         WHERE size(group) = 1 AND before + reduce(n = 0, y IN b.listed[0..k + 1] | n + y[1]) >= $limit
         | b.listed[k][0]] + [$ordered_to] AS last_years
MATCH (t:Transfer)
WHERE t.block = b.block AND t.order_year >= $ordered_from AND t.order_year <= last_years[0]
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
