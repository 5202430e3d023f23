// open-deals: Deals still open: ordered but not fully delivered, largest outstanding SIPRI TIV first
// recipient (actor, default): the recipient: name, ISO3 or id; empty for all
// supplier (actor, default): the supplier: name, ISO3 or id; empty for all
// ordered_from (int, default): earliest order year shown
// limit (int, default): rows shown
:param recipient => '';
:param supplier => '';
:param ordered_from => 1950;
:param limit => 50;
MATCH (anchor:Actor)
WHERE anchor.id = CASE WHEN $recipient <> '' THEN $recipient ELSE $supplier END
MATCH (anchor)-[:SUPPLIED|TO]-(deal:Transfer)
WITH DISTINCT deal AS t
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
// No actor given: every open deal, read through the index on the stored outstanding (graph/deals.py).
WITH $recipient AS recipient_given, $supplier AS supplier_given
WHERE recipient_given = '' AND supplier_given = ''
MATCH (t:Transfer)
WHERE t.outstanding > 0
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
LIMIT $limit;
