// Polls the job's JSON every few seconds and updates the bar; the page's <meta refresh> is the
// fallback without JavaScript, and this script removes it so that the page does not reload too.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.finished === "1") return;
  var meta = document.querySelector("meta[http-equiv=refresh]");
  if (meta) meta.remove();
  var every = (parseInt(box.dataset.refresh, 10) || 2) * 1000;
  function el(name) { return box.querySelector("[data-job-" + name + "]"); }
  function show(node, visible) { if (node) node.classList.toggle("d-none", !visible); }
  function update(state) {
    el("status").textContent = state.status_label;
    el("message").textContent = state.message;
    el("bar").setAttribute("aria-valuenow", state.percent);
    var fill = el("fill");
    fill.style.width = state.percent + "%";
    fill.textContent = state.percent + "%";
    el("count").textContent = state.total ? state.done + " / " + state.total : "";
    el("error").textContent = state.error;
    show(el("error"), state.status === "failed");
    if (state.result_url) el("download").setAttribute("href", state.result_url);
    show(el("result"), Boolean(state.result_url));
    if (state.finished) {
      fill.classList.remove("progress-bar-striped", "progress-bar-animated");
      if (state.status === "failed") fill.classList.add("bg-danger");
      // a job that leads somewhere (the generated bulletin) goes there when it is done
      if (state.status === "done" && state.next_url) window.location.assign(state.next_url);
      show(el("next"), state.status === "done");
      show(el("retry"), Boolean(state.can_retry));
    }
    return state.finished;
  }
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { if (!state || !update(state)) window.setTimeout(poll, every); })
      .catch(function () { window.setTimeout(poll, every * 2); });
  }
  window.setTimeout(poll, every);
})();
