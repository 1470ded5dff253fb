//! The free functions of the JS API beside `SignalEngine`: the picker as
//! HTML, the catalog tools (diff, impact, describe) and the schemas; in the
//! browser module each names `"./full"` instead.

use super::*;

/// The indicator picker as HTML for a server to put in the page before any
/// script runs (SPEC §8): `{ catalog?, locale?, values? }`, every text
/// escaped; `attach` adopts it.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = renderPicker)]
pub fn render_picker(
    #[wasm_bindgen(unchecked_param_type = "RenderPickerOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let (raw_catalog, plain) = split_member(options, "catalog")?;
    let raw_catalog = raw_catalog.filter(|catalog| !catalog.is_null());
    let parsed = self::options::<RenderPickerOptions>(plain, "renderPicker options")?;
    let locale = locale_option(&parsed)?.unwrap_or_default();
    let catalog = match raw_catalog {
        Some(value) => read_catalog(&value, locale)?,
        None => ActiveCatalog::example(),
    };
    Ok(crate::core::picker::render_picker(&catalog, locale, parsed.get("values")))
}

/// The picker as HTML: in the browser module, `unsupported` (use `"./full"`).
#[cfg(not(feature = "full"))]
#[wasm_bindgen(js_name = renderPicker)]
pub fn render_picker(
    #[wasm_bindgen(unchecked_param_type = "RenderPickerOptions")] _options: Option<JsValue>,
) -> Result<String, JsValue> {
    Err(unsupported("renderPicker is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
}

/// Every difference between two catalogs, keyed by codes (SPEC §12.5):
/// `[{ path, kind: "added" | "removed" | "changed", old?, new? }]`, sorted by path.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = diffCatalogs, unchecked_return_type = "CatalogDifference[]")]
pub fn diff_catalogs(
    #[wasm_bindgen(unchecked_param_type = "Catalog")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Catalog")] new: JsValue,
) -> Result<JsValue, JsValue> {
    let (old, new) = (read(&old, CATALOG_LIMITS), read(&new, CATALOG_LIMITS));
    if !old.findings.is_empty() || !new.findings.is_empty() || !old.value.is_object() || !new.value.is_object() {
        return Err(option_invalid("diffCatalogs needs two catalogs as JSON data"));
    }
    to_js(&crate::core::catalog_diff::diff_catalogs(&old.value, &new.value))
}

/// The logic a catalog sets, readable (SPEC §12.5): Markdown or an HTML
/// fragment, deterministic, every catalog text escaped.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = describeCatalog)]
pub fn describe_catalog(
    #[wasm_bindgen(unchecked_param_type = "Catalog")] catalog: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ locale?: Locale; format?: \"md\" | \"html\" }")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let options = match options.filter(|o| !o.is_undefined() && !o.is_null()) {
        Some(options) => read(&options, FORM_LIMITS).value,
        None => Value::Null,
    };
    let locale = match options.get("locale") {
        None | Some(Value::Null) => Locale::Nl,
        Some(value) => {
            value.as_str().and_then(Locale::parse).ok_or_else(|| option_invalid("locale must be \"nl\" or \"en\""))?
        }
    };
    let html = match options.get("format").and_then(Value::as_str) {
        None | Some("md") if options.get("format").is_none_or(|f| f.is_string()) => false,
        Some("html") => true,
        _ => return Err(option_invalid("format must be \"md\" or \"html\"")),
    };
    let catalog = read_catalog(&catalog, locale)?;
    Ok(crate::core::catalog_describe::describe_catalog(&catalog, locale, html))
}

/// The logic a catalog sets: in the browser module, `unsupported`.
#[cfg(not(feature = "full"))]
#[wasm_bindgen(js_name = describeCatalog)]
pub fn describe_catalog(
    #[wasm_bindgen(unchecked_param_type = "Catalog")] _catalog: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ locale?: Locale; format?: \"md\" | \"html\" }")] _options: Option<JsValue>,
) -> Result<String, JsValue> {
    Err(unsupported("describeCatalog is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
}

/// Each stored record's content evaluated under the old and the new catalog
/// (SPEC §12.5): `{ records: [{ id, before, after, changed }], summary }`.
/// Both catalogs must load under the current rules (`catalog.invalid`).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = catalogImpact, unchecked_return_type = "CatalogImpact")]
pub fn catalog_impact(
    #[wasm_bindgen(unchecked_param_type = "Catalog")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Catalog")] new: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<SignalRecord | string>")] records: JsValue,
) -> Result<JsValue, JsValue> {
    let (old, new) = (read_catalog(&old, Locale::Nl)?, read_catalog(&new, Locale::Nl)?);
    let Some(items) = records.dyn_ref::<js_sys::Array>() else {
        return Err(option_invalid("catalogImpact needs an array of records"));
    };
    let mut values = Vec::new();
    for item in items.iter() {
        match read_json_string(&item, RECORD_LIMITS) {
            Some(Ok(read)) => values.push(read.value),
            Some(Err(_)) => values.push(Value::Null),
            None => values.push(read(&item, RECORD_LIMITS).value),
        }
    }
    to_js(&crate::core::catalog_impact::catalog_impact(&old, &new, &values, Locale::Nl))
}

/// Each stored record under two catalogs: in the browser module,
/// `unsupported` (use `"./full"`).
#[cfg(not(feature = "full"))]
#[wasm_bindgen(js_name = catalogImpact, unchecked_return_type = "CatalogImpact")]
pub fn catalog_impact(
    #[wasm_bindgen(unchecked_param_type = "Catalog")] _old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Catalog")] _new: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<SignalRecord | string>")] _records: JsValue,
) -> Result<JsValue, JsValue> {
    Err(unsupported("catalogImpact is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
}

/// Every difference between two catalogs: in the browser module,
/// `unsupported` (use `"./full"`).
#[cfg(not(feature = "full"))]
#[wasm_bindgen(js_name = diffCatalogs, unchecked_return_type = "CatalogDifference[]")]
pub fn diff_catalogs(
    #[wasm_bindgen(unchecked_param_type = "Catalog")] _old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Catalog")] _new: JsValue,
) -> Result<JsValue, JsValue> {
    Err(unsupported("diffCatalogs is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
}

/// The record JSON Schema (draft 2020-12) of a released `schemaVersion`
/// ("1.1", "1.2"; default: the current one).
/// (Its TypeScript, with the version optional, is in `types.rs`.)
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = recordSchema, skip_typescript)]
pub fn record_schema(version: JsValue) -> Result<JsValue, JsValue> {
    let text = if version.is_undefined() {
        Some(schema::record_schema())
    } else {
        version.as_string().and_then(|version| schema::record_schema_of(&version))
    };
    js_sys::JSON::parse(text.ok_or_else(|| option_invalid("the record schema version must be \"1.1\" or \"1.2\""))?)
}

/// The record JSON Schema: in the browser module, `unsupported` (the schema
/// ships as a file, and `"./full"` has the function).
#[cfg(not(feature = "full"))]
#[wasm_bindgen(js_name = recordSchema, skip_typescript)]
pub fn record_schema(_version: JsValue) -> Result<JsValue, JsValue> {
    Err(unsupported("recordSchema is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
}

/// The catalog JSON Schema (draft 2020-12).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = catalogSchema, unchecked_return_type = "JsonSchema")]
pub fn catalog_schema() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(schema::catalog_schema())
}

/// The catalog JSON Schema: in the browser module, `unsupported` (the schema
/// ships as a file, and `"./full"` has the function).
#[cfg(not(feature = "full"))]
#[wasm_bindgen(js_name = catalogSchema, unchecked_return_type = "JsonSchema")]
pub fn catalog_schema() -> Result<JsValue, JsValue> {
    Err(unsupported("catalogSchema is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
}
