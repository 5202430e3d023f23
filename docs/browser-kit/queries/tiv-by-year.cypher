// tiv-by-year: SIPRI TIV delivered per year by one supplier (to each recipient) or to one recipient (from each supplier), like SIPRI's exporter and importer tables
// supplier (actor, default): the supplier: name, ISO 3166 alpha-3 or id; give this or recipient
// recipient (actor, default): the recipient: name, ISO 3166 alpha-3 or id; give this or supplier
// delivered_from (int, default): first delivery year counted
// delivered_to (int, default): last delivery year counted
// limit (int, default): rows shown (one per partner and year; a page: raise it for a whole table)
:param supplier => '';
:param recipient => '';
:param delivered_from => 1950;
:param delivered_to => 2100;
:param limit => 500;
OPTIONAL MATCH (x:DealTotals {recipient: $recipient})
WITH collect(x) AS to_recipient
OPTIONAL MATCH (y:DealTotals {supplier: $supplier})
WITH to_recipient, collect(y) AS from_supplier
UNWIND CASE WHEN $recipient <> '' THEN to_recipient ELSE from_supplier END AS a
WITH a
WHERE $supplier = '' OR a.supplier = $supplier
MATCH (partner:Actor {id: CASE WHEN $supplier <> '' THEN a.recipient ELSE a.supplier END})
UNWIND range(0, size(coalesce(a.sipri_years, [])) - 1) AS i
WITH partner, a.sipri_years[i] AS year, a.sipri_tiv_per_year[i] AS tiv
WHERE year >= $delivered_from AND year <= $delivered_to
WITH partner, year, sum(tiv) AS tiv
RETURN partner.name AS partner, partner.id AS partner_id, year, tiv AS tiv_delivered
ORDER BY partner, year
LIMIT $limit;
