// Each target's chart on the project page, drawn with Chart.js from the data the page carries in
// <script type="application/json" id="target-charts-data">: the actual values over time, the target
// line and the expected path. The table under each chart holds the same numbers for print and for
// screen readers; without JavaScript it is all there is.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var source = document.getElementById("target-charts-data");
  if (!source) {
    return;
  }
  var css = getComputedStyle(document.documentElement);
  function colour(name, fallback) {
    var value = css.getPropertyValue(name).trim();
    return value || fallback;
  }
  function day(iso) {
    return Date.parse(iso + "T00:00:00Z");
  }
  function points(list) {
    return list.map(function (p) { return { x: day(p.x), y: p.y }; });
  }
  function dateLabel(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }
  JSON.parse(source.textContent).forEach(function (chart) {
    var box = document.getElementById(chart.id);
    if (!box) {
      return;
    }
    var values = points(chart.values);
    var path = points(chart.path);
    var xs = values.concat(path).map(function (p) { return p.x; });
    var datasets = [
      {
        label: chart.labels.values,
        data: values,
        borderColor: colour("--bs-primary", "#0d6efd"),
        backgroundColor: colour("--bs-primary", "#0d6efd"),
        showLine: true,
      },
    ];
    if (path.length) {
      datasets.push({
        label: chart.labels.path,
        data: path,
        borderColor: colour("--bs-secondary", "#6c757d"),
        borderDash: [6, 4],
        pointRadius: 0,
        showLine: true,
      });
    }
    if (chart.aim !== null && xs.length) {
      datasets.push({
        label: chart.labels.aim,
        data: [{ x: Math.min.apply(null, xs), y: chart.aim }, { x: Math.max.apply(null, xs), y: chart.aim }],
        borderColor: colour("--bs-success", "#198754"),
        borderDash: [2, 3],
        pointRadius: 0,
        showLine: true,
      });
    }
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", box.getAttribute("data-label") || "");
    box.appendChild(canvas);
    box.hidden = false;
    new window.Chart(canvas, {
      type: "scatter",
      data: { datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { type: "linear", ticks: { callback: dateLabel, maxTicksLimit: 6 } },
          y: { title: { display: !!chart.unit, text: chart.unit } },
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + " " + dateLabel(item.parsed.x) + ": " + item.parsed.y + " " + chart.unit;
              },
            },
          },
        },
      },
    });
  });
})();
