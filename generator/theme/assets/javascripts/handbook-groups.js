/* Show only what applies to one group of the organisation (organisation.yml's `groups`):
   entries marked `data-applies-to="leeds support"` are hidden when another group is
   chosen; entries for everyone always show. The choice is kept in this browser only
   (localStorage), and nothing is sent anywhere. Without script the filter stays hidden
   and every entry shows. */
(function () {
  "use strict";
  var KEY = "handbook-group";

  function remembered() {
    try { return window.localStorage.getItem(KEY) || ""; } catch (error) { return ""; }
  }

  function remember(group) {
    try { window.localStorage.setItem(KEY, group); } catch (error) { /* private mode */ }
  }

  function apply(group) {
    document.querySelectorAll("[data-applies-to]").forEach(function (entry) {
      var groups = entry.getAttribute("data-applies-to").split(" ");
      var hide = group !== "" && groups.indexOf(group) < 0;
      entry.hidden = hide;
      // A behaviour's heading stands just before its block: it goes with it.
      var heading = entry.previousElementSibling;
      if (heading && /^H[2-4]$/.test(heading.tagName)) {
        heading.hidden = hide;
      }
    });
  }

  function setUp() {
    document.querySelectorAll("select[data-hb-group-filter]").forEach(function (select) {
      var group = remembered();
      if (![].some.call(select.options, function (o) { return o.value === group; })) {
        group = "";
      }
      select.value = group;
      select.closest(".hb-group-filter").hidden = false;
      select.addEventListener("change", function () {
        remember(select.value);
        apply(select.value);
      });
      apply(group);
    });
  }

  // Material swaps pages without reloading (instant navigation) when it is on;
  // document$ then announces each page. Otherwise the page loads once.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
