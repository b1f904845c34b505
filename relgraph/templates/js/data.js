// data.js: the page's data (the JSON blob relgraph/page.py writes), parsed once: rows, lookups, indices.
var D = JSON.parse(RG.$("relgraph-data").textContent);
D.compact.forEach(function (table) { RG.expand(D[table]); });
var E = RG.rows(D.entities), R = RG.rows(D.relations);
var entIndex = RG.byId(E, function (e, i) { return i; });
function idx(id) { return id in entIndex ? entIndex[id] : -1; }

// Relation ends and claimant as entity positions (-1: none), and each entity's relations, computed once.
var relSrc = new Int32Array(R.length), relTgt = new Int32Array(R.length), relClaim = new Int32Array(R.length);
var byEntity = E.map(function () { return []; });
R.forEach(function (r, i) {
  relSrc[i] = idx(r.source); relTgt[i] = idx(r.target); relClaim[i] = r.claimed_by ? idx(r.claimed_by) : -1;
  if (relSrc[i] >= 0) byEntity[relSrc[i]].push(i);
  if (relTgt[i] >= 0 && relTgt[i] !== relSrc[i]) byEntity[relTgt[i]].push(i);
});

// Each relation's further sources (citations.csv), in the order written.
var citationsOf = Object.create(null);
RG.rows(D.citations).forEach(function (c) { (citationsOf[c.relation_id] = citationsOf[c.relation_id] || []).push(c); });

RG.data = {
  raw: D, E: E, R: R, citationsOf: citationsOf,
  entities: RG.byId(E), sources: RG.byId(RG.rows(D.sources)), types: RG.byId(D.types), kinds: RG.byId(D.kinds),
  entIndex: entIndex, relIndex: RG.byId(R, function (r, i) { return i; }),
  relSrc: relSrc, relTgt: relTgt, relClaim: relClaim, byEntity: byEntity
};
