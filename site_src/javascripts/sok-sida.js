/*
 * avtal: the search box and the page around it (sok.js rewrites the queries).
 *
 *   - A pasted, dropped, dictated or input-method query searches at once: Material searches on
 *     keyup, so every input event is followed by a keyup of its own.
 *   - An empty result says what to try: the words of the index nearest to each query word
 *     (click one to search for it) and a link to "Begrepp och förkortningar".
 *   - Words a search result was found by are marked on the page it leads to, whole: a query
 *     word marks the word of the text it starts (with or without å/ä/ö), a number or a word
 *     asked for exactly ("=" from sok.js) only the same word, so "4" is not marked in "14 kap.",
 *     "2025:400" or "1-3 §§", and no part of a word ("§" of "1§"). Material's own marking (?h=, search.highlight) would mark "4"
 *     inside any word; its parameter is taken from the address before Material reads it.
 */
(function () {
  "use strict";

  var sok = window.avtalSok;
  if (!sok) return;

  /* --- a query no key typed ---------------------------------------------------------- */
  /* Every change of the box's text searches: pasted, dropped, cut, dictated, from an input method
     (insertText with no key event at all) or autocorrected. Material searches on keyup and drops a
     value it has just searched for, so the keyup a typed key still sends after this one costs nothing. */
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input.md-search__input")) return;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }, true);

  /* --- an empty result ------------------------------------------------------------- */
  function search(text) {
    var box = document.querySelector("input.md-search__input");
    if (!box) return;
    box.value = text;
    box.focus();
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  /* The query with one word replaced by each of its nearest words of the index, five at most. */
  function nearQueries(query) {
    var words = query.split(new RegExp(sok.separator)).filter(Boolean), near = [];
    words.forEach(function (w) {
      if (w.length < 3) return;
      sok.nearest(w, 3).forEach(function (n) {
        var fixed = words.map(function (x) { return x === w ? n : x; }).join(" ");
        if (near.indexOf(fixed) < 0 && fixed.toLowerCase() !== query.toLowerCase()) near.push(fixed);
      });
    });
    return near.slice(0, 5);
  }

  /* The markup is main.html's (templates avtal-sok-tomt and avtal-sok-forslag); a suggestion is a
     button, not a link: Material closes the search on a link's click. */
  function suggest(query) {
    var meta = document.querySelector(".md-search-result__meta");
    var template = document.getElementById("avtal-sok-tomt");
    var button = document.getElementById("avtal-sok-forslag");
    if (!meta || !template || !button) return;
    var box = template.content.firstElementChild.cloneNode(true);
    var near = nearQueries(query);
    if (near.length) {
      var list = box.querySelector(".avtal-sok-forslagen");
      near.forEach(function (text, i) {
        if (i) list.appendChild(document.createTextNode(i === near.length - 1 ? " eller " : ", "));
        var choice = button.content.firstElementChild.cloneNode(true);
        choice.textContent = text;
        choice.addEventListener("click", function (event) { event.preventDefault(); search(text); });
        list.appendChild(choice);
      });
      box.querySelector(".avtal-sok-menade").hidden = false;
    }
    meta.appendChild(box);
  }

  window.avtalSokSida = {
    result: function (data) {
      var box = document.querySelector("input.md-search__input");
      if (data && data.items && !data.items.length && box && box.value.trim()) suggest(box.value.trim());
    }
  };

  /* --- words marked on the page ----------------------------------------------------- */
  var url = new URL(location.href);
  var asked = url.searchParams.get("h");
  if (asked === null) return;
  url.searchParams.delete("h");
  history.replaceState(history.state, "", url.href);

  var terms = asked.split(/\s+/).filter(Boolean).map(function (t) {
    var exact = t[0] === "=" || /^[^a-zåäöéü]+$/.test(t);
    return { word: sok.fold(t.replace(/^=/, "").toLowerCase()), exact: exact };
  });

  function matches(token) {
    var word = sok.fold(token.toLowerCase());
    return terms.some(function (t) { return t.exact ? word === t.word : word.lastIndexOf(t.word, 0) === 0; });
  }

  /* The spans [start, end) of the words of a text, split as the index splits. */
  function tokens(text) {
    var out = [], separator = new RegExp(sok.separator, "g"), at = 0, m;
    while ((m = separator.exec(text)) !== null) {
      if (m.index > at) out.push([at, m.index]);
      at = m.index + m[0].length;
      if (!m[0].length) separator.lastIndex++;
    }
    if (at < text.length) out.push([at, text.length]);
    return out;
  }

  /* A word of the index that is part of a word as the reader sees it: the index splits "1§" and
     "3§§" in two, but "§" is not marked in "14 kap. 1§" (nor "1" there), as in the result list (sok.js). */
  var WORD_CHAR = /[\p{L}\p{N}§]/u;
  function glued(text, span) {
    return WORD_CHAR.test(text.charAt(span[0] - 1)) || WORD_CHAR.test(text.charAt(span[1]));
  }

  function mark(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode())
      if (node.parentElement && !node.parentElement.closest("script, style, mark, .headerlink, [data-search-exclude]"))
        nodes.push(node);
    nodes.forEach(function (node) {
      var text = node.textContent, spans = tokens(text).filter(function (s) {
        return matches(text.slice(s[0], s[1])) && !glued(text, s);
      });
      if (!spans.length) return;
      var parts = document.createDocumentFragment(), at = 0;
      spans.forEach(function (s) {
        parts.appendChild(document.createTextNode(text.slice(at, s[0])));
        var m = document.createElement("mark");
        m.setAttribute("data-md-highlight", "");
        m.textContent = text.slice(s[0], s[1]);
        parts.appendChild(m);
        at = s[1];
      });
      parts.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(parts, node);
    });
  }

  function markPage() {
    var article = document.querySelector("article.md-content__inner") || document.querySelector(".md-content");
    if (article) mark(article);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markPage);
  else markPage();
})();
