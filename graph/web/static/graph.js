// The drawing of a query's result with cytoscape.js (served from this server: npm, pinned in package-lock.json).
// Colours are the Browser kit's (graph/kit/style.py), passed in each node's data; captions are the nodes' captions.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var data = document.getElementById("graph-data");
  if (!holder || !data || typeof cytoscape !== "function") { return; }
  var elements = JSON.parse(data.textContent);
  var cy = cytoscape({
    container: holder,
    elements: elements.nodes.concat(elements.edges),
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", "border-color": "#555", "border-width": 1,
        "label": "data(caption)", "font-size": 12, "color": "#1d2330", "text-valign": "bottom", "text-margin-y": 4,
        "text-wrap": "ellipsis", "text-max-width": 160, "width": 26, "height": 26,
        "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: "node[label = 'Transfer'], node[label = 'Claim']", style: { "width": 14, "height": 14, "font-size": 9 } },
      { selector: "edge", style: {
        "width": "mapData(paths, 1, 100, 1, 6)", "line-color": "#A5ABB6", "target-arrow-color": "#A5ABB6", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "label": elements.edges.length <= 40 ? "data(type)" : "", "font-size": 9, "color": "#5b6473", "text-rotation": "autorotate" } }
    ],
    layout: { name: "cose", animate: false, padding: 30, nodeDimensionsIncludeLabels: true, randomize: true,
              nodeRepulsion: function () { return 400000; }, idealEdgeLength: function () { return 120; } }
  });
  cy.on("tap", "node", function (ev) { window.location.href = ev.target.data("href"); });
  window.armsgraphCy = cy;  // for the browser tests: the drawing's own state
})();
