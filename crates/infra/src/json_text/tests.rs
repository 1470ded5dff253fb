use super::numbers::approximate_float;
use super::*;
use serde_json::json;

fn read(text: &str) -> Result<TextValue, TextError> {
    read_text(text, FORM_LIMITS)
}

fn codes(read: &TextValue) -> Vec<(String, NoteKind)> {
    read.notes.iter().map(|note| (note.at.to_string(), note.kind)).collect()
}

#[test]
fn reads_what_json_parse_reads() {
    let text = r#" {"a":[1,-0,1.5,1e2,-12.5e-1,true,null,"x\u00e9\ud83d\ude00\n\"\/"],"b":{}} "#;
    let read = read(text).unwrap();
    assert_eq!(read.value, json!({ "a": [1, 0, 1.5, 100, -1.25, true, null, "x\u{e9}\u{1F600}\n\"/"], "b": {} }));
    assert!(read.notes.is_empty());
    assert_eq!(parse_strict("9007199254740993").unwrap(), json!(9_007_199_254_740_992_i64));
    assert_eq!(parse_strict("1.0").unwrap(), json!(1));
}

#[test]
fn refuses_what_json_parse_refuses_and_repeated_names() {
    for text in [
        "",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        ".5",
        "+1",
        "1e",
        "\"\t\"",
        "\"\\x\"",
        "\"\\u12\"",
        "tru",
        "{} x",
        "{'a':1}",
        r#"{"a":1,"b":{"c":1,"c":2}}"#,
        r#"{"a":1,"a":1}"#,
        r#"{"\u0061":1,"a":2}"#,
    ] {
        assert_eq!(read(text), Err(TextError::NotJson), "{text:?}");
        assert!(parse_strict(text).is_err(), "{text:?}");
    }
    let error = parse_strict("{\n  \"a\": 1,\n  \"a\": 2}").unwrap_err();
    assert_eq!((error.reason, error.line), ("duplicate member name", 3));
}

#[test]
fn a_lone_surrogate_becomes_the_replacement_character_with_a_warning() {
    let read = read(r#"{"a":["ok","x\ud800y"],"\udc00":"z\udbff\u0041"}"#).unwrap();
    assert_eq!(read.value, json!({ "a": ["ok", "x\u{FFFD}y"], "\u{FFFD}": "z\u{FFFD}A" }));
    assert_eq!(codes(&read), [("/a/1".to_owned(), NoteKind::Replaced), ("/\u{FFFD}".to_owned(), NoteKind::Replaced)]);
    // Names that only read the same after replacement do not repeat.
    assert!(read_text(r#"{"\ud800":1,"\udc00":2}"#, FORM_LIMITS).is_ok());
    assert!(parse_strict(r#""\ud800""#).is_err());
}

#[test]
fn raw_lone_surrogates_marked_by_offset_warn_where_they_were() {
    let text = "{\"a\":\"\u{FFFD}\",\"b\":\"\u{FFFD}\"}";
    let at = text.rfind('\u{FFFD}').unwrap();
    let read = read_text_replaced(text, FORM_LIMITS, &[at]).unwrap();
    assert_eq!(codes(&read), [("/b".to_owned(), NoteKind::Replaced)]);
}

#[test]
fn the_browser_modules_float_reading_is_exact_where_it_matters() {
    for literal in
        ["0", "-0", "1", "1.0", "1e2", "4.5", "-12.25e-1", "123456789012345678", "9007199254740993", "1e22", "1e-5"]
    {
        assert_eq!(approximate_float(literal), literal.parse::<f64>().unwrap(), "{literal}");
    }
    for literal in ["1.7e308", "2.2250738585072014e-308", "0.1", "3.141592653589793238462643", "1e-320"] {
        let (near, exact) = (approximate_float(literal), literal.parse::<f64>().unwrap());
        assert!((near - exact).abs() <= exact.abs() * 1e-14, "{literal}: {near} vs {exact}");
    }
    for literal in ["1e309", "-1e400", "1e99999999999999999999"] {
        assert!(approximate_float(literal).is_infinite(), "{literal}");
    }
    assert_eq!(approximate_float("1e-99999999999999999999"), 0.0);
}

#[test]
fn a_number_beyond_the_double_range_is_a_type_finding() {
    let read = read(r#"{"x":[1e400],"y":-1e999,"z":1e-400}"#).unwrap();
    assert_eq!(read.value, json!({ "x": [false], "y": false, "z": 0 }));
    assert_eq!(codes(&read), [("/x/0".to_owned(), NoteKind::OutOfRange), ("/y".to_owned(), NoteKind::OutOfRange)]);
    assert!(parse_strict("1e400").is_err());
}

#[test]
fn limits_give_too_large_once_the_whole_text_is_json() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(codes(&read(&deep).unwrap()), [(String::new(), NoteKind::TooLarge)]);
    assert!(parse_strict(&deep).is_err());
    let sixteen = format!("{}{}", "[".repeat(16), "]".repeat(16));
    assert!(read(&sixteen).unwrap().notes.is_empty());
    let seventeen = format!("{}{}", "[".repeat(17), "]".repeat(17));
    assert_eq!(codes(&read(&seventeen).unwrap()), [(String::new(), NoteKind::TooLarge)]);
    // Too deep, yet still checked: broken or repeating text is not JSON.
    let broken = format!("{}{{\"a\":1,\"a\":2}}{}", "[".repeat(20), "]".repeat(20));
    assert_eq!(read(&broken), Err(TextError::NotJson));
    let unclosed = "[".repeat(20);
    assert_eq!(read(&unclosed), Err(TextError::NotJson));
    let thousand = format!("[{}0]", "0,".repeat(999));
    let nodes = format!("[{}{thousand}]", format!("{thousand},").repeat(FORM_LIMITS.nodes / 1_000));
    assert_eq!(codes(&read(&nodes).unwrap()), [(String::new(), NoteKind::TooLarge)]);
    let big = " ".repeat(MAX_TEXT_BYTES + 1);
    assert_eq!(read(&big), Err(TextError::TooLarge));
}

#[test]
fn an_array_over_its_item_limit_keeps_only_its_length() {
    let text = format!("[{}\"\\ud800\"]", "[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]],".repeat(1_000));
    let read = read(&text).unwrap();
    assert_eq!(read.value, Value::Array(vec![Value::Null; 1_001]));
    assert!(read.notes.is_empty());
}
