// treaty-status-on-date: Was a state bound by a treaty on a date: party, joined but not yet in force, signatory only, withdrawn, not a party, or no record
// country (str, example): ISO 3166 alpha-3 (e.g. GBR, SUN) or a Country id (country:GBR)
// treaty (str, default): treaty key or short name (ccm, att, apmbc, cwc, bwc, ccw, npt, tpnw, ctbt)
// date (str, default): the date asked about, YYYY-MM-DD
:param country => 'USA';
:param treaty => 'ccm';
:param date => '2100-01-01';
MATCH (c:Country)
WHERE c.iso3 = $country OR c.id = $country
MATCH (t:Treaty)
WHERE t.key = $treaty OR t.short_name = $treaty OR t.id = $treaty
OPTIONAL MATCH (c)-[p:PARTY_TO]->(t)
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
