// The host page's own script: shows the context fields that apply, switches
// language, and attaches the component with the portal's own field names.
import init, { attach } from "/pkg/web.js";
import { fieldMap } from "./field-map.js";

const english = new URLSearchParams(location.search).get("lang") === "en";
if (english) {
  document.documentElement.lang = "en";
  document.title = "Register a signal — Case IND-2026-000123 — IND case portal (demo)";
  for (const element of document.querySelectorAll("[data-en]")) element.textContent = element.dataset.en;
  for (const element of document.querySelectorAll("[data-en-aria-label]")) element.setAttribute("aria-label", element.dataset.enAriaLabel);
  const switcher = document.getElementById("language");
  switcher.textContent = "Nederlands";
  switcher.lang = "nl";
  switcher.href = "?";
}

const form = document.getElementById("signal-form");
const context = document.getElementById("aanleiding");
function showContext() {
  for (const section of document.querySelectorAll(".portal-conditional")) {
    section.hidden = section.dataset.context !== context.value;
  }
}
context.addEventListener("change", showContext);
showContext();

let loaded = false;
try {
  await init();
  loaded = true;
} catch (error) {
  // Without the module the form still posts natively; the server rebuilds
  // the input with inputFromFormData and validates it there.
  console.warn("signal-indicators could not load; the form submits without a record.", error);
  document.documentElement.dataset.ready = "without-module";
}
if (loaded) {
  attach(form, {
    locale: english ? "en" : "nl",
    indicatorsContainer: document.getElementById("indicatoren"),
    scorePanel: document.getElementById("advies"),
    fieldMap,
  });
  document.documentElement.dataset.ready = "true";
}
