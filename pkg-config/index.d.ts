export { SignalEngine, inputFromFormData, recordSchema, catalogSchema } from "./web/signal_indicators.js";
export type * from "./web/signal_indicators.js";
/** The crate version. */
export declare const version: string;
