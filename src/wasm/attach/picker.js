// The indicator picker of attach: rendered when the page has none, the
// filter and fold buttons for long catalogs, and the detail controls shown
// for a picked indicator only.

import { idSafe, isElement } from "./words.js";

/** The picker's functions over `view` (the component's document, words, catalog, element makers and bookkeeping). */
export function pickerParts(view) {
  const { document, create, textElement, text, words, catalog, injected, remember } = view;

  /**
   * Shows a picked indicator's detail controls; those of an unchecked one
   * are hidden and disabled, so a post carries only what was filled in
   * (their values stay for when it is checked again).
   */
  function showDetails(checkboxId, shown) {
    const details = document.getElementById(`${checkboxId}-details`);
    if (!details) return;
    details.hidden = !shown;
    if (shown && details.tagName === "DETAILS") details.open = true;
    for (const control of details.querySelectorAll("input, select, textarea")) control.disabled = !shown;
  }

  /**
   * Long catalogs: a labelled filter field that narrows the indicators by
   * code or words of their label (checked ones always stay; filtering only
   * hides), a polite status line with the number shown, and a fold button
   * per category with its count of checked indicators. Works the same on a
   * rendered and on an adopted picker.
   */
  function setUpFinding(root) {
    const boxes = [...root.querySelectorAll('input[type="checkbox"][name="indicator"]')];
    const fieldOf = (box) => box.closest(".utrecht-form-field") ?? box.parentElement;
    const groups = [...root.querySelectorAll("fieldset")].filter((fieldset) => fieldset.querySelector(".signal-indicators-group-toggle"));
    const filterId = "signal-indicators-filter";
    const wrapper = create("div", { class: "utrecht-form-field signal-indicators-filter" });
    const input = create("input", { type: "search", id: filterId, class: "utrecht-textbox", autocomplete: "off", "aria-describedby": `${filterId}-status` });
    const status = create("p", { id: `${filterId}-status`, class: "signal-indicators-filter-status", role: "status", "aria-live": "polite" });
    wrapper.append(textElement("label", words.filterLabel, { for: filterId, class: "utrecht-form-label" }), input, status);
    root.prepend(wrapper);
    injected.push(wrapper);
    for (const box of boxes) remember(fieldOf(box), "hidden");
    for (const group of groups) remember(group.querySelector(".signal-indicators-group-toggle"), "aria-expanded");
    const labels = [...root.querySelectorAll("label")];
    const labelWords = (box) => (labels.find((label) => label.htmlFor === box.id)?.textContent ?? "").toLowerCase();
    const matches = (box, query) => {
      if (!query) return true;
      const code = (box.getAttribute("value") ?? "").toLowerCase();
      const label = labelWords(box);
      return code.includes(query) || query.split(/\s+/).every((word) => label.includes(word));
    };
    function update() {
      const query = input.value.trim().toLowerCase();
      let shown = 0;
      for (const group of groups) {
        const toggle = group.querySelector(".signal-indicators-group-toggle");
        const open = toggle.getAttribute("aria-expanded") !== "false";
        const inGroup = boxes.filter((box) => group.contains(box));
        for (const box of inGroup) {
          const visible = box.checked || matches(box, query);
          if (visible) shown++;
          fieldOf(box).hidden = !open || !visible;
        }
        const count = toggle.querySelector(".signal-indicators-count");
        if (count) count.textContent = `(${inGroup.filter((box) => box.checked).length} ${words.checked})`;
      }
      const text = words.filterStatus.replace("{shown}", String(shown)).replace("{total}", String(boxes.length));
      if (status.textContent !== text) status.textContent = text;
    }
    function onToggle(event) {
      const toggle = isElement(event.target) ? event.target.closest(".signal-indicators-group-toggle") : null;
      if (!toggle || !root.contains(toggle)) return;
      toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "false" ? "true" : "false");
      update();
    }
    input.addEventListener("input", update);
    // Enter in the filter finds, it does not submit the host's form.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
    root.addEventListener("click", onToggle);
    update();
    return { update, remove: () => root.removeEventListener("click", onToggle) };
  }

  function renderPicker() {
    const root = create("div", { class: "signal-indicators-picker" });
    // Scored categories first, the protective one visibly apart at the end.
    const ordered = [...catalog.categories.filter((c) => !c.protective), ...catalog.categories.filter((c) => c.protective)];
    for (const category of ordered) {
      const fieldset = create("fieldset", {
        class: category.protective ? "utrecht-form-fieldset signal-indicators-protective" : "utrecht-form-fieldset",
      });
      const legend = category.protective ? `${text(category.labels)} — ${words.protective}` : text(category.labels);
      // The legend is a button that folds the group, with the count of its checked indicators.
      const toggle = create("button", { type: "button", class: "signal-indicators-group-toggle", "aria-expanded": "true" });
      toggle.append(document.createTextNode(`${legend} `), textElement("span", `(0 ${words.checked})`, { class: "signal-indicators-count" }));
      const legendElement = create("legend");
      legendElement.append(toggle);
      fieldset.append(legendElement);
      for (const definition of catalog.indicators.filter((d) => d.category === category.code)) {
        const code = definition.code;
        const base = `signal-indicators-${idSafe(code)}`;
        const field = create("div", { class: "utrecht-form-field utrecht-form-field--checkbox" });
        field.append(
          create("input", { type: "checkbox", name: "indicator", value: code, id: base, class: "utrecht-checkbox", "aria-describedby": `${base}-guidance` }),
          textElement("label", `${code} — ${text(definition.labels)}`, { for: base }),
          textElement("p", text(definition.guidance), { class: "utrecht-form-field-description", id: `${base}-guidance` }),
        );
        const details = create("div", { id: `${base}-details`, class: "signal-indicators-details", hidden: "" });
        const disabledUntilPicked = { disabled: "" };
        const labelled = (id, label) => textElement("label", label, { for: id, class: "utrecht-form-label" });
        const grades = [
          ["reliability", words.reliabilityLabel, words.reliabilityCodes, words.reliabilityOptions],
          ["credibility", words.credibilityLabel, words.credibilityCodes, words.credibilityOptions],
        ];
        for (const [member, label, codes, meanings] of grades) {
          const id = `${base}-${member}`;
          const select = create("select", { name: `indicator.${code}.${member}`, id, class: "utrecht-select", ...disabledUntilPicked });
          // Grading starts empty: no silent default.
          select.append(textElement("option", words.choose, { value: "" }));
          codes.forEach((grade, i) => select.append(textElement("option", `${grade} — ${meanings[i]}`, { value: grade })));
          details.append(labelled(id, label), select);
        }
        const observedId = `${base}-observedOn`;
        details.append(
          labelled(observedId, words.observedLabel),
          create("input", { type: "date", name: `indicator.${code}.observedOn`, id: observedId, class: "utrecht-textbox", ...disabledUntilPicked }),
        );
        const factsId = `${base}-factsOn`;
        details.append(
          labelled(factsId, words.factsLabel),
          create("input", { type: "date", name: `indicator.${code}.factsOn`, id: factsId, class: "utrecht-textbox", ...disabledUntilPicked }),
        );
        // One reference per line (a URL may hold a comma).
        const evidenceId = `${base}-evidenceRefs`;
        details.append(
          labelled(evidenceId, definition.requiresEvidence ? words.evidenceRequiredLabel : words.evidenceLabel),
          create("textarea", { name: `indicator.${code}.evidenceRefs`, id: evidenceId, class: "utrecht-textarea", rows: "2", ...disabledUntilPicked }),
        );
        const noteId = `${base}-note`;
        details.append(
          labelled(noteId, words.noteLabel),
          create("textarea", { name: `indicator.${code}.note`, id: noteId, class: "utrecht-textarea", maxlength: String(words.noteMaxLength), ...disabledUntilPicked }),
        );
        field.append(details);
        fieldset.append(field);
      }
      root.append(fieldset);
    }
    return root;
  }

  return { showDetails, setUpFinding, renderPicker };
}
