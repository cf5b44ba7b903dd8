/* Sortable base tables: a click on a column header sorts the rows of each group by that column
   (numbers as numbers, the rest as text, empty cells last); a second click reverses the order.
   Values come from each cell's data-sort attribute, written at build time. No dependencies. */
(function () {
  "use strict";
  function key(cell) {
    var raw = cell ? cell.getAttribute("data-sort") || "" : "";
    var n = raw === "" ? NaN : Number(raw);
    return { empty: raw === "", num: n, text: raw.toLowerCase() };
  }
  function compare(a, b) {
    if (a.empty !== b.empty) return a.empty ? 1 : -1;
    if (!isNaN(a.num) && !isNaN(b.num)) return a.num - b.num;
    return a.text.localeCompare(b.text, undefined, { numeric: true });
  }
  function sortBy(table, th) {
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    Array.prototype.forEach.call(table.tBodies, function (body) {
      var rows = Array.prototype.filter.call(body.rows, function (row) {
        return !row.classList.contains("obsidian-base-group") && !row.classList.contains("obsidian-base-summary");
      });
      var tail = Array.prototype.filter.call(body.rows, function (row) {
        return row.classList.contains("obsidian-base-summary") && rows.length && row.rowIndex > rows[0].rowIndex;
      });
      rows.sort(function (a, b) {
        var order = compare(key(a.cells[column]), key(b.cells[column]));
        return descending ? -order : order;
      });
      rows.concat(tail).forEach(function (row) { body.appendChild(row); });
    });
  }
  function setup() {
    document.querySelectorAll("table.obsidian-base-table").forEach(function (table) {
      if (table.getAttribute("data-sortable")) return;
      table.setAttribute("data-sortable", "1");
      table.querySelectorAll("thead th").forEach(function (th) {
        th.setAttribute("role", "button");
        th.setAttribute("tabindex", "0");
        th.title = "Sort";
        th.addEventListener("click", function () { sortBy(table, th); });
        th.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, th); }
        });
      });
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setup);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
