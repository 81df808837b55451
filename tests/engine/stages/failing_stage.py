"""A stage for tests: fails while writing, after the other stages wrote their pages."""


def write(build):
    build.write_file("partial.html", "written before the failure")
    raise RuntimeError("this stage failed on purpose")
