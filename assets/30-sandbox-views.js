// The sandbox's views: what was recorded for one example, as light element
// descriptions that assets/31-sandbox.js turns into DOM. Nothing here reads
// the page or keeps state. A reason shown for a callback only ever states
// what the record shows.
(function () {
  "use strict";

  function h(type, props, children) {
    var p = Object.assign({}, props || {});
    if (children !== undefined) { p.children = children; }
    return {type: type, props: p};
  }

  var BADGES = {
    updated: "text-bg-success",
    "partly updated": "text-bg-success",
    "no update": "text-bg-secondary",
    prevented: "text-bg-secondary",
    ran: "text-bg-primary",
    clientside: "text-bg-info",
    error: "text-bg-danger"
  };
  function badge(status) {
    return h("Span", {className: "badge " + (BADGES[status] || "text-bg-light")}, status);
  }

  // Dash reports that stop every callback of the app (dev tools on): the
  // renderer leaves its callback graph empty after any of them.
  var BLOCKING = [
    "Duplicate callback outputs", "Duplicate callback Outputs", "Overlapping wildcard callback outputs",
    "Mismatched `MATCH` wildcards", "`Input` / `State` wildcards not in `Output`s",
    "A callback is missing Inputs", "Callback property error", "Callback item missing ID",
    "Callback wildcard ID error", "Callback invalid ID string", "Callback ID type error"
  ];

  function time(at) { return at ? new Date(at).toLocaleTimeString() : ""; }
  function ordinal(n) {
    var s = ["th", "st", "nd", "rd"], v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }

  // ---- what the record means ----
  function specKey(spec) { return spec.output + "|" + spec.inputs.join(","); }

  function specFor(entry, specs) {
    var inputs = (entry.inputs || []).map(function (v) { return v.prop; }).join(",");
    var exact = specs.filter(function (s) { return s.output === entry.output && s.inputs.join(",") === inputs; });
    // Two callbacks with one key: the run is the function the server keeps.
    var kept = exact.filter(function (s) { return !s.runs; });
    if (kept.length) { return kept[0]; }
    if (exact.length) { return exact[0]; }
    return specs.filter(function (s) { return s.output === entry.output; })[0] || null;
  }

  function writes(spec, entry) {
    if (spec && spec.no_output) { return "no Output"; }
    if (spec) { return spec.outputs.join(", "); }
    return entry.output.replace(/@[0-9a-f]+/g, "");
  }

  function groups(events) {
    var list = [{label: "Page load", at: null, events: []}];
    (events || []).forEach(function (e) {
      if (e.kind === "interaction") { list.push({label: e.label, at: e.at, clock: e.clock, events: []}); }
      else if (e.kind === "cleared") { list.push({label: "cleared", at: e.at, cleared: true, events: []}); }
      else { list[list.length - 1].events.push(e); }
    });
    return list;
  }

  function interactions(events) {
    return groups(events).filter(function (g, i) { return i === 0 || !g.cleared; });
  }

  // The newest interaction (or the page load), whether or not it ran anything.
  function lastGroup(events) {
    var all = groups(events);
    for (var i = all.length - 1; i > 0; i--) {
      if (!all[i].cleared) { return {index: i, group: all[i]}; }
    }
    return {index: 0, group: all[0]};
  }

  function callbacksIn(group) {
    return group.events.filter(function (e) { return e.kind === "callback"; });
  }

  function mentions(text, spec) {
    var ids = spec.outputs.concat(spec.inputs, spec.state).map(function (prop) {
      return prop.slice(0, prop.lastIndexOf("."));
    });
    if (text.indexOf(spec.output.replace(/@[0-9a-f]+/g, "")) !== -1) { return true; }
    return ids.some(function (id) {
      return text.indexOf("`" + id + "`") !== -1 || text.indexOf('"' + id + '"') !== -1;
    });
  }

  function blocking(text) {
    return BLOCKING.some(function (title) { return text.indexOf(title) === 0; });
  }

  // The page-load check only reports; the callback runs once its components exist.
  function checkOnly(text) { return text.indexOf("ID not found in layout") === 0; }

  function idOf(prop) { return prop.slice(0, prop.lastIndexOf(".")); }

  // ---- the timeline ----
  function valueList(title, items) {
    if (!items || !items.length) { return null; }
    return h("Div", {className: "sb-values"}, [
      h("Div", {className: "fw-semibold"}, title),
      h("Ul", {className: "list-unstyled mb-1"}, items.map(function (item) {
        return h("Li", {}, [h("Code", {}, item.prop), " = ", h("Code", {className: "sb-value"}, String(item.value))]);
      }))
    ]);
  }

  function entryRow(e, specs) {
    var spec = specFor(e, specs);
    var trigger = e.trigger.length ? e.trigger.join(", ") : "initial call";
    var written = (e.returned || []).concat(e.side || []);
    var summary = written.map(function (r) { return r.prop + " = " + r.value; }).join("; ");
    var ranOther = spec && spec.runs && e.http ? spec.runs : null;
    return h("Li", {className: "fire-entry", "data-status": e.status, "data-callback": spec ? spec.label : ""}, [
      h("Div", {className: "fire-line"}, [
        h("Span", {className: "fire-seq"}, String(e.seq)),
        h("Span", {className: "fire-callback"}, h("Code", {}, spec ? spec.label : e.output)),
        ranOther ? h("Span", {className: "fire-ran"}, ["the server ran ", h("Code", {}, ranOther)]) : null,
        h("Span", {className: "fire-trigger-box"}, ["← ", h("Span", {className: "fire-trigger"}, trigger)]),
        h("Span", {className: "fire-status"}, [
          badge(e.status),
          h("Span", {className: "fire-time"}, e.ms === null ? time(e.at) : e.ms + " ms")
        ])
      ]),
      e.detail ? h("Div", {className: "fire-detail"}, e.detail) : null,
      h("Details", {className: "fire-values"}, [
        h("Summary", {}, summary || "→ " + writes(spec, e)),
        valueList("Inputs", e.inputs),
        valueList("State", e.state),
        valueList("Returned", e.returned),
        valueList("Set with set_props", e.side),
        e.http ? h("Div", {className: "small"}, "HTTP " + e.http) : null
      ])
    ]);
  }

  function consoleRow(e) {
    return h("Li", {className: "fire-console"}, [
      h("Strong", {}, e.level === "warn" ? "Dash warns: " : "Dash reports: "),
      h("Span", {className: "fire-console-text"}, e.text)
    ]);
  }

  function groupRow(group, index) {
    if (group.cleared) {
      return h("Li", {className: "fire-group fire-cleared"},
        "Cleared at " + time(group.at) + ". The example kept running; Restart it to record its page load again.");
    }
    return h("Li", {className: "fire-group"},
      index === 0 ? "Page load" : "Interaction " + index + ": " + group.label + " · " + time(group.at));
  }

  function nothingRow() { return h("Li", {className: "fire-nothing"}, "No callback ran."); }

  function timeline(events, specs, maxShown) {
    if (!events || !events.length) {
      return h("P", {className: "text-body-secondary small mb-0"},
        "Nothing recorded yet. Use the example above and watch this list.");
    }
    var rows = [];
    var all = groups(events);
    var first = all.length;
    for (var count = 0; first > 0 && count < maxShown; ) { first -= 1; count += all[first].events.length + 1; }
    var n = 0;
    all.forEach(function (g, gi) {
      if (!g.cleared && gi) { n += 1; }
      if (gi < first || (gi === 0 && !g.events.length && all.length > 1)) { return; }
      rows.push(groupRow(g, gi === 0 ? 0 : n));
      if (!g.events.length && !g.cleared) { rows.push(nothingRow()); }
      g.events.forEach(function (e) { rows.push(e.kind === "callback" ? entryRow(e, specs) : consoleRow(e)); });
    });
    return h("Ol", {className: "sb-log list-unstyled mb-0"}, rows);
  }

  // ---- what Dash said, in full ----
  function says(events, shown) {
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
    return [h("Strong", {}, "Dash says:")].concat(said.slice(-shown).map(function (s) {
      return h("Div", {className: "sb-says-item"}, [
        h("P", {className: "sb-says-text"}, s.text),
        s.times > 1 ? h("Div", {className: "small"}, "(" + s.times + " times)") : null
      ]);
    }));
  }

  // ---- the callback graph: each callback, what feeds it, what it sets, and why ----
  function chips(props, kind) {
    return props.map(function (prop) { return h("Span", {className: "sb-chip sb-" + kind, title: kind}, prop); });
  }

  function stateOf(spec, count, said, anyBlocking, cleared, absent) {
    if (count) { return {kind: "fired", text: null}; }
    var failures = said.filter(function (t) { return !checkOnly(t); });
    if (anyBlocking) {
      return failures.length
        ? {kind: "cannot", text: "Cannot run: Dash refuses it (below), and with it every callback of the app."}
        : {kind: "blocked", text: "Blocked: Dash found a problem in this app's callbacks and runs none of them."};
    }
    if (failures.length) { return {kind: "cannot", text: "Cannot run: Dash reported a problem with it (below)."}; }
    var missing = spec.outputs.map(idOf).filter(absent);
    if (missing.length) {
      return {kind: "waiting", text: "Waiting: its Output " + missing.join(", ") + " is not on the page; Dash runs " +
        "it once that exists" + (said.length ? ". The page-load check reported it (below)." : ".")};
    }
    if (cleared) { return {kind: "waiting", text: "Nothing recorded since you cleared the record."}; }
    if (spec.prevent_initial_call) {
      return {kind: "waiting", text: "Waiting: prevent_initial_call, so it runs when one of its Inputs changes."};
    }
    return {kind: "waiting", text: "Waiting: it runs when one of its Inputs changes or appears on the page."};
  }

  function sharedNote(spec, debug) {
    if (!spec.shared) { return null; }
    if (spec.no_output) {
      // Dash checks no graph for these: dev tools on or off, the server keeps one.
      return h("Div", {className: "sb-shared small"}, spec.shared + " callbacks without an Output have the " +
        "same Inputs, so Dash gives them one id. The server keeps one function for it" +
        (spec.runs ? ": it runs " + spec.runs + ", not " + spec.name + "." : ", this one."));
    }
    var output = spec.outputs.join(", ");
    var text = debug
      ? spec.shared + " callbacks write " + output + ". With dev tools on Dash refuses that, so none of them runs."
      : spec.shared + " callbacks write " + output + ". The server keeps one function for it" +
        (spec.runs ? ": it runs " + spec.runs + ", not " + spec.name + "." : ", this one.");
    return h("Div", {className: "sb-shared small"}, text);
  }

  function graph(events, ui, specs, options) {
    var fired = {};
    var reports = [];
    var cleared = false;
    (events || []).forEach(function (e) {
      if (e.kind === "callback") {
        var s = specFor(e, specs);
        if (s) { fired[specKey(s)] = (fired[specKey(s)] || 0) + 1; }
      } else if (e.kind === "console" && e.level === "error") {
        reports.push(e.text);
      } else if (e.kind === "cleared") {
        cleared = true;
      }
    });
    var anyBlocking = reports.some(blocking);
    var last = lastGroup(events);
    var lastKeys = callbacksIn(last.group).map(function (e) { var s = specFor(e, specs); return s && specKey(s); });
    var step = replayStep(events, ui, specs);
    var claimed = {};
    var rows = specs.map(function (spec) {
      var key = specKey(spec);
      var count = fired[key] || 0;
      var said = reports.filter(function (t) { return mentions(t, spec); });
      said.forEach(function (t) { claimed[t] = true; });
      var state = stateOf(spec, count, said, anyBlocking, cleared, options.absent || function () { return false; });
      var classes = ["sb-node", "sb-" + state.kind];
      if (lastKeys.indexOf(key) !== -1 && last.index > 0) { classes.push("sb-last"); }
      if (step && step.key === key) { classes.push("sb-current"); }
      return h("Li", {className: classes.join(" "), "data-callback": spec.label, "data-state": state.kind,
                      "aria-current": step && step.key === key ? "step" : undefined}, [
        h("Div", {className: "sb-fn"}, [
          h("Code", {}, spec.label),
          spec.clientside ? h("Span", {className: "small"}, " (clientside)") : null,
          h("Span", {className: "sb-count badge rounded-pill " + (count ? "text-bg-primary" : "text-bg-light border")},
            count ? "×" + count : {waiting: "not run yet", blocked: "blocked", cannot: "cannot run"}[state.kind])
        ]),
        h("Div", {className: "sb-io"}, [
          h("Span", {className: "sb-io-label"}, "reads"),
          h("Span", {className: "sb-chips"}, chips(spec.inputs, "input").concat(chips(spec.state, "state")))
        ]),
        h("Div", {className: "sb-io"}, [
          h("Span", {className: "sb-io-label"}, "writes"),
          h("Span", {className: "sb-chips"}, spec.no_output ? [h("Span", {className: "small"}, "no Output (set_props)")]
            : chips(spec.outputs, "output"))
        ]),
        sharedNote(spec, options.debug),
        state.text ? h("Div", {className: "sb-why small"}, state.text) : null,
        said.length ? h("Ul", {className: "sb-said small"}, said.map(function (t) { return h("Li", {}, t); })) : null
      ]);
    });
    var unclaimed = reports.filter(function (t) { return !claimed[t]; });
    return [
      h("Ol", {className: "sb-graph list-unstyled mb-2"}, rows),
      unclaimed.length ? h("Div", {className: "sb-unclaimed small"}, [
        h("Strong", {}, "Dash also reported:"),
        h("Ul", {}, unclaimed.map(function (t) { return h("Li", {}, t); }))
      ]) : null
    ];
  }

  // ---- replay of the last interaction ----
  function replayStep(events, ui, specs) {
    var last = lastGroup(events);
    var chain = callbacksIn(last.group);
    if (!ui || ui.replay === undefined || ui.replay === null || ui.group !== last.index || !chain.length) {
      return null;
    }
    var step = Math.max(0, Math.min(ui.replay, chain.length - 1));
    var entry = chain[step];
    var spec = specFor(entry, specs);
    return {step: step, total: chain.length, entry: entry, key: spec && specKey(spec), spec: spec};
  }

  function replay(events, ui, specs) {
    var r = replayStep(events, ui, specs);
    if (!r) {
      var last = lastGroup(events);
      var chain = callbacksIn(last.group);
      if (chain.length) { return "Step through the last interaction: " + chain.length + " callback run(s)."; }
      return last.index ? "The last interaction ran no callback." : "Nothing to replay yet.";
    }
    var e = r.entry;
    return "Step " + (r.step + 1) + " of " + r.total + ": " + (r.spec ? r.spec.label : e.output) + " ← " +
      (e.trigger.length ? e.trigger.join(", ") : "initial call") + " · " + e.status;
  }

  // ---- predict, then run ----
  // How a locked prediction fared on the first interaction after it: null
  // before that interaction, else each callback guessed against what ran.
  // The learner's progress (assets/72-progress.js) counts the same score.
  function score(events, ui, specs) {
    var p = ui && ui.prediction;
    if (!p) { return null; }
    var after = (events || []).slice(p.since <= (events || []).length ? p.since : 0);
    var start = -1;
    for (var i = 0; i < after.length; i++) { if (after[i].kind === "interaction") { start = i; break; } }
    if (start === -1) { return null; }
    var fired = {};
    for (var j = start + 1; j < after.length && after[j].kind !== "interaction"; j++) {
      if (after[j].kind === "callback") {
        var s = specFor(after[j], specs);
        if (s) { fired[specKey(s)] = true; }
      }
    }
    var guesses = specs.map(function (spec) {
      var key = specKey(spec);
      return {spec: spec, expected: p.expected.indexOf(key) !== -1, ran: Boolean(fired[key])};
    });
    var right = guesses.filter(function (g) { return g.expected === g.ran; }).length;
    return {label: after[start].label, guesses: guesses, right: right, total: specs.length};
  }

  function verdict(events, ui, specs) {
    if (!(ui && ui.prediction)) {
      return "Tick the callbacks you expect to fire, lock in your guess, then use the example.";
    }
    var result = score(events, ui, specs);
    if (!result) { return "Prediction locked. Now use the example."; }
    var items = result.guesses.map(function (g) {
      var ok = g.expected === g.ran;
      var text = g.ran ? (g.expected ? "fired, as you predicted" : "fired, but you did not expect it") :
        (g.expected ? "did not fire, but you expected it" : "did not fire, as you predicted");
      return h("Li", {className: ok ? "sb-right" : "sb-wrong", "data-callback": g.spec.label}, [
        h("Span", {"aria-hidden": "true"}, ok ? "✓ " : "✗ "),
        h("Code", {}, g.spec.label), " " + text,
        h("Span", {className: "visually-hidden"}, ok ? " (right)" : " (wrong)")
      ]);
    });
    return [h("P", {className: "mb-1 fw-semibold sb-score"},
                "Your click: " + result.label + ". " + result.right + " of " + result.total + " right"),
            h("Ul", {className: "list-unstyled mb-0"}, items)];
  }

  // ---- broken and fixed, interaction by interaction ----
  function runsOf(group, specs) {
    var runs = callbacksIn(group);
    if (!runs.length) { return h("Span", {className: "text-body-secondary"}, "no callback ran"); }
    return h("Span", {}, runs.map(function (e, i) {
      var spec = specFor(e, specs);
      return h("Span", {className: "sb-compare-run"}, [i ? ", " : "", h("Code", {}, spec ? spec.label : e.output),
        " ", badge(e.status)]);
    }));
  }

  function compare(pair, shown) {
    var sides = pair.map(function (side) { return interactions(side.events); });
    var total = Math.max(sides[0].length, sides[1].length);
    var rows = [];
    for (var i = Math.max(0, total - shown); i < total; i++) {
      var a = sides[0][i], b = sides[1][i];
      var title = i === 0 ? "Page load" : ordinal(i) + " interaction";
      var same = i === 0 || (a && b && a.label === b.label);
      rows.push(h("Li", {className: "sb-compare-row" + (same ? "" : " sb-compare-differs")}, [
        h("Div", {className: "sb-compare-title"}, [
          h("Strong", {}, title), i && same ? ": " + a.label : "",
          !same ? h("Span", {className: "sb-compare-note"}, " · not the same action: broken " +
            (a ? a.label : "has not done it yet") + ", fixed " + (b ? b.label : "has not done it yet")) : null
        ]),
        h("Div", {className: "sb-compare-side"}, [h("Span", {className: "sb-compare-role"}, "broken: "),
          a ? runsOf(a, pair[0].specs) : h("Span", {className: "text-body-secondary"}, "—")]),
        h("Div", {className: "sb-compare-side"}, [h("Span", {className: "sb-compare-role"}, "fixed: "),
          b ? runsOf(b, pair[1].specs) : h("Span", {className: "text-body-secondary"}, "—")])
      ]));
    }
    return h("Ol", {className: "list-unstyled mb-0 sb-compare-list"}, rows);
  }

  window.CallbackGotchasViews = {
    h: h, groups: groups, lastGroup: lastGroup, callbacksIn: callbacksIn, specFor: specFor,
    timeline: timeline, groupRow: groupRow, nothingRow: nothingRow, entryRow: entryRow,
    consoleRow: consoleRow, says: says, graph: graph, replay: replay, score: score, verdict: verdict,
    compare: compare
  };
})();
