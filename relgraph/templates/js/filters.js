// filters.js: the legend, built from the declared filters (DATA.filters): per filter a fieldset of checkboxes
// with swatches, "all" and "none", and "n / total" counts; and the header's count of what is shown.
// Nothing here names a filter: a new filter is one more declaration in relgraph/page.py.
var G = RG.data, el = RG.el, $ = RG.$;
var TABLES = G.tables, groups = [];

// A legend line in the canvas's own dash pattern (``true``: vis-network's default, 5 on, 5 off).
function lineSwatch(colour, dashes) {
  var s = el("span", {className: "swatch-line", "aria-hidden": "true"});
  var d = dashes === true ? [5, 5] : dashes || [], stops = [], at = 0;
  d.forEach(function (len, k) { stops.push((k % 2 ? "transparent " : colour + " ") + at + "px " + (at += len) + "px"); });
  s.style.background = d.length ? "repeating-linear-gradient(90deg, " + stops.join(", ") + ")" : colour;
  return s;
}
// An item with a shape is drawn as an entity (shape and colour), one with only a colour as a relation's line.
function swatch(it) {
  if (!it.color) return null;
  if (!it.shape) return lineSwatch(it.color, it.dashes);
  var s = el("span", {className: "swatch-shape shape-" + it.shape, "aria-hidden": "true"});
  s.style.background = it.color;
  return s;
}
function setItems(f, ids, on) {
  var patch = {};
  patch[f.id] = {};
  ids.forEach(function (id) { patch[f.id][id] = on; });
  RG.set({filters: patch});
}
// A long list (thousands of claimants or sources) shows its FIRST most used items, in its order; the others
// are built when "n more" is opened: 17,000 claimants had made 70,000 elements and half a second of layout.
var LONG = 30, FIRST = 20;
function group(f) {
  var box = el("fieldset", {className: "legend-group", id: "filter-" + f.id}, [el("legend", {text: f.label}),
              f.hint ? el("p", {className: "hint", text: f.hint}) : null]);
  var g = {filter: f, lines: []}, order = f.items.map(function (it, k) { return k; });
  var first = f.items.length <= LONG ? order : order.slice().sort(function (a, b) {
    return f.items[b].count - f.items[a].count || a - b;
  }).slice(0, FIRST).sort(function (a, b) { return a - b; });
  var rest = first === order ? [] : order.filter(function (k) { return first.indexOf(k) < 0; });
  // The lines go into their list element built apart: a fieldset revisits every control inside it at each
  // one inserted (40,000 claimants appended one by one took 16 s, as a fragment longer still).
  function list(positions) {
    var items = el("div", {className: "legend-items"});
    positions.forEach(function (k, n) {
      var it = f.items[k];
      if (it.group && (n === 0 || f.items[positions[n - 1]].group !== it.group)) {
        items.appendChild(el("p", {className: "legend-subgroup", text: it.group}));
      }
      // autocomplete off: the browser saves no form state for it at each history.replaceState (hash.js), which
      // took 0.2 s with 17,000 claimants; the view comes back from the URL's hash, not from a form restore.
      var input = el("input", {type: "checkbox", value: it.id, "data-group": f.id, autocomplete: "off"});
      input.addEventListener("change", function () { setItems(f, [it.id], input.checked); });
      var count = el("span", {className: "count"});
      var row = el("label", {className: "legend-item", title: it.description || ""},
                   [input, swatch(it), el("span", {className: "name", text: it.label}), count]);
      items.appendChild(row);
      g.lines.push({item: it, k: k, input: input, row: row, count: count});
    });
    return items;
  }
  box.appendChild(list(first));
  if (rest.length) {
    var summary = el("summary"), more = el("details", {className: "legend-more"}, [summary]);
    g.more = {rest: rest, summary: summary};  // its text, set by refresh(), says how many of them are unticked
    more.addEventListener("toggle", function () {
      if (!more.open || more.childNodes.length > 1) return;
      more.appendChild(list(rest));
      refresh();
    });
    box.appendChild(more);
  }
  var ids = f.items.map(function (it) { return it.id; }), title = f.label.toLowerCase();
  // Accessible names hold the visible words ("all", "none"), as speech input needs.
  var all = el("button", {type: "button", text: "all", "aria-label": "Show all " + title});
  var none = el("button", {type: "button", text: "none", "aria-label": "Show none of the " + title});
  all.addEventListener("click", function () { setItems(f, ids, true); });
  none.addEventListener("click", function () { setItems(f, ids, false); });
  box.appendChild(el("div", {className: "group-actions"}, [all, none]));
  groups.push(g);
  return box;
}

// A list column (a relation's sources) counts the row once under each of its values. Each row's items are
// coded once (item positions, a row's run in codes from start[i] to start[i + 1]): a change only adds up.
function coded(f) {
  var rows = TABLES[f.applies_to], at = Object.create(null), start = new Int32Array(rows.length + 1), i, k;
  f.items.forEach(function (it, n) { at[it.id] = n; });
  var items = G.byValue(f.applies_to, f.column, function (v) {
    return (Array.isArray(v) ? v : [v]).filter(function (x) { return x in at; }).map(function (x) { return at[x]; });
  }, new Array(rows.length));
  for (i = 0; i < rows.length; i++) start[i + 1] = start[i] + items[i].length;
  var codes = new Int32Array(start[rows.length]);
  for (i = 0; i < rows.length; i++) for (k = 0; k < items[i].length; k++) codes[start[i] + k] = items[i][k];
  return {start: start, codes: codes};
}
function countBy(flags, code, n) {
  var c = new Int32Array(n), start = code.start, codes = code.codes;
  for (var i = 0; i < flags.length; i++) if (flags[i]) for (var k = start[i]; k < start[i + 1]; k++) c[codes[k]]++;
  return c;
}
// Only what changed is written: thousands of legend lines rewritten at each change cost a layout of them all.
function put(line, key, value, write) {
  if (line[key] !== value) { line[key] = value; write(value); }
}
function refresh() {
  var shown = RG.shown(), n = RG.counts(), nE = n.entities, nR = n.relations;
  var counts = $("counts"), totalE = G.E.length, totalR = G.R.length;
  counts.dataset.entities = nE;
  counts.dataset.relations = nR;
  counts.textContent = (nE === totalE ? nE : nE + " of " + totalE) + " entities, " +
                       (nR === totalR ? nR : nR + " of " + totalR) + " relations shown";
  groups.forEach(function (g) {
    var f = g.filter, on = RG.state.filters[f.id];
    var tally = countBy(shown[f.applies_to], g.code || (g.code = coded(f)), f.items.length);
    g.lines.forEach(function (l) {
      var n = tally[l.k];
      put(l, "was", on[l.item.id] !== false, function (v) { l.input.checked = v; });
      put(l, "text", n === l.item.count ? String(n) : n + " / " + l.item.count, function (v) { l.count.textContent = v; });
      put(l, "none", n === 0, function (v) { l.row.classList.toggle("none-shown", v); });
    });
    if (g.more) {
      var off = g.more.rest.filter(function (k) { return on[f.items[k].id] === false; }).length;
      put(g.more, "text", g.more.rest.length + " more" + (off ? ", " + off + " unticked" : ""),
          function (v) { g.more.summary.textContent = v; });
    }
  });
}

$("legend").replaceChildren.apply($("legend"), G.raw.filters.map(group));
refresh();
RG.onChange(refresh);
