import type { LoggerService } from "@nestjs/common";

/** A Nest logger that keeps every entry, so a test can check what the service logged (and at which level). */
export class CapturingLogger implements LoggerService {
  readonly entries: { level: string; message: string }[] = [];

  log(message: unknown): void {
    this.entries.push({ level: "log", message: String(message) });
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.entries.push({ level: "error", message: [message, ...rest].map(String).join(" ") });
  }
  warn(message: unknown): void {
    this.entries.push({ level: "warn", message: String(message) });
  }
  debug(message: unknown): void {
    this.entries.push({ level: "debug", message: String(message) });
  }
  verbose(message: unknown): void {
    this.entries.push({ level: "verbose", message: String(message) });
  }

  at(level: string): string[] {
    return this.entries.filter((entry) => entry.level === level).map((entry) => entry.message);
  }
}
