import { RestError } from "../errors/rest-error.js";

/**
 * The deepest nesting of arrays and objects accepted in any JSON the service reads (request bodies, streamed
 * records, WebSocket frames). `JSON.parse` itself is iterative, but `JSON.stringify`, validation and rendering
 * recurse and overflow the stack a few thousand levels down; no real message nests this deep. (Jackson, which the
 * REST Proxy parses with, stops at 1,000.)
 */
export const MAX_JSON_DEPTH = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether the JSON text nests arrays and objects deeper than `maxDepth`. A linear scan that only counts brackets
 * outside strings: malformed text is left for `JSON.parse` to refuse.
 */
export function jsonDepthExceeds(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string: to the next quote that no backslash escapes.
      for (i++; i < length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** The error for JSON nested too deeply (400, as for any JSON the service cannot read). */
export function tooDeepError(what = "The JSON"): RestError {
  return new RestError(400, 400, `${what} is nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects.`);
}

/** `JSON.parse` for text from a client: 400 when it is nested too deeply or is not JSON. */
export function parseClientJson(text: string, what = "The JSON"): unknown {
  if (jsonDepthExceeds(text)) throw tooDeepError(what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RestError(400, 400, `${what} is not valid JSON: ${(error as Error).message}`);
  }
}
