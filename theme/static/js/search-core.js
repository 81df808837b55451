/* Search engine of the portfolio, without any page markup: accent folding registered with lunr, the index
   pieces (portfolio/search/shards.py) a query needs, and the query logic: words go through the index's
   lunr pipeline, prefixes and typos are expanded over the sorted terms (lunr's TokenSet for typos), and
   documents are scored with the BM25 weights of the matched terms (lunr's formula, computed at build time
   and carried by the shards). The engine fetches nothing: `missing` says which files a query needs,
   the caller fetches them and hands them over with `add`. Loaded after lunr.js (and
   lunr.stemmer.support.js, lunr.fr.js in French); node tests run it too. */
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

  /* The search state of one language: the manifest (search-<lang>.json), then the shards and lexicons
     handed over with `add`. */
  function create(manifest) {
    return {
      manifest: manifest,
      pipeline: lunr.Pipeline.load(manifest.pipeline),
      tiers: manifest.tiers.map(function (tier) {
        return { name: tier.name, bounds: tier.shards, shards: new Map(), postings: new Map(), tokenSet: null };
      })
    };
  }

  /* URL, relative to the manifest, of a file of the manifest's kind ("shard", "lexicon", "chunk", "facets"),
     given {tier, n} as they apply: the name it lists (with a hash of the file's content) in its folder. */
  function fileName(index, kind, values) {
    var listed = index.manifest.files[kind];
    var name = kind === "facets" || kind === "verified" ? listed : kind === "chunk" ? listed[values.n]
      : kind === "lexicon" ? listed[values.tier] : listed[values.tier][values.n];
    return index.manifest.folder + name;
  }

  /* Number of the shard of `tier` whose range holds `term` (-1 before the first). */
  function shardOf(tier, term) {
    var low = 0, high = tier.bounds.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (tier.bounds[middle] <= term) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found;
  }

  /* Numbers of the shards that may hold terms starting with `prefix`. */
  function shardsOfPrefix(tier, prefix) {
    var first = Math.max(0, shardOf(tier, prefix)), numbers = [first];
    for (var n = first + 1; n < tier.bounds.length && tier.bounds[n].lastIndexOf(prefix, 0) === 0; n++) {
      numbers.push(n);
    }
    return numbers;
  }

  /* Words of a query, lowercased as lunr's tokenizer does (the pipeline folds them after the
     stop-word filter, as at indexing); stop words dropped. */
  function words(query, index) {
    var list = searchable(query).toLowerCase().split(/[\s-]+/).filter(Boolean);
    return index ? list.filter(function (word) { return index.pipeline.runString(word).length > 0; }) : list;
  }

  /* Calls visit(tier number, term, prefix, typo, word position) for every term a query looks up in the
     first `tierCount` tiers. The last word, being typed, also matches as a prefix in the first tier
     (prefixes over long texts would match nearly everything); with `typo`, a word of TYPO_MIN_LENGTH
     letters or more is also looked up as typed (a typo can change how it stems) and within one edit. */
  function lookups(index, query, tierCount, typo, visit) {
    var list = words(query, index);
    list.forEach(function (word, position) {
      var folded = fold(word), allowTypo = typo && folded.length >= TYPO_MIN_LENGTH;
      var terms = index.pipeline.runString(word);
      (allowTypo ? terms.concat([folded]) : terms).forEach(function (term) {
        for (var t = 0; t < tierCount; t++) {
          visit(t, term, t === 0 && position === list.length - 1 && term.length >= PREFIX_MIN_LENGTH, allowTypo,
                position);
        }
      });
    });
    return list;
  }

  /* The files `query` needs that have not been added yet: [{tier, shard}] (shard null: the tier's lexicon,
     needed first for typos). Call again after adding them: the lexicon can call for more shards. */
  function missing(index, query, tierCount, typo) {
    var wanted = new Map();
    var want = function (t, n) {
      var tier = index.tiers[t];
      if (n === null ? !tier.tokenSet : n >= 0 && !tier.shards.has(n)) {
        wanted.set(t + "/" + n, { tier: t, shard: n });
      }
    };
    lookups(index, query, tierCount, typo, function (t, term, prefix, allowTypo) {
      var tier = index.tiers[t];
      (prefix ? shardsOfPrefix(tier, term) : [shardOf(tier, term)]).forEach(function (n) { want(t, n); });
      if (allowTypo) {
        if (!tier.tokenSet) { want(t, null); return; }
        fuzzy(tier, term).forEach(function (other) { want(t, shardOf(tier, other)); });
      }
    });
    return Array.from(wanted.values());
  }

  /* `item` of `missing` with the JSON data of its file: {tier, shard} or {tier, shard: null}. */
  function add(index, item, data) {
    var tier = index.tiers[item.tier];
    if (item.shard === null) {
      tier.tokenSet = lunr.TokenSet.fromArray(data.terms);
      return;
    }
    tier.shards.set(item.shard, data);
    data.terms.forEach(function (term, n) { tier.postings.set(term, data.postings[n]); });
  }

  function fuzzy(tier, term) {
    return tier.tokenSet.intersect(lunr.TokenSet.fromFuzzyString(term, 1)).toArray();
  }

  /* Index terms `term` stands for in `tier`, with a factor: itself; with `prefix`, the longer terms it
     starts; with `typo`, the terms within one edit. Only terms of added shards count. */
  function variants(tier, term, prefix, typo) {
    var found = new Map([[term, EXACT_FACTOR]]);
    var keep = function (other, factor) { found.set(other, Math.max(found.get(other) || 0, factor)); };
    if (prefix) {
      shardsOfPrefix(tier, term).forEach(function (n) {
        var shard = tier.shards.get(n);
        if (!shard) { return; }
        shard.terms.forEach(function (other) { if (other.lastIndexOf(term, 0) === 0) { keep(other, 1); } });
      });
    }
    if (typo && tier.tokenSet) { fuzzy(tier, term).forEach(function (other) { keep(other, TYPO_FACTOR); }); }
    return found;
  }

  /* Scores by ref of the documents of `tier` holding one of the `found` terms: the term's weight (its BM25
     score summed over the tier's fields) times the term's factor; the best term kept. */
  function hitsOf(tier, found, scale) {
    var hits = new Map();
    found.forEach(function (factor, term) {
      var postings = tier.postings.get(term);
      if (!postings) { return; }
      for (var i = 0, ref = 0; i < postings.length; i += 2) {
        ref += postings[i];
        hits.set(ref, Math.max(hits.get(ref) || 0, postings[i + 1] / scale * factor));
      }
    });
    return hits;
  }

  /* Refs with scores matching every word of `query` in one of the first `tierCount` tiers; null for an
     empty query. */
  function match(index, query, tierCount, typo) {
    var byWord = new Map();  /* word -> per tier, found terms -> factor */
    var list = lookups(index, query, tierCount, typo, function (t, term, prefix, allowTypo, word) {
      if (!byWord.has(word)) { byWord.set(word, index.tiers.map(function () { return new Map(); })); }
      var found = byWord.get(word)[t];
      variants(index.tiers[t], term, prefix, allowTypo).forEach(function (factor, other) {
        found.set(other, Math.max(found.get(other) || 0, factor));
      });
    });
    if (!list.length) { return null; }
    var scores = null;
    list.forEach(function (word, position) {
      var hits = new Map();
      (byWord.get(position) || []).forEach(function (found, t) {
        hitsOf(index.tiers[t], found, index.manifest.scale).forEach(function (score, ref) {
          hits.set(ref, (hits.get(ref) || 0) + score);
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

  /* Scores by ref of the documents holding `word` in any tier, as a whole word (with `typo`, within one edit
     too); null for a stop word. The matchmaking sheet adds these up word by word over both languages'
     indexes, all of whose files it adds first. */
  function wordHits(index, word, typo) {
    var terms = index.pipeline.runString(word);
    if (!terms.length) { return null; }
    var folded = fold(word), allowTypo = typo && folded.length >= TYPO_MIN_LENGTH, hits = new Map();
    index.tiers.forEach(function (tier) {
      var found = new Map();
      (allowTypo ? terms.concat([folded]) : terms).forEach(function (term) {
        variants(tier, term, false, allowTypo).forEach(function (factor, other) {
          found.set(other, Math.max(found.get(other) || 0, factor));
        });
      });
      hitsOf(tier, found, index.manifest.scale).forEach(function (score, ref) {
        hits.set(ref, (hits.get(ref) || 0) + score);
      });
    });
    return hits;
  }

  /* Search: refs best first (all refs in store order for an empty query). `typo`: terms within one edit
     count too (their lexicons and shards added). Returns {refs, typo}. */
  function search(index, query, tierCount, typo) {
    var scores = match(index, query, tierCount, typo);
    if (scores === null) {
      var all = [];
      for (var n = 0; n < index.manifest.count; n++) { all.push(n); }
      return { refs: all, typo: false };
    }
    var ranked = [];
    scores.forEach(function (score, ref) { ranked.push([score, ref]); });
    ranked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return { refs: ranked.map(function (pair) { return pair[1]; }), typo: typo && ranked.length > 0 };
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

  /* Facet filtering with counts over `store`: {facets: the manifest's facet tables, values: the facets file's
     values, per ref its term numbers per facet}. `selected`: one array of term numbers per facet (empty: no
     filter). Within a facet terms are alternatives; across facets all must hold. Counts of a facet
     ignore its own selection, so they say what ticking one more term would give. Territories nest:
     a document serving a territory matches (and counts for) every territory inside it, and comes
     after the documents serving a chosen territory itself; `wider` holds those documents. */
  function facets(store, refs, selected) {
    var facetCount = selected.length, kept = [], wider = [], f, t, values, terms;
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
      values = store.values[refs[r]];
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

  /* `refs` in the order `sort` asks for: "nom" by name (the refs' own order), "verification" the most
     recently verified first (`days`: per ref, the day of its last verification, from the verified file), else
     as given. */
  function order(refs, sort, days) {
    if (sort === "nom") { return refs.slice().sort(function (a, b) { return a - b; }); }
    if (sort !== "verification") { return refs; }
    return refs.slice().sort(function (a, b) { return days[b] - days[a] || a - b; });
  }

  return { FOLD: FOLD, fold: fold, searchable: searchable, words: words, create: create, fileName: fileName,
           missing: missing, add: add, search: search, wordHits: wordHits, facets: facets, order: order,
           FOLDED_STOP_WORDS: FOLDED_STOP_WORDS };
}));
