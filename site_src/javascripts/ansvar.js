/*
 * avtal: the filters of "Vem ansvarar för vad?" (templates/ansvar.md).
 *
 * The page lists every statement without JavaScript; the filters (a group of controls, not a form:
 * nothing is sent anywhere) are rendered hidden and shown here. Unticking a party hides its column and its statements, choosing a kind hides every other
 * kind; a topic whose statements are all hidden is hidden with its heading and its line in the
 * overview table. A line under the controls says how many statements are shown.
 */
(function () {
  "use strict";

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function setup() {
    var controls = document.querySelector(".avtal-ansvar-filter");
    if (!controls) return;
    var total = document.querySelectorAll(".avtal-ansvar-post").length;

    function apply() {
      var parties = {};
      each(controls, "input[name=part]", function (box) { parties[box.value] = box.checked; });
      var kind = controls.querySelector("select[name=typ]").value;
      var shown = 0;
      each(document, ".avtal-ansvar-cell, .avtal-ansvar-oversikt [data-party]", function (el) {
        el.hidden = !parties[el.dataset.party];
      });
      each(document, ".avtal-ansvar-rad", function (row) {
        var visible = 0;
        each(row, ".avtal-ansvar-post", function (item) {
          var on = parties[item.dataset.party] && (!kind || item.dataset.kind === kind);
          item.hidden = !on;
          if (on) visible++;
        });
        each(row, ".avtal-ansvar-utan", function (box) { box.hidden = !parties[""] || !box.querySelector(".avtal-ansvar-post:not([hidden])"); });
        row.hidden = visible === 0;
        var heading = row.previousElementSibling;
        if (heading && /^H[1-6]$/.test(heading.tagName)) heading.hidden = visible === 0;
        var line = document.querySelector(".avtal-ansvar-oversikt tr[data-row='" + row.dataset.row + "']");
        if (line) line.hidden = visible === 0;
        shown += visible;
      });
      controls.querySelector(".avtal-ansvar-antal").textContent =
        shown === total ? "Visar alla " + total + " ansvar." : "Visar " + shown + " av " + total + " ansvar.";
    }

    controls.hidden = false;
    controls.addEventListener("change", apply);
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
