// main.js: wiring, and window.relgraph, the page's one outside hook.
//
// The page's script is the files of relgraph/templates/js joined in a fixed order (relgraph/page.py, PAGE_JS):
// util, data, text, dates, state, diff, filters, empty, time, search, panels, details, alignment, table, timeline,
// hash, render-vis, render-webgl, image, main. The join wraps each file in its own function inside one outer function holding RG, the namespace they
// share: every file reads what earlier ones put on RG and adds its own part. Only window.relgraph leaves the page's script.
//
// window.relgraph.api, for tests and benchmarks (ids are entity and relation ids):
//   renderer               "vis" (vis-network) or "webgl" (sigma.js)
//   timings.firstDraw      ms from navigation start to the first frame drawn (undefined until then)
//   afterDraw(f)           call f once, after the next frame drawn
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
//                          sigma.js labelled (whether its label is drawn now)
var D = RG.data.raw, $ = RG.$, timings = {};
var view = RG.view = RG.renderers[D.renderer]();
// sigma.js draws its first frame in its constructor, vis-network at its first "afterDrawing".
if (D.renderer === "webgl") timings.firstDraw = performance.now();
else view.afterDraw(function () { timings.firstDraw = performance.now(); });
RG.onChange(function (entIdx, relIdx) { if (entIdx.length || relIdx.length) view.update(entIdx, relIdx); });
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
$("fit").addEventListener("click", function () { view.fit(); });

window.relgraph = {api: {
  renderer: D.renderer, timings: timings, afterDraw: view.afterDraw,
  state: function () { return JSON.parse(JSON.stringify(RG.state)); },
  set: RG.set, counts: RG.counts, visible: RG.visible,
  select: RG.select, selected: RG.selected, focus: RG.focusEntity, drawn: view.drawn, hash: RG.hash.write
}};
var focus = (D.initial || {}).focus;
if (focus && focus in RG.data.entIndex) RG.focusEntity(focus);
RG.hash.start();  // a link's view (the URL's hash) overrides the options the page was written with
