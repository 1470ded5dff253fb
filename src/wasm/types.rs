//! Types that exist only at the JS boundary: option objects and the shape of
//! the form input, declared for TypeScript.
//!
//! The engine reads every value leniently and reports what is wrong as
//! issues, so these declarations describe a *valid* form for editors and
//! `tsc`; at run time any value is accepted.
//!
//! Members of an options object the JS side hands over itself (an engine,
//! an element, a function) are `Option<()>` with their TypeScript type.

use std::collections::BTreeMap;

use serde_json::Value;
use tsify::Tsify;

use crate::core::extensions::ExtensionDeclaration;
use crate::core::messages::Locale;

/// Declares the options types: each the one declaration of its call's
/// options. The TypeScript interface follows from it (tsify), and so does
/// the list of keys the binding accepts ([`OptionKeys::KEYS`]), so a key
/// cannot be typed and refused, or accepted and untyped.
macro_rules! options_types {
    ($(
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $(
                $(#[$field_attr:meta])*
                $field:ident as $key:literal: $type:ty,
            )*
        }
    )*) => {
        $(
            $(#[doc = $doc])*
            #[derive(Debug, Default, Tsify)]
            #[expect(dead_code, reason = "a declaration: its keys and its TypeScript are used; the binding reads the members from the JS value")]
            pub struct $name {
                $(
                    $(#[$field_attr])*
                    #[serde(rename = $key)]
                    pub $field: $type,
                )*
            }

            impl OptionKeys for $name {
                const KEYS: &'static [&'static str] = &[$($key),*];
            }
        )*
    };
}

/// The keys (JS names) an options object may have.
pub trait OptionKeys {
    /// Every key, as declared.
    const KEYS: &'static [&'static str];
}

options_types! {
    /// Options of `new SignalEngine(options)`.
    pub struct EngineOptions {
        /// Language of messages and labels, `"nl"` (default) or `"en"`.
        #[tsify(optional)]
        locale as "locale": Option<Locale>,
        /// A catalog of the §6.1 shape; default: the embedded example catalog.
        #[tsify(optional, type = "Catalog")]
        catalog as "catalog": Option<Value>,
        /// Host-declared extra fields (§9.3).
        #[tsify(optional)]
        extensions as "extensions": Option<Vec<ExtensionDeclaration>>,
        /// Catalogs stored records may name, read once for `verifyRecord`
        /// and `verifySubmission` (earlier catalogs included: they are
        /// digested, never refused).
        #[tsify(optional, type = "unknown[]")]
        catalogs as "catalogs": Option<Vec<Value>>,
        /// Production use: the catalog must carry an approval and not be
        /// illustrative (else `catalog.invalid` with `catalog.unapproved`),
        /// an evaluation outside its validity is an error, and records of
        /// unapproved catalogs fail `record.catalog`. Default false.
        #[tsify(optional)]
        require_approved as "requireApproved": Option<bool>,
    }

    /// Options of `engine.evaluate(input, options)`.
    pub struct EvaluateOptions {
        /// Evaluation date `YYYY-MM-DD`; default: today in Europe/Amsterdam.
        #[tsify(optional)]
        today as "today": Option<String>,
    }

    /// Options of `engine.evaluateEntries(entries, options)`.
    pub struct EvaluateEntriesOptions {
        /// Input path (`subject.vNumber`) → the host's control name.
        #[tsify(optional, type = "Record<string, string>")]
        field_map as "fieldMap": Option<BTreeMap<String, String>>,
        /// Evaluation date `YYYY-MM-DD`; default: today in Europe/Amsterdam.
        #[tsify(optional)]
        today as "today": Option<String>,
        /// Input path → the host's option value → the engine's value.
        #[tsify(optional, type = "Record<string, Record<string, string>>")]
        value_map as "valueMap": Option<BTreeMap<String, BTreeMap<String, String>>>,
    }

    /// Options of `engine.buildRecord(input, options)`.
    pub struct BuildRecordOptions {
        /// Creation instant (ISO 8601, UTC `Z`); default: now.
        #[tsify(optional)]
        now as "now": Option<String>,
        /// Record id, a lowercase UUID v4; default: `crypto.randomUUID()`.
        #[tsify(optional)]
        id as "id": Option<String>,
        /// Evaluation date `YYYY-MM-DD`; default: the Amsterdam date at `now`.
        #[tsify(optional)]
        today as "today": Option<String>,
    }

    /// Options of `engine.verifyRecord(record, options)`.
    pub struct VerifyOptions {
        /// Further accepted catalogs (besides the engine's own).
        #[tsify(optional, type = "Catalog[]")]
        catalogs as "catalogs": Option<Vec<Value>>,
        /// A current record's catalog must be approved and not illustrative
        /// (default: the engine's setting).
        #[tsify(optional)]
        require_approved as "requireApproved": Option<bool>,
        /// For an extract or a correction: the record it refers to; an
        /// extract must then be exactly what `extractFor` gives, a
        /// correction's `refersTo` and `notify` must match it
        /// (`record.content` otherwise).
        #[tsify(optional, type = "SignalRecord | string")]
        original as "original": Option<Value>,
        /// For a correction that supersedes: the new record it names.
        #[tsify(optional, type = "SignalRecord | string")]
        replacement as "replacement": Option<Value>,
    }

    /// Options of `inputFromFormData(entries, options)`.
    pub struct FormDataOptions {
        /// Input path (`"subject.vNumber"`) → the host's control name.
        #[tsify(optional, type = "Record<string, string>")]
        field_map as "fieldMap": Option<BTreeMap<String, String>>,
        /// Input path → the host's option value → the engine's value
        /// (`{ procedure: { regulier: "regular" } }`).
        #[tsify(optional, type = "Record<string, Record<string, string>>")]
        value_map as "valueMap": Option<BTreeMap<String, BTreeMap<String, String>>>,
    }

    /// Options of `attach(form, options)` (SPEC §9).
    pub struct AttachOptions {
        /// The engine to use; default: `new SignalEngine({ locale })`.
        #[tsify(optional, type = "SignalEngine")]
        engine as "engine": Option<()>,
        /// Language of the interface, `"nl"` (default) or `"en"`.
        #[tsify(optional)]
        locale as "locale": Option<Locale>,
        /// Input path (`"subject.vNumber"`) → the host's control name.
        #[tsify(optional, type = "Record<string, string>")]
        field_map as "fieldMap": Option<BTreeMap<String, String>>,
        /// Input path → the host's option value → the engine's value.
        #[tsify(optional, type = "Record<string, Record<string, string>>")]
        value_map as "valueMap": Option<BTreeMap<String, BTreeMap<String, String>>>,
        /// Where the indicator picker is rendered; default: the end of the form.
        #[tsify(optional, type = "ElementLike")]
        indicators_container as "indicatorsContainer": Option<()>,
        /// Where the live advice is shown; default: after the picker.
        #[tsify(optional, type = "ElementLike")]
        score_panel as "scorePanel": Option<()>,
        /// An input object to prefill empty host controls and the picker with.
        #[tsify(optional, type = "SignalForm")]
        initial as "initial": Option<()>,
        /// Name of the hidden field that receives the record; default `signal_record`.
        #[tsify(optional)]
        record_field as "recordField": Option<String>,
        /// `"native"` (default): the form submits with the record; `"event-only"`: only the event.
        #[tsify(optional, type = "\"native\" | \"event-only\"")]
        submit_mode as "submitMode": Option<String>,
        /// Evaluation date `YYYY-MM-DD` (tests, replays).
        #[tsify(optional)]
        today as "today": Option<String>,
        /// Creation instant (tests, replays).
        #[tsify(optional)]
        now as "now": Option<String>,
        /// Record id (tests, replays).
        #[tsify(optional)]
        id as "id": Option<String>,
        /// The level of the panel's heading, 2 to 6; default 2.
        #[tsify(optional)]
        heading_level as "headingLevel": Option<u8>,
        /// Who draws the errors: `"own"` (default: the error summary, inline
        /// texts, `aria-invalid`) or `"host"` (the form's `signal-issues`
        /// event after every evaluation; an invalid submit is still cancelled).
        #[tsify(optional, type = "\"own\" | \"host\"")]
        summary as "summary": Option<String>,
    }

    /// Options of `verifySubmission(body, options)`.
    pub struct SubmissionOptions {
        /// The engine to check with; default: a Dutch engine with the built-in catalog.
        #[tsify(optional, type = "SignalEngine")]
        engine as "engine": Option<()>,
        /// The record's catalog must be approved and not illustrative
        /// (default: the engine's setting).
        #[tsify(optional)]
        require_approved as "requireApproved": Option<bool>,
        /// Input path → the host's control name, as in `attach`.
        #[tsify(optional, type = "Record<string, string>")]
        field_map as "fieldMap": Option<BTreeMap<String, String>>,
        /// Input path → the host's option value → the engine's value.
        #[tsify(optional, type = "Record<string, Record<string, string>>")]
        value_map as "valueMap": Option<BTreeMap<String, BTreeMap<String, String>>>,
        /// The field that carries the record; default `signal_record`.
        #[tsify(optional)]
        record_field as "recordField": Option<String>,
        /// Further accepted catalogs.
        #[tsify(optional, type = "Catalog[]")]
        catalogs as "catalogs": Option<Vec<Value>>,
        /// The current instant (ISO 8601, UTC `Z`); default: now.
        #[tsify(optional)]
        now as "now": Option<String>,
        /// Greatest age of `createdAt` before `now`; default 86 400.
        #[tsify(optional)]
        max_age_seconds as "maxAgeSeconds": Option<u64>,
        /// Whether a record id was seen before: `true` gives `record.replayed`;
        /// the digest stored with it marks a repeat of the same record as
        /// `duplicate` (another digest is a replay).
        #[tsify(optional, type = "(id: string) => boolean | string")]
        seen as "seen": Option<()>,
    }

    /// Options of `renderPicker(options)`.
    pub struct RenderPickerOptions {
        /// The catalog; default: the built-in example.
        #[tsify(optional, type = "Catalog")]
        catalog as "catalog": Option<Value>,
        /// `"nl"` (default) or `"en"`.
        #[tsify(optional)]
        locale as "locale": Option<Locale>,
        /// An input object whose indicators are pre-checked and filled.
        #[tsify(optional, type = "SignalForm")]
        values as "values": Option<()>,
    }
}

/// The shape of the form input, for TypeScript only.
pub mod form_shape {
    #![expect(
        dead_code,
        reason = "declares the input's TypeScript shape; the engine reads the input leniently as JSON"
    )]

    use std::collections::BTreeMap;
    use tsify::Tsify;

    /// The signal form input (SPEC §4), as a host hands it in.
    #[derive(Debug, Tsify)]
    #[serde(rename_all = "camelCase")]
    pub struct SignalForm {
        /// Case number, `^[A-Za-z0-9/.-]{1,40}$`.
        #[tsify(optional)]
        pub case_number: Option<String>,
        /// Procedure.
        #[tsify(optional, type = "Procedure")]
        pub procedure: Option<String>,
        /// The person concerned.
        #[tsify(optional)]
        pub subject: Option<FormSubject>,
        /// How the signal arose.
        #[tsify(optional)]
        pub context: Option<FormContext>,
        /// 1–200 indicators.
        #[tsify(optional)]
        pub indicators: Option<Vec<FormIndicator>>,
        /// The factual statement, 20–4000 characters.
        #[tsify(optional)]
        pub summary: Option<String>,
        /// The officer.
        #[tsify(optional)]
        pub officer: Option<FormOfficer>,
        /// Handling.
        #[tsify(optional)]
        pub handling: Option<FormHandling>,
        /// Partner codes shared with.
        #[tsify(optional)]
        pub shared_with: Option<Vec<String>>,
        /// Why an advised partner is not shared with (10–2000 characters; optional).
        #[tsify(optional)]
        pub no_share_reason: Option<String>,
        /// The officer's own view of the advice.
        #[tsify(optional)]
        pub officer_judgement: Option<FormOfficerJudgement>,
        /// Values of host-declared extensions.
        #[tsify(optional, type = "Record<string, string>")]
        pub extensions: Option<BTreeMap<String, String>>,
    }

    /// `officerJudgement` of the form.
    #[derive(Debug, Tsify)]
    #[serde(rename_all = "camelCase")]
    pub struct FormOfficerJudgement {
        /// The officer's view of the advice.
        #[tsify(optional, type = "JudgementView")]
        pub view: Option<String>,
        /// Why; 10–2000 characters, required for `partly` and `disagree`.
        #[tsify(optional)]
        pub reason: Option<String>,
    }

    /// `subject` of the form.
    #[derive(Debug, Tsify)]
    #[serde(rename_all = "camelCase")]
    pub struct FormSubject {
        /// Ten digits; required unless `unknownSubject`.
        #[tsify(optional)]
        pub v_number: Option<String>,
        /// Nine digits passing the 11-proef.
        #[tsify(optional)]
        pub bsn: Option<String>,
        /// No V-nummer is known for the person ("V-nummer onbekend").
        #[tsify(optional)]
        pub unknown_subject: Option<bool>,
        /// The person's status; never scored, it limits which measures apply.
        #[tsify(optional, type = "SubjectStatus")]
        pub status: Option<String>,
        /// `possible-victim`: the host knows the person is a possible victim
        /// of trafficking; never scored, it protects like a victim indicator.
        #[tsify(optional, type = "SubjectProtection")]
        pub protection: Option<String>,
    }

    /// `context` of the form.
    #[derive(Debug, Tsify)]
    #[serde(rename_all = "camelCase")]
    pub struct FormContext {
        /// Context type.
        #[serde(rename = "type")]
        #[tsify(optional, type = "ContextType")]
        pub context_type: Option<String>,
        /// Required for `sis-check`.
        #[tsify(optional)]
        pub sis_alert: Option<FormSisAlert>,
        /// Required for `post-decision-tip`.
        #[tsify(optional)]
        pub tip: Option<FormTip>,
        /// Required for `asylum-screening`.
        #[tsify(optional, type = "ScreeningMethod")]
        pub screening_method: Option<String>,
        /// Required for `partner-report`: a catalog partner code.
        #[tsify(optional)]
        pub partner: Option<String>,
    }

    /// `context.sisAlert` of the form.
    #[derive(Debug, Tsify)]
    #[serde(rename_all = "camelCase")]
    pub struct FormSisAlert {
        /// Regulation.
        #[tsify(optional, type = "SisRegulation")]
        pub regulation: Option<String>,
        /// Article: 24 or 25 under 2018/1861; 26, 36 or 38 under 2018/1862.
        #[tsify(optional, type = "SisArticle")]
        pub article: Option<String>,
        /// A code of the catalog's `sisStates`.
        #[tsify(optional)]
        pub issuing_state: Option<String>,
        /// 1–64 characters.
        #[tsify(optional)]
        pub alert_reference: Option<String>,
    }

    /// `context.tip` of the form.
    #[derive(Debug, Tsify)]
    #[serde(rename_all = "camelCase")]
    pub struct FormTip {
        /// Channel.
        #[tsify(optional, type = "TipChannel")]
        pub channel: Option<String>,
        /// `YYYY-MM-DD`.
        #[tsify(optional)]
        pub received_on: Option<String>,
    }

    /// One indicator on the form.
    #[derive(Debug, Tsify)]
    #[serde(rename_all = "camelCase")]
    pub struct FormIndicator {
        /// A code of the active catalog.
        #[tsify(optional)]
        pub code: Option<String>,
        /// Source reliability.
        #[tsify(optional, type = "ReliabilityCode")]
        pub reliability: Option<String>,
        /// Information credibility.
        #[tsify(optional, type = "CredibilityCode")]
        pub credibility: Option<String>,
        /// `YYYY-MM-DD`, not after the evaluation date.
        #[tsify(optional)]
        pub observed_on: Option<String>,
        /// `YYYY-MM-DD`: the date of the facts, where known; not after
        /// `observedOn`. Recency counts from it.
        #[tsify(optional)]
        pub facts_on: Option<String>,
        /// Required where the catalog marks the indicator `requiresEvidence`;
        /// at most 20, each 1–512 characters.
        #[tsify(optional)]
        pub evidence_refs: Option<Vec<String>>,
        /// At most 2000 characters.
        #[tsify(optional)]
        pub note: Option<String>,
    }

    /// `officer` of the form.
    #[derive(Debug, Tsify)]
    #[serde(rename_all = "camelCase")]
    pub struct FormOfficer {
        /// Staff code `^[A-Z0-9-]{2,32}$`.
        #[tsify(optional)]
        pub id: Option<String>,
        /// 1–80 characters.
        #[tsify(optional)]
        pub unit: Option<String>,
    }

    /// `handling` of the form.
    #[derive(Debug, Tsify)]
    #[serde(rename_all = "camelCase")]
    pub struct FormHandling {
        /// TLP 2.0 label.
        #[tsify(optional, type = "TlpLabel")]
        pub tlp: Option<String>,
    }
}

/// The closed lists of the form as TypeScript unions (declared once, with
/// their values and labels, in `core::vocabulary`).
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const CLOSED_LISTS: &str = crate::core::vocabulary::TYPESCRIPT;

/// The platform's classes the API takes, named so that the declarations
/// compile with any `lib`: where the platform declares the class (the DOM
/// lib, or Node's types), the type is that class; without it, `never` (that
/// argument cannot be given), and no error.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const PLATFORM: &str = r#"
/** `FormData`, where the platform has it. */
export type FormDataLike = typeof globalThis extends { FormData: { prototype: infer T } } ? T : never;
/** `URLSearchParams`, where the platform has it. */
export type URLSearchParamsLike = typeof globalThis extends { URLSearchParams: { prototype: infer T } } ? T : never;
/** A DOM `Element`, where the platform has one. */
export type ElementLike = typeof globalThis extends { Element: { prototype: infer T } } ? T : never;
/** A DOM `HTMLFormElement`, where the platform has one. */
export type FormElementLike = typeof globalThis extends { HTMLFormElement: { prototype: infer T } } ? T : never;
"#;

/// What `recordSchema()` and `catalogSchema()` return: a JSON Schema
/// (draft 2020-12) document, typed by its keywords.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const JSON_SCHEMA: &str = r#"
/** A JSON Schema (draft 2020-12), as `recordSchema()` and `catalogSchema()` return it. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: JsonSchemaType | JsonSchemaType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  /** Any other keyword. */
  [keyword: string]: unknown;
}
/** The types of JSON Schema. */
export type JsonSchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";
"#;

/// The handle `attach` returns (the object is made by the package's
/// `attach.js`, so its type is declared here, next to its options).
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const CORRECTION_OPTIONS: &str = r#"
/** Options of `engine.buildCorrection(record, options)`. */
export interface CorrectionOptions {
  /** Withdrawn, or superseded by `replacement`. */
  action: "withdrawn" | "superseded";
  /** Why, 10–2000 characters. */
  reason: string;
  /** The officer who corrects the signal. */
  officer: { id: string; unit: string };
  /** The new signal record (required for "superseded"), about the same person. */
  replacement?: SignalRecord | string;
  /** Creation instant; default: now. */
  now?: string;
  /** Correction id; default: a fresh UUID v4. */
  id?: string;
}
"#;

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const RECORD_SCHEMA: &str = r#"
/**
 * The record JSON Schema (draft 2020-12) of a released schemaVersion,
 * default the current one; any other value throws SignalError option.invalid.
 */
export function recordSchema(version?: "1.1" | "1.2"): JsonSchema;
"#;

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const ATTACH_HANDLE: &str = r#"
/** What `attach(form, options)` returns. */
export interface AttachHandle {
  /** The current evaluation of the form. */
  evaluate(): Evaluation;
  /** Removes every listener and injected node and restores every changed attribute. Calling it twice is harmless. */
  detach(): void;
}
"#;

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const SUBMISSION: &str = r#"
/** A posted form as a server receives it (SPEC §8.3). */
export type SubmissionBody =
  | URLSearchParamsLike
  | FormDataLike
  | Iterable<[string, string]>
  | Record<string, string | string[] | undefined>;

/** The outcome of `verifySubmission`: `record` is `null` unless `ok`. */
export interface Submission {
  ok: boolean;
  record: SignalRecord | null;
  /** The input rebuilt from the posted fields. */
  input: SignalForm;
  issues: Issue[];
  /** The post repeats a record already accepted (`seen(id)` returned its digest). */
  duplicate: boolean;
}
"#;
