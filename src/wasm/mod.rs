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

/// Installs a panic hook that prints Rust panics to the console (debug aid;
/// the `panic-hook` feature).
#[cfg(feature = "panic-hook")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
