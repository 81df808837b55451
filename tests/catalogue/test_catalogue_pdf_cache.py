"""The WeasyPrint pipeline: PDFs cached by a hash of their input, local files only."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from portfolio.catalogue.pdf import Cache, Job, input_hash, produce

CSS = "@page { size: A5; } body { font-family: 'DejaVu Sans', sans-serif; }"


def job(html_body: str, logo=None, name="test") -> Job:
    made = Job(name, "", CSS)
    image = f'<img src="{made.file_url(logo)}" alt="Logo">' if logo else ""
    made.html = f'<!DOCTYPE html><html lang="fr"><head><title>Essai</title></head><body>{image}<p>{html_body}</p></body></html>'
    return made


def png(path, colour):
    Image.new("RGB", (20, 20), colour).save(path)
    return path


def text_of(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_unchanged_input_is_not_rendered_again(tmp_path):
    cache = Cache(tmp_path / "cache")
    logo = png(tmp_path / "logo.png", "red")
    first, rendered = produce([job("Économie sociale", logo)], cache, workers=1)
    assert rendered == 1 and "Économie sociale" in text_of(first["test"])
    again, rendered = produce([job("Économie sociale", logo)], cache, workers=1)
    assert rendered == 0 and again == first


def test_a_changed_text_or_image_renders_again(tmp_path):
    cache = Cache(tmp_path / "cache")
    logo = png(tmp_path / "logo.png", "red")
    produce([job("Un", logo)], cache, workers=1)
    _, rendered = produce([job("Deux", logo)], cache, workers=1)
    assert rendered == 1
    before = input_hash(job("Deux", logo))
    png(logo, "blue")
    assert input_hash(job("Deux", logo)) != before
    _, rendered = produce([job("Deux", logo)], cache, workers=1)
    assert rendered == 1


def test_the_same_images_in_another_cache_folder_give_the_same_bytes(tmp_path):
    """WeasyPrint names an image after its URL: a file's URL names the file, not the folder of the cache."""
    made = []
    for folder in ("cache", "another-cache-folder"):
        (tmp_path / folder).mkdir()
        logo = png(tmp_path / folder / "0a1b.260.png", "red")
        made.append(produce([job("Économie sociale", logo)], Cache(tmp_path / folder / "pdf"), workers=1)[0]["test"])
    assert made[0] == made[1]


def test_two_files_of_one_name_in_one_pdf_are_refused(tmp_path):
    made = Job("test", "", CSS)
    made.file_url(png(tmp_path / "logo.png", "red"))
    (tmp_path / "other").mkdir()
    with pytest.raises(ValueError, match="logo.png"):
        made.file_url(png(tmp_path / "other" / "logo.png", "blue"))


def test_parallel_rendering_gives_every_pdf(tmp_path):
    jobs = [job(f"Catalogue {n}", name=f"pdf-{n}") for n in range(3)]
    pdfs, rendered = produce(jobs, Cache(tmp_path / "cache"), workers=2)
    assert rendered == 3
    assert [text_of(pdfs[f"pdf-{n}"]).strip() for n in range(3)] == [f"Catalogue {n}" for n in range(3)]


def test_only_registered_files_are_read(tmp_path, caplog):
    secret = tmp_path / "secret.png"
    png(secret, "green")
    made = job("Rien d'autre")
    made.html = made.html.replace("<p>", f'<img src="{secret.as_uri()}" alt="Secret"><p>')
    pdfs, _ = produce([made], Cache(tmp_path / "cache"), workers=1)
    reader = PdfReader(io.BytesIO(pdfs["test"]))
    assert sum(len(page.images) for page in reader.pages) == 0
    assert any("may not load" in r.getMessage() for r in caplog.records)
