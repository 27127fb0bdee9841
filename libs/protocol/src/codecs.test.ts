import { describe, expect, it } from "vitest";
import { ProtocolDecodeError, ProtocolEncodeError } from "./errors.js";
import { ApiKey } from "./generated/api-keys.js";
import { apiMessages, messageCodecs } from "./generated/api-messages.js";
import { decodeConsumerProtocolSubscription, encodeConsumerProtocolSubscription } from "./generated/consumer-protocol-subscription.js";
import { decodeFetchRequest } from "./generated/fetch-request.js";
import { decodeOffsetCommitValue } from "./generated/offset-commit-value.js";
import { decodeProduceRequest, encodeProduceRequest } from "./generated/produce-request.js";
import { decodeProduceResponse, encodeProduceResponse } from "./generated/produce-response.js";
import { decodeRequestHeader, encodeRequestHeader } from "./generated/request-header.js";
import { encodeResponseHeader } from "./generated/response-header.js";
import { isFlexibleVersion, requestHeaderVersion, responseHeaderVersion } from "./header-versions.js";
import { Reader } from "./reader.js";
import { Writer } from "./writer.js";

function encoded(write: (w: Writer) => void): Buffer {
  const w = new Writer();
  write(w);
  return w.toBuffer();
}

describe("header versions", () => {
  it("uses request header v2 for flexible versions, v1 otherwise, v0 only for ControlledShutdown v0", () => {
    expect(requestHeaderVersion(ApiKey.ApiVersions, 3)).toBe(2);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 2)).toBe(1);
    expect(requestHeaderVersion(ApiKey.Produce, 9)).toBe(2);
    expect(requestHeaderVersion(ApiKey.Produce, 8)).toBe(1);
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 0)).toBe(0);
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 1)).toBe(1);
    // A newer client's ApiVersions (above the versions known here) is still flexible, as in Kafka.
    expect(requestHeaderVersion(ApiKey.ApiVersions, 9)).toBe(2);
    expect(requestHeaderVersion(999, 0)).toBe(1);
  });

  it("answers ApiVersions with response header v0 at every version, other APIs with v1 when flexible", () => {
    for (let v = 0; v <= 4; v++) expect(responseHeaderVersion(ApiKey.ApiVersions, v)).toBe(0);
    expect(responseHeaderVersion(ApiKey.Metadata, 9)).toBe(1);
    expect(responseHeaderVersion(ApiKey.Metadata, 8)).toBe(0);
    expect(responseHeaderVersion(ApiKey.Fetch, 12)).toBe(1);
    expect(isFlexibleVersion(ApiKey.OffsetDelete, 0)).toBe(false);
  });

  it("keeps the client id a non-compact nullable string in request header v2, followed by tagged fields", () => {
    const bytes = encoded((w) => encodeRequestHeader(w, { requestApiKey: ApiKey.ApiVersions, requestApiVersion: 3, correlationId: 1, clientId: "kcat" }));
    expect(bytes.toString("hex")).toBe("0012" + "0003" + "00000001" + "0004" + Buffer.from("kcat").toString("hex") + "00");
    const nullId = encoded((w) => encodeRequestHeader(w, { requestApiKey: ApiKey.Metadata, requestApiVersion: 12, correlationId: 2, clientId: null }));
    expect(nullId.toString("hex")).toBe("0003000c00000002ffff00");
  });

  it("decodes a request header at the version its API key and version call for", () => {
    const v1 = Buffer.from("0000000800000007000261620000", "hex");
    const r = new Reader(v1);
    expect(decodeRequestHeader(r)).toEqual({ requestApiKey: 0, requestApiVersion: 8, correlationId: 7, clientId: "ab" });
    expect(r.remaining()).toBe(2);
    const v2 = Buffer.from("00000009000000070002616201020178", "hex");
    const r2 = new Reader(v2);
    expect(decodeRequestHeader(r2)).toEqual({ requestApiKey: 0, requestApiVersion: 9, correlationId: 7, clientId: "ab", unknownTaggedFields: [{ tag: 2, data: Buffer.from("x") }] });
    expect(r2.remaining()).toBe(0);
    expect(() => decodeRequestHeader(new Reader(Buffer.from("0000", "hex")))).toThrow(ProtocolDecodeError);
  });

  it("writes response header v1 with an empty tagged-field section", () => {
    expect(encoded((w) => encodeResponseHeader(w, { correlationId: 5 }, 1)).toString("hex")).toBe("0000000500");
    expect(encoded((w) => encodeResponseHeader(w, { correlationId: 5 }, 0)).toString("hex")).toBe("00000005");
  });
});

describe("generated codecs", () => {
  it("have every API of Kafka's definitions in the registry", () => {
    expect(apiMessages.size).toBe(88);
    const produce = apiMessages.get(ApiKey.Produce)!;
    expect(produce).toMatchObject({ name: "Produce", minVersion: 0, maxVersion: 11, flexibleFrom: 9 });
    expect(produce.request.name).toBe("ProduceRequest");
    expect(apiMessages.get(ApiKey.OffsetDelete)!.flexibleFrom).toBeNull();
    expect(messageCodecs.get("ConsumerProtocolAssignment")).toBeDefined();
    expect(messageCodecs.get("GroupMetadataValue")).toBeDefined();
  });

  it("fill in defaults for fields a version lacks", () => {
    const produceV2 = encoded((w) => encodeProduceRequest(w, { acks: 1, timeoutMs: 30000, topicData: [] }, 2));
    expect(decodeProduceRequest(new Reader(produceV2), 2)).toEqual({ transactionalId: null, acks: 1, timeoutMs: 30000, topicData: [] });
    // FetchRequest v3: no isolation level (default 0), no session (id 0, epoch -1), no rack ("").
    const fetchV3 = Buffer.from("ffffffff" + "000001f4" + "00000001" + "00100000" + "00000000", "hex");
    expect(decodeFetchRequest(new Reader(fetchV3), 3)).toMatchObject({ replicaId: -1, maxWaitMs: 500, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, rackId: "", topics: [] });
    // OffsetCommitValue v0 has no leader epoch: the default -1.
    const commitV0 = Buffer.from("000000000000002a" + "0000" + "0000000000000064", "hex");
    expect(decodeOffsetCommitValue(new Reader(commitV0), 0)).toEqual({ offset: 42, leaderEpoch: -1, metadata: "", commitTimestamp: 100, expireTimestamp: -1 });
  });

  it("refuse a non-default value in a version that cannot carry it, unless the field is ignorable", () => {
    expect(() => encoded((w) => encodeProduceRequest(w, { transactionalId: "tx", acks: -1, timeoutMs: 1, topicData: [] }, 2))).toThrow(
      "Field ProduceRequest.transactionalId has a non-default value, which version 2 cannot carry.",
    );
    // OwnedPartitions is ignorable: version 0 drops it.
    const v0 = encoded((w) => encodeConsumerProtocolSubscription(w, { topics: ["t"], ownedPartitions: [{ topic: "t", partitions: [0] }] }, 0));
    expect(decodeConsumerProtocolSubscription(new Reader(v0), 0)).toEqual({ topics: ["t"], userData: null, ownedPartitions: [], generationId: -1, rackId: null });
  });

  it("refuse unknown versions with the matching error", () => {
    expect(() => decodeProduceRequest(new Reader(Buffer.alloc(64)), 12)).toThrow(new ProtocolDecodeError("ProduceRequest has no version 12."));
    expect(() => encoded((w) => encodeProduceRequest(w, { acks: 1, timeoutMs: 1, topicData: [] }, -1))).toThrow(ProtocolEncodeError);
  });

  it("reject a huge array count in a short frame before allocating", () => {
    // ProduceRequest v3: null transactional id, acks, timeout, then 2^31 - 1 topics in a 20-byte frame.
    const frame = Buffer.from("ffff" + "ffff" + "00007530" + "7fffffff" + "0000000000000000", "hex");
    expect(frame.length).toBe(20);
    expect(() => decodeProduceRequest(new Reader(frame), 3)).toThrow(/claims 2147483647 element/);
  });

  it("keep unknown tagged fields and write them back in tag order around the known ones", () => {
    const response = {
      responses: [
        {
          name: "t",
          partitionResponses: [
            { index: 0, errorCode: 6, baseOffset: -1, currentLeader: { leaderId: 1, leaderEpoch: 4 }, unknownTaggedFields: [{ tag: 7, data: Buffer.from("z") }] },
          ],
        },
      ],
      throttleTimeMs: 0,
      unknownTaggedFields: [{ tag: 3, data: Buffer.from([1, 2]) }],
    };
    const bytes = encoded((w) => encodeProduceResponse(w, response, 10));
    const decoded = decodeProduceResponse(new Reader(bytes), 10);
    const partition = decoded.responses[0]!.partitionResponses[0]!;
    expect(partition.currentLeader).toEqual({ leaderId: 1, leaderEpoch: 4 });
    expect(partition.unknownTaggedFields).toEqual([{ tag: 7, data: Buffer.from("z") }]);
    expect(decoded.unknownTaggedFields).toEqual([{ tag: 3, data: Buffer.from([1, 2]) }]);
    expect(decoded.nodeEndpoints).toEqual([]);
    // The partition's tagged section: 2 fields, tag 0 (currentLeader: 8 bytes + its own empty tag section), then tag 7.
    expect(bytes.includes(Buffer.from("02" + "00" + "09" + "00000001" + "00000004" + "00" + "07" + "01" + "7a", "hex"))).toBe(true);
    // A known default value (currentLeader -1/-1) is not written at all.
    const plain = encoded((w) => encodeProduceResponse(w, { responses: [{ name: "t", partitionResponses: [{ index: 0, errorCode: 0, baseOffset: 5 }] }] }, 10));
    expect(decodeProduceResponse(new Reader(plain), 10).responses[0]!.partitionResponses[0]!.currentLeader).toEqual({ leaderId: -1, leaderEpoch: -1 });
    expect(() => encoded((w) => encodeProduceResponse(w, { ...response, unknownTaggedFields: [{ tag: 0, data: Buffer.alloc(0) }] }, 10))).toThrow(/reuses a known tag/);
  });

  it("reject a known tagged field whose size does not match its value", () => {
    const good = encoded((w) =>
      encodeProduceResponse(w, { responses: [{ name: "t", partitionResponses: [{ index: 0, errorCode: 0, baseOffset: 5, currentLeader: { leaderId: 1, leaderEpoch: 2 } }] }] }, 10),
    );
    const at = good.indexOf(Buffer.from("00" + "09" + "00000001", "hex"));
    expect(at).toBeGreaterThan(0);
    const bad = Buffer.from(good);
    bad[at + 1] = 0x08;
    expect(() => decodeProduceResponse(new Reader(bad), 10)).toThrow(ProtocolDecodeError);
  });
});
