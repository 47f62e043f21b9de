// Framed examples: loaded as they come near the screen, and sized to their app.
// Frames without dev tools use the minified bundles the site page itself has
// just loaded: they load side by side from the start. The first frame with dev
// tools (Dash's dev bundles, which its dev-tools UI needs) loads alone and
// fills the browser cache; after it, those frames load side by side too.
// Frames far below the fold (or in a hidden tab) wait until the learner gets
// there. Each frame's probe reports its document height; the frame takes it,
// so there is no empty white area and nothing inside is cut off.
(function () {
  "use strict";
  var MIN_HEIGHT = 60;
  var MAX_HEIGHT = 4000;
  var PARALLEL = 3;  // once the cache is warm
  var NEAR = "400px 0px";  // start loading a little before a frame scrolls in
  var waiting = [];
  var inFlight = [];  // frames loading now; a page that is left takes its frames along
  var warm = {plain: true};  // kind -> its bundles are in the cache

  function busy() {
    inFlight = inFlight.filter(function (f) { return f.isConnected && !f.dataset.loaded; });
    return inFlight.length;
  }
  function filling(k) { return inFlight.some(function (f) { return kind(f) === k; }); }

  function kind(frame) { return frame.classList.contains("with-dev-tools") ? "dev" : "plain"; }

  function start() {
    for (var i = 0; i < waiting.length && busy() < PARALLEL; ) {
      var frame = waiting[i];
      if (!frame.isConnected || frame.dataset.loaded || frame.getAttribute("src")) {
        waiting.splice(i, 1);
      } else if (warm[kind(frame)] || !filling(kind(frame))) {
        waiting.splice(i, 1);
        load(frame);
      } else {
        i += 1;
      }
    }
  }

  // An example that changes server state runs as this browser's own instance
  // (gotchas/examples/instances.py): one token per browser, kept across reloads
  // and tabs, so "reload the page" finds the same instance again.
  var TOKEN_KEY = "callback-gotchas:private-token";

  function privateToken() {
    var token = null;
    try { token = window.localStorage.getItem(TOKEN_KEY); } catch (e) { /* storage off */ }
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token || "")) {
      var bytes = new Uint8Array(18);
      window.crypto.getRandomValues(bytes);
      token = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
      try { window.localStorage.setItem(TOKEN_KEY, token); } catch (e) { /* this page only */ }
    }
    return token;
  }

  function privatePath(frame) {
    return frame.getAttribute("data-private") === "true" ? "private/" + privateToken() + "/" : "";
  }

  function load(frame) {
    var k = kind(frame);
    inFlight.push(frame);
    var done = function () {
      if (frame.dataset.loaded) { return; }
      frame.dataset.loaded = "true";
      warm[k] = true;
      start();
    };
    frame.addEventListener("load", done, {once: true});
    window.setTimeout(done, 15000);  // a frame that never loads must not hold up the rest
    frame.src = frame.getAttribute("data-src") + privatePath(frame);
  }

  var near = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) { return; }
      near.unobserve(entry.target);
      waiting.push(entry.target);
    });
    start();
  }, {rootMargin: NEAR});

  // Is it on screen or just below? Asked as the page is built: the observer
  // would answer only once the rest of the page has rendered.
  function nearNow(frame) {
    var box = frame.getBoundingClientRect();
    return box.height > 0 && box.top < window.innerHeight + 400 && box.bottom > -400;
  }

  new MutationObserver(function () {
    document.querySelectorAll("iframe[data-src]:not([data-queued])").forEach(function (frame) {
      frame.setAttribute("data-queued", "true");
      if (nearNow(frame)) { waiting.push(frame); } else { near.observe(frame); }
    });
    start();  // frames of a page just left free their places
  }).observe(document.documentElement, {childList: true, subtree: true});

  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (event.origin !== window.location.origin || !msg || msg.channel !== "callback-gotchas" ||
        msg.kind !== "size" || !msg.entry || typeof msg.entry.height !== "number") {
      return;
    }
    var frames = document.querySelectorAll("iframe.example-frame");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, msg.entry.height));
        frames[i].style.height = height + "px";
        frames[i].setAttribute("data-fitted", "true");
        return;
      }
    }
  });
})();
