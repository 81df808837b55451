"""Property: every record the validator accepts also builds, and a refused one never reaches output/.

Each example mutates a valid enterprise record (its logo cut at a random byte, renamed to another image
type, saved in another format under the same name; its name given random characters), validates the
one-record portfolio as `make validate` does, then builds it with Pelican. The examples are few (each
is a whole site build, about 4 s), so the test stays under a minute."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from portfolio.records.load import record_files, validate_files
from support.site import build_site
from support.tools import REPO

pytestmark = pytest.mark.slow
RECORD = REPO / "tests" / "records" / "fixtures" / "valid" / "cafe-exemple.yaml"
SLUG = "cafe-exemple"


def _logo() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((96, 64), 60).convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


LOGO = _logo()

mutations = st.one_of(
    st.tuples(st.just("truncate"), st.integers(0, len(LOGO) - 1)),
    st.tuples(st.just("rename"), st.sampled_from(["logo.png", "logo.webp", "logo.JPG", "Logo.jpg"])),
    st.tuples(st.just("reencode"), st.sampled_from(["PNG", "WEBP", "GIF", "BMP", "TIFF"])),
    st.tuples(st.just("name"), st.text(st.characters(exclude_categories=("Cs",)), min_size=0, max_size=8)),
)


def _portfolio(root: Path, mutation) -> None:
    """A portfolio root holding the sample data and one mutated enterprise."""
    for folder in ("data", "schema"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "institutions").mkdir()
    media = root / "enterprises" / "media" / SLUG
    media.mkdir(parents=True)
    kind, value = mutation
    logo_name, logo, name = "logo.jpg", LOGO, "Café Exemple"
    if kind == "truncate":
        logo = LOGO[:value]
    elif kind == "rename":
        logo_name = value
    elif kind == "reencode":
        out = io.BytesIO()
        Image.open(io.BytesIO(LOGO)).save(out, value)
        logo = out.getvalue()
    else:
        name = f"Café {value} Exemple"
    (media / ("logo.jpg" if kind == "rename" else logo_name)).write_bytes(logo)
    text = RECORD.read_text(encoding="utf-8").replace("name: Café Exemple", f"name: {json.dumps(name)}", 1)
    (root / "enterprises" / f"{SLUG}.yaml").write_text(
        text.replace("languages:", f"logo: {logo_name}\nlanguages:", 1), encoding="utf-8")


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutations)
@example(("truncate", len(LOGO) // 2))  # the cut-off JPEG the validator used to accept (issue 9)
@example(("reencode", "PNG"))  # a PNG named logo.jpg
def test_accepted_records_build_and_refused_ones_are_never_published(mutation):
    with tempfile.TemporaryDirectory() as tmp:
        root, output = Path(tmp) / "root", Path(tmp) / "output"
        _portfolio(root, mutation)
        result = validate_files(record_files(root), root)
        try:
            build_site(output, root, extra_env={"PORTFOLIO_CACHE": str(Path(tmp) / "cache")})
            built = True
        except AssertionError:
            built = False
        if result.errors:
            assert not built, f"{mutation}: refused by the validator, yet built"
            assert not [p for p in output.rglob("*") if p.is_file()], f"{mutation}: files reached output/"
        else:
            assert built, f"{mutation}: accepted by the validator, yet the build failed"
            assert (output / "entreprises" / SLUG / "index.html").is_file()
