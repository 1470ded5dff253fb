//! Host-declared extra form fields (SPEC §9.3), validated like built-in
//! fields and copied under `record.extensions`.

use serde::{Deserialize, Serialize};

use super::error::SignalError;
use super::pattern::Pattern;
use super::protected::is_protected_key;

/// The kind of value an extension holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ExtensionType {
    /// Free text, optionally restricted by `pattern` and `maxLength`.
    String,
    /// A date `YYYY-MM-DD`.
    Date,
    /// One of `values`.
    Enum,
}

/// One extension as the host declares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExtensionDeclaration {
    /// Field name, `^[a-z][A-Za-z0-9]{0,31}$`.
    pub name: String,
    /// Value type.
    #[serde(rename = "type")]
    pub kind: ExtensionType,
    /// Whether a value is required.
    #[serde(default)]
    pub required: bool,
    /// A pattern in the regex-lite syntax that the whole value must match
    /// (it is anchored; see [`crate::core::pattern`] for what is supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Maximum length in UTF-16 code units (default 200, at most 4000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Allowed values of an `enum`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

/// A checked declaration, with its pattern compiled.
#[derive(Debug, Clone)]
pub struct Extension {
    /// The declaration as given.
    pub declaration: ExtensionDeclaration,
    /// The compiled, anchored pattern.
    pub pattern: Option<Pattern>,
    /// Effective maximum length.
    pub max_length: u32,
}

/// Most extensions a host may declare.
pub const MAX_EXTENSIONS: usize = 32;
const DEFAULT_MAX_LENGTH: u32 = 200;
const LIMIT_MAX_LENGTH: u32 = 4000;

/// Checks declarations; a bad one fails with `option.invalid`.
pub fn compile(declarations: &[ExtensionDeclaration]) -> Result<Vec<Extension>, SignalError> {
    if declarations.len() > MAX_EXTENSIONS {
        return Err(SignalError::OptionInvalid(format!("at most {MAX_EXTENSIONS} extensions may be declared")));
    }
    let mut out: Vec<Extension> = Vec::with_capacity(declarations.len());
    for declaration in declarations {
        let name = &declaration.name;
        let name_ok = name.len() <= 32
            && name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
            && name.bytes().all(|b| b.is_ascii_alphanumeric());
        if !name_ok {
            return Err(SignalError::OptionInvalid("extension names must match ^[a-z][A-Za-z0-9]{0,31}$".to_owned()));
        }
        if is_protected_key(name) {
            return Err(SignalError::OptionInvalid(format!(
                "extension {name} names a protected personal attribute, which is never an input"
            )));
        }
        if out.iter().any(|e| &e.declaration.name == name) {
            return Err(SignalError::OptionInvalid(format!("extension {name} is declared twice")));
        }
        let max_length = declaration.max_length.unwrap_or(DEFAULT_MAX_LENGTH);
        if max_length == 0 || max_length > LIMIT_MAX_LENGTH {
            return Err(SignalError::OptionInvalid(format!(
                "extension {name}: maxLength must be 1–{LIMIT_MAX_LENGTH}"
            )));
        }
        let pattern = match &declaration.pattern {
            Some(_) if declaration.kind != ExtensionType::String => {
                return Err(SignalError::OptionInvalid(format!("extension {name}: only strings take a pattern")));
            }
            Some(pattern) => Some(
                Pattern::whole(pattern)
                    .map_err(|e| SignalError::OptionInvalid(format!("extension {name}: bad pattern: {e}")))?,
            ),
            None => None,
        };
        match (&declaration.values, declaration.kind) {
            (Some(values), ExtensionType::Enum) if !values.is_empty() && values.len() <= 200 => {}
            (_, ExtensionType::Enum) => {
                return Err(SignalError::OptionInvalid(format!("extension {name}: an enum needs 1–200 values")));
            }
            (Some(_), _) => {
                return Err(SignalError::OptionInvalid(format!("extension {name}: only an enum takes values")));
            }
            (None, _) => {}
        }
        out.push(Extension { declaration: declaration.clone(), pattern, max_length });
    }
    Ok(out)
}

/// Reads declarations given as JSON (`[{ name, type, required?, pattern?,
/// maxLength?, values? }]`); anything else is `option.invalid`.
pub fn declarations_from_value(value: &serde_json::Value) -> Result<Vec<ExtensionDeclaration>, SignalError> {
    use serde_json::Value;
    let invalid = |what: &str| SignalError::OptionInvalid(format!("extensions: {what}"));
    let Value::Array(items) = value else { return Err(invalid("must be an array of declarations")) };
    if items.len() > MAX_EXTENSIONS {
        return Err(invalid("too many declarations"));
    }
    let mut declarations = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(map) = item else { return Err(invalid("each declaration must be an object")) };
        if let Some(key) =
            map.keys().find(|k| !["name", "type", "required", "pattern", "maxLength", "values"].contains(&k.as_str()))
        {
            return Err(invalid(&format!("unknown member \"{key}\"")));
        }
        let text = |key: &str| match map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(invalid(&format!("{key} must be a string"))),
        };
        let kind = match text("type")?.as_deref() {
            Some("string") => ExtensionType::String,
            Some("date") => ExtensionType::Date,
            Some("enum") => ExtensionType::Enum,
            _ => return Err(invalid("type must be \"string\", \"date\" or \"enum\"")),
        };
        let required = match map.get("required") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(flag)) => *flag,
            Some(_) => return Err(invalid("required must be a boolean")),
        };
        let max_length = match map.get("maxLength") {
            None | Some(Value::Null) => None,
            Some(n) => Some(
                n.as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| invalid("maxLength must be a whole number"))?,
            ),
        };
        let values = match map.get("values") {
            None | Some(Value::Null) => None,
            Some(Value::Array(values)) => Some(
                values
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| invalid("values must be strings")))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Some(_) => return Err(invalid("values must be an array of strings")),
        };
        declarations.push(ExtensionDeclaration {
            name: text("name")?.ok_or_else(|| invalid("name is required"))?,
            kind,
            required,
            pattern: text("pattern")?,
            max_length,
            values,
        });
    }
    Ok(declarations)
}
