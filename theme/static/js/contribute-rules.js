// The record rules the browser checks, read from the JSON Schemas as they are (no code is compiled, so the
// strict CSP holds), with the messages of the Python validator (records/schemacheck.py) in the page's
// language. Pure functions, no DOM: node runs them in tests/contribute/test_rules_corpus.py.

// A schema node and the schema file it belongs to, following `$ref`s: [[node, file], …].
export function chainOf(config, node, file) {
  const chain = [];
  while (node && typeof node === "object") {
    chain.push([node, file]);
    if (!("$ref" in node)) break;
    [node, file] = resolve(config, node.$ref, file);
  }
  return chain;
}

function resolve(config, ref, file) {
  const [target, pointer] = ref.split("#");
  const name = target || file;
  let node = config.schemas[name];
  for (const step of (pointer || "").split("/").filter(Boolean)) node = node[step];
  return [node, name];
}

// The schema titles met along `parts` (record path), as schemacheck._titles.
function titlesAlong(config, kind, parts) {
  const file = `${kind}.schema.json`;
  let chain = chainOf(config, config.schemas[file], file);
  const titles = [];
  for (const part of parts) {
    const children = [];
    for (const [node, base] of chain) {
      let child;
      if (typeof part === "number") child = node.items;
      else if (node.properties && part in node.properties) child = node.properties[part];
      else child = node.additionalProperties;
      if (child && typeof child === "object") children.push(...chainOf(config, child, base));
    }
    chain = children;
    const titled = chain.find(([node]) => "title" in node);
    if (!titled) return [];
    titles.push(titled[0].title);
  }
  return titles;
}

function label(config, kind, parts) {
  const titles = titlesAlong(config, kind, parts);
  const t = (title) => config.titles[title] || title;
  if (!titles.length) return parts.join(".");
  const last = parts[parts.length - 1];
  if ((last === "fr" || last === "en") && titles.length > 1) {
    return `${t(titles[titles.length - 2])} (${t(titles[titles.length - 1])})`;
  }
  return t(titles[titles.length - 1]);
}

function say(template, params) {
  return template.replace(/\{\{|\}\}|\{(\w+)\}/g, (match, name) =>
    match === "{{" ? "{" : match === "}}" ? "}" : String(params[name]));
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const TYPES = {
  object: isObject,
  array: Array.isArray,
  string: (v) => typeof v === "string",
  boolean: (v) => typeof v === "boolean",
  number: (v) => typeof v === "number",
  integer: (v) => typeof v === "number" && Number.isInteger(v),
  null: (v) => v === null,
};
const characters = (text) => [...text].length; // code points, as Python's len()

function realDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.getUTCFullYear() === +match[1] && date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3];
}

// Every schema error of `value`, in schema keyword order (as jsonschema's iter_errors).
function collect(config, node, file, value, path, errors, inNames) {
  const fail = (keyword, schemaValue) => errors.push({ path, keyword, value, schemaValue, node, inNames });
  for (const keyword of Object.keys(node)) {
    const rule = node[keyword];
    if (keyword === "$ref") {
      const [target, base] = resolve(config, rule, file);
      collect(config, target, base, value, path, errors, inNames);
    } else if (keyword === "type") {
      if (![].concat(rule).some((type) => TYPES[type](value))) fail("type", rule);
    } else if (keyword === "enum") {
      if (!rule.some((option) => JSON.stringify(option) === JSON.stringify(value))) fail("enum", rule);
    } else if (typeof value === "string") {
      if (keyword === "pattern" && !new RegExp(rule, "u").test(value)) fail("pattern", rule);
      else if (keyword === "maxLength" && characters(value) > rule) fail("maxLength", rule);
      else if (keyword === "minLength" && characters(value) < rule) fail("minLength", rule);
      else if (keyword === "format" && rule === "date" && !realDate(value)) fail("format", rule);
    } else if (typeof value === "number") {
      if (keyword === "minimum" && value < rule) fail("minimum", rule);
      else if (keyword === "maximum" && value > rule) fail("maximum", rule);
    } else if (Array.isArray(value)) {
      if (keyword === "minItems" && value.length < rule) fail("minItems", rule);
      else if (keyword === "maxItems" && value.length > rule) fail("maxItems", rule);
      else if (keyword === "uniqueItems" && rule && repeatedIndex(value) !== null) fail("uniqueItems", rule);
      else if (keyword === "items") value.forEach((item, i) => collect(config, rule, file, item, [...path, i], errors, false));
    } else if (isObject(value)) {
      if (keyword === "required" && rule.some((key) => !(key in value))) fail("required", rule);
      else if (keyword === "properties") {
        for (const key of Object.keys(rule)) {
          if (key in value) collect(config, rule[key], file, value[key], [...path, key], errors, false);
        }
      } else if (keyword === "additionalProperties") {
        const extra = Object.keys(value).filter((key) => !(node.properties && key in node.properties));
        if (rule === false && extra.length) fail("additionalProperties", rule);
        else if (isObject(rule)) extra.forEach((key) => collect(config, rule, file, value[key], [...path, key], errors, false));
      } else if (keyword === "propertyNames") {
        for (const key of Object.keys(value)) collect(config, rule, file, key, path, errors, true);
      }
    }
  }
}

function repeatedIndex(items) {
  const seen = new Set();
  for (let i = 0; i < items.length; i++) {
    const key = JSON.stringify(items[i]);
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return null;
}

// One error per (place, keyword): the binding limit; no date-format error where the shape is already wrong.
function mostSpecific(errors) {
  const best = new Map();
  for (const error of errors) {
    const key = JSON.stringify([error.path, error.keyword, error.inNames,
      error.keyword === "enum" && typeof error.value === "string" ? error.value : null]);
    const current = best.get(key);
    if (!current || tighter(error, current)) best.set(key, error);
  }
  const withPattern = new Set([...best.values()].filter((e) => e.keyword === "pattern").map((e) => JSON.stringify(e.path)));
  const kept = [...best.values()].filter((e) => !(e.keyword === "format" && withPattern.has(JSON.stringify(e.path))));
  const order = (e) => e.path.map(String);
  return kept.sort((a, b) => {
    const x = order(a), y = order(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return x.length - y.length;
  });
}

function tighter(error, other) {
  if (["maxLength", "maxItems", "maximum"].includes(error.keyword)) return error.schemaValue < other.schemaValue;
  if (["minLength", "minItems", "minimum"].includes(error.keyword)) return error.schemaValue > other.schemaValue;
  return false;
}

function plural(config, code, count) {
  const [one, other] = config.plurals[code];
  return (config.lang === "fr" ? count > 1 : count !== 1) ? other : one;
}

function vocabularyTerms(config, options) {
  const wanted = JSON.stringify(options);
  return Object.values(config.terms).find((terms) => JSON.stringify(Object.keys(terms)) === wanted);
}

// The diagnostics of one error: [{path, code, message}], worded as portfolio-validate words them.
function explain(config, kind, error) {
  const m = config.messages;
  const { path, keyword, value } = error;
  const name = label(config, kind, path);
  const one = (code, text, at = path) => [{ path: at, code, message: text }];
  if (error.inNames) {
    const at = [...path, value];
    const named = config.titles[error.node.title] || error.node.title || "";
    return one("unknown-term", say(vocabularyTerms(config, error.schemaValue) ? m["unknown-vocabulary-term"] : m["unknown-term"],
      { value, label: named }), at);
  }
  switch (keyword) {
    case "required":
      return error.schemaValue.filter((key) => !(key in value)).map((key) => ({
        path: [...path, key], code: "required", message: say(m.required, { label: label(config, kind, [...path, key]) }),
      }));
    case "additionalProperties": {
      const allowed = Object.keys(error.node.properties || {});
      return Object.keys(value).filter((key) => !allowed.includes(key)).map((key) => ({
        path: [...path, key], code: "unknown-key", message: say(m["unknown-key"], { key, allowed: allowed.join(", ") }),
      }));
    }
    case "type": {
      const expected = [].concat(error.schemaValue);
      if (value === null) return one("empty-value", say(m["empty-value"], { label: name }));
      if (expected.includes("string") && ["boolean", "number"].includes(typeof value)) {
        return one("quote-needed", say(m["quote-needed"], { label: name, raw: value }));
      }
      if (expected.includes("boolean")) return one("boolean-expected", say(m["boolean-expected"], { label: name, value }));
      if (expected.includes("integer") || expected.includes("number")) {
        return one("number-expected", say(m["number-expected"], { label: name, value }));
      }
      if (expected.includes("object") && error.node.properties && "fr" in error.node.properties) {
        return one("text-languages-expected", say(m["text-languages-expected"], { label: name }));
      }
      if (expected.includes("object")) return one("group-expected", say(m["group-expected"], { label: name }));
      if (expected.includes("array")) return one("list-expected", say(m["list-expected"], { label: name }));
      return one("wrong-type", say(m["wrong-type"], { label: name }));
    }
    case "enum": {
      const known = typeof value === "string" && vocabularyTerms(config, error.schemaValue);
      return one("unknown-term", say(known ? m["unknown-vocabulary-term"] : m["unknown-term"], { value, label: name }));
    }
    case "pattern": {
      const [code, text] = config.patterns[error.schemaValue] || ["format", m.format];
      return one(code, say(text, { value, label: name }));
    }
    case "format":
      return one("date-invalid", say(m["date-invalid"], { value, label: name }));
    case "maxLength":
      return one("too-long", say(m["too-long"], { label: name, length: characters(value), limit: error.schemaValue }));
    case "minLength":
      return one("too-short", error.schemaValue <= 1 ? say(m["empty-value"], { label: name })
        : say(m["too-short"], { label: name, length: characters(value), limit: error.schemaValue }));
    case "minItems":
      return one("too-few", say(plural(config, "too-few", error.schemaValue), { label: name, count: error.schemaValue }));
    case "maxItems":
      return one("too-many", say(plural(config, "too-many", error.schemaValue),
        { label: name, count: error.schemaValue, length: value.length }));
    case "uniqueItems": {
      const i = repeatedIndex(value);
      return one("duplicate-item", say(m["duplicate-item"], { label: name, value: value[i] }), [...path, i]);
    }
    case "minimum":
      return one("below-minimum", say(m["below-minimum"], { label: name, limit: error.schemaValue, value }));
    default:
      return one("above-maximum", say(m["above-maximum"], { label: name, limit: error.schemaValue, value }));
  }
}

// Every problem of record `data` of `kind` ("enterprise" or "institution"): [{path, code, message}].
export function validate(config, kind, data) {
  const file = `${kind}.schema.json`;
  const errors = [];
  collect(config, config.schemas[file], file, data, [], errors, false);
  return mostSpecific(errors).flatMap((error) => explain(config, kind, error));
}
