// name: regime-members-supplying
// description: Members of an export-control regime (Wassenaar by default) that supplied a recipient, with deals and TIV
// param: recipient: actor -- the recipient: name, ISO 3166 alpha-3 (UKR) or id
// param: regime: organization = org:wassenaar-arrangement -- the regime: name or id (Wassenaar Arrangement, org:mtcr, org:australia-group, org:nsg)
// param: ordered_from: int = 1950 -- first order year counted
// param: ordered_to: int = 2100 -- last order year counted
// param: limit: int = 50 -- rows shown
// Membership is as the regime table states it (the EAR lists are as of their eCFR date: no accession dates),
// so a supplier is listed when it is a member per any loaded source. TIV is a volume indicator, not money.
// Only deals with an order year count (SIPRI's; transfers reported in news have none: see reported-transfers), and a
// classic-format deal the transfers format also has counts once, as in top-suppliers-of-recipient.
MATCH (g:Organization)
WHERE (g.id = $regime) AND g.pending IS NULL
// Read from the recipient's DealTotals (one per supplier, indexed recipient id; graph/aggregates.py): deals and
// TIV per order year, then whether each supplier is a member.
MATCH (a:DealTotals {recipient: $recipient})
MATCH (s:Country {id: a.supplier})
MATCH (s)-[m:MEMBER_OF]->(g)
WHERE m.pending IS NULL
WITH DISTINCT g, s, a
UNWIND range(0, size(coalesce(a.order_years, [])) - 1) AS i
WITH g, s, a.order_years[i] AS year, a.deals_per_order_year[i] AS deals, a.tiv_per_order_year[i] AS tiv
WHERE year >= $ordered_from AND year <= $ordered_to
RETURN g.name AS regime, s.name AS supplier, s.iso3 AS iso3, sum(deals) AS deals,
       sum(tiv) AS tiv_delivered, min(year) AS first_order, max(year) AS last_order
ORDER BY tiv_delivered DESC, supplier
LIMIT $limit
