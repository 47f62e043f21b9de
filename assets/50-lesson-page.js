// A lesson page's own behaviour: links to a section or an example work although
// Dash renders the page after the browser looked for the #target, and on narrow
// screens the pair shows as two tabs.
(function () {
  "use strict";
  var ALIASES = {broken: "example-broken", fixed: "example-fixed"};
  var HIGHLIGHT_MS = 2500;

  function targetOf(hash) {
    var name = decodeURIComponent((hash || "").replace(/^#/, ""));
    return name ? document.getElementById(ALIASES[name] || name) : null;
  }

  function showSide(pair, side) {
    pair.classList.toggle("show-broken", side === "broken");
    pair.classList.toggle("show-fixed", side === "fixed");
    pair.querySelectorAll(".pair-tab").forEach(function (tab) {
      tab.setAttribute("aria-selected", String(tab.getAttribute("data-show") === side));
    });
  }

  // Scroll to the link's target once it exists, and mark an example card. For a
  // moment after, frames and the sandbox still grow above it: keep it in place
  // until the learner scrolls themselves.
  var wanted = null;
  var holding = null;  // {target, until}
  var HOLD_MS = 8000;
  function reveal() {
    if (holding && Date.now() < holding.until &&
        Math.abs(holding.target.getBoundingClientRect().top) > 2) {
      holding.target.scrollIntoView({block: "start", behavior: "instant"});
    }
    if (!wanted) { return; }
    var target = targetOf(wanted);
    if (!target) { return; }
    wanted = null;
    var pair = target.closest(".pair");
    var side = target.closest(".pair-broken") ? "broken" : target.closest(".pair-fixed") ? "fixed" : null;
    if (pair && side) { showSide(pair, side); }
    target.scrollIntoView({block: "start", behavior: "instant"});
    holding = {target: target, until: Date.now() + HOLD_MS};
    if (target.classList.contains("example-card")) {
      target.classList.add("is-target");
      window.setTimeout(function () { target.classList.remove("is-target"); }, HIGHLIGHT_MS);
    }
  }
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
    window.addEventListener(type, function () { holding = null; }, {passive: true});
  });
  // Frames change height without a mutation here: their size comes by message.
  window.addEventListener("message", function () { window.requestAnimationFrame(reveal); });
  function follow() {
    wanted = window.location.hash || null;
    reveal();
  }
  window.addEventListener("hashchange", follow);

  var lastPath = null;
  new MutationObserver(function () {
    // Dash pages swap the page without a load: a new path may carry a #target.
    if (window.location.pathname !== lastPath) {
      // A link to another lesson starts at its top, not where this one was read.
      if (lastPath !== null && !window.location.hash) {
        // At once: a smooth scroll would slide through the old page's height.
        window.scrollTo({top: 0, left: 0, behavior: "instant"});
      }
      lastPath = window.location.pathname;
      wanted = window.location.hash || null;
    }
    document.querySelectorAll(".pair:not([data-ready])").forEach(function (pair) {
      pair.setAttribute("data-ready", "true");
      pair.querySelectorAll(".pair-tab").forEach(function (tab) {
        tab.setAttribute("aria-controls", "example-" + tab.getAttribute("data-show"));
      });
      showSide(pair, "broken");
    });
    reveal();
  }).observe(document.documentElement, {childList: true, subtree: true});

  // Copy an example's source (assets/06-shared.js falls back to a selection on plain http).
  var copyText = window.callbackGotchas.copyText;
  function copy(button) {
    var key = button.getAttribute("data-copy");
    var source = document.querySelector('pre[data-source="' + key + '"]');
    if (!source) { return; }
    copyText(source.textContent).then(function () {
      button.textContent = "Copied";
    }, function () {
      button.textContent = "Select and copy by hand";
    });
    window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
  }

  // Previous / Next: the next lesson comes without reloading the site's app.
  // A click that asks for a new tab or window is the browser's.
  function followInside(event) {
    var link = event.target.closest && event.target.closest(".lesson-nav a[rel]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    window.callbackGotchas.goTo(link.getAttribute("href"));
  }

  document.addEventListener("click", function (event) {
    followInside(event);
    var tab = event.target.closest && event.target.closest(".pair-tab");
    if (tab) { showSide(tab.closest(".pair"), tab.getAttribute("data-show")); }
    var copyButton = event.target.closest && event.target.closest(".copy-button[data-copy]");
    if (copyButton) { copy(copyButton); }
  });
  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest(".pair-tab");
    if (!tab || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) { return; }
    var other = tab.parentElement.querySelector('.pair-tab:not([data-show="' + tab.getAttribute("data-show") + '"])');
    showSide(tab.closest(".pair"), other.getAttribute("data-show"));
    other.focus();
    event.preventDefault();
  });
})();
