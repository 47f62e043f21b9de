// The picture of the firing: an example's recent interactions as a waterfall,
// one bar per callback run from its request leaving to its answer arriving
// (times from assets/example/probe.js, record from assets/31-sandbox.js).
// plotly.js is 4.8 MB: it loads when a learner opens the picture, never before.
(function () {
  "use strict";
  var V = window.CallbackGotchasViews;
  var R = window.CallbackGotchasRecord;
  if (!V || !R) { return; }
  var STATUSES = ["updated", "partly updated", "no update", "prevented", "ran", "clientside", "error"];
  // Statuses that share a badge colour are told apart by a hatch, and every bar says its status.
  var HATCH = {prevented: "/", "partly updated": "."};
  var BURST_MS = 3000;  // actions closer than this are one picture: the keys of a typed word
  var MAX_ACTIONS = 8;
  var MAX_RUNS = 40;
  var ROW_PX = 26;
  var CONFIG = {displayModeBar: false, responsive: false, doubleClick: false, showTips: false};
  var loading = null;

  function loadPlotly(src) {
    if (window.Plotly) { return Promise.resolve(window.Plotly); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () {
          if (window.Plotly) { resolve(window.Plotly); } else { reject(new Error("no Plotly")); }
        };
        script.onerror = function () { reject(new Error("plotly.js did not load")); };
        document.head.appendChild(script);
      });
      loading.catch(function () { loading = null; });  // opening it again tries again
    }
    return loading;
  }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Runs carry the frame's clock; a record from before it did (export of an
  // older probe) has only when each run was reported and how long it took.
  // A server run the probe could not match to its request (sent: null) is
  // only known to have ended: it is drawn as a mark there.
  function receivedOf(e) { return e.received !== undefined ? e.received : e.at; }
  function sentOf(e) {
    if (e.sent === undefined) { return e.at - (e.ms || 0); }
    return e.sent === null ? receivedOf(e) : e.sent;
  }

  function startOf(group) {
    if (group.clock || group.at) { return group.clock || group.at; }
    var sent = V.callbacksIn(group).map(sentOf);
    return sent.length ? Math.min.apply(null, sent) : null;
  }

  // The last interaction, and those before it that came less than BURST_MS
  // apart: five keys typed are five actions, and their requests may overlap.
  function recent(events) {
    var all = V.groups(events);
    var numbers = [];
    all.reduce(function (n, g, i) { numbers.push(i && !g.cleared ? n + 1 : n); return numbers[i]; }, 0);
    var picked = [];
    var runs = 0;
    for (var i = all.length - 1; i >= 0 && picked.length < MAX_ACTIONS && runs < MAX_RUNS; i--) {
      var g = all[i];
      if (g.cleared) { break; }
      var start = startOf(g);
      if (start === null) { continue; }
      if (picked.length && picked[0].start - start > BURST_MS) { break; }
      var title = i ? "Interaction " + numbers[i] : "Page load";
      picked.unshift({title: title, label: i ? g.label : "", start: start,
                      runs: V.callbacksIn(g).slice().sort(function (a, b) {
                        return sentOf(a) - sentOf(b) || a.seq - b.seq; })});
      runs += picked[0].runs.length;
    }
    var drop = runs - MAX_RUNS;  // the oldest runs beyond what fits
    picked.forEach(function (p) {
      var cut = Math.max(0, Math.min(drop, p.runs.length));
      p.runs = p.runs.slice(cut);
      drop -= cut;
    });
    return {picked: picked, dropped: Math.max(0, runs - MAX_RUNS)};
  }

  function ms(value) { return Math.round(value) + " ms"; }

  function theme(el) {
    var style = window.getComputedStyle(el);
    function v(name) { return style.getPropertyValue(name).trim(); }
    var colours = {};
    STATUSES.forEach(function (s) { colours[s] = v("--wf-" + s.replace(" ", "-")); });
    return {colours: colours, text: v("--wf-text"), muted: v("--wf-muted"), grid: v("--wf-grid"),
            bg: v("--wf-bg"), font: style.fontFamily};
  }

  function what(picked) {
    var first = picked[0];
    var actions = picked.length - (first.label ? 0 : 1);
    if (picked.length === 1) { return first.title + (first.label ? " (" + first.label + ")" : ""); }
    return (first.label ? "The last " + actions + " interactions" : "The page load and the " +
      (actions === 1 ? "interaction" : actions + " interactions") + " after it") +
      ", each less than " + BURST_MS / 1000 + " s after the one before";
  }

  function figure(recentRuns, specs, look) {
    var picked = recentRuns.picked;
    var origin = picked[0].start;
    var end = 0;
    var start = 0;  // a run listed under an action may have left before it
    picked.forEach(function (p) {
      p.runs.forEach(function (e) {
        end = Math.max(end, receivedOf(e) - origin);
        start = Math.min(start, sentOf(e) - origin);
      });
    });
    var span = Math.max(end - start, 1);
    var thin = Math.max(span / 150, 0.5);  // a clientside run takes no time: still a visible mark
    var rows = [];
    var traces = {};
    var actions = {x: [], y: [], hovertext: []};
    var shapes = [];
    picked.forEach(function (p) {
      var head = "<b>" + esc(p.title) + "</b>";
      var at = p.start - origin;
      rows.push(head);
      if (p.label) {
        actions.x.push(at);
        actions.y.push(head);
        actions.hovertext.push(esc(p.title + ": " + p.label) + "<br>at " + ms(at));
        shapes.push({type: "line", xref: "x", yref: "paper", x0: at, x1: at, y0: 0, y1: 1,
                     layer: "below", opacity: 0.6, line: {color: look.muted, width: 1, dash: "dot"}});
      }
      p.runs.forEach(function (e) {
        var spec = V.specFor(e, specs);
        var name = spec ? spec.label : e.output;
        var row = "#" + e.seq + " " + esc(name);
        var sent = sentOf(e) - origin;
        var took = receivedOf(e) - sentOf(e);
        var t = traces[e.status] || (traces[e.status] = {y: [], x: [], base: [], text: [], hovertext: [],
                                                         customdata: []});
        rows.push(row);
        t.y.push(row);
        t.base.push(sent);
        t.x.push(Math.max(took, thin));
        t.text.push(esc(e.status));
        t.customdata.push([e.seq, e.status, sent, sent + took]);
        t.hovertext.push("<b>" + esc(name) + "</b> (#" + e.seq + ")<br>" + esc(e.status) +
          (e.http ? " · HTTP " + e.http : "") + "<br>" +
          (e.clientside ? "ran in the browser at " + ms(sent) :
            e.sent === null ? "ended at " + ms(sent) + "; its request was not matched" :
            "request sent at " + ms(sent) + ", answered at " + ms(sent + took) + ": " + ms(took) +
            (e.resolved ? "<br>Dash had read the answer at " + ms(e.resolved - origin) : "")) +
          "<br>← " + esc(e.trigger && e.trigger.length ? e.trigger.join(", ") : "initial call"));
      });
    });
    var data = STATUSES.filter(function (s) { return traces[s]; }).map(function (s) {
      var t = traces[s];
      var pattern = HATCH[s] ? {shape: HATCH[s], fillmode: "overlay", fgcolor: look.bg, solidity: 0.3} : {};
      return {
        type: "bar", orientation: "h", name: s, y: t.y, x: t.x, base: t.base, customdata: t.customdata,
        text: t.text, textposition: "outside", cliponaxis: false, constraintext: "none",
        textfont: {color: look.text, size: 11},
        hovertext: t.hovertext, hovertemplate: "%{hovertext}<extra></extra>",
        marker: {color: look.colours[s], line: {color: look.text, width: 0.5}, pattern: pattern}
      };
    });
    if (actions.x.length) {
      data.push({type: "scatter", mode: "markers", name: "your action", x: actions.x, y: actions.y,
                 hovertext: actions.hovertext, hovertemplate: "%{hovertext}<extra></extra>",
                 marker: {symbol: "triangle-right", size: 11, color: look.text}});
    }
    var first = picked[0];
    var total = picked.reduce(function (n, p) { return n + p.runs.length; }, 0);
    var summary = what(picked) + ": " + total + " callback run" + (total === 1 ? "" : "s") +
      "; the last answer came " + ms(end) + " after " +
      (!first.label ? "the first request" : picked.length > 1 ? "the first action" : "the action") +
      (recentRuns.dropped ? ". The " + recentRuns.dropped + " oldest runs are left out" : "") + ".";
    var layout = {
      height: 64 + ROW_PX * rows.length,
      margin: {l: 4, r: 72, t: 4, b: 4},
      paper_bgcolor: look.bg, plot_bgcolor: look.bg,
      font: {family: look.font, size: 12, color: look.text},
      barmode: "overlay", bargap: 0.3, showlegend: false,  // the key above is HTML: it wraps
      hoverlabel: {bgcolor: look.bg, bordercolor: look.muted, font: {color: look.text}},
      xaxis: {title: {text: "ms after " + (first.label ? first.title : "the first request"), standoff: 6},
              range: [start - span * 0.025, start + span * 1.02], gridcolor: look.grid, zerolinecolor: look.muted,
              fixedrange: true, automargin: true},
      yaxis: {type: "category", categoryorder: "array", categoryarray: rows, range: [rows.length - 0.5, -0.5],
              fixedrange: true, automargin: true, gridcolor: look.grid},
      shapes: shapes
    };
    return {data: data, layout: layout, summary: summary,
            statuses: STATUSES.filter(function (s) { return traces[s]; }), actions: actions.x.length > 0};
  }

  // The key: each status drawn, with its colour and hatch as on the bars.
  function legend(fig) {
    var list = document.createElement("ul");
    list.className = "sb-picture-key list-unstyled";
    fig.statuses.concat(fig.actions ? ["your action"] : []).forEach(function (name) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "sb-swatch";
      swatch.setAttribute("aria-hidden", "true");
      swatch.setAttribute("data-status", name);
      item.append(swatch, name);
      list.appendChild(item);
    });
    return list;
  }

  function pictureOf(key) {
    return document.querySelector('.sb-picture[data-example="' + key + '"]');
  }

  function render(details) {
    var Plotly = window.Plotly;
    if (!Plotly || !details.open) { return; }
    if (sizes) { sizes.observe(details); }  // width follows the card; a hidden one draws when shown
    if (!details.getClientRects().length) { details.dataset.stale = "true"; return; }  // drawn when shown
    delete details.dataset.stale;
    var key = details.getAttribute("data-example");
    var caption = details.querySelector(".sb-picture-caption");
    var plot = details.querySelector(".sb-picture-plot");
    var found = recent(R.events(key));
    var runs = found.picked.some(function (p) { return p.runs.length; });
    if (!runs) {
      Plotly.purge(plot);
      plot.hidden = true;
      caption.textContent = found.picked.length && found.picked[found.picked.length - 1].label
        ? "The last interaction ran no callback." : "Nothing recorded yet. Use the example above.";
      return;
    }
    var fig = figure(found, R.specs(key), theme(details));
    caption.replaceChildren(fig.summary, legend(fig));
    plot.hidden = false;
    plot.setAttribute("role", "img");
    plot.setAttribute("aria-label", "Waterfall of the callback runs. " + fig.summary +
      " The timeline above lists the same runs.");
    Plotly.react(plot, fig.data, fig.layout, CONFIG);
  }

  // Once plotly.js is here, every open picture draws (one opened by a script waited).
  function renderOpen() { document.querySelectorAll(".sb-picture[open]").forEach(render); }

  var sizes = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var details = entry.target;
      if (!window.Plotly || !details.open) { return; }
      if (details.dataset.stale) { render(details); return; }
      var plot = details.querySelector(".sb-picture-plot");
      if (plot && !plot.hidden && plot.data) { window.Plotly.Plots.resize(plot); }
    });
  }) : null;

  function open(details) {
    var caption = details.querySelector(".sb-picture-caption");
    if (!window.Plotly) { caption.textContent = "Loading the picture (plotly.js, 1.5 MB)…"; }
    loadPlotly(details.getAttribute("data-plotly")).then(renderOpen, function () {
      offer(details, "plotly.js did not arrive; the timeline above has the same runs. ");
    });
  }

  // plotly.js comes on a learner's own click (or key) on the summary. A block
  // opened otherwise (a script, the browser's find in page) offers a button.
  function offer(details, note) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-primary";
    button.textContent = "Draw the picture (loads plotly.js, 1.5 MB)";
    button.addEventListener("click", function () { open(details); });
    details.querySelector(".sb-picture-caption").replaceChildren(note || "", button);
  }

  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest(".sb-picture > summary");
    if (summary) { summary.parentElement.dataset.asked = "true"; }
  }, true);

  // <details> fires "toggle" on itself only: listen while it travels down.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.classList || !details.classList.contains("sb-picture")) { return; }
    if (!details.open) {
      if (sizes) { sizes.unobserve(details); }
    } else if (window.Plotly || details.dataset.asked) {
      open(details);
    } else {
      offer(details);
    }
  }, true);

  document.addEventListener("callback-gotchas:drawn", function (event) {
    var details = pictureOf(event.detail.example);
    if (details && details.open) { render(details); }
  });

  // Colours come from CSS variables: a change of theme draws the open pictures again.
  new MutationObserver(renderOpen).observe(document.documentElement,
    {attributes: true, attributeFilter: ["data-bs-theme"]});
})();
