// The instructors' page: "Copy" puts a lesson link on the clipboard, whole, with
// the address this browser reached the site by (on a classroom network, the one
// learners can open too).
(function () {
  "use strict";
  var RESET_MS = 2000;

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

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".copy-link[data-url]");
    if (!button) { return; }
    var url = new URL(button.getAttribute("data-url"), window.location.href).href;
    copyText(url).then(function () {
      button.textContent = "Copied";
    }, function () {
      button.textContent = "Select the address";
    });
    window.setTimeout(function () { button.textContent = "Copy"; }, RESET_MS);
  });
})();
