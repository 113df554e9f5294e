# Sourced by the scripts that build or test for wasm32. Picks the toolchain:
# rustup's, when it has the wasm32 target; otherwise Debian's rustc-web, which
# builds std for wasm32 from source (Debian ships its source; rustup cannot download the target here).
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if command -v rustup >/dev/null 2>&1 \
  && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  WASM_TOOLCHAIN="rustup's $(rustc --version | cut -d' ' -f2) with its wasm32-unknown-unknown target"
else
  export PATH="/usr/bin:$PATH"
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  # std's smaller algorithms (sorting, formatting): 1.7 KB less brotli.
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld
  WASM_TOOLCHAIN="Debian's rustc $(/usr/bin/rustc --version | cut -d' ' -f2), std built from source for wasm32"
  # For the app's release build (scripts/build-app, bench-wasm), not the
  # tests: a panic stops the app where it is, with none of the code that
  # formats and reports it (7.5 kB brotli less). The page's loader tells the
  # reader (src/prerender/loader.js); a test that panics still fails, with
  # its message. std must be built with the same strategy, so only here.
  export WASM_RELEASE_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
fi
export WASM_TOOLCHAIN
export WASM_RELEASE_RUSTFLAGS="${WASM_RELEASE_RUSTFLAGS:-}"
# Smaller wasm: no file/line in panic locations, no Debug formatting (the
# panic notice needs neither). Unstable flags, hence RUSTC_BOOTSTRAP. And
# Leptos's `erase_components`, as every build has it (.cargo/config.toml:
# these flags take the place of that file's for wasm32).
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none --cfg erase_components"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver

# The flags of the app's release build, added to those above: called by
# scripts/build-app (whose Trunk compiles the app), scripts/compile (which
# compiles it ahead of Trunk, and must match it exactly for Trunk to find
# it compiled) and scripts/bench-wasm.
# `news_portal_split` makes the pages a story's reader does not need parts
# of their own, and `--emit-relocs` keeps what scripts/split-app needs to
# cut them out (src/pages/split.rs).
use_app_release_flags() {
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS $WASM_RELEASE_RUSTFLAGS --cfg news_portal_split -Clink-args=--emit-relocs"
}
