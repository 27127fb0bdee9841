import { describe, expect, it } from "vitest";
import { serviceLogOptions } from "./service-logger.js";

describe("serviceLogOptions", () => {
  it("logs info and above in colour only on a terminal without NO_COLOR", () => {
    expect(serviceLogOptions({}, true)).toEqual({ levels: ["log", "warn", "error", "fatal"], colors: true });
    expect(serviceLogOptions({}, false).colors).toBe(false);
    expect(serviceLogOptions({ NO_COLOR: "1" }, true).colors).toBe(false);
  });

  it("reads SKEIN_LOG_LEVEL with log4j's names and Nest's", () => {
    expect(serviceLogOptions({ SKEIN_LOG_LEVEL: "debug" }, false).levels).toEqual(["debug", "log", "warn", "error", "fatal"]);
    expect(serviceLogOptions({ SKEIN_LOG_LEVEL: "TRACE" }, false).levels[0]).toBe("verbose");
    expect(serviceLogOptions({ SKEIN_LOG_LEVEL: "warn" }, false).levels).toEqual(["warn", "error", "fatal"]);
    expect(serviceLogOptions({ SKEIN_LOG_LEVEL: "log" }, false).levels[0]).toBe("log");
    expect(() => serviceLogOptions({ SKEIN_LOG_LEVEL: "loud" }, false)).toThrow(/SKEIN_LOG_LEVEL must be one of trace, verbose, debug, info, log, warn, error, fatal, got "loud"/);
  });
});
