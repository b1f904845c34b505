// main.js: wiring, and window.relgraph, the page's one outside hook.
//
// The page's script is the files of relgraph/templates/js joined in a fixed order (relgraph/page.py, PAGE_JS):
// util, data, text, dates, state, fold, diff, filters, empty, time, search, panels, details, alignment, table, timeline,
// hash, map, render-vis, render-webgl, image, main. The join wraps each file in its own function inside one outer function holding RG, the namespace they
// share: every file reads what earlier ones put on RG and adds its own part. Only window.relgraph leaves the page's script.
//
// window.relgraph.api, for tests and benchmarks (ids are entity and relation ids):
//   renderer               "vis" (vis-network) or "webgl" (sigma.js)
//   programs               sigma.js's programs: {entities: "point", relations: "line"} on a large graph (1-pixel
//                          lines, D.drawing.thin), else {entities: "circle", relations: "arrow"}; null for vis-network
//   view()                 the tab shown: "graph" (the network), "map" or "table"; show(name) shows one
//   timings.firstDraw      ms from navigation start until the renderer's first draw call returned (its pixels may
//                          not be there yet: WebGL and canvas work is queued; undefined until then)
//   timings.pixels         ms from navigation start until the first drawing's pixels are there: the draw forced
//                          to finish (WebGL readPixels, canvas getImageData), then the next animation frame
//   timings.change         ms the last change (filter, date, toggle) took, from its start until its frame's
//                          pixels are there, measured the same way; timings.changes counts the changes timed
//   afterDraw(f)           call f once, after the next frame drawn
//   afterPixels(f)         call f(now) once the next frame drawn has its pixels (as timings.pixels)
//   hash()                 the view's state as the URL hash it writes (without "#"; see hash.js)
//   state()                a copy of the state: {asOf, hideIsolated, filters: {filter id: {item id: bool}}, colorBy}
//   set(patch)             change some of those fields (filters merge per item) and redraw; the controls follow
//   counts()               {entities, relations}: how many are shown
//   visible()              {entities: [ids], relations: [ids]} shown
//   select(id)             show an entity's (else a relation's) details and select it on the canvas
//   selected()             {entity: id} or {relation: id} whose details are shown, or null
//   focus(id)              centre on an entity and select it, as choosing it in the search does
//   drawn()                what the renderer draws, read back from it: {physics: bool, entities: {id: {x, y,
//                          hidden, selected, color}}, relations: {id: {hidden, selected, curve}}}; x, y are page
//                          coordinates (CSS pixels, as for a mouse click), curve "curvedCW", "curvedCCW" or null
//                          vis-network adds per entity its label (text), symbol and labelBox (page boxes);
//                          sigma.js labelled (whether its label is drawn now); folded, also lines: {k: {hidden,
//                          selected, label}} and each relation's line
//   showLine(k)            show the details of the folded view's line k (as clicking it does) and select it
//   folds()                the folded view's shown lines (null when not folded): [{line, source, target, relation,
//                          count, first, last, relations: [ids]}], the counts and dates of their shown relations
var D = RG.data.raw, $ = RG.$, timings = {};
var view = RG.view = RG.renderers[D.renderer]();
// The draw forced to finish, then the frame after it begins: the browser has the pixels of the drawing.
function pixels(f) { view.finish(); requestAnimationFrame(function () { f(performance.now()); }); }
function afterPixels(f) { view.afterDraw(function () { pixels(f); }); }
// sigma.js draws its first frame in its constructor, vis-network at its first "afterDrawing".
function drawn() { timings.firstDraw = performance.now(); pixels(function (now) { timings.pixels = now; }); }
if (D.renderer === "webgl") drawn();
else view.afterDraw(drawn);
timings.changes = 0;
RG.onChange(function (entIdx, relIdx) {
  if (!entIdx.length && !relIdx.length) return;
  var started = RG.changed;
  // Hooked before the update: sigma.js redraws within it, vis-network at its next frame.
  afterPixels(function (now) { timings.change = now - started; timings.changes += 1; });
  view.update(entIdx, relIdx);
});
view.onClick(RG.showEntity, RG.showRelation);

// ---- View toggles.
var isolated = $("hide-isolated"), physics = $("physics");
isolated.checked = RG.state.hideIsolated;
isolated.addEventListener("change", function () { RG.set({hideIsolated: isolated.checked}); });
RG.onChange(function () { isolated.checked = RG.state.hideIsolated; });
physics.checked = D.physics;
physics.disabled = D.renderer === "webgl";
if (physics.disabled) physics.parentNode.title = "Large graphs are drawn with fixed positions";
physics.addEventListener("change", function () { view.physics(physics.checked); });
// The map keeps every entity at its place: physics is for the network.
function canvasView() {
  var map = RG.map.on();
  view.mode(map ? "map" : "graph");
  physics.disabled = D.renderer === "webgl" || map;
  physics.parentNode.title = D.renderer === "webgl" ? "Large graphs are drawn with fixed positions" :
    map ? "On the map every entity keeps its place" : "";
}
if (D.renderer !== "webgl") { RG.views.onChange(canvasView); canvasView(); }
$("fit").addEventListener("click", function () { view.fit(); });

window.relgraph = {api: {
  renderer: D.renderer, programs: view.programs || null, timings: timings, afterDraw: view.afterDraw, afterPixels: afterPixels,
  state: function () { return JSON.parse(JSON.stringify(RG.state)); },
  set: RG.set, counts: RG.counts, visible: RG.visible, view: RG.views.current, show: RG.views.show,
  select: RG.select, selected: RG.selected, focus: RG.focusEntity, drawn: view.drawn, hash: RG.hash.write,
  showLine: RG.showLine,
  folds: function () {
    if (!RG.folds) return null;
    var now = RG.folds.shown(), on = RG.shown().relations, out = [];
    for (var k = 0; k < RG.folds.count; k++) {
      if (!now.count[k]) continue;
      var line = RG.folds.line(k);
      out.push({line: k, source: line.source, target: line.target, relation: line.relation, count: now.count[k],
                first: now.first[k], last: now.last[k],
                relations: RG.folds.members(k).filter(function (i) { return on[i]; }).map(function (i) { return RG.data.R[i].id; })});
    }
    return out;
  }
}};
var focus = (D.initial || {}).focus;
if (focus && focus in RG.data.entIndex) RG.focusEntity(focus);
RG.hash.start();  // a link's view (the URL's hash) overrides the options the page was written with
