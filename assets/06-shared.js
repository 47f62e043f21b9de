// What several of the site's scripts do the same way, in one place.
(function () {
  "use strict";

  // The Clipboard API needs a secure page (https or localhost); a workshop LAN is
  // plain http, so fall back to copying a selection.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) { return navigator.clipboard.writeText(text); }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = document.execCommand("copy");
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // Another page of the site without reloading its app: what dcc.Link does
  // (history, then the event Dash's page router listens to).
  function goTo(path) {
    window.history.pushState({}, "", path);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  }

  window.callbackGotchas = {copyText: copyText, goTo: goTo};
})();
