//! The errors the engine reports as exceptions (as opposed to validation
//! issues, which are data).

use super::issue::Issue;

/// A failure with a stable code; JS receives it as an `Error` named
/// `SignalError` carrying `code` and, where relevant, `issues`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SignalError {
    /// The form has errors, so no record can be built.
    #[error("the form has {} error(s); no record was built", .0.iter().filter(|i| i.severity == super::issue::Severity::Error).count())]
    FormInvalid(Vec<Issue>),
    /// A catalog failed to load; every problem found is listed.
    #[error("the catalog is invalid ({} problem(s))", .0.len())]
    CatalogInvalid(Vec<Issue>),
    /// An option passed to the engine is not acceptable.
    #[error("invalid option: {0}")]
    OptionInvalid(String),
    /// A value could not be put in canonical form (not expected for engine data).
    #[error("canonicalization failed: {0}")]
    Canonicalization(String),
}

impl SignalError {
    /// The stable code: `form.invalid`, `catalog.invalid`, `option.invalid`
    /// or `internal`. (`engine.freed` and `unsupported` are made at the JS
    /// boundary, where a freed engine and the browser module exist.)
    pub fn code(&self) -> &'static str {
        match self {
            SignalError::FormInvalid(_) => "form.invalid",
            SignalError::CatalogInvalid(_) => "catalog.invalid",
            SignalError::OptionInvalid(_) => "option.invalid",
            SignalError::Canonicalization(_) => "internal",
        }
    }

    /// The issues behind the error, if any.
    pub fn issues(&self) -> &[Issue] {
        match self {
            SignalError::FormInvalid(issues) | SignalError::CatalogInvalid(issues) => issues,
            _ => &[],
        }
    }
}

impl From<super::canonical::CanonicalError> for SignalError {
    fn from(error: super::canonical::CanonicalError) -> SignalError {
        SignalError::Canonicalization(error.0)
    }
}
