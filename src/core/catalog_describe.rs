//! A readable description of the logic a catalog sets (SPEC v1.3 §12.5,
//! `describeCatalog`, CLI `catalog describe`): for a DPIA, the
//! Algoritmeregister and the people assessed. Generated from the catalog in
//! use, deterministic (same catalog, same bytes), every catalog text escaped.

use super::catalog::{ActiveCatalog, Partner, BAND_NONE};
use super::form::PROTECTED_KEYS;
use super::messages::Locale;
use super::picker::escape_html;
use super::vocabulary::label;

/// One block of the document.
enum Block {
    Heading(String),
    Paragraph(String),
    Table(Vec<String>, Vec<Vec<String>>),
}

/// The document as Markdown (`html: false`) or an HTML fragment.
pub fn describe_catalog(catalog: &ActiveCatalog, locale: Locale, html: bool) -> String {
    let blocks = blocks(catalog, locale);
    if html {
        render_html(&blocks, locale)
    } else {
        render_markdown(&blocks)
    }
}

fn blocks(active: &ActiveCatalog, locale: Locale) -> Vec<Block> {
    let nl = locale == Locale::Nl;
    let w = |dutch: &str, english: &str| if nl { dutch } else { english }.to_owned();
    let catalog = active.catalog();
    let text = |labels| active.text(labels, locale).to_owned();
    let yes_no = |on: bool| w(if on { "ja" } else { "nee" }, if on { "yes" } else { "no" });
    let mut out = Vec::new();
    out.push(Block::Heading(format!("{} {} {}", w("Catalogus", "Catalog"), catalog.id, catalog.version)));
    let status = match (&catalog.approval, active.illustrative()) {
        (_, true) => w("Voorbeeldcatalogus: niet voor echte zaken.", "Example catalog: not for real cases."),
        (Some(approval), false) => format!(
            "{} {} {} {} ({}).",
            w("Goedgekeurd door", "Approved by"),
            approval.by,
            w("op", "on"),
            approval.on,
            approval.reference
        ),
        (None, false) => w("Niet goedgekeurd.", "Not approved."),
    };
    let validity = format!(
        "{} {} {} {}.",
        w("Geldig van", "Valid from"),
        catalog.valid_from.as_deref().unwrap_or("—"),
        w("tot en met", "until"),
        catalog.valid_until.as_deref().unwrap_or("—")
    );
    out.push(Block::Paragraph(format!(
        "{} {status} {validity} {} {}",
        w("Digest:", "Digest:"),
        active.digest(),
        w("Beoordeling na", "Review after")
    )));
    if let Some(Block::Paragraph(last)) = out.last_mut() {
        last.push_str(&format!(" {} {}.", active.review_after_days(), w("dagen", "days")));
    }

    out.push(Block::Heading(w("Wat de engine leest, en wat nooit", "What the engine reads, and never reads")));
    out.push(Block::Paragraph(w(
        "De engine rekent alleen met de vastgelegde indicatoren: hun betrouwbaarheid en geloofwaardigheid, de datum van de informatie en van de feiten, en de bronverwijzingen. De procedure, de verblijfspositie, een bekend mogelijk slachtofferschap en het eigen oordeel van de medewerker veranderen nooit een score; zij bepalen alleen welke maatregelen kunnen gelden. Het advies is nooit een besluit: een beslismedewerker beoordeelt elk signaal.",
        "The engine computes with the recorded indicators only: their reliability and credibility, the date of the information and of the facts, and the evidence references. The procedure, the person's status, a known possible victim and the officer's own view never change a score; they only decide which measures can apply. The advice is never a decision: a decision-maker assesses every signal.",
    )));
    out.push(Block::Paragraph(format!(
        "{} {}.",
        w(
            "Beschermde kenmerken worden nooit gelezen of vastgelegd; velden met deze namen (en samenstellingen ervan) worden geweigerd:",
            "Protected attributes are never read or recorded; fields with these names (and compounds of them) are refused:"
        ),
        PROTECTED_KEYS.join(", ")
    )));

    out.push(Block::Heading(w("De berekening", "The computation")));
    out.push(Block::Paragraph(w(
        "Sterkte van een indicator = gewicht × 100 × betrouwbaarheid‰ × geloofwaardigheid‰ × actualiteit‰ / 10⁹ (basispunten, afgerond). Per categorie: noisy-OR over de sterktes, van groot naar klein: R₀ = 10¹², Rₖ = ⌊Rₖ₋₁ × (10000 − sₖ) / 10000⌋, score = 10000 − ⌊Rₙ / 10⁸⌋. Eén bron telt één keer; van dubbele vastleggingen telt de sterkste.",
        "Strength of an indicator = weight × 100 × reliability‰ × credibility‰ × recency‰ / 10⁹ (basis points, rounded). Per category: noisy-OR over the strengths, largest first: R₀ = 10¹², Rₖ = ⌊Rₖ₋₁ × (10000 − sₖ) / 10000⌋, score = 10000 − ⌊Rₙ / 10⁸⌋. One source counts once; of duplicates the strongest counts.",
    )));
    let grades = |map: &crate::core::text_map::TextMap<u32>| -> Vec<Vec<String>> {
        map.iter().map(|(grade, factor)| vec![grade.clone(), factor.to_string()]).collect()
    };
    out.push(Block::Table(vec![w("Betrouwbaarheid", "Reliability"), "‰".into()], grades(&catalog.grading.reliability)));
    out.push(Block::Table(
        vec![w("Geloofwaardigheid", "Credibility"), "‰".into()],
        grades(&catalog.grading.credibility),
    ));
    out.push(Block::Table(
        vec![w("Leeftijd tot (dagen)", "Age up to (days)"), "‰".into()],
        catalog
            .recency
            .iter()
            .map(|b| vec![b.max_days.map_or_else(|| w("ouder", "older"), |d| d.to_string()), b.factor.to_string()])
            .collect(),
    ));
    out.push(Block::Table(
        vec![w("Band", "Band"), w("vanaf (bp)", "from (bp)")],
        catalog
            .bands
            .iter()
            .map(|b| vec![b.labels.as_ref().map_or_else(|| b.code.clone(), text), b.from.to_string()])
            .collect(),
    ));

    out.push(Block::Heading(w("Categorieën en indicatoren", "Categories and indicators")));
    for category in &catalog.categories {
        let mut title = text(&category.labels);
        if category.protective {
            title.push_str(&w(" (beschermend: telt nooit mee)", " (protective: never scored)"));
        }
        out.push(Block::Paragraph(title));
        out.push(Block::Table(
            vec![
                w("Code", "Code"),
                w("Indicator", "Indicator"),
                w("Gewicht", "Weight"),
                w("Bewijs nodig", "Evidence needed"),
                w("Alleen doorgeven", "Routing only"),
                w("Alleen al voldoende", "Sufficient alone"),
                w("Toelichting", "Guidance"),
            ],
            catalog
                .indicators
                .iter()
                .filter(|i| i.category == category.code)
                .map(|i| {
                    vec![
                        i.code.clone(),
                        text(&i.labels),
                        i.weight.to_string(),
                        yes_no(i.requires_evidence == Some(true)),
                        match &i.routes_to {
                            Some(partners) if i.routing_only == Some(true) => partners.join(", "),
                            _ => yes_no(false),
                        },
                        yes_no(i.sufficient_alone == Some(true)),
                        text(&i.guidance),
                    ]
                })
                .collect(),
        ));
    }

    let partner_name = |code: &str| active.partner_label(code, locale);
    out.push(Block::Heading(w("Doorgeven (routering)", "Passing on (routing)")));
    out.push(Block::Table(
        vec![
            w("Categorie", "Category"),
            w("vanaf band", "from band"),
            w("met bewijs", "with evidence"),
            w("Partners", "Partners"),
        ],
        catalog
            .routing
            .iter()
            .map(|r| {
                vec![
                    catalog
                        .categories
                        .iter()
                        .find(|c| c.code == r.category)
                        .map_or_else(|| r.category.clone(), |c| text(&c.labels)),
                    if r.min_band == BAND_NONE { w("elk signaal", "any signal") } else { r.min_band.clone() },
                    yes_no(r.requires_evidence == Some(true)),
                    r.partners.iter().map(|p| partner_name(p)).collect::<Vec<_>>().join(", "),
                ]
            })
            .collect(),
    ));

    out.push(Block::Heading(w("Maatregelen ter overweging", "Measures for consideration")));
    out.push(Block::Paragraph(w(
        "Een maatregel wordt alleen genoemd als alle voorwaarden gelden: bewijs in de categorie en de band met bewijs bereikt, de procedure en de verblijfspositie passen, een vereiste indicator is vastgesteld, en geen beschermend signaal houdt hem aan (beginsel van niet-bestraffing van mogelijke slachtoffers). Geen indicator leidt alleen tot een maatregel, tenzij de beleidseigenaar dat heeft vastgelegd.",
        "A measure is listed only when every condition holds: evidence in the category and the evidenced band reached, the procedure and the person's status fit, a required indicator is established, and no protective signal holds it back (non-punishment of possible victims). No indicator leads to a measure on its own unless the policy owner said so.",
    )));
    let all = |list: &Option<Vec<String>>, words: fn(&str, Locale) -> &str| match list {
        Some(values) => values.iter().map(|v| words(v, locale).to_owned()).collect::<Vec<_>>().join(", "),
        None => w("alle", "all"),
    };
    out.push(Block::Table(
        vec![
            w("Maatregel", "Measure"),
            w("Categorie (vanaf)", "Category (from)"),
            w("Procedures", "Procedures"),
            w("Verblijfsposities", "Statuses"),
            w("Vereist", "Requires"),
            w("Aangehouden bij slachtoffer", "Held back for a victim"),
            w("Grondslag", "Legal basis"),
            w("Nog te wegen", "Still to weigh"),
        ],
        catalog
            .measures
            .iter()
            .map(|m| {
                vec![
                    text(&m.labels),
                    format!(
                        "{} ({})",
                        catalog
                            .categories
                            .iter()
                            .find(|c| c.code == m.category)
                            .map_or_else(|| m.category.clone(), |c| text(&c.labels)),
                        m.min_band
                    ),
                    all(&m.procedures, label),
                    all(&m.statuses, label),
                    m.requires_any_of.as_ref().map_or_else(String::new, |codes| codes.join(", ")),
                    yes_no(m.suspended_by_protection == Some(true)),
                    m.legal_basis.clone(),
                    m.notes.as_ref().map_or_else(String::new, text),
                ]
            })
            .collect(),
    ));

    out.push(Block::Heading(w("Partners", "Partners")));
    out.push(Block::Table(
        vec![w("Code", "Code"), w("Naam", "Name"), w("Grondslag voor verstrekking", "Basis for passing on data")],
        catalog
            .partners
            .iter()
            .map(|p| match p {
                Partner::Code(code) => vec![code.clone(), code.clone(), String::new()],
                Partner::Described(d) => {
                    vec![d.code.clone(), text(&d.labels), d.legal_basis.clone().unwrap_or_default()]
                }
            })
            .collect(),
    ));

    if let Some(changes) = &catalog.changes {
        out.push(Block::Heading(w("Wijzigingen", "Changes")));
        out.push(Block::Table(
            vec![w("Versie", "Version"), w("Datum", "Date"), w("Wat en waarom", "What and why")],
            changes.iter().map(|c| vec![c.version.clone(), c.on.clone(), text(&c.summary)]).collect(),
        ));
    }
    out
}

/// Markdown: catalog text has `&`, `<` and `>` as entities (a Markdown
/// renderer would pass raw HTML through), and in table cells `|`, `\\` and
/// line breaks escaped.
fn render_markdown(blocks: &[Block]) -> String {
    let text_of =
        |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace(['\n', '\r'], " ");
    let cell = |text: &str| text_of(text).replace('\\', "\\\\").replace('|', "\\|");
    let mut out = String::new();
    let mut first = true;
    for block in blocks {
        match block {
            Block::Heading(text) => {
                let level = if first { "#" } else { "##" };
                first = false;
                out.push_str(&format!("{level} {}\n\n", cell(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n\n", text_of(text))),
            Block::Table(head, rows) => {
                out.push_str(&format!("| {} |\n", head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for row in rows {
                    out.push_str(&format!("| {} |\n", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// An HTML fragment (an `<article>`), every text escaped.
fn render_html(blocks: &[Block], locale: Locale) -> String {
    let mut out = format!("<article lang=\"{}\">\n", locale.tag());
    let mut first = true;
    for block in blocks {
        match block {
            Block::Heading(text) => {
                let level = if first { 1 } else { 2 };
                first = false;
                out.push_str(&format!("<h{level}>{}</h{level}>\n", escape_html(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", escape_html(text))),
            Block::Table(head, rows) => {
                out.push_str("<table>\n<thead><tr>");
                for h in head {
                    out.push_str(&format!("<th scope=\"col\">{}</th>", escape_html(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for c in row {
                        out.push_str(&format!("<td>{}</td>", escape_html(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out.push_str("</article>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_names_every_indicator_and_measure_and_escapes_catalog_text() {
        let catalog = ActiveCatalog::example();
        let md = describe_catalog(&catalog, Locale::Nl, false);
        assert!(md.starts_with("# Catalogus ind-example 2026.3\n"));
        assert!(md.contains("Voorbeeldcatalogus: niet voor echte zaken."));
        assert!(md.contains(catalog.digest()));
        for indicator in &catalog.catalog().indicators {
            assert!(md.contains(&format!("| {} |", indicator.code)), "{}", indicator.code);
        }
        assert!(md.contains("| 35 | nee | nee | nee |"), "TER-05's row");
        assert!(md.contains("nationality"));
        assert_eq!(md, describe_catalog(&catalog, Locale::Nl, false), "deterministic");
        let en = describe_catalog(&catalog, Locale::En, true);
        assert!(en.starts_with("<article lang=\"en\">\n<h1>Catalog ind-example 2026.3</h1>"));
        assert!(en.contains("<td>Politie</td>") || en.contains("Police"));
        // Catalog text is escaped in HTML.
        let mut data: serde_json::Value =
            serde_json::from_str(super::super::catalog::EXAMPLE_CATALOG_JSON).expect("json");
        data["indicators"][0]["labels"]["nl"] = serde_json::json!("<script>alert(1)</script> | x");
        let hostile = ActiveCatalog::from_value(&data, Locale::Nl).expect("valid");
        let html = describe_catalog(&hostile, Locale::Nl, true);
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        let md = describe_catalog(&hostile, Locale::Nl, false);
        assert!(!md.contains("<script>") && md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| x"), "{md}");
    }
}
