/*
 * avtal: Material's search worker, with every word that has å, ä, ö (or é, ü …) indexed a
 * second time without them ("läkemedel" also as "lakemedel"), at the same position, so a query
 * typed on a phone or a foreign keyboard finds it and the result still highlights the word as
 * written. sok.js starts this script instead of Material's worker and passes that worker's URL
 * as the query string; Material's worker loads lunr's language files from "../lunr/" relative to
 * itself, which is redirected here to where they are.
 */
(function () {
  "use strict";

  var material = decodeURIComponent(self.location.search.slice(1));
  var lunrBase = new URL("../lunr/", material).href;
  var load = self.importScripts;
  self.importScripts = function () {
    var urls = Array.prototype.map.call(arguments, function (url) {
      return String(url).indexOf("../lunr/") === 0 ? lunrBase + String(url).slice(8) : url;
    });
    return load.apply(self, urls);
  };
  load.call(self, material);

  var lunr = self.lunr;

  /* "läkemedel" -> "lakemedel": Unicode decomposition without the combining marks. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function foldToken(token) {
    var word = token.toString();
    var folded = fold(word);
    if (folded === word) return token;
    return [token, token.clone(function () { return folded; })];
  }

  lunr.Pipeline.registerFunction(foldToken, "avtalFold");
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.avtalFold) {
      this.pipeline.add(foldToken);
      this.avtalFold = true;
    }
    return add.call(this, doc, attributes);
  };
})();
