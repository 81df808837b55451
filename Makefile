# Two commands on a fresh machine: `make serve` (set up, validate, build, serve) and `make test`.
PY := .venv/bin/python
PORT ?= 8000

.PHONY: setup validate schema html publish serve test bench clean

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

schema: setup
	$(PY) -m portfolio.records.vocabulary

html: setup
	$(PY) -m pelican content -s pelicanconf.py -o output

publish: setup
	$(PY) -m pelican content -s publishconf.py -o output --fatal warnings

serve: html
	@echo "Portfolio served at http://localhost:$(PORT)/ (Ctrl-C to stop)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory output

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) benchmarks/validate.py
	$(PY) benchmarks/search.py
	$(PY) benchmarks/catalogue_build.py

clean:
	rm -rf output cache
