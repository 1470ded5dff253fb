// Reads a hostile JS value into JSON text in ONE call across the JS/wasm
// boundary (SPEC §8.2): a snapshot. Only own, enumerable properties of
// plain objects and arrays are read, each exactly once (a getter runs once
// and its value is what is read; a prototype's members are never read); a
// getter or a proxy trap that throws is caught. Sizes are counted
// before anything is copied, depth is bounded (the recursion is at most
// `depthLimit` deep), cycles and exotic values become a `type` finding with
// `false` in their place, lone surrogates become U+FFFD with a
// `text.replaced` warning. The result is the JSON text
// `[value, [[path, code], ...], tooLarge]`; the Rust side parses it.

const OBJECT_PROTOTYPE = Object.getPrototypeOf({});
// A surrogate pair, or a lone surrogate (no lookbehind: Safari before 16.4
// cannot parse it, and a syntax error here would stop the whole module).
const SURROGATES = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/** Lone surrogates replaced by U+FFFD; pairs kept. */
function toWellFormed(text) {
  return text.replace(SURROGATES, (match) => (match.length === 2 ? match : "\ufffd"));
}

/**
 * UTF-16 indexes of the lone surrogates in `text`, or `null` when there is
 * none: a string crossing into the module has them replaced on the way, and
 * the engine must still know where they were.
 */
export function loneSurrogates(text) {
  if (typeof text.isWellFormed === "function" && text.isWellFormed()) return null;
  const indexes = [];
  for (const match of text.matchAll(SURROGATES)) if (match[0].length === 1) indexes.push(match.index);
  return indexes.length > 0 ? new Uint32Array(indexes) : null;
}

class TooLarge extends Error {}

// JSON text of a copy made here (plain data, bounded depth). JSON.stringify
// is fast but calls any `toJSON` a page added to Object.prototype or
// Array.prototype; then the text is written by hand, which calls nothing.
function serialize(copy) {
  if (!("toJSON" in Array.prototype) && !("toJSON" in OBJECT_PROTOTYPE)) return JSON.stringify(copy);
  const write = (value) => {
    if (value === null || typeof value !== "object") return JSON.stringify(value);
    let text = "";
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) text += (i > 0 ? "," : "") + write(value[i]);
      return "[" + text + "]";
    }
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) text += (i > 0 ? "," : "") + JSON.stringify(keys[i]) + ":" + write(value[keys[i]]);
    return "{" + text + "}";
  };
  return write(copy);
}

// Paths are only written out for findings: while walking, the path is the
// stack of keys and indexes from the root to the current value.
function pointer(keys) {
  let text = "";
  for (const key of keys) text += "/" + String(key).replace(/~/g, "~0").replace(/\//g, "~1");
  return text;
}

export function readHostValue(input, stringUnits, depthLimit, nodeLimit, arrayItems) {
  const findings = [];
  const ancestors = [];
  const path = [];
  let units = 0;
  let nodes = 0;

  // Stands in for a value that could not be read: `false` is of the wrong
  // type for every text field, so the core reports no second issue there.
  const exotic = () => {
    findings.push([pointer(path), "type"]);
    return false;
  };
  const count = (length) => {
    units += length;
    if (units > stringUnits) throw new TooLarge();
  };
  const wellFormed = (text) => (typeof text.isWellFormed === "function" ? text.isWellFormed() : toWellFormed(text) === text);
  const string = (text) => {
    count(text.length);
    if (wellFormed(text)) return text;
    findings.push([pointer(path), "text.replaced"]);
    return toWellFormed(text);
  };

  // A plain copy of `value`, or undefined when it is absent.
  const read = (value, depth) => {
    if (++nodes > nodeLimit) throw new TooLarge();
    switch (typeof value) {
      case "undefined":
      case "boolean":
        return value;
      case "number":
        return Number.isFinite(value) ? value : exotic();
      case "string":
        return string(value);
      case "object":
        break;
      default:
        return exotic(); // bigint, symbol, function
    }
    if (value === null) return null;
    if (depth >= depthLimit) throw new TooLarge();
    if (ancestors.includes(value)) return exotic();
    let isArray;
    try {
      isArray = Array.isArray(value);
    } catch {
      return exotic(); // a revoked proxy
    }
    ancestors.push(value);
    try {
      return isArray ? array(value, depth) : object(value, depth);
    } finally {
      ancestors.pop();
    }
  };

  const array = (value, depth) => {
    let length;
    try {
      length = value.length;
    } catch {
      return exotic();
    }
    if (typeof length !== "number" || !(length >= 0)) return exotic();
    if (length > arrayItems) {
      // Keep only the length: the core reports `array.too-many` unread.
      return new Array(arrayItems + 1).fill(null);
    }
    const items = new Array(length);
    for (let i = 0; i < length; i++) {
      path.push(i);
      let item;
      try {
        item = read(value[i], depth + 1);
      } catch (error) {
        if (error instanceof TooLarge) throw error;
        item = exotic();
      }
      items[i] = item === undefined ? null : item;
      path.pop();
    }
    return items;
  };

  const object = (value, depth) => {
    let keys;
    try {
      const prototype = Object.getPrototypeOf(value);
      // Map, Date, class instances, objects of other realms: not JSON data.
      if (prototype !== null && prototype !== OBJECT_PROTOTYPE) return exotic();
      keys = Object.keys(value); // own, enumerable, string-named
    } catch {
      return exotic();
    }
    const copy = {};
    for (const key of keys) {
      count(key.length);
      path.push(key);
      let member;
      try {
        // One plain read per member: a getter runs once and what it
        // returns is what is read, so validation and record see the same
        // value (SPEC §8.2). A descriptor per member cost far more.
        member = read(value[key], depth + 1);
      } catch (error) {
        if (error instanceof TooLarge) throw error;
        member = exotic(); // `false`: a `type` issue here, not a missing value
      }
      path.pop();
      if (member === undefined) continue;
      // A lone surrogate in a key is replaced silently.
      const name = wellFormed(key) ? key : toWellFormed(key);
      if (name === "__proto__") {
        // Assignment would set the prototype: define it as data instead.
        Object.defineProperty(copy, name, { value: member, enumerable: true, writable: true, configurable: true });
      } else {
        copy[name] = member;
      }
    }
    return copy;
  };

  try {
    const copy = read(input, 0);
    // The copy holds only plain data, at most `depthLimit` deep.
    return serialize([copy === undefined ? null : copy, findings, false]);
  } catch (error) {
    if (error instanceof TooLarge) return "[null,[],true]";
    // Anything else (a stack overflow from an exotic engine state): the
    // input could not be read as data.
    return '[false,[["","type"]],false]';
  }
}

/**
 * A post's entries (FormData, or any iterable of [name, value] pairs) as the
 * JSON text `[name, value, name, value, ...]`, in ONE call across the
 * boundary instead of several per entry. Pairs that are not two strings
 * (FormData's files) are left out, lone surrogates become U+FFFD, at most
 * `limit` entries are read. `null` when `entries` is not iterable or its
 * iteration throws.
 */
export function readEntries(entries, limit) {
  try {
    if (entries === null || typeof entries !== "object" || typeof entries[Symbol.iterator] !== "function") return null;
    const flat = [];
    let count = 0;
    for (const entry of entries) {
      if (++count > limit) break;
      if (!Array.isArray(entry)) continue;
      const name = entry[0];
      const value = entry[1];
      if (typeof name === "string" && typeof value === "string") flat.push(toWellFormed(name), toWellFormed(value));
    }
    return JSON.stringify(flat);
  } catch {
    return null;
  }
}

/**
 * A posted body as the JSON text `[name, value, ...]`, in one call: the
 * entries of a FormData, URLSearchParams or iterable of pairs (as
 * `readEntries`), or else the own enumerable members of an object whose
 * values are strings or arrays of strings (Express's `req.body`), each
 * read once. `null` when `body` is not an object, or reading it throws (a
 * getter, a Proxy trap, an iterator): the post is then refused with an
 * issue, never with an exception thrown through the engine.
 */
export function readBody(body, limit) {
  try {
    if (body === null || typeof body !== "object") return null;
    if (typeof body[Symbol.iterator] === "function") return readEntries(body, limit);
    const flat = [];
    let count = 0;
    for (const [name, value] of Object.entries(body)) {
      if (++count > limit) break;
      if (typeof value === "string") {
        flat.push(toWellFormed(name), toWellFormed(value));
      } else if (Array.isArray(value)) {
        for (const item of value) if (typeof item === "string") flat.push(toWellFormed(name), toWellFormed(item));
      }
    }
    return JSON.stringify(flat);
  } catch {
    return null;
  }
}

/**
 * A lowercase UUID v4 for a record id: `crypto.randomUUID()`, or one made
 * from `crypto.getRandomValues` where `randomUUID` is missing (plain-HTTP
 * pages); `null` when the page has neither (the engine then asks for
 * `options.id`). Here rather than in the module: a few lines of JS instead
 * of 1.4 kB of WebAssembly reaching into `crypto` one property at a time.
 */
export function randomUuid() {
  let crypto;
  try {
    crypto = globalThis.crypto;
    if (crypto == null) return null;
    if (typeof crypto.randomUUID === "function") {
      const id = crypto.randomUUID();
      if (typeof id === "string") return id.toLowerCase();
    }
  } catch {
    if (crypto == null) return null;
    // randomUUID threw: getRandomValues below.
  }
  try {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  } catch {
    return null;
  }
}

/**
 * Splits an options object into one member that is read on its own (a
 * catalog, a function) and a copy of the other members: `[member, rest]`,
 * `[undefined, options]` without that member, `null` when reading the
 * object threw (a hostile getter or proxy).
 */
export function splitMember(options, key) {
  try {
    const member = options[key];
    if (member === undefined) return [undefined, options];
    const rest = {};
    for (const other of Reflect.ownKeys(options)) if (other !== key) rest[other] = options[other];
    return [member, rest];
  } catch {
    return null;
  }
}

/**
 * The module's errors: an `Error` named `SignalError` with a stable `code`
 * and, when given (as JSON text), `issues`. `instanceof SignalError` holds
 * by name (the package's `SignalError` class), wherever it was made.
 */
export function signalError(code, message, issues) {
  const error = new Error(message);
  error.name = "SignalError";
  error.code = code;
  if (issues !== undefined) error.issues = JSON.parse(issues);
  return error;
}
