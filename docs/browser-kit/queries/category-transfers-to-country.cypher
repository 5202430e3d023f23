// category-transfers-to-country: Deliveries of one weapon category to a country, year by year (deals, suppliers, SIPRI TIV)
// recipient (actor, example): the recipient: a name (Ukraine), ISO 3166 alpha-3 (UKR) or id
// category (category, example): a weapon category: name, key or id (armoured vehicles, armoured-vehicles, 'Air defence systems')
// delivered_from (int, default): first delivery year shown
// delivered_to (int, default): last delivery year shown
:param recipient => 'country:UKR';
:param category => 'category:cluster-munitions';
:param delivered_from => 1950;
:param delivered_to => 2100;
MATCH (r:Actor {id: $recipient})
MATCH (c:WeaponCategory {id: $category})<-[rc:IN_CATEGORY]-(w:WeaponSystem)
WHERE rc.pending IS NULL
WITH DISTINCT w
MATCH (x:WeaponTotals)
WHERE x.key = $recipient + '|' + w.id
UNWIND range(0, size(x.years) - 1) AS i
WITH w, x.suppliers[i] AS supplier, x.years[i] AS year, x.deals[i] AS deals, x.tiv[i] AS tiv
WHERE year >= $delivered_from AND year <= $delivered_to
WITH year, sum(deals) AS deals, sum(tiv) AS tiv, collect(DISTINCT supplier) AS supplier_ids,
     collect(DISTINCT w.designation) AS weapons
UNWIND supplier_ids AS supplier_id
MATCH (s:Actor {id: supplier_id})
WITH year, deals, tiv, weapons, collect(DISTINCT s.name) AS suppliers
RETURN year, deals, tiv AS tiv_delivered, suppliers, weapons
ORDER BY year;
