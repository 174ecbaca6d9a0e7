// Charts of the dashboard, drawn with Chart.js from the data the page carries in <script type="application/json">.
// Without JavaScript the tables under each chart hold the same numbers; with it they stay below as the
// accessible version.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var source = document.getElementById("dashboard-data");
  if (!source) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var css = getComputedStyle(document.documentElement);
  function colour(name, fallback) {
    var value = css.getPropertyValue(name).trim();
    return value || fallback;
  }
  var palette = {
    not_started: colour("--bs-secondary", "#6c757d"),
    in_progress: colour("--bs-primary", "#0d6efd"),
    completed: colour("--bs-success", "#198754"),
    suspended: colour("--bs-warning", "#ffc107"),
  };

  function draw(id, config) {
    var box = document.getElementById(id);
    if (!box) {
      return;
    }
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", box.getAttribute("data-label") || "");
    box.appendChild(canvas);
    box.hidden = false;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
    new window.Chart(canvas, config);
  }

  var lightColours = {
    red: colour("--bs-danger", "#dc3545"),
    yellow: colour("--bs-warning", "#ffc107"),
    green: colour("--bs-success", "#198754"),
    none: colour("--bs-secondary", "#6c757d"),
  };
  if (data.lights && data.lights.chapters.length) {
    draw("chart-lights", {
      type: "bar",
      data: {
        labels: data.lights.chapters,
        datasets: data.lights.keys.map(function (key, i) {
          return { label: data.lights.labels[i], data: data.lights.values[i], backgroundColor: lightColours[key] };
        }),
      },
      options: {
        indexAxis: "y",
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  if (data.status && data.status.values.some(function (n) { return n > 0; })) {
    draw("chart-status", {
      type: "doughnut",
      data: {
        labels: data.status.labels,
        datasets: [
          {
            data: data.status.values,
            backgroundColor: data.status.keys.map(function (key) { return palette[key] || "#adb5bd"; }),
          },
        ],
      },
      options: { plugins: { legend: { position: "bottom" } } },
    });
  }

  if (data.chapters && data.chapters.labels.length) {
    draw("chart-chapters", {
      type: "bar",
      data: {
        labels: data.chapters.labels,
        datasets: [{ label: data.chapters.label, data: data.chapters.values, backgroundColor: palette.in_progress }],
      },
      options: {
        indexAxis: "y",
        scales: { x: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } },
        plugins: { legend: { display: false } },
      },
    });
  }

  if (data.units && data.units.labels.length) {
    draw("chart-units", {
      type: "bar",
      data: {
        labels: data.units.labels,
        datasets: [
          { label: data.units.lead_label, data: data.units.lead, backgroundColor: palette.in_progress },
          { label: data.units.co_label, data: data.units.co, backgroundColor: colour("--bs-info", "#0dcaf0") },
        ],
      },
      options: {
        indexAxis: "y",
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
})();
