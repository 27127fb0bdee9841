import { Body, ValidationPipe, type ValidationError } from "@nestjs/common";
import { RestError } from "../errors/rest-error.js";

/** Constraints that mean "the field is missing", as opposed to "the field has the wrong type or value". */
const PRESENCE = new Set(["isDefined", "nestedObjectPresent"]);

/**
 * Validates a v3 request body against its DTO the REST Proxy's way: no body at all is 422/42206 "Payload error.
 * Request body is empty. Data is required."; a missing required field is 422/42206 naming it; a field of the wrong
 * type is 400/400 (the REST Proxy's JSON deserialization error). Values the engine judges (a partition count below
 * 1, an unknown config) are left to the engine and its Kafka error codes.
 */
class V3BodyPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => bodyError(errors),
    });
  }

  override async transform(value: unknown, metadata: Parameters<ValidationPipe["transform"]>[1]): Promise<unknown> {
    if (value === undefined || value === null || value === "") throw payloadError("Request body is empty. Data is required.");
    if (typeof value !== "object" || Array.isArray(value)) throw new RestError(400, 400, "The request body must be a JSON object.");
    return super.transform(value, metadata);
  }
}

/** `@V3Body()`: the request body, validated against the parameter's DTO class. */
export const V3Body = (): ParameterDecorator => Body(new V3BodyPipe());

/** The REST Proxy's 422 for unprocessable input: "Payload error. <cause>". */
export function payloadError(cause: string): RestError {
  return new RestError(422, 42206, `Payload error. ${cause}`);
}

function bodyError(errors: ValidationError[]): RestError {
  const flat = flatten(errors);
  const missing = flat.filter(({ constraints }) => Object.keys(constraints).some((name) => PRESENCE.has(name)));
  if (missing.length > 0) return payloadError(missing.map(({ path }) => `${path} is required.`).join(" "));
  return new RestError(400, 400, flat.flatMap(({ constraints }) => Object.values(constraints)).join("; "));
}

function flatten(errors: ValidationError[], prefix = ""): { path: string; constraints: Record<string, string> }[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    // class-validator's messages start with the property alone ("name must be a string"): give the full path.
    const constraints = Object.fromEntries(
      Object.entries(error.constraints ?? {}).map(([name, message]) => [name, message.startsWith(`${error.property} `) ? `${path}${message.slice(error.property.length)}` : message]),
    );
    const own = error.constraints ? [{ path, constraints }] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
