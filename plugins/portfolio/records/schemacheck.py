"""Check record data against the JSON Schemas and say what is wrong in plain words.

A compiled fastjsonschema validator (the schemas bundled into one document) accepts valid records
quickly; only records it rejects go through jsonschema's Draft 2020-12 validator, which lists every
error with its location. Field names shown to people are the schema `title`s, translated.
"""

from __future__ import annotations

import copy
import difflib
import functools
import importlib.util
import json
import marshal
import os
import re
from pathlib import Path

import fastjsonschema

from ..engine.cache import Cache, digest
from ..textfold import fold
from ..workers import LaterError, later
from .messages import N_, Messages
from .vocabulary import SECTIONS, Vocabulary

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"
SCHEMA_FILES = ("common", "enterprise", "institution", "vocabulary", "results", "vocabulary-file")
KINDS = ("enterprise", "institution")

# Format explanations for each `pattern` of the schemas, by where the pattern is defined.
_PATTERN_RULES = {
    ("enterprise", "postal_code"): ("postal-code-format", N_(
        "The postal code « {value} » is not valid (expected format: H2X 1Y4).")),
    ("enterprise", "neq"): ("neq-format", N_(
        "The Québec enterprise number « {value} » is not valid: it has exactly 10 digits, for example "
        "\"1170000001\" (in quotes).")),
    ("enterprise", "languages"): ("language-format", N_(
        "« {value} » is not a language code: write two lowercase letters, such as fr, en or es.")),
    ("common", "phone"): ("phone-format", N_(
        "The phone number « {value} » is not valid for « {label} » (expected format: 514 555-0123, "
        "optionally followed by « poste 12 »).")),
    ("common", "email"): ("email-format", N_(
        "« {value} » is not a valid email address for « {label} » (expected format: name@example.org).")),
    ("common", "url"): ("url-format", N_(
        "« {value} » is not a valid web address for « {label} »: write the full address starting with "
        "https:// (or http://), without spaces.")),
    ("common", "slug"): ("slug-format", N_(
        "« {value} » is not a valid identifier for « {label} »: use lowercase letters without accents, "
        "digits and hyphens, as in the record's file name.")),
    ("common", "date"): ("date-format", N_(
        "« {value} » is not a date for « {label} »: write year-month-day, for example 2026-03-31.")),
    ("results", "key"): ("key-format", N_(
        "« {value} » is not a valid key in « {label} »: use lowercase letters without accents, digits, hyphens "
        "and underscores, as in contract_value.")),
    ("results", "qualifier_text"): ("qualifier-number", N_(
        "« {label} » must contain {{number}} where the number goes, as in « plus de {{number}} ».")),
    ("vocabulary-file", "key"): ("key-format", N_(
        "« {value} » is not a valid key in « {label} »: use lowercase letters without accents, digits and "
        "hyphens, as in alimentation-traiteur (the key becomes part of web addresses).")),
    ("vocabulary-file", "code"): ("code-format", N_(
        "« {value} » is not a valid purchase category code: write it as the purchasing system does, in capital "
        "letters and digits with dots or hyphens between them, in quotes, as in \"80101500\" or \"N7010\".")),
}


@functools.cache
def schemas() -> dict[str, dict]:
    """The four schemas, by short name."""
    return {name: json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
            for name in SCHEMA_FILES}


@functools.cache
def detailed_validator(kind: str):
    """jsonschema's validator of `kind`, imported only when a record is rejected (it takes 0.04 s to import)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (f"{name}.schema.json", Resource.from_contents(schema)) for name, schema in schemas().items())
    return Draft202012Validator(schemas()[kind], registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def _bundle(kind: str) -> dict:
    """One self-contained draft-07 document equivalent to the `kind` schema, for fastjsonschema.

    External refs point into a merged `definitions`; a `$ref` with sibling keywords becomes
    `allOf: [{$ref}]` + siblings, since draft 7 ignores the siblings of `$ref`.
    """
    def rewrite(node, base):
        if isinstance(node, list):
            return [rewrite(item, base) for item in node]
        if not isinstance(node, dict):
            return node
        node = {key: rewrite(value, base) for key, value in node.items() if key not in ("$schema", "$defs")}
        if isinstance(node.get("pattern"), str):
            node["pattern"] = _escape_dollar_in_classes(node["pattern"])
        if "$ref" in node:
            target, _, pointer = node.pop("$ref").partition("#")
            name = target.removesuffix(".schema.json") if target else base
            ref = {"$ref": f"#/definitions/{name}.{pointer.rsplit('/', 1)[-1]}"}
            node = {**node, "allOf": [ref]} if node else ref
        return node

    document = rewrite(copy.deepcopy(schemas()[kind]), kind)
    document["$schema"] = "http://json-schema.org/draft-07/schema#"
    document["definitions"] = {f"{name}.{key}": rewrite(definition, name)
                               for name, schema in schemas().items()
                               for key, definition in schema.get("$defs", {}).items()}
    return document


def _escape_dollar_in_classes(pattern: str) -> str:
    """`[…$…]` -> `[…\\$…]`: fastjsonschema rewrites every bare `$` as `\\Z`, even inside a class."""
    result, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "$" and in_class:
            char = "\\$"
        result.append(char)
    return "".join(result)


# fastjsonschema names the item of a list it checks (for its error) with "…[{data_x}]".format(**locals()) before
# each call, valid or not: the same text as an f-string, without a copy of every local (the enterprise schema
# checks a record in 0.07 ms instead of 0.17).
_NAME_FROM_LOCALS = re.compile(r'"((?:[^"\\]|\\.)*)"\.format\(\*\*locals\(\)\)')
CODE_VERSION = 2  # of what this module makes of fastjsonschema's code
COMPILED = ("vocabulary-file", "results", *KINDS)  # the kinds whose validator a build needs
_compiling: dict = {}  # cache folder -> (process, job) compiling the validators into it (compile_beside)
_made: set = set()  # (kind, cache folder) of the validators this process holds (fast_validator)


def _generated_code(document: dict) -> str:
    """fastjsonschema's code of the validator of `document`, its item names made as f-strings."""
    return _NAME_FROM_LOCALS.sub(r'f"\1"', fastjsonschema.compile_to_code(document))


def compile_beside(cache: Path | None, workers: int | None) -> None:
    """Keep in `cache` the compiled validators of every kind not kept there yet, made in another process while
    this one goes on (a build: while Pelican reads its content); `fast_validator` waits for that process."""
    if cache is not None and any((kind, cache) not in _made for kind in COMPILED):  # not already here
        _compiling[Path(cache)] = os.getpid(), later(lambda: _compile(cache), workers)


def _compile(cache: Path) -> None:
    for kind in COMPILED:
        fast_validator(kind, cache)


@functools.cache
def fast_validator(kind: str, cache: Path | None = None):
    """fastjsonschema's validator of the `kind` schema. Generating and compiling its code takes about 60 ms,
    so the compiled code is kept in the build cache `cache` (if any) under the digest of what it is made of."""
    if cache is not None and _compiling.get(Path(cache), (None,))[0] == os.getpid():
        try:
            _compiling.pop(Path(cache))[1].result()
        except LaterError:  # compiled here instead
            pass
    document = _bundle(kind)
    store = Cache(cache, "schema-code")
    key = kind + "-" + digest(json.dumps(document, sort_keys=True), fastjsonschema.VERSION, CODE_VERSION,
                              importlib.util.MAGIC_NUMBER.hex())
    try:
        code = marshal.loads(store.get(key) or b"")
    except (EOFError, ValueError, TypeError):
        code = compile(_generated_code(document), f"<{kind} schema>", "exec")
        store.keep_only(set(), f"{kind}-*")  # the code of earlier versions of the schema
        store.put(key, marshal.dumps(code))
    names = {}
    exec(code, names)  # the code fastjsonschema generated (read back from the build's own cache)
    _made.add((kind, cache))
    return names["validate"]


def is_valid(kind: str, data, cache: Path | None = None) -> bool:
    """True when `data` satisfies the `kind` schema (fast path)."""
    try:
        fast_validator(kind, cache)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


class SchemaChecker:
    """Turns schema errors of one record kind into diagnostics named and worded for people."""

    def __init__(self, vocabulary: Vocabulary, say: Messages, cache: Path | None = None):
        self.say = say
        self.cache = cache  # the build cache, which keeps the schemas' compiled code
        self.vocabulary = vocabulary
        self.terms_by_enum = {tuple(vocabulary[section]): section for section in SECTIONS}
        self.patterns = {}
        for (name, key), rule in _PATTERN_RULES.items():
            schema = schemas()[name]
            definition = schema.get("$defs", {}).get(key) or _find_property(schema, key)
            self.patterns[definition["pattern"]] = rule

    def check(self, kind: str, data, positions, report, explained=frozenset()) -> None:
        """Report every schema error of `data` (a record of `kind`); the `pattern` errors of the paths in
        `explained` are left out (texts.py reported those texts, naming the character)."""
        if is_valid(kind, data, self.cache):
            return
        errors = list(detailed_validator(kind).iter_errors(data))
        for error in _most_specific(errors):
            if not (error.validator == "pattern" and tuple(error.absolute_path) in explained):
                self._explain(kind, error, positions, report)

    # -- naming fields -------------------------------------------------------------------------

    def label(self, kind: str, parts: tuple) -> str:
        """How a person names the field at `parts`: its translated title (with the language)."""
        titles = _titles(kind, tuple(0 if isinstance(p, int) else p for p in parts))
        if not titles:
            return ".".join(str(p) for p in parts)
        if parts and parts[-1] in ("fr", "en") and len(titles) > 1:
            return f"{self.say.term(titles[-2])} ({self.say.term(titles[-1])})"
        return self.say.term(titles[-1])

    # -- explaining errors ---------------------------------------------------------------------

    def _explain(self, kind, error, positions, report) -> None:
        say = self.say
        parts = tuple(error.absolute_path)
        where = positions.of(parts)
        keyword = error.validator
        value = error.instance
        label = self.label(kind, parts)
        if "propertyNames" in error.schema_path and keyword == "pattern":  # a key written wrongly
            parts, where = parts + (value,), positions.of(parts + (value,), key=True)
        if "propertyNames" in error.schema_path and keyword != "pattern":
            self._unknown_term(kind, error, parts + (value,), positions.of(parts + (value,), key=True), report,
                               self.say.term(error.schema.get("title", "")))
        elif keyword == "required":
            for missing in [key for key in error.validator_value if key not in value]:
                report(positions.of(parts, key=True) if parts else (1, 1), parts + (missing,), "required",
                       say(N_("The required field « {label} » is missing."),
                           label=self.label(kind, parts + (missing,))))
        elif keyword == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for key in [k for k in value if k not in allowed]:
                report(positions.of(parts + (key,), key=True), parts + (key,), "unknown-key",
                       self._unknown_key(key, allowed))
        elif keyword == "type":
            self._wrong_type(error, parts, where, label, positions, report)
        elif keyword == "enum":
            self._unknown_term(kind, error, parts, where, report)
        elif keyword == "pattern":
            code, message = self.patterns.get(error.validator_value, ("format", N_(
                "« {value} » is not in the expected format for « {label} ».")))
            report(where, parts, code, say(message, value=value, label=label))
        elif keyword == "format" and error.validator_value == "date":
            report(where, parts, "date-invalid", say(N_(
                "« {value} » is not a real calendar date for « {label} »."), value=value, label=label))
        elif keyword == "maxLength":
            report(where, parts, "too-long", say(N_(
                "« {label} » is too long: {length} characters, at most {limit}."),
                label=label, length=len(value), limit=error.validator_value))
        elif keyword == "minLength":
            report(where, parts, "too-short", say(N_("« {label} » is empty; fill it in or delete the line."),
                                                  label=label) if error.validator_value <= 1 else say(N_(
                "« {label} » is too short: {length} characters, at least {limit}."),
                label=label, length=len(value), limit=error.validator_value))
        elif keyword == "minItems":
            report(where, parts, "too-few", say.plural(
                "« {label} » needs at least {count} item.", "« {label} » needs at least {count} items.",
                error.validator_value, label=label))
        elif keyword == "maxItems":
            report(where, parts, "too-many", say.plural(
                "« {label} » has too many items ({length}): at most {count}.",
                "« {label} » has too many items ({length}): at most {count}.",
                error.validator_value, label=label, length=len(value)))
        elif keyword == "uniqueItems":
            seen, repeated = [], None
            for index, item in enumerate(value):
                if item in seen:
                    repeated = index
                    break
                seen.append(item)
            report(positions.of(parts + (repeated,)) if repeated is not None else where,
                   parts + ((repeated,) if repeated is not None else ()), "duplicate-item", say(N_(
                       "« {label} » lists « {value} » more than once."), label=label,
                       value=value[repeated] if repeated is not None else ""))
        elif keyword == "minimum":
            report(where, parts, "below-minimum", say(N_("« {label} » must be at least {limit} (here: {value})."),
                                                       label=label, limit=error.validator_value, value=value))
        elif keyword == "maximum":
            report(where, parts, "above-maximum", say(N_("« {label} » must be at most {limit} (here: {value})."),
                                                       label=label, limit=error.validator_value, value=value))
        else:
            report(where, parts, "schema", say(N_("« {label} » is not valid ({problem})."),
                                               label=label, problem=error.message))

    def _unknown_key(self, key: str, allowed: list[str]) -> str:
        suggestion = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
        if suggestion:
            return self.say(N_("Unknown key « {key} »: did you mean « {suggestion} »?"),
                            key=key, suggestion=suggestion[0])
        return self.say(N_("Unknown key « {key} ». Keys allowed here: {allowed}."),
                        key=key, allowed=", ".join(allowed))

    def _wrong_type(self, error, parts, where, label, positions, report) -> None:
        say, value = self.say, error.instance
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        raw = positions.raw.get(parts, str(value))
        if value is None:
            report(where, parts, "empty-value", say(N_("« {label} » is empty; fill it in or delete the line."),
                                                    label=label))
        elif "string" in expected and isinstance(value, (bool, int, float)):
            report(where, parts, "quote-needed", say(N_(
                "« {label} » must be text, but {raw} was read as a number or as true/false: put it in "
                "quotes, like this: \"{raw}\"."), label=label, raw=raw))
        elif "boolean" in expected:
            report(where, parts, "boolean-expected", say(N_(
                "« {label} » must be true or false (without quotes), not « {value} »."), label=label, value=raw))
        elif "integer" in expected or "number" in expected:
            report(where, parts, "number-expected", say(N_(
                "« {label} » must be a number written with digits only, without quotes or spaces, not « {value} »."),
                label=label, value=raw))
        elif "object" in expected and "fr" in error.schema.get("properties", {}):
            report(where, parts, "text-languages-expected", say(N_(
                "« {label} » needs its French text under « fr: » (and its English text, optional, under "
                "« en: »), on indented lines below it."), label=label))
        elif "object" in expected:
            report(where, parts, "group-expected", say(N_(
                "« {label} » must be a group of « key: value » lines, indented below it."), label=label))
        elif "array" in expected:
            report(where, parts, "list-expected", say(N_(
                "« {label} » must be a list: one « - item » per line, or [item, item]."), label=label))
        else:
            report(where, parts, "wrong-type", say(N_("« {label} » must be text."), label=label))

    def _unknown_term(self, kind, error, parts, where, report, label: str | None = None) -> None:
        say, value = self.say, error.instance
        options = list(error.validator_value)
        section = self.terms_by_enum.get(tuple(options))
        label = label or self.label(kind, parts)
        if section is None or not isinstance(value, str):
            report(where, parts, "unknown-term", say(N_("« {value} » is not allowed for « {label} »."),
                                                     value=value, label=label))
            return
        terms = self.vocabulary[section]
        candidates = {}
        for term in terms.values():
            for name in (term.key, fold(term.fr), fold(term.en)):
                candidates.setdefault(name, term)
        match = difflib.get_close_matches(fold(value), list(candidates), n=1, cutoff=0.6)
        if match:
            term = candidates[match[0]]
            message = say(N_("« {value} » is not a known value for « {label} »: did you mean « {key} » "
                             "({term})?"), value=value, label=label, key=term.key, term=term.label(say.lang))
        else:
            message = say(N_("« {value} » is not a known value for « {label} ». The allowed values are "
                             "listed in data/vocabulary.yaml."), value=value, label=label)
        report(where, parts, "unknown-term", message)


def _find_property(schema: dict, key: str) -> dict:
    """The first property definition named `key` (with a pattern) anywhere in `schema`."""
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if key in node.get("properties", {}) and "pattern" in _follow_items(node["properties"][key]):
                return _follow_items(node["properties"][key])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise KeyError(key)


def _follow_items(node: dict) -> dict:
    return node.get("items", node) if node.get("type") == "array" else node


def _resolve(ref: str, base: str) -> tuple[dict, str]:
    target, _, pointer = ref.partition("#")
    name = target.removesuffix(".schema.json") if target else base
    node = schemas()[name]
    for step in pointer.strip("/").split("/") if pointer.strip("/") else ():
        node = node[step]
    return node, name


def _expand(node: dict, base: str) -> list[tuple[dict, str]]:
    chain = []
    while isinstance(node, dict):
        chain.append((node, base))
        if "$ref" not in node:
            break
        node, base = _resolve(node["$ref"], base)
    return chain


@functools.cache
def _titles(kind: str, parts: tuple) -> tuple[str, ...]:
    """The schema titles met along `parts` (array indexes given as 0), one per step."""
    chain, titles = _expand(schemas()[kind], kind), []
    for part in parts:
        children = []
        for node, base in chain:
            if isinstance(part, int):
                child = node.get("items")
            elif part in node.get("properties", {}):
                child = node["properties"][part]
            else:
                child = node.get("additionalProperties")
            if isinstance(child, dict):
                children.extend(_expand(child, base))
        chain = children
        title = next((node["title"] for node, _ in chain if "title" in node), None)
        if title is None:
            return ()
        titles.append(title)
    return tuple(titles)


def _most_specific(errors: list) -> list:
    """One error per (location, keyword): the binding limit when several schemas constrain a value;
    a date that does not even have the date's shape gets the format explanation only."""
    best: dict = {}
    for error in errors:
        key = (tuple(error.absolute_path), error.validator, "propertyNames" in error.schema_path,
               error.instance if error.validator == "enum" and isinstance(error.instance, str) else None)
        current = best.get(key)
        if current is None or _tighter(error, current):
            best[key] = error
    with_pattern = {tuple(e.absolute_path) for e in best.values() if e.validator == "pattern"}
    kept = [e for e in best.values() if not (e.validator == "format" and tuple(e.absolute_path) in with_pattern)]
    return sorted(kept, key=lambda e: [str(p) for p in e.absolute_path])


def _tighter(error, other) -> bool:
    if error.validator in ("maxLength", "maxItems", "maximum"):
        return error.validator_value < other.validator_value
    if error.validator in ("minLength", "minItems", "minimum"):
        return error.validator_value > other.validator_value
    return False
