// name: pledged-not-delivered
// description: Commitments and text reports (pledged, announced, approved, ordered) with no delivery on record after N months: not in any SIPRI delivery, no report of delivery
// param: recipient: actor = country:UKR -- the recipient: name, ISO 3166 alpha-3 or id
// param: months: int = 12 -- how long after the first report a delivery should be on record
// param: as_of: date = today -- the date the months are counted to (ISO)
// param: limit: int = 200 -- rows shown
// A deal is delivered when its resolved stage is 'delivered' (a SIPRI delivery year, a tracker or text report of
// delivery: the most advanced stage of its records wins). A deal matched to a SIPRI deal takes SIPRI's stage.
// Anchored on the tracker and text Reports (indexed source: they grow with trackers and news, not with SIPRI
// exports), then their deals to the recipient.
UNWIND ['tracker', 'text'] AS source
MATCH (rep:Report {source: source})
WITH rep
MATCH (rep)-[:REPORTS]->(t:Transfer)-[:TO]->(r:Actor)
WHERE r.id = $recipient
  AND t.stage IN ['requested', 'considered', 'announced', 'approved', 'pledged', 'ordered', 'contracted'] AND t.date IS NOT NULL
MATCH (s:Actor)-[:SUPPLIED]->(t)
WITH s, r, t, collect(DISTINCT rep.source) AS sources, min(rep.date) AS first_reported
WITH s, r, t, sources, first_reported,
     toInteger(substring($as_of, 0, 4)) * 12
     + toInteger(CASE WHEN size($as_of) >= 7 THEN substring($as_of, 5, 2) ELSE '12' END)
     - toInteger(substring(first_reported, 0, 4)) * 12
     - toInteger(CASE WHEN size(first_reported) >= 7 THEN substring(first_reported, 5, 2) ELSE '06' END) AS waited
WHERE waited >= $months
OPTIONAL MATCH (t)-[o:OF]->(w:WeaponSystem)
RETURN s.name AS supplier, r.name AS recipient, w.designation AS weapon, o.number AS number, t.stage AS stage,
       first_reported, waited AS months_waited, sources, t.id AS transfer
ORDER BY months_waited DESC, supplier, weapon, transfer
LIMIT $limit
