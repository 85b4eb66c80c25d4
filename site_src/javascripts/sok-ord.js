/*
 * avtal: the word functions of the site's search (sok.js, sok-sida.js): the Snowball Swedish
 * stemmer, å/ä/ö folded away, and edit distances for typos and suggestions.
 */
(function () {
  "use strict";

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

  /* "läkemedel" -> "lakemedel", as sok-worker.js indexes it too. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* Optimal string alignment distance, stopping early above 1. */
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
        best = Math.min(best, cur[j]);
      }
      if (best > 1) return false;
      prev2 = prev; prev = cur;
    }
    return prev[b.length] <= 1;
  }

  /* Edit distance (Levenshtein), or limit + 1 once it is sure to exceed limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        best = Math.min(best, cur[j]);
      }
      if (best > limit) return limit + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  window.avtalOrd = { stem: stem, fold: fold, oneEdit: oneEdit, distance: distance };
})();
