"use client";
import { useState } from "react";
import type { DecodedPayload } from "@/lib/record-codec";

/** A key or value in full: JSON pretty-printed, text as is, binary as hex or base64 (switchable). */
export function PayloadView({ payload, testId }: { payload: DecodedPayload; testId?: string }) {
  const [binaryAs, setBinaryAs] = useState<"hex" | "base64">("hex");
  if (payload.kind === "null") return <pre className="payload faint" data-testid={testId}>null</pre>;
  if (payload.kind === "json") return <pre className="payload" data-testid={testId}>{payload.pretty}</pre>;
  if (payload.kind === "text") return <pre className="payload" data-testid={testId}>{payload.text || <span className="faint">(empty)</span>}</pre>;
  return (
    <div>
      <div className="segmented" role="group" aria-label="Binary encoding">
        <button className={binaryAs === "hex" ? "active" : undefined} onClick={() => setBinaryAs("hex")}>hex</button>
        <button className={binaryAs === "base64" ? "active" : undefined} onClick={() => setBinaryAs("base64")}>base64</button>
      </div>{" "}
      <span className="faint">binary, {payload.size} bytes</span>
      <pre className="payload" data-testid={testId}>{binaryAs === "hex" ? payload.hex : payload.base64}</pre>
    </div>
  );
}
