// Completes the wasm-bindgen bindings into the public API (SPEC §8):
// calls on a freed engine throw SignalError "engine.freed" instead of a bare
// "null pointer" error, and free() may be called twice.

import { attachForm } from "./attach.js";

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

function signalError(code, message) {
  return new SignalError(code, message);
}

function freedError() {
  return signalError("engine.freed", "the engine was freed and can no longer be used");
}

const finished = new WeakSet();

/** The public API over the bindings of one build (web or node). */
export function api(bindings) {
  finish(bindings);
  return {
    SignalError,
    SignalEngine: bindings.SignalEngine,
    inputFromFormData: bindings.inputFromFormData,
    recordSchema: bindings.recordSchema,
    catalogSchema: bindings.catalogSchema,
    renderPicker: bindings.renderPicker,
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
      if (engine !== undefined && engine !== null && !(engine instanceof bindings.SignalEngine)) {
        throw signalError("option.invalid", "engine must be a SignalEngine");
      }
      const used = engine ?? new bindings.SignalEngine();
      try {
        return used.verifySubmission(body, rest);
      } finally {
        if (!engine) used.free();
      }
    },
    /** Attaches the engine to an existing form (SPEC §9); see the README. */
    attach(form, options) {
      return attachForm(
        {
          SignalEngine: bindings.SignalEngine,
          inputFromFormData: bindings.inputFromFormData,
          attachSettings: bindings.attachSettings,
          signalError,
        },
        form,
        options,
      );
    },
  };
}

/** Wraps the bindings of one build (web or node) once. */
function finish(bindings) {
  const Engine = bindings.SignalEngine;
  if (!finished.has(Engine)) {
    finished.add(Engine);
    const proto = Engine.prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === "constructor") continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (name === "free" && typeof descriptor.value === "function") {
        const free = descriptor.value;
        descriptor.value = function () {
          if (this.__wbg_ptr) free.call(this);
        };
      } else if (typeof descriptor.value === "function" && typeof name === "string") {
        const method = descriptor.value;
        descriptor.value = function (...args) {
          if (!this.__wbg_ptr) throw freedError();
          return method.apply(this, args);
        };
      } else if (typeof descriptor.get === "function") {
        const get = descriptor.get;
        descriptor.get = function () {
          if (!this.__wbg_ptr) throw freedError();
          return get.call(this);
        };
      }
      Object.defineProperty(proto, name, descriptor);
    }
  }
  return bindings;
}
