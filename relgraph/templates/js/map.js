// map.js: the map view's background and positions. Everything is computed in Python (relgraph/geo.py,
// DATA.map): the outlines as SVG paths in map units, each entity's place, the margin for those without one,
// the frame and what fitting shows. This file only draws them: on the vis-network canvas (paint) and in the
// images (layer); the page's and relgraph render's SVG images of the map are drawn from the same numbers.
//
//   RG.map.available, .reason  whether the data can be drawn on a map, and if not why
//   RG.map.on()                whether the map view is the canvas's view now (the Map tab, or the table after it)
//   RG.map.positions()         {id: {x, y}}: each entity's place on the map
//   RG.map.extent              the box fitting the view shows (map units)
//   RG.map.paint(ctx, scale)   draw the map under the entities, in map units, lines of one screen pixel
//   RG.map.layer(node)         the map as an SVG group, made with image.js's node(tag, attrs, text)
var G = RG.data, D = G.raw, E = G.E, M = D.map, S = D.drawing.map;
var paths = null;

function codes(e) { return e.iso3 ? [e.iso3] : String(e.countries || "").split("|").filter(Boolean); }
// The countries of the entity selected, drawn darker: where it is based or operates.
function chosen() {
  var sel = RG.selected && RG.selected(), out = Object.create(null);
  if (sel && sel.entity) codes(G.entities[sel.entity]).forEach(function (c) { out[c] = true; });
  return out;
}
function fill(o, picked) { return picked[o.iso3] ? S.chosen : o.data ? S.data : S.land; }

RG.map = {
  available: M.available, reason: M.reason || "",
  extent: M.extent,
  on: function () { return M.available && RG.views.canvas() === "map"; },
  positions: function () { return RG.byId(E, function (e, i) { return {x: M.x[i], y: M.y[i]}; }); },
  countriesOf: function (e) { return codes(e).map(function (c) { return (M.names || {})[c] || c; }); },
  paint: function (ctx, scale) {
    if (!paths) paths = M.outlines.map(function (o) { return new Path2D(o.d); });
    var picked = chosen(), f = M.frame, px = 1 / scale;
    ctx.save();
    ctx.fillStyle = S.sea;
    ctx.fillRect(f.left, f.top, f.right - f.left, f.bottom - f.top);
    ctx.lineWidth = px;
    ctx.strokeStyle = S.border;
    M.outlines.forEach(function (o, k) { ctx.fillStyle = fill(o, picked); ctx.fill(paths[k], "evenodd"); ctx.stroke(paths[k]); });
    ctx.strokeRect(f.left, f.top, f.right - f.left, f.bottom - f.top);
    ctx.fillStyle = S.label;
    ctx.textAlign = "center";
    ctx.font = "italic " + S.label_size + "px " + D.drawing.font;
    M.labels.forEach(function (l) { ctx.fillText(l.name, l.x, l.y); });
    ctx.font = "bold " + S.label_size + "px " + D.drawing.font;
    ctx.fillText("N \u2191", f.right - 24, f.top + 22);
    ctx.textAlign = "left";
    M.margin.forEach(function (g) {
      ctx.setLineDash([4 * px, 4 * px]);
      ctx.strokeRect(g.left, g.top, g.right - g.left, g.bottom - g.top);
      ctx.setLineDash([]);
      ctx.fillText(g.label, g.left + 8, g.top + 20);
    });
    ctx.restore();
  },
  layer: function (node) {
    var f = M.frame, g = node("g", {"class": "map"}), picked = chosen();
    g.appendChild(node("rect", {x: f.left, y: f.top, width: f.right - f.left, height: f.bottom - f.top, fill: S.sea}));
    var outlines = node("g", {stroke: S.border, "stroke-width": 0.8, "fill-rule": "evenodd"});
    M.outlines.forEach(function (o) { outlines.appendChild(node("path", {d: o.d, fill: fill(o, picked)}, undefined)); });
    g.appendChild(outlines);
    g.appendChild(node("rect", {x: f.left, y: f.top, width: f.right - f.left, height: f.bottom - f.top, fill: "none",
                                stroke: S.border}));
    var names = node("g", {fill: S.label, "font-size": S.label_size, "font-style": "italic", "text-anchor": "middle"});
    M.labels.forEach(function (l) { names.appendChild(node("text", {x: l.x, y: l.y}, l.name)); });
    g.appendChild(names);
    g.appendChild(node("text", {x: f.right - 24, y: f.top + 22, fill: S.label, "font-size": S.label_size,
                                "font-weight": "bold", "text-anchor": "middle"}, "N \u2191"));
    M.margin.forEach(function (m) {
      g.appendChild(node("rect", {x: m.left, y: m.top, width: m.right - m.left, height: m.bottom - m.top, fill: "none",
                                  stroke: S.border, "stroke-dasharray": "4 4"}));
      g.appendChild(node("text", {x: m.left + 8, y: m.top + 20, fill: S.label, "font-size": S.label_size,
                                  "font-weight": "bold"}, m.label));
    });
    return g;
  },
  credit: function () { return "Map: Natural Earth (public domain), " + M.projection + "."; }
};
