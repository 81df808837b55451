"""What the form page needs, made from the JSON Schemas: the schemas themselves, every title and
description translated, the vocabulary's labels, and the validator's message texts.

The browser (theme/static/js/contribute-rules.js) walks the schemas as they are, so a field added to a
schema appears in the form with no template work; it only needs its title in the validator's catalogue
(plugins/portfolio/locale) and its description in contribute.po (tests/contribute/test_catalogues.py).
"""

from __future__ import annotations

from ..records.images import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS
from ..records.messages import N_, Messages, translations
from ..records.schemacheck import KINDS, SchemaChecker, schemas
from ..records.vocabulary import SECTIONS, Vocabulary
from ..site.markup import DISABLED_RULES, OPTIONS

# The schemas the record kinds use (the others describe data files edited by CESIM only).
FORM_SCHEMAS = ("common", "enterprise", "institution", "vocabulary")
RECORD_FOLDERS = {"enterprise": "enterprises", "institution": "institutions"}
# The validator's messages the browser says, by code (the texts of records/schemacheck.py: a test runs the
# validator's corpus through both and compares them).
MESSAGES = {
    "required": N_("The required field « {label} » is missing."),
    "unknown-key": N_("Unknown key « {key} ». Keys allowed here: {allowed}."),
    "empty-value": N_("« {label} » is empty; fill it in or delete the line."),
    "boolean-expected": N_("« {label} » must be true or false (without quotes), not « {value} »."),
    "number-expected": N_("« {label} » must be a number written with digits only, without quotes or spaces, "
                          "not « {value} »."),
    "text-languages-expected": N_("« {label} » needs its French text under « fr: » (and its English text, "
                                  "optional, under « en: »), on indented lines below it."),
    "group-expected": N_("« {label} » must be a group of « key: value » lines, indented below it."),
    "list-expected": N_("« {label} » must be a list: one « - item » per line, or [item, item]."),
    "wrong-type": N_("« {label} » must be text."),
    "quote-needed": N_("« {label} » must be text, but {raw} was read as a number or as true/false: put it in "
                       "quotes, like this: \"{raw}\"."),
    "unknown-term": N_("« {value} » is not allowed for « {label} »."),
    "unknown-vocabulary-term": N_("« {value} » is not a known value for « {label} ». The allowed values are "
                                  "listed in data/vocabulary.yaml."),
    "format": N_("« {value} » is not in the expected format for « {label} »."),
    "date-invalid": N_("« {value} » is not a real calendar date for « {label} »."),
    "too-long": N_("« {label} » is too long: {length} characters, at most {limit}."),
    "too-short": N_("« {label} » is too short: {length} characters, at least {limit}."),
    "duplicate-item": N_("« {label} » lists « {value} » more than once."),
    "below-minimum": N_("« {label} » must be at least {limit} (here: {value})."),
    "above-maximum": N_("« {label} » must be at most {limit} (here: {value})."),
}
PLURAL_MESSAGES = {
    "too-few": ("« {label} » needs at least {count} item.", "« {label} » needs at least {count} items."),
    "too-many": ("« {label} » has too many items ({length}): at most {count}.",
                 "« {label} » has too many items ({length}): at most {count}."),
}


def _walk(node):
    """Every mapping inside a schema node."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def titles_and_descriptions() -> tuple[list[str], list[str]]:
    """Every title and every description of the form's schemas (the vocabulary's generated ones apart)."""
    titles, descriptions = set(), set()
    for name in FORM_SCHEMAS:
        for node in _walk(schemas()[name]):
            for key, found in (("title", titles), ("description", descriptions)):
                if isinstance(node.get(key), str) and not (name == "vocabulary" and key == "description"):
                    found.add(node[key])
    return sorted(titles), sorted(descriptions)


def form_config(lang: str, vocabulary: Vocabulary, gettext, settings) -> dict:
    """Everything contribute.js needs in `lang`, as one JSON-ready mapping."""
    say = Messages(lang)
    titles, descriptions = titles_and_descriptions()
    checker = SchemaChecker(vocabulary, say)
    plural = translations(lang).ngettext
    return {
        "lang": lang,
        "schemas": {f"{name}.schema.json": schemas()[name] for name in FORM_SCHEMAS},
        "kinds": {kind: {"folder": RECORD_FOLDERS[kind],
                         "modeline": f"# yaml-language-server: $schema=../schema/{kind}.schema.json"}
                  for kind in KINDS},
        "titles": {title: say.term(title) for title in titles},
        "help": {text: gettext(text) for text in descriptions},
        "terms": {f"vocabulary.schema.json#/$defs/{name}": {key: term.label(lang)
                                                             for key, term in vocabulary[section].items()}
                  for section, name in SECTIONS.items()},
        "messages": {code: say.term(msgid) for code, msgid in MESSAGES.items()},
        "plurals": {code: [plural(one, other, 1), plural(one, other, 2)]
                    for code, (one, other) in PLURAL_MESSAGES.items()},
        "patterns": {pattern: [code, say.term(msgid)] for pattern, (code, msgid) in checker.patterns.items()},
        "markdown": {"options": OPTIONS, "disabled": DISABLED_RULES},
        "repository": settings.repository_url,
        "branch": settings.repository_branch,
        "email": settings.contact_email,
        "images": {"max_bytes": MAX_IMAGE_BYTES, "max_pixels": MAX_IMAGE_PIXELS},
    }
