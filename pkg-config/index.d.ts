export { SignalEngine, inputFromFormData, recordSchema, catalogSchema, renderPicker, diffCatalogs, catalogImpact, describeCatalog } from "./web/signal_indicators.js";
import type { AttachOptions, AttachHandle, FormElementLike, Issue, SignalRecord, SubmissionBody, SubmissionOptions, Submission } from "./web/signal_indicators.js";
/** Attaches the engine to an existing form: picker, live validation, advice panel, record on submit. */
export declare function attach(form: FormElementLike, options?: AttachOptions): AttachHandle;
/** The event `attach` dispatches on a valid submit: a `CustomEvent` whose `detail` is the record. */
export type SignalRecordEvent = typeof globalThis extends { CustomEvent: { prototype: infer E } }
  ? Omit<E, "detail"> & { readonly detail: SignalRecord }
  : never;
declare global {
  interface HTMLElementEventMap {
    /** Dispatched by `attach` on a valid submit; `detail` is the record written into the hidden field. */
    "signal-record": SignalRecordEvent;
  }
}
/** The stable codes of thrown errors (SPEC §8.2). */
export type SignalErrorCode = "form.invalid" | "catalog.invalid" | "option.invalid" | "engine.freed" | "unsupported" | "internal";
/** The errors the package throws: `instanceof SignalError` holds for every one, wherever it was made. */
export declare class SignalError extends Error {
  constructor(code: SignalErrorCode, message: string, issues?: Issue[]);
  readonly name: "SignalError";
  readonly code: SignalErrorCode;
  /** The issues behind `form.invalid` and `catalog.invalid`. */
  readonly issues?: Issue[];
}
/** Checks one post on the server: authority, freshness, replay, the no-script path (SPEC §8.3). */
export declare function verifySubmission(body: SubmissionBody, options?: SubmissionOptions): Submission;
export type * from "./web/signal_indicators.js";
/** The crate version. */
export declare const version: string;
