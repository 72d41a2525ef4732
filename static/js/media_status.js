// The media page follows processing: it polls the status API every 2 s (5 s after the
// first minute) and, once the asset is ready or failed, reloads so the page shows the
// preview or the reason.
(function () {
  "use strict";
  var root = document.querySelector("[data-media-status]");
  if (!root || root.dataset.final === "1" || !window.fetch) return;
  var label = root.querySelector("[data-status-label]");
  var percent = root.querySelector("[data-status-progress]");
  var bar = root.querySelector("[data-status-bar]");
  var started = Date.now();

  function schedule() {
    window.setTimeout(poll, Date.now() - started > 60000 ? 5000 : 2000);
  }

  function show(status) {
    label.textContent = status.label;
    percent.textContent = status.progress + "%";
    bar.value = status.progress;
    if (status.final) window.location.reload();
    else schedule();
  }

  function poll() {
    fetch(root.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(show)
      .catch(schedule);
  }

  schedule();
})();
