// name: treaty-status-on-date
// description: Was a state bound by a treaty on a date: party, joined but not yet in force, signatory only, withdrawn, not a party, or no record
// param: country: country -- a state: name (United Kingdom), ISO 3166 alpha-3 (GBR, SUN) or id
// param: treaty: treaty = treaty:ccm -- the treaty: key or name (ccm, att, apmbc, cwc, bwc, ccw, npt, tpnw, ctbt)
// param: date: date = 2100-01-01 -- the date asked about: YYYY-MM-DD (or YYYY-MM, YYYY)
// Bound from (PARTY_TO.bound_from, computed when the table is loaded) = the state's entry into force, from the table
// or the treaty's own article, else the later of its ratification or accession and the treaty's entry into force.
// No PARTY_TO edge from any loaded table is 'no record', never 'not a party': a missing row in a partial
// table (the shared CCM table stops at E) says nothing. A signature alone binds to nothing; a withdrawal ends the status on its date. One row per source table
// (PARTY_TO is kept per source): where two tables disagree, both rows show.
MATCH (c:Country)
WHERE (c.id = $country) AND c.pending IS NULL
MATCH (t:Treaty)
WHERE (t.id = $treaty) AND t.pending IS NULL
OPTIONAL MATCH (c)-[p:PARTY_TO]->(t)
WHERE p.pending IS NULL
WITH c, t, p, coalesce(p.ratified, p.accession) AS joined
WITH c, t, p, joined,
     p.bound_from AS bound_from
RETURN c.name AS country, c.iso3 AS iso3, t.short_name AS treaty, $date AS on_date,
       CASE WHEN p IS NULL THEN 'no record'
            WHEN p.withdrew IS NOT NULL AND p.withdrew <= $date THEN 'withdrawn'
            WHEN bound_from IS NOT NULL AND bound_from <= $date THEN 'party'
            WHEN joined IS NOT NULL AND joined <= $date THEN 'joined, not yet in force'
            WHEN p.signed IS NOT NULL AND p.signed <= $date THEN 'signatory'
            ELSE 'not a party' END AS status,
       p.signed AS signed, p.ratified AS ratified, p.accession AS accession, bound_from AS bound_from,
       p.withdrew AS withdrew, p.source AS source
ORDER BY source
