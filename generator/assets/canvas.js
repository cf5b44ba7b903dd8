/* Canvas pages and embeds: pan (drag), zoom (buttons, Ctrl/⌘ + wheel or pinch) and fit.
   Without this script the canvas is a static layout scaled to the column (canvas.css). */
(function () {
  "use strict";
  var MIN = 0.05, MAX = 4;

  function setup(box) {
    if (box.dataset.ocReady) return;
    box.dataset.ocReady = "1";
    var stage = box.querySelector(".obsidian-canvas-stage");
    if (!stage) return;
    var width = parseFloat(stage.style.width), height = parseFloat(stage.style.height);
    // Until the reader moves it, the stage keeps the CSS scale (which follows the column's width,
    // and works in a container that is hidden now); the first move starts from that scale.
    var view = null;

    function current() {
      if (!view) view = { x: 0, y: 0, k: box.clientWidth / width || 1 };
      return view;
    }
    function apply() {
      stage.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.k + ")";
    }
    function fit() {
      if (!box.clientWidth) return;
      var k = Math.min(box.clientWidth / width, box.clientHeight / height);
      view = { k: k, x: (box.clientWidth - width * k) / 2, y: (box.clientHeight - height * k) / 2 };
      apply();
    }
    function zoom(factor, cx, cy) {
      current();
      var k = Math.min(MAX, Math.max(MIN, view.k * factor));
      view.x = cx - (cx - view.x) * (k / view.k);
      view.y = cy - (cy - view.y) * (k / view.k);
      view.k = k;
      apply();
    }

    var controls = document.createElement("div");
    controls.className = "obsidian-canvas-controls";
    [["+", "Zoom in", function () { zoom(1.25, box.clientWidth / 2, box.clientHeight / 2); }],
     ["−", "Zoom out", function () { zoom(0.8, box.clientWidth / 2, box.clientHeight / 2); }],
     ["⤢", "Fit", fit]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.title = button.ariaLabel = spec[1];
      button.addEventListener("click", spec[2]);
      controls.appendChild(button);
    });
    box.appendChild(controls);
    box.classList.add("is-interactive");

    box.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return;  // a plain wheel scrolls the page
      event.preventDefault();
      var rect = box.getBoundingClientRect();
      zoom(Math.exp(-event.deltaY * 0.002), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });

    var drag = null;
    box.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.target.closest("a, button, audio, video, iframe, summary, input")) return;
      current();
      drag = { id: event.pointerId, x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
      box.setPointerCapture(event.pointerId);
      box.classList.add("is-dragging");
    });
    box.addEventListener("pointermove", function (event) {
      if (!drag || drag.id !== event.pointerId) return;
      view.x = drag.vx + event.clientX - drag.x;
      view.y = drag.vy + event.clientY - drag.y;
      apply();
    });
    function end(event) {
      if (!drag || drag.id !== event.pointerId) return;
      drag = null;
      box.classList.remove("is-dragging");
    }
    box.addEventListener("pointerup", end);
    box.addEventListener("pointercancel", end);
  }

  function init() {
    document.querySelectorAll(".obsidian-canvas").forEach(setup);
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
