# kpyj — every task goes through the local virtual environment in .venv.
# `make run` and `make test` create or reuse it and install what they need.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kpyj-installed
# Debian packages the test suite needs: Chromium (report PDFs, browser tests), Thai fonts,
# PostgreSQL, LibreOffice Writer and poppler (Word → PDF → text checks of the plan documents).
SYSDEPS ?= chromium fonts-thai-tlwg postgresql libreoffice-writer-nogui poppler-utils
ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv sysdeps run reports plans check test property lint format lab sample notebooks clean

help: ## แสดงคำสั่งทั้งหมด (show this help)
	@echo "kpyj — make targets:"
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,postgres,hub]"
	@touch $(STAMP)

# configurable-http-proxy (JupyterHub's proxy) is an npm package: installed under .venv/node
CHP := $(VENV)/node/node_modules/.bin/configurable-http-proxy
$(CHP): deploy/jupyterhub/package.json
	@command -v npm >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
	@mkdir -p $(VENV)/node
	cp deploy/jupyterhub/package.json $(VENV)/node/package.json
	npm install --prefix $(VENV)/node --no-fund --no-audit --loglevel=error
	@touch $(CHP)

venv: $(STAMP) $(CHP) ## สร้าง/ใช้ .venv และติดตั้งแพ็กเกจ (create or reuse .venv)

sysdeps: ## ติดตั้งแพ็กเกจระบบที่การทดสอบต้องใช้ (system packages for the tests)
	@missing=""; for p in $(SYSDEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: venv ## สร้างฐานข้อมูลจากข้อมูลตัวอย่างและรายงานจังหวัดนำร่อง (main job on the sample data)
	$(BIN)/kpyj init --sample
	$(BIN)/kpyj reports --pilot --lessons $(ARGS)

reports: venv ## สร้างรายงาน: make reports ARGS="--all --pdf" (kpyj reports with ARGS)
	$(BIN)/kpyj reports $(ARGS)

plans: venv ## แผนขับเคลื่อน 2566 และร่างแผนยุทธศาสตร์จังหวัดต้นแบบ จากข้อมูลตัวอย่าง (plan documents, HTML + Word)
	$(BIN)/kpyj init --sample --plans
	$(BIN)/kpyj reports --driving-plan --fy 2566 $(ARGS)
	$(BIN)/kpyj reports --strategic-plan --fy 2566 $(ARGS)

check: venv ## ตรวจเร็ว: ruff + การทดสอบที่ไม่ใช้ kernel/เบราว์เซอร์/PostgreSQL (fast loop, < 1 min)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -n auto -m "not slow and not browser and not postgres" $(ARGS)

test: venv sysdeps ## ทดสอบทั้งหมด (run the whole test suite)
	$(BIN)/python -m pytest $(ARGS)

property: venv ## ทดสอบการนำเข้าด้วยตัวอย่างสุ่มจำนวนมาก (many more property-test examples)
	KPYJ_HYPOTHESIS_PROFILE=kpyj-many $(BIN)/python -m pytest tests/test_import_properties.py \
	  -p no:cacheprovider --hypothesis-show-statistics $(ARGS)

lint: venv ## ตรวจรูปแบบโค้ดด้วย ruff (lint and format check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv ## จัดรูปแบบโค้ด (ruff format + fixes)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: venv ## เปิด JupyterLab (start JupyterLab on the notebooks)
	$(BIN)/jupyter lab notebooks/

sample: venv ## สร้างสมุดงานตัวอย่างใหม่ (rebuild data/sample workbook)
	$(BIN)/python scripts/build_sample.py

notebooks: venv ## สร้างสมุดบันทึกใน notebooks/ ใหม่ (regenerate the thin notebooks)
	$(BIN)/python scripts/make_notebooks.py

clean: ## ลบไฟล์ที่สร้างขึ้น (remove generated reports and the default store)
	rm -rf reports/*/ data/kpyj.sqlite data/kpyj.sqlite-wal data/kpyj.sqlite-shm

.PHONY: hub
hub: venv ## เปิด JupyterHub ทดลองที่ 127.0.0.1:8000 (try the multi-user hub: kpyj hub)
	@[ -n "$$KPYJ_DB_URL" ] || [ -f data/kpyj.sqlite ] || $(BIN)/kpyj init --sample
	$(BIN)/kpyj hub $(ARGS)

.PHONY: workshop
workshop: venv ## เปิดแอปการประชุมด้วย Voila ที่ 127.0.0.1:8866 (serve the workshop app)
	@[ -n "$$KPYJ_DB_URL" ] || [ -f data/kpyj.sqlite ] || $(BIN)/kpyj init --sample
	$(BIN)/kpyj serve workshop $(ARGS)
