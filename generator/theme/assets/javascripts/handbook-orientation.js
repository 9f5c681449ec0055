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
      count.textContent = progress.getAttribute("data-hb-wording")
        .replace("{done}", String(done)).replace("{total}", String(steps.length));
      var bar = progress.querySelector("progress");
      if (bar) { bar.value = done; }
      // The home page says it only once a step is read; the path always does.
      progress.hidden = progress.hasAttribute("data-hb-quiet") && done === 0;
    });
  }

  function setUp() {
    document.querySelectorAll("input[data-hb-step]").forEach(function (box) {
      box.addEventListener("change", function () {
        var read = marks();
        if (box.checked) { read[box.getAttribute("data-hb-step")] = true; }
        else { delete read[box.getAttribute("data-hb-step")]; }
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
