// Accessibility helpers for every page (issue 17).
//
// 1. Tooltips (abbreviations, key values, law titles) can be dismissed with Esc without moving the
//    pointer or the focus (WCAG 1.4.13): Material shows them on hover and focus; Esc hides them until
//    the pointer or the focus moves on. Esc is not stopped: the search box keeps its own Esc.
// 2. The printout names when and from where it was printed: the date and the page's address fill the
//    print-only line .avtal-utskriftsinfo (theme override main.html).
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
