// webpack 5: top-level await and the .wasm (an asset found through
// `new URL(…, import.meta.url)`) work without loaders or experiments. The
// public path is named because a module script has no
// `document.currentScript` for webpack's "auto".
import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  context: fileURLToPath(new URL(".", import.meta.url)),
  entry: { main: "./main.js" },
  output: { path: fileURLToPath(new URL("dist/", import.meta.url)), publicPath: "/", clean: true },
};
