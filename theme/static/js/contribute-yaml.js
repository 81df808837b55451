// A record as the YAML file the repository keeps: keys in the order given, block style, the editor's
// schema line first, texts as typed (French quotes and apostrophes untouched; quoted only when YAML would
// read them as something else, as a number or true/false).

const PLAIN_UNSAFE = /^(?:[-?:,[\]{}#&*!|>'"%@`~]|\s)|\s$|: |:$| #|[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/;
const LOOKS_TYPED = /^(?:[-+]?(?:\.?[0-9]|\.inf|\.nan)|(?:true|false|null|~|yes|no|on|off|y|n)$)/i;

function quoted(text) {
  const escaped = text.replace(/[\\"\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/g, (c) => ({
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
  })[c] || `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `"${escaped}"`;
}

function scalar(value) {
  if (typeof value !== "string") return String(value);
  if (value === "" || PLAIN_UNSAFE.test(value) || LOOKS_TYPED.test(value)) return quoted(value);
  return value;
}

// A text of several lines as a literal block (`|`), when YAML can keep it exactly; else quoted.
function block(text, indent) {
  if (/[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text) || /^\n|^ /.test(text) || / \n|[ ]$/.test(text)) {
    return quoted(text);
  }
  const chomp = text.endsWith("\n\n") ? "+" : text.endsWith("\n") ? "" : "-";
  const body = (chomp === "+" ? text.slice(0, -1) : text.replace(/\n$/, "")).split("\n")
    .map((line) => (line ? indent + line : "")).join("\n");
  return `|${chomp}\n${body}`;
}

function lines(value, indent) {
  const out = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === "object") {
        const inner = lines(item, indent + "  ");
        out.push(`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1));
      } else {
        out.push(`${indent}- ${item_text(item, indent + "  ")}`);
      }
    }
    return out;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && typeof item === "object") out.push(`${indent}${scalar(key)}:`, ...lines(item, indent + "  "));
    else out.push(`${indent}${scalar(key)}: ${item_text(item, indent + "  ")}`);
  }
  return out;
}

function item_text(value, indent) {
  return typeof value === "string" && value.includes("\n") ? block(value, indent) : scalar(value);
}

// The file for `data` (keys already in schema order), its first line naming the schema.
export function toYaml(data, modeline) {
  return [modeline, ...lines(data, "")].join("\n") + "\n";
}
