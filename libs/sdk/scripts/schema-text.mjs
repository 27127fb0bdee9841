// The TypeScript of schema.ts for an OpenAPI document: openapi-typescript's output under a header saying so.
import openapiTS, { astToString } from "openapi-typescript";

export const HEADER = "// Generated from openapi.json by openapi-typescript (npm run generate -w @skein/sdk). Do not edit.\n\n";

/** The schema.ts text for `document`. */
export async function schemaText(document) {
  return HEADER + astToString(await openapiTS(document));
}

/** The document as openapi.json holds it. */
export function documentText(document) {
  return `${JSON.stringify(document, null, 2)}\n`;
}
