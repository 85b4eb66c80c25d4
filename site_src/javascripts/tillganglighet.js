// Accessibility helpers for every page (issue 17).
//
// 1. Tooltips (abbreviations, key values, law titles) can be dismissed with Esc without moving the
//    pointer or the focus (WCAG 1.4.13): Material shows them on hover and focus; Esc hides them until
//    the pointer or the focus moves on. Esc is not stopped: the search box keeps its own Esc.
// 2. The printout names when and from where it was printed: the date and the page's public address fill
//    the print-only line .avtal-utskriftsinfo (theme override main.html); never a local server's address.
// 3. Search results are reached with Tab as with the arrow keys (WCAG 2.1.1): Material closes the search
//    on Tab; here Tab and Shift+Tab move between the search box and the results in Material's own order,
//    and only Tab past either end leaves the search (which Material then closes).
// 4. The menu on narrow screens and at 200-400 % zoom (below 76.25em, where Material shows the menu as a
//    drawer): the menu button (theme override partials/header.html) opens and closes it with Enter and
//    Space, tells whether it is open (aria-expanded), moves the focus to the menu's first link; Esc closes
//    it and gives the focus back to the button. A closed drawer is inert: its links, off screen, are not
//    in the tab order (squidfunk/mkdocs-material#4101).
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector(".avtal-meny-knapp");
  var menu = document.querySelector(".md-sidebar--primary");
  if (!drawer || !button || !menu) return;
  menu.id = menu.id || "avtal-meny";
  button.setAttribute("aria-controls", menu.id);
  var narrow = window.matchMedia("(max-width: 76.234375em)");  // Material's drawer breakpoint
  function sync() {
    button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    if (narrow.matches && !drawer.checked) menu.setAttribute("inert", ""); else menu.removeAttribute("inert");
  }
  function visible(el) {
    var style = getComputedStyle(el);
    return el.getClientRects().length > 0 && style.visibility !== "hidden";
  }
  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " " && event.key !== "Spacebar") return;
    event.preventDefault();
    button.click();  // the label toggles the drawer's checkbox, as Material does itself
    if (drawer.checked) {
      var first = Array.prototype.filter.call(menu.querySelectorAll("a[href]"), visible)[0];
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && drawer.checked && narrow.matches) {
      button.click();
      button.focus();
    }
  });
  drawer.addEventListener("change", sync);
  if (narrow.addEventListener) narrow.addEventListener("change", sync); else narrow.addListener(sync);
  sync();
})();

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

  // The page's public address: data-adress (site_url, or make_pdf.py --address), else the address in the
  // browser unless that is this computer's own (a PDF printed from a local server): then none.
  function publicAddress(line) {
    if (line.getAttribute("data-adress")) return line.getAttribute("data-adress");
    var local = location.protocol === "file:" ||
      /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|0\.0\.0\.0)$/.test(location.hostname);
    return local ? "" : location.href.split("#")[0];
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function stamp() {
    var now = new Date();
    var day = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    document.querySelectorAll(".avtal-utskriftsinfo").forEach(function (line) {
      var address = publicAddress(line);
      line.textContent = "Utskriven " + day + (address ? " från " + address : "");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", stamp); else stamp();
  window.addEventListener("beforeprint", stamp);
})();
