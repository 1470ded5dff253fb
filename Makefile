# signal-indicators: `make test` runs every test suite; `make demo` builds and
# serves the demo portal. Both install what they need and skip what is there.

CARGO ?= cargo

.PHONY: test test-native schemas lint cli

## Every test suite.
test: test-native

## The core, the CLI and the schemas: plain `cargo test`, no browser.
test-native:
	$(CARGO) test --locked

## Regenerate schemas/ from the Rust types.
schemas:
	UPDATE_SCHEMAS=1 $(CARGO) test --locked --lib schema

## Build the native CLI (target/release/signal-indicators).
cli:
	$(CARGO) build --locked --release --bin signal-indicators
