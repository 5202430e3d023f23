// top-suppliers-of-recipient: Top suppliers of a recipient by SIPRI TIV delivered over a range of delivery years
// recipient (actor, example): the recipient: name (Ukraine), ISO 3166 alpha-3 (UKR) or id (nsa:..., org:...)
// delivered_from (int, default): first delivery year counted
// delivered_to (int, default): last delivery year counted
// limit (int, default): rows shown
:param recipient => 'country:UKR';
:param delivered_from => 1950;
:param delivered_to => 2100;
:param limit => 20;
MATCH (r:Actor {id: $recipient})<-[rt:TO]-(t:Transfer)<-[rs:SUPPLIED]-(s:Actor)
UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i
WITH s, t, t.delivery_years[i] AS year, t.tiv_per_year[i] AS tiv
WHERE year >= $delivered_from AND year <= $delivered_to
WITH s, count(DISTINCT t) AS deals, sum(tiv) AS tiv, min(year) AS first_year, max(year) AS last_year
RETURN s.name AS supplier, s.id AS supplier_id, deals, tiv AS tiv_delivered, first_year, last_year
ORDER BY tiv_delivered DESC, supplier
LIMIT $limit;
