"""Stage `portfolio.contribute.stage`: the form page « Proposer ou mettre à jour une fiche » (`/modifier/`,
`/en/edit/`) and what it loads.

Writes, once: every record as JSON (`/modifier/fiches/<kind>/<slug>.json`, what the form opens for « Update
this listing », without an unpublished contact person), and the pinned markdown-it and js-yaml copied from
node_modules; per language: the form's description (`formulaire-<lang>.json`, see schemaform.py) and the page
itself. Nothing typed in the form leaves the browser but by the visitor's own download, copy, e-mail or
repository page.
"""

from __future__ import annotations

from ..jsontext import compact
from ..records.model import Enterprise
from ..search.lunr_languages import node_file
from .schemaform import form_config

PAGE = ("edit",)
RECORDS_FOLDER = "fiches/"
# Loaded by contribute.js only when needed: markdown-it once a form is shown, js-yaml to open a file.
LIBRARIES = {"vendor/markdown-it.min.js": ("markdown-it", "dist", "markdown-it.min.js"),
             "vendor/js-yaml.min.js": ("js-yaml", "dist", "js-yaml.min.js")}


def record_data(portfolio, record) -> dict:
    """The data of a validated record's file, as the validator read it, less what may not be published: a
    contact person without a recorded consent (`Enterprise.public_contact`), whom the form then shows empty."""
    data = portfolio.files[record.source]
    if isinstance(record, Enterprise) and record.public_contact.person is None:
        data = {**data, "contact": {key: value for key, value in data["contact"].items() if key != "person"}}
    return data


def prepare(site) -> None:
    for name, parts in LIBRARIES.items():
        site.write_static(name, node_file(*parts).read_bytes(), __name__)
    portfolio = site.portfolio
    kinds = {"enterprise": portfolio.enterprises, "institution": portfolio.institutions}
    folder = site.urls.url(PAGE, "fr") + RECORDS_FOLDER
    for kind, records in kinds.items():
        site.write_each(records, lambda r, kind=kind: f"{folder}{kind}/{r.slug}.json",
                        lambda r: compact(record_data(portfolio, r)), __name__)


def template_globals(build) -> dict:
    """`edit_record_url(kind, slug)`: the form opened on that record."""
    form = build.url(PAGE)
    return {"edit_record_url": lambda kind, slug: f"{form}?{kind}={slug}"}


def write(build) -> None:
    form_url = build.url(PAGE)
    config = form_config(build.lang, build.portfolio.vocabulary, build.gettext, build.settings)
    config_url = f"{form_url}formulaire-{build.lang}.json"
    build.write_file(config_url, compact(config))
    build.render("contribute.html", PAGE, config_url=config_url,
                 records_url=build.url(PAGE, "fr") + RECORDS_FOLDER,
                 form_script=build.static("js/contribute.js"),
                 markdown_script=build.static("vendor/markdown-it.min.js"),
                 yaml_script=build.static("vendor/js-yaml.min.js"),
                 issue_url=build.settings.repository_url and f"{build.settings.repository_url}/issues/new/choose",
                 guide_url=build.content_url("join"))
