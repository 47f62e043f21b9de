// The lesson page's end of the sandbox. Framed examples post what happens in
// them (assets/example/probe.js); the record lives in this tab's memory only.
// This module keeps it, paints the views of assets/30-sandbox-views.js
// straight into their containers, and runs the sandbox's buttons. Drawing
// through Dash's store instead made every event cost a pass of the renderer
// over the whole page: half a second per callback on a lesson page.
//
// What the learner does is told to the rest of the page, never kept here: a
// "callback-gotchas:sandbox" CustomEvent on window, whose detail is one of
//   {type: "interaction", example: "<lesson>/<name>"}
//       the learner used the example: a click, an edit or a choice in the app
//       (probe.js sends these for trusted events only; page-load callbacks and
//       Restart never make one). Not sent while the sandbox is paused.
//   {type: "prediction", example, id, right, total}
//       a locked prediction met the first interaction after it: `right` of
//       `total` callbacks guessed right. Sent again, same id, as that
//       interaction's callbacks come in and the score changes.
// assets/72-progress.js keeps the learner's progress from these.
(function () {
  "use strict";
  var V = window.CallbackGotchasViews;
  var TOLD = "callback-gotchas:sandbox";
  var predictions = 0;  // ids of locked predictions, in this page view
  var MAX_SHOWN = 60;  // timeline rows drawn; older ones stay in the export
  var SAYS_SHOWN = 3;
  var COMPARED = 4;  // interactions lined up under the pair
  var buckets = {};

  function bucket(key) {
    if (!buckets[key]) { buckets[key] = {events: [], paused: false, ui: {}}; }
    return buckets[key];
  }

  // Events come in bursts (a chain of callbacks, console messages): draw once
  // the page is idle, so drawing never delays the example being watched.
  var dirty = new Set();
  var later = window.requestIdleCallback
    ? function (fn) { window.requestIdleCallback(fn, {timeout: 250}); }
    : function (fn) { window.setTimeout(fn, 16); };
  function flush() {
    dirty.forEach(draw);
    dirty.clear();
  }
  function changed(key) {
    if (!dirty.size) { later(flush); }
    dirty.add(key);
  }

  function restartFrom(b) {
    b.events = [];
    b.ui = {};
    b.drawn = null;
  }

  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (event.origin !== window.location.origin || !msg || msg.channel !== "callback-gotchas" ||
        typeof msg.example !== "string") {
      return;
    }
    var b = bucket(msg.example);
    if (msg.kind === "reset") {  // the example (re)loaded: its page load is recorded anew
      restartFrom(b);
    } else if (["callback", "console", "interaction"].indexOf(msg.kind) !== -1) {
      if (b.paused) { return; }
      b.events.push(Object.assign({kind: msg.kind}, msg.entry));
      if (msg.kind === "interaction") { tell({type: "interaction", example: msg.example}); }
      if (msg.kind !== "console") { tellScore(msg.example, b, msg.kind); }
    } else {
      return;
    }
    changed(msg.example);
  });

  function tell(detail) {
    window.dispatchEvent(new CustomEvent(TOLD, {detail: detail}));
  }

  function tellScore(key, b, kind) {
    var p = b.ui.prediction;
    if (!p || p.final) { return; }
    // A second interaction after the scored one: that score is final.
    if (kind === "interaction" && p.told) { p.final = true; return; }
    var result = V.score(b.events, b.ui, specsOf(key));
    var now = result && result.right + "/" + result.total;
    if (!result || now === p.told) { return; }
    p.told = now;
    tell({type: "prediction", example: key, id: p.id, right: result.right, total: result.total});
  }

  // ---- description -> DOM ----
  function toDom(node) {
    if (node === null || node === undefined || node === false) { return null; }
    if (Array.isArray(node)) {
      var fragment = document.createDocumentFragment();
      node.forEach(function (child) { var c = toDom(child); if (c) { fragment.appendChild(c); } });
      return fragment;
    }
    if (typeof node !== "object") { return document.createTextNode(String(node)); }
    var el = document.createElement(node.type.toLowerCase());
    Object.keys(node.props).forEach(function (name) {
      var value = node.props[name];
      if (name === "children" || value === undefined || value === null) { return; }
      if (name === "className") { el.className = value; }
      else { el.setAttribute(name, value); }
    });
    var children = toDom(node.props.children);
    if (children) { el.appendChild(children); }
    return el;
  }

  function paint(selector, view) {
    var container = document.querySelector(selector);
    if (!container) { return null; }
    container.replaceChildren(toDom(view) || "");
    return container;
  }

  function section(key) { return document.querySelector('.sandbox[data-example="' + key + '"]'); }

  function specsOf(key) {
    var el = section(key);
    return el ? JSON.parse(el.getAttribute("data-callbacks")) : [];
  }

  function frameOf(key) {
    var el = section(key);
    var card = el && el.closest(".example-card");
    return card ? card.querySelector("iframe.example-frame") : null;
  }

  // Whether a component id is missing from the example's page right now (the
  // frame is this site's own origin). Pattern-matching ids are never "missing".
  function absentIn(key) {
    var frame = frameOf(key);
    var doc = frame && frame.dataset.loaded && frame.contentDocument;
    return function (id) {
      return Boolean(doc && doc.querySelector("#react-entry-point [id]") && id.charAt(0) !== "{" &&
        !doc.getElementById(id));
    };
  }

  // New events are appended to the drawn timeline; only a reset, a clear or a
  // first draw redraws it whole. Redrawing on every event made each callback
  // of a long session pay for all the rows before it.
  function drawTimeline(b, specs, box) {
    var list = box.querySelector("ol.sb-log");
    var drawn = b.drawn;
    if (!list || !drawn || drawn.count > b.events.length || drawn.box !== box) {
      box.replaceChildren(toDom(V.timeline(b.events, specs, MAX_SHOWN)) || "");
      b.drawn = {box: box, count: b.events.length, groups: V.groups(b.events).filter(function (g) {
        return !g.cleared; }).length};
      return;
    }
    b.events.slice(drawn.count).forEach(function (e) {
      var placeholder = list.lastElementChild;
      if (e.kind === "interaction") {
        list.appendChild(toDom(V.groupRow({label: e.label, at: e.at}, drawn.groups)));
        list.appendChild(toDom(V.nothingRow()));
        drawn.groups += 1;
        return;
      }
      if (placeholder && placeholder.classList.contains("fire-nothing")) { placeholder.remove(); }
      list.appendChild(toDom(e.kind === "callback" ? V.entryRow(e, specs) : V.consoleRow(e)));
    });
    drawn.count = b.events.length;
    while (list.children.length > MAX_SHOWN * 2) { list.removeChild(list.firstElementChild); }
  }

  function draw(key) {
    var b = bucket(key);
    var specs = specsOf(key);
    var at = '[data-example="' + key + '"]';
    var timeline = document.querySelector(".sb-timeline" + at);
    if (timeline) {
      drawTimeline(b, specs, timeline);
      timeline.scrollTop = timeline.scrollHeight;
    }
    var el = section(key);
    var options = {debug: Boolean(el && el.getAttribute("data-debug") === "true"), absent: absentIn(key)};
    paint(".sb-says" + at, V.says(b.events, SAYS_SHOWN));
    paint(".sb-graph-box" + at, V.graph(b.events, b.ui, specs, options));
    paint(".sb-replay-caption" + at, V.replay(b.events, b.ui, specs));
    paint(".sb-verdict" + at, V.verdict(b.events, b.ui, specs));
    var lesson = key.split("/")[0];
    var pair = ["broken", "fixed"].map(function (role) { return lesson + "/" + role; });
    if (pair.indexOf(key) !== -1) {
      paint('.sb-compare[data-lesson="' + lesson + '"]', V.compare(pair.map(function (k) {
        return {events: bucket(k).events, specs: specsOf(k)};
      }), COMPARED));
    }
    // Views drawn elsewhere (assets/73-waterfall.js) follow the record too.
    document.dispatchEvent(new CustomEvent("callback-gotchas:drawn", {detail: {example: key}}));
  }

  // ---- what the sandbox's buttons do (called by Dash clientside callbacks) ----
  function step(key, by) {
    var b = bucket(key);
    var last = V.lastGroup(b.events);
    var total = V.callbacksIn(last.group).length;
    var ui = b.ui;
    var current = ui.group === last.index && ui.replay !== null && ui.replay !== undefined ? ui.replay : -1;
    ui.group = last.index;
    ui.replay = total ? Math.max(0, Math.min(current + by, total - 1)) : null;
    draw(key);
  }


  var sandbox = {
    // Clear forgets the record, not the example: it keeps its state, and its
    // page-load callbacks do not run again. The record says so.
    clear: function (n, id) {
      var b = bucket(id.example);
      restartFrom(b);
      b.events.push({kind: "cleared", at: Date.now()});
      draw(id.example);
    },
    // Restart reloads the example: a fresh page, its page load recorded again.
    restart: function (n, id) {
      var frame = frameOf(id.example);
      if (frame && frame.contentWindow) { frame.contentWindow.location.reload(); }
    },
    pause: function (paused, id) { bucket(id.example).paused = Boolean(paused); },
    back: function (n, id) { step(id.example, -1); },
    forward: function (n, id) { step(id.example, 1); },
    lock: function (n, guess, id) {
      var b = bucket(id.example);
      predictions += 1;
      b.ui.prediction = {expected: (guess || []).slice(), since: b.events.length, id: predictions};
      draw(id.example);
    },
    exportLog: function (n, id) {
      return {
        content: JSON.stringify({example: id.example, exported: new Date().toISOString(),
                                 callbacks: specsOf(id.example), events: bucket(id.example).events}, null, 2),
        filename: id.example.replace("/", "-") + "-callbacks.json",
        type: "application/json"
      };
    }
  };

  // The record, read-only, for views drawn by other modules.
  window.CallbackGotchasRecord = {
    events: function (key) { return bucket(key).events.slice(); },
    specs: specsOf
  };
  window.dash_clientside = Object.assign({}, window.dash_clientside, {sandbox: sandbox});

  // A frame may have run before its sandbox was on the page (it started while
  // the page was on its way: assets/40-example-frames.js): draw what it told,
  // even if that was only that it loaded (an example with no page-load callback).
  new MutationObserver(function () {
    document.querySelectorAll(".sb-timeline[data-example]").forEach(function (box) {
      var key = box.getAttribute("data-example");
      var b = buckets[key];
      if (b && !(b.drawn && b.drawn.box === box) && !dirty.has(key)) { changed(key); }
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
