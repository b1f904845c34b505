(function () {
  "use strict";
  // Every piece of data text goes through textContent: nothing from the CSV becomes markup.
  var DATA = JSON.parse(document.getElementById("relgraph-data").textContent);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function byId(list) { var m = {}; list.forEach(function (r) { m[r.id] = r; }); return m; }

  var entities = byId(DATA.entities), relations = byId(DATA.relations), sources = byId(DATA.sources);
  var types = byId(DATA.types);

  function entityName(id) { return entities[id] ? entities[id].name : id; }
  function period(r) {
    if (!r.start && !r.end) return "date unknown";
    if (types[r.relation] && types[r.relation].temporal === "event") return r.start || "date unknown";
    return (r.start || "?") + " \u2013 " + (r.end || "");
  }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

  function relationSummary(r) {
    var t = types[r.relation] ? types[r.relation].label : r.relation;
    return entityName(r.source) + " \u2192 " + t + " \u2192 " + entityName(r.target) + " (" + period(r) + ", " + r.status + ")";
  }
  function tooltipFor(r) {
    var lines = [relationSummary(r)];
    if (r.claimed_by) lines.push("claimed by " + entityName(r.claimed_by));
    if (r.evidence) lines.push("\u201c" + r.evidence + "\u201d");
    var el0 = document.createElement("div");
    el0.textContent = lines.join("\n");
    return el0;
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
    var s = sources[sid];
    if (!s) return document.createTextNode(sid);
    var wrap = el("span");
    var url = safeUrl(s.url);
    wrap.appendChild(url ? el("a", {href: url, target: "_blank", rel: "noopener noreferrer", text: s.title})
                         : el("span", {text: s.title}));
    var extra = [s.publisher, s.author, s.published].filter(Boolean).join(", ");
    if (extra) wrap.appendChild(document.createTextNode(" (" + extra + ")"));
    return wrap;
  }

  var details = document.getElementById("details");
  function showRelation(id) {
    var r = relations[id];
    details.replaceChildren(el("h2", {text: relationSummary(r)}));
    details.appendChild(dl([
      ["type", types[r.relation] ? types[r.relation].label : r.relation],
      ["from", entityName(r.source)], ["to", entityName(r.target)],
      ["start", r.start], ["end", r.end], ["status", r.status],
      ["claimed by", r.claimed_by ? entityName(r.claimed_by) : ""],
      ["project", r.project], ["change", r.change || ""], ["source", sourceNode(r.source_id)],
      ["note", r.note], ["id", r.id]
    ]));
    if (r.evidence) details.appendChild(el("blockquote", {text: r.evidence}));
  }
  function showEntity(id) {
    var e = entities[id];
    details.replaceChildren(el("h2", {text: e.name}));
    var wd = e.wikidata ? el("span", {text: e.wikidata}) : "";
    details.appendChild(dl([["kind", e.kind], ["aliases", (e.aliases || "").split("|").filter(Boolean).join(", ")],
                            ["ISO 3166", e.iso3], ["Wikidata", wd], ["note", e.note], ["id", e.id]]));
    var groups = {};
    DATA.relations.forEach(function (r) {
      if (r.source === id || r.target === id) (groups[r.relation] = groups[r.relation] || []).push(r);
    });
    Object.keys(groups).sort().forEach(function (t) {
      details.appendChild(el("h3", {text: (types[t] ? types[t].label : t) + " (" + groups[t].length + ")"}));
      var ul = el("ul", {className: "rels"});
      groups[t].forEach(function (r) {
        var li = el("li");
        var a = el("a", {href: "#", text: relationSummary(r)});
        a.addEventListener("click", function (ev) { ev.preventDefault(); showRelation(r.id); });
        li.appendChild(a); ul.appendChild(li);
      });
      details.appendChild(ul);
    });
  }

  function buildLegend() {
    var legend = document.getElementById("legend");
    var relGroup = el("div", {className: "legend-group"}, [el("h3", {text: DATA.diff_colours ? "Changes" : "Relation types"})]);
    if (DATA.diff_colours) {
      var changeCounts = {};
      DATA.relations.forEach(function (r) { changeCounts[r.change] = (changeCounts[r.change] || 0) + 1; });
      Object.keys(DATA.diff_colours).forEach(function (k) {
        relGroup.appendChild(el("div", {className: "legend-item"}, [
          el("span", {className: "swatch-line", style: "border-color:" + DATA.diff_colours[k]}),
          el("span", {text: k}), el("span", {className: "count", text: String(changeCounts[k] || 0)})]));
      });
    } else {
      DATA.types.forEach(function (t) {
        if (!t.count) return;
        relGroup.appendChild(el("div", {className: "legend-item", title: t.description}, [
          el("span", {className: "swatch-line", style: "border-color:" + t.color}),
          el("span", {text: t.label + (t.directed ? " \u2192" : " \u2194")}), el("span", {className: "count", text: String(t.count)})]));
      });
    }
    var kindGroup = el("div", {className: "legend-group"}, [el("h3", {text: "Entity kinds"})]);
    DATA.kinds.forEach(function (k) {
      kindGroup.appendChild(el("div", {className: "legend-item"}, [
        el("span", {className: "swatch-shape shape-" + k.shape, style: "background:" + k.color}),
        el("span", {text: k.label}), el("span", {className: "count", text: String(k.count)})]));
    });
    var statusGroup = el("div", {className: "legend-group"}, [el("h3", {text: "Status"})]);
    DATA.statuses.forEach(function (s) {
      var cls = "swatch-line" + (s.dashes ? (s.id === "intended" ? " dotted" : " dashed") : "");
      statusGroup.appendChild(el("div", {className: "legend-item"}, [
        el("span", {className: cls, style: "border-color:#555"}), el("span", {text: s.id})]));
    });
    legend.replaceChildren(relGroup, kindGroup, statusGroup);
  }

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    return Object.assign({}, e, {title: tooltipFor(relations[e.id]), width: 2});
  }));
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, {
    physics: {enabled: DATA.physics, stabilization: {iterations: 200}, barnesHut: {springLength: 140}},
    interaction: {hover: true, tooltipDelay: 150, keyboard: true, navigationButtons: false},
    nodes: {size: 14, font: {size: 14, strokeWidth: 3, strokeColor: "#fff"}},
    edges: {width: 2, selectionWidth: 2, arrows: {to: {scaleFactor: .6}}}
  });
  network.on("click", function (p) {
    if (p.nodes.length) showEntity(p.nodes[0]);
    else if (p.edges.length) showRelation(p.edges[0]);
  });
  document.getElementById("counts").textContent = DATA.entities.length + " entities, " + DATA.relations.length + " relations";
  buildLegend();
  window.relgraph = {network: network, nodes: nodes, edges: edges, data: DATA, showEntity: showEntity, showRelation: showRelation};
})();
