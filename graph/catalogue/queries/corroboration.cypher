// name: corroboration
// description: Each deal with its records by source type (SIPRI vintages and formats, trackers, text): who says it, how it was matched, how sure
// param: recipient: actor = -- the recipient: name, ISO 3166 alpha-3 or id; empty for all
// param: supplier: actor = -- the supplier: name, ISO 3166 alpha-3 or id; empty for all
// param: min_sources: int = 1 -- only deals reported by at least this many kinds of source (2: corroborated)
// param: limit: int = 100 -- rows shown
// one of: supplier, recipient
// A Transfer is one deal; its Reports are what each source says about it, joined by the deal resolver's rules
// (rule, score on REPORTS; docs/transfers.md). sources counts kinds of source, records counts Reports.
// Read through DealTotals (one per supplier and recipient, indexed ids; graph/aggregates.py): the rows are
// sorted by corroboration_rank (kinds of source, Reports, date as one number, stored and indexed with each
// Transfer), and the $limit-th largest of each block's largest ranks (top_ranks) is a floor: at least $limit
// deals are at or above it, so the first $limit rows are among those (too few: every deal of the blocks).
OPTIONAL MATCH (x:DealTotals {recipient: $recipient})
WITH collect(x) AS to_recipient
OPTIONAL MATCH (y:DealTotals {supplier: $supplier})
WITH to_recipient, collect(y) AS from_supplier
UNWIND CASE WHEN $recipient <> '' THEN to_recipient ELSE from_supplier END AS a
WITH a
WHERE $supplier = '' OR a.supplier = $supplier
UNWIND coalesce(a.top_ranks, []) AS rank
WITH rank
WHERE rank >= $min_sources * 1000000000000
WITH rank
ORDER BY rank DESC
LIMIT $limit
WITH collect(rank) AS top
WITH CASE WHEN size(top) >= $limit AND size(top) > 0 THEN top[size(top) - 1] ELSE -1 END AS floor
OPTIONAL MATCH (x:DealTotals {recipient: $recipient})
WITH floor, collect(x) AS to_recipient
OPTIONAL MATCH (y:DealTotals {supplier: $supplier})
WITH floor, to_recipient, collect(y) AS from_supplier
UNWIND CASE WHEN $recipient <> '' THEN to_recipient ELSE from_supplier END AS a
WITH floor, a
WHERE $supplier = '' OR a.supplier = $supplier
MATCH (t:Transfer)
WHERE t.block = a.block AND t.corroboration_rank >= floor
WITH t
MATCH (s:Actor)-[:SUPPLIED]->(t)-[:TO]->(r:Actor)
WHERE ($supplier = '' OR s.id = $supplier) AND ($recipient = '' OR r.id = $recipient)
  AND ($supplier <> '' OR $recipient <> '')
  AND size(coalesce(t.sources, [])) >= $min_sources
// The order is known before the Reports are read (records: how many REPORT the deal, stored with it): only
// the rows shown read them.
WITH s, r, t
ORDER BY size(t.sources) DESC, t.records DESC, coalesce(t.date, toString(t.order_year)) DESC, s.name, t.id
LIMIT $limit
MATCH (rep:Report)-[m:REPORTS]->(t)
OPTIONAL MATCH (t)-[:OF]->(w:WeaponSystem)
WITH s, r, t, w, rep, m
ORDER BY rep.source, rep.vintage, rep.id
WITH s, r, t, w, collect(rep.source + CASE WHEN rep.vintage IS NULL THEN '' ELSE ' ' + substring(rep.vintage, 0, 10) END
                         + ' (' + m.rule + ' ' + toString(m.score) + ')') AS records, min(m.score) AS weakest
RETURN s.name AS supplier, r.name AS recipient, w.designation AS weapon, t.stage AS stage,
       coalesce(t.date, toString(t.order_year)) AS date, size(t.sources) AS sources, size(records) AS reports,
       records, weakest, t.id AS transfer
ORDER BY sources DESC, reports DESC, date DESC, supplier, transfer
LIMIT $limit
