// Typed answers to the exercises (nnmath.exercises), checked on the page. Every exercise
// with data-answer-type gets a labelled answer box, a live preview of what was read, a
// Check button (Enter checks too) and a verdict (role="status", data-verdict). The
// checker itself (exercise-checker.js) and what it compares with (exercise-checks.js,
// written by SymPy at build time) load when a reader first focuses an answer box.
// Solved exercises are remembered in localStorage by exercise ID; the page shows
// "k of n solved" and a reset button. Runs on every page Material's document$ announces.
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var SOURCES = here ? [new URL("exercise-checker.js", here).href,
    new URL("../assets/javascripts/exercise-checks.js", here).href] : [];
  var KEY = "nnmath-exercise-solved:";
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  // The checker and the checks, loaded once (in order: the checks need nothing).
  function checker() {
    if (!loading) {
      loading = Promise.all(SOURCES.map(loadScript)).then(function () {
        return window.nnmath.exerciseChecker;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function isSolved(id) { var s = store(); return !!(s && s.getItem(KEY + id)); }
  function markSolved(id) { var s = store(); if (s) s.setItem(KEY + id, "1"); }
  function forget(id) { var s = store(); if (s) s.removeItem(KEY + id); }

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showVerdict(root, result) {
    var status = root.querySelector("[role=status]");
    status.dataset.verdict = result.verdict;
    status.textContent = result.message;
    if (result.verdict === "correct") {
      markSolved(root.dataset.exercise);
      root.dataset.solved = "true";
    }
    updateProgress();
  }

  function setUp(root) {
    if (root.dataset.nnmathChecker) return;
    root.dataset.nnmathChecker = "ready";
    var id = root.dataset.exercise;
    var method = root.querySelector(".nnmath-exercise-method");
    if (method) method.hidden = false;
    var form = make("form", { class: "nnmath-exercise-form", novalidate: "" });
    var inputId = "answer-" + id, previewId = "preview-" + id;
    form.appendChild(make("label", { for: inputId }, "Your answer"));
    var input = make("input", { id: inputId, type: "text", autocomplete: "off", autocapitalize: "off",
      spellcheck: "false", "aria-describedby": previewId, class: "md-input" });
    form.appendChild(input);
    form.appendChild(make("button", { type: "submit", class: "md-button" }, "Check"));
    var preview = make("div", { class: "nnmath-exercise-preview", id: previewId });
    preview.appendChild(make("span", { class: "nnmath-exercise-preview-label" }, "Read as: "));
    var shown = make("span", { class: "nnmath-exercise-preview-math" }, "\u2014");
    preview.appendChild(shown);
    var status = make("p", { role: "status", "aria-live": "polite", class: "nnmath-exercise-verdict" });
    var anchor = root.querySelector(".nnmath-exercise-check") || root.firstChild;
    anchor.after(form, preview, status);
    if (isSolved(id)) root.dataset.solved = "true";

    function payload(api) { return (window.nnmath.exerciseChecks || {})[id]; }
    function refresh(api) {
      var data = payload(api);
      if (!data) return;
      shown.textContent = "";
      if (!input.value.trim()) { shown.textContent = "\u2014"; return; }
      var result = api.preview(document, data, input.value);
      if (result.math) shown.appendChild(result.math);
      else shown.textContent = "(" + result.problem + ")";
    }
    input.addEventListener("focus", function () { checker().catch(function () {}); });
    input.addEventListener("input", function () {
      checker().then(refresh).catch(function () {});
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      checker().then(function (api) {
        var data = payload(api);
        if (!data) throw new Error("no checks for " + id);
        refresh(api);
        showVerdict(root, api.check(data, input.value));
      }).catch(function () {
        showVerdict(root, { verdict: "invalid", message: "The checker could not be loaded; reload the page to try again." });
      });
    });
  }

  function exercisesOnPage() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-exercise][data-answer-type]"));
  }

  function updateProgress() {
    var all = exercisesOnPage(), bar = document.querySelector(".nnmath-exercise-progress");
    if (!bar) return;
    var solved = all.filter(function (root) { return isSolved(root.dataset.exercise); }).length;
    bar.querySelector(".nnmath-exercise-count").textContent = solved + " of " + all.length + " solved";
  }

  function setUpProgress(all) {
    if (!all.length || document.querySelector(".nnmath-exercise-progress")) return;
    var bar = make("div", { class: "nnmath-exercise-progress" });
    bar.appendChild(make("span", { class: "nnmath-exercise-count", "aria-live": "polite" }));
    var reset = make("button", { type: "button", class: "md-button" }, "Reset solved exercises");
    reset.addEventListener("click", function () {
      exercisesOnPage().forEach(function (root) {
        forget(root.dataset.exercise);
        delete root.dataset.solved;
      });
      updateProgress();
    });
    bar.appendChild(reset);
    all[0].before(bar);
    updateProgress();
  }

  function setUpAll() {
    var all = exercisesOnPage();
    all.forEach(setUp);
    setUpProgress(all);
  }

  window.nnmathOnPage(setUpAll);
})();
