"""Stage `portfolio.site.hosting`: the response headers of the site, from one definition (the settings
`PORTFOLIO_SECURITY_HEADERS` and `PORTFOLIO_CACHE_CONTROL`), written for the usual static hosts:

- `nginx.conf`: a snippet to include in an nginx `server` block (precompressed files, headers, 404 page);
- `.htaccess`: the same for Apache (mod_headers, mod_rewrite);
- `_headers`: Netlify and Cloudflare Pages. Both join the values of a header set by two matching rules,
  so there the short lifetime is left to the host's default (revalidate every time) and only the
  fingerprinted files get theirs;
- the Content-Security-Policy also as a `<meta>` on every page (`meta_policy`, in base.html), for hosts
  that send no headers (GitHub Pages, S3). A `<meta>` cannot carry `frame-ancestors`, `sandbox` or
  `report-uri`: only a header protects the pages from being framed.

CSS and JavaScript files, and the search's JSON files (search/stage.py), carry a hash of their content in
their name (`fingerprinted`), so that they can be cached for a year: a changed file has a new name, and
whatever names it (a page, the search manifest) changes with it."""

from __future__ import annotations

import hashlib
import re

from ..engine.writer import folders_holding

FINGERPRINTED = ("css", "js", "json")  # the extensions `fingerprinted` puts a hash before
HASH_LENGTH = 10  # hexadecimal digits
FINGERPRINT = rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.(?:{'|'.join(FINGERPRINTED)})$"  # what `fingerprinted` adds to a name
CONFIG_FILES = ("nginx.conf", ".htaccess", "_headers")
META_EXCLUDED = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def fingerprinted(path: str, data: bytes) -> str:
    """`path` with a hash of `data` before its extension when it is CSS, JavaScript or JSON (`css/site.css` ->
    `css/site.1a2b3c4d5e.css`); other paths as they are."""
    stem, dot, extension = path.rpartition(".")
    if extension not in FINGERPRINTED:
        return path
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}{dot}{extension}"


def fingerprinted_glob(extension: str) -> str:
    """A shell pattern matching the fingerprinted names with `extension` (`*.[0-9a-f]…[0-9a-f].json`)."""
    return f"*.{'[0-9a-f]' * HASH_LENGTH}.{extension}"


def finish(site, builds) -> None:
    settings = site.settings
    headers, cache = settings.security_headers, settings.cache_control
    immutable = [site.root_url(pattern) for pattern in fingerprinted_patterns(site.writer.entries)]
    site.write_file("nginx.conf", nginx(settings.base_path, headers, cache), __name__)
    site.write_file(".htaccess", htaccess(settings.base_path, headers, cache), __name__)
    site.write_file("_headers", netlify(settings.base_path, headers, cache, immutable), __name__)


def fingerprinted_patterns(paths) -> list[str]:
    """Patterns matching the fingerprinted files among `paths` (relative to the site root) and no other:
    `folder/*` for the widest folder holding fingerprinted files only, else the file itself. Cloudflare Pages
    takes at most 100 rules, and the search writes thousands of fingerprinted files into one folder."""
    fingerprint, extensions = re.compile(FINGERPRINT), tuple(f".{extension}" for extension in FINGERPRINTED)
    fingerprinted = [path for path in paths if path.endswith(extensions) and fingerprint.search(path)]
    hashed, tops = set(fingerprinted), {path.partition("/")[0] for path in fingerprinted}
    # The folders holding a file that is not fingerprinted, at any depth (under `tops` only).
    mixed = set(folders_holding(path for path in paths if path.partition("/")[0] in tops and path not in hashed))
    patterns = set()
    for path in fingerprinted:
        pure = [folder for folder in _folders(path) if folder not in mixed]
        patterns.add(f"{pure[0]}/*" if pure else path)
    return sorted(patterns)


def _folders(path: str) -> list[str]:
    """The folders of a relative path, widest first (`a/b/c.css` -> `a`, `a/b`)."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


def meta_policy(policy: str) -> str:
    """The directives of `policy` that a `<meta http-equiv>` may carry."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    return "; ".join(d for d in directives if d.split()[0].lower() not in META_EXCLUDED)


def _quoted(value: str) -> str:
    if '"' in value or "\n" in value:
        raise ValueError(f"a header value cannot contain a double quote or a line break: {value!r}")
    return f'"{value}"'


def nginx(base: str, headers: dict, cache: dict) -> str:
    """The nginx snippet: a location for the site's path, to include in a `server` block whose `root`
    holds the site at that path (see the README)."""
    def add(lifetime: str, indent: str) -> list[str]:
        values = {**headers, "Cache-Control": lifetime}
        return [f"{indent}add_header {name} {_quoted(value)} always;" for name, value in values.items()]

    lines = ["# Made by the portfolio's build from its settings (portfolio/settings.py): do not edit.",
             f"location ^~ {base}/ {{",
             "    index index.html;",
             f"    error_page 404 {base}/404.html;",
             "    gzip_static on;  # file.gz beside each text file",
             "    brotli_static on;  # file.br: Debian package libnginx-mod-http-brotli-static",
             *add(cache["other"], "    "),
             f'    location ~ "{FINGERPRINT}" {{',
             *add(cache["fingerprinted"], "        "),
             "    }",
             f'    location ~ "^{re.escape(base)}/(?:{"|".join(re.escape(n) for n in CONFIG_FILES)})$" {{',
             "        return 404;",
             "    }",
             "}"]
    return "\n".join(lines) + "\n"


def htaccess(base: str, headers: dict, cache: dict) -> str:
    """The Apache `.htaccess`: headers (mod_headers), precompressed files (mod_rewrite), 404 page."""
    lines = ["# Made by the portfolio's build from its settings (portfolio/settings.py): do not edit.",
             f"ErrorDocument 404 {base}/404.html",
             "AddDefaultCharset utf-8",
             "<IfModule mod_headers.c>",
             *(f"    Header always set {name} {_quoted(value)}" for name, value in headers.items()),
             f"    Header set Cache-Control {_quoted(cache['other'])}",
             f'    <FilesMatch "{FINGERPRINT}">',
             f"        Header set Cache-Control {_quoted(cache['fingerprinted'])}",
             "    </FilesMatch>",
             "</IfModule>",
             "<IfModule mod_rewrite.c>",
             "    RewriteEngine On",
             "    RewriteCond %{REQUEST_FILENAME} -d",
             "    RewriteCond %{REQUEST_FILENAME}/index.html -f",
             "    RewriteRule ^(.*/)?$ $1index.html",
             *(line for encoding, suffix in (("br", "br"), ("gzip", "gz")) for line in (
                 f"    RewriteCond %{{HTTP:Accept-Encoding}} \\b{encoding}\\b",
                 f"    RewriteCond %{{REQUEST_FILENAME}}.{suffix} -s",
                 f"    RewriteRule ^(.+)$ $1.{suffix} [L]")),
             "</IfModule>",
             '<FilesMatch "\\.(?:br|gz)$">',
             "    <IfModule mod_headers.c>",
             "        Header append Vary Accept-Encoding",
             "    </IfModule>",
             "</FilesMatch>",
             '<FilesMatch "\\.br$">',
             "    SetEnv no-brotli 1",
             "    SetEnv no-gzip 1",
             "    <IfModule mod_headers.c>",
             "        Header set Content-Encoding br",
             "    </IfModule>",
             "</FilesMatch>",
             '<FilesMatch "\\.gz$">',
             "    SetEnv no-gzip 1",
             "    <IfModule mod_headers.c>",
             "        Header set Content-Encoding gzip",
             "    </IfModule>",
             "</FilesMatch>",
             *(f'<FilesMatch "\\.{extension}\\.(?:br|gz)$">\n    ForceType {mime}\n</FilesMatch>'
               for extension, mime in TEXT_TYPES.items())]
    return "\n".join(lines) + "\n"


def netlify(base: str, headers: dict, cache: dict, immutable: list[str]) -> str:
    """The `_headers` file of Netlify and Cloudflare Pages; `immutable`: the URL patterns of the fingerprinted
    files."""
    lines = ["# Made by the portfolio's build from its settings (portfolio/settings.py): do not edit.",
             f"{base}/*", *(f"  {name}: {value}" for name, value in headers.items())]
    for url in immutable:
        lines += [url, f"  Cache-Control: {cache['fingerprinted']}"]
    return "\n".join(lines) + "\n"


# The types of the precompressed text files, for Apache (nginx keeps the original file's type).
TEXT_TYPES = {"html": "text/html", "css": "text/css", "js": "text/javascript", "json": "application/json",
              "xml": "application/xml", "txt": "text/plain", "svg": "image/svg+xml", "ics": "text/calendar",
              "csv": "text/csv"}
