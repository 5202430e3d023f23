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
UNWIND range(0, size(x.years_all) - 1) AS i
WITH w, x, i, x.years_all[i] AS year
WHERE year >= $delivered_from AND year <= $delivered_to
WITH year, sum(x.deals_all[i]) AS deals, sum(x.tiv_all[i]) AS tiv,
     collect(x.suppliers_all[x.suppliers_from[i]..x.suppliers_to[i]]) AS supplier_lists,
     collect(DISTINCT w.designation) AS weapons
UNWIND supplier_lists AS supplier_list
UNWIND supplier_list AS supplier_id
WITH year, deals, tiv, weapons, collect(DISTINCT supplier_id) AS supplier_ids
UNWIND supplier_ids AS supplier_id
MATCH (s:Actor {id: supplier_id})
WITH year, deals, tiv, weapons, collect(DISTINCT s.name) AS suppliers
RETURN year, deals, tiv AS tiv_delivered, suppliers, weapons
ORDER BY year;
