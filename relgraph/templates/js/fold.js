// fold.js: the folded view of a very large graph (DATA.folds, relgraph/page.py's fold()): the relations of one
// pair and one type are drawn as one line, with how many of them are shown and the time range they cover.
// Filters and the date act on the relations as everywhere else; a line shows while any of its relations does,
// and its count and range are those of its shown relations. Choosing a line lists them (details.js).
//
//   RG.folds = null without folding, else {count: lines, of: line of each relation (Int32Array),
//     line(k): {source, target, relation, directed}, members(k): relation rows of line k (by row order),
//     first(k): the first of them,
//     shown(): {count: Int32Array, first: [...], last: [...]} of the shown relations, per line}
var F = RG.data.raw.folds, R = RG.data.R;
RG.folds = null;
if (F) {
  var n = F.count.length, of = Int32Array.from(F.of), start = new Int32Array(n + 1), order = new Int32Array(R.length);
  var i, k;
  // The rows of each line, grouped once (a counting sort): line k's are order[start[k]] .. order[start[k + 1] - 1].
  for (i = 0; i < R.length; i++) start[of[i] + 1]++;
  for (k = 0; k < n; k++) start[k + 1] += start[k];
  var fill = start.slice(0, n);
  for (i = 0; i < R.length; i++) order[fill[of[i]]++] = i;

  var now = null;
  // A relation's last day: its end, else its start (as Python's fold()).
  function compute() {
    var shown = RG.shown().relations, count = new Int32Array(n), first = new Array(n).fill(""),
        last = new Array(n).fill("");
    for (var j = 0; j < R.length; j++) {
      if (!shown[j]) continue;
      var f = of[j], r = R[j], lo = r.start_lo, hi = r.end_hi || r.start_hi;
      count[f]++;
      if (lo && (!first[f] || lo < first[f])) first[f] = lo;
      if (hi && hi > last[f]) last[f] = hi;
    }
    return {count: count, first: first, last: last};
  }
  RG.onChange(function () { now = null; });
  RG.folds = {
    count: n, of: of,
    line: function (k) { return {source: F.source[k], target: F.target[k], relation: F.relation[k], directed: F.directed[k]}; },
    members: function (k) { return Array.prototype.slice.call(order, start[k], start[k + 1]); },
    first: function (k) { return order[start[k]]; },
    shown: function () { return now || (now = compute()); }
  };
}
