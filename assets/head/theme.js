// Light or dark, and present mode, set on <html> before the first paint: this
// file is loaded in <head> (app.py for the site's pages, gotchas/examples/
// mounting.py for every framed example), so no page shows the wrong theme first.
// The site's pages: the learner's choice (this browser, localStorage) or the
// system's; present mode from ?present=1 / ?present=0, kept for the tab's
// session. A framed example copies the page around it, and the page tells its
// frames again whenever either changes (assets/71-theme.js has the controls).
(function () {
  "use strict";
  var THEME_KEY = "callback-gotchas:theme";  // "light" or "dark"; absent: the system's
  var PRESENT_KEY = "callback-gotchas:present";  // "1" while presenting, this tab only
  var THEMES = {light: true, dark: true};
  var root = document.documentElement;
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  var memory = {};  // storage turned off: the choice lasts for this page

  function read(store, key) {
    try { return window[store].getItem(key); } catch (e) { return memory[key] || null; }
  }
  function write(store, key, value) {
    memory[key] = value;
    try {
      if (value === null) { window[store].removeItem(key); } else { window[store].setItem(key, value); }
    } catch (e) { /* this page only */ }
  }

  // The site's page this document is framed in, if any.
  function host() {
    try {
      var up = window.parent !== window && window.parent.document.documentElement;
      return up && up.hasAttribute("data-bs-theme") ? up : null;
    } catch (e) { return null; }  // framed by another origin
  }

  function preference() {
    var chosen = read("localStorage", THEME_KEY);
    return THEMES[chosen] ? chosen : "system";
  }
  function theme() {
    var up = host();
    if (up) { return up.getAttribute("data-bs-theme"); }
    var chosen = preference();
    return chosen === "system" ? (systemDark.matches ? "dark" : "light") : chosen;
  }
  function presenting() {
    var up = host();
    return up ? up.classList.contains("present") : read("sessionStorage", PRESENT_KEY) === "1";
  }

  function apply() {
    root.setAttribute("data-bs-theme", theme());
    root.classList.toggle("present", presenting());
    document.querySelectorAll("iframe.example-frame").forEach(function (frame) {
      try {
        var inner = frame.contentWindow && frame.contentWindow.callbackGotchasTheme;
        if (inner) { inner.apply(); }
      } catch (e) { /* not loaded yet: it reads this page when it does */ }
    });
  }

  // ?present=1 turns present mode on for this tab, ?present=0 off.
  function readAddress() {
    var asked = new URLSearchParams(window.location.search).get("present");
    if (asked === "1" || asked === "0") { write("sessionStorage", PRESENT_KEY, asked === "1" ? "1" : null); }
  }

  window.callbackGotchasTheme = {
    apply: apply,
    preference: preference,
    presenting: presenting,
    readAddress: function () { readAddress(); apply(); },
    choose: function (chosen) {
      write("localStorage", THEME_KEY, THEMES[chosen] ? chosen : null);
      apply();
    },
    present: function (on) {
      write("sessionStorage", PRESENT_KEY, on ? "1" : null);
      apply();
    }
  };

  if (!host()) { readAddress(); }
  apply();
  systemDark.addEventListener("change", apply);
  // Another tab changed the choice: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === THEME_KEY || event.key === null) { apply(); }
  });
})();
