/* Reading progress on the orientation paths: each step can be marked as read, and the path
   and the home page say how many are. The marks are kept in this browser only
   (localStorage, under the site's own address), and nothing is sent anywhere. A step on
   several paths (everyone's steps are on every role's) is read on all of them. Without
   script, the checkboxes and counts stay hidden and the path reads as a plain list.

   Also the self-check questions: the reader's choice is checked here, in the page, and
   forgotten when the page is left. */
(function () {
  "use strict";
  // Material's scope: the site's base address, so two handbooks on one host keep apart.
  var scope = typeof __md_scope !== "undefined" ? __md_scope.pathname : "/";
  var KEY = "handbook-orientation-read:" + scope;

  function marks() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return stored && typeof stored === "object" ? stored : {};
    } catch (error) {
      return {};
    }
  }

  function keep(read) {
    try { window.localStorage.setItem(KEY, JSON.stringify(read)); } catch (error) { /* private mode */ }
  }

  // Never step keys (those are lower-case words and hyphens): the day every step of a path
  // was first read (the reader's own date, for the sign-off), and the path the reader
  // last marked a step on (the one the home page shows).
  var COMPLETED = "@completed:";
  var CURRENT = "@path";

  function titles() {
    var found = {};
    document.querySelectorAll("input[data-hb-step]").forEach(function (box) {
      found[box.getAttribute("data-hb-step")] = box.getAttribute("data-hb-title") || "";
    });
    return found;
  }

  // In the handbook's language, as the pages' own dates are written: plain `en` is
  // CLDR's world English ("6 December 2026"), as on the server, not the US form.
  function longDate(iso, language) {
    var day = new Date(iso + "T12:00:00");
    var locale = language === "en" ? "en-001" : (language || document.documentElement.lang);
    try {
      return day.toLocaleDateString(locale, {day: "numeric", month: "long", year: "numeric"});
    } catch (unknown) {
      return day.toLocaleDateString(undefined, {day: "numeric", month: "long", year: "numeric"});
    }
  }

  function listUnread(progress, steps, read) {
    var list = progress.querySelector("[data-hb-unread]");
    if (!list) { return; }
    var named = titles();
    var unread = steps.filter(function (step) { return read[step] !== true; });
    list.textContent = "";
    unread.forEach(function (step) {
      var link = document.createElement("a");
      link.href = "#" + step;
      link.textContent = named[step] || step;
      var item = document.createElement("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    var intro = progress.querySelector(".hb-sign-off__unread-intro");
    if (intro) { intro.hidden = unread.length === 0; }
  }

  function show() {
    var read = marks();
    document.querySelectorAll("input[data-hb-step]").forEach(function (box) {
      box.checked = read[box.getAttribute("data-hb-step")] === true;
      box.closest(".hb-step-done").hidden = false;
    });
    document.querySelectorAll("[data-hb-progress]").forEach(function (progress) {
      var steps = progress.getAttribute("data-hb-steps").split(" ").filter(Boolean);
      var done = steps.filter(function (step) { return read[step] === true; }).length;
      var count = progress.querySelector(".hb-progress__count");
      var path = progress.getAttribute("data-hb-path");
      var finished = read[COMPLETED + path];
      var completed = progress.getAttribute("data-hb-completed");
      if (completed && done === steps.length && typeof finished === "string") {
        count.textContent = completed.replace(
          "{date}", longDate(finished, progress.getAttribute("data-hb-language")));
      } else {
        count.textContent = progress.getAttribute("data-hb-wording")
          .replace("{done}", String(done)).replace("{total}", String(steps.length));
      }
      var bar = progress.querySelector("progress");
      if (bar) { bar.value = done; }
      listUnread(progress, steps, read);
      // The home page says it only once a step is read, for the reader's path; the path's
      // own page always does.
      var quiet = progress.hasAttribute("data-hb-quiet");
      var current = typeof read[CURRENT] === "string" ? read[CURRENT] : "orientation";
      progress.hidden = quiet && (done === 0 || path !== current);
    });
  }

  function today() {
    var now = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function setUp() {
    document.querySelectorAll("input[data-hb-step]").forEach(function (box) {
      box.addEventListener("change", function () {
        var read = marks();
        if (box.checked) { read[box.getAttribute("data-hb-step")] = true; }
        else { delete read[box.getAttribute("data-hb-step")]; }
        var all = [].every.call(document.querySelectorAll("input[data-hb-step]"), function (b) {
          return read[b.getAttribute("data-hb-step")] === true;
        });
        var page = document.querySelector("[data-hb-progress][data-hb-path]");
        var path = page ? page.getAttribute("data-hb-path") : "orientation";
        read[CURRENT] = path;
        if (all && typeof read[COMPLETED + path] !== "string") { read[COMPLETED + path] = today(); }
        if (!all) { delete read[COMPLETED + path]; }
        keep(read);
        show();
      });
    });
    // Starting again forgets this path's steps only: another path's marks stay.
    document.querySelectorAll("[data-hb-reset]").forEach(function (button) {
      button.addEventListener("click", function () {
        var progress = button.closest("[data-hb-progress]");
        var read = marks();
        progress.getAttribute("data-hb-steps").split(" ").forEach(function (step) {
          delete read[step];
        });
        delete read[COMPLETED + progress.getAttribute("data-hb-path")];
        keep(read);
        show();
      });
    });
    document.querySelectorAll("form[data-hb-quiz]").forEach(setUpQuestion);
    show();
  }

  // A question: check the choice, say right or not, show why, and offer another try.
  function setUpQuestion(form) {
    var verdict = form.querySelector(".hb-quiz__verdict");
    var answer = form.querySelector(".hb-quiz__answer");
    var retry = form.querySelector("[data-hb-retry]");
    var choices = [].slice.call(form.querySelectorAll("input"));
    form.querySelector(".hb-quiz__actions").hidden = false;
    answer.hidden = true;  // shown once the reader has answered
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = choices.filter(function (input) { return input.checked; });
      if (chosen.length === 0) {
        verdict.textContent = form.getAttribute("data-hb-empty-words");
        return;
      }
      var right = choices.every(function (input) {
        return input.checked === input.hasAttribute("data-hb-right");
      });
      form.classList.toggle("hb-quiz--right", right);
      form.classList.toggle("hb-quiz--wrong", !right);
      verdict.textContent = form.getAttribute(right ? "data-hb-right-words" : "data-hb-wrong-words");
      answer.hidden = false;
      answer.open = true;
      retry.hidden = false;
    });
    retry.addEventListener("click", function () {
      choices.forEach(function (input) { input.checked = false; });
      form.classList.remove("hb-quiz--right", "hb-quiz--wrong");
      verdict.textContent = "";
      answer.open = false;
      answer.hidden = true;
      retry.hidden = true;
      choices[0].focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
