// Completion over time on the class report; the table above carries the same facts.
(function () {
  "use strict";
  var data = document.getElementById("completion-data");
  var canvas = document.getElementById("completion-chart");
  if (!data || !canvas || typeof window.Chart === "undefined") return;
  var series = JSON.parse(data.textContent);
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: series.labels,
      datasets: [{ label: series.label, data: series.values, stepped: true, fill: true,
        borderColor: "#0b6e4f", backgroundColor: "rgba(11,110,79,.15)", pointRadius: 0 }]
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } }
    }
  });
})();
