// Resumable upload in the admin (tus): chunks of 5 MB, retried with back-off,
// resumed across page reloads from the fingerprint tus-js-client keeps.
(function () {
  "use strict";
  var root = document.querySelector("[data-resumable-upload]");
  if (!root || !window.tus || !window.tus.isSupported) return;
  root.hidden = false;
  var fileInput = root.querySelector("input[type=file]");
  var titleInput = root.querySelector("input[type=text]");
  var button = root.querySelector("[data-upload-start]");
  var bar = root.querySelector("progress");
  var status = root.querySelector("[data-upload-status]");
  var msg = root.dataset;

  function say(text) { status.textContent = text; }

  function finished(upload) {
    say(msg.msgDone);
    fetch(upload.url, { headers: { "Tus-Resumable": "1.0.0" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (body) { if (body.asset) window.location.href = body.asset.status_url || body.asset.edit_url; });
  }

  button.addEventListener("click", function () {
    var file = fileInput.files[0];
    if (!file) { say(msg.msgChoose); return; }
    button.disabled = true;
    bar.hidden = false;
    var upload = new window.tus.Upload(file, {
      endpoint: msg.endpoint,
      chunkSize: 5 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000],
      removeFingerprintOnSuccess: true,
      headers: { "X-CSRFToken": msg.csrf },
      metadata: { filename: file.name, title: titleInput.value || file.name },
      onProgress: function (sent, total) {
        bar.max = total; bar.value = sent;
        say(Math.floor((sent / total) * 100) + "%");
      },
      onError: function (error) { button.disabled = false; say(msg.msgError + " (" + (error && error.message ? error.message.split("\n")[0] : "") + ")"); },
      onSuccess: function () { finished(upload); }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) { upload.resumeFromPreviousUpload(previous[0]); say(msg.msgResume); }
      upload.start();
    });
  });
})();
