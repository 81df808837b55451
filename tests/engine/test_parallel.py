"""The languages are written side by side (engine/parallel.write_languages), each with its share of the
processors for its own work (its PDFs, its kept runs)."""

import os

from portfolio.engine.parallel import language_share, write_languages
from portfolio.settings import Settings
from portfolio.workers import spread
from support.engine import make_build, make_site


def test_each_language_has_its_share_of_the_processors():
    assert [language_share(n) for n in (1, 2, 3, 4, 8)] == [1, 1, 1, 2, 4]


def test_a_language_written_by_another_process_may_spread_its_own_work(tmp_path):
    site = make_site(tmp_path)
    site.settings = Settings(**{**vars(site.settings), "workers": 2})
    builds = {lang: make_build(site, lang) for lang in ("fr", "en")}

    def write(build):
        workers = spread(lambda n: os.getpid(), [1, 2, 3, 4], workers=2)
        (tmp_path / build.lang).write_text(f"{os.getpid()} {' '.join(map(str, set(workers)))}", encoding="utf-8")

    write_languages(site, builds, write, workers=2)
    for lang in ("fr", "en"):
        writer, *workers = (tmp_path / lang).read_text(encoding="utf-8").split()
        assert writer not in workers, f"{lang}: its work ran in processes it started"
    assert (tmp_path / "fr").read_text().split()[0] == str(os.getpid())  # the first language: this process
