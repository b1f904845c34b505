// alignment.js: entities coloured by kind, camp or community (RG.state.colorBy), the choice and its legend,
// and each entity's alignment line in its details (RG.alignment).
//
// With the page option color_by, Python sends D.alignment (relgraph/page.py, _alignment): each entity's camp,
// community and centralities at every date where they may change ("at", one entry per "dates") and over every
// relation ("all", for All dates). A date uses the last entry on or before it; before the first there is none.
// Without it, entities keep their kind's colour and nothing here shows.
var G = RG.data, D = G.raw, A = D.alignment || null, E = G.E, el = RG.el, $ = RG.$;

function by() {
  return A && (RG.state.colorBy === "camp" || RG.state.colorBy === "community") ? RG.state.colorBy : "kind";
}
// The analysis in force at the date shown: A.all without a date, else the last step on or before it (or null).
function step() {
  var day = RG.state.asOf, lo = 0, hi = A.dates.length - 1, found = -1;
  if (!day) return A.all;
  while (lo <= hi) {
    var mid = (lo + hi) >> 1;
    if (A.dates[mid] <= day) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 ? null : A.at[found];
}
function groupColour(how, value) {
  if (how === "camp") return A.camp_colours[value || ""];
  return value ? A.community_colours[value - 1] || A.none : A.none;
}
function colour(i, how, s) {
  if (how === "kind") return (G.kinds[E[i].kind] || {color: "#777777"}).color;
  return groupColour(how, s ? s[how][i] : null);
}

// The choice of colouring, and a legend of the camps or communities of the entities shown, with counts.
var box = null, select = null, items = null;
if (A) {
  select = el("select", {id: "color-by"}, [["kind", "kind"], ["camp", "camp"], ["community", "community"]].map(function (o) {
    return el("option", {value: o[0], text: o[1]});
  }));
  select.addEventListener("change", function () { RG.set({colorBy: select.value}); });
  items = el("div", {className: "alignment-items"});
  box = el("fieldset", {className: "legend-group", id: "alignment"}, [
    el("legend", {text: "Colour"}), el("label", {"for": "color-by", text: "Entities by "}), select,
    el("p", {className: "hint", id: "alignment-hint"}), items]);
  $("legend").insertBefore(box, $("legend").firstChild);
}
function legendLine(colourValue, label, n) {
  var sw = el("span", {className: "swatch-shape shape-dot", "aria-hidden": "true"});
  sw.style.background = colourValue;
  return el("div", {className: "legend-item"}, [sw, el("span", {className: "name", text: label}),
                                               el("span", {className: "count", text: String(n)})]);
}
// The camps or communities of the entities shown, as legend lines: [{color, label, count}] ([] by kind).
function groups(how, s, shown) {
  var counts = Object.create(null), i, out = [];
  if (how === "kind" || !s) return out;
  for (i = 0; i < E.length; i++) if (shown[i]) { var v = s[how][i]; counts[v] = (counts[v] || 0) + 1; }
  if (how === "camp") {
    return [["A", "camp A"], ["B", "camp B"], ["", "no camp"]].map(function (c) {
      return {color: groupColour("camp", c[0]), label: c[1], count: counts[c[0]] || 0};
    });
  }
  Object.keys(counts).filter(function (k) { return k !== "null"; }).map(Number).sort(function (a, b) { return a - b; })
    .forEach(function (k) { out.push({color: groupColour("community", k), label: "community " + k, count: counts[k]}); });
  if (counts["null"]) out.push({color: A.none, label: "no community", count: counts["null"]});
  return out;
}
function refreshLegend(how, s) {
  select.value = how;
  var when = RG.state.asOf ? "as of " + RG.state.asOf : "over every relation";
  $("alignment-hint").textContent = how === "kind" ? "Entities in their kind's colour (below)." :
    (s ? "By " + how + ", " + when + " (from the relations' signs)." : "No relation holds yet " + when + ".");
  items.replaceChildren.apply(items, groups(how, s, RG.shown().entities).map(function (g) {
    return legendLine(g.color, g.label, g.count);
  }));
}

// Colours follow the state: after each change, only the entities whose colour changed are redrawn.
var current = E.map(function (e, i) { return colour(i, by(), A && by() !== "kind" ? step() : null); });
function refresh() {
  var how = by(), s = A && how !== "kind" ? step() : null, changed = [], i;
  for (i = 0; i < E.length; i++) {
    var c = colour(i, how, s);
    if (c !== current[i]) { current[i] = c; changed.push(i); }
  }
  if (changed.length && RG.view && RG.view.recolor) RG.view.recolor(changed);
  if (A) refreshLegend(how, s);
}
if (A) refreshLegend(by(), by() !== "kind" ? step() : null);
if (A) RG.onChange(refresh);

function fixed(x) { return x == null ? "-" : Number(x).toFixed(2); }
RG.alignment = {
  // The colour entity i is drawn in now, and what colours say: "kind", "camp" or "community".
  colour: function (i) { return current[i]; },
  by: by,
  // Legend lines of the camps or communities among the entities flagged in ``shown`` (for the images).
  legend: function (shown) { var how = by(); return groups(how, how === "kind" ? null : step(), shown); },
  // Entity i's camp, community and centralities at the date shown, in words ("" without the analysis).
  line: function (i) {
    if (!A) return "";
    var s = step(), when = RG.state.asOf ? " (as of " + RG.state.asOf + ")" : " (every relation)";
    if (!s || (!s.camp[i] && s.community[i] == null && !s.degree[i])) return "no signed relation" + when;
    return (s.camp[i] ? "camp " + s.camp[i] : "no camp") + ", " +
      (s.community[i] == null ? "no community" : "community " + s.community[i]) +
      "; degree " + fixed(s.degree[i]) + ", betweenness " + fixed(s.betweenness[i]) +
      ", eigenvector " + fixed(s.eigenvector[i]) + when;
  }
};
