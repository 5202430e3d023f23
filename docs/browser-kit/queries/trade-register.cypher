// trade-register: SIPRI-style trade register: each deal of a supplier and/or recipient ordered in a range of years, with weapon, numbers, delivery years and TIV
// supplier (actor, default): the supplier: name, ISO 3166 alpha-3 or id; empty for all
// recipient (actor, default): the recipient: name, ISO 3166 alpha-3 or id; empty for all
// ordered_from (int, default): first order year listed
// ordered_to (int, default): last order year listed
// limit (int, default): rows shown
:param supplier => '';
:param recipient => '';
:param ordered_from => 1950;
:param ordered_to => 2100;
:param limit => 500;
MATCH (anchor:Actor)
WHERE anchor.id = CASE WHEN $recipient <> '' THEN $recipient ELSE $supplier END
MATCH (anchor)-[:SUPPLIED|TO]-(deal:Transfer)
WITH DISTINCT deal AS t
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
LIMIT $limit;
