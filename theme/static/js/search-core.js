/* Search engine of the portfolio, without any page markup: accent folding registered with lunr,
   expansion of our compact index files, and the query logic (prefix, typo tolerance, facets).
   Loaded after lunr.js, lunr.stemmer.support.js and lunr.fr.js; also run by the node tests. */
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
  var EXACT_BOOST = 10;

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
  if (!lunr.Pipeline.registeredFunctions[FOLD]) {
    lunr.Pipeline.registerFunction(accentFold, FOLD);
    lunr.Pipeline.registerFunction(englishStemmer, "stemmer-en");
  }

  /* lunr's serialized index rebuilt from the compact form (portfolio/search/compact.py). */
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
    fields.forEach(function (field, f) {
      var boost = compact.boosts[f] || 1, average = frequencies[f].average;
      frequencies[f].rows.forEach(function (row, ref) {
        var elements = [];
        row.counts.forEach(function (tf, number) {
          var score = idf[number] * ((k1 + 1) * tf) / (k1 * (1 - b + b * (row.length / average)) + tf) * boost;
          elements.push(number, Math.round(score * 1000) / 1000);
        });
        fieldVectors.push([field + "/" + ref, elements]);
      });
    });
    return {
      version: lunr.version, fields: fields, pipeline: compact.pipeline, fieldVectors: fieldVectors,
      invertedIndex: terms.map(function (term, n) { return [term, postings[n]]; })
    };
  }

  function load(compact) {
    return lunr.Index.load(expand(compact));
  }

  /* Words of a query, lowercased as lunr's tokenizer does (the pipeline folds them after the
     stop-word filter, as at indexing). */
  function words(query) {
    return searchable(query).toLowerCase().split(/[\s-]+/).filter(Boolean);
  }

  /* Scores by ref of the documents of `index` matching one processed term. */
  function termHits(index, term, typo) {
    var hits = new Map();
    index.query(function (q) {
      q.term(term, { usePipeline: false, boost: EXACT_BOOST });
      if (term.length >= PREFIX_MIN_LENGTH) {
        q.term(term, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      }
      if (typo) {
        q.term(term, { usePipeline: false, editDistance: 1 });
      }
    }).forEach(function (result) { hits.set(result.ref, result.score); });
    return hits;
  }

  /* Refs with scores matching every word of `query` in any of `indexes`; null for an empty query. */
  function match(indexes, query, typo) {
    var scores = null;
    words(query).forEach(function (word) {
      if (!indexes[0].pipeline.runString(word).length) {
        return;  /* a stop word */
      }
      var allowTypo = typo && fold(word).length >= TYPO_MIN_LENGTH, hits = new Map();
      indexes.forEach(function (index) {
        /* With typos allowed, the word as typed too: a typo can change how the word stems. */
        var terms = index.pipeline.runString(word);
        new Set(allowTypo ? terms.concat([fold(word)]) : terms).forEach(function (term) {
          termHits(index, term, allowTypo).forEach(function (score, ref) {
            hits.set(ref, Math.max(hits.get(ref) || 0, score));
          });
        });
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
    var refs = Array.from(scores.keys()).sort(function (a, b) {
      return scores.get(b) - scores.get(a) || a - b;
    }).map(Number);
    return { refs: refs, typo: typo };
  }

  /* Facet filtering with counts. `selected`: one array of term numbers per facet (empty: no
     filter). Within a facet terms are alternatives; across facets all must hold. Counts of a facet
     ignore its own selection, so they say what ticking one more term would give. */
  function facets(docs, refs, selected) {
    var facetCount = selected.length;
    var sets = selected.map(function (terms) { return terms.length ? new Set(terms) : null; });
    var counts = selected.map(function () { return new Map(); });
    var kept = [];
    refs.forEach(function (ref) {
      var values = docs[ref][5], failed = -1, failures = 0;
      for (var f = 0; f < facetCount; f++) {
        if (sets[f] && !values[f].some(function (term) { return sets[f].has(term); })) {
          failed = f;
          failures += 1;
        }
      }
      if (failures === 0) { kept.push(ref); }
      for (var g = 0; g < facetCount; g++) {
        if (failures === 0 || (failures === 1 && failed === g)) {
          values[g].forEach(function (term) { counts[g].set(term, (counts[g].get(term) || 0) + 1); });
        }
      }
    });
    return { refs: kept, counts: counts };
  }

  return { FOLD: FOLD, fold: fold, searchable: searchable, expand: expand, load: load, words: words,
           search: search, facets: facets };
}));
