//! The languages the engine speaks.

use serde::{Deserialize, Serialize};

/// A language the engine speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Dutch, the default.
    #[default]
    Nl,
    /// English.
    En,
}

impl Locale {
    /// Parses `"nl"` or `"en"`.
    pub fn parse(text: &str) -> Option<Locale> {
        match text {
            "nl" => Some(Locale::Nl),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The BCP 47 tag: `"nl"` or `"en"`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }
}
