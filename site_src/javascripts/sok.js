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
 *   - searched as a prefix, as typed ("läkemedel*"; typed without å/ä/ö, "lakemedel*" finds both
 *     spellings: sok-worker.js indexes every word with å/ä/ö in that form too); joined
 *     by its Snowball stem as a prefix when the stem is long ("utskrivningsklara" →
 *     "utskrivningsklar*"), else by the index's words of the same stem ("gälla" → "gäller"), and
 *     by its compound form ("läkare" → "läkar*");
 *   - when no word of the index starts with it (a typo) and it has five letters or more: joined
 *     by the words of the index one edit away from it (a letter added, dropped, changed or two
 *     swapped: "utskrivingsklar" → "utskrivningsklar*"). Compounds found by their last part
 *     ("förband" → "kompressionsförband") changed no query of the old and dev sets (measured
 *     with and without), so they are not searched;
 *   - when no word of the index starts with it and nothing is one edit away, split in two parts that
 *     each start a word of the index, four letters at least, the joining -s- dropped
 *     ("hjälpmedelsansvar" → "hjälpmedel*" and "ansvar*", "anhörigstöd" → "anhörig*" "stöd*" before
 *     "anhörigstöd" became a staff word): the second part is a query word of its own, so a result
 *     covers the compound by having both (options.compounds, split());
 *   - weighted by its rarity in the agreement's sections once sok.js has read the index (weights
 *     times BM25's idf, whole numbers; the editors' pages are not counted), so the rare word that
 *     says what is asked counts for more than a common one ("oenighet*^8 kommun*^1 region*^3").
 *
 * The stemmer is lunr.sv's algorithm (sok-ord.js; tests/test_browser.py compares them word by word).
 * Results are ranked by how much of the query they cover (pruneResult), more when a heading names a
 * query word and when the query's words stand together in the text; a page's own item ranks as a
 * section does; the rows of "Vem ansvarar för vad?" come first for a question of who and after the
 * agreement's best item otherwise; a page shows its sections close to its best; pages for editors last.
 * sok-sida.js shows suggestions for an empty result and marks the words on the page.
 *
 * Words are split like the index splits text: SEPARATOR must equal plugins.search.separator
 * in mkdocs.yml (tests/test_site_pages.py keeps them equal).
 */
(function () {
  "use strict";

  var SEPARATOR = "[\\s–—;:!?()\\[\\]{}\"'“”‘’/%…]+|-(?!(?<=\\d{4}-)(?<!\\d{5}-)\\d\\d-\\d\\d(?!\\d))(?!(?<=\\d{4}-\\d\\d-)(?<!\\d{5}-\\d\\d-)\\d\\d(?!\\d))|[.,](?!\\d)|&[a-z]+;|(?<=\\d)(?=§)";
  /* Pages for the site's editors, listed after every page of the agreement; their words do not weigh
     in the staff's queries (rarity counts the agreement's sections only). */
  var EDITOR_PAGES = ["redigera/", "om/"];
  /* The page "Vem ansvarar för vad?" (issue 18): its rows answer a question of who, and come after the
     agreement's own sections for a bare topic (options.rows). */
  var MATRIX_PAGE = /(^|\/)vem-ansvarar\/(#|$)/;
  /* A query asks who when it says "vem"/"vems" or "ansvarar"/"ansvarig" ("hemsjukvård vem ansvarar",
     "ansvarig för SIP"); the noun "ansvar" names sections as well ("missbruk kommunens ansvar"). */
  var ASKS_WHO = /^(vem|vems|ansvarar|ansvarig[a-z]*)$/;

  function isEditorPage(location) {
    return EDITOR_PAGES.some(function (p) { return location.lastIndexOf(p, 0) === 0; });
  }

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

  /* Searched as whole words: numbers, dates (one word in the index: the separator keeps a date's
     hyphens) and single characters. */
  var EXACT = /^(\d+([.,]\d+)*|\d{4}-\d\d-\d\d|[^§])$/;
  /* A typo is looked for in words of at least this many letters (issue 16). */
  var MIN_FORGIVE = 5;
  /* The shortest part of a compound split in two ("anhörig" + "stöd"): four letters, so a part is a
     word, not a syllable ("vår", "dag"); chosen by hand. */
  var MIN_PART = 4;

  /* What sok.js knows of the index once it has read it (the browser has it cached: the worker
     loads the same file): each section's words, and over all sections each word's number of
     sections, the words by stem, the words written in capitals, the words in sorted order. */
  var sections = null, counts = {}, byStem = {}, capitals = {}, sorted = [], spelled = {}, tokens = {};

  function loadWords() {
    var config = document.getElementById("__config");
    if (!config || typeof fetch === "undefined") return;
    var base = JSON.parse(config.textContent).base;
    fetch(new URL(base + "/search/search_index.json", location.href).href)
      .then(function (response) { return response.json(); })
      .then(function (index) { learn(index.docs); window.avtalSok.ready = true; })
      .catch(function () { window.avtalSok.ready = true; });  // weights stay even, nothing is forgiven
  }

  /* Reads the index: every item's words (for the rarity of a query word, the sections of the agreement
     only: an editors' page does not make a word common or rare for staff), and every item's words in
     order, folded, for the nearness of the query's words (options.near). Words of the editors' pages
     are known (not corrected as typos), with no count. A row of "Vem ansvarar för vad?" is read
     without the parties and kinds its sentence lists after "Så fördelar texten ansvaret:" (templates/
     ansvar.md): 13 of the 23 rows naming "regionen" or "kommunen" made those words common and weighed them
     down in every query (test_browser.py's weights); the rows are found by them all the same. */
  var SUMMARY = /(Så fördelar texten ansvaret:)[^<]*/;

  function learn(docs) {
    var split = new RegExp(SEPARATOR), known = {};
    sections = [];
    docs.forEach(function (doc) {
      var words = {}, order = [];
      var text = MATRIX_PAGE.test(doc.location) ? doc.text.replace(SUMMARY, "$1") : doc.text;
      (doc.title + " " + text).replace(/<[^>]*>/g, " ").split(split).forEach(function (raw) {
        if (!raw) return;
        var w = raw.toLowerCase();
        if (raw.length >= 2 && raw === raw.toUpperCase() && raw !== w) capitals[w] = capitals[fold(w)] = true;
        words[w] = known[w] = true;
        var f = fold(w);
        order.push(f);
        if (f !== w) { words[f] = known[f] = true; spelled[f] = spelled[f] || w; }
      });
      tokens[doc.location] = order;
      if (!isEditorPage(doc.location)) sections.push(Object.keys(words));
    });
    sections.forEach(function (words) {
      words.forEach(function (w) { counts[w] = (counts[w] || 0) + 1; });
    });
    sorted = Object.keys(known).sort();
    sorted.forEach(function (w) {
      if (counts[w] && /^[a-zåäöéü]+$/.test(w)) (byStem[stem(w)] = byStem[stem(w)] || []).push(w);
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
      if (!counts[w]) return;  // a word of the editors' pages only
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

  /* An abbreviation: typed in capitals, or written in capitals in the text, with or without its
     å/ä/ö ("ok" is "ÖK" typed without dots, so it is whole too and "Öka" is not found: learn() files
     each abbreviation of the text under its folded form as well). */
  function isAbbreviation(typed, word) {
    return word.length >= 2 && word.length <= 6 && /^[a-zåäöéü]+$/.test(word) &&
      ((typed === typed.toUpperCase() && typed !== word) || capitals[word] === true);
  }

  /* Choices measured with tools/search_quality.py --options (old / dev sets, top-1 top-3 top-5):
     coverage ranking alone 90/99/100 and 84/95/95; with results weighted by coverage² (strict: 2)
     and compounds by their joint (joints) 93/99/99 and 89/98/98; strict 1: 93/99/99, 89/95/95;
     strict 2 without joints: 93/99/99, 86/95/95.
     Issue 16's final round (204 queries, the list as shown, old / dev, top-1 top-3, each choice against
     the others at their values here): query words standing together (near), at fold 0.5, 0: 90/96,
     79/93; 1: 91/96, 82/93; 2: 93/97, 82/93; at fold 0.3, 2: 93/96, 82/94; 3: 93/96, 80/94. A page's own item ranked as a section (page 0, not
     Material's bonus for a page: 1) 93/97, 82/96 against 93/96, 82/94. Rows of "Vem ansvarar för vad?"
     for a question of who (asked) 2: dev ordinary top-1 79 → 84 %; for a bare topic a factor (0.5, 0.25,
     0.1) left "palliativ vård" on the row, whose short text and heading outscore the section 7 to 1, so
     a row is kept under the agreement's best item instead (rows 0.9).
     Compounds split in two (compounds), measured after the vocabulary round that followed the first unseen
     set (old 68, dev 151 queries): every query's rank the same with and without (old 94/99/99, dev 84/97/99
     either way; the vocabulary had by then given "anhörigstöd" its own staff word), so it costs nothing
     measured and is kept for the compounds staff type that the vocabulary does not know. */
  var options = { inflections: true, joints: true, strict: 2, heading: 1, near: 2, rows: 0.9, asked: 2,
                  fold: 0.3, show: 3, page: 0, compounds: true };
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
    var terms = [], owner = {}, weights = [], heads = [], matchers = [], current = 0, tails = [];
    var asks = typed.some(function (w) { return ASKS_WHO.test(fold(w.toLowerCase())); });
    function push(term) {
      if (terms.indexOf(term) >= 0) return;
      terms.push(term);
      var bare = term.replace(/\^\d+$/, "").replace(/\*$/, "");
      if (!(bare in owner)) owner[bare] = current;
      (matchers[current] = matchers[current] || []).push([fold(bare), /\*(\^\d+)?$/.test(term) || !/\^/.test(term)]);
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
      heads[i] = headKeys(word);
      if (EXACT.test(word)) return exact(word, 1);
      if (isAbbreviation(raw, word)) {
        exact(word, 2);
        if (folded !== word) exact(folded, 1);
        return;
      }
      /* Every word with å/ä/ö is indexed without them too, so a word typed without them
         ("lakemedel") finds both spellings. A word typed with them is searched as typed: its
         form without them would also find other words ("vård" → "vard*" → "vardagsmiljö"). */
      var typed = folded === word ? folded : word;
      prefix(typed, 2);
      stems(word).forEach(function (s) { prefix(folded === word ? fold(s) : s, 1); });
      /* A word that drops its last vowel in compounds ("läkare" → "läkarinsatser", "skola" →
         "skolgång") also finds them, with the least weight ("HVB läkare" finds the sections on
         läkarinsatser at HVB). */
      if (options.joints && /[^aeiouyåäö][ea]$/.test(word) && word.length >= 6)
        push(typed.slice(0, -1) + "*^1");
      if (options.inflections && sections && stem(word).length < MIN_INFLECT)
        (byStem[stem(word)] || []).slice(0, 4).forEach(function (w) {
          if (fold(w).lastIndexOf(folded, 0) !== 0) exact(fold(w), 1);
        });
      if (!sections || word.length < MIN_FORGIVE || starts(word) || starts(folded)) return;
      var near = corrections(folded, 3);
      if (near.length) weights[i] = rarity(near[0], false) || 1;  // the word stands for its corrections
      near.forEach(function (w) { prefix(w, 1); });
      /* A compound the index lacks ("anhörigstöd"), nothing one edit away: its two parts, each
         starting a word of the index ("anhörig*" and "stöd*"), the joining -s- dropped
         ("vårdplaneringsmöte" → "vårdplanering*" "möte*"). The first part stands in the word's
         place, the second is a query word of its own, so a result covers the word by having both. */
      var parts = !near.length && options.compounds ? split(typed) : null;
      if (!parts) return;
      weights[i] = rarity(parts[0], false) || 1;
      heads[i] = headKeys(parts[0]);
      prefix(parts[0], 2);
      tails.push(parts[1]);
    });
    tails.forEach(function (tail) {
      current = weights.length;
      weights[current] = rarity(tail, false) || 1;
      heads[current] = headKeys(tail);
      prefix(tail, 2);
    });
    var rewritten = terms.join(" ") || query;
    owners[rewritten] = { owner: owner, weights: weights, heads: heads, matchers: matchers, asks: asks };
    return rewritten;
  }

  /* A word as two parts that each start a word of the index, the first without a joining "s"
     when it has one, both at least MIN_PART letters: the most even split (null when there is none). */
  function split(word) {
    var best = null;
    for (var k = MIN_PART; k <= word.length - MIN_PART; k++) {
      var head = word.slice(0, k), tail = word.slice(k);
      if (!starts(tail)) continue;
      if (head.length > MIN_PART && head[head.length - 1] === "s" && !starts(head)) head = head.slice(0, -1);
      if (!starts(head)) continue;
      if (!best || Math.min(head.length, tail.length) > Math.min(best[0].length, best[1].length))
        best = [head, tail];
    }
    return best;
  }

  /* What a heading's word starts with when it names a query word: the word without å/ä/ö, and its stem
     of four letters or more ("avtalet" → "avtal", which starts "Avtalstid"; "läkare" → "lakar"). */
  function headKeys(word) {
    var keys = [fold(word)], s = fold(stem(word));
    if (s.length >= 4 && keys.indexOf(s) < 0) keys.push(s);
    return keys;
  }

  /* How much of the query an item's heading names: the weights of the query words a word of the
     heading starts with (headKeys) over the weights of all. */
  function headingShare(title, query) {
    var known = owners[query];
    if (!known || !known.heads || !title) return 0;
    var words = fold(String(title).replace(/<[^>]*>/g, " ").toLowerCase()).split(new RegExp(SEPARATOR));
    var total = 0, got = 0;
    known.weights.forEach(function (w, i) {
      total += w;
      var keys = known.heads[i] || [];
      if (words.some(function (h) { return keys.some(function (k) { return h.lastIndexOf(k, 0) === 0; }); })) got += w;
    });
    return total ? got / total : 0;
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

  /* How much of the query stands together in an item's text: the weights of the query words found within
     NEAR words of another query word (after stop words and all, as written: "Avtalet gäller under
     perioden" for "när gäller avtalet") over the weights of all; 0 for a query of one word. */
  var NEAR = 2;

  function nearness(location, query) {
    var known = owners[query], order = tokens[location];
    if (!known || !order || known.weights.length < 2) return 0;
    var last = known.weights.map(function () { return -Infinity; }), near = {};
    order.forEach(function (token, position) {
      known.matchers.forEach(function (matchers, i) {
        if (!matchers || !matchers.some(function (m) {
          return m[1] ? token.lastIndexOf(m[0], 0) === 0 : token === m[0];
        })) return;
        last.forEach(function (p, j) {
          if (j !== i && position - p <= NEAR) near[i] = near[j] = true;
        });
        last[i] = position;
      });
    });
    var total = 0, got = 0;
    known.weights.forEach(function (w, i) { total += w; if (near[i]) got += w; });
    return total ? got / total : 0;
  }

  /* The index's words nearest to a word (two edits at most), as written in the text, the nearest
     and then the most common first: what an empty result suggests. */
  function nearest(word, limit) {
    if (!sections) return [];
    var folded = fold(word.toLowerCase()), found = [];
    sorted.forEach(function (w) {
      if (w.length < 4 || !/^[a-z]+$/.test(w)) return;
      var d = distance(folded, w, 2);
      if (d <= 2 && w !== folded) found.push([d, -(counts[w] || 0), spelled[w] || w]);
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
    var exact = {}, signs = {};
    (query || "").split(" ").forEach(function (term) {
      if (/\^\d+$/.test(term) && !/\*\^/.test(term)) exact[term.replace(/\^\d+$/, "")] = true;
      signs[term.replace(/\^\d+$/, "").replace(/\*$/, "")] = true;
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
          item.score = raw * (1 + Math.pow(options.page * page + share, 2)) * Math.pow(share, options.strict);
          if (options.heading) item.score *= 1 + options.heading * headingShare(item.title, query);
          if (MATRIX_PAGE.test(item.location) && owners[query].asks) item.score *= options.asked;
        }
        item.title = wholeMarks(item.title, signs);
        item.text = wholeMarks(item.text, signs);
        var terms = {};
        keys.forEach(function (term) {
          if (item.terms[term]) terms[exact[term] ? "=" + term : term] = true;
        });
        item.terms = terms;
        items.push(item);
      });
    });
    /* Query words that stand together in an item's text weigh more (nearness). */
    if (options.near && owners[query])
      items.forEach(function (item) {
        if (item.score > 0) item.score *= 1 + options.near * nearness(item.location, query);
      });
    /* For a query that does not ask who, a row of "Vem ansvarar för vad?" comes after the agreement's
       own best item: at most options.rows of its score. */
    if (owners[query] && !owners[query].asks) {
      var own = items.reduce(function (m, item) {
        return MATRIX_PAGE.test(item.location) || isEditorPage(item.location) ? m : Math.max(m, item.score);
      }, 0);
      items.forEach(function (item) {
        if (MATRIX_PAGE.test(item.location)) item.score = Math.min(item.score, options.rows * own);
      });
    }
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
      .concat(order.filter(editors)).map(function (p) { return shown(groups[p]); });
    /* A page Material adds only to head its sections (score 0, no terms) would link with an empty
       "?h=": it gets the words its sections were found by, so the page opens with them marked too. */
    data.data.items.forEach(function (group) {
      var found = {};
      group.forEach(function (item) { Object.keys(item.terms).forEach(function (t) { found[t] = true; }); });
      group.forEach(function (item) { if (!Object.keys(item.terms).length) item.terms = Object.assign({}, found); });
    });
  }

  /* A character of a word: a letter, a digit or "§" ("1§" and "3§§" read as one word). */
  var WORD_CHAR = /[\p{L}\p{N}§]/u;

  /* A result's title or text (HTML, marked by Material's worker) with only whole words asked for
     marked, as sok-sida.js marks the page: a mark of a sign ("§", "§§": no letter, no digit) stays only
     when the query has that sign itself (Material searched "§" as a prefix, so it marked "1-3 §§"), and
     no mark stays on part of a word as the reader sees it (the index splits "1§" in two, so "§" was
     marked in "14 kap. 1§" and "§§" in "1-3§§"). signs: the query's words as asked, {word: true}. */
  function wholeMarks(html, signs) {
    if (typeof html !== "string" || html.indexOf("<mark>") < 0) return html;
    return html.replace(/<mark>([^<]*)<\/mark>/g, function (all, word, at, whole) {
      var before = whole.slice(0, at).replace(/<\/mark>$/, "").slice(-1);
      var after = whole.slice(at + all.length).replace(/^<mark>/, "").charAt(0);
      var sign = !/[\p{L}\p{N}]/u.test(word);
      if (WORD_CHAR.test(before) || WORD_CHAR.test(after) || (sign && !signs[word])) return word;
      return all;
    });
  }

  /* Which of a page's sections the list shows. Material shows those scoring at least as much as the
     group's first item and folds the rest under "N till på denna sida": with the best section first,
     one section a page, so a big page (Del A) hid the section that answered behind its neighbour
     ("Avtalstid" behind "Ändringar och tillägg till avtalet"). When a section is the page's best, the
     page's own item goes first with the score a section needs to be shown: options.fold of the best,
     and at least the options.show-th best (the page's own item is the group's heading then, as
     before; its score is that threshold). When the page itself matched best it stays first and its
     sections stay folded. Measured on the old and dev queries (tools/search_quality.py --options):
     fold 0.3 gave old / dev top-3 97 / 95 %, 0.5 96 / 93 %, 0.2 96 / 93 %, none 94 / 93 %; show 2 lost top-1. */
  function shown(group) {
    if (!options.fold || group[0].location.indexOf("#") < 0) return group;
    var at = group.findIndex(function (item) { return item.location.indexOf("#") < 0; });
    if (at < 0) return group;
    var sections = group.filter(function (item, i) { return i !== at; });
    var best = sections[0].score, limit = sections.length > options.show ? sections[options.show - 1].score : 0;
    var threshold = Math.max(options.fold * best, limit);
    if (threshold >= best) return group;  // the best section(s) only, as Material shows them
    group[at].score = threshold;
    return [group[at]].concat(sections);
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
