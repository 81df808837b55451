"""The header rules of fingerprinted files (site/hosting.fingerprinted_patterns): every fingerprinted file
matched, no other file, in as few rules as the folders allow."""

import random

from portfolio.site.hosting import fingerprinted, fingerprinted_patterns


def matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("/*") else path == pattern


def test_every_fingerprinted_file_and_no_other_is_matched():
    chooser = random.Random(7)
    folders = ["", "theme", "theme/css", "theme/search", "fr/entreprises/coop", "en/data", "media/coop", "a/b/c"]
    paths, hashed = set(), set()
    for n in range(400):
        folder = chooser.choice(folders)
        hashing = chooser.random() < 0.5
        name = fingerprinted(chooser.choice([f"f{n}.json", f"s{n}.css", f"j{n}.js"]), str(n).encode()) if hashing \
            else chooser.choice([f"page{n}.html", f"logo{n}.webp", "index.html", f"data{n}.json"])
        path = f"{folder}/{name}".lstrip("/")
        paths.add(path)
        if hashing:
            hashed.add(path)
    patterns = fingerprinted_patterns(sorted(paths))
    for path in paths:
        assert any(matches(pattern, path) for pattern in patterns) == (path in hashed), path


def test_a_folder_of_fingerprinted_files_only_is_one_rule():
    paths = [fingerprinted(f"theme/search/index-fr-{n}.json", str(n).encode()) for n in range(1000)]
    paths += ["theme/logo.png", "index.html", fingerprinted("theme/site.css", b"body{}")]
    assert fingerprinted_patterns(paths) == ["theme/search/*", paths[-1]]
