// render-webgl.js: draws large graphs with sigma.js (WebGL) and graphology; the same view as render-vis.js.
var G = RG.data, E = G.E, R = G.R, $ = RG.$;

(RG.renderers = RG.renderers || {}).webgl = function () {
  var D = G.raw, N = D.nodes, L = D.edges, selected = {entity: null, relation: null};
  var graph = new graphology.MultiDirectedGraph();
  // Sigma's y axis points up, vis-network's down: flipped, both draw the same picture. An entity's size
  // grows with its number of relations; sigma.js labels those drawn larger than LABEL_SIZE pixels, one or
  // two per patch of the screen, so the largest are named at first and more as the reader zooms in.
  var most = Math.max.apply(null, G.byEntity.map(function (rs) { return rs.length; }).concat([1]));
  E.forEach(function (e, i) {
    var size = 2 + 6 * Math.sqrt(G.byEntity[i].length / most);
    graph.addNode(e.id, {i: i, x: N.x[i], y: -N.y[i], size: size, color: RG.alignment.colour(i), label: e.name});
  });
  var LABEL_SIZE = 5, folds = RG.folds;
  // Folded (fold.js), a line per pair and type, keyed "line k", else a line per relation, keyed by its id.
  if (folds) {
    for (var k = 0; k < folds.count; k++) {
      var line = folds.line(k), first = folds.members(k)[0];
      if (G.relSrc[first] >= 0 && G.relTgt[first] >= 0) {
        graph.addDirectedEdgeWithKey("line " + k, line.source, line.target,
                                     {line: k, color: L.color[first], size: 1, type: line.directed ? "arrow" : "line"});
      }
    }
  } else {
    R.forEach(function (r, i) {
      if (G.relSrc[i] >= 0 && G.relTgt[i] >= 0) {
        graph.addDirectedEdgeWithKey(r.id, r.source, r.target, {i: i, color: L.color[i], size: 1, type: r.directed ? "arrow" : "line"});
      }
    });
  }
  // A folded line is as wide as the log of its shown relations, and says their number where labels are drawn.
  function lineReducer(key, d) {
    var n = folds.shown().count[d.line];
    if (!n) return Object.assign({}, d, {hidden: true});
    var out = Object.assign({}, d, {size: Math.min(1 + Math.log2(n), 6), label: n > 1 ? "\u00d7" + n : ""});
    return d.line === selected.line ? Object.assign(out, {size: out.size + 3, zIndex: 1}) : out;
  }
  // Filters never touch the graph: the reducers read the shown flags at each refresh.
  var renderer = new Sigma(graph, $("graph"), {
    enableEdgeEvents: true, hideEdgesOnMove: R.length > 50000, zIndex: true, renderEdgeLabels: !!folds,
    edgeLabelSize: 11, edgeLabelFont: D.drawing.font,
    labelRenderedSizeThreshold: LABEL_SIZE, labelDensity: 0.6, labelGridCellSize: 120,
    labelFont: D.drawing.font, labelSize: 13,
    nodeReducer: function (key, d) {
      if (!RG.shown().entities[d.i]) return Object.assign({}, d, {hidden: true});
      return key === selected.entity ? Object.assign({}, d, {highlighted: true, forceLabel: true, size: Math.max(d.size, 6),
                                                             zIndex: 1}) : d;
    },
    edgeReducer: folds ? lineReducer : function (key, d) {
      if (!RG.shown().relations[d.i]) return Object.assign({}, d, {hidden: true});
      return key === selected.relation ? Object.assign({}, d, {size: 4, zIndex: 1}) : d;
    }
  });
  var camera = renderer.getCamera();
  // The keys vis-network has: arrows pan, + and - zoom, with the canvas focused.
  var graphBox = $("graph"), STEP = 0.1;
  graphBox.tabIndex = 0;
  graphBox.addEventListener("keydown", function (ev) {
    var s = camera.getState(), d = STEP * s.ratio;
    var move = {ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d]}[ev.key];
    if (move) camera.setState({x: s.x + move[0], y: s.y + move[1]});
    else if (ev.key === "+" || ev.key === "=") camera.setState({ratio: s.ratio / 1.25});
    else if (ev.key === "-") camera.setState({ratio: s.ratio * 1.25});
    else return;
    ev.preventDefault();
  });
  function refresh() { renderer.refresh(); }
  function select(entity, relation, line) {
    selected.entity = entity; selected.relation = relation;
    selected.line = folds && relation !== null ? folds.of[G.relIndex[relation]] : line;
    refresh();
  }
  return {
    afterDraw: function (f) { renderer.once("afterRender", f); },
    // readPixels waits for the GPU (here often software) to finish every queued draw.
    finish: function () {
      var px = new Uint8Array(4);
      Object.keys(renderer.webGLContexts).forEach(function (k) {
        var gl = renderer.webGLContexts[k];
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      });
      renderer.getCanvases().labels.getContext("2d").getImageData(0, 0, 1, 1);
    },
    positions: function () { return RG.byId(E, function (e, i) { return {x: N.x[i], y: N.y[i]}; }); },
    update: refresh,
    recolor: function (entIdx) {
      entIdx.forEach(function (i) { graph.setNodeAttribute(E[i].id, "color", RG.alignment.colour(i)); });
      refresh();
    },
    onClick: function (entity, relation) {
      renderer.on("clickNode", function (e) { entity(e.node); });
      renderer.on("clickEdge", function (e) {
        if (folds) RG.showLine(graph.getEdgeAttribute(e.edge, "line")); else relation(e.edge);
      });
    },
    selectEntity: function (id) { select(id, null); },
    selectRelation: function (id) { select(null, id); },
    selectLine: function (k) { select(null, null, k); },
    focus: function (id) {
      var d = renderer.getNodeDisplayData(id);
      if (d) camera.setState({x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.1)});
    },
    fit: function () { camera.setState({x: 0.5, y: 0.5, ratio: 1, angle: 0}); },
    physics: function () {},
    // Relations without both ends are not in the graph, so not listed; sigma.js draws no curves.
    drawn: function () {
      var box = $("graph").getBoundingClientRect(), out = {physics: false, entities: {}, relations: {}};
      if (folds) out.lines = {};
      graph.forEachNode(function (key, a) {
        var p = renderer.graphToViewport(a), d = renderer.getNodeDisplayData(key) || {};
        out.entities[key] = {x: box.left + p.x, y: box.top + p.y, hidden: d.hidden === true, selected: d.highlighted === true, color: a.color,
                             labelled: renderer.displayedNodeLabels.has(key)};
      });
      graph.forEachEdge(function (key, a) {
        var d = renderer.getEdgeDisplayData(key) || {};
        if (!folds) out.relations[key] = {hidden: d.hidden === true, selected: key === selected.relation, curve: null};
        else out.lines[a.line] = {hidden: d.hidden === true, selected: a.line === selected.line, label: d.label || ""};
      });
      // Folded, a relation is drawn as its line, and shown on it while that line counts it.
      if (folds) {
        R.forEach(function (r, i) {
          var line = out.lines[folds.of[i]];
          if (line) out.relations[r.id] = {hidden: line.hidden || !RG.shown().relations[i], selected: r.id === selected.relation,
                                          curve: null, line: folds.of[i]};
        });
      }
      return out;
    }
  };
};
