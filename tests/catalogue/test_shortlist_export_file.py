"""The export rows of the shortlist and the matchmaking sheet: one file per language, named after a hash of
its content, so that a cache never pairs an older one with the other files of a build."""

import html
import json
import re


def export_source(page: str) -> str:
    """The address of the export rows that a page's data-export names."""
    spec = re.search(r"data-export='([^']*)'", page)[1]
    return json.loads(html.unescape(spec))["source"]


def test_the_shortlist_and_the_matchmaking_sheet_name_the_same_hashed_rows_file(built_site):
    for shortlist, sheet in (("ma-liste", "maillage"), ("en/my-list", "en/matchmaking")):
        sources = {export_source((built_site / folder / "index.html").read_text(encoding="utf-8"))
                   for folder in (shortlist, sheet)}
        assert len(sources) == 1, sources
        source = sources.pop()
        assert re.fullmatch(rf"/{shortlist}/export\.[0-9a-f]{{10}}\.json", source), source
        rows = json.loads((built_site / source.lstrip("/")).read_text(encoding="utf-8"))
        assert "traiteur-la-marmite-solidaire" in rows
    assert not list(built_site.rglob("export.json"))
