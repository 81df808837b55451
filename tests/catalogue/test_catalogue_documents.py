"""Which PDFs a language build publishes: none for a catalogue above PORTFOLIO_PDF_MAX_ENTERPRISES."""

from portfolio.catalogue.documents import publish
from portfolio.catalogue.sections import sector_catalogues
from portfolio.catalogue.stage import template_globals
from support.engine import make_build, make_site


def test_catalogues_above_the_limit_get_no_pdf(tmp_path):
    site = make_site(tmp_path, pdf=True, pdf_max_enterprises=1)
    site.media.publish([i for e in site.portfolio.enterprises for i in e.images], site.writer, "test")
    build = make_build(site, "fr")
    build.env.globals.update(template_globals(build))
    sections = sector_catalogues(build.portfolio, "fr")
    small = next(s for s in sections if len(s.enterprises) == 1)
    large = next(s for s in sections if len(s.enterprises) > 1)
    downloads = publish(build, [(("catalogue-sector", small.sector.key), [small], small.sector),
                                (("catalogue-sector", large.sector.key), [large], large.sector)])
    assert downloads[("catalogue-sector", large.sector.key)] is None
    made = downloads[("catalogue-sector", small.sector.key)]
    assert made.url == f"/catalogue/{small.sector.key}/catalogue-{small.sector.key}-fr.pdf"
    site.writer.commit()
    output = site.writer.output
    assert (output / made.url.lstrip("/")).read_bytes()[:5] == b"%PDF-"
    assert [p.name for p in output.rglob("*.pdf")] == [made.url.rsplit("/", 1)[1]]
