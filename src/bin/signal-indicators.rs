//! `signal-indicators`: verify records, print schemas, lint catalogs and
//! rebuild form input from a plain form post, natively.
//!
//! Exit codes: 0 all ok, 1 something failed verification or linting,
//! 2 unusable input or arguments.

use std::io::{BufWriter, Read, Write};
use std::process::ExitCode;

use serde_json::{json, Value};
use signal_indicators::declarations_from_value;
use signal_indicators::PostMapping;
use signal_indicators::{
    catalog_schema, input_from_entries, record_schema, ActiveCatalog, Date, ExtensionDeclaration, Instant, Locale,
    RecordStamp, SignalEngine, SignalError,
};
use signal_indicators::{parse_strict, read_text, RECORD_LIMITS};

const USAGE: &str = "\
usage:
  signal-indicators verify [--catalog FILE]... [--extensions FILE] [--locale nl|en] [FILE|-]
      verify one record or NDJSON records (signal records, corrections, extracts; a
      correction is checked against its record when that came earlier in the stream);
      prints one JSON verdict per record
  signal-indicators schema record|catalog
      print a JSON Schema (draft 2020-12)
  signal-indicators catalog lint FILE
      check a catalog; prints its digest or every problem
  signal-indicators catalog diff OLD NEW [--format json|md] [--locale nl|en]
      every difference between two catalogs, keyed by codes (md: a table for an
      approval memo); exit 0 when equal, 1 when they differ
  signal-indicators catalog describe FILE [--locale nl|en] [--format md|html]
      the logic the catalog sets, readable, for a DPIA and the Algoritmeregister
  signal-indicators catalog impact OLD NEW [RECORDS|-] [--locale nl|en]
      each stored record (NDJSON) evaluated again under both catalogs: band, measures
      and routing before and after, and a summary
  signal-indicators from-form [--field-map FILE] [--value-map FILE]
      read application/x-www-form-urlencoded on stdin, print the input object
  signal-indicators verify-post [--field-map FILE] [--value-map FILE] [--record-field NAME]
                                [--now INSTANT] [--max-age SECONDS] [--seen FILE] [--id UUID] [--locale nl|en]
                                [--catalog FILE]... [--extensions FILE]
      check one posted form on stdin as verifySubmission does (the record against the
      posted fields, fresh, not in the --seen file, or built here when none was posted;
      a --seen line is an id, or an id and its stored digest, which makes the same
      record a duplicate); prints { ok, record, input, issues, duplicate }; exit 1 when not ok
  signal-indicators picker [--catalog FILE] [--locale nl|en] [--values FILE]
      print the indicator picker as HTML (the controls attach renders); --values
      pre-checks and fills it from an input object (a refused post's input)
  signal-indicators build --id UUID --now INSTANT [--today DATE] [--catalog FILE] [FILE|-]
      build the record of a valid form input (as JSON.stringify writes it);
      exit 1 with the issues when the form is invalid
  signal-indicators extract --for PARTNER [--catalog FILE]... [FILE|-]
      what PARTNER, a partner the record was shared with, receives of it (a signal-extract,
      as JSON.stringify writes it); exit 1 with the issues when the record does not verify
  signal-indicators correct --id UUID --now INSTANT --action withdrawn|superseded --reason TEXT
                            --officer-id ID --officer-unit UNIT [--replacement FILE]
                            [--catalog FILE]... [FILE|-]
      a signal-correction of the record (superseded: by the record in --replacement);
      exit 1 with the issues when the record, the replacement or the request is invalid

exit: 0 ok, 1 verification or lint failed, 2 unusable input";

/// A failure that makes the input unusable (exit 2).
struct Unusable(String);

/// One line of `verify` output, members in the documented order.
#[derive(serde::Serialize)]
struct Verdict<'a> {
    index: usize,
    id: Option<&'a str>,
    ok: bool,
    checks: signal_indicators::Checks,
    issues: Vec<signal_indicators::Issue>,
}

/// Writes to standard output. A closed output pipe (`… | head -1`) ends the
/// program quietly with exit 0: the reader has what it wanted.
fn emit(text: std::fmt::Arguments<'_>) -> Result<(), Unusable> {
    let mut out = std::io::stdout().lock();
    out.write_fmt(text).and_then(|()| out.flush()).map_err(output_error)
}

/// The error of a failed write to standard output; a closed pipe exits 0 at once.
fn output_error(error: std::io::Error) -> Unusable {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    Unusable(format!("cannot write standard output: {error}"))
}

/// `println!` through [`emit`], returning its error from the function.
macro_rules! say {
    ($($arg:tt)*) => { emit(format_args!("{}\n", format_args!($($arg)*)))? };
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("verify") => verify(args.get(1..).unwrap_or_default()),
        Some("schema") => schema(args.get(1..).unwrap_or_default()),
        Some("catalog") if args.get(1).map(String::as_str) == Some("lint") => lint(args.get(2..).unwrap_or_default()),
        Some("catalog") if args.get(1).map(String::as_str) == Some("diff") => {
            catalog_diff(args.get(2..).unwrap_or_default())
        }
        Some("catalog") if args.get(1).map(String::as_str) == Some("describe") => {
            catalog_describe(args.get(2..).unwrap_or_default())
        }
        Some("catalog") if args.get(1).map(String::as_str) == Some("impact") => {
            catalog_impact(args.get(2..).unwrap_or_default())
        }
        Some("from-form") => from_form(args.get(1..).unwrap_or_default()),
        Some("verify-post") => verify_post(args.get(1..).unwrap_or_default()),
        Some("build") => build(args.get(1..).unwrap_or_default()),
        Some("extract") => extract(args.get(1..).unwrap_or_default()),
        Some("correct") => correct(args.get(1..).unwrap_or_default()),
        Some("picker") => picker(args.get(1..).unwrap_or_default()),
        Some("--help" | "-h" | "help") => emit(format_args!("{USAGE}\n")).map(|()| true),
        Some("--version" | "-V") => {
            emit(format_args!("signal-indicators {}\n", env!("CARGO_PKG_VERSION"))).map(|()| true)
        }
        _ => Err(Unusable(USAGE.to_owned())),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Unusable(message)) => {
            eprintln!("signal-indicators: {message}");
            ExitCode::from(2)
        }
    }
}

fn read_input(path: Option<&str>) -> Result<String, Unusable> {
    let mut text = String::new();
    match path {
        None | Some("-") => std::io::stdin()
            .read_to_string(&mut text)
            .map(|_| text)
            .map_err(|e| Unusable(format!("cannot read standard input: {e}"))),
        Some(path) => std::fs::read_to_string(path).map_err(|e| Unusable(format!("cannot read {path}: {e}"))),
    }
}

fn read_json_file(path: &str) -> Result<Value, Unusable> {
    let text = read_input(Some(path))?;
    parse_strict(&text).map_err(|e| Unusable(format!("{path} is not JSON: {e}")))
}

/// `picker [--catalog FILE] [--locale nl|en] [--values FILE]`: the
/// indicator picker as HTML, prefilled from an input object.
fn picker(args: &[String]) -> Result<bool, Unusable> {
    let (mut catalog_path, mut locale, mut values_path) = (None, Locale::Nl, None);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--catalog" => catalog_path = Some(iter.next().ok_or(Unusable("--catalog needs a FILE".into()))?),
            "--values" => values_path = Some(iter.next().ok_or(Unusable("--values needs a FILE".into()))?),
            "--locale" => locale = locale_argument(iter.next())?,
            other => return Err(Unusable(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    let catalog = match catalog_path {
        Some(path) => load_catalog(path, locale)?,
        None => ActiveCatalog::example(),
    };
    let values = match values_path {
        Some(path) => Some(read_json_file(path)?),
        None => None,
    };
    say!("{}", signal_indicators::render_picker(&catalog, locale, values.as_ref()));
    Ok(true)
}

fn load_catalog(path: &str, locale: Locale) -> Result<ActiveCatalog, Unusable> {
    let value = read_json_file(path)?;
    ActiveCatalog::from_value(&value, locale).map_err(|e| {
        let problems: Vec<String> = e.issues().iter().map(|i| format!("{} {}", i.path, i.code)).collect();
        Unusable(format!("{path}: {e}: {}", problems.join("; ")))
    })
}

fn verify(args: &[String]) -> Result<bool, Unusable> {
    let mut catalogs = Vec::new();
    let mut extensions: Vec<ExtensionDeclaration> = Vec::new();
    let mut locale = Locale::Nl;
    let mut file: Option<&str> = None;
    let mut iter = args.iter();
    let mut catalog_paths = Vec::new();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--catalog" => catalog_paths.push(iter.next().ok_or(Unusable("--catalog needs a FILE".into()))?),
            "--extensions" => {
                let path = iter.next().ok_or(Unusable("--extensions needs a FILE".into()))?;
                extensions =
                    declarations_from_value(&read_json_file(path)?).map_err(|e| Unusable(format!("{path}: {e}")))?;
            }
            "--locale" => locale = locale_argument(iter.next())?,
            other if file.is_none() && (other == "-" || !other.starts_with('-')) => file = Some(other),
            other => return Err(Unusable(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    // Known catalogs identify records even when the current rules refuse
    // them (an earlier engine's catalog); only what is not JSON is unusable.
    for path in catalog_paths {
        catalogs.push(known_catalog(path, locale)?);
    }
    let engine = SignalEngine::new(locale, None, &extensions).map_err(|e| Unusable(e.to_string()))?;
    let text = read_input(file)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    // One record (possibly pretty-printed) or one record per line; blank
    // lines are skipped, a line that is not JSON gets its own verdict.
    let records: Vec<&str> = match parse_strict(text) {
        Ok(_) => vec![text],
        Err(_) => text.lines().filter(|line| !line.trim().is_empty()).collect(),
    };
    if records.is_empty() {
        return Err(Unusable("no record in the input".into()));
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_ok = true;
    // Records seen so far by id: a correction later in the stream is
    // verified against the record it refers to (and its replacement).
    let mut seen: Vec<(String, Value)> = Vec::new();
    for (index, text) in records.iter().enumerate() {
        // A line that is not JSON (or over 4 MiB) gets its verdict, and the
        // run goes on.
        let read = read_text(text, RECORD_LIMITS);
        let id = read.as_ref().ok().and_then(|read| read.value.get("id")?.as_str().map(str::to_owned));
        let earlier = |pointer: &str| {
            let value = &read.as_ref().ok()?.value;
            let wanted = value.pointer(pointer)?.as_str()?;
            seen.iter().find(|(id, _)| id == wanted).map(|(_, record)| record)
        };
        let is_correction = read.as_ref().is_ok_and(|read| {
            read.value.get("recordType").and_then(Value::as_str) == Some(signal_indicators::CORRECTION_TYPE)
        });
        let verification = match (&read, earlier("/refersTo/id")) {
            (Ok(read), Some(original)) if is_correction && read.findings.is_empty() => {
                engine.verify_correction_against(&read.value, &catalogs, Some(original), earlier("/supersededBy/id"))
            }
            _ => engine.verify_record_read(&read, &catalogs),
        };
        if let (Some(id), Ok(read)) = (&id, &read) {
            seen.push((id.clone(), read.value.clone()));
        }
        all_ok &= verification.ok;
        let verdict = Verdict {
            index,
            id: id.as_deref(),
            ok: verification.ok,
            checks: verification.checks,
            issues: verification.issues,
        };
        serde_json::to_writer(&mut out, &verdict).map_err(|e| output_error(e.into()))?;
        out.write_all(b"\n").map_err(output_error)?;
    }
    out.flush().map_err(output_error)?;
    Ok(all_ok)
}

fn schema(args: &[String]) -> Result<bool, Unusable> {
    match args.first().map(String::as_str) {
        Some("record") => emit(format_args!("{}", record_schema()))?,
        Some("catalog") => emit(format_args!("{}", catalog_schema()))?,
        _ => return Err(Unusable(format!("schema needs `record` or `catalog`\n{USAGE}"))),
    }
    Ok(true)
}

/// `catalog diff OLD NEW [--format json|md] [--locale nl|en]`.
fn catalog_diff(args: &[String]) -> Result<bool, Unusable> {
    use signal_indicators::{diff_catalogs, differences_markdown};
    let (mut files, mut markdown, mut locale) = (Vec::new(), false, Locale::Nl);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--format" => match iter.next().map(String::as_str) {
                Some("json") => markdown = false,
                Some("md") => markdown = true,
                _ => return Err(Unusable("--format must be json or md".into())),
            },
            "--locale" => locale = locale_argument(iter.next())?,
            file if !file.starts_with("--") => files.push(file),
            other => return Err(Unusable(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    let [old, new] = files.as_slice() else {
        return Err(Unusable(format!("catalog diff needs OLD and NEW\n{USAGE}")));
    };
    let differences = diff_catalogs(&read_json_file(old)?, &read_json_file(new)?);
    if markdown {
        emit(format_args!("{}", differences_markdown(&differences, locale)))?;
    } else {
        say!("{}", serde_json::to_string(&differences).map_err(|e| Unusable(e.to_string()))?);
    }
    Ok(differences.is_empty())
}

/// `catalog describe FILE [--locale nl|en] [--format md|html]`.
fn catalog_describe(args: &[String]) -> Result<bool, Unusable> {
    let (mut file, mut locale, mut html) = (None, Locale::Nl, false);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--format" => match iter.next().map(String::as_str) {
                Some("md") => html = false,
                Some("html") => html = true,
                _ => return Err(Unusable("--format must be md or html".into())),
            },
            "--locale" => locale = locale_argument(iter.next())?,
            other if file.is_none() && !other.starts_with("--") => file = Some(other),
            other => return Err(Unusable(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    let catalog = load_catalog(file.ok_or(Unusable(format!("catalog describe needs a FILE\n{USAGE}")))?, locale)?;
    emit(format_args!("{}", signal_indicators::describe_catalog(&catalog, locale, html)))?;
    Ok(true)
}

/// `catalog impact OLD NEW [RECORDS|-] [--locale nl|en]`.
fn catalog_impact(args: &[String]) -> Result<bool, Unusable> {
    let (mut files, mut locale) = (Vec::new(), Locale::Nl);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--locale" => locale = locale_argument(iter.next())?,
            file if file == "-" || !file.starts_with("--") => files.push(file),
            other => return Err(Unusable(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    let (old, new, records) = match files.as_slice() {
        [old, new] => (old, new, None),
        [old, new, records] => (old, new, Some(*records)),
        _ => return Err(Unusable(format!("catalog impact needs OLD and NEW\n{USAGE}"))),
    };
    let (old, new) = (load_catalog(old, locale)?, load_catalog(new, locale)?);
    let text = read_input(records)?;
    let records: Vec<Value> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            parse_strict(line.trim_start_matches('\u{FEFF}'))
                .map_err(|e| Unusable(format!("a record is not JSON: {e}")))
        })
        .collect::<Result<_, _>>()?;
    let impact = signal_indicators::catalog_impact(&old, &new, &records, locale);
    say!("{}", serde_json::to_string(&impact).map_err(|e| Unusable(e.to_string()))?);
    Ok(true)
}

fn lint(args: &[String]) -> Result<bool, Unusable> {
    let path = args.first().ok_or(Unusable(format!("catalog lint needs a FILE\n{USAGE}")))?;
    let value = read_json_file(path)?;
    match ActiveCatalog::from_value(&value, Locale::En) {
        Ok(catalog) => {
            say!(
                "{}",
                json!({ "ok": true, "id": catalog.catalog().id, "version": catalog.catalog().version, "digest": catalog.digest() })
            );
            Ok(true)
        }
        Err(error) => {
            say!("{}", json!({ "ok": false, "code": error.code(), "issues": error.issues() }));
            Ok(false)
        }
    }
}

/// Reads `--field-map FILE` or `--value-map FILE` into `mapping`; false
/// for any other argument.
fn mapping_argument(
    arg: &str,
    iter: &mut std::slice::Iter<'_, String>,
    mapping: &mut PostMapping,
) -> Result<bool, Unusable> {
    match arg {
        "--field-map" => {
            let path = iter.next().ok_or(Unusable("--field-map needs a FILE".into()))?;
            mapping.field_map = serde_json::from_value(read_json_file(path)?)
                .map_err(|e| Unusable(format!("{path}: fieldMap must map input paths to control names: {e}")))?;
            Ok(true)
        }
        "--value-map" => {
            let path = iter.next().ok_or(Unusable("--value-map needs a FILE".into()))?;
            let value_map = serde_json::from_value(read_json_file(path)?).map_err(|e| {
                Unusable(format!("{path}: valueMap must map input paths to {{ host value: value }}: {e}"))
            })?;
            *mapping = PostMapping::from_maps(std::mem::take(&mut mapping.field_map), value_map);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The `[name, value]` pairs of an `application/x-www-form-urlencoded` body on stdin.
fn read_post() -> Result<Vec<(String, String)>, Unusable> {
    let mut body = Vec::new();
    std::io::stdin().read_to_end(&mut body).map_err(|e| Unusable(format!("cannot read standard input: {e}")))?;
    Ok(form_urlencoded::parse(body.trim_ascii()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
}

fn from_form(args: &[String]) -> Result<bool, Unusable> {
    let mut mapping = PostMapping::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if !mapping_argument(arg, &mut iter, &mut mapping)? {
            return Err(Unusable(format!("unexpected argument {arg:?}\n{USAGE}")));
        }
    }
    let entries = read_post()?;
    mapping.check(None).map_err(|e| Unusable(e.to_string()))?;
    say!("{}", serde_json::to_string_pretty(&input_from_entries(&entries, &mapping)).unwrap_or_default());
    Ok(true)
}

/// A fresh UUID v4 from the system's random source, for a record built here.
fn fresh_id() -> Result<String, Unusable> {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut source| source.read_exact(&mut bytes))
        .map_err(|e| Unusable(format!("no random source for a record id ({e}); give --id UUID")))?;
    // Version 4, variant RFC 4122; hyphens before bytes 4, 6, 8 and 10.
    let mut id = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        let byte = match i {
            6 => (byte & 0x0f) | 0x40,
            8 => (byte & 0x3f) | 0x80,
            _ => *byte,
        };
        if matches!(i, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        id.push_str(&format!("{byte:02x}"));
    }
    Ok(id)
}

/// `verify-post`: one posted form checked as `verifySubmission` does (SPEC §8.3).
fn verify_post(args: &[String]) -> Result<bool, Unusable> {
    use signal_indicators::{Seen, SubmissionRules, DEFAULT_MAX_AGE_SECONDS, DEFAULT_RECORD_FIELD};
    let mut mapping = PostMapping::default();
    let (mut record_field, mut now, mut max_age, mut id, mut seen_file, mut locale) =
        (DEFAULT_RECORD_FIELD.to_owned(), None, DEFAULT_MAX_AGE_SECONDS, None, None, Locale::Nl);
    let (mut catalog_paths, mut extensions) = (Vec::new(), Vec::new());
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if mapping_argument(arg, &mut iter, &mut mapping)? {
            continue;
        }
        let mut value = |name: &str| iter.next().cloned().ok_or(Unusable(format!("{name} needs a value")));
        match arg.as_str() {
            "--record-field" => record_field = value("--record-field")?,
            "--now" => {
                let text = value("--now")?;
                now = Some(Instant::parse(&text).ok_or(Unusable("--now must be an ISO 8601 UTC instant".into()))?);
            }
            "--max-age" => {
                max_age = value("--max-age")?
                    .parse()
                    .map_err(|_| Unusable("--max-age must be a number of seconds".into()))?;
            }
            "--id" => id = Some(value("--id")?),
            "--seen" => seen_file = Some(value("--seen")?),
            "--catalog" => catalog_paths.push(value("--catalog")?),
            "--extensions" => {
                let path = value("--extensions")?;
                extensions =
                    declarations_from_value(&read_json_file(&path)?).map_err(|e| Unusable(format!("{path}: {e}")))?;
            }
            "--locale" => locale = locale_argument(iter.next())?,
            other => return Err(Unusable(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    mapping.check(None).map_err(|e| Unusable(e.to_string()))?;
    let now = match now {
        Some(now) => now,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|since| Instant::from_millis(i64::try_from(since.as_millis()).ok()?))
            .ok_or(Unusable("the system clock is out of range; give --now".into()))?,
    };
    // Records already accepted, one per line: an id, or an id and the digest
    // stored with it (the portal's own store in practice).
    let seen: Vec<(String, Option<String>)> = match seen_file {
        Some(path) => read_input(Some(&path))?
            .lines()
            .filter_map(|line| {
                let mut words = line.split_whitespace();
                Some((words.next()?.to_owned(), words.next().map(str::to_owned)))
            })
            .collect(),
        None => Vec::new(),
    };
    let new_id = match id {
        Some(id) => id,
        None => fresh_id()?,
    };
    let entries = read_post()?;
    let engine = SignalEngine::new(locale, None, &extensions).map_err(|e| Unusable(e.to_string()))?;
    // Catalogs the posted record may name (the portal's current one, earlier ones).
    let mut catalogs = Vec::new();
    for path in &catalog_paths {
        catalogs.push(known_catalog(path, locale)?);
    }
    let is_seen = |candidate: &str| match seen.iter().find(|(id, _)| id == candidate) {
        Some((_, Some(digest))) => Seen::Digest(digest.clone()),
        Some((_, None)) => Seen::Yes,
        None => Seen::No,
    };
    let rules = SubmissionRules {
        mapping: &mapping,
        record_field: &record_field,
        catalogs: &catalogs,
        now,
        max_age_seconds: max_age,
        seen: &is_seen,
        new_id,
    };
    let submission = engine.verify_submission(&entries, &rules);
    // The record as it was posted or built (JSON.stringify order), not re-ordered.
    say!(
        "{{\"ok\":{},\"record\":{},\"input\":{},\"issues\":{},\"duplicate\":{}}}",
        submission.ok,
        submission.record_text.as_deref().unwrap_or("null"),
        serde_json::to_string(&submission.input).map_err(|e| Unusable(e.to_string()))?,
        serde_json::to_string(&submission.issues).map_err(|e| Unusable(e.to_string()))?,
        submission.duplicate,
    );
    Ok(submission.ok)
}

fn build(args: &[String]) -> Result<bool, Unusable> {
    let (mut id, mut now, mut today, mut catalog, mut file) = (None, None, None, None, None);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| iter.next().cloned().ok_or(Unusable(format!("{name} needs a value")));
        match arg.as_str() {
            "--id" => id = Some(value("--id")?),
            "--now" => now = Some(value("--now")?),
            "--today" => today = Some(value("--today")?),
            "--catalog" => catalog = Some(value("--catalog")?),
            other if file.is_none() && (other == "-" || !other.starts_with('-')) => file = Some(other.to_owned()),
            other => return Err(Unusable(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    let id = id.ok_or(Unusable("build needs --id (records are reproducible only with a given id)".into()))?;
    let now = now.ok_or(Unusable("build needs --now".into()))?;
    let now = Instant::parse(&now).ok_or(Unusable("--now must be an ISO 8601 UTC instant".into()))?;
    let today = match today {
        Some(text) => Date::parse(&text).ok_or(Unusable("--today must be YYYY-MM-DD".into()))?,
        None => now.amsterdam_date(),
    };
    let catalog = match catalog {
        Some(path) => Some(load_catalog(&path, Locale::Nl)?),
        None => None,
    };
    let engine = SignalEngine::new(Locale::Nl, catalog, &[]).map_err(|e| Unusable(e.to_string()))?;
    let text = read_input(file.as_deref())?;
    let input = parse_strict(text.strip_prefix('\u{FEFF}').unwrap_or(&text))
        .map_err(|e| Unusable(format!("the input is not JSON: {e}")))?;
    match engine.build_record(&input, today, &RecordStamp { id, created_at: now }) {
        Ok(record) => {
            say!("{}", serde_json::to_string(&record).map_err(|e| Unusable(e.to_string()))?);
            Ok(true)
        }
        Err(SignalError::FormInvalid(issues)) => {
            say!("{}", json!({ "code": "form.invalid", "issues": issues }));
            Ok(false)
        }
        Err(error) => Err(Unusable(error.to_string())),
    }
}

/// Prints a derived document (extract or correction) as `JSON.stringify`
/// writes it, or the issues that refused it (exit 1).
fn print_derived<T: serde::Serialize>(built: Result<T, SignalError>) -> Result<bool, Unusable> {
    match built {
        Ok(document) => {
            say!("{}", serde_json::to_string(&document).map_err(|e| Unusable(e.to_string()))?);
            Ok(true)
        }
        Err(SignalError::FormInvalid(issues)) => {
            say!("{}", json!({ "code": "form.invalid", "issues": issues }));
            Ok(false)
        }
        Err(error) => Err(Unusable(error.to_string())),
    }
}

/// The record read from `file` (or stdin) for `extract` and `correct`.
fn read_record(file: Option<&str>) -> Result<Value, Unusable> {
    let text = read_input(file)?;
    parse_strict(text.strip_prefix('\u{FEFF}').unwrap_or(&text))
        .map_err(|e| Unusable(format!("the record is not JSON: {e}")))
}

/// `extract --for PARTNER [--catalog FILE]... [FILE|-]`: a record's extract
/// for one partner it was shared with (SPEC §12.6).
fn extract(args: &[String]) -> Result<bool, Unusable> {
    let (mut partner, mut file, mut catalogs) = (None, None, Vec::new());
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| iter.next().cloned().ok_or(Unusable(format!("{name} needs a value")));
        match arg.as_str() {
            "--for" => partner = Some(value("--for")?),
            "--catalog" => catalogs.push(known_catalog(&value("--catalog")?, Locale::Nl)?),
            other if file.is_none() && (other == "-" || !other.starts_with('-')) => file = Some(other.to_owned()),
            other => return Err(Unusable(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    let partner = partner.ok_or(Unusable("extract needs --for PARTNER".into()))?;
    let engine = SignalEngine::new(Locale::Nl, None, &[]).map_err(|e| Unusable(e.to_string()))?;
    let record = read_record(file.as_deref())?;
    print_derived(engine.extract_for(&record, &partner, &catalogs))
}

/// `correct --id --now --action --reason --officer-id --officer-unit
/// [--replacement FILE] [--catalog FILE]... [FILE|-]`: a correction or
/// withdrawal of a record (SPEC §12.6).
fn correct(args: &[String]) -> Result<bool, Unusable> {
    let (mut id, mut now, mut replacement, mut file, mut catalogs) = (None, None, None, None, Vec::new());
    let mut request = serde_json::Map::new();
    let mut officer = serde_json::Map::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| iter.next().cloned().ok_or(Unusable(format!("{name} needs a value")));
        match arg.as_str() {
            "--id" => id = Some(value("--id")?),
            "--now" => now = Some(value("--now")?),
            "--action" => drop(request.insert("action".into(), Value::String(value("--action")?))),
            "--reason" => drop(request.insert("reason".into(), Value::String(value("--reason")?))),
            "--officer-id" => drop(officer.insert("id".into(), Value::String(value("--officer-id")?))),
            "--officer-unit" => drop(officer.insert("unit".into(), Value::String(value("--officer-unit")?))),
            "--replacement" => replacement = Some(read_json_file(&value("--replacement")?)?),
            "--catalog" => catalogs.push(known_catalog(&value("--catalog")?, Locale::Nl)?),
            other if file.is_none() && (other == "-" || !other.starts_with('-')) => file = Some(other.to_owned()),
            other => return Err(Unusable(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    let id = id.ok_or(Unusable("correct needs --id (corrections are reproducible only with a given id)".into()))?;
    let now = now.ok_or(Unusable("correct needs --now".into()))?;
    let now = Instant::parse(&now).ok_or(Unusable("--now must be an ISO 8601 UTC instant".into()))?;
    request.insert("officer".into(), Value::Object(officer));
    let engine = SignalEngine::new(Locale::Nl, None, &[]).map_err(|e| Unusable(e.to_string()))?;
    let record = read_record(file.as_deref())?;
    let stamp = RecordStamp { id, created_at: now };
    print_derived(engine.build_correction(&record, &Value::Object(request), replacement.as_ref(), &catalogs, &stamp))
}

/// A known catalog read from a file (never refused for today's rules).
fn known_catalog(path: &str, locale: Locale) -> Result<signal_indicators::KnownCatalog, Unusable> {
    Ok(signal_indicators::KnownCatalog::from_value(&read_json_file(path)?, locale))
}

/// The value of `--locale`: `nl` or `en`.
fn locale_argument(tag: Option<&String>) -> Result<Locale, Unusable> {
    let tag = tag.ok_or(Unusable("--locale needs nl or en".into()))?;
    Locale::parse(tag).ok_or(Unusable(format!("unknown locale {tag:?}")))
}
