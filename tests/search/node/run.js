/* Runs the shipped search code under node for the Python tests. Reads one JSON request on stdin:
   {libraries: [lunr.min.js, lunr.stemmer.support.min.js, lunr.fr.min.js], core: search-core.js,
    task: "terms" | "fold" | "search", ...}, writes the JSON answer on stdout. */
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
  /* Each query -> {urls: result URLs in order, typo, counts}, over the files of one language in `folder`
     (search-<lang>.json and the files it names), searched as the page does: exact in both tiers, then
     with typos when that finds nothing. Also `fetched`: per query, the files it needed. */
  search: ({ folder, lang, queries }) => {
    const read = (name) => JSON.parse(fs.readFileSync(`${folder}/${name}`, "utf8"));
    const manifest = read(`search-${lang}.json`);
    const values = read(core.fileName(core.create(manifest), "facets", {})).values;
    const answers = {};
    queries.forEach(({ query, facets }) => {
      const index = core.create(manifest);  /* a fresh page for every query */
      const fetched = [];
      const ensure = (typo) => {
        for (let items = core.missing(index, query, 2, typo); items.length; items = core.missing(index, query, 2, typo)) {
          items.forEach((item) => {
            const name = item.shard === null ? core.fileName(index, "lexicon", { tier: index.tiers[item.tier].name })
              : core.fileName(index, "shard", { tier: index.tiers[item.tier].name, n: item.shard });
            fetched.push(name);
            core.add(index, item, read(name));
          });
        }
      };
      ensure(false);
      let found = core.search(index, query, 2, false);
      if (found.refs.length === 0) {
        ensure(true);
        found = core.search(index, query, 2, true);
      }
      const kept = core.facets({ facets: manifest.facets, values }, found.refs, facets || manifest.facets.map(() => []));
      const row = (ref) => read(core.fileName(index, "chunk", { n: Math.floor(ref / manifest.chunk) })).docs[ref % manifest.chunk];
      answers[JSON.stringify([query, facets || null])] = {
        urls: kept.refs.map((ref) => manifest.affixes[0][0] + row(ref)[1] + manifest.affixes[0][1]),
        typo: found.typo,
        counts: kept.counts.map((counts) => Object.fromEntries(counts)),
        fetched,
      };
    });
    return answers;
  },
};

process.stdout.write(JSON.stringify(tasks[request.task](request)));
