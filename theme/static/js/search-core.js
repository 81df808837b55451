/* Search engine of the portfolio, without any page markup: accent folding registered with lunr,
   expansion of our compact index files (loaded with lunr.Index.load), and the query logic: words go
   through the index's lunr pipeline, lunr's token set expands prefixes and typos, and documents are
   scored with the BM25 weights of the matched terms (the figures lunr's field vectors hold, read
   directly: lunr's own query machinery is ten times slower on common words at 10,000 records).
   Loaded after lunr.js (and lunr.stemmer.support.js, lunr.fr.js in French); node tests run it too. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
  } else {
    root.portfolioSearch = factory(root.lunr);
  }
}(typeof self !== "undefined" ? self : this, function (lunr) {
  "use strict";

  var FOLD = "accentFold-portfolio";
  var TYPO_MIN_LENGTH = 5;
  var PREFIX_MIN_LENGTH = 2;
  var EXACT_FACTOR = 3;   /* a word found as typed weighs more than as a prefix */
  var TYPO_FACTOR = 0.5;  /* and more than with a typo */

  /* The same as portfolio.textfold.fold: lowercase, œ/æ spelled out, accents stripped. */
  function fold(text) {
    return text.toLowerCase().replace(/ß/g, "ss").replace(/œ/g, "oe").replace(/æ/g, "ae")
      .normalize("NFKD").replace(/\p{M}/gu, "");
  }

  /* The same as portfolio.search.pipeline.searchable: punctuation and apostrophes become spaces. */
  function searchable(text) {
    return text.normalize("NFC").replace(/[^\p{L}\p{N}_\s-]+/gu, " ");
  }

  function accentFold(token) {
    return token.update(function (text) { return fold(text); });
  }
  /* lunr's English stemmer under the name our English indexes use (see pipeline.py). */
  function englishStemmer(token) {
    return lunr.stemmer(token);
  }
  /* French stop words once folded, when that is not a stop word already: portfolio.search.pipeline.
     folded_stop_words (« boite a lunch » then reads as « boîte à lunch »). */
  var FOLDED_STOP_WORDS = ["a", "cela", "etaient", "etais", "etait", "etant", "ete", "etee", "etees", "etes",
                           "etiez", "etions", "eumes", "eutes", "fumes", "futes", "meme"];
  if (!lunr.Pipeline.registeredFunctions[FOLD]) {
    lunr.Pipeline.registerFunction(accentFold, FOLD);
    lunr.Pipeline.registerFunction(englishStemmer, "stemmer-en");
    lunr.Pipeline.registerFunction(lunr.generateStopWordFilter(FOLDED_STOP_WORDS), "stopWordFilter-fr-folded");
  }

  /* lunr's serialized index rebuilt from the compact form (portfolio/search/compact.py), and, as
     `weights`, per term number the flat list of (ref, weight in one field) pairs (see hitsOf). */
  function expand(compact) {
    var fields = compact.fields, terms = compact.terms, documentCount = compact.vectors[0].length;
    var postings = terms.map(function (term, n) {
      var posting = { _index: n };
      fields.forEach(function (field) { posting[field] = {}; });
      return posting;
    });
    var frequencies = fields.map(function (field, f) {
      var total = 0;
      var rows = compact.vectors[f].map(function (row, ref) {
        var counts = new Map(), number = 0;
        row.forEach(function (gap) {
          number += gap;
          counts.set(number, (counts.get(number) || 0) + 1);
          postings[number][field][ref] = {};
        });
        total += row.length;
        return { counts: counts, length: row.length };
      });
      return { rows: rows, average: total / documentCount };
    });
    var idf = postings.map(function (posting) { return lunr.idf(posting, documentCount); });
    var k1 = 1.2, b = 0.75, fieldVectors = [];
    var weights = terms.map(function () { return []; });
    fields.forEach(function (field, f) {
      var boost = compact.boosts[f] || 1, average = frequencies[f].average;
      frequencies[f].rows.forEach(function (row, ref) {
        var elements = [];
        row.counts.forEach(function (tf, number) {
          var score = idf[number] * ((k1 + 1) * tf) / (k1 * (1 - b + b * (row.length / average)) + tf) * boost;
          elements.push(number, Math.round(score * 1000) / 1000);
          weights[number].push(ref, score);
        });
        fieldVectors.push([field + "/" + ref, elements]);
      });
    });
    return {
      version: lunr.version, fields: fields, pipeline: compact.pipeline, fieldVectors: fieldVectors,
      invertedIndex: terms.map(function (term, n) { return [term, postings[n]]; }), weights: weights
    };
  }

  function load(compact) {
    var serialized = expand(compact), index = lunr.Index.load(serialized);
    index.termWeights = serialized.weights;
    return index;
  }

  /* Words of a query, lowercased as lunr's tokenizer does (the pipeline folds them after the
     stop-word filter, as at indexing). */
  function words(query) {
    return searchable(query).toLowerCase().split(/[\s-]+/).filter(Boolean);
  }

  /* Index terms `term` stands for, with a factor: itself; with `prefix`, the longer terms it
     starts; with `typo`, the terms within one edit (lunr's token set finds them). */
  function variants(index, term, prefix, typo) {
    var found = new Map([[term, EXACT_FACTOR]]);
    var add = function (pattern, factor) {
      index.tokenSet.intersect(pattern).toArray().forEach(function (other) {
        found.set(other, Math.max(found.get(other) || 0, factor));
      });
    };
    if (prefix) { add(lunr.TokenSet.fromString(term + "*"), 1); }
    if (typo) { add(lunr.TokenSet.fromFuzzyString(term, 1), TYPO_FACTOR); }
    return found;
  }

  /* Scores by ref of the documents of `index` holding one of the `found` terms: the weight of a
     term in each field (BM25 with field boosts, as in lunr's field vectors, from expand) summed over
     the fields, times the term's factor; the best term kept. */
  function hitsOf(index, found) {
    var hits = new Map();
    found.forEach(function (factor, term) {
      var posting = index.invertedIndex[term];
      if (!posting) { return; }
      var pairs = index.termWeights[posting._index], sums = new Map(), i;
      for (i = 0; i < pairs.length; i += 2) {
        sums.set(pairs[i], (sums.get(pairs[i]) || 0) + pairs[i + 1]);
      }
      sums.forEach(function (sum, ref) { hits.set(ref, Math.max(hits.get(ref) || 0, sum * factor)); });
    });
    return hits;
  }

  /* Refs with scores matching every word of `query` in one of `indexes` (the first tier, then the
     second); null for an empty query. The last word, being typed, also matches as a prefix in the
     first tier (prefixes over long texts would match nearly everything). */
  function match(indexes, query, typo) {
    var scores = null;
    var list = words(query).filter(function (word) {
      return indexes[0].pipeline.runString(word).length > 0;  /* drops stop words */
    });
    list.forEach(function (word, position) {
      var folded = fold(word), allowTypo = typo && folded.length >= TYPO_MIN_LENGTH, hits = new Map();
      indexes.forEach(function (index, tier) {
        var found = new Map(), terms = index.pipeline.runString(word);
        /* With typos allowed, the word as typed too: a typo can change how the word stems. */
        (allowTypo ? terms.concat([folded]) : terms).forEach(function (term) {
          var prefix = tier === 0 && position === list.length - 1 && term.length >= PREFIX_MIN_LENGTH;
          variants(index, term, prefix, allowTypo).forEach(function (factor, other) {
            found.set(other, Math.max(found.get(other) || 0, factor));
          });
        });
        hitsOf(index, found).forEach(function (score, ref) { hits.set(ref, (hits.get(ref) || 0) + score); });
      });
      if (scores === null) {
        scores = hits;
      } else {
        var both = new Map();
        scores.forEach(function (score, ref) {
          if (hits.has(ref)) { both.set(ref, score + hits.get(ref)); }
        });
        scores = both;
      }
    });
    return scores;
  }

  /* Search: exact and prefix first, typo tolerance when that finds nothing.
     Returns {refs: [ref numbers best first, or all in store order for an empty query], typo: bool}. */
  function search(indexes, query, documentCount) {
    var scores = match(indexes, query, false), typo = false;
    if (scores !== null && scores.size === 0) {
      scores = match(indexes, query, true);
      typo = true;
    }
    if (scores === null) {
      var all = [];
      for (var n = 0; n < documentCount; n++) { all.push(n); }
      return { refs: all, typo: false };
    }
    var ranked = [];
    scores.forEach(function (score, ref) { ranked.push([score, ref]); });
    ranked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    var refs = ranked.map(function (pair) { return pair[1]; });
    return { refs: refs, typo: typo };
  }

  /* Per facet with `within` (territories), the numbers of the terms inside each term, at any depth. */
  function insideOf(store) {
    if (!store.inside) {
      store.inside = store.facets.map(function (facet) {
        if (!facet.within) { return null; }
        var inside = facet.terms.map(function () { return []; });
        facet.within.forEach(function (outer, term) {
          for (var seen = 0; outer !== null && outer !== undefined && seen < inside.length; seen++) {
            inside[outer].push(term);
            outer = facet.within[outer];
          }
        });
        return inside;
      });
    }
    return store.inside;
  }

  /* The terms `terms` stand for once nesting is counted: themselves and every term inside them. */
  function reach(inside, terms) {
    var all = new Set(terms);
    terms.forEach(function (term) { inside[term].forEach(function (other) { all.add(other); }); });
    return Array.from(all);
  }

  /* Facet filtering with counts over the document `store`. `selected`: one array of term numbers per facet (empty: no
     filter). Within a facet terms are alternatives; across facets all must hold. Counts of a facet
     ignore its own selection, so they say what ticking one more term would give. Territories nest:
     a document serving a territory matches (and counts for) every territory inside it, and comes
     after the documents serving a chosen territory itself; `wider` holds those documents. */
  function facets(store, refs, selected) {
    var docs = store.docs, facetCount = selected.length, kept = [], wider = [], f, t, values, terms;
    var inside = insideOf(store);
    var sets = selected.map(function (chosen, facet) {
      if (!chosen.length) { return null; }
      var set = new Set(chosen);
      (inside[facet] || []).forEach(function (terms, outer) {
        if (terms.some(function (term) { return set.has(term); })) { set.add(outer); }
      });
      return set;
    });
    var direct = selected.map(function (chosen) { return new Set(chosen); });
    var tallies = store.facets.map(function (facet) { return new Int32Array(facet.terms.length); });
    for (var r = 0; r < refs.length; r++) {
      values = docs[refs[r]][5];
      var failed = -1, failures = 0, near = true;
      for (f = 0; f < facetCount; f++) {
        if (sets[f]) {
          terms = values[f];
          for (t = 0; t < terms.length && !sets[f].has(terms[t]); t++) { /* look for a chosen term */ }
          if (t === terms.length) { failed = f; failures += 1; }
          if (inside[f] && !terms.some(function (term) { return direct[f].has(term); })) { near = false; }
        }
      }
      if (failures === 0) { (near ? kept : wider).push(refs[r]); }
      if (failures > 1) { continue; }
      for (f = 0; f < facetCount; f++) {
        if (failures === 0 || failed === f) {
          terms = inside[f] ? reach(inside[f], values[f]) : values[f];
          for (t = 0; t < terms.length; t++) { tallies[f][terms[t]] += 1; }
        }
      }
    }
    var counts = tallies.map(function (tally) {
      var map = new Map();
      tally.forEach(function (count, term) { if (count) { map.set(term, count); } });
      return map;
    });
    return { refs: kept.concat(wider), counts: counts, wider: new Set(wider) };
  }

  return { FOLD: FOLD, fold: fold, searchable: searchable, expand: expand, load: load, words: words,
           search: search, facets: facets, FOLDED_STOP_WORDS: FOLDED_STOP_WORDS };
}));
