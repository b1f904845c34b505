// details.js: the details panel of the selected entity or relation, and selecting (RG.select, RG.selected).
// Every text goes in through textContent; only http(s) URLs become links, opening in a new tab.
var G = RG.data, T = RG.text, el = RG.el, details = RG.$("details"), selected = null;

function entityButton(id) {
  if (!G.entities[id]) return document.createTextNode(id);
  var b = el("button", {type: "button", className: "linklike", text: T.entityName(id)});
  b.addEventListener("click", function () { RG.focusEntity(id); });
  return b;
}
function link(url, text) {
  var u = T.safeUrl(url);
  return u ? el("a", {href: u, target: "_blank", rel: "noopener noreferrer", text: text}) : el("span", {text: text});
}
function dl(pairs) {
  var list = el("dl");
  pairs.forEach(function (p) {
    if (p[1] === "" || p[1] == null) return;
    list.appendChild(el("dt", {text: p[0]}));
    var dd = el("dd");
    if (p[1] instanceof Node) dd.appendChild(p[1]); else dd.textContent = String(p[1]);
    list.appendChild(dd);
  });
  return list;
}
function sourceNode(sid) {
  var s = G.sources[sid];
  if (!s) return document.createTextNode(sid);
  var wrap = el("span", {className: "source"}, [link(s.url, s.title || s.url || sid)]);
  var extra = [s.publisher, s.author, s.published].filter(Boolean).join(", ");
  if (extra) wrap.appendChild(document.createTextNode(" (" + extra + ")"));
  if (s.file) wrap.appendChild(el("span", {className: "hint", text: "; text stored in " + s.file}));
  return wrap;
}
// A claimant, with the role shown beside a person's name ("Asif Durrani, former ... representative").
function claimant(id) {
  var e = G.entities[id], wrap = el("span", {}, [entityButton(id)]);
  if (e && e.role) wrap.appendChild(document.createTextNode(", " + e.role));
  return wrap;
}
// The further sources of a relation (citations.csv), each with its quote.
function citations(r) {
  var own = G.citationsOf[r.id] || [];
  if (!own.length) return [];
  return [el("h3", {text: "Also cited (" + own.length + "; " + (own.length + 1) + " sources in all)"}),
          el("ul", {className: "citations"}, own.map(function (c) {
            return el("li", {}, [sourceNode(c.source_id), c.quote ? el("blockquote", {className: "quote", text: c.quote}) : null,
                                 c.note ? el("p", {className: "hint", text: c.note}) : null]);
          }))];
}
function show(heading, visible, parts) {
  var hint = visible ? null : el("p", {className: "hint", text: "Hidden by the current filters or date."});
  details.replaceChildren.apply(details, [el("h2", {text: heading}), hint].concat(parts).filter(Boolean));
  RG.panels.open("details");
}

// Showing an item's details also selects it on the canvas, however it was chosen.
function showRelation(id) {
  var i = G.relIndex[id], r = G.R[i], event = r.temporal === "event";
  RG.view.selectRelation(id);
  show(T.relationSummary(r), RG.shown().relations[i], [dl([
    ["type", T.typeLabel(r.relation)], ["from", entityButton(r.source)], ["to", entityButton(r.target)],
    [event ? "date" : "start", r.start || (event ? "unknown" : "")], ["end", event ? "" : r.end || (r.start ? "ongoing" : "")],
    ["status", r.status], [r.status === "denied" ? "denied by" : "claimed by", r.claimed_by ? claimant(r.claimed_by) : ""],
    ["on record", r.claimed_on || r.recorded_lo ? (r.claimed_on || T.recordedText(r)) : ""],
    ["project", r.project], ["change", r.change || ""], ["source", sourceNode(r.source_id)],
    ["note", r.note], ["id", r.id]
  ]), r.evidence ? el("blockquote", {className: "quote", text: r.evidence}) : null].concat(citations(r), RG.changedValues(r)));
  chose({relation: id});
}
function showEntity(id) {
  var e = G.entities[id], i = G.entIndex[id], groups = Object.create(null);
  RG.view.selectEntity(id);
  var wd = /^Q[1-9][0-9]*$/.test(e.wikidata || "") ? link("https://www.wikidata.org/wiki/" + e.wikidata, e.wikidata) : e.wikidata;
  var parts = [dl([["kind", T.kindLabel(e.kind)], ["aliases", (e.aliases || "").split("|").filter(Boolean).join(", ")],
                   ["ISO 3166", e.iso3], ["countries", e.iso3 ? "" : RG.map.countriesOf(e).join(", ")],
                   ["Wikidata", wd], ["alignment", RG.alignment.line(i)], ["note", e.note], ["id", e.id]])];
  G.byEntity[i].forEach(function (j) { (groups[G.R[j].relation] = groups[G.R[j].relation] || []).push(j); });
  Object.keys(groups).sort().forEach(function (t) {
    parts.push(el("h3", {text: T.typeLabel(t) + " (" + groups[t].length + ")"}));
    parts.push(el("ul", {className: "rels"}, groups[t].map(function (j) {
      var r = G.R[j];
      var b = el("button", {type: "button", className: "linklike" + (RG.shown().relations[j] ? "" : " is-hidden"),
                            text: T.relationSummary(r), title: r.evidence || r.note || r.id});
      b.addEventListener("click", function () { showRelation(r.id); });
      return el("li", {}, [b]);
    })));
  });
  show(e.name, RG.shown().entities[i], parts);
  chose({entity: id});
}
// A folded line (fold.js): its pair and type, how many of its relations are shown and when, and a list of them.
var LINE_LIST_MAX = 500;  // more buttons than a reader scrolls through would only slow the panel down
function showLine(k) {
  var line = RG.folds.line(k), now = RG.folds.shown(), on = RG.shown().relations;
  var rows = RG.folds.members(k).filter(function (j) { return on[j]; }), all = RG.folds.members(k).length;
  RG.view.selectLine(k);
  var range = now.first[k] || now.last[k] ? (now.first[k] || "?") + " to " + (now.last[k] || "?") : "undated";
  var parts = [dl([["type", T.typeLabel(line.relation)], ["from", entityButton(line.source)], ["to", entityButton(line.target)],
                   ["shown", rows.length + " of " + all + (all === 1 ? " relation" : " relations")], ["dates", range]])];
  parts.push(el("ul", {className: "rels"}, rows.slice(0, LINE_LIST_MAX).map(function (j) {
    var r = G.R[j], b = el("button", {type: "button", className: "linklike", text: T.relationSummary(r),
                                      title: r.evidence || r.note || r.id});
    b.addEventListener("click", function () { showRelation(r.id); });
    return el("li", {}, [b]);
  })));
  if (rows.length > LINE_LIST_MAX) {
    parts.push(el("p", {className: "hint", text: "The first " + LINE_LIST_MAX + " of " + rows.length +
                                                 " listed: narrow them with the date or the filters."}));
  }
  show(rows.length + (rows.length === 1 ? " relation: " : " relations: ") + T.entityName(line.source) +
       (line.directed ? " \u2192 " : " \u2194 ") + T.typeLabel(line.relation) + (line.directed ? " \u2192 " : " \u2194 ") +
       T.entityName(line.target), rows.length > 0, parts);
  chose(null);
}
RG.showLine = showLine;
var selectListeners = [];
function chose(what) {
  selected = what;
  selectListeners.forEach(function (f) { f(Object.assign({}, what)); });
}

// An entity id, else a relation id: show its details and select it on the canvas.
RG.select = function (id) {
  if (id in G.entIndex) showEntity(id);
  else if (id in G.relIndex) showRelation(id);
  else throw new Error("relgraph: no entity or relation " + JSON.stringify(id));
};
RG.selected = function () { return selected && Object.assign({}, selected); };
RG.showEntity = showEntity;
// f({entity: id} or {relation: id}) runs whenever an item is selected, however it was chosen.
RG.onSelect = function (f) { selectListeners.push(f); };
RG.showRelation = showRelation;
