"""JSON Schema validators of the record schemas in a portfolio root's schema/ folder."""

import json
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

SCHEMA_FILES = ("common.schema.json", "vocabulary.schema.json", "enterprise.schema.json", "institution.schema.json")


def validator(root: Path, kind: str) -> Draft202012Validator:
    """Validator of `kind` ("enterprise" or "institution") records, resolving references by file name."""
    schemas = {name: json.loads((Path(root) / "schema" / name).read_text(encoding="utf-8")) for name in SCHEMA_FILES}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items())
    return Draft202012Validator(schemas[f"{kind}.schema.json"], registry=registry, format_checker=FormatChecker())


class _Loader(yaml.SafeLoader):
    """Safe YAML loader that keeps dates as the strings JSON Schema expects."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_record(path: Path):
    """The data of a YAML record, dates left as strings."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)
