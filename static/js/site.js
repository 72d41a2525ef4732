// Large-text toggle for grandparents; the choice is kept on this phone.
(function () {
  var root = document.documentElement;
  document.querySelectorAll("[data-large-text]").forEach(function (button) {
    button.setAttribute("aria-pressed", String(root.classList.contains("large-text")));
    button.addEventListener("click", function () {
      var on = root.classList.toggle("large-text");
      button.setAttribute("aria-pressed", String(on));
      try { localStorage.setItem("largeText", on ? "1" : "0"); } catch (e) { /* private mode */ }
    });
  });
})();

// Print buttons (the certificate): a handler here, since the CSP allows no inline onclick.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
