// data.js: the page's data (the JSON blob relgraph/page.py writes), parsed once: rows, lookups, indices.
var D = JSON.parse(RG.$("relgraph-data").textContent);
var coded = {};
D.compact.forEach(function (table) { coded[table] = RG.expand(D[table]); });
var E = RG.rows(D.entities), R = RG.rows(D.relations);
var entIndex = RG.byId(E, function (e, i) { return i; });
function idx(id) { return id && id in entIndex ? entIndex[id] : -1; }  // none for an empty cell

var TABLES = {entities: E, relations: R};

// out[i] = f(row i's value in a table's column), for every row: f runs once per distinct value when the
// column came coded (a million relations name a few hundred thousand entities, a few dozen types), else
// once per row. ``out``: an array as long as the table (a typed one for numbers).
function byValue(table, column, f, out) {
  var c = (coded[table] || {})[column], rows = TABLES[table], i;
  if (c) {
    var of = c.values.map(f), at = c.at;
    for (i = 0; i < rows.length; i++) out[i] = of[at[i]];
  } else {
    for (i = 0; i < rows.length; i++) out[i] = f(rows[i][column]);
  }
  return out;
}
// Relation ends and claimant as entity positions (-1: none), and each entity's relations, computed once.
function entityAt(column) { return byValue("relations", column, idx, new Int32Array(R.length)); }
var relSrc = entityAt("source"), relTgt = entityAt("target"), relClaim = entityAt("claimed_by");
var byEntity = E.map(function () { return []; }), i;
for (i = 0; i < R.length; i++) {
  if (relSrc[i] >= 0) byEntity[relSrc[i]].push(i);
  if (relTgt[i] >= 0 && relTgt[i] !== relSrc[i]) byEntity[relTgt[i]].push(i);
}

// Each relation's further sources (citations.csv), in the order written.
var citationsOf = Object.create(null);
RG.rows(D.citations).forEach(function (c) { (citationsOf[c.relation_id] = citationsOf[c.relation_id] || []).push(c); });

RG.data = {
  raw: D, E: E, R: R, citationsOf: citationsOf,
  entities: RG.byId(E), sources: RG.byId(RG.rows(D.sources)), types: RG.byId(D.types), kinds: RG.byId(D.kinds),
  entIndex: entIndex, relSrc: relSrc, relTgt: relTgt, relClaim: relClaim, byEntity: byEntity,
  tables: TABLES, byValue: byValue
};
// Each relation's position by id, made when first asked for (a link's or a click's relation): a million
// ids cost a second at the start.
var relIndex = null;
Object.defineProperty(RG.data, "relIndex", {
  get: function () { return relIndex || (relIndex = RG.byId(R, function (r, i) { return i; })); }
});
