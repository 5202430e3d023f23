// category-transfers-to-country: Deliveries of one weapon category to a country, year by year (deals, suppliers, SIPRI TIV)
// recipient (actor, example): the recipient: a name (Ukraine), ISO 3166 alpha-3 (UKR) or id
// category (category, example): a weapon category: name, key or id (armoured vehicles, armoured-vehicles, 'Air defence systems')
// delivered_from (int, default): first delivery year shown
// delivered_to (int, default): last delivery year shown
:param recipient => 'country:UKR';
:param category => 'category:cluster-munitions';
:param delivered_from => 1950;
:param delivered_to => 2100;
MATCH (c:WeaponCategory)<-[rc:IN_CATEGORY]-(w:WeaponSystem)<-[ro:OF]-(t:Transfer)-[rt:TO]->(r:Actor)
WHERE r.id = $recipient
  AND rc.pending IS NULL
  AND c.id = $category
MATCH (s:Actor)-[rs:SUPPLIED]->(t)
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH s, t, w, i, t.delivery_years[i] AS year
WHERE year >= $delivered_from AND year <= $delivered_to
WITH year, s, t, w, CASE WHEN t.tiv_delivered_per_year IS NULL
                        THEN coalesce(t.tiv_delivered, 0.0) / size(t.delivery_years)
                        ELSE t.tiv_delivered_per_year[i] END AS tiv
RETURN year, count(DISTINCT t) AS deals, sum(tiv) AS tiv_delivered,
       collect(DISTINCT s.name) AS suppliers, collect(DISTINCT w.designation) AS weapons
ORDER BY year;
