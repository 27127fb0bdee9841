import { Injectable } from "@nestjs/common";
import { Engine } from "../engine/engine.js";
import { httpError } from "../errors/rest-error.js";

@Injectable()
export class HealthService {
  constructor(private readonly engine: Engine) {}

  /** Throws a 503 naming what is not ready: the engine (shut down) or the metadata database (unreachable). */
  async checkReady(): Promise<void> {
    if (!this.engine.isOpen) throw httpError(503, "Not ready: the engine is shut down");
    try {
      await this.engine.metadata.ping();
    } catch (error) {
      throw httpError(503, `Not ready: metadata database: ${(error as Error).message}`);
    }
  }
}
