/* The interactive comparison of activation functions (an `activation` block with `show: explore`).
 *
 * The build computes every registered function's f, f' and f'' on a grid of its parameters' values
 * (generator/blocks/explore.py) and writes them into one JSON file, linked from the page by
 * `a.activation-explore-data`. This script loads that file once, builds the controls beside the
 * link (which functions, which derivatives, a slider or menu per parameter) and draws SVG curves.
 * It computes nothing itself: every drawn point is a value from the package. No library, no
 * network beyond the site's own file; colours are CSS variables, so both palettes work.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var ORDER_NAMES = ["f(x)", "f\u2032(x)", "f\u2033(x)"];
  var N_COLORS = 8;
  var WIDTH = 640;
  var PANEL = 190;
  var MARGIN = { left: 44, right: 10, top: 10, bottom: 22 };
  var Y_LIMIT = 8; // curves are clipped to |y| <= 8 so one steep function cannot flatten the rest
  var loads = {};

  function load(url) {
    if (!loads[url]) {
      loads[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("could not load " + url + ": HTTP " + response.status);
        return response.json();
      });
    }
    return loads[url];
  }

  function el(tag, attrs, parent) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    if (parent) parent.appendChild(node);
    return node;
  }

  function svgEl(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    if (parent) parent.appendChild(node);
    return node;
  }

  function fmt(value) {
    if (typeof value !== "number") return String(value);
    return String(Number(value.toPrecision(4)));
  }

  /* "relu gelu leaky_relu:negative_slope=0.1" -> [{name, params}] */
  function parseShown(text) {
    return (text || "").split(/\s+/).filter(Boolean).map(function (item) {
      var parts = item.split(":");
      var params = {};
      parts.slice(1).forEach(function (pair) {
        var kv = pair.split("=");
        params[kv[0]] = kv.slice(1).join("=");
      });
      return { name: parts[0], params: params };
    });
  }

  function requested() {
    var names = new URLSearchParams(window.location.search).getAll("f");
    return names.join(",").split(",").filter(Boolean).map(function (name) {
      return { name: name, params: {} };
    });
  }

  function Explorer(link, data) {
    this.data = data;
    this.byName = {};
    data.functions.forEach(function (fn) { this.byName[fn.name] = fn; }, this);
    this.selected = []; // names, in the order picked (colour follows it)
    this.settings = {}; // name -> index into each parameter's values
    this.orders = [true, true, true];
    var x = data.x;
    this.x = [];
    for (var i = 0; i < x[2]; i++) this.x.push(x[0] + ((x[1] - x[0]) * i) / (x[2] - 1));
    this.build(link);
    var initial = requested();
    if (!initial.length) initial = parseShown(link.getAttribute("data-functions"));
    initial.forEach(function (item) { this.select(item.name, item.params); }, this);
    this.draw();
  }

  Explorer.prototype.build = function (link) {
    var self = this;
    var root = el("div", { class: "activation-explore" });
    var holder = link.closest("p") || link;
    holder.parentNode.insertBefore(root, holder);
    holder.classList.add("ae-source");

    var pick = el("details", { class: "ae-pick", open: "" }, root);
    el("summary", { text: "Functions" }, pick);
    var boxes = el("div", { class: "ae-boxes" }, pick);
    this.boxes = {};
    var byTitle = this.data.functions.slice().sort(function (a, b) {
      return a.title.localeCompare(b.title, undefined, { sensitivity: "base", numeric: true });
    });
    byTitle.forEach(function (fn) {
      var label = el("label", { class: "ae-box" }, boxes);
      var box = el("input", { type: "checkbox", value: fn.name, "data-name": fn.name }, label);
      label.appendChild(document.createTextNode(" " + fn.title));
      box.addEventListener("change", function () {
        if (box.checked) self.select(fn.name, {});
        else self.unselect(fn.name);
        self.draw();
      });
      self.boxes[fn.name] = box;
    });

    var orders = el("div", { class: "ae-orders" }, root);
    ORDER_NAMES.forEach(function (name, order) {
      var label = el("label", {}, orders);
      var box = el("input", { type: "checkbox", "data-order": String(order) }, label);
      box.checked = true;
      label.appendChild(document.createTextNode(" " + name));
      box.addEventListener("change", function () {
        self.orders[order] = box.checked;
        self.draw();
      });
    });

    this.rows = el("div", { class: "ae-rows" }, root);
    this.svg = svgEl("svg", { class: "ae-figure", role: "img" }, root);
  };

  Explorer.prototype.select = function (name, params) {
    var fn = this.byName[name];
    if (!fn || this.selected.indexOf(name) >= 0) return;
    this.selected.push(name);
    this.boxes[name].checked = true;
    this.settings[name] = fn.params.map(function (p) {
      var wanted = params[p.name];
      if (wanted === undefined) return p.default;
      var found = p.values.findIndex(function (v) { return String(v) === wanted || Number(v) === Number(wanted); });
      return found >= 0 ? found : p.default;
    });
    this.renderRows();
  };

  Explorer.prototype.unselect = function (name) {
    this.selected = this.selected.filter(function (n) { return n !== name; });
    this.boxes[name].checked = false;
    this.renderRows();
  };

  Explorer.prototype.color = function (name) {
    return "ae-c" + (this.selected.indexOf(name) % N_COLORS);
  };

  Explorer.prototype.renderRows = function () {
    var self = this;
    this.rows.textContent = "";
    this.selected.forEach(function (name) {
      var fn = self.byName[name];
      var row = el("div", { class: "ae-row", "data-name": name }, self.rows);
      el("span", { class: "ae-swatch " + self.color(name) }, row);
      el("span", { class: "ae-title", text: fn.title }, row);
      fn.params.forEach(function (p, k) {
        var label = el("label", { class: "ae-param" }, row);
        var text = el("span", {}, label);
        var show = function () { text.textContent = p.name + " = " + fmt(p.values[self.settings[name][k]]) + " "; };
        var numeric = p.values.every(function (v) { return typeof v === "number"; });
        var control;
        if (numeric) {
          control = el("input", {
            type: "range", min: "0", max: String(p.values.length - 1), step: "1",
            "data-name": name, "data-param": p.name, title: p.doc || p.name,
          }, label);
          control.value = String(self.settings[name][k]);
        } else {
          control = el("select", { "data-name": name, "data-param": p.name, title: p.doc || p.name }, label);
          p.values.forEach(function (v, i) { el("option", { value: String(i), text: String(v) }, control); });
          control.value = String(self.settings[name][k]);
        }
        show();
        control.addEventListener("input", function () {
          self.settings[name][k] = Number(control.value);
          show();
          self.draw();
        });
        control.addEventListener("change", function () {
          self.settings[name][k] = Number(control.value);
          show();
          self.draw();
        });
      });
    });
  };

  /* The curves of one function at its current settings: row-major over its parameters. */
  Explorer.prototype.curves = function (name) {
    var fn = this.byName[name];
    var index = 0;
    fn.params.forEach(function (p, k) { index = index * p.values.length + this.settings[name][k]; }, this);
    return fn.curves[index];
  };

  Explorer.prototype.draw = function () {
    var self = this;
    var svg = this.svg;
    svg.textContent = "";
    var orders = [0, 1, 2].filter(function (o) { return self.orders[o]; });
    var height = orders.length * PANEL;
    svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + Math.max(height, 1));
    svg.setAttribute("aria-label", "f, f\u2032 and f\u2033 of " + this.selected.join(", "));
    var xs = this.x;
    var x0 = xs[0], x1 = xs[xs.length - 1];
    var plotW = WIDTH - MARGIN.left - MARGIN.right;
    var sx = function (x) { return MARGIN.left + ((x - x0) / (x1 - x0)) * plotW; };
    orders.forEach(function (order, panel) {
      var top = panel * PANEL + MARGIN.top;
      var plotH = PANEL - MARGIN.top - MARGIN.bottom;
      var lines = self.selected.map(function (name) { return [name, self.curves(name)[order]]; })
        .filter(function (pair) { return pair[1]; });
      // The y range spans every parameter value of the picked functions, not just the current ones,
      // so the axes stay put while a slider moves and the curve's change is what the reader sees.
      var lo = Infinity, hi = -Infinity;
      self.selected.forEach(function (name) {
        self.byName[name].curves.forEach(function (curves) {
          (curves[order] || []).forEach(function (v) {
            if (v === null) return;
            v = Math.max(-Y_LIMIT, Math.min(Y_LIMIT, v));
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          });
        });
      });
      if (!(hi > lo)) { lo = (isFinite(lo) ? lo : 0) - 1; hi = lo + 2; }
      var pad = 0.06 * (hi - lo);
      lo -= pad; hi += pad;
      var sy = function (y) { return top + (1 - (y - lo) / (hi - lo)) * plotH; };
      var g = svgEl("g", { class: "ae-panel", "data-order": String(order) }, svg);
      var clip = "ae-clip-" + order;
      var defs = svgEl("defs", {}, g);
      var cp = svgEl("clipPath", { id: clip }, defs);
      svgEl("rect", { x: MARGIN.left, y: top, width: plotW, height: plotH }, cp);
      svgEl("rect", { class: "ae-frame", x: MARGIN.left, y: top, width: plotW, height: plotH }, g);
      if (lo < 0 && hi > 0) svgEl("line", { class: "ae-axis", x1: MARGIN.left, x2: MARGIN.left + plotW, y1: sy(0), y2: sy(0) }, g);
      if (x0 < 0 && x1 > 0) svgEl("line", { class: "ae-axis", x1: sx(0), x2: sx(0), y1: top, y2: top + plotH }, g);
      svgEl("text", { class: "ae-label", x: MARGIN.left + 4, y: top + 12, text: ORDER_NAMES[order] }, g);
      svgEl("text", { class: "ae-tick", x: MARGIN.left - 4, y: top + 8, "text-anchor": "end", text: fmt(hi) }, g);
      svgEl("text", { class: "ae-tick", x: MARGIN.left - 4, y: top + plotH, "text-anchor": "end", text: fmt(lo) }, g);
      svgEl("text", { class: "ae-tick", x: MARGIN.left, y: top + plotH + 14, "text-anchor": "middle", text: fmt(x0) }, g);
      svgEl("text", { class: "ae-tick", x: MARGIN.left + plotW, y: top + plotH + 14, "text-anchor": "middle", text: fmt(x1) }, g);
      var clipped = svgEl("g", { "clip-path": "url(#" + clip + ")" }, g);
      lines.forEach(function (pair) {
        var d = "";
        var pen = false;
        pair[1].forEach(function (v, i) {
          if (v === null) { pen = false; return; }
          var y = Math.max(-10 * Y_LIMIT, Math.min(10 * Y_LIMIT, v));
          d += (pen ? "L" : "M") + sx(xs[i]).toFixed(1) + " " + sy(y).toFixed(1);
          pen = true;
        });
        var path = svgEl("path", { class: "ae-curve " + self.color(pair[0]), d: d, "data-name": pair[0], "data-order": String(order) }, clipped);
        svgEl("title", { text: self.byName[pair[0]].title + ": " + ORDER_NAMES[order] }, path);
      });
    });
  };

  function setup(link) {
    if (link.getAttribute("data-ae-ready")) return;
    link.setAttribute("data-ae-ready", "1");
    load(link.href).then(
      function (data) { new Explorer(link, data); },
      function (error) {
        var note = el("p", { class: "ae-error", text: "The comparison could not load its data: " + error.message });
        (link.closest("p") || link).after(note);
      }
    );
  }

  function init() {
    document.querySelectorAll("a.activation-explore-data").forEach(setup);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
