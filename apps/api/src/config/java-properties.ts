/** One `key=value` of a properties file, with the line it starts on (for messages). */
export interface PropertyEntry {
  key: string;
  value: string;
  line: number;
}

/** A properties file that cannot be read as `java.util.Properties` would read it. */
export class PropertiesSyntaxError extends Error {
  override readonly name = "PropertiesSyntaxError";
}

const WHITESPACE = new Set([" ", "\t", "\f"]);

/**
 * Parses text with the rules of `java.util.Properties.load`, which Kafka uses for `server.properties`: comment lines
 * start with `#` or `!`; a key ends at the first unescaped `=`, `:` or whitespace (`key=value`, `key: value`,
 * `key value`); a line ending in an odd number of backslashes continues on the next, whose leading whitespace is
 * dropped; `\t`, `\n`, `\r`, `\f`, `\uXXXX` and `\<char>` are escapes. Trailing whitespace of a value is kept, as
 * Java keeps it (Kafka trims config values when it parses them). Every entry is returned in file order, a key given
 * twice included; the last one wins, as in Java. Text is taken as it is (the service reads the file as UTF-8, where
 * Java's `load(InputStream)` reads ISO-8859-1; configs are ASCII).
 */
export function parseProperties(text: string): PropertyEntry[] {
  const entries: PropertyEntry[] = [];
  for (const { text: logical, line } of logicalLines(text)) {
    const { key, value } = splitKeyValue(logical, line);
    entries.push({ key, value, line });
  }
  return entries;
}

/** The logical lines: comments and blank lines dropped, continued lines joined. */
function* logicalLines(text: string): Generator<{ text: string; line: number }> {
  const natural = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < natural.length; i++) {
    const start = i + 1;
    let current = stripLeadingWhitespace(natural[i]!);
    if (current === "" || current.startsWith("#") || current.startsWith("!")) continue;
    while (endsWithContinuation(current)) {
      current = current.slice(0, -1);
      if (i + 1 >= natural.length) break;
      // A continued line is never a comment, even when it starts with '#'.
      current += stripLeadingWhitespace(natural[++i]!);
    }
    yield { text: current, line: start };
  }
}

function stripLeadingWhitespace(text: string): string {
  let i = 0;
  while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  return text.slice(i);
}

/** An odd number of trailing backslashes: the last one continues the line (an even number are escaped backslashes). */
function endsWithContinuation(text: string): boolean {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === "\\"; i--) count++;
  return count % 2 === 1;
}

function splitKeyValue(text: string, line: number): { key: string; value: string } {
  let keyEnd = 0;
  while (keyEnd < text.length) {
    const char = text[keyEnd]!;
    if (char === "\\") {
      keyEnd += 2;
      continue;
    }
    if (char === "=" || char === ":" || WHITESPACE.has(char)) break;
    keyEnd++;
  }
  keyEnd = Math.min(keyEnd, text.length);
  let valueStart = keyEnd;
  while (valueStart < text.length && WHITESPACE.has(text[valueStart]!)) valueStart++;
  if (valueStart < text.length && (text[valueStart] === "=" || text[valueStart] === ":")) valueStart++;
  while (valueStart < text.length && WHITESPACE.has(text[valueStart]!)) valueStart++;
  return { key: unescape(text.slice(0, keyEnd), line), value: unescape(text.slice(valueStart), line) };
}

const SIMPLE_ESCAPES: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f" };

function unescape(text: string, line: number): string {
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char !== "\\") {
      out += char;
      continue;
    }
    const next = text[++i];
    if (next === undefined) break;
    if (next === "u") {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PropertiesSyntaxError(`line ${line}: malformed \\uxxxx escape`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
    }
  }
  return out;
}
