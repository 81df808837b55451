/* The matchmaking sheet (« Mes besoins »): a buyer's needs, typed one per line or read from a CSV file,
   each matched with the enterprises of the portfolio by the search engine (search-core.js) over the
   indexes of both languages, so that an English description finds French listings. Everything happens in
   this page: the whole index of both languages is fetched at once (so that what is fetched says nothing of
   the needs), with the shortlist's export rows for procurement readiness and contact, keyed by slug, and
   the refs file: the slug of each index ref, and the sectors' purchase category codes, by which a need from
   a CSV file with a category column matches too. Files are made by shortlist-export.js (with xlsx.js),
   loaded when asked for. Every visible word comes from the page. */
(function () {
  "use strict";

  var page = document.getElementById("matchmaking");
  if (!page) { return; }
  var data = page.dataset;
  var cells = JSON.parse(data.cells), spec = JSON.parse(data.export);
  var form = document.getElementById("matchmaking-form");
  var textBox = document.getElementById("matchmaking-needs-text");
  var fileInput = document.getElementById("matchmaking-file");
  var columnBox = document.getElementById("matchmaking-columns");
  var selects = Array.prototype.slice.call(columnBox.querySelectorAll("select[data-column]"));
  var status = document.getElementById("matchmaking-status");
  var actions = document.getElementById("matchmaking-actions");
  var results = document.getElementById("matchmaking-results");
  var needTemplate = document.getElementById("matchmaking-need");
  var suggestionTemplate = document.getElementById("matchmaking-suggestion");
  var SHOWN = 5;
  var SHORTLIST = "portfolio-shortlist";
  var COLUMN_GUESSES = { description: /descr|libell|besoin|need|item|article|produit|product|service|objet/i,
                         quantity: /quant|qt[eé]|qty/i, date: /date/i, category: /cat[eé]g|code|famil|class/i };
  var CODE_SEPARATORS = /[\s,;:|/()[\]]+/;  /* between codes, or a code and its label, in a category cell */
  var engine = null, indexes = null, slugs = null, categories = null, rows = null, loading = null, table = null;
  var sheet = [];
  var money = new Intl.NumberFormat(document.documentElement.lang + "-CA",
                                    { style: "currency", currency: "CAD", maximumFractionDigits: 0 });

  var loadScript = window.portfolioLoad.script, fetchJSON = window.portfolioLoad.json;  /* from search.js */

  /* Every file of one language's index: manifest, lexicons and shards of every tier. */
  function loadIndex(manifestUrl) {
    var base = new URL(manifestUrl, location.href);
    return fetchJSON(base.href).then(function (manifest) {
      var index = engine.create(manifest), jobs = [];
      index.tiers.forEach(function (tier, t) {
        var item = function (n) { return { tier: t, shard: n }; };
        var values = function (n) { return { tier: tier.name, n: n }; };
        var add = function (entry, kind) {
          var name = engine.fileName(index, kind, values(entry.shard));
          jobs.push(fetchJSON(new URL(name, base).href).then(function (json) { engine.add(index, entry, json); }));
        };
        add(item(null), "lexicon");
        tier.bounds.forEach(function (bound, n) { add(item(n), "shard"); });
      });
      return Promise.all(jobs).then(function () { return index; });
    });
  }

  function load() {
    if (loading) { return loading; }
    status.textContent = data.loading;
    var chain = data.scripts.split(" ").reduce(function (promise, src) {
      return promise.then(function () { return loadScript(src); });
    }, Promise.resolve());
    loading = chain.then(function () {
      engine = window.portfolioSearch;
      var files = [fetchJSON(spec.source), fetchJSON(data.refs)];
      return Promise.all(data.manifests.split(" ").map(loadIndex).concat(files));
    }).then(function (loaded) {
      indexes = loaded.slice(0, -2);
      rows = loaded[loaded.length - 2];
      slugs = loaded[loaded.length - 1].slugs;
      categories = categoryMap(loaded[loaded.length - 1].sectors);
      if (slugs.length !== indexes[0].manifest.count) { throw new Error("refs and index disagree"); }
    }).catch(function (error) {
      loading = null;
      status.textContent = data.error;
      throw error;
    });
    return loading;
  }

  /* Purchase category code -> {code, label, refs} of the sector it maps to. */
  function categoryMap(sectors) {
    var map = new Map();
    sectors.forEach(function (sector) {
      var refs = new Set(sector.refs);
      sector.codes.forEach(function (code) { map.set(code, { code: code, label: sector.label, refs: refs }); });
    });
    return map;
  }

  /* --- needs from a CSV file --- */

  function decode(buffer) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer).replace(/^\ufeff/, "");
    } catch (error) {
      return new TextDecoder("windows-1252").decode(buffer);
    }
  }

  function count(text, character) { return text.split(character).length - 1; }

  /* Rows of a CSV text (RFC 4180 quoting), comma or semicolon separated (the more frequent in the first
     line); blank rows dropped. */
  function parseCsv(text) {
    var separator = count(text.split(/\r?\n/, 1)[0], ";") > count(text.split(/\r?\n/, 1)[0], ",") ? ";" : ",";
    var parsed = [], row = [], field = "", quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (quoted) {
        if (c !== '"') {
          field += c;
        } else if (text.charAt(i + 1) === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else if (c === '"') {
        quoted = true;
      } else if (c === separator) {
        row.push(field);
        field = "";
      } else if (c === "\n" || c === "\r") {
        if (c === "\r" && text.charAt(i + 1) === "\n") { i++; }
        row.push(field);
        parsed.push(row);
        row = [];
        field = "";
      } else {
        field += c;
      }
    }
    if (field || row.length) { row.push(field); parsed.push(row); }
    return parsed.filter(function (cells) { return cells.some(function (cell) { return cell.trim(); }); });
  }

  function showColumns(headers) {
    selects.forEach(function (select) {
      var name = select.dataset.column, guess = -1;
      select.textContent = "";
      if (name !== "description") { select.appendChild(new Option(data.noColumn, "")); }
      headers.forEach(function (header, n) {
        select.appendChild(new Option(header || String(n + 1), String(n)));
        if (guess < 0 && COLUMN_GUESSES[name].test(header)) { guess = n; }
      });
      select.value = guess >= 0 ? String(guess) : name === "description" ? "0" : "";
    });
    columnBox.hidden = false;
  }

  fileInput.addEventListener("change", function () {
    table = null;
    columnBox.hidden = true;
    var chosen = fileInput.files[0];
    if (!chosen) { return; }
    chosen.arrayBuffer().then(function (buffer) {
      var parsed = parseCsv(decode(buffer));
      if (parsed.length < 2) { throw new Error("no rows"); }
      table = parsed;
      showColumns(parsed[0]);
    }).catch(function () {
      status.textContent = data.readError;
    });
  });

  /* The needs: [{text, quantity, date, category}] from the file when one is loaded, else from the box. */
  function needs() {
    if (table) {
      var column = {};
      selects.forEach(function (select) {
        column[select.dataset.column] = select.value === "" ? -1 : Number(select.value);
      });
      var cell = function (row, name) { return column[name] >= 0 ? (row[column[name]] || "").trim() : ""; };
      return table.slice(1).map(function (row) {
        return { text: cell(row, "description"), quantity: cell(row, "quantity"), date: cell(row, "date"),
                 category: cell(row, "category") };
      }).filter(function (need) { return need.text; });
    }
    var lines = textBox.value.split(/\r?\n/).map(function (line) { return line.trim(); }).filter(Boolean);
    return lines.map(function (text) { return { text: text, quantity: "", date: "", category: "" }; });
  }

  /* --- matching --- */

  /* The sectors whose purchase category codes the `category` cell of a need holds (compared in capitals). */
  function sectorsOf(category) {
    var found = [];
    category.toUpperCase().split(CODE_SEPARATORS).forEach(function (code) {
      if (categories.has(code) && found.indexOf(categories.get(code)) < 0) { found.push(categories.get(code)); }
    });
    return found;
  }

  /* The best enterprises for `text` and `category`: each word (not a stop word in either language, not a
     number) is looked up in both indexes, with one-letter typos when it is found nowhere as typed. The
     enterprises holding the most words are kept, if that is at least half of them, and those of the sectors
     the category maps to; the more words and the category, the better. [{ref, score, words, sector}]. */
  function match(text, category) {
    var words = engine.words(text).filter(function (word) {
      return !/^\d/.test(word) && indexes.every(function (index) { return index.pipeline.runString(word).length > 0; });
    });
    var found = new Map();
    words.forEach(function (word) {
      var hits = new Map();
      [false, true].some(function (typo) {
        indexes.forEach(function (index) {
          (engine.wordHits(index, word, typo) || new Map()).forEach(function (score, ref) {
            hits.set(ref, Math.max(hits.get(ref) || 0, score));
          });
        });
        return hits.size > 0;
      });
      hits.forEach(function (score, ref) {
        var entry = found.get(ref) || { ref: ref, score: 0, words: [] };
        entry.score += score;
        entry.words.push(word);
        found.set(ref, entry);
      });
    });
    var best = 0, kept = new Map();
    found.forEach(function (entry) { best = Math.max(best, entry.words.length); });
    found.forEach(function (entry, ref) {
      if (entry.words.length === best && best >= Math.max(1, Math.ceil(words.length / 2))) { kept.set(ref, entry); }
    });
    sectorsOf(category).forEach(function (sector) {
      sector.refs.forEach(function (ref) {
        var entry = kept.get(ref) || found.get(ref) || { ref: ref, score: 0, words: [] };
        entry.sector = entry.sector || sector;
        kept.set(ref, entry);
      });
    });
    var reasons = function (entry) { return entry.words.length + (entry.sector ? 1 : 0); };
    return Array.from(kept.values())
      .sort(function (a, b) { return reasons(b) - reasons(a) || b.score - a.score || a.ref - b.ref; })
      .slice(0, SHOWN);
  }

  /* --- the sheet --- */

  function cell(ref, name) { return rows[slugs[ref]][cells[name]]; }

  function why(suggestion) {
    var sector = suggestion.sector;
    return [suggestion.words.length ? data.words.replace("{words}", suggestion.words.join(data.separator)) : "",
            sector ? data.category.replace("{code}", sector.code).replace("{sector}", sector.label) : "",
            cell(suggestion.ref, "sectors"), cell(suggestion.ref, "territories")].filter(Boolean).join(" · ");
  }

  function renderSuggestion(need, suggestion) {
    var item = suggestionTemplate.content.firstElementChild.cloneNode(true);
    var link = item.querySelector(".suggestion-name a");
    link.textContent = cell(suggestion.ref, "name");
    link.href = cell(suggestion.ref, "url");
    item.querySelector(".suggestion-why").textContent = why(suggestion);
    item.querySelectorAll("[data-field=name]").forEach(function (span) {
      span.textContent = cell(suggestion.ref, "name");
    });
    var value = cell(suggestion.ref, "max_value");
    item.querySelector("[data-cell=modes]").textContent = cell(suggestion.ref, "modes") || "—";
    item.querySelector("[data-cell=max_value]").textContent = typeof value === "number" ? money.format(value) : "—";
    item.querySelector("[data-cell=lead_time]").textContent = cell(suggestion.ref, "lead_time") || "—";
    var email = item.querySelector("[data-cell=email]");
    email.textContent = cell(suggestion.ref, "email") || "";
    email.href = "mailto:" + (cell(suggestion.ref, "email") || "");
    item.querySelector("[data-cell=phone]").textContent = cell(suggestion.ref, "phone") || "";
    var pin = item.querySelector("[data-action=pin]");
    pin.addEventListener("click", function () {
      suggestion.pinned = !suggestion.pinned;
      pin.setAttribute("aria-pressed", String(suggestion.pinned));
      item.classList.toggle("suggestion-pinned", suggestion.pinned);
    });
    item.querySelector("[data-action=drop]").addEventListener("click", function () {
      need.suggestions.splice(need.suggestions.indexOf(suggestion), 1);
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      (next ? next.querySelector("a") : need.heading).focus();
    });
    return item;
  }

  function render() {
    results.textContent = "";
    sheet.forEach(function (need) {
      var block = needTemplate.content.firstElementChild.cloneNode(true);
      need.heading = block.querySelector(".need-text");
      need.heading.textContent = need.text;
      need.heading.tabIndex = -1;
      var details = block.querySelector(".need-details");
      details.textContent = [need.quantity, need.date, need.category].filter(Boolean).join(" · ");
      details.hidden = !details.textContent;
      block.querySelector(".need-none").hidden = need.suggestions.length > 0;
      var list = block.querySelector(".need-suggestions");
      list.hidden = need.suggestions.length === 0;
      need.suggestions.forEach(function (suggestion) { list.appendChild(renderSuggestion(need, suggestion)); });
      results.appendChild(block);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var list = needs();
    if (!list.length) {
      status.textContent = data.empty;
      return;
    }
    load().then(function () {
      sheet = list.map(function (need) {
        var suggestions = match(need.text, need.category);
        return { text: need.text, quantity: need.quantity, date: need.date, category: need.category,
                 matched: suggestions.length > 0, suggestions: suggestions };
      });
      render();
      var matched = sheet.filter(function (need) { return need.matched; }).length;
      status.textContent = data.done.replace("{needs}", sheet.length).replace("{matched}", matched)
        .replace("{unmatched}", sheet.length - matched);
      actions.hidden = false;
    }).catch(function () { /* the status says so */ });
  });

  /* --- print, files, shortlist --- */

  /* The sheet as table rows in the order of the export's columns: one per suggestion left, one for a need
     without any. */
  function exportRows() {
    var out = [];
    sheet.forEach(function (need) {
      var head = [need.text, need.quantity, need.date, need.category];
      if (!need.suggestions.length) {
        out.push(head.concat([need.matched ? "" : data.unmatched, "", "", "", null, "", "", "", ""]));
      }
      need.suggestions.forEach(function (s) {
        var url = cell(s.ref, "url");
        out.push(head.concat([s.pinned ? data.pinned : data.suggested, cell(s.ref, "name"), why(s),
          cell(s.ref, "modes") || "", cell(s.ref, "max_value"), cell(s.ref, "lead_time") || "",
          cell(s.ref, "email") || "", cell(s.ref, "phone") || "",
          url && url.charAt(0) === "/" ? location.origin + url : url]));
      });
    });
    return out;
  }

  function addToShortlist() {
    var pinned = [];
    sheet.forEach(function (need) {
      need.suggestions.forEach(function (s) { if (s.pinned) { pinned.push(slugs[s.ref]); } });
    });
    if (!pinned.length) {
      status.textContent = data.nonePinned;
      return;
    }
    var list = [];
    try { list = JSON.parse(localStorage.getItem(SHORTLIST) || "[]"); } catch (error) { list = []; }
    if (!Array.isArray(list)) { list = []; }
    var added = pinned.filter(function (slug, n) { return list.indexOf(slug) < 0 && pinned.indexOf(slug) === n; });
    localStorage.setItem(SHORTLIST, JSON.stringify(list.concat(added)));
    status.textContent = data.added.replace("{count}", added.length);
  }

  actions.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) { return; }
    var action = button.dataset.action;
    if (action === "print") {
      window.print();
    } else if (action === "shortlist") {
      addToShortlist();
    } else {
      import(data.exportScript).then(function (files) {
        if (action === "csv") {
          files.save(spec.names.csv, "text/csv;charset=utf-8", files.csv(spec, exportRows()));
        } else {
          files.save(spec.names.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     files.workbook(spec, exportRows()));
        }
      });
    }
  });

  form.hidden = false;
}());
