"""Reaching into a record's plain data by path."""


def value_at(data, parts):
    """The value at path `parts` (keys and list indexes) of `data`, or None when there is none."""
    for part in parts:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
        elif not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data
