//! The native CLI (SPEC §10): verdicts, exit codes, schemas, catalog lint
//! and from-form.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use common::*;
use serde_json::{json, Value};

fn cli(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_signal-indicators"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the CLI");
    // The CLI may exit before reading stdin (bad arguments): a broken pipe is fine.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("wait")
}

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("signal-indicators-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

fn record_text() -> String {
    serde_json::to_string(&engine().build_record(&valid_input(), today(), &stamp()).expect("valid")).expect("json")
}

fn verdicts(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).expect("verdict is JSON")).collect()
}

#[test]
fn verify_one_record_from_a_file_and_from_stdin() {
    let path = temp_file("one.json", record_text().as_bytes());
    let output = cli(&["verify", path.to_str().expect("path")], b"");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let v = verdicts(&output);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["index"], 0);
    assert_eq!(v[0]["id"], ID);
    assert_eq!(v[0]["ok"], true);
    assert_eq!(
        v[0]["checks"],
        json!({ "schema": true, "digest": true, "catalog": true, "content": true, "assessment": true })
    );
    assert_eq!(v[0]["issues"], json!([]));
    // Pretty-printed, on stdin, with a BOM.
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(&record_text()).expect("json")).expect("pretty");
    let output = cli(&["verify", "-"], format!("\u{FEFF}{pretty}").as_bytes());
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn verify_ndjson_reports_each_record_and_exits_1_on_any_failure() {
    let good = record_text();
    let tampered = good.replace("\"score\":6865", "\"score\":7000");
    assert_ne!(good, tampered);
    let ndjson = format!("{good}\n{tampered}\nnot json\n\n{good}\n");
    let output = cli(&["verify"], ndjson.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let v = verdicts(&output);
    let oks: Vec<bool> = v.iter().map(|x| x["ok"].as_bool().expect("ok")).collect();
    assert_eq!(oks, vec![true, false, false, true]);
    let indexes: Vec<u64> = v.iter().map(|x| x["index"].as_u64().expect("index")).collect();
    assert_eq!(indexes, vec![0, 1, 2, 3]);
    assert_eq!(v[1]["checks"]["digest"], false);
    assert_eq!(v[2]["id"], Value::Null);
    // The line that is not JSON gets its own verdict: record.not-json at "".
    assert_eq!(v[2]["issues"][0]["code"], "record.not-json");
    assert_eq!(v[2]["issues"][0]["path"], "");
    assert_eq!(
        v[2]["checks"],
        json!({ "schema": false, "digest": false, "catalog": false, "content": false, "assessment": false })
    );
    // A duplicate member name is refused.
    let duplicated = good.replacen("{", "{\"id\":\"x\",", 1);
    let output = cli(&["verify"], duplicated.as_bytes());
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn verify_accepts_extra_catalogs() {
    let mut catalog: Value = serde_json::from_str(signal_indicators::EXAMPLE_CATALOG_JSON).expect("json");
    catalog["version"] = json!("2027.1");
    let active = signal_indicators::ActiveCatalog::from_value(&catalog, signal_indicators::Locale::Nl).expect("valid");
    let engine =
        signal_indicators::SignalEngine::new(signal_indicators::Locale::Nl, Some(active), &[]).expect("engine");
    let record =
        serde_json::to_string(&engine.build_record(&valid_input(), today(), &stamp()).expect("valid")).expect("json");
    assert_eq!(cli(&["verify"], record.as_bytes()).status.code(), Some(1));
    let path = temp_file("catalog-2027.json", catalog.to_string().as_bytes());
    let output = cli(&["verify", "--catalog", path.to_str().expect("path")], record.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn unusable_input_exits_2() {
    assert_eq!(cli(&["verify", "/nonexistent/record.json"], b"").status.code(), Some(2));
    assert_eq!(cli(&["verify"], b"").status.code(), Some(2));
    assert_eq!(cli(&["verify", "--catalog", "/nonexistent.json"], record_text().as_bytes()).status.code(), Some(2));
    // A known catalog that is no catalog under today's rules identifies no
    // record but never makes the run unusable (SPEC §12.6); one that is no
    // JSON does.
    let bad_catalog = temp_file("bad-catalog.json", b"{\"id\":1}");
    assert_eq!(
        cli(&["verify", "--catalog", bad_catalog.to_str().expect("path")], record_text().as_bytes()).status.code(),
        Some(0)
    );
    let not_json = temp_file("not-json.json", b"{{{");
    assert_eq!(
        cli(&["verify", "--catalog", not_json.to_str().expect("path")], record_text().as_bytes()).status.code(),
        Some(2)
    );
    assert_eq!(cli(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(cli(&[], b"").status.code(), Some(2));
    assert_eq!(cli(&["schema", "table"], b"").status.code(), Some(2));
}

#[test]
fn schema_prints_the_shipped_schemas() {
    let output = cli(&["schema", "record"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), signal_indicators::record_schema());
    let output = cli(&["schema", "catalog"], b"");
    let schema: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn catalog_lint() {
    let good = temp_file("example.json", signal_indicators::EXAMPLE_CATALOG_JSON.as_bytes());
    let output = cli(&["catalog", "lint", good.to_str().expect("path")], b"");
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["digest"], json!(signal_indicators::ActiveCatalog::example().digest()));

    let mut broken: Value = serde_json::from_str(signal_indicators::EXAMPLE_CATALOG_JSON).expect("json");
    broken["recency"][0]["factor"] = json!(2000);
    broken["indicators"][0]["weight"] = json!(0);
    let bad = temp_file("broken.json", broken.to_string().as_bytes());
    let output = cli(&["catalog", "lint", bad.to_str().expect("path")], b"");
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["code"], "catalog.invalid");
    assert_eq!(report["issues"].as_array().map(Vec::len), Some(2));

    let garbage = temp_file("garbage.json", b"{{{");
    assert_eq!(cli(&["catalog", "lint", garbage.to_str().expect("path")], b"").status.code(), Some(2));
}

/// The urlencoded post of `valid_input()` with the input paths as control names.
fn valid_post() -> &'static str {
    "caseNumber=IND-2026-000123&procedure=asylum&subject.vNumber=1234567890&subject.bsn=123456782\
        &subject.status=applicant&officerJudgement.view=agree&context.type=sis-check&context.sisAlert.regulation=2018%2F1861&context.sisAlert.article=24\
        &context.sisAlert.issuingState=DE&context.sisAlert.alertReference=SIS-DE-2026-0042\
        &context.tip.channel=&indicator=TER-01&indicator.TER-01.reliability=B&indicator.TER-01.credibility=2\
        &indicator.TER-01.observedOn=2026-05-12&indicator.TER-01.evidenceRefs=AB-2026-17\
        &indicator=TER-05&indicator.TER-05.reliability=C&indicator.TER-05.credibility=3\
        &indicator.TER-05.observedOn=2024-09-10&indicator.TER-05.evidenceRefs=\
        &summary=Ambtsbericht+ontvangen+over+betrokkenheid+bij+een+terroristische+organisatie.\
        &officer.id=IND-4711&officer.unit=Unit+Nationale+Veiligheid&handling.tlp=AMBER%2BSTRICT\
        &sharedWith=AIVD&sharedWith=CT-INFOBOX&sharedWith=NCTV&signal_record=&_csrf=abc"
}

#[test]
fn from_form_rebuilds_the_input_of_a_plain_post() {
    let body = valid_post();
    let output = cli(&["from-form"], body.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let input: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(input, valid_input());

    let map = temp_file("map.json", br#"{ "caseNumber": "zaaknummer" }"#);
    let output = cli(&["from-form", "--field-map", map.to_str().expect("path")], b"zaaknummer=Z-1&caseNumber=ignored");
    let input: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(input, json!({ "caseNumber": "Z-1" }));
}

#[test]
fn build_prints_the_record_as_json_stringify_writes_it() {
    let output = cli(&["build", "--id", ID, "--now", NOW, "--today", TODAY], valid_input().to_string().as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert_eq!(text.trim_end(), record_text());
    let mut invalid = valid_input();
    invalid["subject"]["vNumber"] = json!("1");
    let output = cli(&["build", "--id", ID, "--now", NOW], invalid.to_string().as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["code"], "form.invalid");
    assert_eq!(cli(&["build", "--now", NOW], b"{}").status.code(), Some(2));
}

fn verdict_duplicate(verdict: &Value) -> Option<bool> {
    verdict["duplicate"].as_bool()
}

#[test]
fn verify_post_checks_a_post_as_verify_submission_does() {
    let record = record_text();
    let with_record = |body: &str| body.replace("&signal_record=&", &format!("&signal_record={}&", urlencode(&record)));
    let run = |args: &[&str], body: &str| {
        let output = cli(&[&["verify-post", "--now", NOW][..], args].concat(), body.as_bytes());
        let verdict: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
        let codes: Vec<String> = verdict["issues"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|issue| issue["severity"] == "error")
            .filter_map(|issue| issue["code"].as_str().map(str::to_owned))
            .collect();
        (output.status.code(), verdict, codes)
    };

    // The record agrees with the posted fields, fresh, not seen: accepted as posted.
    let (code, verdict, codes) = run(&[], &with_record(valid_post()));
    assert_eq!((code, codes.as_slice()), (Some(0), &[][..]), "{verdict}");
    assert_eq!(serde_json::to_string(&verdict["record"]).expect("json"), {
        let posted: Value = serde_json::from_str(&record).expect("json");
        serde_json::to_string(&posted).expect("json")
    });
    // The same id again: a replay.
    let seen = temp_file("seen.txt", format!("{ID}\n").as_bytes());
    let (code, _, codes) = run(&["--seen", seen.to_str().expect("path")], &with_record(valid_post()));
    assert_eq!((code, codes), (Some(1), vec!["record.replayed".to_owned()]));
    assert_eq!(verdict_duplicate(&run(&[], &with_record(valid_post())).1), Some(false));
    // The same id with the digest stored beside it: a repeat, accepted as a duplicate.
    let digest = serde_json::from_str::<Value>(&record).expect("json")["integrity"]["digest"].clone();
    let stored = temp_file("stored.txt", format!("{ID} {}\n", digest.as_str().expect("digest")).as_bytes());
    let (code, verdict, codes) = run(&["--seen", stored.to_str().expect("path")], &with_record(valid_post()));
    assert_eq!((code, codes.as_slice(), verdict_duplicate(&verdict)), (Some(0), &[][..], Some(true)), "{verdict}");
    let other = temp_file("other.txt", format!("{ID} sha256:00\n").as_bytes());
    let (code, _, codes) = run(&["--seen", other.to_str().expect("path")], &with_record(valid_post()));
    assert_eq!((code, codes), (Some(1), vec!["record.replayed".to_owned()]));
    // An edited host field: the record does not count.
    let edited = with_record(valid_post()).replace("caseNumber=IND-2026-000123", "caseNumber=IND-2026-000999");
    let (code, verdict, codes) = run(&[], &edited);
    assert_eq!(code, Some(1));
    assert!(codes.contains(&"record.mismatch".to_owned()), "{verdict}");
    assert_eq!(verdict["record"], Value::Null);
    // Two days later: stale.
    let output = cli(&["verify-post", "--now", "2026-11-30T20:15:01.000Z"], with_record(valid_post()).as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("record.stale"));
    // No script ran: built here, with the given id.
    let (code, verdict, _) = run(&["--id", "7b6d4a0e-2c1f-4e8a-9d3b-1a2b3c4d5e6f"], valid_post());
    assert_eq!(code, Some(0), "{verdict}");
    assert_eq!(verdict["record"]["id"], "7b6d4a0e-2c1f-4e8a-9d3b-1a2b3c4d5e6f");
    // Without --id a fresh UUID v4 is made.
    let (_, verdict, _) = run(&[], valid_post());
    assert!(signal_indicators::is_uuid_v4(verdict["record"]["id"].as_str().unwrap_or_default()));
    // A body that is not a form: refused with issues, not a crash.
    let (code, verdict, codes) = run(&[], "%%%");
    assert_eq!(code, Some(1), "{verdict}");
    assert!(codes.contains(&"required".to_owned()));
    // Bad arguments: exit 2.
    assert_eq!(cli(&["verify-post", "--now", "yesterday"], b"").status.code(), Some(2));
}

/// `application/x-www-form-urlencoded` encoding of one value.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn a_closed_output_pipe_ends_every_command_quietly() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    // Many records, so the output is far larger than a pipe holds.
    let line = record_text();
    let ndjson: String = std::iter::repeat_n(format!("{line}\n"), 3000).collect();
    for args in [&["verify"][..], &["picker"][..], &["schema", "record"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_signal-indicators"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // The reader goes away before reading anything.
        drop(child.stdout.take());
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(ndjson.as_bytes());
        }
        let output = child.wait_with_output().expect("wait");
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
}

#[test]
fn verify_post_knows_the_portals_catalogs_and_extensions() {
    // A portal with its own catalog version: the post's record names it.
    let mut catalog: Value = serde_json::from_str(signal_indicators::EXAMPLE_CATALOG_JSON).expect("json");
    catalog["version"] = json!("2027.1");
    let active = signal_indicators::ActiveCatalog::from_value(&catalog, signal_indicators::Locale::Nl).expect("valid");
    let engine =
        signal_indicators::SignalEngine::new(signal_indicators::Locale::Nl, Some(active), &[]).expect("engine");
    let record =
        serde_json::to_string(&engine.build_record(&valid_input(), today(), &stamp()).expect("valid")).expect("json");
    let body = valid_post().replace("&signal_record=&", &format!("&signal_record={}&", urlencode(&record)));
    let without = cli(&["verify-post", "--now", NOW], body.as_bytes());
    assert_eq!(without.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&without.stdout).contains("record.catalog"));
    let path = temp_file("portal-catalog.json", catalog.to_string().as_bytes());
    let with = cli(&["verify-post", "--now", NOW, "--catalog", path.to_str().expect("path")], body.as_bytes());
    assert_eq!(with.status.code(), Some(0), "{}", String::from_utf8_lossy(&with.stdout));
    // Declared extensions are read from the post; an undeclared name is an unknown field.
    let declarations =
        temp_file("extensions.json", br#"[{ "name": "dossierNummer", "type": "string", "pattern": "^D-[0-9]{4}$" }]"#);
    let post = format!("{}&extensions.dossierNummer=D-12", valid_post());
    let output =
        cli(&["verify-post", "--now", NOW, "--extensions", declarations.to_str().expect("path")], post.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("format.pattern"));
}

#[test]
fn extract_and_correct_derive_documents_that_verify_against_their_record() {
    let record = record_text();
    let extract = cli(&["extract", "--for", "AIVD", "-"], record.as_bytes());
    assert_eq!(extract.status.code(), Some(0), "{}", String::from_utf8_lossy(&extract.stderr));
    let withdrawal = cli(
        &[
            "correct",
            "--id",
            "9f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09",
            "--now",
            "2026-12-01T09:00:00.000Z",
            "--action",
            "withdrawn",
            "--reason",
            "De bron is later onjuist gebleken.",
            "--officer-id",
            "IND-4712",
            "--officer-unit",
            "Unit NV",
        ],
        record.as_bytes(),
    );
    assert_eq!(withdrawal.status.code(), Some(0), "{}", String::from_utf8_lossy(&withdrawal.stderr));
    let derived: Vec<Value> = [&extract, &withdrawal]
        .iter()
        .map(|output| serde_json::from_slice(&output.stdout).expect("a document"))
        .collect();
    assert_eq!(derived[0]["recordType"], "signal-extract");
    assert_eq!(derived[0]["recipient"], "AIVD");
    assert_eq!(derived[1]["recordType"], "signal-correction");
    assert_eq!(derived[1]["refersTo"]["id"], ID);
    // The record first, then what was derived from it: each is checked against it.
    let stream = format!(
        "{record}\n{}{}",
        String::from_utf8_lossy(&extract.stdout),
        String::from_utf8_lossy(&withdrawal.stdout)
    );
    let verified = cli(&["verify", "-"], stream.as_bytes());
    assert_eq!(verified.status.code(), Some(0), "{}", String::from_utf8_lossy(&verified.stdout));
    assert!(verdicts(&verified).iter().all(|v| v["ok"] == true));
}

#[test]
fn extract_and_correct_refuse_what_cannot_be_derived() {
    let record = record_text();
    // Not shared with that partner: unusable (exit 2), said on stderr.
    let other = cli(&["extract", "--for", "KMAR", "-"], record.as_bytes());
    assert_eq!(other.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&other.stderr).contains("KMAR"));
    // A tampered record: exit 1 with the issues.
    let mut tampered: Value = serde_json::from_str(&record).expect("record");
    tampered["summary"] = json!("Een andere samenvatting dan die ondertekend is.");
    let tampered = tampered.to_string();
    let refused = cli(&["extract", "--for", "AIVD", "-"], tampered.as_bytes());
    assert_eq!(refused.status.code(), Some(1));
    let answer: Value = serde_json::from_slice(&refused.stdout).expect("issues");
    assert_eq!(answer["code"], "form.invalid");
    // A supersession without its replacement, and no reason: exit 1, each named.
    let args = ["correct", "--id", "9f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09", "--now", "2026-12-01T09:00:00.000Z"];
    let incomplete = cli(&[&args[..], &["--action", "superseded", "-"]].concat(), record.as_bytes());
    assert_eq!(incomplete.status.code(), Some(1));
    let answer: Value = serde_json::from_slice(&incomplete.stdout).expect("issues");
    let paths: Vec<&str> =
        answer["issues"].as_array().into_iter().flatten().filter_map(|i| i["path"].as_str()).collect();
    assert!(paths.contains(&"/reason") && paths.contains(&"/replacement"), "{paths:?}");
    // Without --id: unusable.
    assert_eq!(cli(&["correct", "--action", "withdrawn", "-"], record.as_bytes()).status.code(), Some(2));
}
