// A portal that draws the errors itself, beside its own checks: attach with
// `summary: "host"` draws no summary, no inline texts and no aria-invalid,
// and after every evaluation tells the form every issue in a
// `signal-issues` event (an invalid submit is still cancelled).
// tests/browser/portal-form.test.mjs runs it on a portal page.
// #region own-validation
/** Draws the engine's errors the portal's way: one message under each control, in the portal's own class. */
export function drawSignalIssues(form, { issues }) {
  for (const old of form.querySelectorAll(".portal-error")) old.remove();
  for (const issue of issues) {
    if (issue.severity !== "error" || issue.control === null) continue;
    const control = [...form.elements].find((element) => element.name === issue.control);
    if (!control || control.nextElementSibling?.classList.contains("portal-error")) continue;
    const message = document.createElement("p");
    message.className = "portal-error";
    message.textContent = `${issue.label}: ${issue.message}`; // text, never HTML
    control.after(message);
    control.setAttribute("aria-invalid", "true");
  }
}

// attach(form, { summary: "host", fieldMap, ... }) and then:
// form.addEventListener("signal-issues", (event) => drawSignalIssues(form, event.detail));
// #endregion
