// The learner's progress: lessons visited and completed, predictions made and
// right. It is kept in this browser's localStorage under one key and never
// leaves it: no Dash callback, store or request carries it (the server keeps
// nothing about a learner). Marks are drawn here, by href, on the lesson links
// of the sidebars and the home page; the home page's summary, its reset and a
// lesson's "Mark as done" box are drawn into empty containers laid out by
// pages/home.py and gotchas/page/lesson.py.
//
// A lesson is completed when the learner ticks "Mark as done", or when they
// have used both its broken and its fixed example: the sandbox tells each
// interaction (a click, an edit, a choice in the app, never a page-load
// callback) and each scored prediction by a "callback-gotchas:sandbox" event
// (assets/31-sandbox.js documents it).
(function () {
  "use strict";
  var KEY = "callback-gotchas:progress";
  var VERSION = 1;  // the stored value: {v: 1, lessons: {slug: LessonProgress}}
  var PAIR = ["broken", "fixed"];
  var SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
  var LESSON_PATH = /^\/lessons\/([a-z0-9][a-z0-9-]*)\/?$/;

  var kept = true;  // false once the browser refused storage: progress lasts for this page view
  var state = empty();
  var scored = {};  // "<example>#<id>" -> whether that prediction was all right, in this page view

  // ---- storage: one versioned JSON value, anything unexpected dropped ----
  function empty() { return {v: VERSION, lessons: {}}; }

  function count(value) { return typeof value === "number" && value >= 0 && value < 1e6 ? Math.floor(value) : 0; }

  function clean(raw) {
    var fresh = empty();
    var parsed = null;
    try { parsed = JSON.parse(raw); } catch (e) { return fresh; }
    if (!parsed || parsed.v !== VERSION || !parsed.lessons || typeof parsed.lessons !== "object") { return fresh; }
    Object.keys(parsed.lessons).forEach(function (slug) {
      var lesson = parsed.lessons[slug];
      if (!SLUG.test(slug) || !lesson || typeof lesson !== "object") { return; }
      var made = count(lesson.predicted);
      fresh.lessons[slug] = {
        visited: lesson.visited === true,
        done: lesson.done === true,
        tried: PAIR.filter(function (role) { return Array.isArray(lesson.tried) && lesson.tried.indexOf(role) !== -1; }),
        predicted: made,
        right: Math.min(count(lesson.right), made)
      };
    });
    return fresh;
  }

  function load() {
    if (!kept) { return state; }  // storage refused: what this page view has is all there is
    try {
      var raw = window.localStorage.getItem(KEY);
      return raw === null ? empty() : clean(raw);
    } catch (e) {  // storage off (a privacy setting)
      kept = false;
      return state;
    }
  }
  state = load();

  // Read again before each change: another tab may have written since.
  function update(change) {
    state = load();
    change(state);
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {  // refused, or full
      kept = false;
    }
    schedule();
  }

  function lessonOf(progress, slug) {
    if (!progress.lessons[slug]) {
      progress.lessons[slug] = {visited: false, done: false, tried: [], predicted: 0, right: 0};
    }
    return progress.lessons[slug];
  }

  function known(slug) { return Object.prototype.hasOwnProperty.call(state.lessons, slug) ? state.lessons[slug] : null; }

  // ---- what the learner does ----
  function visit(slug) {
    if (!SLUG.test(slug) || (known(slug) && known(slug).visited)) { return; }
    update(function (progress) { lessonOf(progress, slug).visited = true; });
  }

  function setDone(slug, done) {
    update(function (progress) { lessonOf(progress, slug).done = done; });
  }

  function interacted(example) {
    var parts = example.split("/");
    var slug = parts[0], role = parts[1];
    if (!SLUG.test(slug)) { return; }
    var lesson = known(slug);
    if (lesson && lesson.visited && (PAIR.indexOf(role) === -1 || lesson.tried.indexOf(role) !== -1)) { return; }
    update(function (progress) {
      var l = lessonOf(progress, slug);
      l.visited = true;
      if (PAIR.indexOf(role) === -1 || l.tried.indexOf(role) !== -1) { return; }
      l.tried = PAIR.filter(function (r) { return r === role || l.tried.indexOf(r) !== -1; });
      // Done the moment the second of the pair is used; unticking afterwards sticks.
      if (l.tried.length === PAIR.length) { l.done = true; }
    });
  }

  function predicted(detail) {
    var slug = String(detail.example).split("/")[0];
    var id = detail.example + "#" + detail.id;
    var right = detail.right === detail.total;
    if (!SLUG.test(slug) || scored[id] === right) { return; }
    var before = scored[id];
    scored[id] = right;
    update(function (progress) {
      var l = lessonOf(progress, slug);
      if (before === undefined) { l.predicted += 1; }
      l.right = Math.max(0, Math.min(l.predicted, l.right + (right ? 1 : 0) - (before ? 1 : 0)));
    });
  }

  window.addEventListener("callback-gotchas:sandbox", function (event) {
    var detail = event.detail || {};
    if (typeof detail.example !== "string") { return; }
    if (detail.type === "interaction") { interacted(detail.example); }
    if (detail.type === "prediction" && typeof detail.right === "number" && typeof detail.total === "number") {
      predicted(detail);
    }
  });

  // Everything this site keeps in the browser goes: the progress, the private
  // example token (the next learner at a shared machine gets fresh private
  // examples), and what the examples stored (they run on this origin: a
  // dcc.Store of the global-state lesson keeps a note in localStorage).
  function resetAll() {
    try { window.localStorage.clear(); } catch (e) { /* storage off: nothing kept */ }
    try { window.sessionStorage.clear(); } catch (e) { /* idem */ }
    state = empty();
    kept = true;
    scored = {};
    schedule();
  }

  // ---- drawing ----
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      if (name === "className") { node.className = props[name]; } else { node.setAttribute(name, props[name]); }
    });
    (children || []).forEach(function (child) {
      if (child !== null) { node.append(child); }
    });
    return node;
  }

  function status(slug) {
    var lesson = known(slug);
    if (!lesson) { return "new"; }
    return lesson.done ? "completed" : lesson.visited ? "visited" : "new";
  }

  function slugOfLink(link) {
    var match = LESSON_PATH.exec(link.pathname || "");
    return match ? match[1] : null;
  }

  // The lessons in reading order, as the sidebar lists them.
  function lessons() {
    var seen = [];
    document.querySelectorAll(".sidebar a.nav-link").forEach(function (link) {
      var slug = slugOfLink(link);
      if (slug && seen.indexOf(slug) === -1) { seen.push(slug); }
    });
    return seen;
  }

  var SYMBOLS = {visited: "○", completed: "✓"};
  // The desktop sidebar, the phone's menu (gotchas/page/shell.py) and the home page's list.
  var LINKS = ".sidebar a.nav-link, .navbar-sidebar a.nav-link, .lesson-list h3 a";

  function markLinks() {
    document.querySelectorAll(LINKS).forEach(function (link) {
      var slug = slugOfLink(link);
      var now = slug ? status(slug) : "new";
      var mark = link.querySelector(".progress-mark");
      if ((mark ? mark.getAttribute("data-state") : "new") === now) { return; }
      if (mark) { mark.remove(); }
      if (now === "new") { return; }
      // The word is read out (and shown on the home page); the symbol is for the eye.
      link.append(el("span", {className: "progress-mark", "data-state": now}, [
        el("span", {className: "progress-symbol", "aria-hidden": "true"}, [SYMBOLS[now]]),
        el("span", {className: "progress-word"}, [now])
      ]));
    });
  }

  function predictionText(made, right) {
    return right + " of " + made + (made === 1 ? " prediction" : " predictions") + " right";
  }

  function lessonNotes() {
    document.querySelectorAll(".lesson-progress-note[data-lesson]").forEach(function (note) {
      var lesson = known(note.getAttribute("data-lesson"));
      var text = lesson && lesson.predicted ? "Predict, then run: " + predictionText(lesson.predicted, lesson.right) : "";
      if (note.textContent !== text) {
        note.replaceChildren(text ? el("span", {"data-progress-ui": ""}, [text]) : "");
      }
    });
  }

  // Dash (React) may keep an element of one page for the next and make it
  // something else: take back what was drawn into anything no longer ours.
  function tidy() {
    document.querySelectorAll(".progress-mark").forEach(function (mark) {
      if (!mark.parentElement.matches(LINKS)) { mark.remove(); }
    });
    document.querySelectorAll("[data-progress-drawn]").forEach(function (box) {
      if (box.matches(".progress-summary, .lesson-progress[data-lesson]")) { return; }
      box.removeAttribute("data-progress-drawn");
      box.querySelectorAll(":scope > [data-progress-ui]").forEach(function (node) { node.remove(); });
    });
    document.querySelectorAll("[data-progress-ui]").forEach(function (node) {
      if (!node.parentElement.matches(".progress-summary, .lesson-progress, .lesson-progress-note")) { node.remove(); }
    });
  }

  // ---- a lesson page: "Mark as done" and where the learner stands ----
  function lessonBox(box) {
    var slug = box.getAttribute("data-lesson");
    // Dash keeps this element from one lesson to the next: build for the lesson it now shows.
    if (box.getAttribute("data-progress-drawn") !== slug) {
      var id = "lesson-done-" + slug;
      box.replaceChildren(
        el("div", {className: "form-check", "data-progress-ui": ""}, [
          el("input", {className: "form-check-input lesson-done", type: "checkbox", id: id}),
          el("label", {className: "form-check-label", for: id}, ["Mark this lesson as done"])
        ]),
        el("p", {className: "lesson-progress-status small mb-0", role: "status", "data-progress-ui": ""}, [])
      );
      box.setAttribute("data-progress-drawn", slug);
    }
    var lesson = known(slug) || {done: false, tried: [], predicted: 0, right: 0};
    var input = box.querySelector("input.lesson-done");
    if (input.checked !== lesson.done) { input.checked = lesson.done; }
    var parts = [];
    if (lesson.tried.length === PAIR.length) {
      parts.push("You used both the broken and the fixed example.");
    } else if (lesson.tried.length) {
      parts.push("You used the " + lesson.tried[0] + " example" + (lesson.done ? "." : "; use the " +
        PAIR.filter(function (r) { return r !== lesson.tried[0]; })[0] + " one too, or tick the box, " +
        "to complete the lesson."));
    } else if (!lesson.done) {
      parts.push("Use the broken and the fixed example, or tick the box, to complete the lesson.");
    }
    parts.push(lesson.predicted ? "Predict, then run: " + predictionText(lesson.predicted, lesson.right) + "."
      : "No prediction yet: each example's sandbox has “Predict, then run”.");
    var text = parts.join(" ");
    var line = box.querySelector(".lesson-progress-status");
    if (line.textContent !== text) { line.textContent = text; }
  }

  // ---- the home page: the summary and the reset ----
  function summaryBox(box) {
    if (!box.getAttribute("data-progress-drawn")) {
      box.replaceChildren(
        el("p", {className: "progress-line mb-1"}, []),
        el("div", {className: "progress mb-2", role: "progressbar", "aria-label": "Lessons completed",
                   "aria-valuemin": "0"}, [el("div", {className: "progress-bar"}, [])]),
        el("p", {className: "progress-predictions mb-1"}, []),
        el("div", {className: "progress-foot"}, [
          el("p", {className: "progress-privacy small mb-0"}, []),
          el("button", {type: "button", className: "btn btn-sm btn-outline-danger progress-reset-button",
                        "aria-expanded": "false", "aria-controls": "progress-confirm"}, ["Reset progress"])
        ]),
        el("div", {className: "progress-confirm", id: "progress-confirm", role: "group",
                   "aria-labelledby": "progress-confirm-text", hidden: ""}, [
          el("p", {className: "mb-2", id: "progress-confirm-text"}, [
            "Forget everything this site keeps in this browser: the lessons visited and completed, the " +
            "predictions, and what the examples stored? The next learner here starts afresh."]),
          el("button", {type: "button", className: "btn btn-sm btn-danger progress-confirm-button"},
             ["Yes, reset"]),
          el("button", {type: "button", className: "btn btn-sm btn-outline-secondary progress-cancel-button"},
             ["Cancel"])
        ]),
        el("p", {className: "progress-said small mb-0", role: "status"}, [])
      );
      box.childNodes.forEach(function (node) { node.setAttribute("data-progress-ui", ""); });
      box.setAttribute("data-progress-drawn", "true");
    }
    var all = lessons();
    var completed = all.filter(function (slug) { return status(slug) === "completed"; }).length;
    var visited = all.filter(function (slug) { return status(slug) !== "new"; }).length;
    var made = 0, right = 0;
    all.forEach(function (slug) {
      var lesson = known(slug);
      if (lesson) { made += lesson.predicted; right += lesson.right; }
    });
    setText(box, ".progress-line", visited
      ? "You have completed " + completed + " of " + all.length + " lessons, and opened " + visited + "."
      : "Nothing yet: open a lesson to start. Each one you complete is ticked here and in the lesson list.");
    var bar = box.querySelector(".progress");
    bar.hidden = !visited;
    bar.setAttribute("aria-valuemax", String(all.length));
    bar.setAttribute("aria-valuenow", String(completed));
    bar.firstChild.style.width = (all.length ? 100 * completed / all.length : 0) + "%";
    setText(box, ".progress-predictions", made ? "Predict, then run: " + predictionText(made, right) + "." : "");
    setText(box, ".progress-privacy", kept
      ? "Kept in this browser only: nothing about your progress is sent to the site."
      : "This browser does not let the site keep anything: your progress lasts until you leave the page.");
  }

  function setText(box, selector, text) {
    var node = box.querySelector(selector);
    if (node.textContent !== text) { node.textContent = text; }
  }

  function confirming(box, open) {
    box.querySelector(".progress-confirm").hidden = !open;
    box.querySelector(".progress-reset-button").setAttribute("aria-expanded", String(open));
    box.querySelector(open ? ".progress-cancel-button" : ".progress-reset-button").focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var box = target.closest && target.closest(".progress-summary");
    if (!box) { return; }
    if (target.closest(".progress-reset-button")) {
      box.querySelector(".progress-said").textContent = "";
      confirming(box, true);
    } else if (target.closest(".progress-cancel-button")) {
      confirming(box, false);
    } else if (target.closest(".progress-confirm-button")) {
      resetAll();
      confirming(box, false);
      box.querySelector(".progress-said").textContent = "Progress reset: this browser keeps nothing from your visits.";
    }
  });
  document.addEventListener("keydown", function (event) {
    var box = event.target.closest && event.target.closest(".progress-confirm");
    if (box && event.key === "Escape") { confirming(box.closest(".progress-summary"), false); }
  });
  document.addEventListener("change", function (event) {
    var input = event.target;
    var box = input.classList && input.classList.contains("lesson-done") && input.closest(".lesson-progress");
    if (box) { setDone(box.getAttribute("data-lesson"), input.checked); }
  });

  // ---- when to draw: Dash swaps pages without a load ----
  var pending = false;
  function draw() {
    pending = false;
    var article = document.querySelector("article.lesson[data-lesson]");
    if (article) { visit(article.getAttribute("data-lesson")); }
    tidy();
    markLinks();
    lessonNotes();
    document.querySelectorAll(".lesson-progress[data-lesson]").forEach(lessonBox);
    document.querySelectorAll(".progress-summary").forEach(summaryBox);
  }
  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(draw);
    }
  }
  new MutationObserver(schedule).observe(document.documentElement, {childList: true, subtree: true});
  window.addEventListener("storage", function (event) {
    if (kept && (event.key === KEY || event.key === null)) {
      state = load();
      schedule();
    }
  });
  schedule();
})();
