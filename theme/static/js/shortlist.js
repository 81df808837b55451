/* The buyer's shortlist: "add to my list" toggles on cards and enterprise pages, and the "my list"
 * page (a note per enterprise, print, spreadsheet or CSV download, share link). The list is an array of
 * enterprise slugs, the notes an object slug -> text, both kept in this browser's localStorage only (no
 * cookie, no server; a shared link carries the slugs, never the notes). Every visible word comes from the
 * page. The export code (shortlist-export.js, xlsx.js) is loaded only when the visitor asks for a file. */
(function () {
  "use strict";

  var KEY = "portfolio-shortlist";
  var NOTES = "portfolio-shortlist-notes";
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var SHARE = /^#list=(.*)$/;

  function storage() {
    try {
      var probe = "portfolio-shortlist-probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function clean(slugs) {
    var seen = {};
    return slugs.filter(function (slug) {
      var keep = typeof slug === "string" && SLUG.test(slug) && !seen[slug];
      seen[slug] = true;
      return keep;
    });
  }

  function load(store) {
    try {
      var value = JSON.parse(store.getItem(KEY) || "[]");
      return Array.isArray(value) ? clean(value) : [];
    } catch (error) {
      return [];
    }
  }

  /* Saves the list, and keeps the notes of its enterprises only. */
  function save(store, slugs) {
    var kept = clean(slugs), notes = loadNotes(store), left = {};
    store.setItem(KEY, JSON.stringify(kept));
    kept.forEach(function (slug) { if (notes[slug]) { left[slug] = notes[slug]; } });
    store.setItem(NOTES, JSON.stringify(left));
  }

  function loadNotes(store) {
    try {
      var value = JSON.parse(store.getItem(NOTES) || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (error) {
      return {};
    }
  }

  function note(notes, slug) {
    return Object.prototype.hasOwnProperty.call(notes, slug) && typeof notes[slug] === "string" ? notes[slug] : "";
  }

  /* --- toggles on cards and enterprise pages --- */

  /* The number of enterprises in the list, after « My list » in the menu. */
  function syncCount(slugs) {
    Array.prototype.forEach.call(document.querySelectorAll(".shortlist-menu-count"), function (count) {
      count.textContent = " (" + slugs.length.toLocaleString(document.documentElement.lang) + ")";
      count.hidden = slugs.length === 0;
    });
  }

  /* Each toggle says what is true: « Add to my list », or « ✓ In my list (remove) ». */
  function syncToggles(slugs) {
    syncCount(slugs);
    var buttons = document.querySelectorAll("button.shortlist-toggle[data-slug]");
    Array.prototype.forEach.call(buttons, function (button) {
      var listed = slugs.indexOf(button.dataset.slug) >= 0;
      button.classList.toggle("is-in-list", listed);
      button.querySelector(".shortlist-add").hidden = listed;
      button.querySelector(".shortlist-added").hidden = !listed;
      button.hidden = false;
    });
  }

  /* A toggle adds or removes its enterprise and says so in the page's live region. */
  function setUpToggles(store, onChange) {
    var announce = document.getElementById("shortlist-announce");
    document.addEventListener("click", function (event) {
      var button = event.target.closest("button.shortlist-toggle[data-slug]");
      if (!button) {
        return;
      }
      var slugs = load(store);
      var at = slugs.indexOf(button.dataset.slug);
      if (at >= 0) {
        slugs.splice(at, 1);
      } else {
        slugs.push(button.dataset.slug);
      }
      save(store, slugs);
      onChange();
      announce.textContent = announce.dataset[at >= 0 ? "removed" : "added"].replace("{name}", button.dataset.name);
    });
  }

  /* --- the "my list" page --- */

  function ListPage(root, store) {
    this.root = root;
    this.store = store;
    this.data = {};
    this.status = root.querySelector(".shortlist-status");
    this.items = root.querySelector(".shortlist-items");
    this.template = root.querySelector("#shortlist-item");
    this.link = root.querySelector("#shortlist-link");
  }

  ListPage.prototype.say = function (message) {
    this.status.textContent = message;
  };

  ListPage.prototype.shown = function () {
    var data = this.data;
    return load(this.store).filter(function (slug) { return Object.prototype.hasOwnProperty.call(data, slug); });
  };

  ListPage.prototype.restoreShared = function () {
    var match = SHARE.exec(window.location.hash);
    if (!match) {
      return;
    }
    save(this.store, load(this.store).concat(clean(decodeURIComponent(match[1]).split(","))));
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    this.say(this.root.dataset.messageRestored);
  };

  ListPage.prototype.fill = function (slug) {
    var entry = this.data[slug];
    var item = this.template.content.firstElementChild.cloneNode(true);
    var name = item.querySelector(".shortlist-name a");
    name.textContent = entry.name;
    name.href = entry.url;
    var summary = item.querySelector(".shortlist-summary");
    summary.textContent = entry.summary;
    summary.lang = entry.summaryLang;
    item.querySelector('[data-field="sectors"]').textContent = entry.sectors.join("; ");
    item.querySelector('[data-field="territories"]').textContent = entry.territories.join("; ");
    item.querySelector('[data-field="person"]').textContent = entry.person;
    var email = item.querySelector('[data-field="email"]');
    email.textContent = entry.email;
    email.href = "mailto:" + entry.email;
    var phone = item.querySelector('[data-field="phone"]');
    if (entry.phone) {
      phone.textContent = entry.phone;
      phone.href = entry.phoneUri;
    } else {
      phone.remove();
    }
    item.querySelectorAll('[data-field="name"]').forEach(function (field) { field.textContent = entry.name; });
    var remove = item.querySelector('[data-action="remove"]');
    remove.dataset.slug = slug;
    var box = item.querySelector(".shortlist-note textarea");
    box.id = "note-" + slug;
    box.dataset.slug = slug;
    box.value = note(loadNotes(this.store), slug);
    item.querySelector(".shortlist-note label").htmlFor = box.id;
    this.showNote(box);
    return item;
  };

  /* The note as printed (a text area prints cut off); a note left empty is not printed. */
  ListPage.prototype.showNote = function (box) {
    var block = box.parentNode;
    block.querySelector(".shortlist-note-text").textContent = box.value;
    block.classList.toggle("is-empty", !box.value.trim());
  };

  ListPage.prototype.keepNote = function (box) {
    var notes = loadNotes(this.store);
    notes[box.dataset.slug] = box.value;
    this.store.setItem(NOTES, JSON.stringify(notes));
    this.showNote(box);
  };

  ListPage.prototype.render = function () {
    var slugs = this.shown();
    var count = this.root.querySelector(".shortlist-count");
    this.root.querySelector(".shortlist-empty").hidden = slugs.length > 0;
    this.root.querySelector(".shortlist-filled").hidden = slugs.length === 0;
    count.textContent = slugs.length === 1 ? count.dataset.templateOne
      : count.dataset.templateMany.replace("{count}", slugs.length.toLocaleString(document.documentElement.lang));
    this.items.replaceChildren.apply(this.items, slugs.map(this.fill, this));
    this.link.value = window.location.origin + window.location.pathname + "#list=" + slugs.join(",");
  };

  ListPage.prototype.exportList = function (format) {
    var page = this;
    var slugs = this.shown();
    import(this.root.dataset.exportScript).then(function (exporter) {
      return exporter.download(format, JSON.parse(page.root.dataset.export), slugs, window.location.origin,
                               loadNotes(page.store));
    }).catch(function () {
      page.say(page.root.dataset.messageExportFailed);
    });
  };

  ListPage.prototype.act = function (button) {
    var action = button.dataset.action;
    if (action === "remove") {
      var slugs = load(this.store);
      var name = this.data[button.dataset.slug].name;
      slugs.splice(slugs.indexOf(button.dataset.slug), 1);
      save(this.store, slugs);
      this.render();
      syncToggles(slugs);
      this.say(this.root.dataset.messageRemoved.replace("{name}", name));
      this.root.querySelector(slugs.length ? ".shortlist-count" : ".shortlist-empty").focus();
    } else if (action === "clear") {
      save(this.store, []);
      this.render();
      this.say(this.root.dataset.messageCleared);
    } else if (action === "print") {
      window.print();
    } else if (action === "xlsx" || action === "csv") {
      this.exportList(action);
    } else if (action === "copy") {
      var page = this;
      var copied = function () { page.say(page.root.dataset.messageCopied); };
      this.link.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(this.link.value).then(copied, function () {});
      } else if (document.execCommand("copy")) {
        copied();
      }
    }
  };

  ListPage.prototype.start = function () {
    var page = this;
    this.restoreShared();
    window.addEventListener("hashchange", function () {
      page.restoreShared();
      page.render();
      syncToggles(load(page.store));
    });
    this.root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button) {
        page.act(button);
      }
    });
    this.root.addEventListener("input", function (event) {
      if (event.target.matches(".shortlist-note textarea")) {
        page.keepNote(event.target);
      }
    });
    return fetch(this.root.dataset.source, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        page.data = data;
        page.render();
        page.root.hidden = false;
      }, function () {});  /* without its data the list stays hidden, like without JavaScript */
  };

  function start() {
    var store = storage();
    if (!store) {
      return;
    }
    var root = document.getElementById("shortlist");
    var page = root ? new ListPage(root, store) : null;
    var refresh = function () {
      syncToggles(load(store));
      if (page) {
        page.render();
      }
    };
    setUpToggles(store, refresh);
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) {
        refresh();
      }
    });
    syncToggles(load(store));
    if (page) {
      page.start();
    }
  }

  start();
}());
