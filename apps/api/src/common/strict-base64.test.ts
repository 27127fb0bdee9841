import { describe, expect, it } from "vitest";
import { decodeStrictBase64 } from "./strict-base64.js";

describe("decodeStrictBase64", () => {
  it.each([
    ["", ""],
    ["Zm9vYmFy", "foobar"],
    ["Zm9vYmE=", "fooba"],
    ["Zm9vYg==", "foob"],
    ["Zm9vYmE", "fooba"],
    ["Zm9vYg", "foob"],
  ])("decodes %j", (text, expected) => {
    expect(decodeStrictBase64(text)?.toString("utf8")).toBe(expected);
  });

  it.each(["fooba", "Zm9vY", "Zm9v YmFy", "Zm9vYmFy\n", "Zm9v_mFy", "Zm9v-mFy", "Zm9vYg=", "Zm9vYmE==", "Zm=9vYmFy", "=", "===="])("refuses %j", (text) => {
    expect(decodeStrictBase64(text)).toBeNull();
  });
});
