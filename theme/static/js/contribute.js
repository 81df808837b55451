// The form « Proposer ou mettre à jour une fiche »: fields made from the JSON Schemas (formulaire-<lang>.json,
// written by the build), checked as the visitor types with the validator's rules and words
// (contribute-rules.js), written out as the record's YAML file (contribute-yaml.js). Nothing leaves the
// browser but through the visitor's own download, copy, e-mail or repository page.
import { chainOf, validate } from "./contribute-rules.js";
import { toYaml } from "./contribute-yaml.js";

const root = document.getElementById("contribute");
const text = root.dataset; // the page's words (gettext), data-* attributes of #contribute
const $ = (id) => document.getElementById(id);
let config, kind, form, opened = null, showAll = false;
const fields = new Map(); // record path (a.b.0) -> {box, focus(), error, controls}
const touched = new Set();

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter(Boolean));
  return node;
}

// ---- the schema, merged along $refs --------------------------------------------------------------------
function merged(sources) {
  const m = { props: new Map(), required: new Set(), items: [], extra: [], names: [] };
  for (const [start, file] of sources) {
    for (const [node, base] of chainOf(config, start, file)) {
      for (const key of ["type", "enum", "format", "title", "description"]) if (m[key] === undefined) m[key] = node[key];
      for (const key of ["maxLength", "maxItems", "maximum"]) if (node[key] !== undefined) m[key] = Math.min(m[key] ?? Infinity, node[key]);
      for (const key of ["minItems", "minimum"]) if (node[key] !== undefined) m[key] = Math.max(m[key] ?? -Infinity, node[key]);
      for (const [key, child] of Object.entries(node.properties || {})) {
        if (!m.props.has(key)) m.props.set(key, []);
        m.props.get(key).push([child, base]);
      }
      (node.required || []).forEach((key) => m.required.add(key));
      if (node.uniqueItems) m.unique = true;
      if (node.items) m.items.push([node.items, base]);
      if (node.propertyNames) m.names.push([node.propertyNames, base]);
      if (node.additionalProperties && typeof node.additionalProperties === "object") m.extra.push([node.additionalProperties, base]);
      if (/\/\$defs\/image$/.test(node.$ref || "")) m.image = true;
    }
  }
  return m;
}

const title = (m) => {
  const words = config.titles[m.title] || m.title || "";
  return words.charAt(0).toLocaleUpperCase(config.lang) + words.slice(1);
};
const terms = (options) => Object.values(config.terms).find((t) => JSON.stringify(Object.keys(t)) === JSON.stringify(options));
const isBilingual = (m) => m.type === "object" && m.props.has("fr") && [...m.props.keys()].every((k) => k === "fr" || k === "en");
const key = (path) => path.join(".");
const idOf = (path) => "f-" + (path.length ? path.join("-") : "record");

// ---- fields: each returns {node, get()}; get() gives undefined for nothing typed ------------------------
function register(path, box, focus, controls) {
  const error = el("div", { class: "field-error", id: "e-" + idOf(path), hidden: true });
  box.append(error);
  fields.set(key(path), { box, focus, error, controls });
}

function help(m, path) {
  const words = config.help[m.description];
  return words ? el("p", { class: "field-help", id: "h-" + idOf(path), text: words }) : null;
}

function describedBy(m, path) {
  return config.help[m.description] ? "h-" + idOf(path) : undefined;
}

function render(m, value, path, required, name) {
  if (m.type === "object" && m.names.length) return socialField(m, value, path, name);
  if (isBilingual(m)) return bilingualField(m, value, path, required, name);
  if (m.type === "object") return groupField(m, value, path, name);
  if (m.type === "array") {
    const item = merged(m.items);
    return item.enum && m.unique ? choicesField(m, item, value, path, required, name) : listField(m, item, value, path, required, name);
  }
  if (m.enum) return selectField(m, value, path, required, name);
  if (m.type === "boolean") return checkField(m, value, path, name);
  return inputField(m, value, path, required, name);
}

function legendText(name, required) {
  return required ? `${name} ${text.required}` : name;
}

function groupField(m, value, path, name, bare = false) {
  const box = bare ? el("div", { class: "record-fields" }) : el("fieldset", { class: "group", id: "c-" + idOf(path) });
  if (!bare) box.append(el("legend", { text: name }), help(m, path));
  const children = [];
  for (const [child, sources] of m.props) {
    const cm = merged(sources);
    const field = render(cm, value?.[child], [...path, child], m.required.has(child), title(cm));
    children.push([child, field]);
    box.append(field.node);
  }
  if (!bare) register(path, box, () => box.querySelector("input, select, textarea, button"), []);
  return {
    node: box,
    get() {
      const out = {};
      for (const [child, field] of children) {
        const v = field.get();
        if (v !== undefined) out[child] = v;
      }
      return Object.keys(out).length ? out : undefined;
    },
  };
}

function control(m, path, required, labelText, value, lang) {
  const id = idOf(path);
  const long = m.type === "string" && m.maxLength > 300 && m.format === undefined; // paragraphs, not lines
  const attributes = { id, name: key(path), "aria-describedby": describedBy(m, path), lang, required: required };
  let input;
  if (long) input = el("textarea", { ...attributes, rows: 6 });
  else if (m.format === "date") input = el("input", { ...attributes, type: "date" });
  else if (m.type === "integer" || m.type === "number") {
    input = el("input", { ...attributes, type: "text", inputmode: m.type === "integer" ? "numeric" : "decimal" });
  } else input = el("input", { ...attributes, type: "text", maxlength: m.maxLength ? m.maxLength + 100 : undefined });
  if (value !== undefined && value !== null) input.value = String(value);
  const lab = el("label", { for: id, text: legendText(labelText, required) });
  return { input, lab, long };
}

function readInput(m, input) {
  const raw = input.value;
  if (raw === "") return undefined;
  if (m.type === "integer" || m.type === "number") {
    const normal = raw.trim().replace(/\s/g, "").replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : raw;
  }
  return raw;
}

function inputField(m, value, path, required, name) {
  const { input, lab } = control(m, path, required, name, value);
  const box = el("div", { class: "field", id: "c-" + idOf(path) }, lab, help(m, path), input);
  if (m.image) box.append(imageChecker(input, path));
  register(path, box, () => input, [input]);
  return { node: box, get: () => readInput(m, input) };
}

function bilingualField(m, value, path, required, name) {
  const box = el("fieldset", { class: "group bilingual", id: "c-" + idOf(path) }, el("legend", { text: legendText(name, required) }), help(m, path));
  const pair = el("div", { class: "pair" });
  const parts = {};
  for (const lang of ["fr", "en"]) {
    if (!m.props.has(lang)) continue;
    const lm = merged(m.props.get(lang));
    const { input, lab, long } = control(lm, [...path, lang], m.required.has(lang), text[lang], value?.[lang], lang);
    const column = el("div", { class: "lang" }, lab, input);
    if (long) column.append(previewOf(input, lang));
    register([...path, lang], column, () => input, [input]);
    pair.append(column);
    parts[lang] = input;
  }
  box.append(pair);
  register(path, box, () => parts.fr, Object.values(parts));
  return {
    node: box,
    get() {
      const out = {};
      for (const [lang, input] of Object.entries(parts)) if (input.value !== "") out[lang] = input.value;
      return Object.keys(out).length ? out : undefined;
    },
  };
}

function selectField(m, value, path, required, name) {
  const id = idOf(path);
  const labels = terms(m.enum) || {};
  const select = el("select", { id, name: key(path), "aria-describedby": describedBy(m, path), required },
    el("option", { value: "", text: text.choose }),
    ...m.enum.map((option) => el("option", { value: option, text: labels[option] || option })));
  select.value = value ?? "";
  const box = el("div", { class: "field", id: "c-" + id }, el("label", { for: id, text: legendText(name, required) }), help(m, path), select);
  register(path, box, () => select, [select]);
  return { node: box, get: () => (select.value === "" ? undefined : select.value) };
}

function checkField(m, value, path, name) {
  const id = idOf(path);
  const input = el("input", { id, type: "checkbox", name: key(path), "aria-describedby": describedBy(m, path) });
  input.checked = value === true;
  const box = el("div", { class: "field check", id: "c-" + id }, input, el("label", { for: id, text: name }), help(m, path));
  register(path, box, () => input, [input]);
  return { node: box, get: () => (input.checked ? true : value === false ? false : undefined) };
}

// A list of terms: one checkbox per term; the order chosen is kept (the first sector is the main one).
function choicesField(m, item, value, path, required, name) {
  const labels = terms(item.enum) || {};
  let order = Array.isArray(value) ? value.filter((v) => item.enum.includes(v)) : [];
  const box = el("fieldset", { class: "group choices", id: "c-" + idOf(path) }, el("legend", { text: legendText(name, required) }), help(m, path));
  const list = el("ul", { class: "choice-list" });
  const boxes = item.enum.map((option, i) => {
    const id = `${idOf(path)}-${i}`;
    const input = el("input", { id, type: "checkbox", value: option, name: key(path) });
    input.checked = order.includes(option);
    input.addEventListener("change", () => {
      order = input.checked ? [...order, option] : order.filter((v) => v !== option);
    });
    list.append(el("li", {}, input, el("label", { for: id, text: labels[option] || option })));
    return input;
  });
  box.append(list);
  register(path, box, () => boxes[0], boxes);
  return { node: box, get: () => (order.length ? [...order] : undefined) };
}

// Social networks: one address per network of the vocabulary, in the record's order.
function socialField(m, value, path, name) {
  const networks = merged(m.names).enum;
  const labels = terms(networks) || {};
  const item = merged(m.extra);
  const box = el("fieldset", { class: "group", id: "c-" + idOf(path) }, el("legend", { text: name }), help(m, path));
  const inputs = new Map();
  const order = [...Object.keys(value || {}), ...networks.filter((n) => !(value && n in value))];
  for (const network of order) {
    const field = inputField(item, value?.[network], [...path, network], false, labels[network] || network);
    box.append(field.node);
    inputs.set(network, field);
  }
  register(path, box, () => box.querySelector("input"), []);
  return {
    node: box,
    get() {
      const out = {};
      for (const [network, field] of inputs) if (field.get() !== undefined) out[network] = field.get();
      return Object.keys(out).length ? out : undefined;
    },
  };
}

// A list of items that can be added, removed and moved.
function listField(m, item, value, path, required, name) {
  const box = el("fieldset", { class: "group list", id: "c-" + idOf(path) }, el("legend", { text: legendText(name, required) }), help(m, path));
  const list = el("ol", { class: "items" });
  const itemName = title(item) || name;
  const add = el("button", { type: "button", class: "add", text: text.add.replace("{item}", itemName) });
  box.append(list, add);
  let items = [];
  let values = Array.isArray(value) ? value : (m.minItems || required) ? [undefined] : [];

  function draw(focusIndex, focusWhat) {
    for (const p of [...fields.keys()]) if (p.startsWith(key(path) + ".")) fields.delete(p);
    list.replaceChildren();
    items = values.map((v, i) => {
      const itemPath = [...path, i];
      const numbered = `${itemName} ${i + 1}`;
      const field = render(item, v, itemPath, false, numbered);
      const tools = el("div", { class: "item-tools" });
      const button = (what, words, disabled) => {
        const b = el("button", { type: "button", "data-what": what, disabled,
          "aria-label": text.itemAction.replace("{action}", words).replace("{item}", numbered) });
        b.textContent = words;
        b.addEventListener("click", () => change(what, i));
        tools.append(b);
      };
      button("up", text.up, i === 0);
      button("down", text.down, i === values.length - 1);
      button("remove", text.remove, false);
      list.append(el("li", { class: "item" }, field.node, tools));
      return field;
    });
    if (focusIndex !== undefined) {
      const target = list.children[focusIndex];
      const focus = target && (target.querySelector(`button[data-what="${focusWhat}"]:not([disabled])`) || target.querySelector("input, select, textarea"));
      (focus || add).focus();
    }
    refresh();
  }

  function change(what, i) {
    values = items.map((field) => field.get());
    if (what === "remove") {
      values.splice(i, 1);
      draw(Math.min(i, values.length - 1), "remove");
      $("contribute-status").textContent = text.removed;
      return;
    }
    const j = what === "up" ? i - 1 : i + 1;
    [values[i], values[j]] = [values[j], values[i]];
    draw(j, what);
  }

  add.addEventListener("click", () => {
    values = [...items.map((field) => field.get()), undefined];
    draw(values.length - 1, "input");
  });
  register(path, box, () => list.querySelector("input, select, textarea") || add, []);
  draw();
  return {
    node: box,
    get() {
      const out = items.map((field) => field.get()).filter((v) => v !== undefined);
      return out.length ? out : undefined;
    },
  };
}

// ---- Markdown preview: markdown-it with the site's rules, then the site's allow-list (as nh3 does) --------
let markdown;
const TAGS = new Set(["P", "UL", "OL", "LI", "EM", "STRONG", "A", "BR"]);

function safeLink(url) {
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec((url || "").trim());
  if (!match) return null;
  const scheme = match[1].toLowerCase();
  if (scheme === "mailto") return url;
  if (scheme !== "http" && scheme !== "https") return null;
  return /^\/\/[^/?#]/.test(match[2]) ? url : null;
}

function clean(parent) {
  for (const child of [...parent.childNodes]) {
    if (child.nodeType === Node.COMMENT_NODE) child.remove();
    else if (child.nodeType === Node.ELEMENT_NODE) {
      clean(child);
      if (!TAGS.has(child.tagName)) {
        child.replaceWith(...child.childNodes);
        continue;
      }
      const href = child.tagName === "A" ? safeLink(child.getAttribute("href")) : null;
      const kept = child.getAttribute("title"); // nh3 keeps title (and lang) on every allowed tag
      for (const attribute of [...child.attributes]) child.removeAttribute(attribute.name);
      if (href) child.setAttribute("href", href);
      if (kept !== null) child.setAttribute("title", kept);
      if (child.tagName === "A") child.setAttribute("rel", "noopener noreferrer");
    }
  }
}

function renderMarkdown(source) {
  if (!markdown) {
    markdown = window.markdownit("commonmark", config.markdown.options).disable(config.markdown.disabled);
    markdown.validateLink = () => true;
    markdown.renderer.rules.image = (tokens, i, options, env, self) =>
      markdown.utils.escapeHtml(self.renderInlineAsText(tokens[i].children, options, env));
  }
  const holder = document.createElement("template");
  holder.innerHTML = markdown.render(source);
  clean(holder.content);
  const out = document.createElement("div");
  out.append(holder.content);
  return out.innerHTML;
}

function previewOf(input, lang) {
  const area = el("div", { class: "md-preview", lang });
  const details = el("details", { class: "preview" }, el("summary", { text: text.preview }), area);
  const update = () => {
    const holder = document.createElement("template");
    holder.innerHTML = renderMarkdown(input.value);
    area.replaceChildren(holder.content);
  };
  input.addEventListener("input", update);
  update();
  return details;
}

// ---- images: type, weight and size checked here; the file itself is added to the repository --------------
const SIGNATURES = [[[0x89, 0x50, 0x4e, 0x47], "PNG"], [[0xff, 0xd8, 0xff], "JPEG"], [[0x52, 0x49, 0x46, 0x46], "WebP"]];

function imageChecker(input, path) {
  const id = idOf(path) + "-file";
  const picker = el("input", { id, type: "file", accept: "image/png,image/jpeg,image/webp" });
  const note = el("p", { class: "image-note", role: "status" });
  picker.addEventListener("change", async () => {
    const file = picker.files[0];
    if (!file) return;
    const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
    const type = SIGNATURES.find(([bytes]) => bytes.every((b, i) => head[i] === b))?.[1];
    const webp = type !== "WebP" || String.fromCharCode(...head.slice(8, 12)) === "WEBP";
    let problem = !type || !webp ? text.imageType : file.size > config.images.max_bytes ? text.imageWeight : "";
    if (!problem) {
      try {
        const bitmap = await createImageBitmap(file);
        if (bitmap.width * bitmap.height > config.images.max_pixels) problem = text.imagePixels;
        bitmap.close();
      } catch {
        problem = text.imageType;
      }
    }
    if (problem) {
      note.textContent = problem.replace("{name}", file.name);
      return;
    }
    input.value = file.name;
    note.textContent = text.imageOk.replace("{name}", file.name).replace("{folder}", `${config.kinds[kind].folder}/media/${slugValue() || "…"}/`);
    refresh();
  });
  return el("div", { class: "image-check" }, el("label", { for: id, text: text.imagePick }), picker, note);
}

// ---- checking and showing problems -------------------------------------------------------------------
function slugValue() {
  return $("f-slug").value.trim();
}

function problems() {
  const data = form.get() || {};
  const found = validate(config, kind, data);
  const slug = slugValue();
  const slugDef = config.schemas["common.schema.json"].$defs.slug;
  if (!slug) found.unshift({ path: ["slug"], code: "required", message: text.slugRequired });
  else if (!new RegExp(slugDef.pattern, "u").test(slug) || slug.length > slugDef.maxLength) {
    found.unshift({ path: ["slug"], code: "slug-format", message: text.slugFormat.replace("{value}", slug) });
  }
  return { data, found };
}

function placeOf(path) {
  for (let n = path.length; n >= 0; n--) {
    const field = fields.get(key(path.slice(0, n)));
    if (field) return field;
  }
  return null;
}

function refresh() {
  if (!form) return { found: [] };
  const result = problems();
  const shown = new Map();
  for (const problem of result.found) {
    const place = placeOf(problem.path);
    if (!place || !(showAll || touched.has(place))) continue;
    if (!shown.has(place)) shown.set(place, []);
    shown.get(place).push(problem.message);
  }
  for (const field of fields.values()) {
    const messages = shown.get(field);
    field.error.hidden = !messages;
    field.error.replaceChildren(...(messages || []).map((m) => el("p", { text: m })));
    for (const input of field.controls) {
      const ids = (input.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== field.error.id);
      if (messages) {
        input.setAttribute("aria-invalid", "true");
        ids.push(field.error.id);
      } else input.removeAttribute("aria-invalid");
      if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
      else input.removeAttribute("aria-describedby");
    }
  }
  if (showAll) summarise(result.found);
  return result;
}

let summarised = "";

function summarise(found) {
  const summary = $("contribute-errors");
  summary.hidden = !found.length;
  const links = found.map((problem) => {
    const target = placeOf(problem.path)?.focus();
    return ["#" + (target ? target.id : "contribute-fields"), problem.message];
  });
  if (JSON.stringify(links) === summarised) return; // unchanged: the link being clicked stays in place
  summarised = JSON.stringify(links);
  summary.querySelector("ul").replaceChildren(...links.map(([href, words]) => el("li", {}, el("a", { href, text: words }))));
  summary.querySelector("h2").textContent = (found.length === 1 ? text.problemsOne : text.problemsOther).replace("{count}", found.length);
}

// Check everything; show every problem with the summary first. The YAML, or null when something is wrong.
function finished() {
  showAll = true;
  const { data, found } = refresh();
  if (found.length) {
    $("contribute-errors").focus();
    $("contribute-output").hidden = true;
    return null;
  }
  const yaml = toYaml(data, config.kinds[kind].modeline);
  $("contribute-yaml").value = yaml;
  $("contribute-output").hidden = false;
  $("contribute-path").textContent = `${config.kinds[kind].folder}/${slugValue()}.yaml`;
  const mail = $("contribute-mail");
  if (mail) mail.href = `mailto:${config.email}?subject=${encodeURIComponent(text.mailSubject + " " + slugValue())}&body=${encodeURIComponent(yaml)}`;
  return yaml;
}

// ---- opening a record and writing it out --------------------------------------------------------------
const libraries = {};

// A pinned library of the site (data-markdown, data-yaml), loaded once, when first needed.
function library(name) {
  libraries[name] ??= new Promise((resolve, reject) => {
    const script = el("script", { src: root.dataset[name] });
    script.addEventListener("load", resolve);
    script.addEventListener("error", reject);
    document.head.append(script);
  });
  return libraries[name];
}

async function start(recordKind, data, slug, existing) {
  await library("markdown");
  kind = recordKind;
  opened = existing ? slug : null;
  fields.clear();
  touched.clear();
  showAll = false;
  const file = `${kind}.schema.json`;
  form = groupField(merged([[config.schemas[file], file]]), data, [], "", true);
  $("f-slug").value = slug || "";
  $("contribute-fields").replaceChildren(form.node);
  $("contribute-form").hidden = false;
  $("contribute-errors").hidden = true;
  $("contribute-output").hidden = true;
  $("contribute-kind-shown").textContent = kind === "enterprise" ? text.kindEnterprise : text.kindInstitution;
  $("contribute-github").textContent = existing ? text.githubUpdate : text.githubNew;
  fields.set("slug", { box: $("c-f-slug"), focus: () => $("f-slug"), error: $("e-f-slug"), controls: [$("f-slug")] });
  refresh();
}

// The answers of the repository's issue form (.github/ISSUE_TEMPLATE, made by contribute/issueform.py): each
// « ### label [path] » section holds one field's answer.
function fromIssue(body) {
  const data = {};
  const file = "enterprise.schema.json";
  for (const section of body.split(/^### /m).slice(1)) {
    const end = section.indexOf("\n");
    const head = /\[([\w.]+)\]\s*$/.exec(section.slice(0, end < 0 ? undefined : end));
    const answer = end < 0 ? "" : section.slice(end + 1).trim();
    if (!head || !answer || answer === "_No response_") continue;
    const path = head[1].split(".");
    let m = merged([[config.schemas[file], file]]);
    for (const step of path) m = merged(m.props.get(step) || []);
    let value = answer;
    const chosen = (options) => options.filter((k) => new RegExp(`(^|, )${k} — `).test(answer));
    if (m.type === "array") {
      const item = merged(m.items);
      const [first, second] = [...item.props.keys()];
      if (item.enum) value = chosen(item.enum);
      else if (item.type === "object") {
        value = answer.split("\n").filter((line) => line.trim()).map((line) => {
          const [a, b] = line.split("|").map((part) => part.trim());
          return b ? { [first]: { fr: a }, [second]: { fr: b } } : { [first]: { fr: a } };
        });
      } else value = answer.split(/[,\s]+/).filter(Boolean);
    } else if (m.enum) value = chosen(m.enum)[0] ?? answer;
    else if (m.type === "integer" || m.type === "number") value = /^-?\d+(\.\d+)?$/.test(answer) ? Number(answer) : answer;
    let node = data;
    path.slice(0, -1).forEach((step) => { node = node[step] ??= {}; });
    node[path[path.length - 1]] = value;
  }
  return data;
}

async function importText(source) {
  const issue = /^### .*\[[\w.]+\]\s*$/m.test(source);
  let data;
  try {
    if (!issue) await library("yaml");
    data = issue ? fromIssue(source) : window.jsyaml.load(source, { schema: window.jsyaml.CORE_SCHEMA });
  } catch {
    data = null;
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    $("contribute-status").textContent = text.importFailed;
    return;
  }
  const named = /\$schema=\.\.\/schema\/(\w+)\.schema\.json/.exec(source);
  const recordKind = issue ? "enterprise" : named && config.kinds[named[1]] ? named[1] : $("contribute-kind").value;
  await start(recordKind, data, "", false);
  $("contribute-status").textContent = text.imported;
  $("f-slug").focus();
}

function download(yaml) {
  const link = el("a", { href: URL.createObjectURL(new Blob([yaml], { type: "application/yaml" })), download: `${slugValue()}.yaml` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

async function copy(yaml) {
  try {
    await navigator.clipboard.writeText(yaml);
  } catch {
    $("contribute-yaml").select();
    document.execCommand("copy");
  }
  $("contribute-status").textContent = text.copied;
}

function wire() {
  const params = new URLSearchParams(location.search);
  for (const recordKind of Object.keys(config.kinds)) {
    const slug = params.get(recordKind);
    if (slug && /^[a-z0-9-]+$/.test(slug)) {
      fetch(`${root.dataset.records}${recordKind}/${slug}.json`)
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => start(recordKind, data, slug, true))
        .catch(() => { $("contribute-status").textContent = text.openFailed; });
    }
  }
  $("contribute-new").addEventListener("click", async () => {
    await start($("contribute-kind").value, undefined, "", false);
    $("contribute-form").querySelector("input, select, textarea").focus();
  });
  $("contribute-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (file) importText(await file.text());
  });
  $("contribute-import").addEventListener("click", () => importText($("contribute-paste").value));
  const formNode = $("contribute-form");
  formNode.addEventListener("input", () => refresh());
  formNode.addEventListener("change", () => refresh());
  formNode.addEventListener("focusout", (event) => {
    const field = [...fields.values()].find((f) => f.controls.includes(event.target));
    if (field) touched.add(field);
    const place = event.target.name && placeOf(event.target.name.split("."));
    if (place) touched.add(place);
    if (event.target.id === "f-name" && !slugValue()) $("f-slug").value = slugify(event.target.value);
    refresh();
  });
  $("contribute-errors").addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link) return;
    event.preventDefault();
    document.getElementById(link.getAttribute("href").slice(1))?.focus();
  });
  formNode.addEventListener("submit", (event) => {
    event.preventDefault();
    finished();
  });
  $("contribute-download").addEventListener("click", () => {
    const yaml = finished();
    if (yaml) download(yaml);
  });
  $("contribute-copy").addEventListener("click", () => {
    const yaml = finished();
    if (yaml) copy(yaml);
  });
  $("contribute-github").addEventListener("click", () => {
    const yaml = finished();
    if (!yaml) return;
    const path = `${config.kinds[kind].folder}/${slugValue()}.yaml`;
    let url;
    if (opened === slugValue()) {
      copy(yaml);
      url = `${config.repository}/edit/${config.branch}/${path}`;
    } else {
      url = `${config.repository}/new/${config.branch}?filename=${encodeURIComponent(path)}&value=${encodeURIComponent(yaml)}`;
    }
    window.open(url, "_blank", "noopener");
  });
}

function slugify(words) {
  return words.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
}

fetch(root.dataset.config)
  .then((response) => response.json())
  .then((loaded) => {
    config = loaded;
    root.querySelector(".contribute-nojs").hidden = true;
    $("contribute-start").hidden = false;
    wire();
  })
  .catch(() => { $("contribute-status").textContent = text.loadFailed; });
