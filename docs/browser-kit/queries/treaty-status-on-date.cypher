// treaty-status-on-date: Was a state bound by a treaty on a date: party, joined but not yet in force, signatory only, withdrawn, not a party, or no record
// country (country, example): a state: name (United Kingdom), ISO 3166 alpha-3 (GBR, SUN) or id
// treaty (treaty, default): the treaty: key or name (ccm, att, apmbc, cwc, bwc, ccw, npt, tpnw, ctbt)
// date (date, default): the date asked about: YYYY-MM-DD (or YYYY-MM, YYYY)
:param country => 'country:USA';
:param treaty => 'treaty:ccm';
:param date => '2100-01-01';
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
ORDER BY source;
