// family-transfers: Every transfer of a weapon family, from every source (SIPRI, trackers, text), with its documents and citations
// family (family, example): the weapon family: key, name or id (patriot, 'Leopard 2', family:iris-t)
// recipient (actor, default): the recipient: name, ISO 3166 alpha-3 or id; empty for all
// limit (int, default): rows shown
:param family => 'family:patriot';
:param recipient => '';
:param limit => 200;
MATCH (f:WeaponFamily)<-[rf:IN_FAMILY]-(w:WeaponSystem)<-[ro:OF]-(t:Transfer)-[:TO]->(r:Actor)
WHERE f.id = $family
  AND rf.pending IS NULL
  AND ($recipient = '' OR r.id = $recipient)
MATCH (s:Actor)-[:SUPPLIED]->(t)
// The order is known before the sources are read: only the rows shown read their Reports and documents.
WITH s, r, w, rf, ro, t
ORDER BY coalesce(t.date, toString(t.order_year)) DESC, s.name, w.designation, t.id
LIMIT $limit
OPTIONAL MATCH (rep:Report)-[:REPORTS]->(t)
OPTIONAL MATCH (rep)-[p:SOURCED_FROM]->(d:Document)
WHERE d.pending IS NULL
WITH s, r, w, rf, ro, t, collect(DISTINCT rep.source) AS sources, collect(DISTINCT coalesce(d.title, d.path)) AS documents,
     collect(p.citations) AS cited
RETURN s.name AS supplier, r.name AS recipient, w.designation AS weapon, rf.role AS role, t.stage AS stage,
       t.date AS date, t.order_year AS order_year, t.delivery_years AS delivery_years,
       coalesce(ro.number, t.number_ordered) AS number, t.number_delivered AS delivered, sources, documents,
       reduce(cs = [], found IN cited | cs + [c IN coalesce(found, []) WHERE NOT c IN cs]) AS citations,
       t.id AS transfer
ORDER BY coalesce(t.date, toString(t.order_year)) DESC, supplier, weapon, transfer
LIMIT $limit;
