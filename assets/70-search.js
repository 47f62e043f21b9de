// Site search: a box in the navbar that looks through every lesson in the browser.
// The index (/search-index.json, built by gotchas/content/search_index.py) is
// fetched the first time the box is used, so pages load no more than before,
// and no query ever leaves the page. Ctrl-K (Cmd-K) or "/" opens the box.
(function () {
  "use strict";
  var INDEX_URL = "/search-index.json";
  var MAX_RESULTS = 8;
  var DEBOUNCE_MS = 120;
  var MIN_LENGTH = 2;
  var SATURATION = 1.2;  // the 2nd mention of a word adds less than the 1st, the 10th little
  var PARTIAL = 0.4;  // "duplicate" inside "allow_duplicate" counts less than the word itself
  var LENGTH_NORM = 0.25;  // how much a long text's mentions are discounted (BM25's b)
  var PHRASE = 1.5;  // the words together, as typed
  var LESSON_SHARE = 0.1;  // a section gains from the rest of its lesson being about the query
  var WAIT_FOR_PAGE_MS = 60000;

  // --- Searching: plain functions of the index and the query.

  function prepare(index) {
    var lessons = index.lessons, total = {}, number = {};
    index.places.forEach(function (place) {
      place.fields.forEach(function (field) {
        total[field[0]] = (total[field[0]] || 0) + field[1].length;
        number[field[0]] = (number[field[0]] || 0) + 1;
      });
    });
    return index.places.map(function (place, order) {
      var lesson = lessons[place.lesson];
      return {
        order: order,
        lesson: place.lesson,
        title: lesson.title,
        section: place.section,
        url: lesson.url + (place.anchor ? "#" + place.anchor : ""),
        fields: place.fields.map(function (field) {
          var average = total[field[0]] / number[field[0]];
          return {kind: field[0], text: field[1], lower: field[1].toLowerCase(),
                  weight: index.weights[field[0]] || 1,
                  norm: 1 - LENGTH_NORM + LENGTH_NORM * field[1].length / average};
        })
      };
    });
  }

  // Words of the query, without the quotes or backticks one may type around a name.
  function wordsOf(query) {
    var seen = {};
    return query.toLowerCase().split(/\s+/).map(function (word) {
      return word.replace(/^[`'"([{,;:]+|[`'")\]},;:?!]+$/g, "");
    }).filter(function (word) {
      var fresh = word && !seen[word];
      seen[word] = true;
      return fresh;
    });
  }

  var NAME_CHAR = /[a-z0-9_]/;
  function isNameChar(ch) { return !!ch && NAME_CHAR.test(ch); }

  // Whole words (a name, not part of a longer one) count 1, parts of words less.
  function mentions(lower, word) {
    var found = 0, at = lower.indexOf(word), first = -1, firstWhole = -1;
    while (at !== -1 && found < 30) {
      var whole = !(isNameChar(word[0]) && isNameChar(lower[at - 1])) &&
                  !(isNameChar(word[word.length - 1]) && isNameChar(lower[at + word.length]));
      found += whole ? 1 : PARTIAL;
      if (first === -1) { first = at; }
      if (whole && firstWhole === -1) { firstWhole = at; }
      at = lower.indexOf(word, at + word.length);
    }
    return {count: found, at: firstWhole !== -1 ? firstWhole : first};
  }

  function saturate(count) { return count * (1 + SATURATION) / (count + SATURATION); }

  // BM25 per field, the usual ranking of documents with parts: in each text a
  // word's mentions add ever less, fewer in a long text than in a short one,
  // times the weight of the text's kind; words found in few places count more.
  // Every word must appear somewhere in the place.
  function search(places, query) {
    var words = wordsOf(query);
    if (!words.length) { return {results: [], total: 0, words: words}; }
    var scores = places.map(function () { return 0; });
    words.forEach(function (word) {
      var sums = places.map(function (place) {
        var sum = 0;
        place.fields.forEach(function (field) {
          var count = mentions(field.lower, word).count;
          if (count) { sum += field.weight * saturate(count / field.norm); }
        });
        return sum;
      });
      var having = sums.filter(Boolean).length;
      var rarity = Math.log(1 + (places.length - having + 0.5) / (having + 0.5));
      sums.forEach(function (sum, i) {
        scores[i] = sum && scores[i] !== null ? scores[i] + rarity * sum : null;
      });
    });
    var phrase = words.join(" ");
    var found = [], byLesson = {};
    places.forEach(function (place, i) {
      var score = scores[i];
      if (!score) { return; }
      if (words.length > 1 && place.fields.some(function (f) { return f.lower.indexOf(phrase) !== -1; })) {
        score *= PHRASE;
      }
      found.push({place: place, score: score});
      byLesson[place.lesson] = (byLesson[place.lesson] || 0) + score;
    });
    found.forEach(function (hit) {
      hit.rank = hit.score + LESSON_SHARE * (byLesson[hit.place.lesson] - hit.score);
    });
    found.sort(function (a, b) { return b.rank - a.rank || a.place.order - b.place.order; });
    return {results: found.slice(0, MAX_RESULTS), total: found.length, words: words};
  }

  var QUOTED = {summary: true, caption: true, text: true, code: true, error: true};

  // A few words around the best match: the line itself for code.
  function snippetOf(place, words) {
    var best = null, bestScore = 0, bestAt = -1;
    place.fields.forEach(function (field) {
      if (!QUOTED[field.kind]) { return; }
      var score = 0, at = -1;
      words.forEach(function (word) {
        var seen = mentions(field.lower, word);
        if (seen.count) {
          score += field.weight * saturate(seen.count);
          if (at === -1 || seen.at < at) { at = seen.at; }
        }
      });
      if (score > bestScore || (!best && field.kind !== "code")) {
        if (score > bestScore) { bestScore = score; }
        best = field;
        bestAt = at;
      }
    });
    if (!best) { return {text: "", code: false}; }
    var text = best.text;
    if (best.kind === "code") {
      var start = text.lastIndexOf("\n", bestAt) + 1;
      var end = text.indexOf("\n", bestAt);
      var line = text.slice(start, end === -1 ? text.length : end);
      var indent = line.length - line.replace(/^\s+/, "").length;
      return {text: clip(line.trim(), bestAt - start - indent, 110), code: true};
    }
    return {text: clip(text, Math.max(0, bestAt), 150), code: false};
  }

  // About `length` characters from a little before `at`, cut at spaces, with ellipses.
  function clip(text, at, length) {
    var start = Math.max(0, at - 40);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space !== -1 && space < at ? space + 1 : start;
    }
    var end = Math.min(text.length, start + length);
    if (end < text.length) {
      var last = text.lastIndexOf(" ", end);
      end = last > at ? last : end;
    }
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  // --- The box.

  var ids = {
    box: "site-search", form: "site-search-form", input: "site-search-input",
    list: "site-search-results", status: "site-search-status", open: "site-search-open"
  };
  var state = {places: null, loading: null, results: [], active: -1, timer: null, query: ""};
  var SVG = "http://www.w3.org/2000/svg";

  function make(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { el.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return el;
  }

  function icon() {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "search-icon");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", "M11.7 10.3a6.5 6.5 0 1 0-1.4 1.4l3.8 3.8 1.4-1.4zM6.5 11a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9z");
    svg.appendChild(path);
    return svg;
  }

  function el(name) { return document.getElementById(ids[name]); }

  function mount(box) {
    var mac = /Mac|iPhone|iPad/.test(navigator.platform || "");
    box.appendChild(make("button", {
      type: "button", id: ids.open, "class": "search-open btn btn-link",
      "aria-label": "Search the lessons", "aria-expanded": "false", "aria-controls": ids.form
    }, [icon()]));
    var input = make("input", {
      id: ids.input, type: "search", role: "combobox", "class": "form-control form-control-sm",
      placeholder: "Search lessons", autocomplete: "off", spellcheck: "false",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": ids.list,
      "aria-keyshortcuts": (mac ? "Meta+K" : "Control+K") + " /"
    });
    box.appendChild(make("form", {id: ids.form, role: "search", "class": "search-form",
                                  "aria-label": "Search the lessons"}, [
      make("label", {"for": ids.input, "class": "visually-hidden"}, ["Search the lessons"]),
      make("div", {"class": "search-field"}, [
        icon(), input,
        make("kbd", {"class": "search-key", "aria-hidden": "true"}, [mac ? "⌘K" : "Ctrl K"])
      ]),
      make("div", {"class": "search-panel", hidden: ""}, [
        make("div", {id: ids.list, role: "listbox", "aria-label": "Search results"}),
        make("p", {"class": "search-message"})
      ]),
      make("div", {id: ids.status, role: "status", "class": "visually-hidden"})
    ]));
  }

  function loadIndex() {
    if (!state.loading) {
      state.loading = window.fetch(INDEX_URL, {credentials: "same-origin"})
        .then(function (response) {
          if (!response.ok) { throw new Error("search index: HTTP " + response.status); }
          return response.json();
        })
        .then(function (index) {
          state.places = prepare(index);
          if (el("input") && el("input").value) { run(); }
        }, function () {
          state.loading = null;  // the next focus tries again
          say("The search could not load. Try again in a moment.");
        });
    }
    return state.loading;
  }

  function panel() { return el("form").querySelector(".search-panel"); }

  function showPanel(show) {
    panel().hidden = !show;
    el("input").setAttribute("aria-expanded", String(show && state.results.length > 0));
    if (!show) { setActive(-1); }
  }

  function say(message) {
    var text = el("form").querySelector(".search-message");
    text.textContent = message || "";
    text.hidden = !message;
    if (message) { panel().hidden = false; }
  }

  function marked(text, words) {
    var lower = text.toLowerCase(), ranges = [];
    words.forEach(function (word) {
      for (var at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + word.length)) {
        ranges.push([at, at + word.length]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var fragment = document.createDocumentFragment(), position = 0;
    ranges.forEach(function (range) {
      if (range[0] < position) { range[0] = position; }
      if (range[1] <= range[0]) { return; }
      fragment.appendChild(document.createTextNode(text.slice(position, range[0])));
      fragment.appendChild(make("mark", {}, [text.slice(range[0], range[1])]));
      position = range[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(position)));
    return fragment;
  }

  function option(hit, i, words) {
    var place = hit.place, snippet = snippetOf(place, words);
    var where = make("span", {"class": "search-where"}, [
      make("span", {"class": "search-lesson"}, [marked(place.title, words)])
    ]);
    if (place.section) {
      where.appendChild(make("span", {"class": "search-section"}, [marked(place.section, words)]));
    }
    var quote = make(snippet.code ? "code" : "span", {"class": "search-snippet"},
                     [marked(snippet.text, words)]);
    return make("a", {
      id: "site-search-option-" + i, role: "option", href: place.url, tabindex: "-1",
      "aria-selected": "false", "class": "search-result"
    }, [where, quote]);
  }

  function run() {
    var input = el("input"), query = input.value.trim();
    state.query = query;
    var list = el("list");
    if (query.length < MIN_LENGTH) {
      state.results = [];
      list.replaceChildren();
      el("status").textContent = "";
      say("");
      showPanel(false);
      return;
    }
    if (!state.places) {
      state.results = [];
      list.replaceChildren();
      say("Loading the lessons…");
      loadIndex();
      return;
    }
    var found = search(state.places, query);
    state.results = found.results;
    list.replaceChildren.apply(list, found.results.map(function (hit, i) {
      return option(hit, i, found.words);
    }));
    var shown = found.results.length;
    if (!shown) {
      say("Nothing in the lessons matches “" + query + "”.");
    } else if (found.total > shown) {
      say("The best " + shown + " of " + found.total + " places. Add a word to narrow it down.");
    } else {
      say("");
    }
    el("status").textContent = shown ? found.total + (found.total === 1 ? " result" : " results")
                                     : "No results";
    showPanel(true);
    setActive(shown ? 0 : -1);
  }

  function setActive(i) {
    var input = el("input"), options = el("list").querySelectorAll("[role=option]");
    state.active = i;
    options.forEach(function (opt, n) { opt.setAttribute("aria-selected", String(n === i)); });
    if (i >= 0 && options[i]) {
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function isOpen() { return el("form") && !panel().hidden; }

  function openBox() {
    var box = el("box");
    if (!box || !el("input")) { return; }
    box.classList.add("is-open");
    el("open").setAttribute("aria-expanded", "true");
    el("input").focus();
    el("input").select();
  }

  function closeBox() {
    el("box").classList.remove("is-open");
    el("open").setAttribute("aria-expanded", "false");
  }

  // Go to a result the way the site's own links go: Dash swaps the page without
  // reloading it. The #section is set once the lesson is there, so that
  // assets/50-lesson-page.js scrolls to it in the new page, not in the old one.
  function go(href) {
    var url = new URL(href, window.location.href);
    showPanel(false);
    el("input").blur();
    closeBox();
    if (url.pathname === window.location.pathname) {
      if (url.hash && url.hash !== window.location.hash) {
        window.location.hash = url.hash;
      } else if (url.hash) {
        window.dispatchEvent(new HashChangeEvent("hashchange"));
      } else {
        window.scrollTo({top: 0, left: 0, behavior: "instant"});
      }
      return;
    }
    window.callbackGotchas.goTo(url.pathname);  // assets/06-shared.js
    window.scrollTo({top: 0, left: 0, behavior: "instant"});
    if (url.hash) { whenShown(url, function () {
      window.history.replaceState(window.history.state, "", url.pathname + url.hash);
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    }); }
  }

  function whenShown(url, then) {
    var slug = url.pathname.split("/").pop();
    var selector = '.lesson[data-lesson="' + slug + '"]';
    var deadline = Date.now() + WAIT_FOR_PAGE_MS;
    (function check() {
      if (window.location.pathname !== url.pathname) { return; }  // the learner went on
      // Past the deadline the #section still goes into the address: it works on a reload.
      if (document.querySelector(selector) || Date.now() > deadline) { then(); return; }
      window.setTimeout(check, 50);
    })();
  }

  function onInputKey(event) {
    if (event.isComposing) { return; }  // Enter ends a word typed with an input method
    // A key pressed before the pause after typing acts on what is typed now.
    if (/^(ArrowDown|ArrowUp|Enter)$/.test(event.key) && isOpen() &&
        event.target.value.trim() !== state.query) {
      window.clearTimeout(state.timer);
      run();
    }
    var count = state.results.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!isOpen()) { run(); return; }
      if (!count) { return; }
      var step = event.key === "ArrowDown" ? 1 : -1;
      setActive(((state.active < 0 && step < 0 ? count : state.active) + step + count) % count);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (isOpen() && count) { go(state.results[Math.max(0, state.active)].place.url); }
      else { run(); }
    } else if (event.key === "Escape") {
      // Chrome would empty a search box on Escape: first close the list, then empty it.
      event.preventDefault();
      if (isOpen()) { showPanel(false); }
      else if (event.target.value) { event.target.value = ""; run(); }
      else if (el("box").classList.contains("is-open")) { closeBox(); el("open").focus(); }
    }
  }

  function editable(target) {
    return !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (!el("input")) { return; }
    if (event.target === el("input")) { onInputKey(event); }
    var k = event.key === "k" || event.key === "K";
    if (k && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      openBox();
    } else if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey &&
               !editable(event.target)) {
      event.preventDefault();
      openBox();
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target !== el("input")) { return; }
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(run, DEBOUNCE_MS);
  });

  document.addEventListener("focusin", function (event) {
    if (event.target !== el("input")) { return; }
    loadIndex();
    if (event.target.value.trim().length >= MIN_LENGTH && state.places) { run(); }
  });

  document.addEventListener("focusout", function (event) {
    var form = el("form");
    if (form && form.contains(event.target) && !form.contains(event.relatedTarget)) {
      showPanel(false);
    }
  });

  // A press on a result keeps the focus in the box: the list stays until the click.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest("#" + ids.list)) { event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) { return; }
    if (target.closest("#" + ids.open)) {
      if (el("box").classList.contains("is-open")) { closeBox(); } else { openBox(); }
      return;
    }
    var result = target.closest("#" + ids.list + " [role=option]");
    // A new tab or window is the browser's business.
    if (!result || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey ||
        event.altKey) { return; }
    event.preventDefault();
    go(result.getAttribute("href"));
  });

  // Dash draws the navbar after this file runs (and would again after a reload of
  // the layout): fill the placeholder whenever it is empty.
  function ensureMounted() {
    var box = document.getElementById(ids.box);
    if (box && !box.firstChild) { mount(box); }
  }
  new MutationObserver(ensureMounted).observe(document.documentElement, {childList: true, subtree: true});
  ensureMounted();
})();
