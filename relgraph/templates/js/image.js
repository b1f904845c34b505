// image.js: the current view as an image: "Download SVG", "Download PNG" (twice the size) and what Ctrl+P
// prints. The image holds the title, the date, the entities and relations shown where they are drawn, a
// legend of what is shown and the sources cited; relgraph/svg.py draws `relgraph render -o x.svg` alike,
// from the same layout (DATA.drawing.image) and shapes. Built as DOM nodes: every text goes in as text.
var G = RG.data, D = G.raw, E = G.E, R = G.R, $ = RG.$, L = D.edges, K = D.drawing, IM = K.image;
var NS = "http://www.w3.org/2000/svg", ctx = document.createElement("canvas").getContext("2d");
var STATUS_DASHES = RG.byId(D.statuses, function (st) { return st.dashes; });

function width(text, size) { ctx.font = size + "px " + K.font; return ctx.measureText(text).width; }
function n(v) { return String(Math.round(v * 10) / 10); }
function node(tag, attrs, text) {
  var e = document.createElementNS(NS, tag);
  Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
  if (text !== undefined) e.textContent = text;
  return e;
}
function shape(name, x, y, size, colour) {
  var pts = K.shapes[name];
  if (!pts) return node("circle", {cx: n(x), cy: n(y), r: n(size), fill: colour});
  return node("polygon", {fill: colour, points: pts.map(function (p) { return n(x + p[0] * size) + "," + n(y + p[1] * size); }).join(" ")});
}
function dash(d) { return d === true ? "5 5" : d ? d.join(" ") : null; }
function line(x1, y1, x2, y2, curve) {
  if (!curve) return "M" + n(x1) + "," + n(y1) + " L" + n(x2) + "," + n(y2);
  var dx = x2 - x1, dy = y2 - y1;
  return "M" + n(x1) + "," + n(y1) + " Q" + n((x1 + x2) / 2 - dy * curve) + "," + n((y1 + y2) / 2 + dx * curve) + " " + n(x2) + "," + n(y2);
}
// The legend of what is shown: per filter of the drawing (changes, types, kinds, statuses), its shown items.
function legend(shown) {
  var out = [], colouring = RG.alignment.legend(shown.entities);
  if (colouring.length) {  // entities coloured by camp or community: that first, the kinds by shape alone
    out.push({heading: RG.alignment.by() === "camp" ? "Camps" : "Communities"});
    colouring.forEach(function (g) {
      if (g.count) out.push({item: {shape: "dot", color: g.color}, text: g.label + " (" + g.count + ")"});
    });
  }
  D.filters.forEach(function (f) {
    if (["changes", "types", "kinds", "statuses"].indexOf(f.id) < 0) return;
    var rows = f.applies_to === "entities" ? E : R, flags = shown[f.applies_to], count = Object.create(null);
    for (var i = 0; i < rows.length; i++) if (flags[i]) count[rows[i][f.column]] = (count[rows[i][f.column]] || 0) + 1;
    var items = f.items.filter(function (it) { return count[it.id]; });
    if (!items.length) return;
    out.push({heading: f.label});
    items.forEach(function (it) {
      // The image draws shapes and dashes even where the canvas (sigma.js) does not: so does its legend.
      var drawn = f.id === "kinds" ? {shape: G.kinds[it.id].shape, color: colouring.length ? "#777777" : it.color} :
        f.id === "statuses" ?
        {color: "#555", dashes: STATUS_DASHES[it.id]} : {};
      out.push({item: Object.assign({}, it, drawn), text: it.label + " (" + count[it.id] + ")"});
    });
  });
  return out;
}
function cited(shown) {
  var ids = Object.create(null);
  R.forEach(function (r, i) { if (shown.relations[i]) (r.sources || [r.source_id]).forEach(function (s) { ids[s] = true; }); });
  return Object.keys(ids).map(function (s) { return G.sources[s] ? G.sources[s].title || s : s; }).sort();
}
function when() {
  var day = RG.state.asOf;
  return day ? "as of " + day + (RG.state.known ? ", as known then" : "") : "all dates";
}

// The SVG element of the view now; sources: "line" (one line, for a download) or "none" (print lists them).
function build() {
  var shown = RG.shown(), pos = RG.view.positions(), size = K.node, box = null, ents = [], nE = 0, nR = 0;
  E.forEach(function (e, i) {
    if (!shown.entities[i]) return;
    nE++;
    var p = pos[e.id], lines = D.nodes.label[i].split("\n");
    var half = Math.max(Math.max.apply(null, lines.map(function (t) { return width(t, K.size); })) / 2, size);
    var b = {left: p.x - half, right: p.x + half, top: p.y - size, bottom: p.y + size + K.gap + lines.length * K.line};
    box = box ? {left: Math.min(box.left, b.left), right: Math.max(box.right, b.right), top: Math.min(box.top, b.top),
                 bottom: Math.max(box.bottom, b.bottom)} : b;
    ents.push({i: i, p: p, lines: lines});
  });
  box = box || {left: 0, top: 0, right: 400, bottom: 200};
  var onMap = RG.map.on();
  if (onMap) box = RG.map.extent;  // the whole map, whatever is shown: the frame, the countries, the margin
  for (var j = 0; j < R.length; j++) nR += shown.relations[j];
  var items = legend(shown), graphW = Math.max(box.right - box.left, 400), graphH = box.bottom - box.top;
  var legendW = items.reduce(function (m, l) { return Math.max(m, width(l.text || l.heading, IM.text) + IM.swatch + 8); }, IM.legend);
  var W = IM.margin * 2 + graphW + IM.gap + legendW, bodyH = Math.max(graphH, items.length * IM.line);
  var H = IM.header + bodyH + IM.margin + 2 * IM.line + IM.margin;
  var ox = IM.margin - box.left + (graphW - (box.right - box.left)) / 2, oy = IM.header - box.top;
  var svg = node("svg", {xmlns: NS, width: n(W), height: n(H), viewBox: "0 0 " + n(W) + " " + n(H),
                         "font-family": K.font, "font-size": IM.text});
  svg.appendChild(node("title", {}, D.title));
  svg.appendChild(node("rect", {width: n(W), height: n(H), fill: "#fff"}));
  if (onMap) {
    var layer = RG.map.layer(node);
    layer.setAttribute("transform", "translate(" + n(ox) + "," + n(oy) + ")");
    svg.appendChild(layer);
  }
  var defs = node("defs"), markers = Object.create(null), edges = node("g", {fill: "none", "stroke-width": 2});
  R.forEach(function (r, i) {
    if (!shown.relations[i]) return;
    var a = pos[r.source], b = pos[r.target], colour = L.color[i];
    var path = node("path", {d: line(a.x + ox, a.y + oy, b.x + ox, b.y + oy, L.curve[i]), stroke: colour});
    if (dash(L.dashes[i])) path.setAttribute("stroke-dasharray", dash(L.dashes[i]));
    if (r.directed) {
      if (!(colour in markers)) {
        markers[colour] = "arrow" + Object.keys(markers).length;
        var m = node("marker", {id: markers[colour], viewBox: "0 0 10 10", refX: 10 + size + 2, refY: 5, markerWidth: 9,
                                markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto"});
        m.appendChild(node("path", {d: "M0,0 L10,5 L0,10 z", fill: colour}));
        defs.appendChild(m);
      }
      path.setAttribute("marker-end", "url(#" + markers[colour] + ")");
    }
    edges.appendChild(path);
  });
  svg.appendChild(defs);
  svg.appendChild(node("text", {x: IM.margin, y: IM.margin + 4, "font-size": IM.title, "font-weight": "bold"}, D.title));
  svg.appendChild(node("text", {x: IM.margin, y: IM.margin + 26, fill: "#333"}, when() + ": " + nE + " entities, " + nR + " relations"));
  svg.appendChild(edges);
  var symbols = node("g", {stroke: "#fff", "stroke-width": 1}), labels = node("g", {"font-size": K.size, "text-anchor": "middle",
    fill: "#222", stroke: "#fff", "stroke-width": 3, "paint-order": "stroke"});
  ents.forEach(function (en) {
    var kind = G.kinds[E[en.i].kind] || {shape: "dot", color: "#777777"}, x = en.p.x + ox, y = en.p.y + oy;
    symbols.appendChild(shape(kind.shape, x, y, size, RG.alignment.colour(en.i)));
    var text = node("text");
    en.lines.forEach(function (t, k) { text.appendChild(node("tspan", {x: n(x), y: n(y + size + K.gap + K.size * 0.8 + k * K.line)}, t)); });
    labels.appendChild(text);
  });
  svg.appendChild(symbols);
  svg.appendChild(labels);
  var lx = IM.margin + graphW + IM.gap;
  items.forEach(function (l, k) {
    var at = IM.header + k * IM.line + 12;
    if (l.heading) { svg.appendChild(node("text", {x: n(lx), y: n(at), "font-weight": "bold"}, l.heading)); return; }
    if (l.item.shape) svg.appendChild(shape(l.item.shape, lx + IM.swatch / 2, at - 4, 6, l.item.color));
    else {
      var sw = node("line", {x1: n(lx), y1: n(at - 4), x2: n(lx + IM.swatch), y2: n(at - 4), stroke: l.item.color || "#555", "stroke-width": 3});
      if (dash(l.item.dashes)) sw.setAttribute("stroke-dasharray", dash(l.item.dashes));
      svg.appendChild(sw);
    }
    svg.appendChild(node("text", {x: n(lx + IM.swatch + 8), y: n(at)}, l.text));
  });
  var sources = cited(shown), credit = "Sources: ", fy = IM.header + bodyH + IM.margin + 12;
  for (var s = 0; s < sources.length; s++) {
    var more = sources.length - s - 1, next = credit + (s ? "; " : "") + sources[s];
    if (width(next + (more ? " and " + more + " more" : ""), IM.text) > W - 2 * IM.margin && s) { credit += " and " + (more + 1) + " more"; break; }
    credit = next;
  }
  svg.appendChild(node("text", {x: IM.margin, y: n(fy), fill: "#333"}, sources.length ? credit : "No source cited."));
  svg.appendChild(node("text", {x: IM.margin, y: n(fy + IM.line), fill: "#333"}, "Drawn by relgraph from " + D.title + "." +
    (onMap ? " " + RG.map.credit() : "")));
  return svg;
}
function svgText() { return new XMLSerializer().serializeToString(build()) + "\n"; }

// ---- Downloads (data: URLs: the page's CSP allows no other).
function fileName(ext) {
  return (D.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "relgraph") +
    (RG.state.asOf ? "-" + RG.state.asOf : "") + "." + ext;
}
function download(url, name) {
  var a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
function base64(text) {
  var bytes = new TextEncoder().encode(text), s = "";
  for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
// PNG text chunks (iTXt, UTF-8) after the header: the title, the date, the names shown, the credit.
var CRC = [];
for (var c = 0; c < 256; c++) { var v = c; for (var k = 0; k < 8; k++) v = v & 1 ? 0xEDB88320 ^ (v >>> 1) : v >>> 1; CRC[c] = v >>> 0; }
function crc(bytes) { var v = 0xFFFFFFFF; for (var i = 0; i < bytes.length; i++) v = CRC[(v ^ bytes[i]) & 255] ^ (v >>> 8); return (v ^ 0xFFFFFFFF) >>> 0; }
function chunk(keyword, text) {
  var body = new TextEncoder().encode("iTXt" + keyword + "\0\0\0\0\0" + text), out = new Uint8Array(body.length + 8);
  new DataView(out.buffer).setUint32(0, body.length - 4);
  out.set(body, 4);
  new DataView(out.buffer).setUint32(body.length + 4, crc(body));
  return out;
}
function withText(png, texts) {
  var parts = [png.subarray(0, 33)].concat(Object.keys(texts).map(function (k) { return chunk(k, texts[k]); }), [png.subarray(33)]);
  var out = new Uint8Array(parts.reduce(function (t, p) { return t + p.length; }, 0)), at = 0;
  parts.forEach(function (p) { out.set(p, at); at += p.length; });
  return out;
}
function downloadPng() {
  var svg = build(), img = new Image(), name = fileName("png");
  var w = +svg.getAttribute("width"), h = +svg.getAttribute("height");
  var names = E.filter(function (e, i) { return RG.shown().entities[i]; }).map(function (e) { return e.name; });
  img.onload = function () {
    var canvas = document.createElement("canvas");
    canvas.width = Math.ceil(w * 2); canvas.height = Math.ceil(h * 2);
    var c2 = canvas.getContext("2d");
    c2.scale(2, 2);
    c2.drawImage(img, 0, 0, w, h);
    var png = Uint8Array.from(atob(canvas.toDataURL("image/png").split(",")[1]), function (ch) { return ch.charCodeAt(0); });
    var text = withText(png, {Title: D.title, Description: when() + ". Entities: " + names.join(", "), Source: "Drawn by relgraph from " + D.title});
    var s = "";
    for (var i = 0; i < text.length; i += 0x8000) s += String.fromCharCode.apply(null, text.subarray(i, i + 0x8000));
    download("data:image/png;base64," + btoa(s), name);
  };
  img.src = "data:image/svg+xml;base64," + base64(new XMLSerializer().serializeToString(svg));
}
$("download-svg").addEventListener("click", function () { download("data:image/svg+xml;base64," + base64(svgText()), fileName("svg")); });
$("download-png").addEventListener("click", downloadPng);

// ---- Printing: the image of the view, then the list of its sources, on one page.
window.addEventListener("beforeprint", function () {
  var shown = RG.shown(), list = $("print-sources");
  $("print-view").replaceChildren(build());
  list.replaceChildren.apply(list, cited(shown).map(function (t) { return RG.el("li", {text: t}); }));
});
RG.image = {svg: svgText};
