// Loaded into every framed example (never into the site's own pages).
// Dash's renderer hooks call it; it reports to the lesson page each callback
// run, each user interaction and each error Dash writes to the console.
// It keeps nothing beyond this page view.
(function () {
  "use strict";
  var example = document.currentScript.getAttribute("data-example");
  var framed = window.parent !== window;
  var pending = {};  // output key -> queue of server requests in flight
  var errorBodies = new WeakMap();  // failed Response -> its text, read before Dash reads it
  var seq = 0;
  var MAX_VALUE = 2000;

  function send(kind, entry) {
    if (!framed) { return; }  // opened full screen: nobody to tell
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
    return (deps || []).map(function (dep) {
      var id = typeof dep.id === "string" ? dep.id : JSON.stringify(dep.id);
      return {prop: id + "." + dep.property, value: brief(dep.value)};
    });
  }

  function declaredOutputs(output) {
    var bare = output.replace(/@[0-9a-f]+/g, "");
    return bare.indexOf("..") === 0 ? bare.slice(2, -2).split("...") : [bare];
  }

  function returned(data) {
    var props = [];
    Object.keys(data || {}).forEach(function (id) {
      Object.keys(data[id] || {}).forEach(function (prop) {
        props.push({prop: id + "." + prop, value: brief(data[id][prop])});
      });
    });
    return props;
  }

  // Dash reads a failed response's body itself; keep a copy for the sandbox.
  if (framed && window.fetch) {
    var fetch = window.fetch.bind(window);
    window.fetch = function (resource, init) {
      return fetch(resource, init).then(function (response) {
        if (response.status >= 400 && String(resource).indexOf("_dash-update-component") !== -1) {
          errorBodies.set(response, response.clone().text());
        }
        return response;
      });
    };
  }

  function report(callback, result, request, detail) {
    var clientside = Boolean(callback.clientside_function);
    var payload = (result && result.payload) || (request && request.payload) || {};
    var outputs = returned(result && result.data);
    var status;
    if (result && result.error) {
      status = "error";
    } else if (clientside) {
      status = "clientside";
    } else if (!request || request.http !== 200) {
      status = "prevented";
    } else {
      var declared = declaredOutputs(callback.output);
      var patternOutputs = callback.output.indexOf("{") !== -1;
      status = !patternOutputs && outputs.length < declared.length ? "partly updated" : "updated";
    }
    seq += 1;
    send("callback", {
      seq: seq,
      at: Date.now(),
      output: callback.output,
      clientside: clientside,
      trigger: payload.changedPropIds || [],
      inputs: values(payload.inputs),
      state: values(payload.state),
      returned: outputs,
      status: status,
      detail: detail || "",
      ms: request ? Math.round(performance.now() - request.started) : null
    });
  }

  window.callbackGotchasProbe = {
    requestPre: function (payload) {
      (pending[payload.output] = pending[payload.output] || []).push({
        started: performance.now(),
        payload: payload,
        http: null
      });
    },
    requestPost: function (payload) {
      var queue = pending[payload.output] || [];
      for (var i = 0; i < queue.length; i++) {
        if (queue[i].http === null) { queue[i].http = 200; return; }
      }
    },
    callbackResolved: function (callback, result) {
      var request = callback.clientside_function ? null : (pending[callback.output] || []).shift();
      var error = result && result.error;
      if (!error) { report(callback, result, request); return; }
      var body = typeof error.status === "number" ? errorBodies.get(error) : null;
      var prefix = typeof error.status === "number" ? "HTTP " + error.status : "";
      Promise.resolve(body).then(function (text) {
        var message = text ? String(text).trim() : String(error.message || error);
        report(callback, result, request, prefix && text ? prefix + ": " + message : message || prefix);
      });
    }
  };

  // What Dash tells the developer goes to the console; the sandbox shows it too.
  function describe(arg) {
    if (arg && typeof arg === "object" && (arg.message || arg.html)) {
      // An inert document: nothing in the markup runs or loads.
      var text = new DOMParser().parseFromString(arg.html || "", "text/html").body.textContent;
      return [arg.message, text.trim()].filter(Boolean).join(": ");
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

  // A user action starts an "interaction": the chain of callbacks it sets off.
  function label(event) {
    var target = event.target;
    var el = target && target.closest ? target.closest("[id]") : null;
    var name = el ? "#" + el.id : (target && target.tagName || "page").toLowerCase();
    return event.type + " " + name;
  }
  var last = {target: null, at: 0};
  ["click", "input", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (!event.isTrusted) { return; }
      var now = Date.now();
      // One click on a checkbox fires click, input and change: one interaction.
      if (event.target === last.target && now - last.at < 100) { return; }
      last = {target: event.target, at: now};
      send("interaction", {at: now, label: label(event)});
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
