// regime-members-supplying: Members of an export-control regime (Wassenaar by default) that supplied a recipient, with deals and TIV
// recipient (str, example): ISO 3166 alpha-3 of the recipient (e.g. UKR) or an Actor id
// regime (str, default): regime Organization id or name (org:mtcr, org:australia-group, org:nsg)
// from_year (int, default): first order year counted
// to_year (int, default): last order year counted
// limit (int, default): rows shown
:param recipient => 'UKR';
:param regime => 'org:wassenaar-arrangement';
:param from_year => 1950;
:param to_year => 2100;
:param limit => 50;
MATCH (g:Organization)
WHERE g.id = $regime OR g.name = $regime OR g.key = $regime
MATCH (s:Country)-[m:MEMBER_OF]->(g)
WITH DISTINCT g, s
MATCH (s)-[rs:SUPPLIED]->(t:Transfer)-[rt:TO]->(r:Actor)
WHERE (r.iso3 = $recipient OR r.id = $recipient)
  AND rs.current AND rt.current
  AND t.order_year >= $from_year AND t.order_year <= $to_year
OPTIONAL MATCH (s)-[:SUPPLIED]->(twin:Transfer)-[:TO]->(r), (twin)-[:OF]->(:WeaponSystem)<-[:OF]-(t)
WHERE t.sipri_id IS NULL AND twin.sipri_id IS NOT NULL AND twin.order_year = t.order_year
WITH g, s, t, count(twin) AS twins
WHERE twins = 0
RETURN g.name AS regime, s.name AS supplier, s.iso3 AS iso3, count(DISTINCT t) AS deals,
       sum(coalesce(t.tiv_delivered, 0.0)) AS tiv_delivered, min(t.order_year) AS first_order,
       max(t.order_year) AS last_order
ORDER BY tiv_delivered DESC, supplier
LIMIT $limit;
