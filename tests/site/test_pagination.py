"""A synthetic portfolio of 100 enterprises (one institution given a logo): listings are paginated
(PORTFOLIO_PAGE_SIZE per page), every record has its pages."""

import subprocess
import sys

from PIL import Image

import pytest

from support.html_scan import scan
from support.site import PAGE_STAGES, build_site, settings_overlay

COUNT, PAGE_SIZE = 100, 48  # PAGE_SIZE: PORTFOLIO_PAGE_SIZE of pelicanconf.py


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic-root")
    subprocess.run([sys.executable, "-m", "portfolio.synthetic", str(COUNT), str(root), "--seed", "3"],
                   check=True, capture_output=True)
    (root / "institutions/media/stm").mkdir(parents=True)
    Image.new("RGB", (300, 200), "navy").save(root / "institutions/media/stm/logo.png")
    with (root / "institutions/stm.yaml").open("a", encoding="utf-8") as record:
        record.write("logo: logo.png\n")
    output = tmp_path_factory.mktemp("synthetic-site")
    # the site's stages only: the PDF catalogue is slow and tested apart
    settings = settings_overlay(root, PORTFOLIO_STAGES=PAGE_STAGES)
    build_site(output, root, settings=str(settings),
               extra_env={"PORTFOLIO_CACHE": str(tmp_path_factory.mktemp("cache"))})
    return output

def cards(path) -> int:
    return path.read_text(encoding="utf-8").count('<article class="card">')


def test_directory_pages(synthetic_site):
    pages = [synthetic_site / "entreprises" / "index.html", synthetic_site / "entreprises/page/2/index.html",
             synthetic_site / "entreprises/page/3/index.html"]
    assert [cards(p) for p in pages] == [PAGE_SIZE, PAGE_SIZE, COUNT - 2 * PAGE_SIZE]
    assert not (synthetic_site / "entreprises/page/4").exists()
    assert (synthetic_site / "en/enterprises/page/3/index.html").is_file()
    middle = scan(pages[1])
    assert "/entreprises/" in middle.links and "/entreprises/page/3/" in middle.links
    assert middle.switch == "/en/enterprises/page/2/"
    assert middle.canonical.endswith("/entreprises/page/2/")


def test_every_enterprise_has_its_pages(synthetic_site):
    assert len(list((synthetic_site / "entreprises").glob("*/index.html"))) == COUNT
    assert len(list((synthetic_site / "en" / "enterprises").glob("*/index.html"))) == COUNT


def test_an_institution_logo_is_shown(synthetic_site):
    page = scan(synthetic_site / "en/institutions/stm/index.html")
    assert any(i.endswith(".webp") for i in page.images) and any(i.endswith((".png", ".jpg")) for i in page.images)
    html = (synthetic_site / "institutions/stm/index.html").read_text(encoding="utf-8")
    assert 'alt="Logo de Société de transport de Montréal"' in html
