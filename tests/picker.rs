//! The server-rendered picker (`renderPicker`, CLI `picker`; SPEC §8, §9.1).
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};
use signal_indicators::render_picker;
use signal_indicators::{ActiveCatalog, Locale};

#[test]
fn the_picker_has_every_contract_control_and_works_without_script() {
    let catalog = ActiveCatalog::example();
    let html = render_picker(&catalog, Locale::Nl, None);
    for definition in &catalog.catalog().indicators {
        let code = &definition.code;
        assert!(html.contains(&format!(r#"type="checkbox" name="indicator" value="{code}""#)), "{code}");
        for member in ["reliability", "credibility", "observedOn", "factsOn", "evidenceRefs", "note"] {
            assert_eq!(html.matches(&format!(r#"name="indicator.{code}.{member}""#)).count(), 1, "{code} {member}");
        }
    }
    // Reachable without script: in <details>, never hidden or disabled.
    assert_eq!(html.matches("<details").count(), catalog.catalog().indicators.len());
    assert!(!html.contains("hidden") && !html.contains("disabled"));
    assert!(html.contains("Betrouwbaarheid van de bron") && html.contains("signal-indicators-protective"));
    assert!(html.contains(">Datum van de informatie</label>") && html.contains(">Datum van de feiten</label>"));
    assert!(render_picker(&catalog, Locale::En, None).contains("Source reliability"));
}

#[test]
fn values_pre_check_and_fill_and_every_text_is_escaped() {
    let mut data: Value = serde_json::from_str(signal_indicators::EXAMPLE_CATALOG_JSON).expect("json");
    data["indicators"][0]["labels"]["nl"] = json!(r#"<script>alert("x")</script> & 'y'"#);
    let catalog = ActiveCatalog::from_value(&data, Locale::Nl).expect("valid");
    let mut values = valid_input();
    values["indicators"][0]["factsOn"] = json!("2025-03-01");
    values["indicators"][0]["note"] = json!("</textarea><img src=x onerror=alert(1)>");
    let html = render_picker(&catalog, Locale::Nl, Some(&values));
    assert!(!html.contains("<script>") && !html.contains("<img"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"));
    assert!(html.contains(r#"value="TER-01" id="signal-indicators-TER-01" class="utrecht-checkbox" aria-describedby="signal-indicators-TER-01-guidance" checked>"#));
    assert!(html.contains(r#"<option value="B" selected>"#));
    assert!(html.contains(r#"value="2026-05-12""#));
    assert!(html.contains(r#"name="indicator.TER-01.factsOn" id="signal-indicators-TER-01-factsOn" class="utrecht-textbox" value="2025-03-01""#));
    assert!(html.contains(">AB-2026-17</textarea>"));
    assert!(html.contains("&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>"));
    assert!(html.contains(r#"id="signal-indicators-TER-01-details" class="signal-indicators-details" open>"#));
    assert!(!html.contains(r#"id="signal-indicators-TER-02-details" class="signal-indicators-details" open>"#));
}

#[test]
fn the_cli_prints_the_same_picker() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_signal-indicators"))
        .args(["picker", "--locale", "en"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    let printed = String::from_utf8(output.stdout).expect("utf-8");
    assert_eq!(printed.trim_end(), render_picker(&ActiveCatalog::example(), Locale::En, None));
    // Prefilled from a refused post's input.
    let values = std::env::temp_dir().join(format!("picker-values-{}.json", std::process::id()));
    std::fs::write(&values, valid_input().to_string()).expect("write");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_signal-indicators"))
        .args(["picker", "--values", values.to_str().expect("path")])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    let printed = String::from_utf8(output.stdout).expect("utf-8");
    assert_eq!(printed.trim_end(), render_picker(&ActiveCatalog::example(), Locale::Nl, Some(&valid_input())));
    assert!(printed.contains(r#"value="TER-01" id="signal-indicators-TER-01" class="utrecht-checkbox" aria-describedby="signal-indicators-TER-01-guidance" checked>"#));
    let _ = std::fs::remove_file(values);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_signal-indicators"))
        .args(["picker", "--locale", "fr"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
}
