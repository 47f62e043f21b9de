// Loaded into every framed example (never into the site's own pages).
// Dash's renderer hooks call it; it reports to the lesson page each callback
// run, each user interaction with the app and each error Dash writes to the
// console, and the document's height. It keeps nothing beyond this page view.
(function () {
  "use strict";
  var example = document.currentScript.getAttribute("data-example");
  var framed = window.parent !== window;
  var runs = {};  // one entry per server request in flight, by its resolved outputs
  var seq = 0;
  var MAX_VALUE = 2000;

  // When a request left and its answer came, in ms since 1970 with the
  // fractions of the page's monotonic clock: the sandbox's picture lays runs
  // and actions of this page on one time axis.
  function clock() { return performance.timeOrigin + performance.now(); }

  function send(kind, entry) {
    if (!framed) { return; }  // opened on its own: nobody to tell
    window.parent.postMessage(
      {channel: "callback-gotchas", example: example, kind: kind, entry: entry},
      window.location.origin
    );
  }

  function brief(value) {
    var text;
    try { text = JSON.stringify(value); } catch (e) { text = String(value); }
    if (text === undefined) { return null; }
    return text.length > MAX_VALUE ? text.slice(0, MAX_VALUE) + "…" : text;
  }

  function values(deps) {
    var flat = [];
    (deps || []).forEach(function (dep) {
      // ALL and ALLSMALLER send a list of dependencies in one place.
      (Array.isArray(dep) ? dep : [dep]).forEach(function (one) {
        var id = typeof one.id === "string" ? one.id : JSON.stringify(one.id);
        flat.push({prop: id + "." + one.property, value: brief(one.value)});
      });
    });
    return flat;
  }

  function props(data) {
    var list = [];
    Object.keys(data || {}).forEach(function (id) {
      Object.keys(data[id] || {}).forEach(function (prop) {
        list.push({prop: id + "." + prop, value: brief(data[id][prop])});
      });
    });
    return list;
  }

  function runKey(payload) {
    return payload ? payload.output + " " + JSON.stringify(payload.outputs || null) : "";
  }

  // The HTTP answer of each callback request, read beside Dash: its status
  // (204 means PreventUpdate), the values set_props sent, and an error's body.
  if (framed && window.fetch) {
    var fetch = window.fetch.bind(window);
    window.fetch = function (resource, init) {
      var answer = fetch(resource, init);
      if (String(resource).indexOf("_dash-update-component") === -1 || !init || !init.body) {
        return answer;
      }
      var run = null;
      try { run = runs[runKey(JSON.parse(init.body))] || null; } catch (e) { run = null; }
      return answer.then(function (response) {
        if (run) {
          run.received = clock();  // a background callback's last poll answers last
          run.http = response.status;
          if (response.status === 200) {
            run.side = response.clone().json().then(function (data) { return data.sideUpdate; },
              function () { return null; });
          } else if (response.status >= 400) {
            run.body = response.clone().text();
          }
        }
        return response;
      });
    };
  }

  function status(callback, result, run, outputs) {
    if (result && result.error) { return "error"; }
    if (callback.clientside_function) { return "clientside"; }
    if (!run || run.http === 204) { return "prevented"; }
    if (callback.noOutput || callback.no_output) { return "ran"; }
    if (!outputs.length) { return "no update"; }
    var declared = (result && result.payload && result.payload.outputs) || [];
    var expected = Array.isArray(declared) ? declared.length : 1;
    var pattern = callback.output.indexOf("{") !== -1;
    return !pattern && outputs.length < expected ? "partly updated" : "updated";
  }

  function report(callback, result, run, detail, side, resolved) {
    var payload = (result && result.payload) || (run && run.payload) || {};
    var outputs = props(result && result.data);
    seq += 1;
    send("callback", {
      seq: seq,
      at: Date.now(),
      output: callback.output,
      clientside: Boolean(callback.clientside_function),
      trigger: payload.changedPropIds || [],
      inputs: values(payload.inputs),
      state: values(payload.state),
      returned: outputs,
      side: props(side),
      status: status(callback, result, run, outputs),
      http: run ? run.http : null,
      detail: detail || "",
      ms: run ? Math.round(performance.now() - run.started) : null,
      // A clientside run makes no request: it takes no time on this scale. A
      // server run whose request was not matched has no known start.
      sent: run ? run.sent : callback.clientside_function ? resolved : null,
      received: run && run.received ? run.received : resolved,
      resolved: resolved  // Dash has read the answer: about where the timeline's ms ends
    });
  }

  window.callbackGotchasProbe = {
    requestPre: function (payload) {
      runs[runKey(payload)] = {started: performance.now(), sent: clock(), payload: payload, http: null};
    },
    callbackResolved: function (callback, result) {
      var resolved = clock();
      var key = runKey(result && result.payload);
      if (!runs[key] && !callback.clientside_function) {
        // A failed run comes back without its payload: take the oldest run of that callback.
        key = Object.keys(runs).filter(function (k) { return k.indexOf(callback.output + " ") === 0; })[0];
      }
      var run = callback.clientside_function ? null : runs[key] || null;
      delete runs[key];
      var error = result && result.error;
      var side = run && run.side;
      if (!error) {
        Promise.resolve(side).then(function (updates) { report(callback, result, run, "", updates, resolved); });
        return;
      }
      var body = run && run.body;
      var prefix = typeof error.status === "number" ? "HTTP " + error.status : "";
      Promise.resolve(body).then(function (text) {
        var message = text ? String(text).trim() : String(error.message || error);
        report(callback, result, run, prefix && text ? prefix + ": " + message : message || prefix, null, resolved);
      });
    }
  };

  // What Dash tells the developer goes to the console; the sandbox shows it
  // too, as text: a message such as "Expected type: (<class 'tuple'>, ...)"
  // must not be read as markup. Only a whole HTML page is reduced to its text.
  function plain(html) {
    if (!/<(!doctype|html|head|body|title)\b/i.test(html)) { return html; }
    return new DOMParser().parseFromString(html, "text/html").body.textContent;
  }
  function describe(arg) {
    if (arg && typeof arg === "object" && (arg.message || arg.html)) {
      return [arg.message, plain(String(arg.html || "")).trim()].filter(Boolean).join(": ");
    }
    if (arg instanceof Error) { return arg.message; }
    return typeof arg === "string" ? arg : brief(arg);
  }
  ["error", "warn"].forEach(function (level) {
    var original = console[level].bind(console);
    console[level] = function () {
      var args = Array.prototype.slice.call(arguments);
      send("console", {at: Date.now(), level: level, text: args.map(describe).join(" ")});
      return original.apply(null, args);
    };
  });

  // A learner's action on the app starts an "interaction": the chain of
  // callbacks it sets off. Dash's own dev-tools bar is not the app.
  function label(event) {
    var target = event.target;
    var el = target.closest("[id]");
    var name = el && !/^(_dash-app-content|react-entry-point)$/.test(el.id) ? "#" + el.id :
      target.tagName.toLowerCase();
    return event.type + " " + name;
  }
  function inApp(target) {
    return Boolean(target.closest && target.closest("#react-entry-point") &&
      !target.closest('[class*="dash-debug-menu"]'));
  }
  var last = {target: null, at: 0};
  // Typing is "input"; the "change" a text box fires when it loses focus is the
  // same edit, not another action (a debounced callback runs on it, and shows
  // under the last keystroke).
  var TEXT_ENTRY = /^(text|search|email|number|password|tel|url)$/;
  function sameEdit(event) {
    var t = event.target;
    return event.type === "change" &&
      (t.tagName === "TEXTAREA" || (t.tagName === "INPUT" && TEXT_ENTRY.test(t.type || "text")));
  }
  ["click", "input", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var target = event.target;
      if (!event.isTrusted || !inApp(target) || sameEdit(event)) { return; }
      var now = Date.now();
      // One click on a checkbox fires click, input and change: one interaction.
      if (target === last.target && now - last.at < 100) { return; }
      last = {target: target, at: now};
      send("interaction", {at: now, clock: clock(), label: label(event)});
    }, true);
  });

  // The frame takes the height the app needs. Menus (Radix poppers) are
  // position: fixed and add nothing to the document: count their bottoms too.
  var reported = 0;
  var measuring = false;
  function measure() {
    measuring = false;
    var height = document.documentElement.getBoundingClientRect().height;
    document.querySelectorAll("[data-radix-popper-content-wrapper]").forEach(function (el) {
      height = Math.max(height, el.getBoundingClientRect().bottom + window.scrollY + 8);
    });
    height = Math.ceil(height);
    if (height !== reported) {
      reported = height;
      send("size", {height: height});
    }
  }
  function remeasure() {
    if (!measuring) { measuring = true; window.requestAnimationFrame(measure); }
  }
  if (framed) {
    new ResizeObserver(remeasure).observe(document.documentElement);
    new MutationObserver(remeasure).observe(document.documentElement,
      {childList: true, subtree: true, attributes: true, attributeFilter: ["style", "class"]});
  }

  send("reset", null);
})();
