// Vite 7 and 8. Vite 7's default build target predates top-level await, so
// the target is named; the dev server must not pre-bundle the package (its
// .wasm is found next to its own module). Vite 8 needs neither, and both
// settings are harmless there.
export default {
  build: { target: "es2022" },
  optimizeDeps: { exclude: ["@ind/signal-indicators"] },
};
