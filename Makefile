# crosspress — the front door. `make report` and `make test` build the project
# environment (.venv) when it is missing or stale, then do their work.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.crosspress-installed
CAMEL_TOOLS := camel-tools==1.6.0
KERNEL := crosspress
CORPUS ?= seeds
RUN ?= $(notdir $(patsubst %/,%,$(CORPUS)))
# Codebook and gold set of the story (empty: the notebooks' defaults, the seed study's).
CODEBOOK ?=
GOLD ?=
SIZE_MB ?= 50

.PHONY: env git-filter report test lint chromium lab bench eval-text eval-claims recommender eval-recommender clean-runs help

help:
	@echo "make report [CORPUS=path RUN=name]  build .venv if needed, run notebooks 01-04 into runs/RUN/"
	@echo "       [CODEBOOK=codebook/x.yaml GOLD=codebook/gold/x.jsonl]  another story's codebook and gold set"
	@echo "make test                            build .venv if needed, lint + types, chromium, run the test suite (= CI)"
	@echo "make lint                            ruff check, ruff format --check, mypy"
	@echo "make lab                             open JupyterLab with the '$(KERNEL)' kernel"
	@echo "make bench [SIZE_MB=50]              print speed/memory figures (synthetic corpus)"
	@echo "make eval-text                       sentence/token P/R/F1 on ../shared/ud-dev (UD Hebrew dev)"
	@echo "make eval-claims                     claim P/R/F1 per language on ../shared/dev-news + seeds + written sets, before/after"
	@echo "make recommender                     retrain codebook/russia_iran.recommender.json from tune + seeds + written dev sets (deterministic)"
	@echo "make eval-recommender                rules vs rules + model proposals, cross-validated on tune + seeds, per language"

env: $(STAMP) git-filter

# Notebooks reach git without outputs or execution counts, whoever saves them (JupyterLab's
# autosave included): an nbstripout clean filter in this clone's git config, applied to
# *.ipynb by .gitattributes. --keep-id keeps the notebooks' stable cell ids. Cheap; runs
# every time so a fresh clone or a moved venv gets it.
git-filter: $(STAMP)
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean '"$(abspath $(PY))" -m nbstripout --keep-id' && \
	  git config filter.nbstripout.smudge cat && \
	  git config filter.nbstripout.required true && \
	  git config diff.ipynb.textconv '"$(abspath $(PY))" -m nbstripout --keep-id -t'; \
	fi

# camel-tools declares torch+transformers; we only use camel_tools.utils and
# camel_tools.tokenizers.word, whose imports need six, emoji and regex (pinned
# in requirements.txt). Hence --no-deps. Do not run `pip check` on this venv.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps $(CAMEL_TOOLS)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (crosspress)" >/dev/null
	touch $(STAMP)

report: $(STAMP)
	$(PY) -m helpers.report --corpus "$(CORPUS)" --run "$(RUN)" \
		$(if $(CODEBOOK),--codebook "$(CODEBOOK)") $(if $(GOLD),--gold "$(GOLD)")

# Lint, format check and types (mypy settings in pyproject.toml: --strict on every helpers
# subpackage but helpers.stance, which is checked without it).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: $(STAMP) git-filter lint chromium
	$(PY) -m pytest

# The report's browser test drives Debian's chromium (Playwright's own browser downloads are not
# used). Installed here when missing and we are root with apt-get; otherwise one line says why,
# and under CI=true that is a failure (the browser test must run on CI).
chromium:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
	  exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make test: installing Debian's chromium for the browser test"; \
	  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then \
	    exit 0; fi; \
	  echo "make test: apt-get could not install chromium; the browser test cannot run" >&2; \
	else \
	  echo "make test: chromium is missing and cannot be installed here (needs root and apt-get: apt-get install chromium); the browser test will be skipped" >&2; \
	fi; \
	if [ "$${CI:-}" = true ]; then exit 1; fi

# JupyterLab on your own copies of the notebooks in lab/ (git-ignored; made once, never
# overwritten), project kernel "Python (crosspress)" over IPC — see helpers/report/lab.py.
lab: $(STAMP) git-filter
	$(PY) -m helpers.report lab

bench: $(STAMP)
	$(PY) bench/run_all.py --size-mb $(SIZE_MB)

# Text layer against the UD Hebrew dev treebanks in ../shared/ud-dev (skipped when absent).
eval-text: $(STAMP)
	$(PY) bench/eval_text.py

# Claim tagger vs the dev-news gold set (tune / final parts) and the seeds, per language, beside
# the tagger of commit 55ae758 (one line and no scores when ../shared/dev-news is absent); then
# vs each written paraphrase set in codebook/gold (codebook/gold/written.md), which a checkout has.
eval-claims: $(STAMP)
	$(PY) bench/eval_claims.py
	for set in codebook/gold/written-*.jsonl; do $(PY) bench/eval_written.py $$set || exit 1; done

# The claim recommender shipped beside the codebook: trained on the tune lines of
# codebook/gold/dev-news.jsonl, the seeds' gold set and the written development sets W1, W3, W5,
# W6 only (no ../shared needed; W2, W4, W7 are held out); same bytes on rerun. Retrain whenever
# the codebook version or those gold lines change.
recommender: $(STAMP)
	$(PY) bench/train_recommender.py

# Rules alone vs rules + recommender proposals, grouped cross-validation on tune + seeds
# (needs ../shared/dev-news; never reads the held-out parts).
eval-recommender: $(STAMP)
	$(PY) bench/eval_recommender.py

clean-runs:
	rm -rf runs/
