// A bundled portal page: the package from npm is ready on import (top-level
// await); the bundler finds the .wasm through `new URL(…, import.meta.url)`.
import { attach } from "@ind/signal-indicators";
import { fieldMap } from "../script-tag/public/field-map.js";

attach(document.getElementById("signal-form"), {
  locale: "nl",
  fieldMap,
  indicatorsContainer: document.getElementById("indicatoren"),
  scorePanel: document.getElementById("advies"),
});
document.documentElement.dataset.ready = "true";
