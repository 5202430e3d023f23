# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
SEED_ARTICLE := ../shared/data/news/rt-2023-07-antonov-cluster-munitions.txt

.PHONY: install demo test test-fast lint typecheck importlint pytest bench bench-scale eval clean docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/typecheck/armsgraph:
	@mkdir -p $@
	@for d in schema loaders graph; do ln -sfn ../../../$$d $@/$$d; done

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/armsgraph db start
	$(BIN)/armsgraph load examples/seed-entities.jsonl $(SEED_ARTICLE)
	$(BIN)/armsgraph query run country-people --param country=USA
	$(BIN)/armsgraph query run document-facts --param document=$(notdir $(SEED_ARTICLE)) --param limit=25

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP) build/typecheck/armsgraph
	MYPYPATH=build/typecheck $(BIN)/mypy -p armsgraph.schema -p armsgraph.loaders -p armsgraph.graph

pytest: $(STAMP) $(NODE_STAMP)
	@$(BIN)/pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: a run with no tests is not green" >&2; exit 1; fi; \
	exit $$rc

importlint: $(STAMP) build/typecheck/armsgraph
	PYTHONPATH=build/typecheck $(BIN)/lint-imports

test: lint typecheck importlint pytest

# The fast lane (under 30 s): no store and nothing slow (markers set in tests/conftest.py and the tests).
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not store and not slow"

docs: $(STAMP)
	$(BIN)/python tools/gen_docs.py

bench: $(STAMP)
	$(BIN)/python bench/bench_writer.py
	@if [ -f bench/bench_sipri.py ]; then $(BIN)/python bench/bench_sipri.py; fi
	@if [ -f bench/bench_resolve.py ]; then $(BIN)/python bench/bench_resolve.py; fi
	@if [ -f bench/bench_text.py ]; then $(BIN)/python bench/bench_text.py; fi
	$(BIN)/python bench/bench_text_scaling.py
	$(BIN)/python bench/bench_export.py
	$(BIN)/python bench/bench_deals.py
	$(BIN)/python bench/bench_queries.py --sizes 10000,30000 --repeat 3

# Catalogue queries and deal resolution at 30k, 100k and 300k generated deals (long: about half an hour here).
bench-scale: $(STAMP)
	$(BIN)/python bench/bench_queries.py --sizes 30000,100000,300000 --repeat 3

eval: $(STAMP)
	$(BIN)/armsgraph eval --docs ../shared/data/statements --gold tests/data/gold/statements.jsonl
	$(BIN)/armsgraph eval --docs ../shared/data/news --gold tests/data/gold/news.jsonl
	$(BIN)/armsgraph eval --docs ../shared/data/news-pun --gold tests/data/gold/news-pun-heldout.jsonl

clean:
	rm -rf $(VENV) node_modules build .mypy_cache .ruff_cache .pytest_cache
