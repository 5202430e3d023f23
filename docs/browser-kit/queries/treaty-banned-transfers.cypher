// treaty-banned-transfers: Transfers of weapons in a category a treaty prohibits, where the supplier or the recipient was bound by it at the order or a delivery date
// treaty (treaty, default): the treaty whose 'prohibits' categories are used: key, short name or name
// limit (int, default): rows shown
:param treaty => 'treaty:ccm';
:param limit => 200;
MATCH (tr:Treaty)
WHERE (tr.id = $treaty) AND tr.pending IS NULL
UNWIND tr.prohibits AS prohibited
MATCH (w:WeaponSystem)-[rc:IN_CATEGORY]->(cat:WeaponCategory {key: prohibited})
WHERE rc.pending IS NULL
MATCH (s:Actor)-[rs:SUPPLIED]->(t:Transfer)-[ro:OF]->(w)
MATCH (t)-[rt:TO]->(r:Actor)
OPTIONAL MATCH (s)-[ps:PARTY_TO]->(tr)
WHERE ps.pending IS NULL
OPTIONAL MATCH (r)-[pr:PARTY_TO]->(tr)
WHERE pr.pending IS NULL
WITH tr, cat, w, t, s, r, ps, pr,
     CASE WHEN t.date IS NOT NULL THEN [t.date, t.date]
          WHEN t.order_year IS NOT NULL THEN [toString(t.order_year) + '-01-01', toString(t.order_year) + '-12-31']
          END AS ordered,
     [y IN coalesce(t.delivery_years, []) | [toString(y) + '-01-01', toString(y) + '-12-31']] AS delivered
WITH tr, cat, w, t, s, r, ordered, delivered,
     [d IN [ordered] + delivered WHERE d IS NOT NULL AND ps.bound_from IS NOT NULL AND ps.bound_from <= d[1]
        AND (ps.withdrew IS NULL OR ps.withdrew > d[0])] AS s_bound,
     [d IN [ordered] + delivered WHERE d IS NOT NULL AND pr.bound_from IS NOT NULL AND pr.bound_from <= d[1]
        AND (pr.withdrew IS NULL OR pr.withdrew > d[0])] AS r_bound
WHERE size(s_bound) > 0 OR size(r_bound) > 0
RETURN DISTINCT tr.short_name AS treaty, cat.name AS category, w.designation AS weapon, s.name AS supplier,
       size(s_bound) > 0 AS supplier_bound, r.name AS recipient, size(r_bound) > 0 AS recipient_bound,
       coalesce(t.date, toString(t.order_year)) AS order_date, t.delivery_years AS delivery_years, t.stage AS stage, t.id AS transfer
ORDER BY order_date, supplier, recipient
LIMIT $limit;
