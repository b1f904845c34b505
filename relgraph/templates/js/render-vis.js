// render-vis.js: draws with vis-network (dashes, curves, shapes, tooltips, physics).
//
// A renderer (RG.renderers.vis here, .webgl in render-webgl.js) is a function returning a view with:
//   afterDraw(f)          call f once, after the next frame drawn
//   finish()              wait for the drawing's queued work (the pixels are there when it returns)
//   update(entIdx, relIdx)  show or hide these rows (indices into RG.data.E / RG.data.R) as RG.shown() says
//   recolor(entIdx)       draw these entities in RG.alignment.colour(i) (by kind, camp or community)
//   onClick(entity, relation)  call entity(id) or relation(id) when one is clicked
//   selectEntity(id), selectRelation(id), focus(id) (centre on an entity), fit(), physics(on)
//   mode(name)            "graph": the network's positions; "map": the map's (map.js), drawn over the map
//   drawn()               what it draws, read back from the library (see main.js: api.drawn)
//   positions()           {id: {x, y}}: where each entity is, in the map's own units (for the images)
var G = RG.data, E = G.E, R = G.R, T = RG.text, $ = RG.$;
function kindOf(i) { return G.kinds[E[i].kind] || {shape: "dot", color: "#777777"}; }

(RG.renderers = RG.renderers || {}).vis = function () {
  var D = G.raw, N = D.nodes, L = D.edges, shown = RG.shown(), onMap = RG.map.on();
  var start = onMap ? RG.map.positions() : null;
  var nodes = new vis.DataSet(E.map(function (e, i) {
    return {id: e.id, label: N.label[i], x: start ? start[e.id].x : N.x[i], y: start ? start[e.id].y : N.y[i],
            shape: kindOf(i).shape, color: RG.alignment.colour(i),
            title: e.name + "\n" + T.kindLabel(e.kind) + (e.aliases ? "\n" + e.aliases.split("|").join(", ") : ""),
            hidden: !shown.entities[i], physics: !!shown.entities[i]};
  }));
  var edges = new vis.DataSet(R.map(function (r, i) {
    var e = {id: r.id, from: r.source, to: r.target, color: L.color[i], title: T.tooltip(r),
             hidden: !shown.relations[i], physics: !!shown.relations[i]};
    if (r.directed) e.arrows = "to";
    if (L.dashes[i] !== null) e.dashes = L.dashes[i];
    if (L.curve[i] !== null) e.smooth = {enabled: true, type: L.curve[i] > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(L.curve[i])};
    return e;
  }));
  var network = new vis.Network($("graph"), {nodes: nodes, edges: edges}, {
    physics: {enabled: D.physics && !onMap, stabilization: {iterations: 200},
              barnesHut: {springLength: 170, gravitationalConstant: -8000, centralGravity: 0.1, avoidOverlap: 0.5}},
    interaction: {hover: true, tooltipDelay: 150, dragNodes: !onMap, hideEdgesOnDrag: R.length > 5000, hideEdgesOnZoom: R.length > 5000,
                  keyboard: {enabled: true, bindToWindow: false, autoFocus: false}},
    nodes: {size: D.drawing.node, font: {size: D.drawing.size, face: D.drawing.font, strokeWidth: 3, strokeColor: "#fff"}},
    // Straight by default (vis-network would add a physics support node per edge); parallel ones carry a curve.
    edges: {width: 2, selectionWidth: 2, smooth: false, arrows: {to: {scaleFactor: .6}}}
  });
  // A box of the canvas (left, top, right, bottom in canvas units) in page coordinates.
  function pageBox(box, frame) {
    var a = network.canvasToDOM({x: box.left, y: box.top}), b = network.canvasToDOM({x: box.right, y: box.bottom});
    return {left: frame.left + a.x, top: frame.top + a.y, right: frame.left + b.x, bottom: frame.top + b.y};
  }
  // Fitting shows the whole map, labels included (its extent comes from Python), whatever is shown: the
  // view does not jump as the date or the filters change. Until the reader pans or zooms, the view fits
  // again whenever the canvas changes size (a notebook tab shown for the first time, a phone turned).
  // Once entities have moved (physics, dragging), vis-network's own fit takes over.
  var MARGIN = 12, moved = false, rearranged = D.physics, physicsOn = D.physics, saved = null;
  function fit() {
    var X = onMap ? RG.map.extent : D.drawing.extent;
    if (rearranged && !onMap) { network.fit({animation: false}); return; }
    var w = $("graph").clientWidth, h = $("graph").clientHeight;
    if (!w || !h) return;
    var scale = Math.min((w - 2 * MARGIN) / Math.max(X.right - X.left, 1), (h - 2 * MARGIN) / Math.max(X.bottom - X.top, 1));
    network.moveTo({position: {x: (X.left + X.right) / 2, y: (X.top + X.bottom) / 2}, scale: Math.max(scale, 0.02),
                    animation: false});
  }
  // The map under everything else, in the canvas's units: it pans and zooms with the entities.
  network.on("beforeDrawing", function (ctx) { if (onMap) RG.map.paint(ctx, network.getScale()); });
  network.on("dragEnd", function (p) { if (p.nodes.length) rearranged = true; else moved = true; });
  network.on("zoom", function () { moved = true; });
  if (window.ResizeObserver) new ResizeObserver(function () { if (!moved) fit(); }).observe($("graph"));
  fit();
  // vis-network listens for its keys (arrows pan, + and - zoom) on its own frame, which takes the focus:
  // the frame, not its container, is what a screen reader announces.
  var frame = $("graph").querySelector(".vis-network");
  ["role", "aria-label"].forEach(function (a) {
    frame.setAttribute(a, $("graph").getAttribute(a));
    $("graph").removeAttribute(a);
  });
  function flags(rows, on, idx) {
    return idx.map(function (i) { return {id: rows[i].id, hidden: !on[i], physics: !!on[i]}; });
  }
  return {
    afterDraw: function (f) { network.once("afterDrawing", f); },
    // Reading a pixel back makes the browser rasterise what the canvas was told to draw.
    finish: function () { $("graph").querySelector("canvas").getContext("2d").getImageData(0, 0, 1, 1); },
    positions: function () { return network.getPositions(); },
    // Only the items whose visibility changed are updated: a filter change at 30,000 relations stays cheap.
    update: function (entIdx, relIdx) {
      var now = RG.shown();
      if (entIdx.length) nodes.update(flags(E, now.entities, entIdx));
      if (relIdx.length) edges.update(flags(R, now.relations, relIdx));
    },
    recolor: function (entIdx) {
      nodes.update(entIdx.map(function (i) { return {id: E[i].id, color: RG.alignment.colour(i)}; }));
    },
    onClick: function (entity, relation) {
      network.on("click", function (p) {
        if (p.nodes.length) entity(p.nodes[0]);
        else if (p.edges.length) relation(p.edges[0]);
      });
    },
    selectEntity: function (id) { network.selectNodes([id]); },
    selectRelation: function (id) { network.selectEdges([id]); },
    focus: function (id) {
      moved = true;
      network.focus(id, {scale: Math.max(network.getScale(), 1), animation: false});
    },
    fit: function () { moved = false; fit(); },
    physics: function (on) {
      physicsOn = on;
      rearranged = rearranged || on;
      network.setOptions({physics: {enabled: on && !onMap}});
    },
    // On the map every entity stays at its place (no physics, no dragging); back on the network, where it was.
    mode: function (name) {
      var map = name === "map";
      if (map === onMap) return;
      if (map) saved = network.getPositions();
      // A page opened on the map goes to the network's positions computed in Python.
      var to = map ? RG.map.positions() : saved || RG.byId(E, function (e, i) { return {x: N.x[i], y: N.y[i]}; });
      onMap = map;
      network.setOptions({physics: {enabled: physicsOn && !map}, interaction: {dragNodes: !map}});
      nodes.update(E.map(function (e) { return {id: e.id, x: to[e.id].x, y: to[e.id].y}; }));
      moved = false;
      fit();
    },
    drawn: function () {
      var box = $("graph").querySelector("canvas").getBoundingClientRect();
      var pos = network.getPositions(E.map(function (e) { return e.id; }));
      var onN = network.getSelectedNodes(), onE = network.getSelectedEdges();
      var out = {physics: network.physics.options.enabled, entities: {}, relations: {}};
      E.forEach(function (e) {
        var p = network.canvasToDOM(pos[e.id]);
        var n = network.body.nodes[e.id], size = n.labelModule.size, r = n.options.size;
        out.entities[e.id] = {x: box.left + p.x, y: box.top + p.y, hidden: !!nodes.get(e.id).hidden, color: nodes.get(e.id).color,
                              selected: onN.indexOf(e.id) >= 0, label: n.options.label,
                              symbol: pageBox({left: pos[e.id].x - r, top: pos[e.id].y - r, right: pos[e.id].x + r,
                                               bottom: pos[e.id].y + r}, box),
                              labelBox: pageBox({left: size.left, top: size.top, right: size.left + size.width,
                                                 bottom: size.top + size.height}, box)};
      });
      R.forEach(function (r) {
        var s = network.body.edges[r.id] && network.body.edges[r.id].options.smooth;
        out.relations[r.id] = {hidden: !!edges.get(r.id).hidden, selected: onE.indexOf(r.id) >= 0,
                               curve: s && s.enabled ? s.type : null};
      });
      return out;
    }
  };
};
