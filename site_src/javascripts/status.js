/* The agreement's status on the reader's day.
 *
 * A page is built on one day, but read on many. Every banner (div.avtal-meta) carries in
 * data-avtal-status the period's statuses from its adoption on, computed at build time from its
 * term and recorded events (tools/avtal/status.py): [{from, code, label, valid_from, valid_to,
 * sentence}, ...], each stretch starting on "from" (YYYY-MM-DD; null for the first). This script
 * shows the stretch for today's date: the status, the validity and the sentence. It writes text
 * only (textContent), never markup.
 */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function show(meta, now) {
    var stretches;
    try {
      stretches = JSON.parse(meta.getAttribute("data-avtal-status"));
    } catch (e) {
      return;
    }
    var current = null;
    stretches.forEach(function (s) {
      if (s.from === null || s.from <= now) { current = s; }
    });
    if (!current) { return; }
    meta.className = meta.className.replace(/\bavtal-status-[a-z]+\b/, "avtal-status-" + current.code);
    var status = meta.querySelector(".avtal-status");
    if (status) {
      status.textContent = current.label;
      status.className = "avtal-status avtal-status-" + current.code;
    }
    var valid = meta.querySelector(".avtal-giltig[data-avtal-foljer-avtalstiden]");
    if (valid) { valid.textContent = "Giltig " + current.valid_from + " – " + current.valid_to; }
    var sentence = meta.querySelector(".avtal-status-text");
    if (sentence) { sentence.textContent = current.sentence; }
    var ended = meta.querySelector(".avtal-upphord-banderoll");
    if (current.code === "upphord" && !ended) {
      ended = document.createElement("p");
      ended.className = "avtal-upphord-banderoll";
      ended.setAttribute("role", "note");
      var strong = document.createElement("strong");
      strong.textContent = "UPPHÖRT";
      ended.appendChild(strong);
      ended.appendChild(document.createTextNode(" – denna avtalsperiod gäller inte längre."));
      meta.insertBefore(ended, meta.firstChild);
    } else if (current.code !== "upphord" && ended) {
      ended.parentNode.removeChild(ended);
    }
  }

  var now = today();
  var banners = document.querySelectorAll("[data-avtal-status]");
  for (var i = 0; i < banners.length; i++) { show(banners[i], now); }
})();
