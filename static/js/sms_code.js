// After a code is sent, the "send again" button waits out the one-a-minute limit visibly.
(function () {
  document.querySelectorAll("[data-countdown]").forEach(function (button) {
    var left = parseInt(button.getAttribute("data-countdown"), 10) || 0;
    var label = button.textContent;
    var pattern = button.getAttribute("data-countdown-label") || "{n}";
    if (left <= 0) return;
    button.disabled = true;
    var tick = function () {
      if (left <= 0) {
        button.disabled = false;
        button.textContent = label;
        return;
      }
      button.textContent = pattern.replace("{n}", String(left));
      left -= 1;
      window.setTimeout(tick, 1000);
    };
    tick();
  });
})();
