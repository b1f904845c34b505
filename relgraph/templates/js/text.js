// text.js: how the data reads as text: names, labels, periods, one-line relation summaries, tooltips, URLs.
var G = RG.data;

function entityName(id) { return G.entities[id] ? G.entities[id].name : id; }
function typeLabel(t) { return G.types[t] ? G.types[t].label : t; }
function period(r) {
  if (r.temporal === "event") return r.start || "date unknown";
  if (r.start && r.end) return r.start + " \u2013 " + r.end;
  return r.start ? "since " + r.start : r.end ? "until " + r.end : "date unknown";
}
// When a relation went on record, when it was not given: its first source's publication.
function recordedText(r) {
  if (!r.recorded_lo) return "";
  return (r.recorded_lo === r.recorded_hi ? r.recorded_lo : r.recorded_lo + " \u2013 " + r.recorded_hi) +
    " (first published)";
}
function relationSummary(r) {
  // Who alleges or denies it tells apart relations that would otherwise read the same.
  var status = r.claimed_by ? r.status + " by " + entityName(r.claimed_by) : r.status;
  return entityName(r.source) + " \u2192 " + typeLabel(r.relation) + " \u2192 " + entityName(r.target) +
    " (" + period(r) + ", " + status + ")";
}

RG.text = {
  entityName: entityName, typeLabel: typeLabel, period: period, relationSummary: relationSummary,
  recordedText: recordedText,
  kindLabel: function (k) { return G.kinds[k] ? G.kinds[k].label : k; },
  // A relation's hover text (vis-network shows it with innerText); in a diff view, its change.
  tooltip: function (r) {
    var lines = [relationSummary(r)];
    if (r.evidence) lines.push("\u201c" + r.evidence + "\u201d");
    if (r.change) lines.push(r.change);
    return lines.join("\n");
  },
  // Only http(s) URLs become links.
  safeUrl: function (url) { return /^https?:\/\/\S+$/i.test(url || "") ? url : null; }
};
