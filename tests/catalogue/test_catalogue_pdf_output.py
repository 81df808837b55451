"""The bytes of a catalogue PDF depend on its input only: same input, same bytes, in any process, with the
dates taken from the data; and rendering through our pipeline gives the very bytes WeasyPrint gives."""

import gc
import io
import os
import subprocess
import sys

import pytest
from PIL import Image
from pypdf import PdfReader

from portfolio.catalogue.documents import STYLESHEET, catalogue_job
from portfolio.catalogue.pdf import OPTIONS, Job, _fetcher, render
from portfolio.catalogue.sections import full_catalogue
from portfolio.catalogue.stage import template_globals
from support.engine import make_build, make_site
from support.tools import REPO

CSS = "@page { size: A6; @bottom-center { content: counter(page) ' / ' counter(pages); } } a::after { content: ' p. ' target-counter(attr(href), page); }"


def job(folder) -> Job:
    """A tagged document of several pages with links, headings, a list and an image."""
    made = Job("test", "", CSS)
    logo = folder / "logo.png"
    Image.new("RGB", (40, 20), "teal").save(logo)
    entries = "".join(f'<h2 id="e{n}">Entreprise {n}</h2><p>Économie sociale, fiche {n}.</p>'
                      f'<ul><li><a href="#e{(n * 7) % 30}">Voir aussi</a></li></ul>' for n in range(30))
    made.html = ('<!DOCTYPE html><html lang="fr"><head><title>Essai</title>'
                 '<meta name="dcterms.created" content="2025-05-31"></head>'
                 f'<body><img src="{made.file_url(logo)}" alt="Logo">{entries}</body></html>')
    return made


def test_same_input_same_bytes_in_another_process(tmp_path):
    first, _ = render(job(tmp_path))
    script = ("import sys; from pathlib import Path; sys.path[:0] = ['plugins', 'tests'];"
              "from catalogue.test_catalogue_pdf_output import job; from portfolio.catalogue.pdf import render;"
              "sys.stdout.buffer.write(render(job(Path(sys.argv[1])))[0])")
    other = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=REPO, capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345", "TZ": "Asia/Tokyo"}).stdout
    assert other == first


def test_dates_come_from_the_data(tmp_path):
    data, _ = render(job(tmp_path))
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata["/CreationDate"] == "D:20250531"
    assert "/ModDate" not in reader.metadata and "/ID" not in reader.trailer
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] and len(reader.pages) > 3


COLUMNS = (" body { columns: 2; column-fill: auto; } h2 { break-after: avoid; } p { break-inside: avoid; }"
           " ul { columns: 2; } img { float: right; width: 20mm; }")


def plain_weasyprint(made: Job) -> bytes:
    """The PDF WeasyPrint itself makes of `made`, without render()'s shortcuts in its layout."""
    from weasyprint import CSS as Stylesheet, HTML

    fetcher = _fetcher(made.files)
    return HTML(string=made.html, url_fetcher=fetcher).write_pdf(
        stylesheets=[Stylesheet(string=made.css, url_fetcher=fetcher)], **OPTIONS)


@pytest.mark.parametrize("css", ["", COLUMNS], ids=["one column", "columns filled in turn"])
def test_our_rendering_gives_weasyprints_bytes(tmp_path, css):
    made = job(tmp_path)
    made.css += css
    assert render(made)[0] == plain_weasyprint(made)


@pytest.fixture(scope="module")
def sample_catalogue(tmp_path_factory) -> Job:
    """The real catalogue (its template, stylesheet, logos and two columns), not only a test document."""
    site = make_site(tmp_path_factory.mktemp("catalogue"), pdf=True)
    site.media.publish([i for e in site.portfolio.enterprises for i in e.images], site.writer, "test")
    build = make_build(site, "fr")
    build.env.globals.update(template_globals(build))
    css = (site.settings.theme / STYLESHEET).read_text(encoding="utf-8")
    return catalogue_job(build, ("catalogue",), full_catalogue(site.portfolio, "fr"), None, css)


def test_the_whole_sample_catalogue_gives_weasyprints_bytes(sample_catalogue):
    assert render(sample_catalogue)[0] == plain_weasyprint(sample_catalogue)


def test_the_cycle_collector_is_off_while_weasyprint_works_and_on_after(tmp_path):
    made, seen = job(tmp_path), []

    class Recording(dict):
        def get(self, *args):  # the URL fetcher looks the image up while WeasyPrint works
            seen.append(gc.isenabled())
            return super().get(*args)

    made.files = Recording(made.files)
    render(made)
    assert seen == [False] and gc.isenabled()


def test_rendering_frees_the_cycles_it_made(tmp_path, sample_catalogue):
    """A full collection right after render() finds only the few dozen objects of the URL fetcher, as many for
    the whole sample catalogue as for a small document: WeasyPrint's cycles are freed already."""
    small = job(tmp_path)
    render(small), render(sample_catalogue)  # the first renders fill WeasyPrint's caches

    def left(made: Job) -> int:
        gc.collect()
        render(made)
        return gc.collect()

    assert left(sample_catalogue) == left(small) < 100
