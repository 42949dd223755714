// Interactive tables without any library: a filter box and sortable columns on every
// table.dv-interactive. Text is read with textContent and never turned back into HTML.
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }
  function asNumber(text) {
    var n = parseFloat(text.replace(/\s/g, "").replace(/,/g, ""));
    return isNaN(n) ? null : n;
  }
  function setup(table) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    var tools = document.createElement("div");
    tools.className = "dv-table-tools";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter rows…";
    input.setAttribute("aria-label", "Filter table rows");
    var count = document.createElement("span");
    count.className = "dv-count";
    tools.appendChild(input);
    tools.appendChild(count);
    var wrap = table.closest(".dv-table-wrap") || table;
    wrap.parentNode.insertBefore(tools, wrap);
    function update() {
      var needle = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var hit = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
        row.style.display = hit ? "" : "none";
        if (hit) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " rows";
    }
    input.addEventListener("input", update);
    var headers = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.classList.add("dv-sortable");
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var nx = asNumber(x), ny = asNumber(y);
          var order = (nx !== null && ny !== null) ? nx - ny : x.localeCompare(y, "vi");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    update();
  }
  document.querySelectorAll("table.dv-interactive").forEach(setup);
})();
