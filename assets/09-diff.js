// The rows of "What changed from broken.py" arrive as data on one element
// (gotchas/page/diff.py) and are built here: a line's numbers in both files,
// its mark (− or +, spelled out for screen readers), and its code, which
// assets/08-highlight.js paints. Unchanged runs fold into a <details>.
(function () {
  "use strict";
  var KINDS = {  // kind: [css class, mark, words for a screen reader]
    removed: ["diff-removed", "\u2212", "removed: "],
    added: ["diff-added", "+", "added: "],
    same: ["diff-same", " ", ""]
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  function row(data) {
    var kind = KINDS[data[0]];
    var line = el("div", "diff-line " + kind[0]);
    var mark = el("span", "diff-mark");
    var sign = el("span", "", kind[1]);
    sign.setAttribute("aria-hidden", "true");
    mark.append(sign, el("span", "visually-hidden", kind[2]));
    var code = el("code", "", data[3]);
    code.setAttribute("data-tokens", data[4]);
    line.append(el("span", "diff-no diff-old-no", data[1]), el("span", "diff-no diff-new-no", data[2]),
                mark, code);
    return line;
  }

  function build(rows) {
    rows.setAttribute("data-built", "true");
    var items;
    try { items = JSON.parse(rows.getAttribute("data-rows")); } catch (e) { return; }
    var lines = document.createDocumentFragment();
    items.forEach(function (item) {
      if (Array.isArray(item)) { lines.appendChild(row(item)); return; }
      var fold = el("details", "diff-fold");
      fold.appendChild(el("summary", "diff-fold-summary", item.fold));
      item.rows.forEach(function (data) { fold.appendChild(row(data)); });
      lines.appendChild(fold);
    });
    rows.replaceChildren(lines);
  }

  function buildAll() {
    document.querySelectorAll(".diff-rows[data-rows]:not([data-built])").forEach(build);
  }
  buildAll();
  new MutationObserver(buildAll).observe(document.documentElement, {childList: true, subtree: true});
})();
