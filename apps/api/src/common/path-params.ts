import { httpError } from "../errors/rest-error.js";

/**
 * An integer path parameter (broker id, partition id). Like the REST Proxy (JAX-RS), a value that is not an
 * integer means the resource does not exist: 404, not 400.
 */
export function pathInt(raw: string): number {
  if (!/^-?\d{1,10}$/.test(raw)) throw httpError(404);
  const value = Number(raw);
  if (value < -2147483648 || value > 2147483647) throw httpError(404);
  return value;
}
