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
// share one string per value.
RG.expand = function (columns) {
  Object.keys(columns).forEach(function (k) {
    var c = columns[k];
    if (Array.isArray(c)) return;
    var bin = atob(c.codes), w = c.bytes, n = bin.length / w, values = c.values, out = new Array(n), i, j, code;
    for (i = 0; i < n; i++) {
      for (code = 0, j = w - 1; j >= 0; j--) code = code * 256 + bin.charCodeAt(i * w + j);
      out[i] = values[code];
    }
    columns[k] = out;
  });
  return columns;
};

// Tables arrive as columns ({id: [...], name: [...]}); the page works on one object per row.
RG.rows = function (columns) {
  var keys = Object.keys(columns), n = keys.length ? columns[keys[0]].length : 0, out = new Array(n), i, k;
  for (i = 0; i < n; i++) {
    var row = {};
    for (k = 0; k < keys.length; k++) row[keys[k]] = columns[keys[k]][i];
    out[i] = row;
  }
  return out;
};

// A lookup with no inherited keys, so an id such as "constructor" is just an id.
RG.byId = function (list, value) {
  var m = Object.create(null);
  list.forEach(function (r, i) { m[r.id] = value ? value(r, i) : r; });
  return m;
};
