// The public API of one build (web, full or node) over its wasm-bindgen
// bindings (SPEC §8). `SignalEngine` is a small class of our own around the
// generated one, so a call on a freed engine throws SignalError
// "engine.freed" and free() may be called twice, without touching the
// generated code. attach() lives in attach.js, imported only by the entry
// function that calls it, so a bundle that never attaches leaves it out.

/**
 * The errors the package throws (SPEC §8.2): a real `Error` named
 * `SignalError` with a stable `code` and, where relevant, `issues`. Errors
 * made inside the module are plain `Error`s of that name, so `instanceof`
 * goes by the name: every SignalError, wherever it was made, is one.
 */
export class SignalError extends Error {
  constructor(code, message, issues) {
    super(message);
    this.name = "SignalError";
    this.code = code;
    if (issues !== undefined) this.issues = issues;
  }

  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === "SignalError";
  }
}

/** A SignalError without issues. */
export function signalError(code, message) {
  return new SignalError(code, message);
}

/** The generated engine behind each of our engines; gone once freed. */
const generated = new WeakMap();

function live(engine) {
  const inner = generated.get(engine);
  if (!inner) throw signalError("engine.freed", "the engine was freed and can no longer be used");
  return inner;
}

/** Our `SignalEngine` around the generated class: every method and getter of it, forwarded. */
function engineClass(Generated) {
  class SignalEngine {
    constructor(options) {
      generated.set(this, new Generated(options));
    }

    /** Releases the engine's memory; later calls throw "engine.freed". */
    free() {
      const inner = generated.get(this);
      generated.delete(this);
      inner?.free();
    }
  }
  if (typeof Symbol.dispose === "symbol") {
    SignalEngine.prototype[Symbol.dispose] = SignalEngine.prototype.free;
  }
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(Generated.prototype))) {
    // constructor and free are ours; "__"-names are the generated class's internals.
    if (Object.hasOwn(SignalEngine.prototype, name) || name.startsWith("__")) continue;
    if (typeof descriptor.value === "function") {
      const method = descriptor.value;
      Object.defineProperty(SignalEngine.prototype, name, {
        value(...args) {
          return method.apply(live(this), args);
        },
        writable: true,
        configurable: true,
      });
    } else if (typeof descriptor.get === "function") {
      const get = descriptor.get;
      Object.defineProperty(SignalEngine.prototype, name, {
        get() {
          return get.call(live(this));
        },
        configurable: true,
      });
    }
  }
  return SignalEngine;
}

/** The public API over the bindings of one build. */
export function bind(bindings) {
  const SignalEngine = engineClass(bindings.SignalEngine);
  return {
    SignalEngine,
    inputFromFormData: bindings.inputFromFormData,
    recordSchema: bindings.recordSchema,
    catalogSchema: bindings.catalogSchema,
    renderPicker: bindings.renderPicker,
    /** Every difference between two catalogs, keyed by codes (SPEC §12.5). */
    diffCatalogs: bindings.diffCatalogs,
    /** Each stored record evaluated under the old and the new catalog (SPEC §12.5). */
    catalogImpact: bindings.catalogImpact,
    /** The logic a catalog sets, readable, as Markdown or HTML (SPEC §12.5). */
    describeCatalog: bindings.describeCatalog,
    /** What attach() needs of this build: its checked settings and the form's session with `engine`. */
    attachSettings: (options, engine) => bindings.attachSettings(options, live(engine)),
    signalError,
    /** Checks one post on the server (SPEC §8.3); see the README. */
    verifySubmission(body, options) {
      const given = options !== null && typeof options === "object" ? options : {};
      let engine;
      let rest;
      try {
        ({ engine, ...rest } = given);
      } catch {
        throw signalError("option.invalid", "the options could not be read");
      }
      if (engine !== undefined && engine !== null && !(engine instanceof SignalEngine)) {
        throw signalError("option.invalid", "engine must be a SignalEngine");
      }
      const used = engine ?? new SignalEngine();
      try {
        return used.verifySubmission(body, rest);
      } finally {
        if (!engine) used.free();
      }
    },
  };
}
