# Two commands from a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Nothing at run time may reach the network: Presidio's e-mail check (tldextract) is kept
# offline by the pipeline itself; these keep Prefect quiet and local.
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: demo test test-slow test-all lint bench install clean deploy

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The nightly batch, run once over the bundled examples (one fictional case).
demo: $(STAMP)
	$(BIN)/sfo-redact batch --inbox examples --outbox demo-output
	@echo
	@echo "Drafts, review copies and the redaction log: $(CURDIR)/demo-output/SFO65961/"
	@echo "Inputs that could not be processed (none expected): $(CURDIR)/demo-output/_quarantine/"
	@echo "Next: open the log in Excel, sign it off, then: $(BIN)/sfo-redact finalise-all --outbox demo-output"

# Issue 15: the deployments of flows/prefect.yaml on the Prefect server at PREFECT_API_URL, with
# the process work pool created first when missing (concurrency limit POOL_LIMIT flow runs).
POOL       ?= sfo-redact
POOL_LIMIT ?= 1
export SFO_REDACT_DIR        ?= $(CURDIR)
export SFO_REDACT_INBOX      ?= /srv/sfo/inbox
export SFO_REDACT_OUTBOX     ?= /srv/sfo/outbox
export SFO_REDACT_QUARANTINE ?= /srv/sfo/quarantine
deploy: $(STAMP)
	@test -n "$$PREFECT_API_URL" || { echo "Set PREFECT_API_URL to the Prefect server first, e.g. export PREFECT_API_URL=http://127.0.0.1:4200/api"; exit 2; }
	$(BIN)/prefect work-pool inspect $(POOL) >/dev/null 2>&1 || $(BIN)/prefect work-pool create $(POOL) --type process
	$(BIN)/prefect work-pool set-concurrency-limit $(POOL) $(POOL_LIMIT)
	$(BIN)/prefect --no-prompt deploy --all --prefect-file flows/prefect.yaml

# Issue 11: ruff over the tree, mypy (strict, see [tool.mypy]) over the kernel.
lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/mypy pipeline/errors.py pipeline/model.py

# The everyday suite (under 20 minutes on 2 cores): lint, then every test but the slow tier.
test: $(STAMP) lint
	$(BIN)/python -m pytest -q -m "not slow"

# The slow tier, which CI runs after `make test`: the evaluations (a generated corpus and the
# hand-written set), the real-file corpus, a 500-page review, the Prefect/Dask process test.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

test-all: test test-slow

# Issue 7: the pipeline against the straightforward Presidio + PyMuPDF way (about 10 minutes).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) demo-output *.egg-info
