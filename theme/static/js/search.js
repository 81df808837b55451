/* Search, on every page: warms the search files when the visitor starts using the header search box,
   and, on the search page, runs the search as the visitor types, ticks facets or sorts, with the state in
   the URL; the ticked facets are shown as removable chips, and the facet values without results are
   collapsed. Every user-facing string comes from the page (data- attributes, <template>). Its loaders
   serve the matchmaking sheet too (window.portfolioLoad). */
(function () {
  "use strict";

  var page = document.getElementById("search");
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(element);
    });
  }

  function fetchJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  window.portfolioLoad = { script: loadScript, json: fetchJSON };

  /* On other pages: the first focus of the header box fetches the files of the search page into the
     HTTP cache, so that the search page answers at once (its scripts are listed by data-prefetch). */
  function warmFromHeader() {
    var input = document.getElementById("site-search");
    if (!input || !input.form) { return; }
    input.addEventListener("focus", function () {
      if (loading) { return; }
      loading = true;
      (input.form.dataset.prefetch || "").split(" ").filter(Boolean).forEach(function (url) {
        fetch(url).catch(function () {});
      });
    }, { once: true });
  }

  if (!page) {
    warmFromHeader();
    return;
  }

  var data = page.dataset;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var fallback = document.getElementById("search-fallback");
  var facetBox = document.getElementById("search-facets");
  var fieldsets = Array.prototype.slice.call(page.querySelectorAll("fieldset[data-facet]"));
  var template = document.getElementById("search-result");
  var sorter = document.getElementById("search-sort");
  var chipBox = document.getElementById("search-chips");
  var chipList = chipBox.querySelector("ul");
  var chipTemplate = document.getElementById("search-chip");
  var allCounts = Array.prototype.map.call(page.querySelectorAll("[data-term-count]"), function (span) {
    return [span, span.textContent];
  });
  var institutionBox = document.getElementById("search-institutions");
  var institutionItems = Array.prototype.slice.call(institutionBox.querySelectorAll("li[data-words]"));
  var switcher = document.querySelector(".lang-switch");
  var switchPath = switcher ? switcher.getAttribute("href").split("?")[0] : "";
  var otherParams = JSON.parse(data.otherParams);
  var PAGE = 30, FACET_SHOWN = 10;
  var engine = null, index = null, facetStore = null, verified = null, shown = 0, current = [], wider = new Set();
  var typingTimer = null;
  var files = new Map(), rows = new Map(), runs = 0;

  /* Libraries in order and the manifest; the index shards, document chunks and facet values are fetched
     as queries need them (fetchFile). */
  function load() {
    if (loading) { return loading; }
    status.textContent = data.loading;
    var scripts = data.scripts.split(" ");
    var chain = scripts.reduce(function (promise, src) {
      return promise.then(function () { return loadScript(src); });
    }, Promise.resolve());
    loading = Promise.all([chain, fetchJSON(data.manifest)]).then(function (results) {
      engine = window.portfolioSearch;
      index = engine.create(results[1]);
      if (status.textContent === data.loading) { status.textContent = ""; }
    }).catch(function (error) {
      status.textContent = data.error;
      throw error;
    });
    return loading;
  }

  /* A file named by the manifest (relative to it), fetched once. */
  function fetchFile(name) {
    if (!files.has(name)) {
      files.set(name, fetchJSON(new URL(name, new URL(data.manifest, location.href)).href));
    }
    return files.get(name);
  }

  /* Adds to the index the shards (and, with typos, lexicons) `query` needs in the first `tierCount` tiers. */
  function ensure(query, tierCount, typo) {
    var items = engine.missing(index, query, tierCount, typo);
    if (!items.length) { return Promise.resolve(); }
    return Promise.all(items.map(function (item) {
      var values = { tier: index.tiers[item.tier].name, n: item.shard };
      return fetchFile(engine.fileName(index, item.shard === null ? "lexicon" : "shard", values)).then(function (json) {
        engine.add(index, item, json);
      });
    })).then(function () { return ensure(query, tierCount, typo); });
  }

  /* The facet values of every enterprise, for filters and counts over the whole portfolio. */
  function loadFacets() {
    return fetchFile(engine.fileName(index, "facets", {})).then(function (json) {
      facetStore = { facets: index.manifest.facets, values: json.values };
    });
  }

  /* The day each enterprise was last verified, fetched only to sort by it. */
  function loadVerified() {
    return fetchFile(engine.fileName(index, "verified", {})).then(function (json) { verified = json.days; });
  }

  /* The store rows of `refs` (their chunks fetched). */
  function loadRows(refs) {
    var size = index.manifest.chunk;
    var chunks = new Set(refs.map(function (ref) { return Math.floor(ref / size); }));
    return Promise.all(Array.from(chunks).map(function (n) {
      return fetchFile(engine.fileName(index, "chunk", { n: n })).then(function (json) {
        json.docs.forEach(function (row, i) { rows.set(n * size + i, row); });
      });
    }));
  }

  /* State <-> form <-> URL. */
  function stateFromUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get(data.query) || "";
    page.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
    sorter.value = params.get(sorter.name) || "";
    if (sorter.selectedIndex < 0) { sorter.value = ""; }
  }

  function urlFromState() {
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set(data.query, input.value.trim()); }
    page.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      params.append(box.name, box.value);
    });
    if (sorter.value) { params.set(sorter.name, sorter.value); }
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  /* The language switch leads to the same search in the other language (parameter names translated). */
  function updateSwitch() {
    if (!switcher) { return; }
    var other = new URLSearchParams();
    new URLSearchParams(location.search).forEach(function (value, name) {
      other.append(otherParams[name] || name, value);
    });
    var query = other.toString();
    switcher.setAttribute("href", switchPath + (query ? "?" + query : ""));
  }

  /* Institutions whose names or short name start with every word of the query (« STM », « CSDM »). */
  function showInstitutions() {
    var typed = engine ? engine.words(input.value).map(engine.fold).filter(function (w) { return w.length > 1; }) : [];
    var count = 0;
    institutionItems.forEach(function (item) {
      var words = item.dataset.words.split(" ");
      var found = typed.length > 0 && typed.every(function (word) {
        return words.some(function (own) { return own.indexOf(word) === 0; });
      });
      item.hidden = !found;
      count += found ? 1 : 0;
    });
    institutionBox.hidden = count === 0;
  }

  function hasState() {
    return input.value.trim() !== "" || page.querySelector("input[type=checkbox]:checked") !== null;
  }

  function selected() {
    return fieldsets.map(function (fieldset) {
      return Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (box) {
        return Number(box.dataset.term);
      });
    });
  }

  /* One chip per ticked facet value, which unticks it; « remove all filters » beside them. */
  function showChips() {
    var boxes = page.querySelectorAll("#search-facets input[type=checkbox]:checked");
    chipList.replaceChildren.apply(chipList, Array.prototype.map.call(boxes, function (box) {
      var chip = chipTemplate.content.firstElementChild.cloneNode(true);
      var button = chip.querySelector("button");
      button.querySelector(".search-chip-label").textContent = box.parentNode.querySelector(".search-term").textContent;
      button.dataset.name = box.name;
      button.dataset.value = box.value;
      return chip;
    }));
    chipBox.hidden = boxes.length === 0;
  }

  /* Untick the chip's value; the focus goes to the chip that takes its place, else the search box. */
  function removeChip(button) {
    var at = Array.prototype.indexOf.call(chipList.querySelectorAll("button"), button);
    page.querySelectorAll("#search-facets input[type=checkbox]:checked").forEach(function (box) {
      if (box.name === button.dataset.name && box.value === button.dataset.value) { box.checked = false; }
    });
    update(true);
    var left = chipList.querySelectorAll("button");
    (left[Math.min(at, left.length - 1)] || input).focus();
  }

  /* A facet shows its ticked values and its first FACET_SHOWN values with results; the others are collapsed
     behind a button saying how many there are. */
  function collapse(fieldset) {
    var button = fieldset.querySelector(".search-facet-more");
    var open = button.getAttribute("aria-expanded") === "true";
    var shown = 0, spare = 0;
    fieldset.querySelectorAll("li").forEach(function (item) {
      var extra = !item.querySelector("input").checked &&
        (item.querySelector(".search-count").textContent === "(0)" || shown >= FACET_SHOWN);
      item.hidden = extra && !open;
      spare += extra ? 1 : 0;
      shown += extra ? 0 : 1;
    });
    button.hidden = spare === 0;
    button.textContent = open ? data.fewer : (spare === 1 ? data.moreOne : data.more).replace("{count}", spare);
  }

  function labels(facet, terms) {
    return terms.map(function (number) { return index.manifest.facets[facet].terms[number][1]; }).join(data.separator);
  }

  /* A URL of the store put back together: kind 0 pages, 1 thumbnails. */
  function joined(kind, middle) {
    var affixes = index.manifest.affixes[kind];
    return affixes[0] + middle + affixes[1];
  }

  function renderResult(ref) {
    var doc = rows.get(ref);
    var item = template.content.firstElementChild.cloneNode(true);
    var link = item.querySelector("a");
    link.textContent = doc[0];
    link.href = joined(0, doc[1]);
    var summary = item.querySelector(".search-result-summary");
    summary.textContent = doc[2];
    if (doc[3] !== document.documentElement.lang) { summary.lang = doc[3]; }
    item.querySelector(".search-result-example").hidden = !doc[6];
    item.querySelectorAll("[data-badge]").forEach(function (badge) {
      badge.hidden = doc[7].indexOf(badge.dataset.badge) === -1;
    });
    var reason = item.querySelector(".search-result-reason");
    reason.hidden = !wider.has(ref);
    reason.textContent = data.wider.replace("{territories}", labels(1, doc[5][1]));
    item.querySelector(".search-result-meta").textContent =
      [labels(0, doc[5][0]), labels(1, doc[5][1])].filter(Boolean).join(" · ");
    if (doc[4] !== null) {
      var image = document.createElement("img");
      image.src = joined(1, doc[4]);
      image.alt = "";
      image.width = 48;
      image.height = 48;
      image.loading = "lazy";
      item.querySelector(".search-result-logo").appendChild(image);
    }
    return item;
  }

  function showMore() {
    var fragment = document.createDocumentFragment();
    current.slice(shown, shown + PAGE).forEach(function (ref) { fragment.appendChild(renderResult(ref)); });
    list.appendChild(fragment);
    shown = Math.min(current.length, shown + PAGE);
    more.hidden = shown >= current.length;
  }

  function message(count, typo) {
    var text = count === 0 ? data.none : count === 1 ? data.one : data.other.replace("{count}", count);
    return typo && count ? data.typo + " " + text : text;
  }

  /* Search the state of the form: the first tier's results are shown as soon as its shards and their rows
     have arrived, then both tiers' (typo tolerance when neither finds anything), with the facet counts.
     A newer search makes an older one stop. */
  function run() {
    showInstitutions();
    runs += 1;
    if (!hasState()) {
      list.hidden = true;
      more.hidden = true;
      fallback.hidden = false;
      status.textContent = "";
      allCounts.forEach(function (pair) { pair[0].textContent = pair[1]; });
      fieldsets.forEach(collapse);
      return Promise.resolve();
    }
    var generation = runs, query = input.value, chosen = selected();
    var latest = function () { return generation === runs; };
    var answer = function (tierCount, typo) {
      return ensure(query, tierCount, typo).then(function () { return engine.search(index, query, tierCount, typo); });
    };
    var filtering = chosen.some(function (terms) { return terms.length > 0; });
    var both = answer(2, false);  /* the second tier's shards are fetched meanwhile */
    var needed = [filtering ? loadFacets() : null, sorter.value === "verification" ? loadVerified() : null];
    return Promise.all(needed).then(function () {
      return answer(1, false);
    }).then(function (found) {
      return found.refs.length && latest() ? show(found, chosen, latest) : null;
    }).then(function () {
      return latest() ? both : null;
    }).then(function (found) {
      return found && !found.refs.length && latest() ? answer(2, true) : found;
    }).then(function (found) {
      if (!found || !latest()) { return null; }
      return loadFacets().then(function () { return latest() ? show(found, chosen, latest) : null; });
    });
  }

  /* Show `found` sorted as asked and filtered by the `chosen` facet terms (once the facet values are there)
     with its count. */
  function show(found, chosen, latest) {
    var refs = engine.order(found.refs, sorter.value, verified);
    var filtered = facetStore ? engine.facets(facetStore, refs, chosen) : { refs: refs, counts: null, wider: new Set() };
    return loadRows(filtered.refs.slice(0, PAGE)).then(function () {
      if (!latest()) { return; }
      if (filtered.counts) {
        fieldsets.forEach(function (fieldset, facet) {
          fieldset.querySelectorAll("[data-term-count]").forEach(function (span) {
            span.textContent = "(" + (filtered.counts[facet].get(Number(span.dataset.termCount)) || 0) + ")";
          });
          collapse(fieldset);
        });
        facetBox.hidden = false;  /* shown with its counts (shown earlier, its values would move) */
      }
      current = filtered.refs;
      wider = filtered.wider;
      shown = 0;
      list.textContent = "";
      showMore();
      list.hidden = false;
      fallback.hidden = current.length > 0;
      status.textContent = message(current.length, found.typo);
    });
  }

  /* Search again for the state of the form; the result list is busy until then. */
  function refresh() {
    list.setAttribute("aria-busy", "true");
    var done = function () { list.setAttribute("aria-busy", "false"); };
    if (!hasState()) {
      run();
      done();
      return;
    }
    load().then(run).then(done, done);
  }

  function update(push) {
    var url = urlFromState();
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    updateSwitch();
    showChips();
    refresh();
  }

  fieldsets.forEach(collapse);
  page.classList.add("search-live");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typingTimer);
    update(true);
  });
  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("input", function () {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { update(false); }, 120);
  });
  facetBox.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") { update(true); }
  });
  facetBox.addEventListener("click", function (event) {
    var button = event.target.closest(".search-facet-more");
    if (!button) { return; }
    button.setAttribute("aria-expanded", String(button.getAttribute("aria-expanded") !== "true"));
    collapse(button.closest("fieldset"));
  });
  sorter.addEventListener("change", function () { update(true); });
  chipList.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (button) { removeChip(button); }
  });
  document.getElementById("search-clear").addEventListener("click", function () {
    page.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) { box.checked = false; });
    update(true);
    input.focus();
  });
  more.addEventListener("click", function () {
    var next = shown;
    loadRows(current.slice(shown, shown + PAGE)).then(function () {
      showMore();
      var link = list.children[next] && list.children[next].querySelector("a");
      if (link) { link.focus(); }
    });
  });
  window.addEventListener("popstate", function () {
    stateFromUrl();
    updateSwitch();
    showChips();
    refresh();
  });

  stateFromUrl();
  updateSwitch();
  showChips();
  if (hasState()) { refresh(); } else { facetBox.hidden = false; }
}());
