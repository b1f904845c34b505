// render-webgl.js: draws large graphs with sigma.js (WebGL) and graphology; the same view as render-vis.js.
var G = RG.data, E = G.E, R = G.R, $ = RG.$;

// sigma.js finds what lies under the pointer in a second drawing of every program, in colours that are ids,
// which it redraws at every frame. On a large graph that is drawn only when the pointer asks (hovering, a
// click), once for each frame drawn since: a change or a move of the camera no longer pays for it.
function lazyPicking(renderer) {
  var params = null, stale = false;
  function programs() {
    return Object.keys(renderer.nodePrograms).map(function (k) { return renderer.nodePrograms[k]; })
      .concat(Object.keys(renderer.edgePrograms).map(function (k) { return renderer.edgePrograms[k]; }))
      .filter(function (p) { return p.lazyPick || p.pickProgram; });
  }
  programs().forEach(function (p) {
    var draw = p.render;
    p.lazyPick = p.pickProgram;
    p.render = function (t) {
      p.pickProgram = null;
      draw.call(p, t);
      p.pickProgram = p.lazyPick;
      params = t;
      stale = true;
    };
  });
  function pick() {
    if (!stale || !params) return;
    stale = false;
    var ratio = params.pixelRatio / params.downSizingRatio, at = Object.assign({}, params, {pixelRatio: ratio});
    programs().forEach(function (p) {
      if (p.hasNothingToRender()) return;
      var info = p.lazyPick;
      info.gl.viewport(0, 0, params.width * ratio, params.height * ratio);
      p.bindProgram(info);
      p.renderProgram(at, info);
      p.unbindProgram(info);
    });
  }
  ["getNodeAtPosition", "getEdgeAtPoint"].forEach(function (name) {
    var find = renderer[name];
    renderer[name] = function () { pick(); return find.apply(renderer, arguments); };
  });
}

(RG.renderers = RG.renderers || {}).webgl = function () {
  var D = G.raw, N = D.nodes, L = D.edges, selected = {entity: null, relation: null};
  var graph = new graphology.MultiDirectedGraph();
  // Sigma's y axis points up, vis-network's down: flipped, both draw the same picture. An entity's size
  // grows with its number of relations; sigma.js labels those drawn larger than LABEL_SIZE pixels, one or
  // two per patch of the screen, so the largest are named at first and more as the reader zooms in.
  // A loop, not Math.max.apply: 333,333 arguments overflow the stack (a page of 1,000,000 relations failed so).
  var most = G.byEntity.reduce(function (m, rs) { return Math.max(m, rs.length); }, 1);
  E.forEach(function (e, i) {
    var size = 2 + 6 * Math.sqrt(G.byEntity[i].length / most);
    graph.addNode(e.id, {i: i, x: N.x[i], y: -N.y[i], size: size, color: RG.alignment.colour(i), label: e.name});
  });
  var LABEL_SIZE = 5, SELECTED = "#111111", folds = RG.folds;
  // Folded (fold.js), a line per pair and type, keyed "line k", else a line per relation, keyed by its id.
  var drawnLine = new Uint8Array(folds ? folds.count : 0);  // whether line k is in the graph (both ends known)
  if (folds) {
    var F = D.folds;  // its columns read directly: a million lines, no object or list made for each
    for (var k = 0; k < folds.count; k++) {
      var first = folds.first(k);
      if (G.relSrc[first] >= 0 && G.relTgt[first] >= 0) {
        drawnLine[k] = 1;
        graph.addDirectedEdgeWithKey("line " + k, F.source[k], F.target[k],
                                     {line: k, color: L.color[first], size: 1, type: F.directed[k] ? "arrow" : "line"});
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
  // sigma.js 3.0 hands each reducer its own copy of the attributes: it is written into, not copied again (a
  // million lines made two objects each at every refresh).
  function lineReducer(key, d) {
    var n = folds.shown().count[d.line];
    if (!n) { d.hidden = true; return d; }
    d.size = Math.min(1 + Math.log2(n), 6);
    d.label = n > 1 ? "\u00d7" + n : "";
    if (d.line === selected.line) {
      if (thin) d.color = SELECTED; else d.size += 3;
      d.zIndex = 1;
    }
    return d;
  }
  // Filters never touch the graph: the reducers read the shown flags at each refresh. A large graph
  // (D.drawing.thin, relgraph/page.py's THIN_MIN_LINES) is drawn with sigma.js's cheapest programs: entities as
  // points, relations as 1-pixel lines (gl.LINES, not two triangles each plus an arrowhead), a directed one fading
  // from pale at its source to its full colour at its target. Both draw the same picture at this size, in a
  // fraction of the time (software WebGL draws 30,000 triangle edges in seconds, lines in a tenth of it).
  var thin = !!D.drawing.thin, programs = {};
  if (thin) {
    var rendering = Sigma.rendering, pale = Object.create(null);
    var faded = function (colour) {
      if (!(colour in pale)) {
        var rgba = Sigma.utils.colorToArray(colour), mix = function (c) { return Math.round(c + (255 - c) * 0.75); };
        pale[colour] = Sigma.utils.rgbaToFloat(mix(rgba[0]), mix(rgba[1]), mix(rgba[2]), rgba[3]);
      }
      return pale[colour];
    };
    // Each line's two vertices hold [x, y, colour, id]: the source's colour is the faded one.
    var FadingLine = class extends rendering.EdgeLineProgram {
      processVisibleItem(edgeIndex, start, source, target, data) {
        super.processVisibleItem(edgeIndex, start, source, target, data);
        this.array[start + 2] = faded(data.color);
      }
    };
    programs = {nodeProgramClasses: {circle: rendering.NodePointProgram},
                edgeProgramClasses: {line: rendering.EdgeLineProgram, arrow: FadingLine}};
  }
  var renderer = new Sigma(graph, $("graph"), Object.assign(programs, {
    enableEdgeEvents: !thin, hideEdgesOnMove: R.length > 50000, zIndex: true, renderEdgeLabels: !!folds,
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
      // A 1-pixel line cannot be wider: the chosen one is drawn dark instead.
      return key === selected.relation ? Object.assign({}, d, thin ? {color: SELECTED, zIndex: 1} : {size: 4, zIndex: 1}) : d;
    }
  }));
  if (thin) lazyPicking(renderer);
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
  var NEAR = 5;  // pixels
  function nearestLine(px, py) {
    var at = new Float64Array(2 * E.length), best = null, bestD = NEAR * NEAR;
    graph.forEachNode(function (key, a) {
      var d = renderer.getNodeDisplayData(key), p = renderer.framedGraphToViewport(d);
      at[2 * a.i] = p.x; at[2 * a.i + 1] = p.y;
    });
    graph.forEachEdge(function (key, a, s, t, sa, ta) {
      var d = renderer.getEdgeDisplayData(key);
      if (!d || d.hidden) return;
      var x0 = at[2 * sa.i], y0 = at[2 * sa.i + 1], dx = at[2 * ta.i] - x0, dy = at[2 * ta.i + 1] - y0;
      var len = dx * dx + dy * dy, u = len ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len)) : 0;
      var ex = x0 + u * dx - px, ey = y0 + u * dy - py, dist = ex * ex + ey * ey;
      if (dist <= bestD) { bestD = dist; best = key; }
    });
    return best;
  }
  // A change redraws only the rows whose visibility changed (their reducers, their slots in the programs), and
  // with them the folded lines whose count may have changed; every other row's drawing stays as it was.
  function update(entIdx, relIdx) {
    var nodes = entIdx.map(function (i) { return E[i].id; }), edges = [], seen = new Uint8Array(folds ? folds.count : 0);
    relIdx.forEach(function (i) {
      if (G.relSrc[i] < 0 || G.relTgt[i] < 0) return;
      if (!folds) edges.push(R[i].id);
      else if (!seen[folds.of[i]] && drawnLine[folds.of[i]]) { seen[folds.of[i]] = 1; edges.push("line " + folds.of[i]); }
    });
    renderer.refresh({partialGraph: {nodes: nodes, edges: edges}, skipIndexation: true});
  }
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
    update: update,
    // Which sigma.js programs draw it: "point" entities and "line" relations when thin, else "circle" and "arrow".
    programs: {entities: thin ? "point" : "circle", relations: thin ? "line" : "arrow"},
    recolor: function (entIdx) {
      entIdx.forEach(function (i) { graph.setNodeAttribute(E[i].id, "color", RG.alignment.colour(i)); });
      refresh();
    },
    onClick: function (entity, relation) {
      renderer.on("clickNode", function (e) { entity(e.node); });
      function edge(key) { if (folds) RG.showLine(graph.getEdgeAttribute(key, "line")); else relation(key); }
      renderer.on("clickEdge", function (e) { edge(e.edge); });
      // A 1-pixel line is hard to hit and sigma.js would pick it from a drawing at half the resolution: thin,
      // a click beside no entity chooses the nearest line drawn within a few pixels, found by geometry.
      if (thin) renderer.on("clickStage", function (e) { var key = nearestLine(e.event.x, e.event.y); if (key !== null) edge(key); });
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
