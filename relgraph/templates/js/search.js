// search.js: find entities by name or alias. Accents, case, punctuation, hyphens and spaces are ignored
// ("al qaida" finds al-Qaida, "daesh kp" Daesh-KP), prefixes of a name or of any of its words match, and so
// do near misses (one typo in four letters or more, two from eight; two letters swapped are one typo). Every match is listed, best first;
// choosing one focuses it (RG.focusEntity: centred, selected, its details shown).
var G = RG.data, E = G.E, el = RG.el, $ = RG.$;
var MAX_LISTED = 200, FUZZY_MAX_ENTITIES = 20000;

// Each spelling of an entity as its compact form and the places in it where its words start.
function fold(s) { return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
function spelling(s) {
  var words = fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean), starts = [], at = 0;
  words.forEach(function (w) { starts.push(at); at += w.length; });
  return {text: words.join(""), starts: starts};
}
function compact(s) { return spelling(s).text; }
var spellings = E.map(function (e) {
  return [e.name].concat((e.aliases || "").split("|")).filter(Boolean).map(spelling);
});

// The fewest edits (a letter added, dropped, changed, or two swapped) that turn q into a prefix of t, the
// rest of t free; Infinity once more than max.
function prefixDistance(q, t, max) {
  var before = null, prev = [], cur, i, j, best;
  for (j = 0; j <= t.length; j++) prev.push(j);
  for (i = 1; i <= q.length; i++) {
    cur = [i]; best = i;
    for (j = 1; j <= t.length; j++) {
      var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (q[i - 1] === t[j - 1] ? 0 : 1));
      if (before && i > 1 && j > 1 && q[i - 1] === t[j - 2] && q[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return Infinity;
    before = prev; prev = cur;
  }
  return Math.min.apply(null, prev);
}
function allowedTypos(n) { return n >= 8 ? 2 : n >= 4 ? 1 : 0; }

// How well one spelling matches the compact query: 0 the same, 1 its start, 2 a word's start, 3 inside it,
// 4 and 5 a near miss of its start or a word's start (one or two typos); null: no match.
function rank(q, sp, fuzzy) {
  var t = sp.text, k, d, best = null;
  if (t === q) return 0;
  if (t.indexOf(q) === 0) return 1;
  for (k = 1; k < sp.starts.length; k++) if (t.indexOf(q, sp.starts[k]) === sp.starts[k]) return 2;
  if (q.length >= 2 && t.indexOf(q) > 0) return 3;
  var typos = fuzzy ? allowedTypos(q.length) : 0;
  for (k = 0; typos && k < sp.starts.length; k++) {
    d = prefixDistance(q, t.slice(sp.starts[k], sp.starts[k] + q.length + typos), typos);
    if (d <= typos && (best === null || 3 + d < best)) best = 3 + d;
  }
  return best;
}

// The ids of the entities matching the query, best first (then by name).
function search(query) {
  var q = compact(query), hits = [], fuzzy = E.length <= FUZZY_MAX_ENTITIES;
  if (!q) return hits;
  spellings.forEach(function (sps, i) {
    var best = null;
    sps.forEach(function (sp) { var r = rank(q, sp, fuzzy); if (r !== null && (best === null || r < best)) best = r; });
    if (best !== null) hits.push([best, E[i].name, E[i].id]);
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
  var hits = search(searchBox.value), listed = hits.slice(0, MAX_LISTED);
  results.replaceChildren.apply(results, listed.map(function (id) {
    var b = el("button", {type: "button", text: RG.text.entityName(id)},
               [el("span", {className: "hint", text: " " + RG.text.kindLabel(G.entities[id].kind)})]);
    b.addEventListener("click", function () { pick(id); });
    return el("li", {}, [b]);
  }));
  results.hidden = hits.length === 0;
  $("search-status").textContent = !searchBox.value.trim() ? "" : !hits.length ? "No entity matches." :
    hits.length === 1 ? "1 match" : hits.length + " matches" +
    (hits.length > listed.length ? ", the first " + listed.length + " listed" : "");
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
