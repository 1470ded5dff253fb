// attach(form, options): the engine on a live host form (SPEC §9).
//
// The host's own controls are read through FormData and the same name
// mapping as inputFromFormData; an indicator picker of native controls is
// rendered into the form; errors appear per touched field with
// aria-invalid/aria-describedby; a score panel shows the advice; a valid
// submit writes the record into a hidden field and dispatches a cancelable
// `signal-record` event. Officer text is only ever set as text
// (textContent, attribute values), and nothing the officer typed is cleared
// or rewritten. detach() removes every listener and injected node and
// restores every attribute it changed.
//
// The rules stay in the engine: options are checked by the module
// (attachSettings); one form session (engine.session) gives, per edit and per
// submit, the form as read, its evaluation, the control each issue is about
// and, on a valid submit, the record. This file holds the component's state and
// its events; the panel (attach/panel.js), the picker (attach/picker.js)
// and the words (attach/words.js) are drawn by their own files.

import { WORDS, idSafe, isElement } from "./attach/words.js";
import { panelRenderer } from "./attach/panel.js";
import { pickerParts } from "./attach/picker.js";


/** Forms with an engine attached: a second attach would render everything twice. */
const attachedForms = new WeakSet();

/**
 * Attaches the engine to an existing form (SPEC §9).
 * @param api `{ SignalEngine, attachSettings, signalError }` of one build
 */
export function attachForm(api, form, options) {
  if (!isElement(form) || form.tagName !== "FORM" || !form.ownerDocument) {
    throw api.signalError("option.invalid", "attach needs a <form> element in a document");
  }
  if (attachedForms.has(form)) {
    throw api.signalError("option.invalid", "this form is already attached; detach() it first");
  }
  const given = options !== null && typeof options === "object" ? options : {};
  const { engine: hostEngine, indicatorsContainer, scorePanel, ...plain } = given;
  if (hostEngine !== undefined && hostEngine !== null && !(hostEngine instanceof api.SignalEngine)) {
    throw api.signalError("option.invalid", "engine must be a SignalEngine");
  }
  const ownEngine = hostEngine ? null : new api.SignalEngine(plain.locale ? { locale: plain.locale } : undefined);
  const engine = hostEngine ?? ownEngine;
  let settings;
  try {
    settings = api.attachSettings(plain, engine);
  } catch (error) {
    ownEngine?.free();
    throw error;
  }
  const document = form.ownerDocument;
  const locale = settings.locale;
  // The panel's words live here; the picker's come with the settings.
  const words = { ...(WORDS[locale] ?? WORDS.nl), ...settings.picker };
  const catalog = engine.catalog();
  const fieldMap = settings.fieldMap;
  // One session per form, made with the settings: the mapping is checked
  // once, and each edit and each submit crosses into the module once, read
  // once, with the control of every issue; it keeps working if a host's
  // engine is freed while attached.
  const session = settings.session;
  // Every mapped name must be a control of the form: a typo would otherwise
  // leave a field silently unread.
  for (const [path, name] of Object.entries(fieldMap)) {
    if (![...form.querySelectorAll("[name]")].some((element) => element.getAttribute("name") === name)) {
      session.free();
      ownEngine?.free();
      throw api.signalError("option.invalid", `fieldMap "${path}": the form has no control named "${name}"`);
    }
  }
  // With `summary: "host"` the host's own validation draws the errors: this
  // component draws no summary, no inline texts and no aria-invalid, and
  // tells the host every issue in a `signal-issues` event instead.
  const hostDraws = settings.summary === "host";
  const heading = `h${settings.headingLevel}`;
  const subheading = `h${Math.min(settings.headingLevel + 1, 6)}`;

  const injected = []; // nodes this component created
  const changed = []; // [element, attribute, original value] on host controls
  let errors = []; // error messages shown
  let summary = null;
  const touched = new Set();
  let submitTried = false;
  // What the last refresh drew, to skip drawing it again: the field
  // errors and the advice panel apart (typing a summary changes its length
  // message for a while, but not the advice).
  let lastFields = "";
  let lastPanel = "";
  let nextId = 0;
  let attached = true;

  const create = (tag, attributes = {}) => {
    const element = document.createElement(tag);
    element.setAttribute("lang", locale);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  };
  const textElement = (tag, text, attributes) => {
    const element = create(tag, attributes);
    element.textContent = text;
    return element;
  };
  const text = (labels) => labels?.[locale] ?? labels?.[catalog.locales?.[0]] ?? "";
  const categoryLabel = (code) => {
    const category = catalog.categories.find((c) => c.code === code);
    return category ? text(category.labels) : code;
  };
  const controlName = (path) => fieldMap[path] ?? path;
  // The control each issue shown is about, as the engine named it.
  const targets = new WeakMap();
  /** A session's result, with each issue's control kept for drawing. */
  function tracked(state) {
    state.evaluation.issues.forEach((issue, index) => targets.set(issue, state.controls[index] ?? undefined));
    return state;
  }
  // What the panel and the picker draw with.
  const ui = { document, locale, words, catalog, create, textElement, text, categoryLabel, heading, subheading, injected, remember };
  const { showDetails, setUpFinding, renderPicker } = pickerParts(ui);

  /** The form's text entries, as a native submit would post them. */
  function formEntries() {
    const entries = [];
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string") entries.push([name, value]);
    }
    return entries;
  }

  // While drawing, the form's named controls by name, read at the first
  // lookup and kept until the drawing ends (a drawing adds no named
  // control): one pass over the form per drawing instead of one per issue.
  let drawingIndex = null; // { byName: Map | null } while drawing

  /** The form's named controls by name, in document order; names are compared, never put in a selector. */
  function namedControls() {
    const byName = new Map();
    for (const element of form.querySelectorAll("[name]")) {
      const key = element.getAttribute("name");
      const same = byName.get(key);
      if (same) same.push(element);
      else byName.set(key, [element]);
    }
    return byName;
  }

  /** Controls named `name` (and with `value`, if given). */
  function findControls(name, value) {
    const byName = drawingIndex ? (drawingIndex.byName ??= namedControls()) : namedControls();
    const named = byName.get(name) ?? [];
    return value === undefined ? named : named.filter((element) => element.getAttribute("value") === value);
  }

  /** Runs `draw` with the form's named controls read at most once. */
  function drawing(draw) {
    drawingIndex = { byName: null };
    try {
      return draw();
    } finally {
      drawingIndex = null;
    }
  }

  /** The host or picker control an issue is about. */
  function controlFor(issue) {
    const target = targets.get(issue);
    return target && findControls(target.name, target.value)[0];
  }

  /** Records an attribute's original value once, before the first change. */
  function remember(element, name) {
    if (!changed.some(([e, n]) => n === name && e === element)) changed.push([element, name, element.getAttribute(name)]);
  }

  function restore(element, name, original) {
    if (original === null) element.removeAttribute(name);
    else element.setAttribute(name, original);
  }

  function ensureId(element) {
    if (element.id) return element.id;
    for (;;) {
      const candidate = `signal-indicators-${++nextId}`;
      if (!document.getElementById(candidate)) {
        remember(element, "id");
        element.id = candidate;
        return candidate;
      }
    }
  }

  function clearErrors() {
    for (const message of errors) message.remove();
    errors = [];
    for (const [element, name, original] of changed) {
      if (name === "aria-invalid" || name === "aria-describedby") restore(element, name, original);
    }
  }

  /** The words of a field's own label: the host's `<label>`, else the picker's (with the indicator code). */
  function labelOf(control, path) {
    if (path === "/indicators") return words.indicators;
    const name = control.getAttribute("name") ?? "";
    const kind = control.getAttribute("type") ?? "";
    // A group of boxes sharing a name (sharedWith) is named by its legend.
    const grouped = (kind === "checkbox" || kind === "radio") && name !== "indicator" && findControls(name).length > 1;
    const byFor = control.id ? [...form.querySelectorAll("label")].find((label) => label.htmlFor === control.id) : null;
    const source = grouped ? control.closest("fieldset")?.querySelector("legend") : (byFor ?? control.closest("label"));
    const text = (source?.textContent ?? "").replace(/\s+/g, " ").trim() || control.getAttribute("aria-label") || name;
    const member = /^indicator\.(.+)\.[A-Za-z]+$/.exec(name);
    return member ? `${member[1]} — ${text}` : text;
  }

  /** "V-nummer: vul dit veld in": the field's label, then what to do, so no two lines read alike. */
  /** The control a warning is about: for unshared advice, the box of the first advised partner not shared. */
  function warningControl(issue) {
    if (issue.path === "/sharedWith") {
      const partner = issue.params?.partners?.[0];
      return (partner && findControls(controlName("sharedWith"), partner)[0]) || findControls(controlName("sharedWith"))[0];
    }
    return controlFor(issue);
  }

  function fieldMessage(issue, control) {
    const choose = issue.code === "required" && (control.tagName === "SELECT" || control.getAttribute("type") === "radio");
    const message = choose ? words.chooseValue : issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
    return `${labelOf(control, issue.path)}: ${message.replace(/\.$/, "")}`;
  }

  function render(evaluation, current) {
    renderFields(evaluation);
    renderPanel(evaluation, current);
  }

  /** Each touched field's first error, beside the field. */
  function renderFields(evaluation) {
    clearErrors();
    if (hostDraws) return;
    const shown = [];
    for (const issue of evaluation.issues) {
      if (issue.severity !== "error") continue;
      // An untouched field stays quiet: known from its name, without a lookup.
      const target = targets.get(issue);
      if (!target || (!submitTried && !touched.has(target.name))) continue;
      const control = findControls(target.name, target.value)[0];
      if (!control || shown.includes(control)) continue;
      shown.push(control);
      const messageId = `${ensureId(control)}-error`;
      const message = textElement("p", fieldMessage(issue, control), { id: messageId, class: "utrecht-form-field-error-message" });
      // A group of checkboxes or radios gets one message at the end of its
      // fieldset, not inside the first box's label.
      const kind = control.getAttribute("type") ?? "";
      const fieldset = kind === "checkbox" || kind === "radio" ? control.closest("fieldset") : null;
      if (fieldset && !fieldset.className.includes("signal-indicators")) fieldset.append(message);
      else control.after(message);
      errors.push(message);
      remember(control, "aria-invalid");
      remember(control, "aria-describedby");
      const existing = control.getAttribute("aria-describedby");
      const described =
        existing === null ? messageId : existing.split(/\s+/).includes(messageId) ? existing : `${existing} ${messageId}`;
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", described);
    }
  }

  /** A partner's name as officers read it (the catalog's label; the code where it has none). */
  /** Tells a host that draws its own errors every issue, with its control and label (SPEC §12.4). */
  function dispatchIssues(evaluation) {
    const issues = drawing(() =>
      evaluation.issues.map((issue) => {
        const control = controlFor(issue);
        return {
          code: issue.code,
          severity: issue.severity,
          path: issue.path,
          message: issue.message,
          control: control?.getAttribute("name") ?? null,
          label: control ? labelOf(control, issue.path) : "",
        };
      }),
    );
    form.dispatchEvent(new CustomEvent("signal-issues", { detail: { issues }, bubbles: true, cancelable: false }));
  }

  function removeSummary() {
    if (summary) {
      summary.remove();
      injected.splice(injected.indexOf(summary), 1);
      summary = null;
    }
  }

  /** The error summary at the top of the form, returned for the caller to focus. */
  function renderSummary(evaluation) {
    removeSummary();
    const headingId = "signal-indicators-summary-heading";
    const box = create("div", {
      class: "utrecht-alert utrecht-alert--error signal-indicators-summary",
      tabindex: "-1",
      role: "group",
      "aria-labelledby": headingId,
    });
    box.append(textElement(heading, words.summary, { id: headingId }));
    const list = create("ul");
    const linked = [];
    for (const issue of evaluation.issues) {
      if (issue.severity !== "error") continue;
      const item = create("li");
      const control = controlFor(issue);
      if (control) {
        if (linked.includes(control)) continue;
        linked.push(control);
        item.append(textElement("a", fieldMessage(issue, control), { href: `#${ensureId(control)}` }));
      } else {
        item.textContent = issue.message;
      }
      list.append(item);
    }
    box.append(list);
    form.prepend(box);
    injected.push(box);
    summary = box;
    return box;
  }

  // No lost clicks: while the pointer is down on a button, what the focus
  // change (and its change event) would draw waits until the click was
  // handled, so nothing moves under the pointer (SPEC §12.4).
  let holdUntil = 0;
  let heldRefresh = false;
  function onPointerDown(event) {
    const target = isElement(event.target) ? event.target : null;
    const button = target?.closest('button, input[type="submit"], input[type="button"], input[type="reset"], input[type="image"]');
    // A press that never ends (the pointer taken elsewhere) holds at most two seconds.
    if (button && form.contains(button)) holdUntil = Date.now() + 2000;
  }
  function onPointerUp() {
    if (holdUntil === 0) return;
    // After the click this pointerup leads to (dispatched in the same task) was handled.
    setTimeout(() => {
      holdUntil = 0;
      if (heldRefresh && attached) {
        heldRefresh = false;
        refresh();
      }
    }, 0);
  }

  /** Re-evaluates on every edit: the post's entries cross into the module once. */
  function refresh() {
    if (Date.now() < holdUntil) {
      heldRefresh = true;
      return;
    }
    let state;
    try {
      state = tracked(session.update(formEntries()));
    } catch {
      return; // not expected: the form still submits natively
    }
    const { evaluation, input } = state;
    // What the panel explains of the input: the picked indicators and their
    // grading ("bron B, informatie 2"), not the text being typed.
    const picked = { indicators: (input.indicators ?? []).map(({ code, reliability, credibility }) => ({ code, reliability, credibility })) };
    if (summary && evaluation.valid) removeSummary();
    // Most keystrokes change no issue and no advice (typing a summary): then
    // the page already shows this evaluation and nothing is redrawn; and
    // what did change is redrawn alone.
    // (`valid` follows from the issues; the rest is what the panel shows:
    // the field messages draw the errors, the panel the warnings.)
    const { issues, valid, ...advice } = evaluation;
    const fields = JSON.stringify([issues.filter((i) => i.severity === "error"), picked.indicators.map((i) => i.code), [...touched], submitTried]);
    const panelShown = JSON.stringify([advice, issues.filter((i) => i.severity === "warning"), picked]);
    if (fields !== lastFields) {
      lastFields = fields;
      drawing(() => renderFields(evaluation));
    }
    if (panelShown !== lastPanel) {
      lastPanel = panelShown;
      drawing(() => renderPanel(evaluation, picked));
    }
    if (hostDraws) dispatchIssues(evaluation);
  }

  function onEdit(event) {
    if (!attached) return;
    const target = isElement(event.target) ? event.target : null;
    const name = target?.getAttribute("name");
    if (event.type !== "input" && name) touched.add(name);
    // Show or hide the grading controls of a picked indicator.
    if (name === "indicator" && target.type === "checkbox") {
      showDetails(target.id, target.checked);
      filter.update();
    }
    refresh();
  }

  // Double submits (SPEC §12.4): once a submit was let through, further
  // submits of the form are cancelled until the page is left, shown again
  // from the back-forward cache, or 10 s pass without leaving.
  let busyUntil = 0;
  const onPageHide = () => (busyUntil = 0);
  const onPageShow = (event) => {
    if (event.persisted) busyUntil = 0;
  };
  function letThrough(event) {
    busyUntil = Date.now() + 10_000;
    // A later listener (the host's own validation) may still cancel it: then nothing left.
    setTimeout(() => {
      if (event.defaultPrevented) busyUntil = 0;
    }, 0);
  }
  function onSubmit(event) {
    if (!attached) return;
    if (Date.now() < busyUntil) {
      event.preventDefault();
      return;
    }
    // A draft (a `formnovalidate` button) goes without validation and without a record.
    if (event.submitter?.hasAttribute("formnovalidate")) {
      const field = findControls(settings.recordField)[0];
      if (field && "value" in field) field.value = "";
      letThrough(event);
      return;
    }
    holdUntil = 0;
    heldRefresh = false;
    submitTried = true;
    lastFields = lastPanel = "";
    let state;
    try {
      state = tracked(session.submit(formEntries()));
    } catch {
      return; // not expected: the form still submits natively, without a record
    }
    const { evaluation, input: current, record } = state;
    if (!evaluation.valid) {
      event.preventDefault();
      if (hostDraws) {
        drawing(() => renderPanel(evaluation, current));
        dispatchIssues(evaluation);
        return;
      }
      const shown = drawing(() => {
        render(evaluation, current);
        return renderSummary(evaluation);
      });
      shown.focus();
      return;
    }
    removeSummary();
    if (hostDraws) dispatchIssues(evaluation);
    const field = findControls(settings.recordField)[0];
    if (field && "value" in field) field.value = JSON.stringify(record);
    const proceed = form.dispatchEvent(new CustomEvent("signal-record", { detail: record, cancelable: true, bubbles: true }));
    if (!proceed || settings.submitMode === "event-only") event.preventDefault();
    else letThrough(event);
  }

  /** A link of the error summary or of the "Let op" list moves focus to its control. */
  function onClick(event) {
    if (!attached) return;
    const link = isElement(event.target) ? event.target.closest("a") : null;
    const warningLink = link && panel.contains(link) && link.closest(".signal-indicators-warnings");
    if (!link || !((summary && summary.contains(link)) || warningLink)) return;
    const target = document.getElementById((link.getAttribute("href") ?? "").replace(/^#/, ""));
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }

  /** Fills empty host controls and the picker from `initial`: nothing typed is overwritten. */
  function prefill() {
    for (const [name, value] of settings.prefill) {
      for (const element of findControls(name)) {
        const kind = element.getAttribute("type") ?? "";
        if (kind === "checkbox" || kind === "radio") {
          const own = element.getAttribute("value") ?? "on";
          if (own === value || (value === "true" && kind === "checkbox")) element.checked = true;
        } else if (element.value === "") {
          element.value = value;
        }
      }
      if (name === "indicator") showDetails(`signal-indicators-${idSafe(value)}`, true);
    }
  }

  const live = create("p", { "aria-live": "polite", class: "signal-indicators-announcement" });
  let panelRoot = isElement(scorePanel) ? scorePanel : null;
  if (!panelRoot) {
    panelRoot = create("section", { class: "signal-indicators-panel" });
    form.append(panelRoot);
    injected.push(panelRoot);
  }
  const panel = create("div", { class: "signal-indicators-advice" });
  panelRoot.append(panel, live);
  injected.push(panel, live);
  const renderPanel = panelRenderer(ui, { panel, live, warningControl, ensureId, fieldMessage });
  const pickerParent = isElement(indicatorsContainer) ? indicatorsContainer : form;
  // A picker the server rendered (renderPicker, the CLI, or the host's own
  // markup with the contract's names) is adopted: its controls and what they
  // hold stay, nothing is rendered twice.
  const adopted = [...pickerParent.querySelectorAll('input[type="checkbox"][name="indicator"]')];
  if (adopted.length > 0) {
    for (const box of adopted) {
      const details = document.getElementById(`${box.id}-details`);
      if (!details) continue;
      remember(details, "hidden");
      remember(details, "open");
      for (const control of details.querySelectorAll("input, select, textarea")) remember(control, "disabled");
      showDetails(box.id, box.checked);
    }
  } else {
    const picker = renderPicker();
    pickerParent.append(picker);
    injected.push(picker);
  }
  prefill();
  const filter = setUpFinding(pickerParent.querySelector(".signal-indicators-picker") ?? pickerParent);
  if (findControls(settings.recordField).length === 0) {
    const hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = settings.recordField;
    form.append(hidden);
    injected.push(hidden);
  }

  const listeners = [
    ["input", onEdit],
    ["change", onEdit],
    ["focusout", onEdit],
    ["submit", onSubmit],
    ["click", onClick],
  ];
  for (const [type, listener] of listeners) form.addEventListener(type, listener);
  const view = document.defaultView;
  const windowListeners = [
    ["pointerdown", onPointerDown],
    ["pointerup", onPointerUp],
    ["pointercancel", onPointerUp],
    ["pagehide", onPageHide],
    ["pageshow", onPageShow],
  ];
  for (const [type, listener] of windowListeners) view?.addEventListener(type, listener, true);
  // The panel may stand outside the form (scorePanel): its links are followed there.
  const panelOutside = !form.contains(panelRoot);
  if (panelOutside) panelRoot.addEventListener("click", onClick);
  attachedForms.add(form);
  refresh();

  return {
    /** The current evaluation of the form. */
    evaluate() {
      if (!attached) throw api.signalError("option.invalid", "the form was detached");
      return session.update(formEntries()).evaluation;
    },
    /** Removes every listener and injected node and restores every changed attribute; twice is harmless. */
    detach() {
      if (!attached) return;
      attached = false;
      attachedForms.delete(form);
      filter.remove();
      for (const [type, listener] of listeners) form.removeEventListener(type, listener);
      for (const [type, listener] of windowListeners) view?.removeEventListener(type, listener, true);
      if (panelOutside) panelRoot.removeEventListener("click", onClick);
      clearErrors();
      for (const node of injected.splice(0).reverse()) node.remove();
      for (const [element, name, original] of changed.splice(0).reverse()) restore(element, name, original);
      session.free();
      ownEngine?.free();
    },
  };
}
