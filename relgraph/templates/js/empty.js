// empty.js: says so when no relation is shown (the date and the filters leave nothing), and offers to show
// everything: all dates, every filter item ticked, isolated entities shown.
var $ = RG.$, D = RG.data.raw, box = $("empty");

function words() {
  var day = RG.state.asOf;
  return "No relation is shown: none passes the " + (day ? "date (" + day + ") and the " : "") + "filters.";
}
function refresh() {
  box.hidden = RG.counts().relations > 0 || RG.data.R.length === 0;
  if (!box.hidden) $("empty-text").textContent = words();
}
$("reset").addEventListener("click", function () {
  var filters = {};
  D.filters.forEach(function (f) { filters[f.id] = RG.byId(f.items, function () { return true; }); });
  RG.set({asOf: null, hideIsolated: false, filters: filters});
});
refresh();
RG.onChange(refresh);
