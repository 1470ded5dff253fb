// The page's module, served by the portal itself. The package directory is
// served as it is under /static/signal-indicators/.
import init, { attach } from "/static/signal-indicators/web.js";
import { fieldMap } from "/field-map.js";

await init(); // fetches /static/signal-indicators/web/signal_indicators_bg.wasm
attach(document.getElementById("signal-form"), {
  locale: "nl",
  fieldMap,
  indicatorsContainer: document.getElementById("indicatoren"),
  scorePanel: document.getElementById("advies"),
});
