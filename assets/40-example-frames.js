// Framed examples: loaded as they come near the screen, and sized to their app.
// Frames without dev tools use the minified bundles the site page itself has
// just loaded: they load side by side from the start. The first frame with dev
// tools (Dash's dev bundles, which its dev-tools UI needs) loads alone and
// fills the browser cache; after it, those frames load side by side too.
// Frames far below the fold (or in a hidden tab) wait until the learner gets
// there. Each frame's probe reports its document height; the frame takes it,
// so there is no empty white area and nothing inside is cut off.
//
// A lesson's pair may start before its page exists: while Dash builds the page
// (the first view names the pair), or when the learner is about to follow
// Previous or Next (the link names that lesson's pair). Such a frame loads out
// of sight, and the page's own frame element, once rendered, hands it its place
// and attributes: Element.moveBefore moves a frame without reloading it.
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
    frame.src = (frame.getAttribute("data-src") || frame.getAttribute("data-early-src")) +
      privatePath(frame);
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

  // ---- frames started early, and the page's frames taking them over ----
  var MOVES = typeof Element.prototype.moveBefore === "function";
  var early = {};  // src -> {frame, page}: started for that page, not yet taken
  var holder = null;

  function startEarly(list, page) {
    if (!MOVES || !list) { return; }
    var frames;
    try { frames = JSON.parse(list); } catch (e) { return; }
    frames.forEach(function (f) {
      if (early[f.src] || document.querySelector('iframe[data-src="' + f.src + '"]')) { return; }
      if (!holder) {
        holder = document.createElement("div");
        holder.className = "frame-holder";
        holder.inert = true;
        document.body.appendChild(holder);
      }
      var frame = document.createElement("iframe");
      frame.className = "early-frame" + (f.dev ? " with-dev-tools" : "");
      frame.setAttribute("data-early-src", f.src);
      frame.title = "Example loading";
      holder.appendChild(frame);
      early[f.src] = {frame: frame, page: page};
      waiting.push(frame);
    });
    start();
  }

  // The page's frame is the one the learner sees: the early one gets its
  // attributes and its place; the page's own stays, hidden, for Dash to remove.
  function takeOver(frame) {
    var found = early[frame.getAttribute("data-src")];
    if (!found || frame.getAttribute("data-private") === "true") { return false; }
    delete early[frame.getAttribute("data-src")];
    var live = found.frame;
    try {
      frame.parentNode.moveBefore(live, frame);
    } catch (e) {
      live.remove();
      return false;
    }
    live.removeAttribute("data-early-src");
    Array.prototype.forEach.call(frame.attributes, function (a) {
      if (a.name !== "src" && a.name !== "style") { live.setAttribute(a.name, a.value); }
    });
    frame.removeAttribute("data-src");
    frame.className = "taken-over";
    frame.hidden = true;
    return true;
  }

  // Early frames for a page the learner did not go to are dropped.
  function dropStale() {
    Object.keys(early).forEach(function (src) {
      var page = early[src].page;
      if (page !== window.location.pathname && !document.querySelector('a[href="' + page + '"][data-prefetch]')) {
        early[src].frame.remove();
        delete early[src];
      }
    });
  }

  new MutationObserver(function () {
    document.querySelectorAll("iframe[data-src]:not([data-queued])").forEach(function (frame) {
      frame.setAttribute("data-queued", "true");
      if (takeOver(frame)) { return; }
      // Only the pair is asked about at once: asking forces a layout of the page.
      if (frame.closest(".pair") && nearNow(frame)) { waiting.push(frame); } else { near.observe(frame); }
    });
    dropStale();
    start();  // frames of a page just left free their places
  }).observe(document.documentElement, {childList: true, subtree: true});

  // Once the site's own bundles are in (its scripts have all run): a frame
  // asking for the same bundle meanwhile would download it a second time.
  function startFirstView() {
    var view = document.querySelector(".first-view[data-prefetch]");
    if (view) { startEarly(view.getAttribute("data-prefetch"), window.location.pathname); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startFirstView);
  } else {
    startFirstView();
  }

  // Previous or Next: pointed at, focused, or (Next) read down to.
  function prefetch(link) {
    if (link && link.matches("a[data-prefetch]")) {
      startEarly(link.getAttribute("data-prefetch"), link.getAttribute("href"));
    }
  }
  ["pointerover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      prefetch(event.target.closest && event.target.closest("a[data-prefetch]"));
    }, {passive: true});
  });
  var reading = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) { if (entry.isIntersecting) { prefetch(entry.target); } });
  });
  new MutationObserver(function () {
    document.querySelectorAll("a.lesson-nav-next[data-prefetch]:not([data-watched])").forEach(function (link) {
      link.setAttribute("data-watched", "true");
      reading.observe(link);
    });
  }).observe(document.documentElement, {childList: true, subtree: true});

  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (event.origin !== window.location.origin || !msg || msg.channel !== "callback-gotchas" ||
        msg.kind !== "size" || !msg.entry || typeof msg.entry.height !== "number") {
      return;
    }
    var frames = document.querySelectorAll("iframe.example-frame, iframe.early-frame");
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
