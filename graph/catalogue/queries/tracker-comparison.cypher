// name: tracker-comparison
// description: Per donor, an aid tracker's committed totals (Kiel) beside the graph's transfers to the same recipient, from every source
// param: recipient: actor = country:UKR -- the recipient: name, ISO 3166 alpha-3 or id
// param: source: str = kiel-r29 -- the tracker release whose totals are compared (AID_TOTAL.source)
// param: limit: int = 100 -- rows shown
// The tracker's totals are reference figures (AID_TOTAL), not deals: items and EUR as the tracker counts them.
// The graph's side counts deals (Transfers: a SIPRI deal, a tracker commitment and a text report of the same
// delivery are one) and the numbers they carry (ordered, else the number on OF).
MATCH (d:Actor)-[a:AID_TOTAL]->(r:Actor)
WHERE r.id = $recipient AND a.source = $source AND a.pending IS NULL
WITH d, r, sum(coalesce(a.number, 0)) AS tracker_items, sum(coalesce(a.value_eur, 0.0)) AS tracker_eur,
     collect(a.category) AS tracker_categories
// The graph's side is the block's DealTotals (one supplier and recipient), written with its Transfers: the number of
// deals and their items, without reading the deals (a hub pair holds tens of thousands).
OPTIONAL MATCH (x:DealTotals {supplier: d.id})
WHERE x.recipient = r.id
WITH d, tracker_items, tracker_eur, tracker_categories, coalesce(x.deals, 0) AS graph_transfers,
     coalesce(x.items, 0) AS graph_items
RETURN d.name AS donor, d.id AS donor_id, toInteger(tracker_items) AS tracker_items,
       toInteger(round(tracker_eur / 1000000.0)) AS tracker_eur_millions,
       graph_transfers, toInteger(graph_items) AS graph_items, tracker_categories
ORDER BY tracker_items DESC, donor
LIMIT $limit
