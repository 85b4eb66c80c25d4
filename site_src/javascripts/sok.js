/*
 * avtal: Swedish queries for Material's search.
 *
 * Material's search (lunr) appends "*" to every query word and lunr skips the search
 * pipeline for such words, so a stemmed index would miss whole words; the index is kept
 * unstemmed (mkdocs.yml: pipeline stopWordFilter only). Inflected forms are found here
 * instead, on the query: before a query reaches the search worker each word is
 *
 *   - dropped when it is a Swedish stop word (the index has none of them, and as a
 *     prefix "när*" would match "närområdesplan"), unless the query has nothing else;
 *   - kept as an exact word when it is a number or a single letter ("16", "3,0", "a"),
 *     so "4" does not match "40" or "4 Gemensamt ansvar" by prefix;
 *   - kept as typed, as a prefix with weight 2, and joined by its Snowball stem as a prefix
 *     with weight 1 ("placeringen" → "placering*", "utskrivningsklara" → "utskrivningsklar*"),
 *     so other inflections are found too but rank below the form the reader typed;
 *   - weighted by its rarity in the index once sok.js has read it (weights times BM25's idf,
 *     whole numbers), so the rare word that says what is asked counts for more than a common
 *     one ("oenighet*^8 kommun*^1 region*^3").
 *
 * The stemmer is lunr.sv's algorithm (tests/test_browser.py compares them word by word).
 * The worker's answer marks every query word a result lacks; only matched ones are kept.
 *
 * Words are split like the index splits text: SEPARATOR must equal plugins.search.separator
 * in mkdocs.yml (tests/test_site_pages.py keeps them equal).
 */
(function () {
  "use strict";

  var SEPARATOR = "[\\s\\-–—;:!?()\\[\\]{}\"'“”‘’/%…]+|[.,](?!\\d)|&[a-z]+;|(?<=\\d)(?=§)";

  /* lunr.sv's stop word list (the index drops these words), and "hen". */
  var STOP = {};
  ("alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina " +
   "ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne hennes hon " +
   "honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot " +
   "mycket ni nu när någon något några och om oss på samma sedan sig sin sina sitta själv skulle som " +
   "så sådan sådana sådant till under upp ut utan vad var vara varför varit varje vars vart vem vi " +
   "vid vilka vilkas vilken vilket vår våra vårt än är åt över hen").split(" ").forEach(function (w) {
    STOP[w] = true;
  });

  /* The Snowball Swedish stemmer (snowballstem.org/algorithms/swedish). */
  var VOWELS = "aeiouyäåö";
  var S_ENDING = "bcdfghjklmnoprtvy";
  var STEP1 = ("heterna hetens anden heten heter arnas ernas ornas andes arens andet arna erna " +
               "orna ande arne aste aren ades erns ade are ern ens het ast ad en ar er or as es at a e")
    .split(" ").sort(function (a, b) { return b.length - a.length; });
  var STEP2 = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];

  function isVowel(c) { return VOWELS.indexOf(c) >= 0; }

  function region1(word) {
    for (var i = 1; i < word.length; i++)
      if (!isVowel(word[i]) && isVowel(word[i - 1]))
        return Math.max(i + 1, 3);
    return word.length;
  }

  function endsIn(word, suffix, r1) {
    return word.length - suffix.length >= r1 && word.slice(-suffix.length) === suffix;
  }

  function stem(word) {
    var r1 = region1(word);
    var i, done = false;
    for (i = 0; i < STEP1.length && !done; i++)
      if (endsIn(word, STEP1[i], r1)) {
        word = word.slice(0, -STEP1[i].length);
        done = true;
      }
    if (!done && endsIn(word, "s", r1) && S_ENDING.indexOf(word[word.length - 2]) >= 0)
      word = word.slice(0, -1);
    for (i = 0; i < STEP2.length; i++)
      if (endsIn(word, STEP2[i], r1)) {
        word = word.slice(0, -1);
        break;
      }
    if (endsIn(word, "fullt", r1)) word = word.slice(0, -1);
    else if (endsIn(word, "löst", r1)) word = word.slice(0, -1);
    else if (endsIn(word, "lig", r1)) word = word.slice(0, -3);
    else if (endsIn(word, "els", r1)) word = word.slice(0, -3);
    else if (endsIn(word, "ig", r1)) word = word.slice(0, -2);
    return word;
  }

  /* Prefixes to search for besides the word itself: its stem, and the stem with the e that
     Swedish drops before an ending ("hjälpmedlen" → "hjälpmedl" → "hjälpmedel"). Short stems
     are left out: as prefixes they match too many compounds ("patient" → "patientkontrakt");
     8 measured best with tools/search_quality.py (4: 84 %/94 %, 6: 82 %/93 %, 8: 84 %/96 %). */
  var MIN_STEM = 8;

  function stems(word) {
    var out = [];
    var s = stem(word);
    if (s !== word && s.length >= MIN_STEM) out.push(s);
    var m = /^(.*[^aeiouyäåö])([lnr])$/.exec(s);
    if (s !== word && m && s.length >= 5) out.push(m[1] + "e" + m[2]);
    return out;
  }

  var EXACT = /^(\d+([.,]\d+)*|[^§])$/;

  /* How rare each query word is in the index, for its weight. lunr weighs every word the prefix
     expands to by that word's own rarity and adds them up, so a common family ("kommun*": kommunen,
     kommunens, kommunal, kommunerna …) outweighs the one rare word that says what the reader asks
     about ("oenighet", "hemsjukvård"). The words of each indexed section are read once from the
     search index the worker also loads (the browser has it cached). */
  var sections = null;

  function loadWords() {
    var config = document.getElementById("__config");
    if (!config || typeof fetch === "undefined") return;
    var base = JSON.parse(config.textContent).base;
    fetch(new URL(base + "/search/search_index.json", location.href).href)
      .then(function (response) { return response.json(); })
      .then(function (index) {
        var split = new RegExp(SEPARATOR);
        sections = index.docs.map(function (doc) {
          var words = {};
          (doc.title + " " + doc.text).replace(/<[^>]*>/g, " ").toLowerCase().split(split)
            .forEach(function (w) { if (w) words[w] = true; });
          return Object.keys(words);
        });
        window.avtalSok.ready = true;
      })
      .catch(function () { window.avtalSok.ready = true; });  // weights stay even
  }

  /* BM25's idf of the sections holding the word (exact) or a word starting with it (prefix),
     once per word: the query is rewritten on every keystroke. */
  var rarities = {};

  function rarity(word, exact) {
    if (!sections) return null;
    var key = (exact ? "=" : "*") + word;
    if (!(key in rarities)) rarities[key] = idf(word, exact);
    return rarities[key];
  }

  function idf(word, exact) {
    var n = 0;
    sections.forEach(function (words) {
      for (var i = 0; i < words.length; i++)
        if (exact ? words[i] === word : words[i].lastIndexOf(word, 0) === 0) { n++; return; }
    });
    return Math.log(1 + (sections.length - n + 0.5) / (n + 0.5));
  }

  /* lunr takes whole-number boosts only. */
  function weight(word, exact, scale) {
    var idf = rarity(word, exact);
    return idf === null ? scale : Math.max(1, Math.round(scale * idf));
  }

  function rewrite(query) {
    if (/(^|\s)[+\-~^]|[*~^"]/.test(query)) return query;  // lunr syntax: the reader knows best
    var words = query.toLowerCase().split(new RegExp(SEPARATOR)).filter(Boolean);
    var content = words.filter(function (w) { return !STOP[w]; });
    if (!content.length) content = words;
    var terms = [];
    content.forEach(function (word) {
      if (EXACT.test(word)) {
        terms.push(word + "^" + weight(word, true, 1));
        return;
      }
      terms.push(word + "*^" + weight(word, false, 2));
      stems(word).forEach(function (s) {
        var w = weight(s, false, 1);
        var term = w > 1 ? s + "*^" + w : s;  // Material appends "*" to a bare word
        if (terms.indexOf(term) < 0) terms.push(term);
      });
    });
    return terms.join(" ") || query;
  }

  window.avtalSok = { rewrite: rewrite, stem: stem, stems: stems, ready: false };
  loadWords();

  /* The search worker gets {type: 2 (QUERY), data: query}: rewrite the query on its way.
     Its answer {type: 3 (RESULT)} marks every query word a result lacks; with the inflected
     forms that is most of them, and Material would list them all under every result (slowly,
     and words the reader never typed): keep only the words that matched. */
  function pruneResult(data) {
    if (!data || data.type !== 3 || !data.data || !data.data.items) return;
    data.data.items.forEach(function (group) {
      group.forEach(function (item) {
        Object.keys(item.terms || {}).forEach(function (term) {
          if (!item.terms[term]) delete item.terms[term];
        });
      });
    });
  }

  if (typeof Worker !== "undefined" && typeof EventTarget !== "undefined") {
    var listen = EventTarget.prototype.addEventListener;
    var unlisten = EventTarget.prototype.removeEventListener;
    var wrapped = new WeakMap();
    EventTarget.prototype.addEventListener = function (type, listener, options) {
      if (type === "message" && this instanceof Worker && typeof listener === "function") {
        var inner = listener;
        if (!wrapped.has(inner))
          wrapped.set(inner, function (event) {
            pruneResult(event.data);
            return inner.apply(this, arguments);
          });
        listener = wrapped.get(inner);
      }
      return listen.call(this, type, listener, options);
    };
    EventTarget.prototype.removeEventListener = function (type, listener, options) {
      if (type === "message" && this instanceof Worker && wrapped.has(listener))
        listener = wrapped.get(listener);
      return unlisten.call(this, type, listener, options);
    };
  }

  if (typeof Worker !== "undefined") {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (message && message.type === 2 && typeof message.data === "string") {
        var args = Array.prototype.slice.call(arguments);
        args[0] = { type: message.type, data: rewrite(message.data) };
        return post.apply(this, args);
      }
      return post.apply(this, arguments);
    };
  }
})();
