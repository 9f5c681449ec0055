/* The handbook's search worker: Material's own search engine, started from here so that a
 * question reaches it as the words that would answer it. See generator/site/search_worker.py
 * for why; the plugin writes this file with the engine's file name filled in. */
(function () {
  "use strict";

  /* Material's worker messages (integrations/search/worker/message): setup and query in,
   * results out. */
  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;

  /* lunr's query syntax, which a reader who knows it may type: such a query is passed on
   * as it is. A hyphen inside a word ("e-bike") is not: only one that starts a word. */
  var QUERY_SYNTAX = /(^|\s)[+\-]|["*:~^]/;

  var SHORTEST_START = 3;

  var languages = ["en"];
  var stemming = false;  /* whether the index holds words stemmed (see search_index.py) */
  var typedAs = {};  /* a word of the last query as the index holds it -> as typed */

  function languageTools() {
    var lunr = self.lunr;
    var language = languages[0] === "en" ? lunr : lunr[languages[0]];
    if (!language || !language.stemmer || !language.stopWordFilter)
      return null;
    return { stem: language.stemmer, keep: language.stopWordFilter };
  }

  /* "How fast should I answer emails" -> "fast answer email": the words that carry the
   * question, each as the index holds it, stemmed. Material then adds its wildcard to each,
   * which also finds a word still being typed ("escal" of "escalate"). */
  function asSearched(query) {
    typedAs = {};
    var tools = self.lunr && languageTools();
    if (!tools || QUERY_SYNTAX.test(query))
      return query;
    var words = query.toLowerCase().split(self.lunr.tokenizer.separator)
      .filter(function (word) { return word.length > 0; });
    var kept = [];
    words.forEach(function (word) {
      if (!tools.keep(new self.lunr.Token(word, {})))
        return;  /* "I", "do", "about" would match every word that starts with them */
      var start = stemming ? tools.stem(new self.lunr.Token(word, {})).toString() : word;
      if (start && !(start in typedAs)) {
        typedAs[start] = word;
        /* A stem this short ("go" of "going") starts too many words ("goal") to be the
         * start of one: it is searched for whole (lunr's "^1" keeps Material's wildcard off). */
        kept.push(start.length < SHORTEST_START ? start + "^1" : start);
      }
    });
    /* A question of stop words alone ("who") is still searched for as typed. */
    return kept.length ? kept.join(" ") : query;
  }

  /* The results name the words each page lacks ("Missing: ..."), and suggest how to
   * finish the last one: as typed, never as a stem ("polici"). */
  function asTyped(result) {
    if (result.suggest)
      result.suggest = result.suggest.filter(function (term) { return term in typedAs; })
        .map(function (term) { return typedAs[term]; });
    (result.items || []).forEach(function (group) {
      group.forEach(function (item) {
        var terms = {};
        Object.keys(item.terms || {}).forEach(function (term) {
          terms[typedAs[term] || term] = item.terms[term];
        });
        item.terms = terms;
      });
    });
    return result;
  }

  /* Registered before the engine's own listener, so it sees each message first. */
  addEventListener("message", function (event) {
    var message = event.data;
    if (!message)
      return;
    if (message.type === SETUP && message.data && message.data.config) {
      languages = message.data.config.lang || languages;
      stemming = (message.data.config.pipeline || []).indexOf("stemmer") >= 0;
    }
    else if (message.type === QUERY && typeof message.data === "string")
      message.data = asSearched(message.data);
  });

  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data)
      asTyped(message.data);
    return post.apply(self, arguments);
  };

  /* Opened from disk, the worker runs in a frame (the iframe-worker shim), whose address
   * is the page's: the engine is found beside this script instead. */
  var here = typeof document !== "undefined" && document.querySelector("script[src]")
    ? document.querySelector("script[src]").src
    : self.location.href;
  importScripts(new URL("__ENGINE__", here).href);
})();
