# Tandem: `make run` starts the whole product on the embedded default (SQLite, file outbox);
# `make test` runs every check CI runs.

# Builds land outside the clone so that fresh clones share one cache; a cold cache works too.
CARGO_TARGET_DIR ?= $(HOME)/.cache/tandem/target
export CARGO_TARGET_DIR
TANDEM := $(CARGO_TARGET_DIR)/debug/tandem

CONSOLE_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/public -type f 2>/dev/null)

.PHONY: run build console test test-deps test-deploy lint fmt test-rust test-console openapi openapi-check demo services clean

# The developer mailbox is on for trying Tandem here (the server says so when it starts).
run: build console
	TANDEM_DEV_MAILBOX=$${TANDEM_DEV_MAILBOX:-true} $(TANDEM) serve

build:
	cargo build -p tandem-server --bin tandem

# The web console, built into frontend/dist (served by `tandem serve` at /).
console: frontend/dist/index.html

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(CONSOLE_SOURCES) docs/openapi.json
	cd frontend && npm run build

demo: build
	$(TANDEM) demo

# The Rust suite and the console's run side by side once the shared build is done: both spend
# most of their time waiting on databases, servers and the browser.
test: lint openapi-check test-deps test-deploy
	$(MAKE) --no-print-directory -j2 --output-sync=target test-rust test-console

# What the tests use besides Rust: aiosmtpd, the deployment checks' schemas, Chromium, a
# Japanese font, npm.
test-deps:
	bash scripts/install-test-deps.sh

# The image, Compose and Kubernetes files, offline (what it checks: deploy/README.md).
test-deploy:
	python3 deploy/check.py

# The console: stale API client check, build, unit tests, and browser journeys against the
# `tandem` just built (screenshots: the folder the journeys print at the end).
test-console: build console
	cd frontend && npm test
	cd frontend && TANDEM_BIN=$(TANDEM) npm run e2e

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

fmt:
	cargo fmt --all

test-rust:
	cargo test --workspace --locked

# Regenerates the checked-in OpenAPI document from the code.
openapi: build
	$(TANDEM) openapi --output docs/openapi.json

# Fails when docs/openapi.json differs from what the code produces.
openapi-check: build
	@$(TANDEM) openapi > $(CARGO_TARGET_DIR)/openapi.generated.json
	@diff -u docs/openapi.json $(CARGO_TARGET_DIR)/openapi.generated.json \
		|| { echo "docs/openapi.json is stale: run 'make openapi' and commit it"; exit 1; }

# Starts PostgreSQL and Redis on this machine if they are not running.
services:
	bash scripts/ensure-services.sh

clean:
	rm -rf var frontend/dist frontend/node_modules frontend/e2e-artifacts
