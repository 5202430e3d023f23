// name: category-transfers-to-country
// description: Deliveries of one weapon category to a country, year by year (deals, suppliers, SIPRI TIV)
// param: recipient: actor -- the recipient: a name (Ukraine), ISO 3166 alpha-3 (UKR) or id
// param: category: category -- a weapon category: name, key or id (armoured vehicles, armoured-vehicles, 'Air defence systems')
// param: delivered_from: int = 1950 -- first delivery year shown
// param: delivered_to: int = 2100 -- last delivery year shown
// Per-year TIV: SIPRI's per-year values where the export gave them, else the deal's TIV spread evenly.
// Each Transfer is one deal (its Reports resolved into it): plain counts and sums count every deal once.
// Anchored on the recipient (indexed id): its deals, then their weapons' categories.
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
ORDER BY year
