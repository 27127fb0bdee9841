import type { Logger } from "@nestjs/common";
import { restErrorFor } from "../errors/rest-error-for.js";
import { FrameError } from "./live-protocol.js";

/** The `error` frame for a failure on the WebSocket, with the REST error code a REST client would get. */
export function errorFrame(error: unknown, logger: Logger, id?: string): object {
  let errorCode: number;
  let message: string;
  if (error instanceof FrameError) {
    ({ errorCode, message } = error);
    id = error.id ?? id;
  } else {
    const rest = restErrorFor(error);
    ({ errorCode, message } = rest);
    // An unexpected failure is logged with its stack (the frame says only "Internal server error"); known server
    // conditions (a full disk, corrupt data, the metadata database away) as warnings.
    if (rest.errorCode === 500) {
      logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      message = "Internal server error";
    } else if (rest.status >= 500) {
      logger.warn(`WebSocket ${id ?? ""}: ${rest.status} ${rest.errorCode} ${rest.message}`);
    }
  }
  return id === undefined ? { type: "error", error_code: errorCode, message } : { type: "error", id, error_code: errorCode, message };
}
