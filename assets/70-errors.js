// The error decoder (/errors and each /errors/<id>): what a learner pastes is
// matched, here in the browser, against every message a lesson explains. The
// text never leaves the page. Matching is word by word: the parts of a message
// that change from app to app (quoted text, ids, numbers, lists) match anything,
// line breaks and spacing do not count, and text around the message is skipped.
(function () {
  "use strict";
  var MAX_CHARS = 50000;  // a pasted log beyond this is matched on its first part
  var SHOWN = 4;
  var WAIT_MS = 120;
  var WORD = /[A-Za-z0-9_]+/g;
  var STOP = set(("a an and are as at be by for in is it of on or that the this to was with").split(" "));
  // What differs between one app's message and another's.
  var VARIABLE = new RegExp([
    "`[^`\\n]*`",                                  // `year`, `Input`
    '"[^"\\n]*"',                                  // "arrival"
    "(?<![A-Za-z0-9])'[^'\\n]*'(?![A-Za-z0-9])",  // 'label-1.children'
    "\\[[^\\]\\n]*\\]",                            // [region, by-year]
    "\\{[^}\\n]*\\}",
    "<[^>\\n]*>",                                  // <class 'str'>
    "\\([^()\\n]*[.'\"`<{\\[,][^()\\n]*\\)",       // (message.children), not (and therefore ...)
    "[\\w@-]*\\w\\.+\\w[\\w.@-]*",                 // message.children, ..a.b...c.d..
    "\\b[0-9a-f]{16,}\\b",                         // a callback's hash
    "\\b\\d+\\b"
  ].join("|"), "g");
  // Penalties: a message word missing, a pasted word inside the message, and
  // a pasted word where the message has a variable part.
  var MISSING = 0.1;
  var EXTRA = 0.35;
  var EXTRA_IN_VARIABLE = 0.02;
  var MIN_MATCHED = 2.5;
  var RELATED = 0.5;

  // Maps without inherited keys: a pasted "constructor" is a word like any other.
  function set(words) {
    var found = Object.create(null);
    words.forEach(function (word) { found[word] = true; });
    return found;
  }

  function weight(word) {
    return STOP[word] || word.length <= 2 ? 0.3 : 1;
  }

  function tokens(text) {
    var found = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      found.push({word: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length});
    }
    return found;
  }

  // A message as a list of words, each flagged when a variable part follows it.
  function compile(entry) {
    var message = entry.message;
    var words = [], weights = [], variableAfter = [], variableWords = Object.create(null);
    var leading = false, position = 0, firstWordStart = -1, lastWordEnd = 0, match;
    function literal(from, to) {
      tokens(message.slice(from, to)).forEach(function (t) {
        if (firstWordStart < 0) { firstWordStart = from + t.start; }
        words.push(t.word);
        weights.push(weight(t.word));
        variableAfter.push(false);
        lastWordEnd = from + t.end;
      });
    }
    VARIABLE.lastIndex = 0;
    while ((match = VARIABLE.exec(message))) {
      literal(position, match.index);
      if (words.length) { variableAfter[words.length - 1] = true; } else { leading = true; }
      tokens(match[0]).forEach(function (t) {
        // Numbers say little about which message it is: "Output 0" is in many.
        if (!/^\d+$/.test(t.word)) { variableWords[t.word] = true; }
      });
      position = match.index + match[0].length;
    }
    literal(position, message.length);
    var trailing = words.length > 0 && variableAfter[words.length - 1];
    return {
      entry: entry, words: words, weights: weights, variableAfter: variableAfter,
      variableWords: variableWords,
      before: leading ? shape(message.slice(0, firstWordStart)) : null,
      after: trailing ? shape(message.slice(lastWordEnd)) : null,
      last: message.slice(-1),
      total: weights.reduce(function (a, b) { return a + b; }, 0)
    };
  }

  // How a variable part at either end of a message is laid out: in how many
  // pieces between spaces, over how many line breaks.
  function shape(text) {
    return {pieces: (text.match(/\S+/g) || []).length, breaks: (text.match(/\n/g) || []).length};
  }

  // Local alignment of the message's words with the pasted words (Smith-Waterman):
  // the best-scoring stretch of the paste, with the weight of the words matched.
  function align(pattern, pasted) {
    var m = pattern.words.length, n = pasted.length;
    // Words as numbers: comparing them is most of the work.
    var codes = Object.create(null), wanted = new Int32Array(m), seen = new Int32Array(n);
    pattern.words.forEach(function (word, k) {
      if (!(word in codes)) { codes[word] = k + 1; }
      wanted[k] = codes[word];
    });
    for (var p = 0; p < n; p++) { seen[p] = codes[pasted[p].word] || 0; }
    var prevH = new Float64Array(m + 1), curH = new Float64Array(m + 1);
    var prevM = new Float64Array(m + 1), curM = new Float64Array(m + 1);
    var prevS = new Int32Array(m + 1), curS = new Int32Array(m + 1);
    var prevI = new Int32Array(m + 1), curI = new Int32Array(m + 1);
    var best = {score: 0, matched: 0, start: -1, end: -1, first: -1, last: -1};
    for (var j = 0; j < n; j++) {
      var word = seen[j];
      curH[0] = 0;
      for (var i = 1; i <= m; i++) {
        var h = 0, matched = 0, start = -1, first = -1, took = false;
        if (wanted[i - 1] === word) {
          took = true;
          h = prevH[i - 1] + pattern.weights[i - 1];
          if (prevH[i - 1] > 0) {
            matched = prevM[i - 1] + pattern.weights[i - 1];
            start = prevS[i - 1];
            first = prevI[i - 1];
          } else {
            matched = pattern.weights[i - 1];
            start = j;
            first = i;
          }
        }
        var up = curH[i - 1] - MISSING;
        if (up > h) { h = up; matched = curM[i - 1]; start = curS[i - 1]; first = curI[i - 1]; took = false; }
        var left = prevH[i] - (pattern.variableAfter[i - 1] ? EXTRA_IN_VARIABLE : EXTRA);
        if (left > h) { h = left; matched = prevM[i]; start = prevS[i]; first = prevI[i]; took = false; }
        if (h <= 0) { h = 0; matched = 0; start = -1; first = -1; took = false; }
        curH[i] = h; curM[i] = matched; curS[i] = start; curI[i] = first;
        // The best alignment ends on a matched word, so its span ends on one too.
        if (took && h > best.score) {
          best = {score: h, matched: matched, start: start, end: j, first: first, last: i};
        }
      }
      var swap;
      swap = prevH; prevH = curH; curH = swap;
      swap = prevM; prevM = curM; curM = swap;
      swap = prevS; prevS = curS; curS = swap;
      swap = prevI; prevI = curI; curI = swap;
    }
    return best;
  }

  // From `at`, the end (step 1) or start (step -1) of the pasted text that takes in
  // as many pieces between spaces, over at most as many line breaks, as the message.
  function stretch(text, at, step, layout) {
    var pieces = 0, breaks = 0, edge = at, i = at;
    var inside = function (k) { return step > 0 ? k < text.length : k > 0; };
    var char = function (k) { return step > 0 ? text[k] : text[k - 1]; };
    while (pieces < layout.pieces && inside(i) && Math.abs(i - at) < 300) {
      while (inside(i) && /\s/.test(char(i))) {
        if (char(i) === "\n") { breaks += 1; }
        i += step;
      }
      if (breaks > layout.breaks || !inside(i)) { break; }
      while (inside(i) && !/\s/.test(char(i))) { i += step; }
      pieces += 1;
      edge = i;
    }
    return edge;
  }

  // The part of the pasted text that holds the message: from its first matched
  // word to its last, and the message's variable parts at either end.
  function span(pattern, found, pasted, text) {
    var start = pasted[found.start].start;
    var end = pasted[found.end].end;
    if (pattern.before && found.first === 1) { start = stretch(text, start, -1, pattern.before); }
    if (pattern.after && found.last === pattern.words.length) {
      end = stretch(text, end, 1, pattern.after);
      // "saved.children:" where the message ends "saved.children"
      if (/[:;,]/.test(text[end - 1]) && text[end - 1] !== pattern.last) { end -= 1; }
    }
    return {start: start, end: end};
  }

  function evaluate(pattern, pasted, text, present) {
    // Skip at once a message too few of whose words are there at all.
    var possible = 0;
    for (var k = 0; k < pattern.words.length; k++) {
      if (present[pattern.words[k]]) { possible += pattern.weights[k]; }
    }
    if (possible < MIN_MATCHED) { return null; }
    var found = align(pattern, pasted);
    if (found.end < 0) { return null; }
    var where = span(pattern, found, pasted, text);
    // The whole lines the match is on: a fragment of a message must be most of its line.
    var from = text.lastIndexOf("\n", where.start - 1) + 1;
    var to = text.indexOf("\n", where.end);
    to = to < 0 ? text.length : to;
    var onLines = 0, same = 0, variables = Object.keys(pattern.variableWords);
    var seen = Object.create(null);
    for (var j = found.start; j <= found.end; j++) { seen[pasted[j].word] = true; }
    for (var a = found.start; a >= 0 && pasted[a].start >= from; a--) { onLines += weight(pasted[a].word); }
    for (var b = found.start + 1; b < pasted.length && pasted[b].end <= to; b++) {
      onLines += weight(pasted[b].word);
    }
    tokens(text.slice(pasted[found.end].end, where.end)).forEach(function (t) { seen[t.word] = true; });
    variables.forEach(function (word) { if (seen[word]) { same += 1; } });
    var ofMessage = found.matched / pattern.total;
    var ofLines = found.matched / onLines;
    if (found.matched < MIN_MATCHED || (ofMessage < 0.5 && ofLines < 0.6)) { return null; }
    return {entry: pattern.entry, matched: found.matched, same: same,
      sameShare: variables.length ? same / variables.length : 0, start: where.start, end: where.end};
  }

  // Best first: the most of a message found, then the most of its ids and
  // quoted parts the same, then the lesson that comes first.
  function better(a, b) {
    return (b.matched - a.matched) || (b.same - a.same) || (b.sameShare - a.sameShare) ||
      (a.entry.order - b.entry.order);
  }

  function decode(patterns, text) {
    text = text.slice(0, MAX_CHARS);
    var pasted = tokens(text);
    var present = set(pasted.map(function (t) { return t.word; }));
    var results = [];
    patterns.forEach(function (pattern) {
      var result = evaluate(pattern, pasted, text, present);
      if (result) { results.push(result); }
    });
    results.sort(better);
    // A stray phrase ("in the callback") of another message is no second answer.
    results = results.filter(function (r) { return r.matched >= RELATED * results[0].matched; });
    // One line per lesson: its best match.
    var lessons = Object.create(null), shown = [];
    results.forEach(function (result) {
      if (!lessons[result.entry.lesson]) {
        lessons[result.entry.lesson] = true;
        shown.push(result);
      }
    });
    return shown.slice(0, SHOWN);
  }

  // ---- the page ----------------------------------------------------------------------------

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "className") { node.className = props[key]; } else { node.setAttribute(key, props[key]); }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function link(href, text, className) {
    return el("a", {href: href, className: className || ""}, [text]);
  }

  // `code` in a title, as the site writes it.
  function titled(title) {
    return title.split("`").map(function (part, i) {
      return i % 2 ? el("code", {}, [part]) : document.createTextNode(part);
    });
  }

  function resultItem(result, first) {
    var entry = result.entry;
    var head = el("div", {className: "error-result-head"}, [
      first ? el("span", {className: "badge text-bg-success me-2"}, ["Best match"]) : "",
      link(entry.sectionUrl, entry.lessonTitle, "error-result-lesson")
    ]);
    var detail = el("p", {className: "error-result-detail mb-0"}, [
      "Explained in “", link(entry.sectionUrl, entry.section), "”. Dash's message: "
    ]);
    var message = link(entry.url, "", "error-result-message");
    titled(entry.title).forEach(function (node) { message.appendChild(node); });
    detail.appendChild(message);
    return el("li", {className: "error-result", "data-lesson": entry.lesson, "data-error": entry.id},
      [head, detail]);
  }

  function listLink(box) {
    return link(box.getAttribute("data-list") || "#all-errors", "every error the lessons explain");
  }

  function show(box, patterns) {
    var area = box.querySelector(".error-paste");
    var results = box.querySelector(".error-results");
    var echo = box.querySelector(".error-echo");
    var status = box.querySelector(".error-status");
    var text = area.value;
    results.textContent = "";
    echo.textContent = "";
    echo.hidden = true;
    if (!text.trim()) {
      results.appendChild(el("p", {className: "error-empty"}, [
        "Paste an error message above to find the lesson that explains it, or browse ",
        listLink(box), "."
      ]));
      status.textContent = "";
      return;
    }
    var found = decode(patterns, text);
    if (!found.length) {
      results.appendChild(el("p", {className: "error-none"}, [
        el("strong", {}, ["No lesson explains this yet."]),
        " Check that the text is Dash's message, or browse ", listLink(box), "."
      ]));
      status.textContent = "No lesson explains this yet.";
      return;
    }
    results.appendChild(el("ol", {className: "error-result-list"},
      found.map(function (result, i) { return resultItem(result, i === 0); })));
    var best = found[0];
    echo.appendChild(document.createTextNode(text.slice(0, best.start)));
    echo.appendChild(el("mark", {}, [text.slice(best.start, best.end)]));
    echo.appendChild(document.createTextNode(text.slice(best.end, MAX_CHARS)));
    echo.hidden = false;
    var mark = echo.querySelector("mark");
    echo.scrollTop = Math.max(0, mark.offsetTop - 24);
    status.textContent = "Best match: " + best.entry.lessonTitle + ".";
  }

  function setUp(box) {
    box.setAttribute("data-ready", "true");
    var patterns = JSON.parse(box.getAttribute("data-errors")).map(compile);
    var area = box.querySelector(".error-paste");
    var timer = null;
    area.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { show(box, patterns); }, WAIT_MS);
    });
    show(box, patterns);
  }

  function scan() {
    document.querySelectorAll(".error-decoder:not([data-ready])").forEach(setUp);
  }
  // Dash renders pages after load and swaps them without one.
  new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true});
  scan();
})();
