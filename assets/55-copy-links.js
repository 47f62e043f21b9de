// The instructors' page: "Copy" puts a lesson link on the clipboard, whole, with
// the address this browser reached the site by (on a classroom network, the one
// learners can open too).
(function () {
  "use strict";
  var RESET_MS = 2000;

  var copyText = window.callbackGotchas.copyText;  // assets/06-shared.js

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
