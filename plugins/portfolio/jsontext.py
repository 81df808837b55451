"""JSON text as the site's files hold it: no spaces, non-ASCII characters as they are."""

import json


def compact(value) -> str:
    """The JSON text of `value`, without spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
