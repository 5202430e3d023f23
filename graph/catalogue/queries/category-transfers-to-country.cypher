// name: category-transfers-to-country
// description: Deliveries of one weapon category to a country, year by year (deals, suppliers, SIPRI TIV)
// param: recipient: actor -- the recipient: a name (Ukraine), ISO 3166 alpha-3 (UKR) or id
// param: category: category -- a weapon category: name, key or id (armoured vehicles, armoured-vehicles, 'Air defence systems')
// param: delivered_from: int = 1950 -- first delivery year shown
// param: delivered_to: int = 2100 -- last delivery year shown
// Per-year TIV: SIPRI's per-year values where the export gave them, else the deal's TIV spread evenly.
// Each Transfer is one deal (its Reports resolved into it): plain counts and sums count every deal once.
// Read from WeaponTotals (one per recipient and weapon, indexed 'recipient|weapon' key; graph/aggregates.py):
// the category's weapons through the live IN_CATEGORY edges, then each one's deliveries to the recipient per
// supplier and year (deals and TIV summed per supplier and year when the deals were resolved). A deal has one
// weapon, so the deals of a year add up across weapons and suppliers.
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
ORDER BY year
