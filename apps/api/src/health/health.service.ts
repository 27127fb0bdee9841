import { Injectable } from "@nestjs/common";
import { Broker } from "@skein/broker";
import { BrokerRegistration } from "../cluster/broker-registration.js";
import { Engine } from "../engine/engine.js";
import { metadataDatabaseFailure } from "../errors/metadata-database-errors.js";
import { storageCheck, type ReadinessCheck, type ReadinessReport } from "./readiness.js";

/**
 * Readiness: whether the service can serve, and what it cannot serve right now. Only a closed engine makes it not
 * ready at all; a full or failed data directory (writes refused), an unreachable metadata database (topic and
 * consumer administration refused) or a pending broker registration make it `degraded`, still serving reads.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly engine: Engine,
    private readonly broker: Broker,
    private readonly registration: BrokerRegistration,
  ) {}

  /** Every check, answered whatever the outcome. */
  async readiness(): Promise<ReadinessReport> {
    const open = this.engine.isOpen;
    const engine: ReadinessCheck = open ? { status: "pass" } : { status: "fail", reason: "The engine is shut down." };
    const storage = open ? storageCheck(this.broker.logDirStatus(), this.broker.offlinePartitions().length) : { status: "fail" as const, reason: "The engine is shut down." };
    const metadata = await this.metadataCheck();
    const registration = this.registrationCheck();
    const checks = { engine, storage, metadata_database: metadata, broker_registration: registration };
    const failing = Object.values(checks).some((check) => check.status === "fail");
    return { status: failing ? "degraded" : "ready", writable: open && storage.status !== "fail", checks };
  }

  private async metadataCheck(): Promise<ReadinessCheck> {
    try {
      await this.engine.metadata.ping();
      return { status: "pass", database: this.engine.database.provider };
    } catch (error) {
      const failure = metadataDatabaseFailure(error);
      const reason = failure ? `${failure.kind} (${failure.detail})` : (error as Error).message;
      return { status: "fail", database: this.engine.database.provider, reason: `The metadata database is ${reason}: topic and consumer administration is refused.` };
    }
  }

  private registrationCheck(): ReadinessCheck {
    const { listener, registered, error } = this.registration.state;
    if (listener === null) return { status: "pass", registered: false, listener: null };
    const where = `${listener.host}:${listener.port}`;
    if (registered) return { status: "pass", registered: true, listener: where };
    return { status: "warn", registered: false, listener: where, reason: `Not yet recorded in the metadata database (${error ?? "pending"}); retrying in the background.` };
  }
}
