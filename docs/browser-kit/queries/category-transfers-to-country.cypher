// category-transfers-to-country: Deliveries of one weapon category to a country, year by year (deals, suppliers, SIPRI TIV)
// recipient (actor, example): the recipient: a name (Ukraine), ISO 3166 alpha-3 (UKR) or id
// category (category, example): a weapon category: name, key or id (armoured vehicles, armoured-vehicles, 'Air defence systems')
// delivered_from (int, default): first delivery year shown
// delivered_to (int, default): last delivery year shown
:param recipient => 'country:UKR';
:param category => 'category:cluster-munitions';
:param delivered_from => 1950;
:param delivered_to => 2100;
MATCH (r:Actor {id: $recipient})<-[rt:TO]-(t:Transfer)
WITH r, t
MATCH (t)-[ro:OF]->(w:WeaponSystem)-[rc:IN_CATEGORY]->(c:WeaponCategory)
WHERE rc.pending IS NULL
  AND c.id = $category
MATCH (s:Actor)-[rs:SUPPLIED]->(t)
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH s, t, w, t.delivery_years[i] AS year, t.tiv_per_year[i] AS tiv
WHERE year >= $delivered_from AND year <= $delivered_to
RETURN year, count(DISTINCT t) AS deals, sum(tiv) AS tiv_delivered,
       collect(DISTINCT s.name) AS suppliers, collect(DISTINCT w.designation) AS weapons
ORDER BY year;
