"""The bilingual GitHub issue form « Proposer une fiche » made from the enterprise schema and the vocabulary,
for people who will not use the repository host's editor: one box per field, each label ending with the
field's path in brackets (`[address.postal_code]`), which the form page reads back to import the answers
(contribute.js). `python -m portfolio.contribute.issueform > .github/ISSUE_TEMPLATE/fiche-entreprise.yml`
rewrites it; tests/contribute/test_issueform.py fails when it is not current."""

from __future__ import annotations

import json

from ..records.load import vocabulary_of
from ..records.messages import Messages
from ..records.schemacheck import schemas
from ..settings import REPOSITORY

# Added in the form page or by CESIM; the contact person too, since an issue is public once opened.
SKIPPED = {"example", "photos", "logo", "certifications", "social", "person"}
OFFER_HELP = ("Un produit ou service par ligne : nom | description. / One product or service per line: "
              "name | description.")


def _chain(node: dict, base: str):
    """`node` and the nodes its `$ref`s lead to."""
    while True:
        yield node
        if "$ref" not in node:
            return
        target, _, pointer = node["$ref"].partition("#")
        base = target.removesuffix(".schema.json") or base
        node = schemas()[base]
        for step in pointer.strip("/").split("/"):
            node = node[step]


def _merged(node: dict, base: str) -> dict:
    merged: dict = {}
    for part in _chain(node, base):
        for key, value in part.items():
            merged.setdefault(key, value)
        if "properties" in part:
            merged["properties"] = {**part["properties"], **merged.get("properties", {})}
    return merged


def _label(title: str, path: str, fr: Messages, en: Messages, lang: str = "") -> str:
    """« Code postal / Postal code [address.postal_code] » (with « (fr) » before the path of a translation)."""
    french, english = fr.term(title), en.term(title)
    words = french[0].upper() + french[1:] + ("" if french == english else f" / {english[0].upper()}{english[1:]}")
    return f"{words}{f' ({lang})' if lang else ''} [{path}]"


def _terms(node: dict, vocabulary) -> list[str] | None:
    options = node.get("enum")
    for section in vocabulary.sections.values():
        if options and list(section) == options:
            return [f"{key} — {term.fr} / {term.en}" for key, term in section.items()]
    return options


def fields(vocabulary) -> list[dict]:
    """The issue form's body: one element per field of the enterprise record (lists of objects apart)."""
    fr, en = Messages("fr"), Messages("en")
    body: list[dict] = [{"type": "markdown", "attributes": {"value": (
        "Remplissez ce que vous pouvez ; le CESIM complète la fiche avec vous. Le formulaire en ligne du site "
        "fait la même chose et vérifie la fiche pendant la saisie.\n\nFill in what you can; CESIM completes the "
        "listing with you. The site's online form does the same and checks the listing as you type.\n\n"
        "Une demande est publique dès qu’elle est créée : n’y inscrivez pas de personne-ressource. Pour en "
        "publier une, avec son consentement, utilisez le formulaire du site ou écrivez au CESIM.\n\nA request is "
        "public as soon as it is opened: do not name a contact person in it. To publish one, with their consent, "
        "use the site's form or write to CESIM.")}}]
    schema = schemas()["enterprise"]

    def visit(node: dict, base: str, path: list[str], required: bool) -> None:
        node = _merged(node, base)
        title = node.get("title", path[-1])
        where = ".".join(path)
        if node.get("type") == "object" and set(node.get("properties", {})) <= {"fr", "en"}:
            for lang in ("fr", "en"):
                long = "paragraphs" in json.dumps(node["properties"][lang])
                add("textarea" if long else "input", _label(title, f"{where}.{lang}", fr, en, lang), required and lang == "fr")
        elif node.get("type") == "object":
            for key, child in node["properties"].items():
                if key not in SKIPPED and key != "coordinates":
                    visit(child, base, path + [key], required and key in node.get("required", []))
        elif node.get("type") == "array":
            item = _merged(node["items"], base)
            options = _terms(item, vocabulary)
            if options:
                add("dropdown", _label(title, where, fr, en), required, options=options, multiple=True)
            elif item.get("type") == "object":
                add("textarea", _label(title, where, fr, en), required, description=OFFER_HELP)
            else:
                add("input", _label(title, where, fr, en), required,
                    description="Séparés par des virgules. / Separated by commas.")
        elif node.get("enum"):
            add("dropdown", _label(title, where, fr, en), required, options=_terms(node, vocabulary))
        else:
            add("input", _label(title, where, fr, en), required)

    def add(kind: str, label: str, required: bool, description: str | None = None, **extra) -> None:
        attributes = {"label": label, **({"description": description} if description else {}), **extra}
        body.append({"type": kind, "id": f"field-{len(body)}", "attributes": attributes,
                     "validations": {"required": required}})

    for key, child in schema["properties"].items():
        if key not in SKIPPED:
            visit(child, "enterprise", [key], key in schema["required"])
    return body


def issue_form(vocabulary) -> str:
    """The issue form as YAML (JSON is YAML: no YAML writer needed, and GitHub reads it)."""
    form = {"name": "Proposer une fiche / Propose a listing",
            "description": "Inscrire ou mettre à jour une entreprise sans Git. / Add or update an enterprise without Git.",
            "title": "Fiche / Listing: ", "labels": ["fiche"], "body": fields(vocabulary)}
    return "# Made by `python -m portfolio.contribute.issueform`: do not edit by hand.\n" + json.dumps(
        form, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(issue_form(vocabulary_of(REPOSITORY)), end="")
