# signal-indicators
#   make demo   builds the package and serves the demo page on http://127.0.0.1:8080
#   make test   every test suite (what CI runs)
# Both install what they need and skip what is already there. While working:
#   make check    fmt, clippy and cargo test (seconds when warm)
#   make test-js  the Node suites against one dev build of the Node module

CARGO ?= cargo
WASM_PACK_FLAGS = --release --no-pack --out-name signal_indicators
# The toolchain that builds the browser module (it rebuilds the standard
# library, which needs a nightly; pinned so the module is reproducible).
# Everything else, the Node module included, builds with stable.
export BROWSER_TOOLCHAIN = nightly-2026-05-19
# The WebAssembly features the module uses (Rust's wasm32 defaults).
# (--low-memory-unused below: Rust puts the stack first, so nothing lives in
# the lowest 1 KiB of memory and wasm-opt may fold addresses into offsets.)
WASM_FEATURES = --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue
# How wasm-opt shrinks the browser module: -Oz to convergence, after two
# rounds of flattening the code and rebuilding its control flow (--flatten
# --rereloop), which lets -Oz fold what the compiler's shapes hid (-0.7 kB
# gzip against -Oz --converge alone); -Oz twice in each round finds 0.3 kB
# more than once (a third -Oz or round finds nothing more).
WASM_OPT_SIZE = --flatten --rereloop -Oz -Oz --flatten --rereloop -Oz -Oz --converge --low-memory-unused
# What a browser downloads, gzip -9 (SPEC §11 sets 80 000 bytes; the
# module is not there yet, see "Size" in docs/PERFORMANCE.md). The budget is lowered
# with each step that reaches lower, so nothing grows back unnoticed; the
# v1.3 advice rules, catalog, panel and form behaviour raised it, and the
# infrastructure's own crate cost 1.0 kB (inlining across crates) and attach's
# parts in files of their own 0.3 kB, the form's field table 0.4 kB; the
# form's session was paid for by the catalog kept as given and one heapsort,
# and the note's maxlength read from the field table cost 68 bytes, which the
# issue order's patterns split once gave back; 25 bytes of layout from serde's
# features; one file per browser entry, wasm-opt flattening first and the
# standard library optimized for size gave 1.9 kB back, talc as the allocator
# 1.6 kB more, terser after esbuild 0.65 kB, the record id without format! 0.3 kB,
# the boundary's findings taken instead of copied 77 bytes, the engine's
# text-keyed maps as sorted vectors instead of B-trees 4.3 kB, the record
# id made in JS 1.2 kB, the options split and the errors made there 0.5 kB,
# -Oz twice per wasm-opt round 0.3 kB, one error routine for the catalog
# checks and the form's rules 0.1 kB, the reader's one path type 0.16 kB,
# extension declarations read in a loop 0.12 kB
# (docs/PERFORMANCE.md "Size").
SIZE_BUDGET_GZIP = 126700

.PHONY: browser-module lint check test test-native test-js test-js-pkg pkg-dev test-browser test-wasm demo pkg size size-check setup schemas cli clean fuzz bench

## Every test suite, after the lints.
test: lint test-native test-js-pkg test-browser test-wasm size-check

## The fast loop for a change to Rust: format, clippy (native with its
## tests) and the native tests, in seconds once built.
check:
	scripts/setup.sh lint
	$(CARGO) fmt --all
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	$(CARGO) test --locked --workspace

## Layers only import downward (scripts/layers.mjs lists any import circle);
## rustfmt and clippy (warnings are errors): native with its tests, and the
## WebAssembly module as Node gets it (everything, SHA-256 from node:crypto)
## and as browsers get it (without the server-only functions).
lint:
	scripts/setup.sh lint wasm
	node scripts/layers.mjs
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	$(CARGO) clippy --locked --target wasm32-unknown-unknown --lib --features node -- -D warnings
	$(CARGO) clippy --locked --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings

## The core, the CLI and the schemas: plain `cargo test`, no browser.
test-native:
	$(CARGO) test --locked --workspace

## The npm package in Node (API, errors, bad input, schemas with Ajv,
## digest with an independent RFC 8785, the same bytes as the native crate)
## against ONE dev build of the Node module and the debug CLI: the loop for
## a change to JS or the bindings. Suites that need the browser modules say
## they skipped; `make test` runs them all against pkg/.
test-js: pkg-dev
	scripts/setup.sh node python
	mkdir -p node_modules/@ind && ln -sfn ../../target/pkg-dev node_modules/@ind/signal-indicators
	SIGNAL_PKG=$(CURDIR)/target/pkg-dev SIGNAL_CLI=$(CURDIR)/target/debug/signal-indicators node --test tests/js/

## The dev package in target/pkg-dev: the Node module unoptimized, no browser modules.
pkg-dev:
	scripts/setup.sh wasm node
	$(CARGO) build --locked --bin signal-indicators
	wasm-pack build --dev --target web --out-dir target/pkg-build/node-dev --out-name signal_indicators --no-pack -- --features node
	node pkg-config/assemble.mjs --dev

## The same Node suites against the package as published (pkg/) and the release CLI.
test-js-pkg: pkg cli
	scripts/setup.sh node python
	mkdir -p node_modules/@ind && ln -sfn ../../pkg node_modules/@ind/signal-indicators
	node --test tests/js/

## Set-up only.
setup:
	scripts/setup.sh wasm node python browser

## The npm package in pkg/ (ready for `npm pack pkg`). Browsers get a module
## optimized for size: opt-level z, the standard library rebuilt for size with
## the pinned nightly (settings in pkg-config/browser-build.toml), wasm-opt
## (WASM_OPT_SIZE).
## Node gets one optimized for speed, built with stable.
pkg:
	scripts/setup.sh wasm node
	$(MAKE) browser-module FEATURES=--no-default-features OUT=web
	$(MAKE) browser-module FEATURES= OUT=full
	wasm-pack build --target web --out-dir target/pkg-build/node $(WASM_PACK_FLAGS) --no-opt -- --features node
	node pkg-config/assemble.mjs

# One browser module into target/pkg-build/$(OUT): "web" without the
# server-only functions (what "." and "./web" load), "full" with everything
# ("./full", SPEC §8.1).
browser-module:
	RUSTUP_TOOLCHAIN=$(BROWSER_TOOLCHAIN) $(CARGO) build --locked --release --lib --target wasm32-unknown-unknown \
	  --target-dir target/browser --config pkg-config/browser-build.toml $(FEATURES)
	rm -rf target/pkg-build/$(OUT)
	wasm-bindgen --target web --out-dir target/pkg-build/$(OUT) --out-name signal_indicators \
	  target/browser/wasm32-unknown-unknown/release/signal_indicators.wasm
	# Kept with its function names for `make size`'s size per part.
	cp target/pkg-build/$(OUT)/signal_indicators_bg.wasm target/pkg-build/$(OUT)-named.wasm
	wasm-opt $(WASM_OPT_SIZE) --strip-producers $(WASM_FEATURES) \
	  target/pkg-build/$(OUT)/signal_indicators_bg.wasm -o target/pkg-build/$(OUT)/signal_indicators_bg.wasm

## Raw, gzip and brotli bytes of what a browser downloads (.wasm + JS glue),
## and the browser module's code and data per part (scripts/size-parts.mjs).
size: pkg
	node scripts/size.mjs
	WASM_OPT_FLAGS="$(WASM_OPT_SIZE) $(WASM_FEATURES)" node scripts/size-parts.mjs

## Fails when the browser download is over budget.
size-check: pkg
	node scripts/size.mjs --budget-gzip $(SIZE_BUDGET_GZIP)

## Build and serve the demo portal on http://127.0.0.1:8080.
demo: pkg
	scripts/setup.sh node
	node scripts/serve.mjs

## Regenerate schemas/ from the Rust types and the form's field table.
schemas:
	UPDATE_SCHEMAS=1 $(CARGO) test --locked --lib -- schema fields::

## The native CLI (target/release/signal-indicators).
cli:
	$(CARGO) build --locked --release --bin signal-indicators

clean:
	rm -rf pkg target/pkg-build target/browser

## The browsers: the portal, attach, the examples and bundlers (Chromium);
## the officer's form in Chromium, Firefox and WebKit.
test-browser: pkg cli
	scripts/setup.sh node browser
	mkdir -p node_modules/@ind && ln -sfn ../../pkg node_modules/@ind/signal-indicators
	node --test --test-concurrency=1 tests/browser/

## The engine API in headless Chromium through wasm-bindgen-test.
test-wasm:
	scripts/setup.sh wasm browser
	CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome -- --test web

FUZZ_SECONDS ?= 60
FUZZ_TARGETS = form catalog verify canonical pattern

## Fuzz every target for FUZZ_SECONDS each (default 60). cargo-fuzz needs
## unstable sanitizer flags: RUSTC_BOOTSTRAP applies to this build only,
## never to the shipped one.
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked || cargo install cargo-fuzz
	for target in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$target && \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run $$target fuzz/corpus/$$target fuzz/seeds/$$target \
	    $$( [ $$target = form ] && echo tests/data ) -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=65536 || exit 1; \
	done

## Benchmarks: first the check that the JavaScript references do the engine's
## work (bench/js/agreement.test.mjs; where they do not, the side-by-side
## figures are left out and the report says why), then native (criterion, and instruction counts with callgrind), CLI on
## 100 000 records, Node side by side
## with Ajv + json-rules-engine, Chromium latency and cold start, size;
## writes docs/BENCHMARKS.md.
bench: pkg cli
	scripts/setup.sh node browser
	mkdir -p node_modules/@ind && ln -sfn ../../pkg node_modules/@ind/signal-indicators
	node --test bench/js/agreement.test.mjs || echo "bench: the JavaScript references disagree with the engine; nothing is timed against them (docs/BENCHMARKS.md says so)"
	WASM_OPT_FLAGS="$(WASM_OPT_SIZE) $(WASM_FEATURES)" node scripts/bench.mjs
