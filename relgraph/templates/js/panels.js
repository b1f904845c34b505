// panels.js: the legend (filters) and the details panels, which the reader opens and closes. On a wide
// screen both sit beside the graph, open; narrower (a notebook's output, a tablet) the details open over
// the graph when something is chosen; on a phone both do, and start closed: the graph keeps the width.
// The breakpoints are page.css's.
var $ = RG.$, body = document.body;
var PANELS = {legend: {toggle: $("toggle-legend"), wide: "(min-width: 700px)"},
              details: {toggle: $("toggle-details"), wide: "(min-width: 1100px)"}};

function docked(name) { return window.matchMedia(PANELS[name].wide).matches; }
function set(name, open) {
  body.classList.toggle(name + "-open", open);
  PANELS[name].toggle.setAttribute("aria-expanded", String(open));
}
function isOpen(name) { return body.classList.contains(name + "-open"); }
function defaults() { Object.keys(PANELS).forEach(function (name) { set(name, docked(name)); }); }

Object.keys(PANELS).forEach(function (name) {
  var p = PANELS[name];
  p.toggle.addEventListener("click", function () { set(name, !isOpen(name)); });
  window.matchMedia(p.wide).addEventListener("change", defaults);
});
document.querySelectorAll(".panel .close").forEach(function (b) {
  b.addEventListener("click", function () { set(b.getAttribute("data-panel"), false); PANELS[b.getAttribute("data-panel")].toggle.focus(); });
});
// Escape closes a panel that lies over the graph.
document.addEventListener("keydown", function (ev) {
  if (ev.key !== "Escape") return;
  ["details", "legend"].some(function (name) {
    if (isOpen(name) && !docked(name)) { set(name, false); PANELS[name].toggle.focus(); return true; }
    return false;
  });
});
defaults();

// Showing an item's details opens their panel.
RG.panels = {open: function (name) { set(name, true); }, close: function (name) { set(name, false); }, isOpen: isOpen};
