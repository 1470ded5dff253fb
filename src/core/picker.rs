//! The indicator picker as HTML (`renderPicker`, CLI `picker`; SPEC §9.1):
//! the same native controls `attach` renders, for a server to put in the
//! page before any script runs. Without the module an officer can still
//! tick, grade and post indicators: every indicator's detail controls sit in
//! a `<details>` element, reachable without script. `attach` adopts such a
//! picker instead of rendering its own.
//!
//! The picker's words are declared here once; `attach` receives them with
//! its settings.

use serde::Serialize;
use serde_json::Value;

use super::catalog::ActiveCatalog;
use super::fields::length_of;
use super::messages::Locale;
use super::vocabulary::{CREDIBILITY, RELIABILITY};

/// The words of the picker in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PickerWords {
    /// After the protective category's name.
    pub protective: &'static str,
    /// The empty first option of a grading select.
    pub choose: &'static str,
    /// The summary line of an indicator's detail controls.
    pub details: &'static str,
    /// After the count of a category's checked indicators: `(2 aangevinkt)`.
    pub checked: &'static str,
    /// Label of the filter field.
    pub filter_label: &'static str,
    /// The filter's status line; `{shown}` and `{total}` are filled in.
    pub filter_status: &'static str,
    /// Label of the reliability select.
    pub reliability_label: &'static str,
    /// Label of the credibility select.
    pub credibility_label: &'static str,
    /// Label of the date of the information (`observedOn`).
    pub observed_label: &'static str,
    /// Label of the date of the facts (`factsOn`).
    pub facts_label: &'static str,
    /// Label of the evidence references.
    pub evidence_label: &'static str,
    /// Label of the evidence references where the catalog requires them.
    pub evidence_required_label: &'static str,
    /// Label of the note.
    pub note_label: &'static str,
    /// The reliability codes `A`–`F`.
    pub reliability_codes: &'static [&'static str],
    /// The credibility codes `1`–`6`.
    pub credibility_codes: &'static [&'static str],
    /// Meanings of reliability `A`–`F`.
    pub reliability_options: [&'static str; 6],
    /// Meanings of credibility `1`–`6`.
    pub credibility_options: [&'static str; 6],
    /// The note's `maxlength`: the longest note the form takes (the field table's).
    pub note_max_length: u32,
}

/// The picker's words in `locale`.
pub fn picker_words(locale: Locale) -> PickerWords {
    match locale {
        Locale::Nl => PickerWords {
            protective: "beschermend, telt nooit mee in de score",
            choose: "Kies…",
            details: "Betrouwbaarheid, datum en bronnen",
            checked: "aangevinkt",
            filter_label: "Zoek een indicator op code of woorden",
            filter_status: "{shown} van {total} indicatoren getoond",
            reliability_label: "Betrouwbaarheid van de bron",
            credibility_label: "Geloofwaardigheid van de informatie",
            observed_label: "Datum van de informatie",
            facts_label: "Datum van de feiten",
            evidence_label: "Bronverwijzingen (één per regel)",
            evidence_required_label: "Bronverwijzingen (verplicht, één per regel)",
            note_label: "Toelichting",
            reliability_codes: RELIABILITY,
            credibility_codes: CREDIBILITY,
            note_max_length: const { length_of("indicators.*.note").1 as u32 },
            reliability_options: [
                "volledig betrouwbaar",
                "meestal betrouwbaar",
                "redelijk betrouwbaar",
                "meestal niet betrouwbaar",
                "onbetrouwbaar",
                "niet te beoordelen",
            ],
            credibility_options: [
                "bevestigd door andere bronnen",
                "waarschijnlijk waar",
                "mogelijk waar",
                "twijfelachtig",
                "onwaarschijnlijk",
                "niet te beoordelen",
            ],
        },
        Locale::En => PickerWords {
            protective: "protective, never counts in the score",
            choose: "Choose…",
            details: "Reliability, dates and sources",
            checked: "ticked",
            filter_label: "Find an indicator by code or words",
            filter_status: "{shown} of {total} indicators shown",
            reliability_label: "Source reliability",
            credibility_label: "Information credibility",
            observed_label: "Date of the information",
            facts_label: "Date of the facts",
            evidence_label: "Evidence references (one per line)",
            evidence_required_label: "Evidence references (required, one per line)",
            note_label: "Note",
            reliability_codes: RELIABILITY,
            credibility_codes: CREDIBILITY,
            note_max_length: const { length_of("indicators.*.note").1 as u32 },
            reliability_options: [
                "completely reliable",
                "usually reliable",
                "fairly reliable",
                "not usually reliable",
                "unreliable",
                "cannot be judged",
            ],
            credibility_options: [
                "confirmed by other sources",
                "probably true",
                "possibly true",
                "doubtful",
                "improbable",
                "cannot be judged",
            ],
        },
    }
}

/// `text` safe in HTML text and in a double- or single-quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An indicator code as a safe part of an element id (as `attach` makes it).
fn id_safe(code: &str) -> String {
    code.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect()
}

/// The picker as HTML: one `<fieldset>` per category (the protective one
/// last, visibly apart), per indicator a checkbox `indicator` and its detail
/// controls `indicator.<CODE>.<member>` in a `<details>`. `values` (an input
/// object) pre-checks and fills indicators; every text is escaped.
pub fn render_picker(catalog: &ActiveCatalog, locale: Locale, values: Option<&Value>) -> String {
    let data = catalog.catalog();
    let words = picker_words(locale);
    let text = |labels| escape_html(catalog.text(labels, locale));
    let given = |code: &str| {
        values
            .and_then(|v| v.get("indicators"))
            .and_then(Value::as_array)
            .and_then(|items| items.iter().find(|item| item.get("code").and_then(Value::as_str) == Some(code)))
    };
    let member_text = |item: Option<&Value>, member: &str| -> String {
        match item.and_then(|i| i.get(member)) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(refs)) => refs.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n"),
            _ => String::new(),
        }
    };
    let mut html = String::with_capacity(64 * 1024);
    html.push_str(&format!("<div class=\"signal-indicators-picker\" lang=\"{}\">", locale.tag()));
    let ordered =
        data.categories.iter().filter(|c| !c.protective).chain(data.categories.iter().filter(|c| c.protective));
    for category in ordered {
        let class = if category.protective {
            "utrecht-form-fieldset signal-indicators-protective"
        } else {
            "utrecht-form-fieldset"
        };
        let legend = if category.protective {
            format!("{} — {}", text(&category.labels), escape_html(words.protective))
        } else {
            text(&category.labels)
        };
        // The legend is a button that folds the group (attach wires it; it is
        // inert without script) and counts the group's checked indicators.
        let checked =
            data.indicators.iter().filter(|d| d.category == category.code && given(&d.code).is_some()).count();
        html.push_str(&format!(
            "<fieldset class=\"{class}\"><legend><button type=\"button\" class=\"signal-indicators-group-toggle\" \
             aria-expanded=\"true\">{legend} <span class=\"signal-indicators-count\">({checked} {word})</span>\
             </button></legend>",
            word = escape_html(words.checked),
        ));
        for definition in data.indicators.iter().filter(|d| d.category == category.code) {
            let code = escape_html(&definition.code);
            let base = format!("signal-indicators-{}", id_safe(&definition.code));
            let item = given(&definition.code);
            let checked = if item.is_some() { " checked" } else { "" };
            let open = if item.is_some() { " open" } else { "" };
            html.push_str(&format!(
                "<div class=\"utrecht-form-field utrecht-form-field--checkbox\">\
                 <input type=\"checkbox\" name=\"indicator\" value=\"{code}\" id=\"{base}\" class=\"utrecht-checkbox\" aria-describedby=\"{base}-guidance\"{checked}>\
                 <label for=\"{base}\">{code} — {label}</label>\
                 <p class=\"utrecht-form-field-description\" id=\"{base}-guidance\">{guidance}</p>\
                 <details id=\"{base}-details\" class=\"signal-indicators-details\"{open}><summary>{summary}</summary>",
                label = text(&definition.labels),
                guidance = text(&definition.guidance),
                summary = escape_html(words.details),
            ));
            for (member, label, codes, meanings) in [
                ("reliability", words.reliability_label, &RELIABILITY, &words.reliability_options),
                ("credibility", words.credibility_label, &CREDIBILITY, &words.credibility_options),
            ] {
                let chosen = member_text(item, member);
                html.push_str(&format!(
                    "<label for=\"{base}-{member}\" class=\"utrecht-form-label\">{label}</label>\
                     <select name=\"indicator.{code}.{member}\" id=\"{base}-{member}\" class=\"utrecht-select\">\
                     <option value=\"\">{choose}</option>",
                    label = escape_html(label),
                    choose = escape_html(words.choose),
                ));
                for (grade, meaning) in codes.iter().zip(meanings.iter()) {
                    let selected = if chosen == *grade { " selected" } else { "" };
                    html.push_str(&format!(
                        "<option value=\"{grade}\"{selected}>{grade} — {meaning}</option>",
                        meaning = escape_html(meaning)
                    ));
                }
                html.push_str("</select>");
            }
            let evidence_label = if definition.requires_evidence == Some(true) {
                words.evidence_required_label
            } else {
                words.evidence_label
            };
            html.push_str(&format!(
                "<label for=\"{base}-observedOn\" class=\"utrecht-form-label\">{observed}</label>\
                 <input type=\"date\" name=\"indicator.{code}.observedOn\" id=\"{base}-observedOn\" class=\"utrecht-textbox\" value=\"{observed_value}\">\
                 <label for=\"{base}-factsOn\" class=\"utrecht-form-label\">{facts}</label>\
                 <input type=\"date\" name=\"indicator.{code}.factsOn\" id=\"{base}-factsOn\" class=\"utrecht-textbox\" value=\"{facts_value}\">\
                 <label for=\"{base}-evidenceRefs\" class=\"utrecht-form-label\">{evidence}</label>\
                 <textarea name=\"indicator.{code}.evidenceRefs\" id=\"{base}-evidenceRefs\" class=\"utrecht-textarea\" rows=\"2\">{evidence_value}</textarea>\
                 <label for=\"{base}-note\" class=\"utrecht-form-label\">{note}</label>\
                 <textarea name=\"indicator.{code}.note\" id=\"{base}-note\" class=\"utrecht-textarea\" maxlength=\"{note_max}\">{note_value}</textarea>\
                 </details></div>",
                observed = escape_html(words.observed_label),
                observed_value = escape_html(&member_text(item, "observedOn")),
                facts = escape_html(words.facts_label),
                facts_value = escape_html(&member_text(item, "factsOn")),
                evidence = escape_html(evidence_label),
                evidence_value = escape_html(&member_text(item, "evidenceRefs")),
                note = escape_html(words.note_label),
                note_value = escape_html(&member_text(item, "note")),
                note_max = words.note_max_length,
            ));
        }
        html.push_str("</fieldset>");
    }
    html.push_str("</div>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            escape_html(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }
}
