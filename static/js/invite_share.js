// The class invitation: copy its link, or hand it to the phone's share sheet where there is one.
(function () {
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var url = box.getAttribute("data-share-url");
    var input = box.querySelector("[data-share-input]");
    var status = box.querySelector("[data-copy-status]");
    var copy = box.querySelector("[data-copy]");
    var share = box.querySelector("[data-share-button]");

    function tell(ok) {
      status.textContent = status.getAttribute(ok ? "data-copied" : "data-failed");
    }

    // Older WeChat browsers have no async clipboard: select the read-only field and copy that,
    // and if even that is refused the link stays selected for a long press.
    function copyBySelection() {
      input.focus();
      input.select();
      input.setSelectionRange(0, input.value.length);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      tell(ok);
    }

    copy.hidden = false;
    copy.addEventListener("click", function () {
      status.textContent = "";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () { tell(true); }, copyBySelection);
      } else {
        copyBySelection();
      }
    });

    if (typeof navigator.share === "function") {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ title: box.getAttribute("data-share-title"), url: url })
          .catch(function () { /* the parent closed the share sheet */ });
      });
    }
  });
})();
