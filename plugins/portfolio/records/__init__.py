"""Records stage: load, validate and type the enterprise and institution YAML files."""
