//! WebAssembly bindings: a thin layer that reads JS values safely, calls the
//! core and hands plain JS objects back. Nothing here decides anything.

mod attach;
mod boundary;
mod convert;
mod engine;
mod session;
mod types;

pub use attach::attach_settings;
pub use engine::{
    catalog_impact, catalog_schema, describe_catalog, diff_catalogs, engine_version, input_from_form_data,
    record_schema, JsSignalEngine,
};
pub use session::JsFormSession;

/// The module's allocator: talc instead of the standard library's dlmalloc
/// port, 1.6 kB gzip smaller in the browser's download and as fast (in
/// Node and Chromium, interleaved runs differ less than between runs;
/// docs/PERFORMANCE.md). One instance, no threads.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Installs a panic hook that prints Rust panics to the console (debug aid;
/// the `panic-hook` feature).
#[cfg(feature = "panic-hook")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
