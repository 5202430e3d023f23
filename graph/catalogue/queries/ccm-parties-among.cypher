// name: ccm-parties-among
// description: Members of a group (NATO by default) and their status under a treaty (the CCM by default) on a date
// param: group: str = org:nato -- Organization id or name whose member states are listed (MEMBER_OF)
// param: treaty: str = ccm -- treaty key or short name
// param: date: str = 2100-01-01 -- the date asked about, YYYY-MM-DD
// Membership of the group counts when its since/until (if known) cover the date. Status as in treaty-status-on-date
// ('no record' where no loaded table lists the state),
// one row per PARTY_TO source table.
MATCH (g:Organization)
WHERE (g.id = $group OR g.name = $group OR g.key = $group) AND g.pending IS NULL
MATCH (c:Country)-[m:MEMBER_OF]->(g)
WHERE (m.since IS NULL OR m.since <= $date) AND (m.until IS NULL OR m.until > $date) AND m.pending IS NULL
WITH DISTINCT g, c
MATCH (t:Treaty)
WHERE (t.key = $treaty OR t.short_name = $treaty OR t.id = $treaty) AND t.pending IS NULL
OPTIONAL MATCH (c)-[p:PARTY_TO]->(t)
WHERE p.pending IS NULL
WITH g, c, t, p, coalesce(p.ratified, p.accession) AS joined
WITH g, c, t, p, joined,
     p.bound_from AS bound_from
WITH g, c, t, p, joined, bound_from,
     CASE WHEN p IS NULL THEN 'no record'
          WHEN p.withdrew IS NOT NULL AND p.withdrew <= $date THEN 'withdrawn'
          WHEN bound_from IS NOT NULL AND bound_from <= $date THEN 'party'
          WHEN joined IS NOT NULL AND joined <= $date THEN 'joined, not yet in force'
          WHEN p.signed IS NOT NULL AND p.signed <= $date THEN 'signatory'
          ELSE 'not a party' END AS status
RETURN g.name AS group_name, c.name AS member, c.iso3 AS iso3, t.short_name AS treaty, status,
       p.signed AS signed, joined AS joined, bound_from AS bound_from, p.withdrew AS withdrew, p.source AS source
ORDER BY status, member, source
