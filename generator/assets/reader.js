/* The reader's scripts (issue 14): link previews, the local and global graph, the explorer,
 * properties' cssclasses. No library, no network: the site's own JSON files, fetched once and
 * kept for the page's life (and by the browser's cache after). Runs again after each of
 * Material's instant navigations (document$), or once on DOMContentLoaded without them. */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../", script ? script.src : location.href); // the site's root: this file is _obsidian/reader.js
  var cache = {};

  function getJSON(name) {
    if (!cache[name]) {
      cache[name] = fetch(new URL("_obsidian/" + name, ROOT)).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      });
      cache[name].catch(function () { delete cache[name]; });
    }
    return cache[name];
  }

  function settings() {
    return getJSON("reader.json").catch(function () { return { features: {} }; });
  }

  function samePath(a, b) {
    return decodeURIComponent(a.replace(/index\.html$/, "")) === decodeURIComponent(b.replace(/index\.html$/, ""));
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  function cssVar(name, fallback) {
    var v = getComputedStyle(document.body).getPropertyValue(name).trim();
    return v || fallback;
  }

  /* ---------------------------------------------------------------- graph data */

  var graphIndex = null;
  function graph() {
    return getJSON("graph.json").then(function (data) {
      if (graphIndex) return graphIndex;
      var n = data.nodes.length, out = [], inn = [], byPath = {};
      for (var i = 0; i < n; i++) { out.push([]); inn.push([]); }
      var links = data.links; // flat: source, target, source, target, ...
      for (var e = 0; e < links.length; e += 2) { out[links[e]].push(links[e + 1]); inn[links[e + 1]].push(links[e]); }
      data.nodes.forEach(function (node, i) {
        node.href = new URL(node.url, ROOT).href;
        byPath[decodeURIComponent(new URL(node.url, ROOT).pathname)] = i;
        node.degree = out[i].length + inn[i].length;
      });
      graphIndex = { data: data, out: out, inn: inn, byPath: byPath };
      return graphIndex;
    });
  }

  function currentNode(g) {
    var p = decodeURIComponent(location.pathname.replace(/index\.html$/, ""));
    var i = g.byPath[p];
    return i === undefined ? -1 : i;
  }

  /* ---------------------------------------------------------------- canvas view (both graphs) */

  var LINK_BUDGET = 12000;

  function GraphView(container, nodes, edges, opts) {
    var canvas = el("canvas", { class: "obsidian-graph-canvas", tabindex: "0", "aria-label": opts.label || "Graph" });
    container.appendChild(canvas);
    var ctx = canvas.getContext("2d");
    var view = { x: 0, y: 0, k: 1 }, dpr = window.devicePixelRatio || 1;
    var dragging = null, panning = null, moved = false, hover = -1, idleTimer = null, busy = false;
    var self = this;
    this.canvas = canvas; this.nodes = nodes; this.edges = edges; this.highlight = null; this.colors = null;
    this.frameTimes = [];

    function resize() {
      var w = container.clientWidth || 300, h = opts.height || Math.max(240, Math.round(w * 0.6));
      canvas.style.width = w + "px"; canvas.style.height = h + "px";
      canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
    }
    this.fit = function () {
      resize();
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      nodes.forEach(function (n) { minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x); minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y); });
      if (!isFinite(minX)) { minX = maxX = minY = maxY = 0; }
      var w = canvas.width / dpr, h = canvas.height / dpr, pad = 30;
      view.k = Math.min((w - 2 * pad) / Math.max(maxX - minX, 1), (h - 2 * pad) / Math.max(maxY - minY, 1), 3);
      view.x = w / 2 - view.k * (minX + maxX) / 2; view.y = h / 2 - view.k * (minY + maxY) / 2;
      if (edges.length > 40000) { // nodes first, their links a frame later
        self.draw(true);
        requestAnimationFrame(function () { self.draw(false); if (opts.onFullDraw) opts.onFullDraw(); });
      } else {
        self.draw(false);
        if (opts.onFullDraw) opts.onFullDraw();
      }
    };
    function toScreen(n) { return [n.x * view.k + view.x, n.y * view.k + view.y]; }
    this.screenOf = function (i) { // a node's position in the viewport (for tests and tools)
      var s = toScreen(nodes[i]), r = canvas.getBoundingClientRect();
      return { x: r.left + s[0], y: r.top + s[1], title: nodes[i].title, current: !!nodes[i].current };
    };
    function nodeAt(px, py) {
      var best = -1, bestD = 12 * 12;
      for (var i = 0; i < nodes.length; i++) {
        var s = toScreen(nodes[i]), dx = s[0] - px, dy = s[1] - py, d = dx * dx + dy * dy;
        if (d < bestD) { bestD = d; best = i; }
      }
      return best;
    }
    function radius(n) { return Math.max(2, Math.min(8, 2 + Math.sqrt(n.degree || 0))) * (n.current ? 1.6 : 1); }

    // A big graph's hundreds of thousands of links take a tenth of a second to draw: while
    // panning, zooming or dragging, the last settled picture is moved and scaled with the view and
    // only the nodes are drawn on it; the links are drawn again when the view settles.
    var layer = document.createElement("canvas"), layerView = null;
    function snapshot() {
      if (layer.width !== canvas.width || layer.height !== canvas.height) { layer.width = canvas.width; layer.height = canvas.height; }
      var lc = layer.getContext("2d");
      lc.clearRect(0, 0, layer.width, layer.height);
      lc.drawImage(canvas, 0, 0);
      layerView = { x: view.x, y: view.y, k: view.k };
    }
    this.draw = function (quick) {
      var t0 = performance.now();
      var fg = cssVar("--md-default-fg-color", "#333"), accent = cssVar("--md-accent-fg-color", "#f50057");
      var light = cssVar("--md-default-fg-color--lighter", "rgba(0,0,0,.32)"), primary = cssVar("--md-primary-fg-color", "#4051b5");
      var w = canvas.width / dpr, h = canvas.height / dpr, many = edges.length > 40000; // 20,000 links
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      if (quick && many) {
        if (layerView) {
          var f = view.k / layerView.k;
          ctx.drawImage(layer, (view.x - layerView.x * f) * dpr, (view.y - layerView.y * f) * dpr, layer.width * f, layer.height * f);
        }
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      } else {
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.strokeStyle = light; ctx.lineWidth = 0.6; ctx.globalAlpha = many ? 0.25 : 0.8;
        // Links with an end in view, at most LINK_BUDGET of them (every n-th: zoomed out, 300,000
        // links are a grey cloud; zoomed in, all of a region's links are drawn).
        var shown = [], e, a, b;
        for (e = 0; e < edges.length; e += 2) {
          a = nodes[edges[e]]; b = nodes[edges[e + 1]];
          var ax = a.x * view.k + view.x, ay = a.y * view.k + view.y, bx = b.x * view.k + view.x, by = b.y * view.k + view.y;
          if ((ax >= 0 && ay >= 0 && ax <= w && ay <= h) || (bx >= 0 && by >= 0 && bx <= w && by <= h)) shown.push(e);
        }
        var stride = Math.max(1, Math.ceil(shown.length / LINK_BUDGET));
        ctx.beginPath();
        for (var q0 = 0; q0 < shown.length; q0 += stride) {
          e = shown[q0]; a = nodes[edges[e]]; b = nodes[edges[e + 1]];
          ctx.moveTo(a.x * view.k + view.x, a.y * view.k + view.y);
          ctx.lineTo(b.x * view.k + view.x, b.y * view.k + view.y);
        }
        ctx.stroke(); ctx.globalAlpha = 1;
        self.linksDrawn = Math.ceil(shown.length / stride);
      }
      // Nodes: one path per colour and opacity.
      var hl = self.highlight, batches = {};
      for (var i = 0; i < nodes.length; i++) {
        var n = nodes[i], sx = n.x * view.k + view.x, sy = n.y * view.k + view.y;
        if (sx < -10 || sy < -10 || sx > w + 10 || sy > h + 10) continue;
        var key = (n.current ? accent : (self.colors ? self.colors(n) : (n.tag ? primary : fg))) + "|" + (hl && !hl[i] ? 0.15 : 1);
        (batches[key] = batches[key] || []).push(sx, sy, radius(n));
      }
      for (var k in batches) {
        var parts = k.split("|"), list = batches[k];
        ctx.fillStyle = parts[0]; ctx.globalAlpha = +parts[1];
        ctx.beginPath();
        for (var q = 0; q < list.length; q += 3) { ctx.moveTo(list[q] + list[q + 2], list[q + 1]); ctx.arc(list[q], list[q + 1], list[q + 2], 0, 2 * Math.PI); }
        ctx.fill();
      }
      ctx.globalAlpha = 1;
      var labels = nodes.length <= 60 || view.k > 2;
      ctx.fillStyle = fg; ctx.font = "11px sans-serif"; ctx.textAlign = "center";
      for (var j = 0; j < nodes.length; j++) {
        var m = nodes[j];
        if (!(labels || j === hover || m.current || (hl && hl[j] && self.highlightCount < 40))) continue;
        var p = toScreen(m);
        if (p[0] < 0 || p[1] < 0 || p[0] > w || p[1] > h) continue;
        ctx.fillText(m.title, p[0], p[1] - radius(m) - 3);
      }
      if (!quick && many) snapshot();
      self.frameTimes.push(performance.now() - t0);
      if (self.frameTimes.length > 50) self.frameTimes.shift();
    };
    function schedule() {
      if (busy) return;
      busy = true;
      requestAnimationFrame(function () {
        busy = false; self.draw(true);
        clearTimeout(idleTimer);
        idleTimer = setTimeout(function () { self.draw(false); }, 150);
      });
    }
    function pos(ev) { var r = canvas.getBoundingClientRect(); return [ev.clientX - r.left, ev.clientY - r.top]; }
    canvas.addEventListener("pointerdown", function (ev) {
      var p = pos(ev), i = nodeAt(p[0], p[1]); moved = false;
      canvas.setPointerCapture(ev.pointerId);
      if (i >= 0) dragging = { i: i, p: p }; else panning = { p: p, x: view.x, y: view.y };
    });
    canvas.addEventListener("pointermove", function (ev) {
      var p = pos(ev);
      if (dragging) {
        var n = nodes[dragging.i];
        if (Math.abs(p[0] - dragging.p[0]) + Math.abs(p[1] - dragging.p[1]) > 3) moved = true;
        if (moved) { n.x = (p[0] - view.x) / view.k; n.y = (p[1] - view.y) / view.k; schedule(); }
      } else if (panning) {
        view.x = panning.x + p[0] - panning.p[0]; view.y = panning.y + p[1] - panning.p[1]; moved = true; schedule();
      } else {
        var h = nodeAt(p[0], p[1]);
        if (h !== hover) { hover = h; canvas.style.cursor = h >= 0 ? "pointer" : "grab"; canvas.title = h >= 0 ? nodes[h].title : ""; schedule(); }
      }
    });
    canvas.addEventListener("pointerup", function (ev) {
      var p = pos(ev);
      if (dragging && !moved && nodes[dragging.i].href) location.href = nodes[dragging.i].href;
      else if (!dragging && !moved) { var i = nodeAt(p[0], p[1]); if (i >= 0 && nodes[i].href) location.href = nodes[i].href; }
      dragging = panning = null;
    });
    canvas.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = pos(ev), f = Math.exp(-ev.deltaY * 0.0015);
      view.x = p[0] - (p[0] - view.x) * f; view.y = p[1] - (p[1] - view.y) * f; view.k *= f; schedule();
    }, { passive: false });
    this.fit();
  }

  /* ---------------------------------------------------------------- local graph */

  var LOCAL_LIMIT = 300;

  function localLayout(nodes, edges) {
    // A small force simulation (fixed start and steps: the same page draws the same graph).
    var n = nodes.length;
    nodes.forEach(function (node, i) { // a sunflower spiral (golden angle) around the current note
      var a = i * 2.39996, r = node.current ? 0 : 40 + 14 * Math.sqrt(i);
      node.x = Math.cos(a) * r; node.y = Math.sin(a) * r;
    });
    for (var step = 0; step < 200; step++) {
      var fx = new Float64Array(n), fy = new Float64Array(n);
      for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) {
        var dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y, d2 = dx * dx + dy * dy + 0.01, f = 900 / d2;
        fx[i] += dx * f; fy[i] += dy * f; fx[j] -= dx * f; fy[j] -= dy * f;
      }
      edges.forEach(function (e) {
        var a = nodes[e[0]], b = nodes[e[1]], dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = (d - 70) * 0.05 / d;
        fx[e[0]] -= dx * f; fy[e[0]] -= dy * f; fx[e[1]] += dx * f; fy[e[1]] += dy * f;
      });
      for (var k = 0; k < n; k++) {
        if (nodes[k].current) continue;
        var cool = 1 - step / 200;
        var mx = fx[k] - nodes[k].x * 0.01, my = fy[k] - nodes[k].y * 0.01, len = Math.sqrt(mx * mx + my * my);
        var move = Math.min(len, 10) * cool / (len || 1); // at most 10 units a step, along the force
        nodes[k].x += mx * move; nodes[k].y += my * move;
      }
    }
  }

  function localGraph(s) {
    var article = document.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".obsidian-graph-local") || document.querySelector("[data-obsidian-graph=global]")) return;
    graph().then(function (g) {
      var me = currentNode(g);
      if (me < 0 || article.querySelector(".obsidian-graph-local")) return;
      // At most LOCAL_LIMIT notes, nearest first: a hub note linked from thousands would otherwise
      // make a layout of quadratic cost (seconds) and an unreadable ball.
      var depth = s.features.graph_depth || 1, seen = {}, list = [], left = 0;
      seen[me] = 0; list.push(me);
      for (var d = 1, frontier = [me]; d <= depth; d++) {
        var next = [];
        frontier.forEach(function (i) {
          g.out[i].concat(g.inn[i]).forEach(function (j) {
            if (j in seen) return;
            seen[j] = d;
            if (list.length >= LOCAL_LIMIT) { left++; return; }
            list.push(j); next.push(j);
          });
        });
        frontier = next;
      }
      var nodes = list.map(function (i) {
        var src = g.data.nodes[i];
        return { id: i, title: src.title, href: src.href, degree: src.degree, current: i === me, depth: seen[i] };
      });
      var at = {}; nodes.forEach(function (node, k) { at[node.id] = k; });
      var edges = [];
      list.forEach(function (i) { g.out[i].forEach(function (j) { if (j in at) edges.push([at[i], at[j]]); }); });
      if (s.features.graph_tags) {
        var tagAt = {};
        list.forEach(function (i) {
          (g.data.nodes[i].tags || []).forEach(function (t) {
            if (!(t in tagAt)) { tagAt[t] = nodes.length; nodes.push({ title: "#" + t, tag: true, degree: 1, depth: 2, href: new URL("tags/" + t + "/", ROOT).href }); }
            edges.push([at[i], tagAt[t]]);
          });
        });
      }
      localLayout(nodes, edges);
      var box = el("section", { class: "obsidian-graph-local", "data-search-exclude": "" });
      box.appendChild(el("h2", { id: "obsidian-local-graph" }, "Graph"));
      var tail = article.querySelector(".obsidian-backlinks");
      article.insertBefore(box, tail || null);
      box.view = new GraphView(box, nodes, [].concat.apply([], edges), { label: "Local graph", height: 260 });
      if (left) box.appendChild(el("p", { class: "obsidian-graph-stats" }, list.length + " notes shown, " + left + " more linked not shown"));
      if (s.graph_page) {
        var link = el("a", { href: new URL(s.graph_page.replace(/\.md$/, "/"), ROOT).href, class: "obsidian-graph-open" }, "Open the global graph");
        box.appendChild(link);
      }
    }).catch(function () {});
  }

  /* ---------------------------------------------------------------- global graph */

  var PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46a0c8", "#d03cb4", "#8caa1e", "#b45a3c", "#008080", "#9a6324", "#6a5acd"];

  function globalGraph() {
    var box = document.querySelector("[data-obsidian-graph=global]");
    if (!box || box.view) return;
    var t0 = performance.now();
    box.view = "loading";
    graph().then(function (g) {
      var nodes = g.data.nodes.map(function (n) { return { title: n.title, href: n.href, x: n.x, y: n.y, degree: n.degree, folder: n.folder, tags: n.tags }; });
      var me = -1;
      var controls = el("div", { class: "obsidian-graph-controls" });
      var search = el("input", { type: "search", placeholder: "Search the graph", "aria-label": "Search the graph", class: "obsidian-graph-search" });
      var group = el("select", { "aria-label": "Colour groups", class: "obsidian-graph-group" });
      ["none", "folder", "tag"].forEach(function (v) { group.appendChild(el("option", { value: v }, v === "none" ? "No colour groups" : "Colour by " + v)); });
      var orphans = g.data.nodes.filter(function (n) { return n.degree === 0; }).length;
      controls.appendChild(search); controls.appendChild(group);
      controls.appendChild(el("span", { class: "obsidian-graph-stats" }, nodes.length + " notes, " + g.data.links.length / 2 + " links, " + orphans + " orphans"));
      box.appendChild(controls);
      var view = new GraphView(box, nodes, g.data.links, {
        label: "Global graph",
        height: Math.max(320, Math.round(window.innerHeight * 0.7)),
        onFullDraw: function () { box.setAttribute("data-full-draw-ms", String(Math.round(performance.now() - t0))); }
      });
      box.view = view;
      box.setAttribute("data-first-draw-ms", String(Math.round(performance.now() - t0)));
      search.addEventListener("input", function () {
        var q = search.value.trim().toLowerCase();
        if (!q) { view.highlight = null; view.draw(); return; }
        var hl = {}, count = 0;
        nodes.forEach(function (n, i) { if (n.title.toLowerCase().indexOf(q) >= 0) { hl[i] = true; count++; } });
        view.highlight = hl; view.highlightCount = count; view.draw();
        box.setAttribute("data-matches", String(count));
      });
      group.addEventListener("change", function () {
        var key = group.value, names = {}, next = 0;
        view.colors = key === "none" ? null : function (n) {
          var name = key === "folder" ? (n.folder || "/") : ((n.tags && n.tags[0]) || "");
          if (!name) return cssVar("--md-default-fg-color--light", "#888");
          if (!(name in names)) names[name] = PALETTE[next++ % PALETTE.length];
          return names[name];
        };
        view.draw();
      });
      void me;
    }).catch(function (err) { box.textContent = "The graph could not be loaded (" + err.message + ")."; });
  }

  /* ---------------------------------------------------------------- explorer */

  function explorerButton(s) {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".obsidian-explorer-button")) return;
    var search = header.querySelector(".md-search") || header.querySelector("label[for=__search]");
    if (s.features.explorer) {
      var button = el("button", { class: "md-header__button obsidian-explorer-button", type: "button", "aria-label": "Explorer", title: "Explorer", "aria-expanded": "false" }, "☰ Files");
      header.insertBefore(button, search || null);
      button.addEventListener("click", function () { toggleExplorer(button); });
    }
    if (s.features.graph && s.graph_page) {
      var link = el("a", { class: "md-header__button obsidian-graph-button", href: new URL(s.graph_page.replace(/\.md$/, "/"), ROOT).href, title: "Graph", "aria-label": "Graph" }, "◉ Graph");
      header.insertBefore(link, search || null);
    }
  }

  function toggleExplorer(button) {
    var panel = document.querySelector(".obsidian-explorer");
    if (panel) { panel.remove(); button.setAttribute("aria-expanded", "false"); return; }
    panel = el("nav", { class: "obsidian-explorer", "aria-label": "Explorer" });
    var close = el("button", { type: "button", class: "obsidian-explorer-close", "aria-label": "Close the explorer" }, "×");
    close.addEventListener("click", function () { panel.remove(); button.setAttribute("aria-expanded", "false"); button.focus(); });
    panel.appendChild(close);
    document.body.appendChild(panel);
    button.setAttribute("aria-expanded", "true");
    getJSON("explorer.json").then(function (tree) {
      var list = el("ul", { class: "obsidian-explorer-tree", role: "tree" });
      panel.appendChild(list);
      fill(list, tree.children || [], pathOf(location.pathname));
    }).catch(function (err) { panel.appendChild(el("p", {}, "The explorer could not be loaded (" + err.message + ").")); });
  }

  function pathOf(p) { return decodeURIComponent(p.replace(/index\.html$/, "")); }

  function fill(list, items, here) {
    // Folders open lazily: a folder's items are made into elements when it is first opened.
    var frag = document.createDocumentFragment();
    items.forEach(function (item) {
      var li = el("li", { role: "treeitem" });
      if (item.children) {
        var details = el("details", { class: "obsidian-explorer-folder" });
        var summary = el("summary", {}, item.name + " (" + count(item) + ")");
        details.appendChild(summary);
        var inner = el("ul", { role: "group" });
        details.appendChild(inner);
        var opened = false;
        details.addEventListener("toggle", function () {
          if (details.open && !opened) { opened = true; if (item.url) inner.appendChild(folderLink(item)); fill(inner, item.children, here); }
        });
        if (item.url && here.indexOf(pathOf(new URL(item.url, ROOT).pathname)) === 0) details.open = true;
        li.appendChild(details);
      } else {
        var a = el("a", { href: new URL(item.url, ROOT).href }, item.name);
        if (samePath(new URL(item.url, ROOT).pathname, location.pathname)) a.setAttribute("aria-current", "page");
        li.appendChild(a);
      }
      frag.appendChild(li);
    });
    list.appendChild(frag);
  }
  function folderLink(item) {
    var li = el("li", { class: "obsidian-explorer-folder-page" });
    li.appendChild(el("a", { href: new URL(item.url, ROOT).href }, "Folder page"));
    return li;
  }
  function count(item) {
    if (item._count === undefined) item._count = (item.children || []).reduce(function (n, c) { return n + (c.children ? count(c) : 1); }, 0);
    return item._count;
  }

  /* ---------------------------------------------------------------- link previews */

  var pages = {}; // URL without hash -> Promise of the parsed page
  var stack = []; // open popovers, innermost last
  var hoverTimer = null, closeTimer = null, longPress = null, suppressClick = false;

  function internal(a) {
    if (!a || !a.href || a.target === "_blank" || a.hasAttribute("download")) return false;
    if (a.closest(".md-header, .md-tabs, .md-nav, .md-footer, .obsidian-explorer, .md-source")) return false;
    var url = new URL(a.href, location.href);
    if (url.origin !== location.origin) return false;
    if (/\.(png|jpe?g|gif|svg|webp|pdf|mp3|mp4|webm|ogg|wav|zip|ipynb|xml|json)$/i.test(url.pathname)) return false;
    var samePage = samePath(url.pathname, location.pathname);
    return !(samePage && !url.hash) && !a.classList.contains("headerlink") && !a.classList.contains("md-content__button");
  }

  function fetchPage(url) {
    var key = url.split("#")[0];
    if (!pages[key]) {
      pages[key] = fetch(key).then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      }).then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
      pages[key].catch(function () { delete pages[key]; });
    }
    return pages[key];
  }

  function extract(doc, url) {
    var article = doc.querySelector("article.md-content__inner") || doc.body;
    var hash = decodeURIComponent(new URL(url).hash.slice(1));
    var out = el("div", { class: "obsidian-preview-body md-typeset" });
    var parts = [];
    if (hash) {
      var target = null;
      article.querySelectorAll("[id]").forEach(function (e) { if (!target && e.id === hash) target = e; });
      if (!target) parts = [article];
      else if (/^H[1-6]$/.test(target.tagName)) {
        var level = +target.tagName[1];
        parts.push(target);
        for (var n = target.nextElementSibling; n; n = n.nextElementSibling) {
          if (/^H[1-6]$/.test(n.tagName) && +n.tagName[1] <= level) break;
          parts.push(n);
        }
      } else if (target.classList.contains("obsidian-block-anchor")) {
        var host = target.parentElement;
        if (host && host.tagName === "P" && !host.textContent.trim() && host.previousElementSibling) host = host.previousElementSibling;
        else host = target.closest("li, p, blockquote, table, .admonition, details, div.highlight") || host;
        parts.push(host);
      } else parts.push(target);
    } else {
      parts.push(article);
    }
    parts.forEach(function (p) { out.appendChild(document.importNode(p, true)); });
    out.querySelectorAll(".obsidian-graph-local, .obsidian-backlinks, .md-content__button, .headerlink, script").forEach(function (e) { e.remove(); });
    out.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    out.querySelectorAll("a[href], img[src], source[src]").forEach(function (e) {
      var attr = e.hasAttribute("href") ? "href" : "src";
      e.setAttribute(attr, new URL(e.getAttribute(attr), url).href); // relative to the previewed page
    });
    return out;
  }

  function closeFrom(level) {
    while (stack.length > level) {
      var p = stack.pop();
      if (p.link) p.link.removeAttribute("aria-describedby");
      p.box.remove();
    }
  }

  function show(a) {
    var level = 0;
    for (var i = 0; i < stack.length; i++) if (stack[i].box.contains(a)) level = i + 1;
    if (stack.length > level && stack[level].link === a) return;
    closeFrom(level);
    var url = a.href;
    var box = el("div", { class: "obsidian-preview", role: "tooltip", id: "obsidian-preview-" + level });
    box.appendChild(el("p", { class: "obsidian-preview-loading" }, "…"));
    document.body.appendChild(box);
    var entry = { box: box, link: a };
    stack.push(entry);
    a.setAttribute("aria-describedby", box.id);
    place(box, a);
    box.addEventListener("mouseenter", function () { clearTimeout(closeTimer); });
    box.addEventListener("mouseleave", scheduleClose);
    fetchPage(url).then(function (doc) {
      if (stack.indexOf(entry) < 0) return;
      box.textContent = "";
      box.appendChild(extract(doc, url));
      place(box, a);
      if (typeof window.MathJax !== "undefined" && window.MathJax.typesetPromise) window.MathJax.typesetPromise([box]).catch(function () {});
    }).catch(function () { box.textContent = "No preview."; });
  }

  function place(box, a) {
    var r = a.getBoundingClientRect(), w = Math.min(480, window.innerWidth - 16);
    box.style.width = w + "px";
    var left = Math.min(Math.max(8, r.left), window.innerWidth - w - 8);
    var below = r.bottom + 6, h = box.offsetHeight;
    var top = below + h > window.innerHeight && r.top - h - 6 > 0 ? r.top - h - 6 : below;
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(function () {
      var hovered = document.querySelectorAll(".obsidian-preview:hover");
      if (!hovered.length) { closeFrom(0); return; }
      var last = hovered[hovered.length - 1];
      for (var i = 0; i < stack.length; i++) if (stack[i].box === last) closeFrom(i + 1);
    }, 300);
  }

  function previews() {
    if (previews.done) return;
    previews.done = true;
    document.addEventListener("mouseover", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[href]");
      if (!internal(a)) return;
      clearTimeout(hoverTimer); clearTimeout(closeTimer);
      hoverTimer = setTimeout(function () { show(a); }, 350);
    });
    document.addEventListener("mouseout", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[href]");
      if (!a) return;
      clearTimeout(hoverTimer);
      scheduleClose();
    });
    document.addEventListener("focusin", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[href]");
      // Keyboard focus only: a click focuses its link too, and its page is about to load anyway.
      if (internal(a) && a.matches(":focus-visible")) show(a);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && stack.length) {
        var link = stack[0].link;
        closeFrom(0);
        if (link && document.activeElement && document.activeElement.closest(".obsidian-preview")) link.focus();
      }
    });
    document.addEventListener("touchstart", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[href]");
      if (!internal(a)) return;
      clearTimeout(longPress);
      longPress = setTimeout(function () { suppressClick = true; show(a); }, 500);
    }, { passive: true });
    ["touchend", "touchmove", "touchcancel"].forEach(function (t) {
      document.addEventListener(t, function () { clearTimeout(longPress); }, { passive: true });
    });
    document.addEventListener("click", function (ev) {
      if (suppressClick) { suppressClick = false; ev.preventDefault(); return; }
      if (stack.length && !ev.target.closest(".obsidian-preview")) closeFrom(0);
    }, true);
  }

  /* ---------------------------------------------------------------- per page */

  function cssclasses() {
    var article = document.querySelector("article.md-content__inner");
    var holder = article && article.querySelector("[data-cssclasses]");
    if (holder) holder.getAttribute("data-cssclasses").split(/\s+/).forEach(function (c) { if (c) article.classList.add(c); });
  }

  /* ---------------------------------------------------------------- backlinks past the listed ones */

  // A page lists its first `backlinks_shown` backlinks (by title); the rest come from graph.json,
  // whose links are the same pairs, when the reader asks for them.
  function moreBacklinks() {
    var more = document.querySelector("article .obsidian-backlinks-more");
    if (!more || more.querySelector("button")) return;
    var button = el("button", { type: "button", class: "obsidian-backlinks-all" }, "Show all " + more.getAttribute("data-total"));
    more.appendChild(document.createTextNode(" "));
    more.appendChild(button);
    button.addEventListener("click", function () {
      button.disabled = true;
      graph().then(function (g) {
        var me = currentNode(g), list = more.parentElement.querySelector("ul");
        if (me < 0 || !list) return;
        var listed = {};
        list.querySelectorAll(":scope > li > a").forEach(function (a) { listed[a.href] = true; });
        var rest = g.inn[me].filter(function (i) { return i !== me && !listed[g.data.nodes[i].href]; })
          .map(function (i) { return g.data.nodes[i]; });
        rest.sort(function (a, b) {
          var x = a.title.toLowerCase(), y = b.title.toLowerCase();
          return x < y ? -1 : x > y ? 1 : a.href < b.href ? -1 : a.href > b.href ? 1 : 0;
        });
        rest.forEach(function (node) {
          var li = el("li");
          li.appendChild(el("a", { href: node.href }, node.title));
          list.appendChild(li);
        });
        more.remove();
      }).catch(function () { button.disabled = false; });
    });
  }

  function init() {
    closeFrom(0);
    cssclasses();
    settings().then(function (s) {
      var f = s.features || {};
      explorerButton(s);
      if (f.previews) previews();
      if (f.graph) { localGraph(s); globalGraph(); moreBacklinks(); }
      var open = document.querySelector(".obsidian-explorer");
      if (open) open.remove();
      document.body.setAttribute("data-obsidian-reader", "ready"); // its listeners are in place
    });
  }

  window.obsidianReader = { root: ROOT, graph: graph, show: show, close: function () { closeFrom(0); } };
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
