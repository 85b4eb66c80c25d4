// Accessibility helpers for every page (issue 17).
//
// 1. Tooltips (abbreviations, key values, law titles) can be dismissed with Esc without moving the
//    pointer or the focus (WCAG 1.4.13): Material shows them on hover and focus; Esc hides them until
//    the pointer or the focus moves on. Esc is not stopped: the search box keeps its own Esc.
// 2. The printout names when and from where it was printed: the date and the page's address fill the
//    print-only line .avtal-utskriftsinfo (theme override main.html).
// 3. Search results are reached with Tab as with the arrow keys (WCAG 2.1.1): Material closes the search
//    on Tab; here Tab and Shift+Tab move between the search box and the results in Material's own order,
//    and only Tab past either end leaves the search (which Material then closes).
(function () {
  "use strict";
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" && event.key !== "Shift" || event.altKey || event.ctrlKey || event.metaKey) return;
    var toggle = document.querySelector("[data-md-toggle=search]");
    var input = document.querySelector("input.md-search__input");
    var results = document.querySelector(".md-search-result__list");
    if (!toggle || !toggle.checked || !input || !results) return;
    var items = [input].concat(Array.prototype.slice.call(
      results.querySelectorAll(":not(details) > [href], summary, details[open] [href]")));
    var here = items.indexOf(document.activeElement);
    if (event.key === "Shift") {  // Material sends any other key on a result back to the box: not Shift+Tab's
      if (here > 0) event.stopPropagation();
      return;
    }
    var next = here + (event.shiftKey ? -1 : 1);
    if (here < 0 || next < 0 || next >= items.length) return;
    event.preventDefault();
    event.stopPropagation();  // before Material's keyboard handler on window, which would close the search
    items[next].focus();
  }, true);
})();

(function () {
  "use strict";
  var root = document.documentElement;
  var CLOSED = "avtal-tooltips-stangda";
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") root.classList.add(CLOSED);
  });
  function reopen() { root.classList.remove(CLOSED); }
  document.addEventListener("focusin", reopen);
  document.addEventListener("pointerover", reopen);  // fires on entering another element, not on a tremor

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function stamp() {
    var now = new Date();
    var day = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    var address = location.href.split("#")[0];
    document.querySelectorAll(".avtal-utskriftsinfo").forEach(function (line) {
      line.textContent = "Utskriven " + day + " från " + address;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", stamp); else stamp();
  window.addEventListener("beforeprint", stamp);
})();
