import { Catch } from "@nestjs/common";
import { RestExceptionFilter } from "../errors/rest-exception.filter.js";
import { V2_JSON } from "./v2-media-types.js";

/**
 * The service's error bodies (`{"error_code", "message"}`), answered as `application/vnd.kafka.v2+json` like every
 * v2 response of the REST Proxy. For v2 controllers; the global filter answers everything else.
 */
@Catch()
export class V2ExceptionFilter extends RestExceptionFilter {
  constructor() {
    super(undefined, V2_JSON);
  }
}
