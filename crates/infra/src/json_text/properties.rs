use super::*;
use proptest::prelude::*;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-(1i64 << 53)..=(1i64 << 53)).prop_map(Value::from),
        "\\PC{0,6}|[\"\\\\\u{0}-\u{1f}\u{FFFD}\u{1F600}]{0,4}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z~/\u{e9}]{0,4}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn has_float(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_f64(),
        Value::Array(items) => items.iter().any(has_float),
        Value::Object(map) => map.values().any(has_float),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn reads_back_what_serde_json_writes(value in json_value()) {
        for text in [serde_json::to_string(&value).unwrap_or_default(), serde_json::to_string_pretty(&value).unwrap_or_default()] {
            prop_assert_eq!(read_text(&text, FORM_LIMITS), Ok(TextValue { value: value.clone(), notes: Vec::new() }));
            prop_assert_eq!(parse_strict(&text).ok(), Some(value.clone()));
        }
    }

    #[test]
    fn never_panics_and_never_accepts_what_serde_json_refuses(text in "[\\[\\]{}\",:0-9eE.+\\- a-z\\\\]{0,40}") {
        let ours = read_text(&text, FORM_LIMITS);
        let strict = parse_strict(&text);
        let theirs = serde_json::from_str::<Value>(&text);
        if let Ok(ours) = &ours {
            prop_assert!(theirs.is_ok(), "accepted {:?}, which serde_json refuses", text);
            if let Ok(theirs) = &theirs {
                if ours.notes.is_empty() && !has_float(theirs) {
                    prop_assert_eq!(&ours.value, theirs);
                    prop_assert_eq!(strict.ok(), Some(theirs.clone()));
                }
            }
        }
    }
}
