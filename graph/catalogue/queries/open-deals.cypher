// name: open-deals
// description: Deals still open: ordered but not fully delivered, largest outstanding SIPRI TIV first
// param: recipient: actor = -- the recipient: name, ISO3 or id; empty for all
// param: supplier: actor = -- the supplier: name, ISO3 or id; empty for all
// param: ordered_from: int = 1950 -- earliest order year shown
// param: limit: int = 50 -- rows shown
// Open = a known number ordered and fewer delivered. Deals without a number ordered (SIPRI: not yet known;
// the transfers export never gives one) are not listed.
// An actor given: the blocks of its DealTotals (indexed ids; the recipient's when both are given; graph/aggregates.py),
// a floor from their largest open deals as below, then each block's open deals at or above it (indexed).
OPTIONAL MATCH (x:DealTotals {recipient: $recipient})
WITH collect(x) AS to_recipient
OPTIONAL MATCH (y:DealTotals {supplier: $supplier})
WITH to_recipient, collect(y) AS from_supplier
UNWIND CASE WHEN $recipient <> '' THEN to_recipient ELSE from_supplier END AS a
WITH a
WHERE $supplier = '' OR a.supplier = $supplier
UNWIND range(0, size(coalesce(a.open_ranks, [])) - 1) AS i
WITH a.open_ranks[i] AS tiv, a.open_order_years[i] AS year
WHERE year >= $ordered_from
WITH tiv
ORDER BY tiv DESC
LIMIT $limit
WITH collect(tiv) AS top
WITH CASE WHEN size(top) >= $limit AND size(top) > 0 THEN top[size(top) - 1] ELSE 0 END AS floor
OPTIONAL MATCH (x:DealTotals {recipient: $recipient})
WITH floor, collect(x) AS to_recipient
OPTIONAL MATCH (y:DealTotals {supplier: $supplier})
WITH floor, to_recipient, collect(y) AS from_supplier
UNWIND CASE WHEN $recipient <> '' THEN to_recipient ELSE from_supplier END AS a
WITH floor, a
WHERE $supplier = '' OR a.supplier = $supplier
MATCH (t:Transfer)
WHERE t.block = a.block AND t.open_rank >= floor
WITH t
MATCH (s:Actor)-[rs:SUPPLIED]->(t)-[rt:TO]->(r:Actor)
WHERE t.number_ordered IS NOT NULL AND coalesce(t.number_delivered, 0) < t.number_ordered
  AND coalesce(t.order_year, 0) >= $ordered_from
  AND ($recipient = '' OR r.id = $recipient)
  AND ($supplier = '' OR s.id = $supplier)
OPTIONAL MATCH (t)-[ro:OF]->(w:WeaponSystem)
WITH s, r, t, w, t.number_ordered - coalesce(t.number_delivered, 0) AS outstanding,
     coalesce(t.tiv_order, 0.0) - coalesce(t.tiv_delivered, 0.0) AS tiv_outstanding
RETURN s.name AS supplier, r.name AS recipient, w.designation AS weapon, t.order_year AS order_year,
       t.number_ordered AS ordered, coalesce(t.number_delivered, 0) AS delivered, outstanding,
       tiv_outstanding, t.id AS transfer
ORDER BY tiv_outstanding DESC, order_year DESC, supplier, weapon, transfer
LIMIT $limit
UNION ALL
// No actor given: the $limit-th largest outstanding TIV among each block's largest (DealTotals.open_ranks,
// graph/aggregates.py) is a floor: at least $limit open deals are at or above it, so the first $limit rows are
// among those, read through the index on the stored open_rank (graph/deals.py: the TIV in thousandths plus
// 10^15, an integer, never 0: graph/aggregates.py says why). Too few: every open deal.
WITH $recipient AS recipient_given, $supplier AS supplier_given
WHERE recipient_given = '' AND supplier_given = ''
MATCH (a:DealTotals)
UNWIND range(0, size(coalesce(a.open_ranks, [])) - 1) AS i
WITH a.open_ranks[i] AS tiv, a.open_order_years[i] AS year
WHERE year >= $ordered_from
WITH tiv
ORDER BY tiv DESC
LIMIT $limit
WITH collect(tiv) AS top
WITH CASE WHEN size(top) >= $limit AND size(top) > 0 THEN top[size(top) - 1] ELSE 0 END AS floor
WHERE $recipient = '' AND $supplier = ''
MATCH (t:Transfer)
WHERE t.open_rank >= floor
MATCH (s:Actor)-[rs:SUPPLIED]->(t)-[rt:TO]->(r:Actor)
WHERE t.number_ordered IS NOT NULL AND coalesce(t.number_delivered, 0) < t.number_ordered
  AND coalesce(t.order_year, 0) >= $ordered_from
  AND ($recipient = '' OR r.id = $recipient)
  AND ($supplier = '' OR s.id = $supplier)
OPTIONAL MATCH (t)-[ro:OF]->(w:WeaponSystem)
WITH s, r, t, w, t.number_ordered - coalesce(t.number_delivered, 0) AS outstanding,
     coalesce(t.tiv_order, 0.0) - coalesce(t.tiv_delivered, 0.0) AS tiv_outstanding
RETURN s.name AS supplier, r.name AS recipient, w.designation AS weapon, t.order_year AS order_year,
       t.number_ordered AS ordered, coalesce(t.number_delivered, 0) AS delivered, outstanding,
       tiv_outstanding, t.id AS transfer
ORDER BY tiv_outstanding DESC, order_year DESC, supplier, weapon, transfer
LIMIT $limit
