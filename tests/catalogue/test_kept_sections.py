"""The sectors of the whole catalogue's page are kept between builds (PortfolioBuild.part): an edited record
makes its own sectors again, and the others are taken from the fragment store as they were."""

import sqlite3

import yaml

from portfolio.engine.fragments import FOLDER, SHARED
from support.edits import Workspace, revise


def kept_sections(cache) -> dict[str, str]:
    """identity -> inputs of the parts kept for the French pages."""
    with sqlite3.connect(cache / FOLDER / "fr.sqlite") as db:
        rows = db.execute("SELECT identity, inputs FROM fragments WHERE slug = ?", (SHARED,)).fetchall()
    return {identity: inputs for identity, inputs in rows if "catalogue_section.html" in identity}


def test_an_edit_makes_again_only_the_sectors_of_the_edited_enterprise(tmp_path):
    space = Workspace(tmp_path)
    space.incremental()
    before = kept_sections(tmp_path / "cache")
    slug = space.slugs[5]
    sectors = yaml.safe_load((space.root / "enterprises" / f"{slug}.yaml").read_text(encoding="utf-8"))["sectors"]
    revise(space.root, slug)
    space.incremental()
    after = kept_sections(tmp_path / "cache")
    assert after.keys() == before.keys() and len(before) > len(sectors)
    changed = {identity for identity in before if before[identity] != after[identity]}
    assert changed == {repr(("catalogue_section.html", ("catalogue", key))) for key in sectors}
