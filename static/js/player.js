// Lesson player: native HLS (iOS, many Android WebViews), else hls.js loaded on
// first play only, else the progressive MP4. "Sound only" switches to the
// audio rendition at the same moment to save data on weak rural networks.
(function () {
  "use strict";
  var hlsjsPromise = null;

  function loadHlsJs(src) {
    if (window.Hls) return Promise.resolve(window.Hls);
    if (!hlsjsPromise) {
      hlsjsPromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () { resolve(window.Hls); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return hlsjsPromise;
  }

  function Player(root) {
    this.root = root;
    this.video = root.querySelector("video");
    this.cfg = root.dataset;
    this.hls = null;
    this.mode = null; // "video" or "audio"
    this.bind();
    root.dispatchEvent(new CustomEvent("player:ready", { bubbles: true, detail: { video: this.video, player: this } }));
  }

  Player.prototype.nativeHls = function () {
    return !!this.video.canPlayType("application/vnd.apple.mpegurl");
  };

  Player.prototype.detach = function () {
    if (this.hls) { this.hls.destroy(); this.hls = null; }
  };

  // Point the element at `hlsUrl` (or `fileUrl` when HLS is impossible), keeping time and rate.
  Player.prototype.attach = function (hlsUrl, fileUrl) {
    var self = this, video = this.video;
    var at = video.currentTime || parseFloat(this.cfg.start) || 0;
    var rate = video.playbackRate || 1;
    this.detach();
    function seekWhenReady() {
      video.addEventListener("loadedmetadata", function once() {
        video.removeEventListener("loadedmetadata", once);
        if (at > 0 && at < (video.duration || Infinity)) video.currentTime = at;
        video.playbackRate = rate;
      });
    }
    seekWhenReady();
    if (hlsUrl && this.nativeHls()) { video.src = hlsUrl; return Promise.resolve(); }
    if (!hlsUrl) { video.src = fileUrl; return Promise.resolve(); }
    return loadHlsJs(this.cfg.hlsjs).then(function (Hls) {
      if (!Hls || !Hls.isSupported()) { video.src = fileUrl || hlsUrl; return; }
      var hls = new Hls({ capLevelToPlayerSize: true, startPosition: at > 0 ? at : -1 });
      hls.on(Hls.Events.ERROR, function (_event, data) {
        if (data.fatal && fileUrl) { self.detach(); video.src = fileUrl; video.play().catch(function () {}); }
      });
      hls.loadSource(hlsUrl);
      hls.attachMedia(video);
      self.hls = hls;
    }, function () { video.src = fileUrl || hlsUrl; });
  };

  Player.prototype.start = function (mode) {
    var self = this, cfg = this.cfg;
    this.mode = mode;
    var ready = mode === "audio"
      ? this.attach(cfg.audioHls, cfg.audioFile)
      : this.attach(cfg.hls, cfg.mp4 || cfg.audioFile);
    this.root.classList.add("player-started");
    this.root.classList.toggle("player-sound-only", mode === "audio");
    return ready.then(function () { return self.video.play(); }).catch(function () {});
  };

  Player.prototype.bind = function () {
    var self = this, root = this.root, video = this.video;
    var startButton = root.querySelector("[data-player-start]");
    var audioButton = root.querySelector("[data-player-audio]");
    var rate = root.querySelector("[data-player-rate]");
    var preferAudio = false;
    try { preferAudio = localStorage.getItem("playerSoundOnly") === "1"; } catch (e) { /* private mode */ }
    if (audioButton) audioButton.setAttribute("aria-pressed", String(preferAudio));

    function firstStart() { if (!self.mode) self.start(preferAudio && audioButton ? "audio" : "video"); }
    if (startButton) startButton.addEventListener("click", firstStart);
    // The native controls' play button on a not-yet-attached element starts the same way.
    video.addEventListener("play", function () { if (!self.mode) { video.pause(); firstStart(); } });

    if (audioButton) audioButton.addEventListener("click", function () {
      var toAudio = self.mode !== "audio";
      audioButton.setAttribute("aria-pressed", String(toAudio));
      try { localStorage.setItem("playerSoundOnly", toAudio ? "1" : "0"); } catch (e) { /* ignore */ }
      preferAudio = toAudio;
      if (self.mode) self.start(toAudio ? "audio" : "video");
    });
    if (rate) rate.addEventListener("change", function () { video.playbackRate = parseFloat(rate.value) || 1; });
    video.addEventListener("ratechange", function () { if (rate) rate.value = String(video.playbackRate); });
  };

  function init() { document.querySelectorAll("[data-player]").forEach(function (root) { root.player = new Player(root); }); }
  // Deferred scripts run in order; wait for the rest (progress tracking) to register first.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else setTimeout(init, 0);
})();
