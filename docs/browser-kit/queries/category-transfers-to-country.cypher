// category-transfers-to-country: Deliveries of one weapon category to a country, year by year (deals, suppliers, SIPRI TIV)
// recipient (str, example): ISO 3166 alpha-3 of the recipient (e.g. UKR) or an Actor id
// category (str, example): WeaponCategory key, name or id (e.g. armoured-vehicles, 'Air defence systems')
// from_year (int, default): first delivery year shown
// to_year (int, default): last delivery year shown
:param recipient => 'UKR';
:param category => 'cluster-munitions';
:param from_year => 1950;
:param to_year => 2100;
MATCH (c:WeaponCategory)<-[:IN_CATEGORY]-(w:WeaponSystem)<-[ro:OF]-(t:Transfer)-[rt:TO]->(r:Actor)
WHERE (r.iso3 = $recipient OR r.id = $recipient)
  AND ro.current AND rt.current
  AND (c.key = $category OR c.name = $category OR c.id = $category)
MATCH (s:Actor)-[rs:SUPPLIED]->(t)
WHERE rs.current
OPTIONAL MATCH (s)-[:SUPPLIED]->(twin:Transfer)-[:TO]->(r), (twin)-[:OF]->(:WeaponSystem)<-[:OF]-(t)
WHERE t.sipri_id IS NULL AND twin.sipri_id IS NOT NULL AND twin.order_year = t.order_year
WITH s, t, w, count(twin) AS twins
WHERE twins = 0
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH s, t, w, i, t.delivery_years[i] AS year
WHERE year >= $from_year AND year <= $to_year
WITH year, s, t, w, CASE WHEN t.tiv_delivered_per_year IS NULL
                        THEN coalesce(t.tiv_delivered, 0.0) / size(t.delivery_years)
                        ELSE t.tiv_delivered_per_year[i] END AS tiv
RETURN year, count(DISTINCT t) AS deals, sum(tiv) AS tiv_delivered,
       collect(DISTINCT s.name) AS suppliers, collect(DISTINCT w.designation) AS weapons
ORDER BY year;
