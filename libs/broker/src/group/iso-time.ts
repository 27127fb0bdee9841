import { InvalidRequestError } from "../errors.js";

/** ISO-8601 parsing for `--to-datetime` and `--by-duration`, as `kafka-consumer-groups` accepts them. */

const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:mm:SS.sss` with an optional zone (`Z`, `+01:00`, `+0100`, `+01`); without a
 * zone the server's local time zone applies, as in Kafka's `Utils.getDateTime`.
 */
export function parseIsoDateTime(text: string): number {
  const match = DATE_TIME.exec(text.trim());
  let time = NaN;
  if (match) {
    time = Date.parse(match[1]! + normalizeZone(match[2]));
  }
  if (Number.isNaN(time)) {
    throw new InvalidRequestError(`Error parsing timestamp '${text}': use the format yyyy-MM-ddTHH:mm:ss.SSS, optionally with a zone such as Z or +01:00.`);
  }
  return time;
}

/** `Z` stays; `+01`, `+0100` and `+01:00` become `+01:00`. */
function normalizeZone(zone: string | undefined): string {
  if (zone === undefined || zone === "Z") return zone ?? "";
  const digits = zone.slice(1).replace(":", "");
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2) || "00"}`;
}

const DURATION = /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i;

/** Milliseconds of an ISO-8601 duration as Java's `Duration.parse` reads it: `PnDTnHnMn.nS` (e.g. PT1H, P1DT2H). */
export function parseIsoDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  const [, sign, days, hours, minutes, seconds, fraction] = match ?? [];
  const tIndex = text.toUpperCase().indexOf("T");
  const emptyTimePart = tIndex >= 0 && hours === undefined && minutes === undefined && seconds === undefined;
  if (!match || (days === undefined && hours === undefined && minutes === undefined && seconds === undefined) || emptyTimePart) {
    throw new InvalidRequestError(`Text cannot be parsed to a Duration: '${text}' (use an ISO-8601 duration such as PT1H or P1DT2H30M).`);
  }
  const secondsValue = seconds === undefined ? 0 : Number(fraction === undefined ? seconds : `${seconds}.${fraction || "0"}`);
  const ms = Number(days ?? 0) * 86_400_000 + Number(hours ?? 0) * 3_600_000 + Number(minutes ?? 0) * 60_000 + Math.round(secondsValue * 1000);
  return sign === "-" ? -ms : ms;
}
