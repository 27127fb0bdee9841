import { parseClientJson } from "../common/json-depth.js";
import { httpError } from "../errors/rest-error.js";

/**
 * A JSON body sent with GET (the REST Proxy reads committed offsets that way); Fastify does not read GET bodies.
 * Bounded like every other body: 413 past `limitBytes`, 400 for JSON that is malformed or nested too deeply.
 */
export async function readGetBody(raw: NodeJS.ReadableStream, limitBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > limitBytes) throw httpError(413);
    chunks.push(bytes);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return undefined;
  return parseClientJson(text, "The request body");
}
