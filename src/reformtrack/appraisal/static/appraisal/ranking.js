// The ranking chart of each group of units, drawn with Chart.js from the data the page carries in
// <script type="application/json">; without JavaScript the table under it holds the same numbers.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var source = document.getElementById("ranking-data");
  if (!source) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colour = getComputedStyle(document.documentElement).getPropertyValue("--bs-primary").trim() || "#0d6efd";
  Object.keys(data).forEach(function (group) {
    var box = document.getElementById("chart-" + group);
    if (!box) {
      return;
    }
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", box.getAttribute("data-label") || "");
    box.appendChild(canvas);
    box.hidden = false;
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: data[group].units, datasets: [{ label: data[group].label, data: data[group].totals, backgroundColor: colour }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, indexAxis: "y", plugins: { legend: { display: false } } },
    });
  });
})();
