// Framed examples load one after another. Frames that load together all miss
// the browser cache and download the same Dash bundles side by side; in turn,
// the first fills the cache and the others read from it.
(function () {
  "use strict";
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
})();
