// timeline.js: under the graph, a strip of the relations shown: lasting ones as bars from start to end, events
// as ticks, partial dates (2024, 2024-11) as light bands over the whole period they may mean, and a count of
// the undated ones, which cannot be placed. The as-of date is a cursor: drag it, or focus it and use the
// arrow keys (the dataset's dates, as the slider), Home and End; Delete or Escape goes back to all dates.
// Choosing a bar shows its relation's details.
var G = RG.data, D = G.raw, R = G.R, $ = RG.$, DATES = D.dates;
var MAX_BARS = 1500;  // a large graph's strip shows the first ones by start, and says so
var SVG = "http://www.w3.org/2000/svg", LANE = 7, GAP = 2, AXIS = 18, PAD = 14, DAY = 86400000;
var box = $("timeline"), svg = $("timeline-bars"), cursor = $("timeline-cursor"), undated = $("timeline-undated");

// Relations share few dates: each is parsed once (a million relations, four dates each, took 1.5 s).
var parsed = Object.create(null);
function days(iso) {
  var d = parsed[iso];
  return d === undefined ? (parsed[iso] = Date.parse(iso + "T00:00:00Z") / DAY) : d;
}
function isoOf(n) { return new Date(Math.round(n) * DAY).toISOString().slice(0, 10); }
var first = DATES.length ? days(DATES[0]) : 0, last = DATES.length ? days(DATES[DATES.length - 1]) : 0;
var span = Math.max(last - first, 365), lo = first - span * 0.03, hi = last + span * 0.03;
// The strip's width, read once per drawing: reading clientWidth for each bar forced a layout each time.
var boxWidth = 0;
function measure() { boxWidth = Math.max(box.clientWidth, 2 * PAD + 10); }
function width() { return boxWidth; }
function x(n) { return PAD + (n - lo) / (hi - lo) * (width() - 2 * PAD); }
function dayAt(px) { measure(); return Math.min(Math.max(lo + (px - PAD) / (width() - 2 * PAD) * (hi - lo), first), last); }

function node(tag, attrs) {
  var e = document.createElementNS(SVG, tag);
  Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
  return e;
}
// A relation's pieces on the axis (in days): the span it certainly covers, and the bands it may cover.
function pieces(r) {
  var s0 = r.start_lo ? days(r.start_lo) : null, s1 = r.start_hi ? days(r.start_hi) + 1 : null;
  if (r.temporal === "event") return s0 === null ? null : {sure: s1 - s0 <= 1 ? [s0, s0] : null, maybe: [[s0, s1]]};
  var e0 = r.end_lo ? days(r.end_lo) : null, e1 = r.end_hi ? days(r.end_hi) + 1 : null;
  if (s0 === null && e0 === null) return null;
  var from = s0 === null ? lo : s1, to = e0 === null ? hi : e0, maybe = [];
  if (s0 === null) maybe.push([lo, e0]); else if (s1 - s0 > 1) maybe.push([s0, s1]);
  if (e0 !== null && e1 - e0 > 1) maybe.push([e0, e1]);
  return {sure: s0 === null ? null : [from, Math.max(from, to)], maybe: maybe};
}
// Lanes: each relation in the first lane free from its start on (ordered by start, then id).
function lanes(list) {
  var ends = [];
  return list.map(function (p) {
    var a = x(p.from), b = Math.max(x(p.to), a + 2), k = 0;
    while (k < ends.length && ends[k] > a - GAP) k++;
    ends[k] = b;
    return k;
  });
}
function axis(height) {
  var g = node("g", {"class": "axis"}), y0 = new Date(lo * DAY).getUTCFullYear(), y1 = new Date(hi * DAY).getUTCFullYear();
  var step = [1, 2, 5, 10, 20, 50].filter(function (s) { return (x(365 * s) - x(0)) >= 56; })[0] || 100;
  for (var y = Math.ceil(y0 / step) * step; y <= y1; y += step) {
    var at = x(days(y + "-01-01"));
    g.appendChild(node("line", {x1: at, x2: at, y1: 0, y2: height - AXIS + 4}));
    if (at + 30 > width()) continue;  // no year cut at the edge
    var t = node("text", {x: at + 2, y: height - 5});
    t.textContent = String(y);
    g.appendChild(t);
  }
  return g;
}

// Every dated relation's bar, by start (then id), worked out once: a change only picks the shown ones.
var placed = [], dated = new Uint8Array(R.length);
R.forEach(function (r, i) {
  var p = pieces(r);
  if (!p) return;
  var from = p.sure ? p.sure[0] : Infinity, to = p.sure ? p.sure[1] : -Infinity;
  for (var k = 0; k < p.maybe.length; k++) { from = Math.min(from, p.maybe[k][0]); to = Math.max(to, p.maybe[k][1]); }
  dated[i] = 1;
  placed.push({i: i, p: p, from: from, to: to});
});
// Rows come in id order (as relgraph sorts them): then a row's position orders ties as its id, and the bars,
// whose starts are a few thousand days, are counted into place by start, in row order (a million bars took
// seconds sorted with a comparator of ids, over a second with one of positions).
function byStart(list) {
  var starts = Array.from(new Set(list.map(function (p) { return p.from; }))).sort(function (a, b) { return a - b; });
  var rank = new Map(starts.map(function (d, k) { return [d, k]; })), at = new Int32Array(starts.length + 1);
  var out = new Array(list.length);
  list.forEach(function (p) { at[rank.get(p.from) + 1]++; });
  for (var k = 0; k < starts.length; k++) at[k + 1] += at[k];
  list.forEach(function (p) { out[at[rank.get(p.from)]++] = p; });
  return out;
}
var inIdOrder = true;
for (var j = 1; j < R.length && inIdOrder; j++) inIdOrder = R[j - 1].id < R[j].id;
placed = inIdOrder ? byStart(placed) :
  placed.sort(function (a, b) { return a.from - b.from || (R[a.i].id < R[b.i].id ? -1 : 1); });

function render() {
  measure();
  var shown = RG.shown().relations, list = [], none = 0, total = 0, sel = RG.selected(), i;
  for (i = 0; i < R.length; i++) if (shown[i] && !dated[i]) none++;
  for (i = 0; i < placed.length; i++) {
    if (!shown[placed[i].i]) continue;
    if (list.length < MAX_BARS) list.push(placed[i]);
    total++;
  }
  var lane = lanes(list), n = lane.length ? Math.max.apply(null, lane) + 1 : 0;
  var height = Math.max(n * (LANE + GAP) + AXIS + 4, 40);
  svg.setAttribute("width", width());
  svg.setAttribute("height", height);
  var bars = node("g", {"class": "bars"});
  list.forEach(function (item, k) {
    var r = R[item.i], y = 2 + lane[k] * (LANE + GAP), colour = D.edges.color[item.i];
    var g = node("g", {"data-id": r.id, "class": "bar" + (sel && sel.relation === r.id ? " selected" : "")});
    item.p.maybe.forEach(function (m) {
      g.appendChild(node("rect", {x: x(m[0]), y: y, width: Math.max(x(m[1]) - x(m[0]), 2), height: LANE,
                                  fill: colour, "fill-opacity": 0.3}));
    });
    if (item.p.sure) {
      g.appendChild(node("rect", {x: x(item.p.sure[0]) - (r.temporal === "event" ? 1 : 0), y: y, height: LANE, fill: colour,
                                  width: Math.max(x(item.p.sure[1]) - x(item.p.sure[0]), 2)}));
    }
    var title = node("title", {});
    title.textContent = RG.text.relationSummary(r);
    g.appendChild(title);
    bars.appendChild(g);
  });
  svg.replaceChildren(axis(height), bars);
  undated.textContent = [total > list.length ? "the first " + list.length + " of " + total + " by start" : "",
    none ? none + (none === 1 ? " relation" : " relations") + " without dates, not placed" : ""].filter(Boolean).join("; ");
  place();
}
function place() {
  measure();
  var day = RG.state.asOf, n = day ? days(day) : null;
  cursor.style.left = (n === null ? width() - PAD : x(n)) + "px";
  cursor.classList.toggle("all", n === null);
  cursor.setAttribute("aria-valuetext", day ? "as of " + day : "all dates");
  cursor.setAttribute("aria-valuenow", n === null ? DATES.length : DATES.filter(function (d) { return d <= day; }).length);
}

// Dragging the cursor (or pressing on the axis) sets the date under the pointer.
function fromPointer(ev) { RG.set({asOf: isoOf(Math.floor(dayAt(ev.clientX - box.getBoundingClientRect().left)))}); }
box.addEventListener("pointerdown", function (ev) {
  var bar = ev.target.closest && ev.target.closest("g.bar");
  if (bar) { RG.select(bar.getAttribute("data-id")); return; }
  ev.preventDefault();
  box.setPointerCapture(ev.pointerId);
  fromPointer(ev);
  box.addEventListener("pointermove", fromPointer);
});
function release(ev) {
  box.removeEventListener("pointermove", fromPointer);
  if (box.hasPointerCapture(ev.pointerId)) box.releasePointerCapture(ev.pointerId);
}
box.addEventListener("pointerup", release);
box.addEventListener("pointercancel", release);
cursor.setAttribute("aria-valuemin", "0");
cursor.setAttribute("aria-valuemax", String(DATES.length));
cursor.addEventListener("keydown", function (ev) {
  var day = RG.state.asOf, k = day ? DATES.filter(function (d) { return d <= day; }).length - 1 : DATES.length;
  var to = {ArrowLeft: k - 1, ArrowDown: k - 1, ArrowRight: k + 1, ArrowUp: k + 1, Home: 0, End: DATES.length - 1}[ev.key];
  if (ev.key === "Delete" || ev.key === "Escape") RG.set({asOf: null});
  else if (to === undefined) return;
  else RG.set({asOf: DATES[Math.max(0, Math.min(to, DATES.length - 1))]});
  ev.preventDefault();
});

box.hidden = DATES.length === 0;
if (!box.hidden) {
  render();
  RG.onChange(render);
  RG.onSelect(render);
  if (window.ResizeObserver) new ResizeObserver(render).observe(box);
}
