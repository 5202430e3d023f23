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
LIMIT $limit;
