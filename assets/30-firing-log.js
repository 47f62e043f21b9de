// The lesson page's end of the firing log. Framed examples post one message
// per callback run (assets/example/probe.js); entries live in this tab only.
(function () {
  "use strict";
  var logs = {};

  function badgeClass(status) {
    return {
      updated: "text-bg-success",
      prevented: "text-bg-secondary",
      clientside: "text-bg-info",
      error: "text-bg-danger"
    }[status] || "text-bg-light";
  }

  function el(type, props, children) {
    var p = Object.assign({}, props || {});
    if (children !== undefined) { p.children = children; }
    return {type: type, namespace: "dash_html_components", props: p};
  }

  function renderLog(entries, names) {
    if (!entries || !entries.length) {
      return el("P", {className: "text-body-secondary small mb-0"},
        "No callback has run yet. Use the example above and watch this list.");
    }
    var rows = entries.map(function (entry) {
      var trigger = entry.trigger.length ? entry.trigger.join(", ") : "initial call";
      return el("Tr", {className: "fire-entry", "data-status": entry.status}, [
        el("Td", {className: "fire-seq"}, String(entry.seq)),
        el("Td", {className: "fire-callback"}, [
          el("Code", {}, (names && names[entry.output]) || entry.output),
          el("Div", {className: "fire-output small text-body-secondary"}, "→ " + entry.output)
        ]),
        el("Td", {className: "fire-trigger"}, trigger),
        el("Td", {className: "fire-status"}, [
          el("Span", {className: "badge " + badgeClass(entry.status)}, entry.status),
          entry.detail ? el("Div", {className: "small"}, entry.detail) : null
        ]),
        el("Td", {className: "fire-time small"},
          new Date(entry.at).toLocaleTimeString() + (entry.ms === null ? "" : " · " + entry.ms + " ms"))
      ]);
    });
    return el("Table", {className: "table table-sm align-middle mb-0"}, [
      el("Thead", {}, el("Tr", {}, ["#", "Callback", "Triggered by", "Status", "Time"].map(function (h) {
        return el("Th", {scope: "col"}, h);
      }))),
      el("Tbody", {}, rows)
    ]);
  }

  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (event.origin !== window.location.origin || !msg || msg.channel !== "callback-gotchas") {
      return;
    }
    if (typeof msg.example !== "string") { return; }
    if (msg.kind === "reset") {
      logs[msg.example] = [];
    } else if (msg.kind === "callback") {
      (logs[msg.example] = logs[msg.example] || []).push(msg.entry);
    } else {
      return;
    }
    window.dash_clientside.set_props(
      {type: "fire-store", example: msg.example},
      {data: logs[msg.example].slice()}
    );
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    gotchas: {renderLog: renderLog}
  });
})();
