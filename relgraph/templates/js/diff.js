// diff.js: the diff view's own part of the details panel: a changed relation's old -> new values.
// (Its colours and its "Changes" filter come from Python: DATA.edges and DATA.filters.)
var el = RG.el;
function value(v) { return v === "" ? "(empty)" : v; }

// The "Changed" heading and list for relation r, or nothing when r has no previous values.
RG.changedValues = function (r) {
  var old = r.old || {}, fields = Object.keys(old);
  if (!fields.length) return [];
  return [el("h3", {text: "Changed"}), el("ul", {className: "changes"}, fields.map(function (k) {
    return el("li", {text: k + ": " + value(old[k]) + " \u2192 " + value(r[k])});
  }))];
};
