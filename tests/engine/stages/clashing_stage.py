"""A stage for tests: writes the home page, which the site's pages stage already writes."""


def write(build):
    build.write_file(build.urls.output_path(("home",), build.lang), "<p>clash</p>")
