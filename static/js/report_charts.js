// Charts of the school, county and supervision reports (templates/core/includes/chart.html).
// Each chart's numbers come from its json_script block, the same rows as the table beside it;
// the canvas stays hidden (the table alone shows) until Chart.js has drawn it.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  var colours = ["#0b6e4f", "#b5651d", "#3b5b92"];
  var targetColour = "#b00020";

  function datasets(data) {
    var sets = data.series.map(function (series, index) {
      var colour = colours[index % colours.length];
      return {
        type: data.kind, label: series.label, data: series.values, borderColor: colour,
        backgroundColor: colour, pointRadius: 3,
        borderWidth: 2, spanGaps: true, order: 1,
        // The second line dashed, so two equal lines still read as two.
        borderDash: data.kind === "line" && index > 0 ? [5, 3] : []
      };
    });
    if (data.target !== null && data.target !== undefined) {
      sets.push({
        type: "line", label: data.targetLabel,
        data: data.labels.map(function () { return data.target; }),
        borderColor: targetColour, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, order: 0
      });
    }
    return sets;
  }

  function draw(box) {
    if (box.hasAttribute("data-chart-drawn")) return;
    var source = document.getElementById(box.getAttribute("data-chart"));
    var canvas = box.querySelector("canvas");
    if (!source || !canvas) return;
    var data = JSON.parse(source.textContent);
    box.hidden = false;
    var percent = data.percent;
    var chart = new window.Chart(canvas, {
      type: data.kind,
      data: { labels: data.labels, datasets: datasets(data) },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        scales: {
          y: percent
            ? { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + "%"; } } }
            : { beginAtZero: true, ticks: { precision: 0 } },
          x: { ticks: { autoSkip: true, maxRotation: 0 } }
        },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } }
      }
    });
    box.setAttribute("data-chart-drawn", String(chart.data.datasets.length));
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
})();
