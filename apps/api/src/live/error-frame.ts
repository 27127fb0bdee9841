import type { Logger } from "@nestjs/common";
import { KafkaError } from "@skein/broker";
import { restErrorForKafka } from "../errors/kafka-error-mapping.js";
import { RestError } from "../errors/rest-error.js";
import { FrameError } from "./live-protocol.js";

/** The `error` frame for a failure on the WebSocket, with the REST error code a REST client would get. */
export function errorFrame(error: unknown, logger: Logger, id?: string): object {
  let errorCode: number;
  let message: string;
  if (error instanceof FrameError) {
    ({ errorCode, message } = error);
    id = error.id ?? id;
  } else if (error instanceof RestError) {
    ({ errorCode, message } = error);
  } else if (error instanceof KafkaError) {
    ({ errorCode, message } = restErrorForKafka(error));
  } else {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    errorCode = 500;
    message = "Internal server error";
  }
  return id === undefined ? { type: "error", error_code: errorCode, message } : { type: "error", id, error_code: errorCode, message };
}
