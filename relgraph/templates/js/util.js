// util.js: DOM helpers and the shape tables arrive in.
// el() puts text in with textContent only: no piece of data ever becomes markup.
RG.$ = function (id) { return document.getElementById(id); };

// el("a", {href: u, text: "name"}, [child, ...]): an element; "text" sets textContent, "className" the class.
RG.el = function (tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === "text") node.textContent = attrs[k];
    else if (k === "className") node.className = attrs[k];
    else node.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) { if (c) node.appendChild(c); });
  return node;
};

// Columns whose values repeat arrive dictionary-encoded, {values: [...], codes: "base64", bytes: n}
// (relgraph/page.py's compact(), listed in D.compact): row i's value is values[code i], codes being
// little-endian unsigned integers of n bytes. Expanded in place before anything reads them, so that rows
// share one string per value. Returns each such column's {values, at}: its codes as a typed array, for
// work done once per value rather than once per row (data.js, byValue).
RG.expand = function (columns) {
  var coded = {};
  Object.keys(columns).forEach(function (k) {
    var c = columns[k];
    if (Array.isArray(c)) return;
    var bin = atob(c.codes), w = c.bytes, n = bin.length / w, values = c.values, out = new Array(n), i, j;
    var at = new (w === 1 ? Uint8Array : w === 2 ? Uint16Array : Uint32Array)(n);
    if (w === 1) for (i = 0; i < n; i++) at[i] = bin.charCodeAt(i);  // a loop per width: the common ones tight
    else if (w === 2) for (i = 0, j = 0; i < n; i++, j += 2) at[i] = bin.charCodeAt(j) | bin.charCodeAt(j + 1) << 8;
    else for (i = 0, j = 0; i < n; i++, j += 4) {
      at[i] = (bin.charCodeAt(j) | bin.charCodeAt(j + 1) << 8 | bin.charCodeAt(j + 2) << 16) + bin.charCodeAt(j + 3) * 16777216;
    }
    for (i = 0; i < n; i++) out[i] = values[at[i]];
    columns[k] = out;
    coded[k] = {values: values, at: at};
  });
  return coded;
};

// Tables arrive as columns ({id: [...], name: [...]}); the page reads them as one object per row. A row holds
// only its position: each column is a getter on the rows' shared prototype, so a million rows are a million
// small objects, not a copy of every cell (that took seconds and most of the page's memory). Read-only.
var AT = Symbol("row");  // where a row keeps its position: a key no column can have
RG.rows = function (columns) {
  var keys = Object.keys(columns), n = keys.length ? columns[keys[0]].length : 0, out = new Array(n), i;
  function Row(at) { this[AT] = at; }
  keys.forEach(function (k) {
    var column = columns[k];
    Object.defineProperty(Row.prototype, k, {get: function () { return column[this[AT]]; }, enumerable: true});
  });
  for (i = 0; i < n; i++) out[i] = new Row(i);
  return out;
};

// A lookup with no inherited keys, so an id such as "constructor" is just an id.
RG.byId = function (list, value) {
  var m = Object.create(null);
  list.forEach(function (r, i) { m[r.id] = value ? value(r, i) : r; });
  return m;
};
