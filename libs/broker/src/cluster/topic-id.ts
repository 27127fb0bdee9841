import { randomBytes } from "node:crypto";

/** A Kafka Uuid as Kafka prints it: 16 random bytes in URL-safe base64 without padding (22 characters). */
export function newKafkaUuid(random: (size: number) => Buffer = randomBytes): string {
  return random(16).toString("base64url");
}
