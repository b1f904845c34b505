// Reads an export back with the JavaScript library its users have, and prints what it read as JSON:
//   node read_export.js gexf FILE        graphology-gexf (the parser Gephi Lite imports with)
//   node read_export.js cytoscape FILE   Cytoscape.js, headless, with the file's stylesheet applied
'use strict';
const fs = require('fs');

const [format, path] = process.argv.slice(2);
const text = fs.readFileSync(path, 'utf8');
let read;
if (format === 'gexf') {
  const Graph = require('graphology');
  const gexf = require('graphology-gexf');
  const g = gexf.parse(Graph, text);
  read = {
    type: g.type,
    multi: g.multi,
    meta: g.getAttributes(),
    nodes: g.mapNodes((id, attributes) => ({id, attributes})),
    edges: g.mapEdges((id, attributes, source, target, s, t, undirected) =>
      ({id, source, target, undirected, attributes})),
  };
} else if (format === 'cytoscape') {
  const cytoscape = require('cytoscape');
  const doc = JSON.parse(text);
  const cy = cytoscape({headless: true, styleEnabled: true});
  cy.json(doc); // as an app loads a .cyjs file: elements, style and data
  read = {
    data: cy.data(),
    nodes: cy.nodes().map((n) => ({data: n.data(), position: n.position(), classes: n.classes(),
      shape: n.style('shape'), color: n.style('background-color')})),
    edges: cy.edges().map((e) => ({data: e.data(), classes: e.classes(), color: e.style('line-color'),
      lineStyle: e.style('line-style'), arrow: e.style('target-arrow-shape')})),
  };
  cy.destroy();
} else {
  throw new Error('unknown format ' + format);
}
// Cytoscape.js keeps timers alive: exit once the answer is out.
process.stdout.write(JSON.stringify(read), () => process.exit(0));
