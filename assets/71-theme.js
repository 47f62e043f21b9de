// The navbar's theme choice and present switch (gotchas/page/theme.py). The
// state itself lives on <html>, set before the first paint by
// assets/head/theme.js, which also tells the example frames.
(function () {
  "use strict";
  var theme = window.callbackGotchasTheme;
  if (!theme) { return; }  // the head script did not load: the page stays light

  function show() {
    var choice = document.getElementById("theme-choice");
    if (choice && choice.value !== theme.preference()) { choice.value = theme.preference(); }
    var present = document.getElementById("present-switch");
    if (present) { present.setAttribute("aria-checked", String(theme.presenting())); }
  }

  document.addEventListener("change", function (event) {
    if (event.target.id === "theme-choice") { theme.choose(event.target.value); show(); }
  });
  document.addEventListener("click", function (event) {
    var present = event.target.closest && event.target.closest("#present-switch");
    if (present) { theme.present(!theme.presenting()); show(); }
  });

  // Dash renders the navbar after this script runs, and pages change without a
  // load: an address typed with ?present=... is read on a load, one followed
  // inside the site when the page changes.
  var address = window.location.search;
  new MutationObserver(function () {
    if (window.location.search !== address) {
      address = window.location.search;
      theme.readAddress();
    }
    show();
  }).observe(document.documentElement, {childList: true, subtree: true});
  window.addEventListener("popstate", function () { theme.readAddress(); show(); });
  window.addEventListener("storage", show);

  // Paper is white whatever the screen shows.
  window.addEventListener("beforeprint", function () {
    document.documentElement.setAttribute("data-bs-theme", "light");
  });
  window.addEventListener("afterprint", theme.apply);
})();
