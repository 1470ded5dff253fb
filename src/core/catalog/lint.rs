//! Every check a catalog must pass to be loaded (SPEC §6.1, §12.2).

use super::*;

/// Every problem of a catalog, in document order.
pub fn lint(catalog: &Catalog) -> Vec<Finding> {
    let mut found = Vec::new();
    let out = &mut found;
    let range = |path: Pointer, value: u32, (min, max): (u32, u32), out: &mut Vec<Finding>| {
        if value < min || value > max {
            error(out, path, Kind::CatalogRange { min: min.into(), max: max.into() });
        }
    };
    let nonempty = |path: Pointer, text: &str, out: &mut Vec<Finding>| {
        if text.trim().is_empty() || text.len() > 200 {
            error(out, path, Kind::CatalogRange { min: 1, max: 200 });
        }
    };
    nonempty("/id".into(), &catalog.id, out);
    nonempty("/version".into(), &catalog.version, out);
    if catalog.locales.is_empty() {
        error(out, "/locales", Kind::CatalogRange { min: 1, max: 2 });
    }
    duplicates(Pointer::root().member("locales"), catalog.locales.iter().map(String::as_str), out);
    for (name, len) in [
        ("/categories", catalog.categories.len()),
        ("/indicators", catalog.indicators.len()),
        ("/partners", catalog.partners.len()),
        ("/sisStates", catalog.sis_states.len()),
        ("/routing", catalog.routing.len()),
        ("/measures", catalog.measures.len()),
    ] {
        if len > MAX_LIST {
            error(out, name, Kind::CatalogRange { min: 0, max: MAX_LIST as u64 });
        }
    }
    let labels = |path: Pointer, text: &LocalizedText, out: &mut Vec<Finding>| {
        for locale in &catalog.locales {
            if text.get(locale).is_none_or(|t| t.trim().is_empty()) {
                error(out, path.clone().member(locale), Kind::CatalogLabelMissing);
            }
        }
    };

    let category = |code: &str| catalog.categories.iter().find(|c| c.code == code);
    duplicates(Pointer::root().member("categories"), catalog.categories.iter().map(|c| c.code.as_str()), out);
    for (i, category) in catalog.categories.iter().enumerate() {
        nonempty(item_member("categories", i, "code"), &category.code, out);
        labels(item_member("categories", i, "labels"), &category.labels, out);
    }

    duplicates(Pointer::root().member("indicators"), catalog.indicators.iter().map(|d| d.code.as_str()), out);
    for (i, indicator) in catalog.indicators.iter().enumerate() {
        nonempty(item_member("indicators", i, "code"), &indicator.code, out);
        match category(&indicator.category) {
            None => error(out, item_member("indicators", i, "category"), Kind::CatalogReference),
            Some(category) if category.protective && indicator.routing_only == Some(true) => {
                error(out, item_member("indicators", i, "routingOnly"), Kind::CatalogProtectiveRoutingOnly);
            }
            Some(_) => {}
        }
        range(item_member("indicators", i, "weight"), indicator.weight, WEIGHT_RANGE, out);
        let routes_path = item_member("indicators", i, "routesTo");
        match (&indicator.routes_to, indicator.routing_only == Some(true)) {
            (Some(routes), true) if !routes.is_empty() => {
                duplicates(routes_path.clone(), routes.iter().map(String::as_str), out);
                for (j, partner) in routes.iter().enumerate() {
                    if !catalog.partners.iter().any(|p| p.code() == partner) {
                        error(out, routes_path.clone().index(j), Kind::CatalogReference);
                    }
                }
            }
            (None, false) => {}
            // Required (non-empty) for a routing-only indicator, not allowed otherwise.
            _ => error(out, routes_path, Kind::CatalogRange { min: 1, max: MAX_LIST as u64 }),
        }
        labels(item_member("indicators", i, "labels"), &indicator.labels, out);
        labels(item_member("indicators", i, "guidance"), &indicator.guidance, out);
    }

    for (name, map, keys) in [
        ("reliability", &catalog.grading.reliability, RELIABILITY),
        ("credibility", &catalog.grading.credibility, CREDIBILITY),
    ] {
        let base = Pointer::root().member("grading").member(name);
        for &key in keys {
            match map.get(key) {
                Some(value) => range(base.clone().member(key), *value, FACTOR_RANGE, out),
                None => error(out, base.clone().member(key), Kind::CatalogShape { problem: None }),
            }
        }
        for key in map.keys().filter(|k| !keys.contains(&k.as_str())) {
            error(out, base.clone().member(key), Kind::CatalogShape { problem: None });
        }
        // Each grade weighs no more than the one before it, and "cannot be
        // judged" (the last) no more than the fourth ("not usually
        // reliable" / "doubtful").
        let factor = |k: usize| keys.get(k).and_then(|key| map.get(key)).copied();
        for k in 1..keys.len() {
            let before = if k + 1 == keys.len() { 3 } else { k - 1 };
            if let (Some(earlier), Some(this), Some(key)) = (factor(before), factor(k), keys.get(k)) {
                if this > earlier {
                    error(out, base.clone().member(key), Kind::CatalogGradingOrder);
                }
            }
        }
    }

    if catalog.recency.is_empty() {
        error(out, "/recency", Kind::CatalogShape { problem: None });
    }
    let mut previous: Option<u32> = None;
    let last = catalog.recency.len().saturating_sub(1);
    for (i, bucket) in catalog.recency.iter().enumerate() {
        range(item_member("recency", i, "factor"), bucket.factor, FACTOR_RANGE, out);
        match (bucket.max_days, i == last) {
            (Some(_), true) | (None, false) => {
                error(out, item_member("recency", i, "maxDays"), Kind::CatalogOrder);
            }
            (Some(days), false) => {
                if previous.is_some_and(|p| days <= p) {
                    error(out, item_member("recency", i, "maxDays"), Kind::CatalogOrder);
                }
                previous = Some(days);
            }
            (None, true) => {}
        }
    }

    duplicates(Pointer::root().member("bands"), catalog.bands.iter().map(|b| b.code.as_str()), out);
    for (i, band) in catalog.bands.iter().enumerate() {
        if band.code == BAND_NONE {
            error(out, item_member("bands", i, "code"), Kind::CatalogDuplicate);
        }
        nonempty(item_member("bands", i, "code"), &band.code, out);
        range(item_member("bands", i, "from"), band.from, BAND_FROM_RANGE, out);
        if let Some(band_labels) = &band.labels {
            labels(item_member("bands", i, "labels"), band_labels, out);
        }
        if i > 0 && catalog.bands.get(i - 1).is_some_and(|p| band.from <= p.from) {
            error(out, item_member("bands", i, "from"), Kind::CatalogOrder);
        }
    }
    let band_known = |code: &str| code == BAND_NONE || catalog.bands.iter().any(|b| b.code == code);

    duplicates(Pointer::root().member("partners"), catalog.partners.iter().map(Partner::code), out);
    for (i, partner) in catalog.partners.iter().enumerate() {
        match partner {
            Partner::Code(code) => nonempty(item("partners", i), code, out),
            Partner::Described(described) => {
                nonempty(item_member("partners", i, "code"), &described.code, out);
                labels(item_member("partners", i, "labels"), &described.labels, out);
                if let Some(basis) = &described.legal_basis {
                    let length = basis.chars().count();
                    if basis.trim().is_empty() || length > 400 {
                        error(out, item_member("partners", i, "legalBasis"), Kind::CatalogRange { min: 1, max: 400 });
                    }
                }
            }
        }
    }
    duplicates(Pointer::root().member("sisStates"), catalog.sis_states.iter().map(String::as_str), out);
    for (i, state) in catalog.sis_states.iter().enumerate() {
        if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_uppercase()) {
            error(out, item("sisStates", i), Kind::CatalogShape { problem: None });
        }
    }

    for (i, rule) in catalog.routing.iter().enumerate() {
        if category(&rule.category).is_none() {
            error(out, item_member("routing", i, "category"), Kind::CatalogReference);
        }
        if !band_known(&rule.min_band) {
            error(out, item_member("routing", i, "minBand"), Kind::CatalogReference);
        }
        for (j, partner) in rule.partners.iter().enumerate() {
            if !catalog.partners.iter().any(|p| p.code() == partner) {
                error(out, item_member("routing", i, "partners").index(j), Kind::CatalogReference);
            }
        }
    }

    let mut seen_measures: Vec<(&str, &str)> = Vec::new();
    for (i, measure) in catalog.measures.iter().enumerate() {
        match category(&measure.category) {
            None => error(out, item_member("measures", i, "category"), Kind::CatalogReference),
            Some(category) if category.protective => {
                error(out, item_member("measures", i, "category"), Kind::CatalogProtectiveMeasure);
            }
            Some(_) => {}
        }
        if !band_known(&measure.min_band) {
            error(out, item_member("measures", i, "minBand"), Kind::CatalogReference);
        }
        nonempty(item_member("measures", i, "code"), &measure.code, out);
        nonempty(item_member("measures", i, "legalBasis"), &measure.legal_basis, out);
        labels(item_member("measures", i, "labels"), &measure.labels, out);
        if let Some(notes) = &measure.notes {
            labels(item_member("measures", i, "notes"), notes, out);
        }
        for (name, listed, vocabulary) in
            [("procedures", &measure.procedures, PROCEDURES), ("statuses", &measure.statuses, STATUSES)]
        {
            let Some(listed) = listed else { continue };
            let base = item_member("measures", i, name);
            if listed.is_empty() {
                error(out, base.clone(), Kind::CatalogRange { min: 1, max: vocabulary.len() as u64 });
            }
            duplicates(base.clone(), listed.iter().map(String::as_str), out);
            for (j, value) in listed.iter().enumerate() {
                if !vocabulary.contains(&value.as_str()) {
                    error(out, base.clone().index(j), Kind::CatalogReference);
                }
            }
        }
        if let Some(required) = &measure.requires_any_of {
            let base = item_member("measures", i, "requiresAnyOf");
            if required.is_empty() {
                error(out, base.clone(), Kind::CatalogRange { min: 1, max: MAX_LIST as u64 });
            }
            duplicates(base.clone(), required.iter().map(String::as_str), out);
            for (j, code) in required.iter().enumerate() {
                let own = catalog.indicators.iter().any(|d| &d.code == code && d.category == measure.category);
                if !own {
                    error(out, base.clone().index(j), Kind::CatalogReference);
                }
            }
        }
        let key = (measure.category.as_str(), measure.code.as_str());
        if seen_measures.contains(&key) {
            error(out, item_member("measures", i, "code"), Kind::CatalogDuplicate);
        }
        seen_measures.push(key);
    }
    single_item_measures(catalog, out);
    governance(catalog, out);
    found
}

/// The single-item rule (SPEC §12.2): an indicator that could reach a
/// measure on its own (at the best grading and full recency its strength is
/// `weight × 100`) must be marked `sufficientAlone` by the policy owner.
fn single_item_measures(catalog: &Catalog, out: &mut Vec<Finding>) {
    // A measure on a protective category never applies (it is reported as such).
    let protective = |code: &str| catalog.categories.iter().any(|c| c.code == code && c.protective);
    for measure in catalog.measures.iter().filter(|m| !protective(&m.category)) {
        let from = match measure.min_band.as_str() {
            BAND_NONE => 0,
            code => match catalog.bands.iter().find(|b| b.code == code) {
                Some(band) => band.from,
                None => continue,
            },
        };
        for (i, indicator) in catalog.indicators.iter().enumerate() {
            let can_reach = indicator.category == measure.category
                && indicator.routing_only != Some(true)
                && measure.requires_any_of.as_ref().is_none_or(|codes| codes.contains(&indicator.code))
                && indicator.weight.saturating_mul(100) >= from;
            if can_reach && indicator.sufficient_alone != Some(true) {
                error(
                    out,
                    item_member("indicators", i, "weight"),
                    Kind::CatalogSingleItemMeasure {
                        measure: measure.code.clone(),
                        category: measure.category.clone(),
                        indicator: indicator.code.clone(),
                    },
                );
            }
        }
    }
}

/// The governance members (SPEC §12.2): validity dates in order, an
/// approval only on a catalog that is not illustrative, change summaries
/// in every locale, a review period of 1–3650 days.
fn governance(catalog: &Catalog, out: &mut Vec<Finding>) {
    let date = |text: &Option<String>, path: &str, out: &mut Vec<Finding>| match text {
        Some(text) => {
            let parsed = Date::parse(text);
            if parsed.is_none() {
                error(out, path, Kind::CatalogShape { problem: Some(crate::core::schema::Problem::Pattern) });
            }
            parsed
        }
        None => None,
    };
    let from = date(&catalog.valid_from, "/validFrom", out);
    let until = date(&catalog.valid_until, "/validUntil", out);
    if let (Some(from), Some(until)) = (from, until) {
        if until < from {
            error(out, "/validUntil", Kind::CatalogOrder);
        }
    }
    if let Some(approval) = &catalog.approval {
        date(&Some(approval.on.clone()), "/approval/on", out);
        if catalog.illustrative == Some(true) {
            error(out, "/approval", Kind::CatalogIllustrativeApproved);
        }
    }
    for (i, change) in catalog.changes.iter().flatten().enumerate() {
        date(&Some(change.on.clone()), &format!("/changes/{i}/on"), out);
        for locale in &catalog.locales {
            let text = change.summary.get(locale).map(|t| t.trim().chars().count()).unwrap_or(0);
            if text == 0 {
                error(out, item_member("changes", i, "summary").member(locale), Kind::CatalogLabelMissing);
            } else if text > 2000 {
                error(
                    out,
                    item_member("changes", i, "summary").member(locale),
                    Kind::CatalogRange { min: 1, max: 2000 },
                );
            }
        }
    }
    if let Some(days) = catalog.review_after_days {
        let (min, max) = REVIEW_AFTER_DAYS_RANGE;
        if !(min..=max).contains(&days) {
            error(out, "/reviewAfterDays", Kind::CatalogRange { min: min.into(), max: max.into() });
        }
    }
}

/// `/{list}/{index}` (one function, so `lint` does not repeat the building).
fn item(list: &str, index: usize) -> Pointer {
    Pointer::root().member(list).index(index)
}

/// `/{list}/{index}/{member}`.
fn item_member(list: &str, index: usize, member: &str) -> Pointer {
    item(list, index).member(member)
}

/// Reports every later occurrence of a code already seen. Quadratic, but
/// lists are capped at [`MAX_LIST`] and it needs no extra map code.
fn duplicates<'a>(base: Pointer, codes_in_order: impl Iterator<Item = &'a str>, out: &mut Vec<Finding>) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, code) in codes_in_order.enumerate() {
        if seen.contains(&code) {
            error(out, base.clone().index(i), Kind::CatalogDuplicate);
        } else {
            seen.push(code);
        }
    }
}

/// Adds an error at `path` (one routine for the many checks above, each of
/// which would otherwise build and push its finding in place).
#[inline(never)]
fn error(out: &mut Vec<Finding>, path: impl Into<Pointer>, kind: Kind) {
    out.push(Finding::error(path, kind));
}
