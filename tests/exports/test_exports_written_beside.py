"""The open-data files are written by another process while the pages are written (engine/parallel.beside),
and kept as they are when no record changed."""

import pytest

from portfolio.engine.parallel import taken_in
from portfolio.exports import stage
from portfolio.records.model import LANGS
from portfolio.settings import Settings
from support.engine import make_site


LICENCE = {"name": {"fr": "Licence", "en": "Licence"}, "url": "https://licence.example/"}


def site_of(tmp_path, workers, portfolio=None):
    site = make_site(tmp_path, portfolio=portfolio)
    site.settings = Settings(**{**vars(site.settings), "workers": workers, "open_data_licence": LICENCE})
    site.inputs = "shared inputs"
    return site


@pytest.mark.parametrize("workers", [1, 2])
def test_the_files_are_written_beside_then_kept(tmp_path, monkeypatch, workers):
    site = site_of(tmp_path, workers)
    sizes = taken_in(site, stage.prepare(site))
    documents = {kind: b"".join(data) if isinstance(data, list) else data  # large ones: their pieces
                 for kind, data in stage.documents(site).items()}
    assert sizes == {kind: len(data) for kind, data in documents.items()}
    assert site.writer.written == 2 * len(documents)
    site.writer.commit()
    files = {}
    for lang in LANGS:
        folder = tmp_path / "site" / site.urls.site_path(site.urls.url(("data",), lang))
        for kind, name in stage.FILE_NAMES[lang].items():
            assert (folder / name).read_bytes() == documents[kind]
            files.setdefault(kind, set()).add((folder / name).stat().st_ino)
    assert all(len(inodes) == 1 for inodes in files.values()), "the second name is a hard link to the first"

    monkeypatch.setattr(stage, "documents", lambda site: 1 / 0)  # nothing is made again
    again = site_of(tmp_path, workers, site.portfolio)
    assert taken_in(again, stage.prepare(again)) == sizes
    assert (again.writer.written, again.writer.reused) == (0, 2 * len(documents))
    assert sorted(again.writer.entries) == sorted(site.writer.entries)


def test_a_failure_beside_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(stage, "documents", lambda site: 1 / 0)
    site = site_of(tmp_path, 2)
    with pytest.raises(Exception, match="ZeroDivisionError"):
        taken_in(site, stage.prepare(site))
