// The lesson page's end of the sandbox. Framed examples post what happens in
// them (assets/example/probe.js). The events live in this tab's memory only;
// this module draws the views straight into their containers. Drawing them
// through Dash's store instead made every event cost a pass of the renderer
// over the whole page: half a second per callback on a lesson page.
(function () {
  "use strict";
  var MAX_SHOWN = 60;  // timeline rows drawn; older ones stay in the export
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

  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (event.origin !== window.location.origin || !msg || msg.channel !== "callback-gotchas") {
      return;
    }
    if (typeof msg.example !== "string") { return; }
    var b = bucket(msg.example);
    if (msg.kind === "reset") {
      b.events = [];
      b.ui = {};
      b.drawn = null;
    } else if (["callback", "console", "interaction"].indexOf(msg.kind) !== -1) {
      if (b.paused) { return; }
      b.events.push(Object.assign({kind: msg.kind}, msg.entry));
    } else {
      return;
    }
    changed(msg.example);
  });

  // ---- the views, as light element descriptions, then DOM ----
  function h(type, props, children) {
    var p = Object.assign({}, props || {});
    if (children !== undefined) { p.children = children; }
    return {type: type, props: p};
  }

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
      if (name === "children" || name === "key" || value === undefined || value === null) { return; }
      if (name === "className") { el.className = value; }
      else if (name === "colSpan") { el.colSpan = value; }
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

  function specsOf(key) {
    var section = document.querySelector('.sandbox[data-example="' + key + '"]');
    return section ? JSON.parse(section.getAttribute("data-callbacks")) : [];
  }

  var BADGES = {
    updated: "text-bg-success",
    "partly updated": "text-bg-success bg-opacity-75",
    prevented: "text-bg-secondary",
    clientside: "text-bg-info",
    error: "text-bg-danger"
  };

  function badge(status) {
    return h("Span", {className: "badge " + (BADGES[status] || "text-bg-light")}, status);
  }

  function bare(output) { return output.replace(/@[0-9a-f]+/g, ""); }

  // ---- what the events mean ----
  function specKey(spec) { return spec.output + "|" + spec.inputs.join(","); }

  function specFor(entry, specs) {
    var inputs = (entry.inputs || []).map(function (v) { return v.prop; }).join(",");
    var exact = specs.filter(function (s) { return s.output === entry.output && s.inputs.join(",") === inputs; });
    if (exact.length) { return exact[0]; }
    return specs.filter(function (s) { return s.output === entry.output; })[0] || null;
  }

  function nameOf(entry, specs) {
    var spec = specFor(entry, specs);
    return spec ? spec.name : bare(entry.output);
  }

  function groups(events) {
    var list = [{label: "Page load", at: null, events: []}];
    (events || []).forEach(function (e) {
      if (e.kind === "interaction") {
        list.push({label: e.label, at: e.at, events: []});
      } else {
        list[list.length - 1].events.push(e);
      }
    });
    return list;
  }

  function lastGroup(events) {
    var all = groups(events);
    for (var i = all.length - 1; i >= 0; i--) {
      if (i === 0 || all[i].events.length) { return {index: i, group: all[i]}; }
    }
    return {index: 0, group: all[0]};
  }

  function callbacksIn(group) {
    return group.events.filter(function (e) { return e.kind === "callback"; });
  }

  function mentions(text, spec) {
    if (text.indexOf(bare(spec.output)) !== -1) { return true; }
    return spec.outputs.concat(spec.inputs, spec.state).some(function (prop) {
      var id = prop.slice(0, prop.lastIndexOf("."));
      return text.indexOf("`" + id + "`") !== -1 || text.indexOf('"' + id + '"') !== -1;
    });
  }

  function time(at) { return at ? new Date(at).toLocaleTimeString() : ""; }

  function valueList(title, items) {
    if (!items || !items.length) { return null; }
    return h("Div", {className: "sb-values"}, [
      h("Div", {className: "fw-semibold"}, title),
      h("Ul", {className: "list-unstyled mb-1"}, items.map(function (item) {
        return h("Li", {}, [h("Code", {}, item.prop), " = ", h("Code", {className: "sb-value"}, String(item.value))]);
      }))
    ]);
  }

  // The timeline is a list, one item per run, so it reads at any card width:
  // a line with the function, its trigger and status, then what it wrote, then
  // every value sent and returned, one click away and never cut off.
  function entryRow(e, specs) {
    var trigger = e.trigger.length ? e.trigger.join(", ") : "initial call";
    var summary = (e.returned || []).map(function (r) { return r.prop + " = " + r.value; }).join("; ");
    return h("Li", {className: "fire-entry", "data-status": e.status}, [
      h("Div", {className: "fire-line"}, [
        h("Span", {className: "fire-seq"}, String(e.seq)),
        h("Span", {className: "fire-callback"}, h("Code", {}, nameOf(e, specs))),
        h("Span", {className: "fire-trigger-box"}, ["← ", h("Span", {className: "fire-trigger"}, trigger)]),
        h("Span", {className: "fire-status"}, [
          badge(e.status),
          h("Span", {className: "fire-time"}, e.ms === null ? time(e.at) : e.ms + " ms")
        ])
      ]),
      e.detail ? h("Div", {className: "fire-detail"}, e.detail) : null,
      h("Details", {className: "fire-values"}, [
        h("Summary", {}, summary || "→ " + bare(e.output)),
        valueList("Inputs", e.inputs),
        valueList("State", e.state),
        valueList("Returned", e.returned)
      ])
    ]);
  }

  function consoleRow(e) {
    return h("Li", {className: "fire-console"}, [
      h("Strong", {}, e.level === "warn" ? "Dash warns: " : "Dash reports: "),
      h("Span", {className: "fire-console-text"}, e.text)
    ]);
  }

  function groupRow(label, index, at) {
    return h("Li", {className: "fire-group"},
      index === 0 ? "Page load" : "Interaction " + index + ": " + label + " · " + time(at));
  }

  function nothingRow() {
    return h("Li", {className: "fire-nothing"}, "No callback ran.");
  }

  function renderTimeline(events, specs) {
    specs = specs || [];
    if (!events || !events.length) {
      return h("P", {className: "text-body-secondary small mb-0"},
        "Nothing recorded yet. Use the example above and watch this list.");
    }
    var rows = [];
    var all = groups(events);
    // Only the newest groups are drawn, so a long session stays cheap to redraw.
    var first = all.length;
    for (var count = 0; first > 0 && count < MAX_SHOWN; ) { first -= 1; count += all[first].events.length + 1; }
    all.forEach(function (g, gi) {
      if (gi < first || (gi === 0 && !g.events.length && all.length > 1)) { return; }
      rows.push(groupRow(g.label, gi, g.at));
      if (!g.events.length) { rows.push(nothingRow()); }
      g.events.forEach(function (e) {
        rows.push(e.kind === "callback" ? entryRow(e, specs) : consoleRow(e));
      });
    });
    return h("Ol", {className: "sb-log list-unstyled mb-0"}, rows);
  }

  function chip(prop, kind) {
    return h("Span", {className: "sb-chip sb-" + kind, title: kind}, prop);
  }

  function renderGraph(events, ui, specs) {
    specs = specs || [];
    ui = ui || {};
    var fired = {};
    var errorsBySpec = {};
    var consoleTexts = [];
    (events || []).forEach(function (e) {
      if (e.kind === "callback") {
        var s = specFor(e, specs);
        if (s) { fired[specKey(s)] = (fired[specKey(s)] || 0) + 1; }
      } else if (e.kind === "console") {
        consoleTexts.push(e.text);
      }
    });
    var last = lastGroup(events);
    var lastKeys = callbacksIn(last.group).map(function (e) { var s = specFor(e, specs); return s && specKey(s); });
    var replay = replayStep(events, ui, specs);
    var claimed = {};
    var rows = specs.map(function (spec, i) {
      var key = specKey(spec);
      var count = fired[key] || 0;
      var said = consoleTexts.filter(function (t) { return mentions(t, spec); });
      said.forEach(function (t) { claimed[t] = true; });
      var why = null;
      if (!count) {
        if (said.length) {
          why = "Dash reported a problem with it (below).";
        } else if (spec.prevent_initial_call) {
          why = "prevent_initial_call: it waits for one of its Inputs to change.";
        } else if (consoleTexts.length) {
          why = "It should have run on page load but did not. Dash reported a problem in this app.";
        } else {
          why = "It should have run on page load but did not. Dash skips a callback when none " +
            "of its Inputs is in the layout.";
        }
      }
      var classes = ["sb-node"];
      if (!count) { classes.push("sb-never"); }
      if (lastKeys.indexOf(key) !== -1 && last.index > 0) { classes.push("sb-last"); }
      if (replay && replay.key === key) { classes.push("sb-current"); }
      return h("Li", {className: classes.join(" "), key: "s" + i, "data-callback": spec.name,
                      "aria-current": replay && replay.key === key ? "step" : undefined}, [
        h("Div", {className: "sb-in"}, spec.inputs.map(function (p) { return chip(p, "input"); })
          .concat(spec.state.map(function (p) { return chip(p, "state"); }))),
        h("Div", {className: "sb-fn"}, [
          h("Code", {}, spec.name),
          spec.clientside ? h("Span", {className: "small text-body-secondary"}, " (clientside)") : null,
          h("Span", {className: "sb-count badge rounded-pill " + (count ? "text-bg-primary" : "text-bg-warning"),
                     "aria-label": count ? "fired " + count + " times" : "never fired"},
            count ? "×" + count : "never fired"),
          spec.shared ? h("Div", {className: "small text-danger-emphasis"},
            "The server keeps one function per output: it runs " + spec.name + " for all " + spec.shared + " callbacks writing " + bare(spec.output) + ".") : null,
          why ? h("Div", {className: "sb-why small"}, why) : null,
          said.length ? h("Ul", {className: "sb-said small"}, said.map(function (t) { return h("Li", {}, t); })) : null
        ]),
        h("Div", {className: "sb-out"}, spec.outputs.map(function (p) { return chip(p, "output"); }))
      ]);
    });
    var unclaimed = consoleTexts.filter(function (t) { return !claimed[t]; });
    return [
      h("Ol", {className: "sb-graph list-unstyled mb-2"}, rows),
      unclaimed.length ? h("Div", {className: "sb-unclaimed small"}, [
        h("Strong", {}, "Dash also reported:"),
        h("Ul", {}, unclaimed.map(function (t) { return h("Li", {}, t); }))
      ]) : null
    ];
  }

  function replayStep(events, ui, specs) {
    var last = lastGroup(events);
    var chain = callbacksIn(last.group);
    if (!ui || ui.replay === undefined || ui.replay === null || ui.group !== last.index || !chain.length) {
      return null;
    }
    var step = Math.max(0, Math.min(ui.replay, chain.length - 1));
    var entry = chain[step];
    var spec = specFor(entry, specs);
    return {step: step, total: chain.length, entry: entry, key: spec && specKey(spec)};
  }

  function renderReplay(events, ui, specs) {
    var r = replayStep(events, ui, specs || []);
    if (!r) {
      var chain = callbacksIn(lastGroup(events).group);
      return chain.length ? "Step through the last interaction: " + chain.length + " callback run(s)." :
        "Nothing to replay yet.";
    }
    var e = r.entry;
    return "Step " + (r.step + 1) + " of " + r.total + ": " + nameOf(e, specs) + " ← " +
      (e.trigger.length ? e.trigger.join(", ") : "initial call") + " · " + e.status;
  }

  function renderVerdict(events, ui, specs) {
    specs = specs || [];
    var p = ui && ui.prediction;
    if (!p) { return "Tick the callbacks you expect to fire, lock in your guess, then use the example."; }
    var since = p.since <= (events || []).length ? p.since : 0;
    var after = (events || []).slice(since);
    var start = -1;
    for (var i = 0; i < after.length; i++) { if (after[i].kind === "interaction") { start = i; break; } }
    if (start === -1) { return "Prediction locked. Now interact with the example."; }
    var firedNames = {};
    for (var j = start + 1; j < after.length && after[j].kind !== "interaction"; j++) {
      if (after[j].kind === "callback") {
        var s = specFor(after[j], specs);
        if (s) { firedNames[specKey(s)] = true; }
      }
    }
    var right = 0;
    var items = specs.map(function (spec, k) {
      var key = specKey(spec);
      var expected = p.expected.indexOf(key) !== -1;
      var fired = Boolean(firedNames[key]);
      var ok = expected === fired;
      if (ok) { right += 1; }
      var text = fired ? (expected ? "fired, as you predicted" : "fired, but you did not expect it") :
        (expected ? "did not fire, but you expected it" : "did not fire, as you predicted");
      return h("Li", {className: ok ? "sb-right" : "sb-wrong", key: "v" + k, "data-callback": spec.name}, [
        h("Span", {"aria-hidden": "true"}, ok ? "✓ " : "✗ "),
        h("Code", {}, spec.name), " " + text,
        h("Span", {className: "visually-hidden"}, ok ? " (right)" : " (wrong)")
      ]);
    });
    return [h("P", {className: "mb-1 fw-semibold sb-score"}, right + " of " + specs.length + " right"),
            h("Ul", {className: "list-unstyled mb-0"}, items)];
  }

  function renderCompare(pair) {
    return h("Div", {className: "row"}, pair.map(function (side) {
      var g = lastGroup(side.events);
      var runs = callbacksIn(g.group);
      return h("Div", {className: "col-6 sb-compare-" + side.role}, [
        h("H4", {className: "h6"}, (side.role === "broken" ? "Broken" : "Fixed") + " · " +
          (g.index === 0 ? "page load" : g.group.label)),
        runs.length ? h("Ol", {className: "small mb-0"}, runs.map(function (e) {
          return h("Li", {}, [h("Code", {}, nameOf(e, side.specs)), " ← ",
            e.trigger.length ? e.trigger.join(", ") : "initial call", " ", badge(e.status)]);
        })) : h("P", {className: "small text-body-secondary mb-0"}, "No callback ran.")
      ]);
    }));
  }

  // What Dash said about this example, in full, outside the frame: its console
  // reports and the errors of callbacks that failed. Newest last, each once.
  var SAYS_SHOWN = 3;
  function renderSays(events) {
    var said = [];
    (events || []).forEach(function (e) {
      var text = e.kind === "console" && e.level === "error" ? e.text :
        e.kind === "callback" && e.status === "error" ? e.detail : null;
      if (!text) { return; }
      var known = said.filter(function (s) { return s.text === text; })[0];
      if (known) { known.times += 1; said.splice(said.indexOf(known), 1); said.push(known); }
      else { said.push({text: text, times: 1}); }
    });
    if (!said.length) { return null; }
    return [h("Strong", {}, "Dash says:")].concat(said.slice(-SAYS_SHOWN).map(function (s) {
      return h("Div", {className: "sb-says-item"}, [
        h("P", {className: "sb-says-text"}, s.text),
        s.times > 1 ? h("Div", {className: "small"}, "(" + s.times + " times)") : null
      ]);
    }));
  }

  // New events are appended to the drawn timeline; only a reset, a clear or a
  // first draw redraws it whole. Redrawing on every event made each callback
  // of a long session pay for all the rows before it.
  function drawTimeline(b, specs, box) {
    var list = box.querySelector("ol.sb-log");
    var drawn = b.drawn;
    if (!list || !drawn || drawn.count > b.events.length || drawn.box !== box) {
      box.replaceChildren(toDom(renderTimeline(b.events, specs)) || "");
      b.drawn = {box: box, count: b.events.length, groups: groups(b.events).length};
      return;
    }
    b.events.slice(drawn.count).forEach(function (e) {
      var placeholder = list.lastElementChild;
      if (e.kind === "interaction") {
        list.appendChild(toDom(groupRow(e.label, drawn.groups, e.at)));
        list.appendChild(toDom(nothingRow()));
        drawn.groups += 1;
        return;
      }
      if (placeholder && placeholder.classList.contains("fire-nothing")) { placeholder.remove(); }
      list.appendChild(toDom(e.kind === "callback" ? entryRow(e, specs) : consoleRow(e)));
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
    paint(".sb-says" + at, renderSays(b.events));
    paint(".sb-graph-box" + at, renderGraph(b.events, b.ui, specs));
    paint(".sb-replay-caption" + at, renderReplay(b.events, b.ui, specs));
    paint(".sb-verdict" + at, renderVerdict(b.events, b.ui, specs));
    var lesson = key.split("/")[0];
    var pair = ["broken", "fixed"].map(function (role) { return lesson + "/" + role; });
    if (pair.indexOf(key) !== -1) {
      paint('.sb-compare[data-lesson="' + lesson + '"]', renderCompare(pair.map(function (k) {
        return {role: k.split("/")[1], events: bucket(k).events, specs: specsOf(k)};
      })));
    }
  }

  // ---- what the sandbox's buttons do (called by Dash clientside callbacks) ----
  function step(key, by) {
    var b = bucket(key);
    var last = lastGroup(b.events);
    var total = callbacksIn(last.group).length;
    var ui = b.ui;
    var current = ui.group === last.index && ui.replay !== null && ui.replay !== undefined ? ui.replay : -1;
    ui.group = last.index;
    ui.replay = total ? Math.max(0, Math.min(current + by, total - 1)) : null;
    draw(key);
  }

  var sandbox = {
    clear: function (n, id) {
      var b = bucket(id.example);
      b.events = [];
      b.ui = {};
      b.drawn = null;
      draw(id.example);
    },
    pause: function (paused, id) { bucket(id.example).paused = Boolean(paused); },
    back: function (n, id) { step(id.example, -1); },
    forward: function (n, id) { step(id.example, 1); },
    lock: function (n, guess, id) {
      var b = bucket(id.example);
      b.ui.prediction = {expected: (guess || []).slice(), since: b.events.length};
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

  window.dash_clientside = Object.assign({}, window.dash_clientside, {sandbox: sandbox});
})();
