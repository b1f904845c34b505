// hash.js: the view's state in the URL's hash (#as-of=2024-11-25&hide.types=attack&select=ttp), so a link
// opens the same view; and "Copy link". Keys: as-of, known, isolated=hide, color=camp|community, hide.<filter> or only.<filter>
// (the unticked or the ticked items, whichever list is shorter), view=map or view=table, select (an entity or relation id), find
// (the search text). Unknown keys and ids are ignored: a link outlives changes to the data.
var $ = RG.$, D = RG.data.raw, G = RG.data;

function enc(s) { return encodeURIComponent(s); }
function write() {
  var s = RG.state, parts = [], sel = RG.selected(), find = $("search").value.trim();
  if (s.asOf) parts.push("as-of=" + enc(s.asOf));
  if (s.known) parts.push("known=1");
  if (s.hideIsolated) parts.push("isolated=hide");
  if (s.colorBy !== "kind") parts.push("color=" + enc(s.colorBy));
  D.filters.forEach(function (f) {
    // Thousands of items (claimants): only the shorter list is written out.
    var ticks = s.filters[f.id], off = f.items.filter(function (it) { return ticks[it.id] === false; });
    if (!off.length) return;
    var only = f.items.length - off.length < off.length;
    var ids = (only ? f.items.filter(function (it) { return ticks[it.id] !== false; }) : off).map(function (it) { return enc(it.id); });
    parts.push((only ? "only." : "hide.") + enc(f.id) + "=" + ids.join(","));
  });
  if (!RG.views.is("graph")) parts.push("view=" + RG.views.current());
  if (sel) parts.push("select=" + enc(sel.entity || sel.relation));
  if (find) parts.push("find=" + enc(find));
  return parts.join("&");
}
function read(hash) {
  var got = {filters: {}}, patch = {asOf: null, known: false, hideIsolated: false, colorBy: "kind", filters: {}};
  String(hash || "").replace(/^#/, "").split("&").filter(Boolean).forEach(function (pair) {
    var at = pair.indexOf("="), key = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
    var value = at < 0 ? "" : pair.slice(at + 1);
    if (/^(hide|only)\./.test(key)) got.filters[key.slice(5)] = {only: key[0] === "o", ids: value.split(",").map(decodeURIComponent)};
    else got[key] = decodeURIComponent(value);
  });
  var day = RG.dates.parse(got["as-of"] || "");
  patch.asOf = day.error ? null : day.day;
  patch.known = got.known === "1";
  patch.hideIsolated = got.isolated === "hide";
  if (got.color === "camp" || got.color === "community") patch.colorBy = got.color;
  D.filters.forEach(function (f) {
    var g = got.filters[f.id], ids = g ? g.ids : [];
    patch.filters[f.id] = RG.byId(f.items, function (it) { return g ? (ids.indexOf(it.id) >= 0) === g.only : true; });
  });
  return {patch: patch, select: got.select, find: got.find, view: got.view === "table" || got.view === "map" ? got.view : "graph"};
}

// Where the view is now: the hash in the address bar (when the page may write it) and for Copy link.
var current = "", started = false;
function update() {
  if (!started) return;
  current = write();
  if (("#" + current === location.hash) || (!current && !location.hash)) return;
  try { history.replaceState(null, "", current ? "#" + current : location.pathname + location.search); } catch (e) { /* a sandbox */ }
}
function apply(hash) {
  var got = read(hash);
  RG.set(got.patch);
  RG.views.show(got.view);
  if (got.find !== undefined) $("search").value = got.find;
  if (got.select && (got.select in G.entIndex || got.select in G.relIndex)) {
    if (got.select in G.entIndex) RG.focusEntity(got.select); else RG.select(got.select);
  }
}

// "Copy link": the page's address with the view's hash; where there is no address to give (the page
// inline in a notebook) or copying is not allowed, the link or the hash is shown to copy by hand.
function copyLink() {
  current = write();
  var addressable = /^(https?|file):$/.test(location.protocol);
  var link = addressable ? location.href.split("#")[0] + (current ? "#" + current : "") : "#" + current;
  var box = $("link-text"), status = $("link-status");
  function showText(why) {
    box.hidden = false;
    box.value = link;
    box.select();
    status.textContent = why;
  }
  if (!addressable) { showText("This page has no address here: add this to its address to open this view."); return; }
  var clip = navigator.clipboard;
  if (!clip || !clip.writeText) { showText("Copying is not available here: copy the link from the box."); return; }
  clip.writeText(link).then(function () { box.hidden = true; status.textContent = "Link copied."; },
                            function () { showText("Copying is not allowed here: copy the link from the box."); });
}
$("copy-link").addEventListener("click", copyLink);

// At load (before the first draw) the hash, if any, sets the view; start() begins following it.
if (location.hash.length > 1) RG.set(read(location.hash).patch);
RG.hash = {
  write: write,
  start: function () {
    if (location.hash.length > 1) apply(location.hash);
    started = true;
    update();
    RG.onChange(update);
    RG.onSelect(update);
    RG.views.onChange(update);
    $("search").addEventListener("change", update);
    window.addEventListener("hashchange", function () { if (location.hash.slice(1) !== current) apply(location.hash); });
  }
};
