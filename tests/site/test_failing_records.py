"""A portfolio with an invalid record is not published: the build fails and prints every diagnostic."""

import shutil

import pytest

from support.site import build_site
from support.tools import REPO


def test_invalid_record_stops_the_build(tmp_path):
    root = tmp_path / "root"
    for folder in ("data", "schema", "institutions"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "enterprises").mkdir()
    (root / "enterprises" / "sans-nom.yaml").write_text("legal_form: osbl\nsectors: [pas-un-secteur]\n")
    output = tmp_path / "site"
    with pytest.raises(AssertionError) as failure:
        build_site(output, root)
    assert "sans-nom.yaml" in str(failure.value)  # the diagnostics name the file
    assert not (output / "index.html").exists() and not (output / "entreprises").exists()
