# Tandem: `make run` starts the whole product on the embedded default (SQLite, file outbox);
# `make test` runs every check CI runs.

# Builds land outside the clone so that fresh clones share one cache; a cold cache works too.
CARGO_TARGET_DIR ?= $(HOME)/.cache/tandem/target
export CARGO_TARGET_DIR
TANDEM := $(CARGO_TARGET_DIR)/debug/tandem

.PHONY: run build test test-deps lint fmt test-rust openapi openapi-check demo services clean

run: build
	$(TANDEM) serve

build:
	cargo build -p tandem-server --bin tandem

demo: build
	$(TANDEM) demo

test: lint openapi-check test-deps test-rust

# What the tests run besides Rust: an SMTP server (aiosmtpd, from PyPI).
test-deps:
	@python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check aiosmtpd

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
	rm -rf var
