#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is there:
#   scripts/setup.sh lint      rustfmt and clippy
#   scripts/setup.sh wasm      wasm32 target, wasm-pack, wasm-bindgen CLI (= Cargo.lock), wasm-opt,
#                              the browser module's pinned nightly (BROWSER_TOOLCHAIN)
#   scripts/setup.sh node      npm dev dependencies (package-lock.json)
#   scripts/setup.sh python    the Python verifier's packages (examples/python/requirements.txt)
#   scripts/setup.sh browser   from Debian: Chromium and ChromeDriver; Firefox ESR; WebKitGTK's
#                              WebKitWebDriver and MiniBrowser, with Xvfb for its display
set -euo pipefail
cd "$(dirname "$0")/.."

need() { ! command -v "$1" >/dev/null 2>&1; }

wasm() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  if need wasm-pack; then
    cargo install wasm-pack --locked || cargo install wasm-pack
  fi
  local want
  want=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    # --locked first; some lock entries of the CLI are not always on the index.
    cargo install wasm-bindgen-cli --version "$want" --locked || cargo install wasm-bindgen-cli --version "$want"
  fi
  # The browser module's toolchain (Makefile BROWSER_TOOLCHAIN): only the
  # compiler and the standard library's source, which that build compiles.
  if [ -n "${BROWSER_TOOLCHAIN:-}" ] && ! rustup component list --toolchain "$BROWSER_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src'; then
    rustup toolchain install "$BROWSER_TOOLCHAIN" --profile minimal --component rust-src
  fi
  if need wasm-opt || ! wasm-opt --version | grep -qE 'version 1[2-9][0-9]'; then
    npm install -g binaryen@132
  fi
}

lint() {
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      rustup component add "$component"
    fi
  done
}

node_deps() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

browser() {
  if need chromium || need chromedriver || need firefox-esr || need WebKitWebDriver || need Xvfb; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver firefox-esr webkit2gtk-driver xvfb >/dev/null
  fi
}

python_deps() {
  if ! python3 -c "import jsonschema, rfc8785" >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check -r examples/python/requirements.txt
  fi
}

for what in "$@"; do
  case "$what" in
    lint) lint ;;
    wasm) wasm ;;
    node) node_deps ;;
    python) python_deps ;;
    browser) browser ;;
    *) echo "unknown setup step: $what" >&2; exit 2 ;;
  esac
done
