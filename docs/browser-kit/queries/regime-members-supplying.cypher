// regime-members-supplying: Members of an export-control regime (Wassenaar by default) that supplied a recipient, with deals and TIV
// recipient (actor, example): the recipient: name, ISO 3166 alpha-3 (UKR) or id
// regime (organization, default): the regime: name or id (Wassenaar Arrangement, org:mtcr, org:australia-group, org:nsg)
// ordered_from (int, default): first order year counted
// ordered_to (int, default): last order year counted
// limit (int, default): rows shown
:param recipient => 'country:UKR';
:param regime => 'org:wassenaar-arrangement';
:param ordered_from => 1950;
:param ordered_to => 2100;
:param limit => 50;
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
LIMIT $limit;
