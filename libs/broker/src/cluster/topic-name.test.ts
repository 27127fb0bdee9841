import { describe, expect, it } from "vitest";
import { InvalidTopicError } from "../errors.js";
import {
  findCollidingTopic,
  hasCollisionChars,
  isInternalTopic,
  isValidTopicName,
  unifyCollisionChars,
  validateNoTopicCollision,
  validateTopicName,
} from "./topic-name.js";

function invalidTopicMessage(name: string): string {
  try {
    validateTopicName(name);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTopicError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(name)} to be refused`);
}

describe("validateTopicName", () => {
  it("accepts ASCII alphanumerics, '.', '_' and '-' up to 249 characters", () => {
    for (const name of ["orders", "Orders.v2", "a_b-c", "..a", "...", "-", "x".repeat(249), "0"]) {
      expect(() => validateTopicName(name), name).not.toThrow();
      expect(isValidTopicName(name)).toBe(true);
    }
  });

  it("refuses the empty name with Kafka's message", () => {
    expect(invalidTopicMessage("")).toBe("Topic name is invalid: the empty string is not allowed");
  });

  it("refuses '.' and '..' with Kafka's messages", () => {
    expect(invalidTopicMessage(".")).toBe("Topic name is invalid: '.' is not allowed");
    expect(invalidTopicMessage("..")).toBe("Topic name is invalid: '..' is not allowed");
  });

  it("refuses names longer than 249 characters with Kafka's message", () => {
    const name = "a".repeat(250);
    expect(invalidTopicMessage(name)).toBe(
      `Topic name is invalid: the length of '${name}' is longer than the max allowed length 249`,
    );
  });

  it("refuses other characters with Kafka's message", () => {
    expect(invalidTopicMessage("my topic")).toBe(
      "Topic name is invalid: 'my topic' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
    );
    for (const name of ["a/b", "a:b", "é", "a\nb", "a*", "topic+1"]) {
      expect(isValidTopicName(name), name).toBe(false);
    }
  });
});

describe("internal topics", () => {
  it("knows the consumer offsets and transaction state topics", () => {
    expect(isInternalTopic("__consumer_offsets")).toBe(true);
    expect(isInternalTopic("__transaction_state")).toBe(true);
    expect(isInternalTopic("__consumer_offsets_2")).toBe(false);
    expect(isInternalTopic("orders")).toBe(false);
  });
});

describe("topic name collisions", () => {
  it("finds '.' and '_' as collision characters", () => {
    expect(hasCollisionChars("a.b")).toBe(true);
    expect(hasCollisionChars("a_b")).toBe(true);
    expect(hasCollisionChars("a-b")).toBe(false);
  });

  it("unifies '.' to '_'", () => {
    expect(unifyCollisionChars("a.b_c.d")).toBe("a_b_c_d");
  });

  it("finds the existing topic a new name collides with", () => {
    expect(findCollidingTopic("a.b", ["x", "a_b"])).toBe("a_b");
    expect(findCollidingTopic("a_b", ["a.b"])).toBe("a.b");
    expect(findCollidingTopic("a.b", ["a-b", "ab"])).toBeUndefined();
    expect(findCollidingTopic("ab", ["ab"])).toBeUndefined();
  });

  it("reports the first colliding name in sorted order, as Kafka's controller does", () => {
    expect(findCollidingTopic("woo.bar_foo", ["woo_bar.foo", "woo.bar.foo"])).toBe("woo.bar.foo");
  });

  it("does not report the topic itself", () => {
    expect(findCollidingTopic("a.b", ["a.b"])).toBeUndefined();
    expect(findCollidingTopic("a.b", ["a.b", "a_b"])).toBe("a_b");
  });

  it("throws Kafka's collision message", () => {
    expect(() => validateNoTopicCollision("foo.bar", ["foo_bar"])).toThrow(
      new InvalidTopicError("Topic 'foo.bar' collides with existing topic: foo_bar"),
    );
    expect(() => validateNoTopicCollision("foo.bar", ["foo_bar"])).toThrow(InvalidTopicError);
    expect(() => validateNoTopicCollision("foo.bar", ["foo-bar"])).not.toThrow();
  });
});
