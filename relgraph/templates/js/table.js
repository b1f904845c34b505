// table.js: the table of the relations shown (from, relation, to, dates, status, claimant, source), the
// accessible alternative to the canvas: synced with the filters and the date, sortable by any column (its
// header is a button), each row's relation a button that selects it on the graph and shows its details.
// The Network, Map and Table tabs switch between the views (RG.views).
var G = RG.data, R = G.R, T = RG.text, el = RG.el, $ = RG.$;
var MAX_ROWS = 1000;
function sourceTitle(r) {
  var s = G.sources[r.source_id], more = (r.sources || []).length - 1;
  return (s ? s.title || s.url || s.id : r.source_id) + (more > 0 ? " and " + more + " more" : "");
}
var COLUMNS = [
  {id: "from", label: "From", text: function (r) { return T.entityName(r.source); }},
  {id: "relation", label: "Relation", text: function (r) { return T.typeLabel(r.relation); }},
  {id: "to", label: "To", text: function (r) { return T.entityName(r.target); }},
  {id: "dates", label: "Dates", text: T.period, key: function (r) { return (r.start_lo || "~") + (r.end_lo || "~"); }},
  {id: "status", label: "Status", text: function (r) { return r.status; }},
  {id: "claimant", label: "Claimed by", text: function (r) { return r.claimed_by ? T.entityName(r.claimed_by) : ""; }},
  {id: "source", label: "Source", text: sourceTitle}
];
var table = $("relations-table"), body = table.querySelector("tbody"), note = $("table-note");
var sort = {column: "dates", descending: false}, rows = [];

function headers() {
  var tr = el("tr");
  COLUMNS.forEach(function (c) {
    var on = sort.column === c.id;
    var b = el("button", {type: "button", className: "sort", text: c.label});
    b.addEventListener("click", function () {
      sort = {column: c.id, descending: on ? !sort.descending : false};
      render();
      table.querySelector("th[aria-sort] button").focus();
    });
    var th = el("th", {scope: "col"}, [b]);
    if (on) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
    tr.appendChild(th);
  });
  table.querySelector("thead").replaceChildren(tr);
}
function ordered() {
  var c = COLUMNS.filter(function (c) { return c.id === sort.column; })[0], key = c.key || c.text, list = [];
  var shown = RG.shown().relations;
  for (var i = 0; i < R.length; i++) if (shown[i]) list.push([String(key(R[i])).toLowerCase(), R[i].id, i]);
  list.sort(function (a, b) { return (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
  if (sort.descending) list.reverse();
  return list.map(function (x) { return x[2]; });
}
function row(i) {
  var r = R[i], tr = el("tr", {"data-id": r.id});
  COLUMNS.forEach(function (c) {
    var text = c.text(r);
    if (c.id !== "relation") { tr.appendChild(el("td", {text: text})); return; }
    var b = el("button", {type: "button", className: "linklike", text: text, "aria-label": text + ": " + T.relationSummary(r)});
    b.addEventListener("click", function () { RG.select(r.id); });
    tr.appendChild(el("td", {}, [b]));
  });
  return tr;
}
function mark() {
  var sel = RG.selected();
  body.querySelectorAll("tr").forEach(function (tr) {
    var on = !!sel && sel.relation === tr.getAttribute("data-id");
    tr.classList.toggle("selected", on);
    if (on) tr.setAttribute("aria-current", "true"); else tr.removeAttribute("aria-current");
  });
}
function render() {
  if (!views.is("table")) return;
  headers();
  rows = ordered();
  body.replaceChildren.apply(body, rows.slice(0, MAX_ROWS).map(row));
  $("table-caption").textContent = rows.length === 1 ? "1 relation shown" : rows.length + " relations shown";
  note.textContent = rows.length > MAX_ROWS ? "The first " + MAX_ROWS + " are listed: narrow the filters or the date to see the others." : "";
  mark();
}

// ---- The Network, Map and Table tabs (arrow keys move between them, as in any tab list). Network and Map
// share the canvas: its view is the last of the two shown (RG.views.canvas()), which the table keeps.
// Without a place for any entity the Map tab stays disabled and says why.
var TABS = {graph: $("tab-graph"), map: $("tab-map"), table: $("tab-table")};
var PANES = {graph: $("graph"), map: $("graph"), table: $("table-view")}, ORDER = ["graph", "map", "table"];
var current = "graph", canvas = "graph", changeListeners = [], M = G.raw.map;
if (!M.available) {
  TABS.map.setAttribute("aria-disabled", "true");
  TABS.map.title = "Map unavailable: " + M.reason;
  $("map-note").textContent = "Map unavailable: " + M.reason + ".";
}
function usable(name) { return name in TABS && (name !== "map" || M.available); }
var views = RG.views = {
  is: function (name) { return current === name; },
  current: function () { return current; },
  // "graph" (network) or "map": what the canvas draws.
  canvas: function () { return canvas; },
  show: function (name) {
    if (!usable(name)) return;
    current = name;
    if (name !== "table") canvas = name;
    Object.keys(TABS).forEach(function (k) {
      TABS[k].setAttribute("aria-selected", String(k === name));
      TABS[k].tabIndex = k === name ? 0 : -1;
    });
    PANES.graph.hidden = name === "table";
    PANES.table.hidden = name !== "table";
    render();
    changeListeners.forEach(function (f) { f(name); });
  },
  onChange: function (f) { changeListeners.push(f); }
};
Object.keys(TABS).forEach(function (k) {
  TABS[k].addEventListener("click", function () {
    if (usable(k)) views.show(k);
    else $("map-note").hidden = false;
  });
  TABS[k].addEventListener("keydown", function (ev) {
    if (ev.key !== "ArrowLeft" && ev.key !== "ArrowRight") return;
    var step = ev.key === "ArrowRight" ? 1 : -1, at = ORDER.indexOf(k), next;
    do { at = (at + step + ORDER.length) % ORDER.length; next = ORDER[at]; } while (!usable(next));
    views.show(next);
    TABS[next].focus();
  });
});
$("map-note").hidden = M.available;
views.show(G.raw.initial.view === "map" ? "map" : "graph");
RG.onChange(render);
RG.onSelect(mark);
