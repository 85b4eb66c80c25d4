/*
 * avtal: Swedish queries for Material's search, forgiving the way staff type.
 *
 * Material's search (lunr) appends "*" to every query word and lunr skips the search pipeline
 * for such words, so the index is kept unstemmed (mkdocs.yml) and inflected forms are found
 * here, on the query: before a query reaches the search worker each word is
 *
 *   - dropped when it is a Swedish stop word (the index has none of them, and as a
 *     prefix "när*" would match "närområdesplan"), unless the query has nothing else;
 *   - kept as an exact word when it is a number or a single letter ("16", "3,0", "a"),
 *     so "4" does not match "40" or "4 Gemensamt ansvar" by prefix, and when it is an
 *     abbreviation: typed in capitals, or written in capitals in the text ("ÖK" is not "Öka");
 *   - searched without å/ä/ö as a prefix ("lakemedel*"; sok-worker.js indexes every word with
 *     å/ä/ö in that form too), the spelling typed added with weight 1 so it ranks first; joined
 *     by its Snowball stem as a prefix when the stem is long ("utskrivningsklara" →
 *     "utskrivningsklar*"), else by the index's words of the same stem ("gälla" → "gäller"), and
 *     by its compound form ("läkare" → "läkar*");
 *   - when no word of the index starts with it (a typo) and it has five letters or more: joined
 *     by the words of the index one edit away from it (a letter added, dropped, changed or two
 *     swapped: "utskrivingsklar" → "utskrivningsklar*"). Compounds found by their last part
 *     ("förband" → "kompressionsförband") changed no query of the old and dev sets (measured
 *     with and without), so they are not searched;
 *   - weighted by its rarity in the index once sok.js has read it (weights times BM25's idf,
 *     whole numbers), so the rare word that says what is asked counts for more than a common
 *     one ("oenighet*^8 kommun*^1 region*^3").
 *
 * The stemmer is lunr.sv's algorithm (sok-ord.js; tests/test_browser.py compares them word by word).
 * Results are ranked by how much of the query they cover (pruneResult), pages for editors last.
 * sok-sida.js shows suggestions for an empty result and marks the words on the page.
 *
 * Words are split like the index splits text: SEPARATOR must equal plugins.search.separator
 * in mkdocs.yml (tests/test_site_pages.py keeps them equal).
 */
(function () {
  "use strict";

  var SEPARATOR = "[\\s\\-–—;:!?()\\[\\]{}\"'“”‘’/%…]+|[.,](?!\\d)|&[a-z]+;|(?<=\\d)(?=§)";
  /* Pages for the site's editors, listed after every page of the agreement. */
  var EDITOR_PAGES = ["redigera/", "om/"];

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

  var ord = window.avtalOrd, stem = ord.stem, fold = ord.fold, oneEdit = ord.oneEdit, distance = ord.distance;

  /* Prefixes to search for besides the word itself: its stem, and the stem with the e that
     Swedish drops before an ending ("hjälpmedlen" → "hjälpmedl" → "hjälpmedel"). Short stems
     are left out: as prefixes they match too many compounds ("patient" → "patientkontrakt");
     8 measured best with tools/search_quality.py (4: 84 %/94 %, 6: 82 %/93 %, 8: 84 %/96 %), and again
     with results ranked by coverage (issue 16): stems of 5–7 letters as prefixes too gave top-1/top-3
     88 %/96 % on the old queries and 82 %/93 % on the dev set, against 90 %/99 % and 84 %/95 %. */
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
  /* A typo is looked for in words of at least this many letters (issue 16). */
  var MIN_FORGIVE = 5;

  /* What sok.js knows of the index once it has read it (the browser has it cached: the worker
     loads the same file): each section's words, and over all sections each word's number of
     sections, the words by stem, the words written in capitals, the words in sorted order. */
  var sections = null, counts = {}, byStem = {}, capitals = {}, sorted = [], spelled = {};

  function loadWords() {
    var config = document.getElementById("__config");
    if (!config || typeof fetch === "undefined") return;
    var base = JSON.parse(config.textContent).base;
    fetch(new URL(base + "/search/search_index.json", location.href).href)
      .then(function (response) { return response.json(); })
      .then(function (index) { learn(index.docs); window.avtalSok.ready = true; })
      .catch(function () { window.avtalSok.ready = true; });  // weights stay even, nothing is forgiven
  }

  function learn(docs) {
    var split = new RegExp(SEPARATOR);
    sections = docs.map(function (doc) {
      var words = {};
      (doc.title + " " + doc.text).replace(/<[^>]*>/g, " ").split(split).forEach(function (raw) {
        if (!raw) return;
        var w = raw.toLowerCase();
        if (raw.length >= 2 && raw === raw.toUpperCase() && raw !== w) capitals[w] = true;
        words[w] = true;
        var f = fold(w);
        if (f !== w) { words[f] = true; spelled[f] = spelled[f] || w; }
      });
      return Object.keys(words);
    });
    sections.forEach(function (words) {
      words.forEach(function (w) { counts[w] = (counts[w] || 0) + 1; });
    });
    sorted = Object.keys(counts).sort();
    sorted.forEach(function (w) {
      if (/^[a-zåäöéü]+$/.test(w)) (byStem[stem(w)] = byStem[stem(w)] || []).push(w);
    });
  }

  /* Whether a word of the index starts with the word (binary search in the sorted words). */
  function starts(word) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo < sorted.length && sorted[lo].lastIndexOf(word, 0) === 0;
  }

  /* Words of the index one edit from the word, as the start of the index's word (the reader
     may still be typing): the most common first. */
  var corrected = {};

  function corrections(word, limit) {
    var key = word + "/" + limit;
    if (!(key in corrected)) corrected[key] = correct(word, limit);
    return corrected[key];
  }

  function correct(word, limit) {
    var found = {};
    sorted.forEach(function (w) {
      if (w[0] !== word[0] && w[1] !== word[1]) return;  // a slip of the finger rarely hits both
      for (var n = word.length - 1; n <= word.length + 1; n++)
        if (n >= MIN_FORGIVE - 1 && n <= w.length && oneEdit(word, w.slice(0, n))) {
          var prefix = n === w.length ? w : w.slice(0, n);
          found[prefix] = Math.max(found[prefix] || 0, counts[w]);
        }
    });
    return Object.keys(found).filter(function (p) { return p !== word; })
      .sort(function (a, b) { return found[b] - found[a]; }).slice(0, limit);
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

  function isAbbreviation(typed, word) {
    return word.length >= 2 && word.length <= 6 && /^[a-zåäöéü]+$/.test(word) &&
      ((typed === typed.toUpperCase() && typed !== word) || capitals[word] === true);
  }

  /* Choices measured with tools/search_quality.py --options (old / dev sets, top-1 top-3 top-5):
     coverage ranking alone 90/99/100 and 84/95/95; with results weighted by coverage² (strict: 2)
     and compounds by their joint (joints) 93/99/99 and 89/98/98; strict 1: 93/99/99, 89/95/95;
     strict 2 without joints: 93/99/99, 86/95/95. */
  var options = { inflections: true, joints: true, strict: 2 };
  /* Words of the same stem are added, exactly, when the stem is too short to search as a prefix
     (MIN_STEM: "gälla" → "gäller", "ansvarar" → "ansvar"); four at most, the family of a common
     word ("patienten", "patienter", "patientens" …) added word by word outweighs the query. */
  var MIN_INFLECT = 8;

  /* For each rewritten query: which query word each of its terms stands for, and how much each
     word weighs (its rarity), so that results can be ranked by how much of the query they cover. */
  var owners = {};

  function rewrite(query) {
    if (/(^|\s)[+\-~^]|[*~^"]/.test(query)) return query;  // lunr syntax: the reader knows best
    var typed = query.split(new RegExp(SEPARATOR)).filter(Boolean);
    var content = typed.filter(function (w) { return !STOP[w.toLowerCase()]; });
    if (!content.length) content = typed;
    var terms = [], owner = {}, weights = [], current = 0;
    function push(term) {
      if (terms.indexOf(term) >= 0) return;
      terms.push(term);
      var bare = term.replace(/\^\d+$/, "").replace(/\*$/, "");
      if (!(bare in owner)) owner[bare] = current;
    }
    function exact(w, scale) { push(w + "^" + weight(w, true, scale)); }
    function prefix(w, scale) {
      var n = weight(w, false, scale);
      push(n > 1 || scale > 1 ? w + "*^" + n : w);  // Material appends "*" to a bare word
    }
    content.forEach(function (raw, i) {
      var word = raw.toLowerCase(), folded = fold(word);
      current = i;
      weights[i] = rarity(word, EXACT.test(word)) || 1;
      if (EXACT.test(word)) return exact(word, 1);
      if (isAbbreviation(raw, word)) {
        exact(word, 2);
        if (folded !== word) exact(folded, 1);
        return;
      }
      /* Every word with å/ä/ö is indexed without them too: the form without them finds both
         spellings, and the spelling typed gets a little more (weighing both fully would count
         such a word twice against one without å/ä/ö). */
      prefix(folded, 2);
      if (folded !== word) push(word + "*^1");
      stems(word).forEach(function (s) { prefix(fold(s), 1); });
      /* A word that drops its last vowel in compounds ("läkare" → "läkarinsatser", "skola" →
         "skolgång") also finds them, with the least weight ("HVB läkare" finds the sections on
         läkarinsatser at HVB). */
      if (options.joints && /[^aeiouyåäö][ea]$/.test(word) && word.length >= 6)
        push(folded.slice(0, -1) + "*^1");
      if (options.inflections && sections && stem(word).length < MIN_INFLECT)
        (byStem[stem(word)] || []).slice(0, 4).forEach(function (w) {
          if (fold(w).lastIndexOf(folded, 0) !== 0) exact(fold(w), 1);
        });
      if (!sections || word.length < MIN_FORGIVE || starts(word) || starts(folded)) return;
      var near = corrections(folded, 3);
      if (near.length) weights[i] = rarity(near[0], false) || 1;  // the word stands for its corrections
      near.forEach(function (w) { prefix(w, 1); });
    });
    var rewritten = terms.join(" ") || query;
    owners[rewritten] = { owner: owner, weights: weights };
    return rewritten;
  }

  /* How much of the query an item covers: the weights of the query words it matched (by any of
     their terms) over the weights of all. Material ranks by lunr's score times 1 + (1 for a page +
     the share of query terms matched)²; counted in terms, a section that has the one rare word
     asked about ("tvist") ranks below a page that has two common ones ("kommun", "region").
     pruneResult ranks by lunr's score times 1 + (1 for a page + coverage)², times coverage². */
  function coverage(terms, query) {
    var known = owners[query];
    if (!known) return null;
    var matched = {}, total = 0, got = 0;
    Object.keys(terms).forEach(function (term) {
      if (terms[term] && term in known.owner) matched[known.owner[term]] = true;
    });
    known.weights.forEach(function (w, i) {
      total += w;
      if (matched[i]) got += w;
    });
    return total ? got / total : null;
  }

  /* The index's words nearest to a word (two edits at most), as written in the text, the nearest
     and then the most common first: what an empty result suggests. */
  function nearest(word, limit) {
    if (!sections) return [];
    var folded = fold(word.toLowerCase()), found = [];
    sorted.forEach(function (w) {
      if (w.length < 4 || !/^[a-z]+$/.test(w)) return;
      var d = distance(folded, w, 2);
      if (d <= 2 && w !== folded) found.push([d, -counts[w], spelled[w] || w]);
    });
    return found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (f) { return f[2]; })
      .filter(function (w, i, all) { return all.indexOf(w) === i; }).slice(0, limit);
  }

  window.avtalSok = {
    rewrite: rewrite, stem: stem, stems: stems, fold: fold, nearest: nearest,
    options: options, separator: SEPARATOR, ready: false
  };
  loadWords();

  /* The worker's answer {type: 3 (RESULT)} marks every query word a result lacks; with the
     inflected forms that is most of them, and Material would list them all under every result
     (slowly, and words the reader never typed): keep only the words that matched. Words that
     were asked for exactly are marked "=" for sok-sida.js, which marks them on the page whole. */
  function pruneResult(data, query) {
    if (!data || data.type !== 3 || !data.data || !data.data.items) return;
    var exact = {};
    (query || "").split(" ").forEach(function (term) {
      if (/\^\d+$/.test(term) && !/\*\^/.test(term)) exact[term.replace(/\^\d+$/, "")] = true;
    });
    var items = [];
    data.data.items.forEach(function (group) {
      group.forEach(function (item) {
        var keys = Object.keys(item.terms || {});
        var share = coverage(item.terms || {}, query);
        if (share !== null && item.score > 0 && keys.length) {
          var page = item.location.indexOf("#") < 0 ? 1 : 0;
          var matched = keys.filter(function (k) { return item.terms[k]; }).length;
          var raw = item.score / (1 + Math.pow(page + matched / keys.length, 2));
          item.score = raw * (1 + Math.pow(page + share, 2)) * Math.pow(share, options.strict);
        }
        var terms = {};
        keys.forEach(function (term) {
          if (item.terms[term]) terms[exact[term] ? "=" + term : term] = true;
        });
        item.terms = terms;
        items.push(item);
      });
    });
    delete owners[query];
    /* Regroup as Material does: by page, pages in the order of their best item, items by score;
       pages for editors after the agreement's. */
    var groups = {}, order = [];
    items.sort(function (a, b) { return b.score - a.score; }).forEach(function (item) {
      var page = item.location.split("#")[0];
      if (!groups[page]) { groups[page] = []; order.push(page); }
      groups[page].push(item);
    });
    var editors = function (page) {
      return EDITOR_PAGES.some(function (p) { return page.lastIndexOf(p, 0) === 0; });
    };
    data.data.items = order.filter(function (p) { return !editors(p); })
      .concat(order.filter(editors)).map(function (p) { return groups[p]; });
  }

  /* Material's search worker is started from sok-worker.js, which loads it and indexes words
     with å/ä/ö also without them. */
  var here = document.currentScript && document.currentScript.src;
  if (typeof Worker !== "undefined" && here) {
    var NativeWorker = window.Worker;
    var SokWorker = function (url, options) {
      var href = new URL(url, location.href).href;
      if (/\/workers\/search\.[^\/]*\.js$/.test(href))
        url = here.replace(/sok\.js(\?.*)?$/, "sok-worker.js") + "?" + encodeURIComponent(href);
      return new NativeWorker(url, options);
    };
    SokWorker.prototype = NativeWorker.prototype;
    window.Worker = SokWorker;
  }

  /* One query at a time: while the worker answers one, only the newest of those typed since
     waits (the others are outdated before they are answered), so the results follow the last
     keystroke however fast the reader types. */
  var posted = [];  // rewritten queries the worker has not answered yet, oldest first
  var held = null;  // [worker, message arguments] of the newest query not yet posted
  if (typeof Worker !== "undefined" && typeof EventTarget !== "undefined") {
    var listen = EventTarget.prototype.addEventListener;
    var unlisten = EventTarget.prototype.removeEventListener;
    var wrapped = new WeakMap();
    EventTarget.prototype.addEventListener = function (type, listener, options) {
      if (type === "message" && this instanceof Worker && typeof listener === "function") {
        var inner = listener;
        if (!wrapped.has(inner))
          wrapped.set(inner, function (event) {
            if (event.data && event.data.type === 3 && !event.data.avtalPruned) {
              event.data.avtalPruned = true;
              pruneResult(event.data, posted.shift());
              if (held && !posted.length) {
                var next = held;
                held = null;
                posted.push(next[1][0].data);
                post.apply(next[0], next[1]);
              }
            }
            var out = inner.apply(this, arguments);
            if (event.data && event.data.type === 3 && window.avtalSokSida)
              window.avtalSokSida.result(event.data.data);
            return out;
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
        if (posted.length) {
          held = [this, args];
          return;
        }
        posted.push(args[0].data);
        return post.apply(this, args);
      }
      return post.apply(this, arguments);
    };
  }
})();
