// Highlighted code arrives as plain text plus its tokens' classes and lengths
// (gotchas/page/highlight.py): one component per block, not one per token.
// The spans are made here. If the lengths do not add up to the text, the text
// stays plain: the code shown is never altered.
(function () {
  "use strict";
  function paint(code) {
    code.setAttribute("data-painted", "true");
    var text = code.textContent;
    var at = 0;
    var spans = document.createDocumentFragment();
    code.getAttribute("data-tokens").split(" ").forEach(function (run) {
      var cut = run.lastIndexOf(":");
      var css = run.slice(0, cut);
      var part = text.slice(at, at + Number(run.slice(cut + 1)));
      at += part.length;
      if (!css) { spans.appendChild(document.createTextNode(part)); return; }
      var span = document.createElement("span");
      span.className = css;
      span.textContent = part;
      spans.appendChild(span);
    });
    if (at !== text.length) { return; }
    code.textContent = "";
    code.appendChild(spans);
  }
  function paintAll() {
    document.querySelectorAll("code[data-tokens]:not([data-painted])").forEach(paint);
  }
  paintAll();
  new MutationObserver(paintAll).observe(document.documentElement, {childList: true, subtree: true});
})();
