const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes standard base64 strictly, as the REST Proxy does (Guava's `BaseEncoding.base64()`): only the standard
 * alphabet, no whitespace, padding optional but never misplaced, and no length that leaves a dangling character
 * ("fooba"). Returns null for anything else; Node's `Buffer.from(s, "base64")` would silently accept it.
 */
export function decodeStrictBase64(text: string): Buffer | null {
  if (!BASE64_ALPHABET.test(text)) return null;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const dataLength = text.length - padding;
  if (dataLength % 4 === 1) return null;
  if (padding > 0 && text.length % 4 !== 0) return null;
  return Buffer.from(text, "base64");
}
