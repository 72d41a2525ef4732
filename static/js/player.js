// Lesson player: native HLS (iOS, many Android WebViews), else hls.js, else the
// progressive MP4. It starts on the lowest rung (the master lists it first; hls.js
// is told so), so the first frame comes quickly on a weak rural network. "Sound only"
// switches to the audio rendition at the same moment and shows the poster instead of
// a frozen picture; when the measured bandwidth stays below the lowest video rung the
// player offers it. A stored position is offered as "continue / start over".
(function () {
  "use strict";
  var hlsjsPromise = null;
  var SLOW_CHECKS = 2; // measurements in a row below the lowest rung before offering sound only

  function loadHlsJs(src) {
    if (window.Hls) return Promise.resolve(window.Hls);
    if (!hlsjsPromise) {
      hlsjsPromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () { resolve(window.Hls); };
        script.onerror = function (error) { hlsjsPromise = null; reject(error); };
        document.head.appendChild(script);
      });
    }
    return hlsjsPromise;
  }

  function clock(seconds) {
    var s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    var mmss = String(m).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
    return h ? h + ":" + mmss : mmss;
  }

  function Player(root) {
    this.root = root;
    this.video = root.querySelector("video");
    this.cfg = root.dataset;
    this.hls = null;
    this.mode = null; // "video" or "audio"
    this.slowCount = 0;
    this.offered = false;
    this.lowest = parseInt(root.dataset.lowestBitrate, 10) || 0;
    this.bind();
    // hls.js is big: fetch it while the parent reads the page, not after the tap.
    if (this.cfg.hls && !this.nativeHls()) loadHlsJs(this.cfg.hlsjs).catch(function () {});
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
    var at = this.mode && video.currentTime ? video.currentTime : parseFloat(this.cfg.start) || 0;
    var rate = video.playbackRate || 1;
    this.detach();
    video.addEventListener("loadedmetadata", function once() {
      video.removeEventListener("loadedmetadata", once);
      if (at > 0 && at < (video.duration || Infinity) && Math.abs(video.currentTime - at) > 0.5) video.currentTime = at;
      video.playbackRate = rate;
    });
    if (hlsUrl && this.nativeHls()) { video.src = hlsUrl; return Promise.resolve(); }
    if (!hlsUrl) { video.src = fileUrl; return Promise.resolve(); }
    return loadHlsJs(this.cfg.hlsjs).then(function (Hls) {
      if (!Hls || !Hls.isSupported()) { video.src = fileUrl || hlsUrl; return; }
      var hls = new Hls({
        capLevelToPlayerSize: true,
        startLevel: 0, // the lowest rung: a quick first frame, then climb if the network allows
        startPosition: at > 0 ? at : -1,
        startFragPrefetch: true,
      });
      hls.on(Hls.Events.ERROR, function (_event, data) {
        if (data.fatal && fileUrl) { self.detach(); video.src = fileUrl; video.play().catch(function () {}); }
      });
      hls.on(Hls.Events.FRAG_LOADED, function (_event, data) {
        if (self.mode !== "video" || !data.frag || data.frag.type !== "main") return;
        var lowest = self.lowest || (hls.levels[0] && hls.levels[0].bitrate) || 0;
        self.measure(hls.bandwidthEstimate, lowest);
      });
      hls.loadSource(hlsUrl);
      hls.attachMedia(video);
      self.hls = hls;
      window.dispatchEvent(new CustomEvent("player:hls", { detail: { hls: hls, player: self } }));
    }, function () { video.src = fileUrl || hlsUrl; });
  };

  // One bandwidth measurement (bits/s) against the lowest video rung's bitrate.
  Player.prototype.measure = function (bandwidth, lowest) {
    if (!bandwidth || !lowest) return;
    this.slowCount = bandwidth < lowest ? this.slowCount + 1 : 0;
    if (this.slowCount >= SLOW_CHECKS) this.offerAudio();
  };

  Player.prototype.offerAudio = function () {
    var offer = this.root.querySelector("[data-player-offer]");
    if (!offer || this.offered || this.mode !== "video") return;
    this.offered = true;
    offer.hidden = false;
  };

  Player.prototype.start = function (mode) {
    var self = this, cfg = this.cfg;
    var switching = !!this.mode;
    this.mode = mode;
    var ready = mode === "audio"
      ? this.attach(cfg.audioHls, cfg.audioFile)
      : this.attach(cfg.hls, cfg.mp4 || cfg.audioFile);
    this.root.classList.add("player-started");
    this.root.classList.toggle("player-sound-only", mode === "audio");
    this.slowCount = 0;
    var cover = this.root.querySelector("[data-player-cover]");
    if (cover) cover.hidden = mode !== "audio";
    var audioButton = this.root.querySelector("[data-player-audio]");
    if (audioButton) {
      audioButton.setAttribute("aria-pressed", String(mode === "audio"));
      audioButton.textContent = mode === "audio" ? audioButton.dataset.labelVideo : audioButton.dataset.labelAudio;
    }
    var offer = this.root.querySelector("[data-player-offer]");
    if (offer && mode === "audio") offer.hidden = true;
    this.root.querySelector("[data-player-resume]").hidden = true;
    if (!switching) this.watchStalls();
    return ready.then(function () { return self.video.play(); }).catch(function () {});
  };

  // Native HLS hides its bandwidth. Waiting long for data while on video counts as a
  // measurement below the lowest rung (the native player is already on it by then, since
  // it starts there), and so does a network the browser itself reports as slower.
  Player.prototype.watchStalls = function () {
    var self = this, video = this.video, since = null;
    video.addEventListener("waiting", function () { since = Date.now(); });
    video.addEventListener("playing", function () {
      if (since !== null && self.mode === "video" && !self.hls && video.currentTime > 0.5) {
        self.slowCount = Date.now() - since > 1500 ? self.slowCount + 1 : 0;
        if (self.slowCount >= SLOW_CHECKS) self.offerAudio();
      }
      since = null;
    });
    var connection = navigator.connection;
    function check() {
      if (!self.hls && self.lowest && connection.downlink && connection.downlink * 1e6 < self.lowest) self.offerAudio();
    }
    if (connection && connection.addEventListener) { connection.addEventListener("change", check); check(); }
  };

  // Called by progress tracking before the first play: "last watched at 03:12".
  Player.prototype.offerResume = function (seconds) {
    var prompt = this.root.querySelector("[data-player-resume]");
    if (this.mode || !prompt || !(seconds > 0)) return;
    this.cfg.start = String(seconds);
    var text = prompt.querySelector("[data-player-resume-text]");
    text.textContent = text.dataset.template.replace("__TIME__", clock(seconds));
    prompt.hidden = false;
    this.root.classList.add("player-resuming");
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
    root.querySelector("[data-player-continue]").addEventListener("click", firstStart);
    root.querySelector("[data-player-restart]").addEventListener("click", function () {
      self.cfg.start = "0";
      firstStart();
    });
    // The native controls' play button on a not-yet-attached element starts the same way.
    video.addEventListener("play", function () { if (!self.mode) { video.pause(); firstStart(); } });

    function setAudio(toAudio) {
      try { localStorage.setItem("playerSoundOnly", toAudio ? "1" : "0"); } catch (e) { /* ignore */ }
      preferAudio = toAudio;
      if (audioButton) audioButton.setAttribute("aria-pressed", String(toAudio));
      if (self.mode) self.start(toAudio ? "audio" : "video");
    }
    if (audioButton) audioButton.addEventListener("click", function () {
      setAudio(self.mode ? self.mode !== "audio" : audioButton.getAttribute("aria-pressed") !== "true");
    });
    var offerButton = root.querySelector("[data-player-offer-audio]");
    if (offerButton) offerButton.addEventListener("click", function () { setAudio(true); });
    if (rate) rate.addEventListener("change", function () { video.playbackRate = parseFloat(rate.value) || 1; });
    video.addEventListener("ratechange", function () { if (rate) rate.value = String(video.playbackRate); });
  };

  function init() { document.querySelectorAll("[data-player]").forEach(function (root) { root.player = new Player(root); }); }
  // Deferred scripts run in order; wait for the rest (progress tracking) to register first.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else setTimeout(init, 0);
})();
