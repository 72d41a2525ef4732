// The directory's map: Leaflet is fetched only when asked for, and the list stays the
// page's content, so a slow network or missing tiles never hide anything.
(function () {
  "use strict";
  var button = document.querySelector("[data-map-show]");
  var box = document.getElementById("venue-map");
  var data = document.getElementById("venue-points");
  if (!button || !box || !data) return;

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) { el[k] = attrs[k]; });
      el.onload = resolve; el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    Promise.all([
      load("link", { rel: "stylesheet", href: box.dataset.leafletCss }),
      load("script", { src: box.dataset.leafletJs })
    ]).then(function () {
      box.hidden = false;
      button.hidden = true;
      var points = JSON.parse(data.textContent);
      var map = window.L.map(box);
      window.L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 18 }).addTo(map);
      var bounds = [];
      points.forEach(function (p) {
        var link = document.createElement("a");  // text, never HTML, from the data
        link.href = "#venue-" + p.id;
        link.textContent = p.name;
        window.L.marker([p.lat, p.lng], { title: p.name, alt: p.name }).addTo(map).bindPopup(link);
        bounds.push([p.lat, p.lng]);
      });
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
    }).catch(function () { button.disabled = false; });
  });
})();
