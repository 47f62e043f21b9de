// Loaded into every framed example (never into the site's own pages).
// Dash's renderer hooks call it; it tells the lesson page about each callback
// run and each error Dash reports, and keeps nothing beyond this page view.
(function () {
  "use strict";
  var example = document.currentScript.getAttribute("data-example");
  var pending = {};  // output key -> queue of server requests in flight
  var seq = 0;

  function send(kind, entry) {
    if (window.parent === window) { return; }  // opened full screen: nobody to tell
    window.parent.postMessage(
      {channel: "callback-gotchas", example: example, kind: kind, entry: entry},
      window.location.origin
    );
  }

  function describeError(error) {
    if (!error) { return ""; }
    if (typeof error.status === "number") { return "HTTP " + error.status; }
    return String(error.message || error);
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
      var clientside = Boolean(callback.clientside_function);
      var request = clientside ? null : (pending[callback.output] || []).shift();
      var payload = (result && result.payload) || (request && request.payload) || {};
      var status;
      if (result && result.error) {
        status = "error";
      } else if (clientside) {
        status = "clientside";
      } else {
        status = request && request.http === 200 ? "updated" : "prevented";
      }
      seq += 1;
      send("callback", {
        seq: seq,
        at: Date.now(),
        output: callback.output,
        clientside: clientside,
        trigger: payload.changedPropIds || [],
        status: status,
        detail: describeError(result && result.error),
        ms: request ? Math.round(performance.now() - request.started) : null
      });
    }
  };

  send("reset", null);
})();
