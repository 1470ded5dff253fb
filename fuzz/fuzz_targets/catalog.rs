//! Catalog loading. Invariants: no panic; a catalog that loads round-trips
//! through `catalog()` to the same digest.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signal_indicators::parse_strict;
use signal_indicators::{ActiveCatalog, Locale};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(value) = parse_strict(text) else { return };
    match ActiveCatalog::from_value(&value, Locale::En) {
        Ok(catalog) => {
            let exported = serde_json::to_value(catalog.catalog()).expect("catalog to JSON");
            let again = ActiveCatalog::from_value(&exported, Locale::En).expect("an exported catalog loads");
            assert_eq!(again.digest(), catalog.digest());
        }
        Err(error) => assert!(!error.issues().is_empty(), "catalog.invalid without issues"),
    }
});
