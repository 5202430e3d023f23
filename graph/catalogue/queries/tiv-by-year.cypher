// name: tiv-by-year
// description: SIPRI TIV delivered per year by one supplier (to each recipient) or to one recipient (from each supplier), like SIPRI's exporter and importer tables
// param: supplier: actor = -- the supplier: name, ISO 3166 alpha-3 or id; give this or recipient
// param: recipient: actor = -- the recipient: name, ISO 3166 alpha-3 or id; give this or supplier
// param: delivered_from: int = 1950 -- first delivery year counted
// param: delivered_to: int = 2100 -- last delivery year counted
// param: limit: int = 500 -- rows shown (one per partner and year; a page: raise it for a whole table)
// one of: supplier, recipient
// One row per partner and delivery year, TIV as in top-suppliers-of-recipient (SIPRI's per-year values, else the
// deal's TIV spread over its delivery years; each deal once). TIV is a
// volume indicator, not money. Pivot the csv output for a partner x year table.
// Read from DealTotals (one per supplier and recipient, indexed ids; graph/aggregates.py): the SIPRI deals'
// TIV per delivery year of each block, the recipient's blocks when it is given, else the supplier's.
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
LIMIT $limit
