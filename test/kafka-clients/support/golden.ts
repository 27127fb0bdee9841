import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";

/**
 * What each command printed against Apache Kafka, normalised (support/normalise.ts), in a JSON file per suite:
 * `expectGolden(step, actual)` compares a target's normalised output with it, so the same assertion says "Apache
 * Kafka still prints this" and "Skein prints what Apache Kafka prints". SKEIN_UPDATE_GOLDEN=1 with Apache Kafka
 * rewrites the file from the run instead (review the diff).
 */
export class GoldenOutputs {
  private readonly expected: Record<string, string>;
  private readonly recorded: Record<string, string> = {};

  constructor(
    private readonly file: string,
    private readonly recording: boolean,
  ) {
    this.expected = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
  }

  /** Checks (or records) one step's normalised output. */
  expectGolden(step: string, actual: string): void {
    if (this.recording) {
      this.recorded[step] = actual;
      return;
    }
    expect(this.expected[step], `no golden output for "${step}" in ${this.file}: record it with SKEIN_UPDATE_GOLDEN=1`).toBeDefined();
    expect(actual, step).toBe(this.expected[step]);
  }

  /** Writes what was recorded (only when recording). */
  save(): void {
    if (this.recording) writeFileSync(this.file, `${JSON.stringify(this.recorded, null, 2)}\n`);
  }
}
