// Progress beats for the lesson player. Watched intervals are tracked from real
// playback (a seek starts a new interval), sent every 15 s while playing and on
// pause, end and page hide. Beats wait in localStorage while offline and are
// retried with back-off; the server merges intervals, so resending is harmless.
(function () {
  "use strict";
  var BEAT_MS = 15000;

  function Tracker(root, video) {
    this.url = root.dataset.progressUrl;
    this.key = "beats:" + this.url;
    this.video = video;
    this.closed = [];
    this.openStart = null;
    this.lastTime = 0;
    this.backoff = 2000;
    this.sending = false;
    this.timer = null;
  }

  Tracker.prototype.pending = function () {
    try { return JSON.parse(localStorage.getItem(this.key) || "[]"); } catch (e) { return []; }
  };
  Tracker.prototype.savePending = function (list) {
    try { localStorage.setItem(this.key, JSON.stringify(list.slice(-1000))); } catch (e) { /* full or private */ }
  };

  Tracker.prototype.closeInterval = function () {
    if (this.openStart !== null && this.lastTime > this.openStart) this.closed.push([this.openStart, this.lastTime]);
    this.openStart = null;
  };

  Tracker.prototype.onTime = function () {
    var now = this.video.currentTime;
    if (this.video.paused || this.video.seeking) { this.lastTime = now; return; }
    // A jump larger than normal playback could make is a seek: nothing in between was watched.
    if (this.openStart === null || now < this.lastTime || now - this.lastTime > 3) {
      this.closeInterval();
      this.openStart = now;
    }
    this.lastTime = now;
  };

  Tracker.prototype.take = function () {
    var intervals = this.closed.slice();
    if (this.openStart !== null && this.lastTime > this.openStart) {
      intervals.push([this.openStart, this.lastTime]);
      this.openStart = this.lastTime;
    }
    this.closed = [];
    return intervals;
  };

  Tracker.prototype.beat = function (leaving) {
    var intervals = this.take();
    var list = this.pending();
    var last = list[list.length - 1];
    if (last) { last.intervals = last.intervals.concat(intervals); last.position = this.video.currentTime; }
    else list.push({ intervals: intervals, position: this.video.currentTime });
    this.savePending(list);
    this.flush(leaving);
  };

  Tracker.prototype.flush = function (leaving) {
    var self = this, list = this.pending();
    if (!list.length || (this.sending && !leaving)) return;
    var body = JSON.stringify(list[0]);
    this.sending = true;
    fetch(this.url, {
      method: "POST", body: body, keepalive: !!leaving, credentials: "same-origin",
      headers: { "Content-Type": "application/json" }
    }).then(function (response) {
      self.sending = false;
      if (response.ok || (response.status >= 400 && response.status < 500)) {
        // Done, or a request the server will never accept: either way, drop it.
        var rest = self.pending(); rest.shift(); self.savePending(rest);
        self.backoff = 2000;
        if (rest.length) self.flush();
      } else { self.retry(); }
    }, function () { self.sending = false; self.retry(); });
  };

  Tracker.prototype.retry = function () {
    var self = this;
    setTimeout(function () { self.flush(); }, this.backoff);
    this.backoff = Math.min(this.backoff * 2, 300000);
  };

  Tracker.prototype.start = function (player) {
    var self = this, video = this.video;
    fetch(this.url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (state && state.position > 5 && state.position < state.duration - 5 && !player.mode) {
          player.offerResume(state.position); // "last watched at 03:12 · continue / start over"
        }
      }).catch(function () {});
    video.addEventListener("timeupdate", function () { self.onTime(); });
    video.addEventListener("seeking", function () { self.closeInterval(); });
    video.addEventListener("playing", function () {
      self.lastTime = video.currentTime;
      if (!self.timer) self.timer = setInterval(function () { self.beat(false); }, BEAT_MS);
    });
    video.addEventListener("pause", function () { self.onTime(); self.closeInterval(); self.beat(false); });
    video.addEventListener("ended", function () { self.onTime(); self.closeInterval(); self.beat(false); });
    window.addEventListener("pagehide", function () { self.onTime(); self.beat(true); });
    document.addEventListener("visibilitychange", function () { if (document.hidden) self.beat(true); });
    window.addEventListener("online", function () { self.flush(); });
    this.flush();
  };

  document.addEventListener("player:ready", function (event) {
    var root = event.target;
    if (!root.dataset.progressUrl) return;
    var tracker = new Tracker(root, event.detail.video);
    root.tracker = tracker;
    tracker.start(event.detail.player);
  });

  // Reading lessons: start the reading clock on open, count down the minimum reading
  // time (the server has the last word: its answer restarts the countdown), then "mark as read".
  document.querySelectorAll("[data-reading-url]").forEach(function (button) {
    var progressUrl = button.dataset.progressUrl, status = document.querySelector("[data-reading-status]");
    var timer = null;
    function countdown(seconds) {
      clearInterval(timer);
      var left = Math.max(0, Math.ceil(seconds));
      function tick() {
        if (left <= 0) { clearInterval(timer); status.textContent = ""; return; }
        status.textContent = button.dataset.countdown.replace("__SECONDS__", String(left));
        left -= 1;
      }
      tick();
      timer = setInterval(tick, 1000);
    }
    fetch(progressUrl, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intervals: [], position: 0 }) })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && state.completed) { button.disabled = true; status.textContent = button.dataset.done; }
        else countdown(parseFloat(button.dataset.minSeconds) || 0);
      }).catch(function () { countdown(parseFloat(button.dataset.minSeconds) || 0); });
    button.addEventListener("click", function () {
      fetch(button.dataset.readingUrl, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: "{}" })
        .then(function (response) { return response.json().then(function (body) { return [response.ok, body]; }); })
        .then(function (result) {
          if (result[0]) { clearInterval(timer); button.disabled = true; status.textContent = button.dataset.done; }
          else if (result[1].error && result[1].error.remaining) countdown(result[1].error.remaining);
          else { status.textContent = result[1].error ? result[1].error.message : ""; }
        }).catch(function () { status.textContent = button.dataset.offline; });
    });
  });
})();
