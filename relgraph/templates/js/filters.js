// filters.js: the legend, built from the declared filters (DATA.filters): per filter a fieldset of checkboxes
// with swatches, "all" and "none", and "n / total" counts; and the header's count of what is shown.
// Nothing here names a filter: a new filter is one more declaration in relgraph/page.py.
var G = RG.data, el = RG.el, $ = RG.$;
var TABLES = {entities: G.E, relations: G.R}, groups = [];

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
function group(f) {
  var box = el("fieldset", {className: "legend-group", id: "filter-" + f.id}, [el("legend", {text: f.label}),
              f.hint ? el("p", {className: "hint", text: f.hint}) : null]);
  var lines = f.items.map(function (it, k) {
    if (it.group && (k === 0 || f.items[k - 1].group !== it.group)) {
      box.appendChild(el("p", {className: "legend-subgroup", text: it.group}));
    }
    var input = el("input", {type: "checkbox", value: it.id, "data-group": f.id});
    input.addEventListener("change", function () { setItems(f, [it.id], input.checked); });
    var count = el("span", {className: "count"});
    var row = el("label", {className: "legend-item", title: it.description || ""},
                 [input, swatch(it), el("span", {className: "name", text: it.label}), count]);
    box.appendChild(row);
    return {item: it, input: input, row: row, count: count};
  });
  var ids = f.items.map(function (it) { return it.id; }), title = f.label.toLowerCase();
  // Accessible names hold the visible words ("all", "none"), as speech input needs.
  var all = el("button", {type: "button", text: "all", "aria-label": "Show all " + title});
  var none = el("button", {type: "button", text: "none", "aria-label": "Show none of the " + title});
  all.addEventListener("click", function () { setItems(f, ids, true); });
  none.addEventListener("click", function () { setItems(f, ids, false); });
  box.appendChild(el("div", {className: "group-actions"}, [all, none]));
  groups.push({filter: f, lines: lines});
  return box;
}

// A list column (a relation's sources) counts the row once under each of its values.
function countBy(flags, list, key) {
  var c = Object.create(null), i, k, v;
  for (i = 0; i < list.length; i++) {
    if (!flags[i]) continue;
    v = list[i][key];
    if (Array.isArray(v)) for (k = 0; k < v.length; k++) c[v[k]] = (c[v[k]] || 0) + 1;
    else c[v] = (c[v] || 0) + 1;
  }
  return c;
}
function refresh() {
  var shown = RG.shown(), n = RG.counts(), nE = n.entities, nR = n.relations;
  var counts = $("counts"), totalE = G.E.length, totalR = G.R.length;
  counts.dataset.entities = nE;
  counts.dataset.relations = nR;
  counts.textContent = (nE === totalE ? nE : nE + " of " + totalE) + " entities, " +
                       (nR === totalR ? nR : nR + " of " + totalR) + " relations shown";
  groups.forEach(function (g) {
    var f = g.filter, tally = countBy(shown[f.applies_to], TABLES[f.applies_to], f.column);
    g.lines.forEach(function (l) {
      var n = tally[l.item.id] || 0;
      l.input.checked = RG.state.filters[f.id][l.item.id] !== false;
      l.count.textContent = n === l.item.count ? String(n) : n + " / " + l.item.count;
      l.row.classList.toggle("none-shown", n === 0);
    });
  });
}

$("legend").replaceChildren.apply($("legend"), G.raw.filters.map(group));
refresh();
RG.onChange(refresh);
