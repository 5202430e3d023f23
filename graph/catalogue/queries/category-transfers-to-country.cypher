// name: category-transfers-to-country
// description: Deliveries of one weapon category to a country, year by year (deals, suppliers, SIPRI TIV)
// param: recipient: actor -- the recipient: a name (Ukraine), ISO 3166 alpha-3 (UKR) or id
// param: category: category -- a weapon category: name, key or id (armoured vehicles, armoured-vehicles, 'Air defence systems')
// param: delivered_from: int = 1950 -- first delivery year shown
// param: delivered_to: int = 2100 -- last delivery year shown
// Per-year TIV: SIPRI's per-year values where the export gave them, else the deal's TIV spread evenly.
// A classic-format deal that the transfers format also has (same supplier, recipient, weapon and order year:
// the two formats have no common key) is counted once, from the transfers format.
MATCH (c:WeaponCategory)<-[rc:IN_CATEGORY]-(w:WeaponSystem)<-[ro:OF]-(t:Transfer)-[rt:TO]->(r:Actor)
WHERE r.id = $recipient
  AND ro.current AND rt.current
  AND rc.pending IS NULL AND ro.pending IS NULL AND rt.pending IS NULL
  AND c.id = $category
MATCH (s:Actor)-[rs:SUPPLIED]->(t)
WHERE rs.current AND rs.pending IS NULL
OPTIONAL MATCH (s)-[ws:SUPPLIED]->(twin:Transfer)-[wt:TO]->(r), (twin)-[wo:OF]->(:WeaponSystem)<-[:OF]-(t)
WHERE t.sipri_id IS NULL AND twin.sipri_id IS NOT NULL AND twin.order_year = t.order_year
  AND ws.pending IS NULL AND wt.pending IS NULL AND wo.pending IS NULL
WITH s, t, w, count(twin) AS twins
WHERE twins = 0
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH s, t, w, i, t.delivery_years[i] AS year
WHERE year >= $delivered_from AND year <= $delivered_to
WITH year, s, t, w, CASE WHEN t.tiv_delivered_per_year IS NULL
                        THEN coalesce(t.tiv_delivered, 0.0) / size(t.delivery_years)
                        ELSE t.tiv_delivered_per_year[i] END AS tiv
RETURN year, count(DISTINCT t) AS deals, sum(tiv) AS tiv_delivered,
       collect(DISTINCT s.name) AS suppliers, collect(DISTINCT w.designation) AS weapons
ORDER BY year
