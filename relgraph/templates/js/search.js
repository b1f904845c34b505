// search.js: find an entity by name or alias, accents and case ignored; exact matches first, then
// prefixes, then substrings. Choosing one focuses it (RG.focusEntity: centred, selected, its details shown).
var G = RG.data, E = G.E, el = RG.el, $ = RG.$;
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

RG.focusEntity = function (id) {
  RG.view.focus(id);
  RG.select(id);
  $("search-status").textContent = RG.shown().entities[G.entIndex[id]] ? "" :
    RG.text.entityName(id) + " is hidden by the current filters or date.";
};

var searchBox = $("search"), results = $("search-results");
function pick(id) { results.hidden = true; RG.focusEntity(id); }
function showResults() {
  var hits = search(searchBox.value).slice(0, 8);
  results.replaceChildren.apply(results, hits.map(function (id) {
    var b = el("button", {type: "button", text: RG.text.entityName(id)},
               [el("span", {className: "hint", text: " " + RG.text.kindLabel(G.entities[id].kind)})]);
    b.addEventListener("click", function () { pick(id); });
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
    if (hits.length) pick(hits[0]);
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
