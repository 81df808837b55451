/* Runs the shipped search code under node for the Python tests. Reads one JSON request on stdin:
   {libraries: [lunr.min.js, lunr.stemmer.support.min.js, lunr.fr.min.js], core: search-core.js,
    task: "terms" | "fold" | "expand" | "search", ...}, writes the JSON answer on stdout. */
"use strict";
const fs = require("fs");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const [lunrPath, ...plugins] = request.libraries;
const lunr = require(lunrPath);
plugins.forEach((path) => require(path)(lunr));
const core = require(request.core)(lunr);

const tasks = {
  /* Index terms of each text with the named pipeline, as lunr.Builder makes them. */
  terms: ({ pipeline, texts }) => {
    const loaded = lunr.Pipeline.load(pipeline);
    return texts.map((text) => loaded.run(lunr.tokenizer(core.searchable(text))).map(String));
  },
  fold: ({ texts }) => texts.map(core.fold),
  /* lunr's serialized index rebuilt from a compact file. */
  expand: ({ file }) => core.expand(JSON.parse(fs.readFileSync(file, "utf8"))),
  /* Each query -> {urls: result URLs in order, typo}, over the files of one language. */
  search: ({ files, queries }) => {
    const indexes = files.indexes.map((file) => core.load(JSON.parse(fs.readFileSync(file, "utf8"))));
    const store = JSON.parse(fs.readFileSync(files.docs, "utf8"));
    const answers = {};
    queries.forEach(({ query, facets }) => {
      const found = core.search(indexes, query, store.docs.length);
      const kept = core.facets(store, found.refs, facets || store.facets.map(() => []));
      answers[JSON.stringify([query, facets || null])] = {
        urls: kept.refs.map((ref) => store.affixes[0][0] + store.docs[ref][1] + store.affixes[0][1]),
        typo: found.typo,
        counts: kept.counts.map((counts) => Object.fromEntries(counts)),
      };
    });
    return answers;
  },
};

process.stdout.write(JSON.stringify(tasks[request.task](request)));
