// Framed examples: loaded one after another, and sized to their app.
// Frames that load together all miss the browser cache and download the same
// Dash bundles side by side; in turn, the first fills the cache and the others
// read from it. Each frame's probe reports its document height; the frame
// takes it, so there is no empty white area and nothing inside is cut off.
(function () {
  "use strict";
  var MIN_HEIGHT = 60;
  var MAX_HEIGHT = 4000;
  var queue = [];
  var current = null;

  function next() {
    if (current && current.isConnected && !current.dataset.loaded) { return; }
    current = queue.shift() || null;
    if (!current) { return; }
    if (!current.isConnected) { next(); return; }
    var frame = current;
    var done = function () {
      if (frame.dataset.loaded) { return; }
      frame.dataset.loaded = "true";
      next();
    };
    frame.addEventListener("load", done, {once: true});
    window.setTimeout(done, 15000);  // a frame that never loads must not hold up the rest
    frame.src = frame.getAttribute("data-src");
  }

  new MutationObserver(function () {
    document.querySelectorAll("iframe[data-src]:not([data-queued])").forEach(function (frame) {
      frame.setAttribute("data-queued", "true");
      queue.push(frame);
    });
    next();
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
