/*
 * avtal: Material's search worker, with every word that has å, ä, ö (or é, ü …) indexed a
 * second time without them ("läkemedel" also as "lakemedel"), at the same position, so a query
 * typed on a phone or a foreign keyboard finds it and the result still highlights the word as
 * written. sok.js starts this script instead of Material's worker and passes that worker's URL
 * as the query string; Material's worker loads lunr's language files from "../lunr/" relative to
 * itself, which is redirected here to where they are.
 *
 * A word found in both spellings, or by two query terms ("läkare*" and "läkar*"), comes back from
 * lunr with its position once for each: Material's highlighter then put a second <mark> inside the
 * first one's tag ("<mark><m</mark>ark>ÖK</mark>" read "ark>ÖK" under short words, a mark inside a
 * mark under long ones). Each position is kept once per result and field (dedupePositions).
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

  /* Every position once in a result's match data, per field, over all its terms: Material marks each
     position it is given, so one given twice is marked twice, the second mark inside the first's tag.
     Positions are Material's numbers (block << 20 | token), equal when the token is the same. A term
     left with no position of its own still counts as matched (Material lists the terms by key). */
  function dedupePositions(results) {
    results.forEach(function (result) {
      var metadata = result.matchData && result.matchData.metadata, seen = {};
      if (!metadata) return;
      Object.keys(metadata).forEach(function (term) {
        Object.keys(metadata[term]).forEach(function (field) {
          var data = metadata[term][field];
          if (!data || !Array.isArray(data.position)) return;
          var own = seen[field] = seen[field] || {};
          data.position = data.position.filter(function (p) {
            var key = JSON.stringify(p);
            if (own[key]) return false;
            own[key] = true;
            return true;
          });
        });
      });
    });
    return results;
  }

  /* lunr's query parser splits terms on its own separator, taken when lunr loaded ("-" among it), not
     on the one Material sets from mkdocs.yml: Material has split the query on that one already, so the
     parser splits on spaces only and a date ("2022-03-18", one word of the index) stays whole. */
  lunr.QueryLexer.termSeparator = /\s+/;

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function () {
    return dedupePositions(query.apply(this, arguments));
  };

  /* lunr identifies equal nodes of its word automaton by a string of each edge's label and the id of
     the node it leads to, run together: with digits for labels, different nodes can read the same
     ("1" to node 23 and "12" to node 3), get merged, and the automaton holds words the index has
     not; a prefix query reaching one then fails ("2022*" once dates were single words). The id is
     ended with ";", so the string reads one way only (a label is one character). */
  lunr.TokenSet.prototype.toString = function () {
    if (this._str) return this._str;
    var str = this.final ? "1" : "0", labels = Object.keys(this.edges).sort();
    for (var i = 0; i < labels.length; i++) str += labels[i] + this.edges[labels[i]].id + ";";
    return (this._str = str);
  };

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
