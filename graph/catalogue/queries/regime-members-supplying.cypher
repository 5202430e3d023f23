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
// Anchored on the recipient (indexed id): its deals, then whether each supplier is a member.
MATCH (r:Actor {id: $recipient})<-[rt:TO]-(deal:Transfer)
WITH g, r, deal AS t
WHERE t.order_year >= $ordered_from AND t.order_year <= $ordered_to
MATCH (s:Country)-[rs:SUPPLIED]->(t)
MATCH (s)-[m:MEMBER_OF]->(g)
WHERE m.pending IS NULL
WITH DISTINCT g, s, t
RETURN g.name AS regime, s.name AS supplier, s.iso3 AS iso3, count(DISTINCT t) AS deals,
       sum(coalesce(t.tiv_delivered, 0.0)) AS tiv_delivered, min(t.order_year) AS first_order,
       max(t.order_year) AS last_order
ORDER BY tiv_delivered DESC, supplier
LIMIT $limit
