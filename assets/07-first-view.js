// A lesson's first view, sent as HTML in the index page (gotchas/page/first_view.py),
// stands in for the page until Dash has rendered it; then it goes.
(function () {
  "use strict";
  function swap() {
    var view = document.querySelector(".first-view");
    if (!view) { return true; }
    var content = document.getElementById("_pages_content");
    if (!content || !content.firstElementChild) { return false; }
    view.remove();
    return true;
  }
  if (swap()) { return; }
  var watch = new MutationObserver(function () { if (swap()) { watch.disconnect(); } });
  watch.observe(document.documentElement, {childList: true, subtree: true});
})();
