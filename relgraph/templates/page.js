(function () {
  "use strict";
  // Every piece of data text goes through textContent (or vis-network's innerText tooltips):
  // nothing from the CSV becomes markup, and only http(s) URLs become links.
  // firstDraw: milliseconds from navigation start to the first frame drawn (tests and benchmarks/page.py wait on it).
  var timings = {};
  var DATA = JSON.parse(document.getElementById("relgraph-data").textContent);
  // Tables arrive as columns ({id: [...], name: [...]}); the page works on one object per row.
  function rows(columns) {
    var keys = Object.keys(columns), n = keys.length ? columns[keys[0]].length : 0, out = new Array(n), i, k;
    for (i = 0; i < n; i++) {
      var row = {};
      for (k = 0; k < keys.length; k++) row[keys[k]] = columns[keys[k]][i];
      out[i] = row;
    }
    return out;
  }
  var E = rows(DATA.entities), R = rows(DATA.relations);
  var DIFF = !!DATA.diff_colours, WEBGL = DATA.renderer === "webgl";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function byId(list) { var m = {}; list.forEach(function (r) { m[r.id] = r; }); return m; }
  function $(id) { return document.getElementById(id); }

  var entities = byId(E), sources = byId(rows(DATA.sources)), types = byId(DATA.types);
  var kinds = byId(DATA.kinds);
  var entIndex = {}, relIndex = {};
  E.forEach(function (e, i) { entIndex[e.id] = i; });
  R.forEach(function (r, i) { relIndex[r.id] = i; });
  function idx(id) { return id in entIndex ? entIndex[id] : -1; }
  // Relation ends and claimant as entity positions (-1: none), and each entity's relations, computed once.
  var relSrc = new Int32Array(R.length), relTgt = new Int32Array(R.length), relClaim = new Int32Array(R.length);
  var byEntity = E.map(function () { return []; });
  R.forEach(function (r, i) {
    relSrc[i] = idx(r.source); relTgt[i] = idx(r.target); relClaim[i] = r.claimed_by ? idx(r.claimed_by) : -1;
    if (relSrc[i] >= 0) byEntity[relSrc[i]].push(i);
    if (relTgt[i] >= 0 && relTgt[i] !== relSrc[i]) byEntity[relTgt[i]].push(i);
  });

  function entityName(id) { return entities[id] ? entities[id].name : id; }
  // Long names are cut on the canvas only; the details panel and search use the full name.
  function shortName(name) { return name.length > 34 ? name.slice(0, 32) + "\u2026" : name; }
  function typeLabel(t) { return types[t] ? types[t].label : t; }
  function kindLabel(k) { return kinds[k] ? kinds[k].label : k; }
  function period(r) {
    if (r.temporal === "event") return r.start || "date unknown";
    if (r.start && r.end) return r.start + " \u2013 " + r.end;
    return r.start ? "since " + r.start : r.end ? "until " + r.end : "date unknown";
  }
  function safeUrl(url) { return /^https?:\/\/\S+$/i.test(url || "") ? url : null; }
  function relationSummary(r) {
    // Who alleges or denies it tells apart relations that would otherwise read the same.
    var status = r.claimed_by ? r.status + " by " + entityName(r.claimed_by) : r.status;
    return entityName(r.source) + " \u2192 " + typeLabel(r.relation) + " \u2192 " + entityName(r.target) +
      " (" + period(r) + ", " + status + ")";
  }
  function tooltip(r) {
    var lines = [relationSummary(r)];
    if (r.evidence) lines.push("\u201c" + r.evidence + "\u201d");
    if (r.change) lines.push(r.change);
    return lines.join("\n");
  }

  // ---- The as-of rule: the same as relgraph/snapshot.py, on the day bounds computed in Python.
  var RULE = DATA.snapshot.rule, WINDOW = DATA.snapshot.window;
  function minusDays(iso, n) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  }
  function inForce(r, day, firstDay) {
    var possible = RULE === "possible";
    var startBy = possible ? r.start_lo : r.start_hi;
    var started = !startBy || startBy <= day;  // ISO dates compare as strings
    if (r.temporal === "event") {
      if (firstDay === null) return started;
      var eventBy = possible ? r.start_hi : r.start_lo;
      return started && !!eventBy && eventBy > firstDay;
    }
    var endBy = possible ? r.end_hi : r.end_lo;
    return started && (!endBy || endBy > day);
  }

  // ---- Filter state. A category is shown unless its entry is false, so values outside the vocabulary stay visible.
  var init = DATA.initial || {};
  // Changes in the order a diff reads (JSON keys arrive sorted): what is new, what is gone, what changed.
  var CHANGES = Object.keys(DATA.diff_colours || {}).sort(function (a, b) {
    var order = ["added", "removed", "changed", "unchanged"];
    return order.indexOf(a) - order.indexOf(b);
  });
  function choice(ids, wanted) {
    var s = {};
    ids.forEach(function (id) { s[id] = !wanted || wanted.indexOf(id) >= 0; });
    return s;
  }
  var state = {
    types: choice(DATA.types.map(function (t) { return t.id; }), init.relations),
    kinds: choice(DATA.kinds.map(function (k) { return k.id; }), init.kinds),
    statuses: choice(DATA.statuses.map(function (s) { return s.id; }), init.statuses),
    changes: choice(CHANGES, null),
    asOf: init.as_of || null,
    hideIsolated: !!init.hide_isolated
  };

  // Relations pass every filter; entities are shown if their kind is, and they are named by a shown
  // relation (as an end or claimant) unless all entities are wanted: no date set and "hide isolated" off.
  // As of a date the page thus shows exactly what `relgraph snapshot` returns.
  function compute() {
    var day = state.asOf, firstDay = day && WINDOW != null ? minusDays(day, WINDOW) : null;
    var rel = new Uint8Array(R.length), ent = new Uint8Array(E.length), named = new Uint8Array(E.length);
    var kindOn = new Uint8Array(E.length), i;
    for (i = 0; i < E.length; i++) kindOn[i] = state.kinds[E[i].kind] !== false ? 1 : 0;
    for (i = 0; i < R.length; i++) {
      var r = R[i], s = relSrc[i], t = relTgt[i], c = relClaim[i];
      if (state.types[r.relation] === false || state.statuses[r.status] === false) continue;
      if (DIFF && state.changes[r.change] === false) continue;
      if (s < 0 || t < 0 || !kindOn[s] || !kindOn[t]) continue;
      if (day && !inForce(r, day, firstDay)) continue;
      rel[i] = 1; named[s] = 1; named[t] = 1;
      if (c >= 0 && kindOn[c]) named[c] = 1;
    }
    var all = !state.hideIsolated && !day;
    for (i = 0; i < E.length; i++) ent[i] = kindOn[i] && (all || named[i]) ? 1 : 0;
    return {rel: rel, ent: ent};
  }

  var shown = compute();
  // ---- Drawing: vis-network (dashes, curves, shapes, tooltips, physics) or, for large graphs, sigma.js
  // (WebGL). Both offer the same few operations; everything else on the page is shared.
  function kindOf(i) { return kinds[E[i].kind] || {shape: "dot", color: "#777777"}; }
  function visView() {
    var N = DATA.nodes, D = DATA.edges;
    var nodes = new vis.DataSet(E.map(function (e, i) {
      return {id: e.id, label: shortName(e.name), x: N.x[i], y: N.y[i], shape: kindOf(i).shape, color: kindOf(i).color,
              title: e.name + "\n" + kindLabel(e.kind) + (e.aliases ? "\n" + e.aliases.split("|").join(", ") : ""),
              hidden: !shown.ent[i], physics: !!shown.ent[i]};
    }));
    var edges = new vis.DataSet(R.map(function (r, i) {
      var e = {id: r.id, from: r.source, to: r.target, color: D.color[i], title: tooltip(r),
               hidden: !shown.rel[i], physics: !!shown.rel[i]};
      if (r.directed) e.arrows = "to";
      if (D.dashes[i] !== null) e.dashes = D.dashes[i];
      if (D.curve[i] !== null) e.smooth = {enabled: true, type: D.curve[i] > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(D.curve[i])};
      return e;
    }));
    var network = new vis.Network($("graph"), {nodes: nodes, edges: edges}, {
      physics: {enabled: DATA.physics, stabilization: {iterations: 200},
                barnesHut: {springLength: 170, gravitationalConstant: -8000, centralGravity: 0.1, avoidOverlap: 0.5}},
      interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: R.length > 5000, hideEdgesOnZoom: R.length > 5000,
                    keyboard: {enabled: true, bindToWindow: false, autoFocus: false}},
      nodes: {size: 14, font: {size: 14, strokeWidth: 3, strokeColor: "#fff"}},
      // Straight by default (vis-network would add a physics support node per edge); parallel ones carry a curve.
      edges: {width: 2, selectionWidth: 2, smooth: false, arrows: {to: {scaleFactor: .6}}}
    });
    return {
      network: network, nodes: nodes, edges: edges,
      once: function (f) { network.once("afterDrawing", f); },
      // Only the items whose visibility changed are updated: a filter change at 30,000 relations stays cheap.
      update: function (entIdx, relIdx) {
        if (entIdx.length) nodes.update(entIdx.map(function (i) { return {id: E[i].id, hidden: !shown.ent[i], physics: !!shown.ent[i]}; }));
        if (relIdx.length) edges.update(relIdx.map(function (i) { return {id: R[i].id, hidden: !shown.rel[i], physics: !!shown.rel[i]}; }));
      },
      onClick: function (entity, relation) {
        network.on("click", function (p) {
          if (p.nodes.length) entity(p.nodes[0]);
          else if (p.edges.length) relation(p.edges[0]);
        });
      },
      selectEntity: function (id) { network.selectNodes([id]); },
      selectRelation: function (id) { network.selectEdges([id]); },
      focus: function (id) { network.focus(id, {scale: Math.max(network.getScale(), 1), animation: false}); },
      fit: function () { network.fit({animation: false}); },
      physics: function (on) { network.setOptions({physics: {enabled: on}}); }
    };
  }
  function webglView() {
    var N = DATA.nodes, D = DATA.edges, selected = {entity: null, relation: null};
    var graph = new graphology.MultiDirectedGraph();
    // Sigma's y axis points up, vis-network's down: flipped, both draw the same picture.
    E.forEach(function (e, i) {
      graph.addNode(e.id, {i: i, x: N.x[i], y: -N.y[i], size: 3, color: kindOf(i).color, label: shortName(e.name)});
    });
    R.forEach(function (r, i) {
      if (relSrc[i] >= 0 && relTgt[i] >= 0) {
        graph.addDirectedEdgeWithKey(r.id, r.source, r.target, {i: i, color: D.color[i], size: 1, type: r.directed ? "arrow" : "line"});
      }
    });
    // Filters never touch the graph: the reducers read the shown flags at each refresh.
    var renderer = new Sigma(graph, $("graph"), {
      enableEdgeEvents: true, hideEdgesOnMove: R.length > 50000, zIndex: true,
      nodeReducer: function (key, d) {
        if (!shown.ent[d.i]) return Object.assign({}, d, {hidden: true});
        return key === selected.entity ? Object.assign({}, d, {highlighted: true, size: 6, zIndex: 1}) : d;
      },
      edgeReducer: function (key, d) {
        if (!shown.rel[d.i]) return Object.assign({}, d, {hidden: true});
        return key === selected.relation ? Object.assign({}, d, {size: 4, zIndex: 1}) : d;
      }
    });
    var camera = renderer.getCamera();
    function refresh() { renderer.refresh(); }
    return {
      renderer: renderer, graph: graph,
      once: function (f) { renderer.once("afterRender", f); },
      update: refresh,
      onClick: function (entity, relation) {
        renderer.on("clickNode", function (e) { entity(e.node); });
        renderer.on("clickEdge", function (e) { relation(e.edge); });
      },
      selectEntity: function (id) { selected.entity = id; selected.relation = null; refresh(); },
      selectRelation: function (id) { selected.relation = id; selected.entity = null; refresh(); },
      focus: function (id) {
        var d = renderer.getNodeDisplayData(id);
        if (d) camera.setState({x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.1)});
      },
      fit: function () { camera.setState({x: 0.5, y: 0.5, ratio: 1, angle: 0}); },
      physics: function () {}
    };
  }
  var view = WEBGL ? webglView() : visView();
  // sigma.js draws its first frame in its constructor, vis-network at its first "afterDrawing".
  if (WEBGL) timings.firstDraw = performance.now();
  else view.once(function () { timings.firstDraw = performance.now(); });
  var network = view.network;

  function apply() {
    var next = compute(), entIdx = [], relIdx = [], i;
    for (i = 0; i < E.length; i++) if (next.ent[i] !== shown.ent[i]) entIdx.push(i);
    for (i = 0; i < R.length; i++) if (next.rel[i] !== shown.rel[i]) relIdx.push(i);
    shown = next;
    if (entIdx.length || relIdx.length) view.update(entIdx, relIdx);
    refreshCounts();
    refreshTime();
  }
  function visibleIds() {
    var n = [], e = [], i;
    for (i = 0; i < E.length; i++) if (shown.ent[i]) n.push(E[i].id);
    for (i = 0; i < R.length; i++) if (shown.rel[i]) e.push(R[i].id);
    return {nodes: n, edges: e};
  }

  // ---- Legend and filters: one checkbox per relation type, entity kind, status (and change in a diff view).
  var countCells = [];
  function countBy(flags, list, key) {
    var c = {};
    for (var i = 0; i < list.length; i++) if (flags[i]) c[list[i][key]] = (c[list[i][key]] || 0) + 1;
    return c;
  }
  function legendGroup(title, group, items, swatch, flags, list, key) {
    var box = el("fieldset", {className: "legend-group", id: "filter-" + group}, [el("legend", {text: title})]);
    var boxes = [];
    items.forEach(function (it) {
      var input = el("input", {type: "checkbox", value: it.id, "data-group": group});
      input.checked = state[group][it.id] !== false;
      input.addEventListener("change", function () { state[group][it.id] = input.checked; apply(); });
      boxes.push(input);
      var count = el("span", {className: "count"});
      var row = el("label", {className: "legend-item", title: it.description || ""},
                   [input, swatch(it), el("span", {className: "name", text: it.label}), count]);
      countCells.push({row: row, cell: count, total: it.count, flags: flags, list: list, key: key, id: it.id});
      box.appendChild(row);
    });
    function setAll(on) {
      boxes.forEach(function (b) { b.checked = on; state[group][b.value] = on; });
      apply();
    }
    var all = el("button", {type: "button", text: "all", "aria-label": "Show all " + title.toLowerCase()});
    var none = el("button", {type: "button", text: "none", "aria-label": "Hide all " + title.toLowerCase()});
    all.addEventListener("click", function () { setAll(true); });
    none.addEventListener("click", function () { setAll(false); });
    box.appendChild(el("div", {className: "group-actions"}, [all, none]));
    return box;
  }
  // A legend line in the canvas's own dash pattern (``true``: vis-network's default, 5 on, 5 off).
  function lineSwatch(colour, dashes) {
    var s = el("span", {className: "swatch-line", "aria-hidden": "true"});
    var d = dashes === true ? [5, 5] : dashes || [], stops = [], at = 0;
    d.forEach(function (len, k) { stops.push((k % 2 ? "transparent " : colour + " ") + at + "px " + (at += len) + "px"); });
    s.style.background = d.length ? "repeating-linear-gradient(90deg, " + stops.join(", ") + ")" : colour;
    return s;
  }
  function buildLegend() {
    var groups = [];
    if (DIFF) {
      var changeCounts = countBy(R.map(function () { return 1; }), R, "change");
      groups.push(legendGroup("Changes", "changes", CHANGES.map(function (k) {
        return {id: k, label: k, count: changeCounts[k] || 0};
      }), function (it) { return lineSwatch(DATA.diff_colours[it.id], it.id === "removed"); }, "rel", R, "change"));
    }
    groups.push(legendGroup("Relation types", "types", DATA.types.filter(function (t) { return t.count; }).map(function (t) {
      return {id: t.id, label: t.label + (t.directed ? " \u2192" : " \u2194"), count: t.count, description: t.description, color: t.color};
    }), function (it) { return lineSwatch(DIFF ? "#bbb" : it.color, false); }, "rel", R, "relation"));
    groups.push(legendGroup("Entity kinds", "kinds", DATA.kinds, function (it) {
      var s = el("span", {className: "swatch-shape shape-" + it.shape, "aria-hidden": "true"});
      s.style.background = it.color;
      return s;
    }, "ent", E, "kind"));
    groups.push(legendGroup("Status", "statuses", DATA.statuses.filter(function (s) { return s.count; }).map(function (s) {
      return {id: s.id, label: s.id, count: s.count, dashes: s.dashes};
    }), function (it) { return lineSwatch("#555", it.dashes); }, "rel", R, "status"));
    $("legend").replaceChildren.apply($("legend"), groups);
  }

  function refreshCounts() {
    var nE = 0, nR = 0, i;
    for (i = 0; i < E.length; i++) nE += shown.ent[i];
    for (i = 0; i < R.length; i++) nR += shown.rel[i];
    var counts = $("counts");
    counts.dataset.entities = nE;
    counts.dataset.relations = nR;
    counts.textContent = (nE === E.length ? nE : nE + " of " + E.length) + " entities, " +
                         (nR === R.length ? nR : nR + " of " + R.length) + " relations shown";
    var tallies = {};
    countCells.forEach(function (c) {
      var key = c.flags + ":" + c.key;
      if (!tallies[key]) tallies[key] = countBy(c.flags === "rel" ? shown.rel : shown.ent, c.list, c.key);
      var n = tallies[key][c.id] || 0;
      c.cell.textContent = n === c.total ? String(n) : n + " / " + c.total;
      c.row.classList.toggle("none-shown", n === 0);
    });
  }

  // ---- Time control: a slider over the dataset's dates, a date field, play, and "all dates".
  var slider = $("date-slider"), dateField = $("as-of"), playButton = $("play"), timer = null;
  var DATES = DATA.dates;
  slider.max = Math.max(DATES.length - 1, 0);
  slider.disabled = playButton.disabled = DATES.length === 0;
  function setAsOf(day) { state.asOf = day || null; apply(); }
  function refreshTime() {
    var day = state.asOf, label = $("date-label");
    label.textContent = day ? "as of " + day : "all dates";
    label.title = day ? "Relations in force under the \u201c" + RULE + "\u201d rule" +
      (WINDOW != null ? "; events within " + WINDOW + " days before" : "") : "";
    dateField.value = day || "";
    dateField.removeAttribute("aria-invalid");
    var pos = 0;
    if (day) while (pos + 1 < DATES.length && DATES[pos + 1] <= day) pos++;
    slider.value = pos;
    slider.classList.toggle("inactive", !day);
    slider.setAttribute("aria-valuetext", day || "all dates");
    $("all-dates").disabled = !day;
  }
  // Play takes at most about 120 steps, so a dataset with thousands of dates still plays in minutes.
  var STRIDE = Math.max(1, Math.ceil(DATES.length / 120));
  function step() {
    var i = 0;
    if (state.asOf) {
      while (i < DATES.length && DATES[i] <= state.asOf) i++;
      i = Math.min(i - 1 + STRIDE, DATES.length - 1);
    }
    setAsOf(DATES[i]);
    if (i === DATES.length - 1) stop();
  }
  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    playButton.textContent = "Play";
    playButton.setAttribute("aria-pressed", "false");
  }
  slider.addEventListener("input", function () { stop(); setAsOf(DATES[+slider.value]); });
  // A text field, not <input type=date>: that shows the browser's locale format (mm/dd/yyyy), the rest of
  // the page ISO dates. A complete, real date applies as it is typed; an empty field means all dates.
  function isoDay(text) {
    var d = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(text + "T00:00:00Z") : null;
    return d && !isNaN(d) && d.toISOString().slice(0, 10) === text ? text : null;
  }
  function typed(committed) {
    var text = dateField.value.trim(), day = isoDay(text);
    if (day || !text) {
      dateField.removeAttribute("aria-invalid");
      if (day !== state.asOf) { stop(); setAsOf(day); }
    } else if (committed) {
      dateField.setAttribute("aria-invalid", "true");
    }
  }
  dateField.addEventListener("input", function () { typed(false); });
  dateField.addEventListener("change", function () { typed(true); });
  $("all-dates").addEventListener("click", function () { stop(); setAsOf(null); });
  playButton.addEventListener("click", function () {
    if (timer !== null) { stop(); return; }
    if (state.asOf && state.asOf >= DATES[DATES.length - 1]) state.asOf = null;  // replay from the start
    playButton.textContent = "Pause";
    playButton.setAttribute("aria-pressed", "true");
    step();
    if (playButton.getAttribute("aria-pressed") === "true") timer = setInterval(step, 900);
  });

  // ---- View toggles.
  var isolated = $("hide-isolated"), physics = $("physics");
  isolated.checked = state.hideIsolated;
  isolated.addEventListener("change", function () { state.hideIsolated = isolated.checked; apply(); });
  physics.checked = DATA.physics;
  physics.disabled = WEBGL;
  if (WEBGL) physics.parentNode.title = "Large graphs are drawn with fixed positions";
  physics.addEventListener("change", function () { view.physics(physics.checked); });
  $("fit").addEventListener("click", function () { view.fit(); });

  // ---- Details panel.
  var details = $("details");
  function entityButton(id) {
    if (!entities[id]) return document.createTextNode(id);
    var b = el("button", {type: "button", className: "linklike", text: entityName(id)});
    b.addEventListener("click", function () { focusEntity(id); });
    return b;
  }
  function link(url, text) {
    var u = safeUrl(url);
    return u ? el("a", {href: u, target: "_blank", rel: "noopener noreferrer", text: text}) : el("span", {text: text});
  }
  function dl(pairs) {
    var list = el("dl");
    pairs.forEach(function (p) {
      if (p[1] === "" || p[1] == null) return;
      list.appendChild(el("dt", {text: p[0]}));
      var dd = el("dd");
      if (p[1] instanceof Node) dd.appendChild(p[1]); else dd.textContent = String(p[1]);
      list.appendChild(dd);
    });
    return list;
  }
  function sourceNode(sid) {
    var s = sources[sid];
    if (!s) return document.createTextNode(sid);
    var wrap = el("span", {className: "source"}, [link(s.url, s.title || s.url || sid)]);
    var extra = [s.publisher, s.author, s.published].filter(Boolean).join(", ");
    if (extra) wrap.appendChild(document.createTextNode(" (" + extra + ")"));
    if (s.file) wrap.appendChild(el("span", {className: "hint", text: "; text stored in " + s.file}));
    return wrap;
  }
  function hiddenNote(visible) {
    return visible ? null : el("p", {className: "hint", text: "Hidden by the current filters or date."});
  }
  // Showing an item's details also selects it on the canvas, however it was chosen.
  function showRelation(id) {
    var i = relIndex[id], r = R[i];
    view.selectRelation(id);
    details.replaceChildren(el("h2", {text: relationSummary(r)}));
    var hint = hiddenNote(shown.rel[i]);
    if (hint) details.appendChild(hint);
    var event = r.temporal === "event";
    details.appendChild(dl([
      ["type", typeLabel(r.relation)], ["from", entityButton(r.source)], ["to", entityButton(r.target)],
      [event ? "date" : "start", r.start || (event ? "unknown" : "")], ["end", event ? "" : r.end || (r.start ? "ongoing" : "")],
      ["status", r.status], [r.status === "denied" ? "denied by" : "claimed by", r.claimed_by ? entityButton(r.claimed_by) : ""],
      ["project", r.project], ["change", r.change || ""], ["source", sourceNode(r.source_id)],
      ["note", r.note], ["id", r.id]
    ]));
    if (r.evidence) details.appendChild(el("blockquote", {className: "quote", text: r.evidence}));
    var old = r.old || {};
    var changed = Object.keys(old);
    if (changed.length) {
      details.appendChild(el("h3", {text: "Changed"}));
      details.appendChild(el("ul", {className: "changes"}, changed.map(function (k) {
        return el("li", {text: k + ": " + (old[k] === "" ? "(empty)" : old[k]) + " \u2192 " + (r[k] === "" ? "(empty)" : r[k])});
      })));
    }
    window.relgraph.selected = {relation: id};
  }
  function showEntity(id) {
    var e = entities[id], i = entIndex[id];
    view.selectEntity(id);
    details.replaceChildren(el("h2", {text: e.name}));
    var hint = hiddenNote(shown.ent[i]);
    if (hint) details.appendChild(hint);
    var wd = /^Q[1-9][0-9]*$/.test(e.wikidata || "") ? link("https://www.wikidata.org/wiki/" + e.wikidata, e.wikidata) : e.wikidata;
    details.appendChild(dl([["kind", kindLabel(e.kind)], ["aliases", (e.aliases || "").split("|").filter(Boolean).join(", ")],
                            ["ISO 3166", e.iso3], ["Wikidata", wd], ["note", e.note], ["id", e.id]]));
    var groups = {};
    byEntity[i].forEach(function (j) { (groups[R[j].relation] = groups[R[j].relation] || []).push(j); });
    Object.keys(groups).sort().forEach(function (t) {
      details.appendChild(el("h3", {text: typeLabel(t) + " (" + groups[t].length + ")"}));
      details.appendChild(el("ul", {className: "rels"}, groups[t].map(function (j) {
        var r = R[j];
        var b = el("button", {type: "button", className: "linklike" + (shown.rel[j] ? "" : " is-hidden"), text: relationSummary(r),
                              title: r.evidence || r.note || r.id});
        b.addEventListener("click", function () { showRelation(r.id); });
        return el("li", {}, [b]);
      })));
    });
    window.relgraph.selected = {entity: id};
  }
  view.onClick(showEntity, showRelation);

  // ---- Search: name or alias, accents and case ignored; exact matches first, then prefixes, then substrings.
  function fold(s) { return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim(); }
  var keys = E.map(function (e) { return [e.name].concat((e.aliases || "").split("|")).filter(Boolean).map(fold); });
  function search(query) {
    var q = fold(query), hits = [];
    if (!q) return hits;
    keys.forEach(function (ks, i) {
      var rank = 3;
      ks.forEach(function (k) { rank = Math.min(rank, k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(q) > 0 ? 2 : 3); });
      if (rank < 3) hits.push([rank, E[i].name, E[i].id]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    return hits.map(function (h) { return h[2]; });
  }
  function focusEntity(id) {
    var i = entIndex[id];
    view.focus(id);
    showEntity(id);
    $("search-status").textContent = shown.ent[i] ? "" : entityName(id) + " is hidden by the current filters or date.";
    window.relgraph.focused = id;
  }
  var searchBox = $("search"), results = $("search-results");
  function showResults() {
    var hits = search(searchBox.value).slice(0, 8);
    results.replaceChildren.apply(results, hits.map(function (id) {
      var b = el("button", {type: "button", text: entityName(id)}, [el("span", {className: "hint", text: " " + kindLabel(entities[id].kind)})]);
      b.addEventListener("click", function () { results.hidden = true; focusEntity(id); });
      return el("li", {}, [b]);
    }));
    results.hidden = hits.length === 0;
    $("search-status").textContent = searchBox.value && !hits.length ? "No entity matches." : "";
    return hits;
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      var hits = showResults();
      if (hits.length) { results.hidden = true; focusEntity(hits[0]); }
    } else if (ev.key === "Escape") {
      results.hidden = true;
    } else if (ev.key === "ArrowDown" && !results.hidden) {
      ev.preventDefault();
      results.querySelector("button").focus();
    }
  });
  results.addEventListener("keydown", function (ev) {
    var li = ev.target.closest("li");
    if (!li) return;
    var to = ev.key === "ArrowDown" ? li.nextElementSibling : ev.key === "ArrowUp" ? li.previousElementSibling : null;
    if (ev.key === "Escape") { results.hidden = true; searchBox.focus(); }
    if (to) { ev.preventDefault(); to.querySelector("button").focus(); }
  });

  window.relgraph = {view: view, network: network, nodes: view.nodes, edges: view.edges, data: DATA, state: state, timings: timings,
                     apply: apply, visible: visibleIds, search: search, focusEntity: focusEntity,
                     showEntity: showEntity, showRelation: showRelation, inForce: inForce};
  buildLegend();
  refreshCounts();
  refreshTime();
  if (init.focus && init.focus in entIndex) focusEntity(init.focus);
})();
