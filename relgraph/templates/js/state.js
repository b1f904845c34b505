// state.js: the one state object (what is shown), the as-of rule, and compute() of what passes.
//
//   RG.state = {asOf: "YYYY-MM-DD" or null, known: bool, hideIsolated: bool, filters: {filter id: {item id: bool}},
//               colorBy: "kind", "camp" or "community" (how entities are coloured: see alignment.js)}
//
// Filters are declared in Python (DATA.filters, see relgraph/page.py's _filters): each names the table it
// applies to ("entities" or "relations") and a column; a row passes when no filter has its column's value
// unticked. A value without an entry (outside the declared items) stays shown. A column holding a list
// (a relation's sources) passes while any of its values is ticked.
var G = RG.data, D = G.raw, E = G.E, R = G.R;

// ---- The as-of rule: an exact port of relgraph/asof.py, on the day bounds computed in Python.
var RULE = D.snapshot.rule, WINDOW = D.snapshot.window;
function minusDays(iso, n) {
  var d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}
// ISO dates compare as strings; an empty bound is open, and counts as ``open`` says.
function onOrBefore(bound, day, open) { return bound ? bound <= day : open; }
function after(bound, day, open) { return bound ? bound > day : open; }
function inForce(r, day, firstDay) {
  var possible = RULE === "possible";
  // No relation holds while either party does not exist (the entities' lifetimes).
  if (!onOrBefore(possible ? r.born_lo : r.born_hi, day, true) || !after(possible ? r.died_hi : r.died_lo, day, true)) {
    return false;
  }
  if (r.temporal === "event") {  // an undated event is never placed in time
    var eventBy = possible ? r.start_hi : r.start_lo;
    return onOrBefore(possible ? r.start_lo : r.start_hi, day, false) && !!eventBy &&
      (firstDay === null || eventBy > firstDay);
  }
  // An unknown start may be any day; it is certain only from the record date.
  var started = possible ? onOrBefore(r.start_lo, day, true) : onOrBefore(r.start_hi || r.recorded_hi, day, false);
  return started && after(possible ? r.end_hi : r.end_lo, day, true);
}
// What was known by a day: on record (claimed_on, else the first source's publication) by then.
function knownBy(r, day) {
  return RULE === "possible" ? onOrBefore(r.recorded_lo, day, true) : onOrBefore(r.recorded_hi, day, false);
}

var init = D.initial || {};
var state = {asOf: init.as_of || null, known: !!init.known, hideIsolated: !!init.hide_isolated, filters: {},
             colorBy: init.color_by || "kind"};
D.filters.forEach(function (f) {
  state.filters[f.id] = RG.byId(f.items, function (it) { return !f.selected || f.selected.indexOf(it.id) >= 0; });
});
function declared(table) { return D.filters.filter(function (f) { return f.applies_to === table; }); }
var ENTITY_FILTERS = declared("entities"), RELATION_FILTERS = declared("relations");
function ticked(filter, value) {
  var on = state.filters[filter.id];
  if (!Array.isArray(value)) return on[value] !== false;
  for (var k = 0; k < value.length; k++) if (on[value[k]] !== false) return true;
  return value.length === 0;
}
// Whether each row of the table filter f applies to passes it (1) or not (0).
function passing(f) {
  return G.byValue(f.applies_to, f.column, function (v) { return ticked(f, v) ? 1 : 0; },
                   new Uint8Array(G.tables[f.applies_to].length));
}

// Relations pass every relation filter, and each entity filter at one of their ends ("ends": "either", as the
// entity kinds: a relation shows if either end is of a shown kind) or at both (the default). Entities are
// shown as an end of a shown relation; as its claimant or, when all are wanted (no date set, "hide isolated"
// off), on their own if they pass every entity filter. As of a date the page thus shows exactly what
// `relgraph snapshot` returns. One flag per row.
function compute() {
  var day = state.asOf, firstDay = day && WINDOW != null ? minusDays(day, WINDOW) : null;
  var rel = new Uint8Array(R.length), ent = new Uint8Array(E.length), named = new Uint8Array(E.length);
  var on = new Uint8Array(E.length).fill(1), i, k;
  var each = ENTITY_FILTERS.map(function (f) {
    var pass = passing(f);
    for (i = 0; i < E.length; i++) if (!pass[i]) on[i] = 0;
    return {either: f.ends === "either", pass: pass};
  });
  var relPass = RELATION_FILTERS.map(passing);
  function relationPasses(j) {
    for (k = 0; k < relPass.length; k++) if (!relPass[k][j]) return false;
    return true;
  }
  function endsPass(s, t) {
    for (k = 0; k < each.length; k++) {
      var p = each[k].pass;
      if (each[k].either ? !p[s] && !p[t] : !p[s] || !p[t]) return false;
    }
    return true;
  }
  for (i = 0; i < R.length; i++) {
    var s = G.relSrc[i], t = G.relTgt[i], c = G.relClaim[i];
    if (s < 0 || t < 0 || !endsPass(s, t) || !relationPasses(i)) continue;
    if (day && (!inForce(R[i], day, firstDay) || (state.known && !knownBy(R[i], day)))) continue;
    rel[i] = 1; ent[s] = 1; ent[t] = 1;
    if (c >= 0 && on[c]) named[c] = 1;
  }
  var all = !state.hideIsolated && !day;
  for (i = 0; i < E.length; i++) if (on[i] && (all || named[i])) ent[i] = 1;
  return {entities: ent, relations: rel};
}

var shown = compute(), listeners = [];
RG.state = state;
// What is shown now: {entities: flags, relations: flags}, one 0/1 per row of RG.data.E / RG.data.R.
RG.shown = function () { return shown; };
// f(entIdx, relIdx) runs after every change, with the rows whose visibility changed.
RG.onChange = function (f) { listeners.push(f); };
RG.apply = function () {
  RG.changed = performance.now();  // when this change began: main.js times it until its frame is drawn
  var next = compute(), entIdx = [], relIdx = [], i;
  for (i = 0; i < E.length; i++) if (next.entities[i] !== shown.entities[i]) entIdx.push(i);
  for (i = 0; i < R.length; i++) if (next.relations[i] !== shown.relations[i]) relIdx.push(i);
  shown = next;
  listeners.forEach(function (f) { f(entIdx, relIdx); });
};
// Change some of asOf, hideIsolated and filters ({filter id: {item id: bool}}, merged), then redraw.
RG.set = function (patch) {
  if ("asOf" in patch) state.asOf = patch.asOf || null;
  if ("hideIsolated" in patch) state.hideIsolated = !!patch.hideIsolated;
  if ("known" in patch) state.known = !!patch.known;
  if ("colorBy" in patch) state.colorBy = patch.colorBy || "kind";
  Object.keys(patch.filters || {}).forEach(function (id) {
    if (!state.filters[id]) throw new Error("relgraph: no filter " + JSON.stringify(id));
    Object.assign(state.filters[id], patch.filters[id]);
  });
  RG.apply();
};
function sum(flags) { for (var n = 0, i = 0; i < flags.length; i++) n += flags[i]; return n; }
RG.counts = function () { return {entities: sum(shown.entities), relations: sum(shown.relations)}; };
RG.visible = function () {
  var out = {entities: [], relations: []}, i;
  for (i = 0; i < E.length; i++) if (shown.entities[i]) out.entities.push(E[i].id);
  for (i = 0; i < R.length; i++) if (shown.relations[i]) out.relations.push(R[i].id);
  return out;
};
