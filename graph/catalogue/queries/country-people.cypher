// name: country-people
// description: People in positions of a country, its ministries and other bodies on a date (today by default), with their dates
// param: country: actor -- a state or organisation: name (United States), ISO 3166 alpha-3 (USA) or id (org:us-dod)
// param: date: date = today -- the date asked about: YYYY-MM-DD (or YYYY-MM, YYYY; today if not given)
// param: history: bool = false -- also list positions that ended before the date or began after it
// param: limit: int = 100 -- rows shown
// status: 'held' when the position's since/until cover the date (at the precision of both: since 2021 covers 2021-05);
// 'undated' when the source gives no dates (a news report naming "President Trump"): it may or may not be held on the
// date, so it is listed, marked, never hidden; 'ended' / 'later' (with history=true) when the dates fall before / after.
// reported: the latest date of a dated document naming the position (when a source last said so). Held first,
// then undated, ended, later; by person.
// Anchored on the actor (indexed id): it and the bodies PART_OF it, then the positions OF them.
MATCH (c:Actor {id: $country})
OPTIONAL MATCH (part)-[rp:PART_OF]->(c)
WHERE rp.pending IS NULL
WITH c, collect(part) AS parts
UNWIND [c] + parts AS o
MATCH (p:Person)-[rh:HOLDS]->(pos:Position)-[ro:OF]->(o)
WHERE rh.pending IS NULL AND ro.pending IS NULL
WITH DISTINCT p, pos, o
WITH p, pos, o,
     CASE WHEN pos.since IS NULL AND pos.until IS NULL THEN 'undated'
          WHEN left(coalesce(pos.since, ''), size($date)) > $date THEN 'later'
          WHEN pos.until IS NOT NULL AND pos.until < left($date, size(coalesce(pos.until, $date))) THEN 'ended'
          ELSE 'held' END AS status
WHERE $history OR status IN ['held', 'undated']
OPTIONAL MATCH (pos)-[:SOURCED_FROM]->(d:Document)
WHERE d.pending IS NULL
WITH p, pos, o, status, max(d.date) AS reported
RETURN p.name AS person, pos.title AS position, o.name AS of, pos.since AS since, pos.until AS until, status,
       reported
ORDER BY CASE status WHEN 'held' THEN 0 WHEN 'undated' THEN 1 WHEN 'ended' THEN 2 ELSE 3 END, person, since
LIMIT $limit
