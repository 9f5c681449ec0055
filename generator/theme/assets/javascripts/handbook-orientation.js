/* Reading progress on the orientation path: each step can be marked as read, and the path
   and the home page say how many are. The marks are kept in this browser only
   (localStorage, under the site's own address), and nothing is sent anywhere. Without
   script, the checkboxes and counts stay hidden and the path reads as a plain list. */
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

  // The day every step was first read: the reader's own date, for the sign-off.
  var COMPLETED = "@completed";  // never a step key: those are lower-case words and hyphens

  function titles() {
    var found = {};
    document.querySelectorAll("input[data-hb-step]").forEach(function (box) {
      found[box.getAttribute("data-hb-step")] = box.getAttribute("data-hb-title") || "";
    });
    return found;
  }

  function longDate(iso) {
    var day = new Date(iso + "T12:00:00");
    var language = document.documentElement.lang || undefined;
    return day.toLocaleDateString(language, {day: "numeric", month: "long", year: "numeric"});
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
      var completed = progress.getAttribute("data-hb-completed");
      if (completed && done === steps.length && typeof read[COMPLETED] === "string") {
        count.textContent = completed.replace("{date}", longDate(read[COMPLETED]));
      } else {
        count.textContent = progress.getAttribute("data-hb-wording")
          .replace("{done}", String(done)).replace("{total}", String(steps.length));
      }
      var bar = progress.querySelector("progress");
      if (bar) { bar.value = done; }
      listUnread(progress, steps, read);
      // The home page says it only once a step is read; the path always does.
      progress.hidden = progress.hasAttribute("data-hb-quiet") && done === 0;
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
        if (all && typeof read[COMPLETED] !== "string") { read[COMPLETED] = today(); }
        if (!all) { delete read[COMPLETED]; }
        keep(read);
        show();
      });
    });
    document.querySelectorAll("[data-hb-reset]").forEach(function (button) {
      button.addEventListener("click", function () {
        keep({});
        show();
      });
    });
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
