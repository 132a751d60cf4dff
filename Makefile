# `make run` and `make test` work on a fresh machine with Python 3.11+ (they create .venv).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed-stamp

.PHONY: run test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The clock is an input. The sample commentary is dated 2021-01-27: `make run` builds it as of
# the next morning, so its newsletter issue and posts are due and in the publishing window.
# `make run CLOCK=` uses the real clock (then the sample is only in the feeds).
CLOCK ?= 1611824400

run: $(STAMP)  ## build dist/ from content/ (feeds, newsletter, social drafts, manifest)
	SOURCE_DATE_EPOCH=$(CLOCK) $(BIN)/pipeline build

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/ruff format --check pipeline tests bench

typecheck: $(STAMP)
	$(BIN)/mypy pipeline

# Bytecode is written even where the environment sets PYTHONDONTWRITEBYTECODE: each xdist
# worker would otherwise re-rewrite every test module's asserts, and each of the suite's
# subprocesses recompile pipeline/, on every run (__pycache__/ is ignored by git).
# `--dist load`: tests go to whichever worker is free, so no slow file holds one worker.
unit: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist load

test: lint typecheck unit  ## ruff, mypy and the tests

BENCH_STAMP = $(VENV)/.bench-stamp

# Pelican for the comparison; offline, the bench runs without it and says so.
$(BENCH_STAMP): pyproject.toml $(STAMP)
	@if $(BIN)/python -m pip install --quiet --retries 1 --timeout 15 -e '.[bench]'; then \
		touch $(BENCH_STAMP); \
	else \
		echo "could not install the bench extra (Pelican): the comparison will be skipped"; \
	fi

bench: $(STAMP) $(BENCH_STAMP)  ## print speed and size figures, with Pelican's
	$(BIN)/python bench/run.py

clean:
	rm -rf dist .pytest_cache .mypy_cache .ruff_cache
