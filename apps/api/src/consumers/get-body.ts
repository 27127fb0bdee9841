import { httpError } from "../errors/rest-error.js";

/** A JSON body sent with GET (the REST Proxy reads committed offsets that way); Fastify does not read GET bodies. */
export async function readGetBody(raw: NodeJS.ReadableStream): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of raw) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw httpError(400, `Malformed JSON: ${(error as Error).message}`);
  }
}
