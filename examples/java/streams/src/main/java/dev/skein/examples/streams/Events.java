package dev.skein.examples.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The course's events: JSON objects such as {@code {"id":2,"user":"user-2","event":"purchase","amount":3000}}.
 * The producer, the topologies and the checker share this one definition, so that the event with a given id is the
 * same everywhere and the checker can compute what the output must hold.
 */
public final class Events {
  /** The event types, in the order numbered events cycle through them. */
  static final String[] TYPES = {"view", "click", "purchase"};
  /** Numbered events belong to this many users, round-robin. */
  static final int USERS = 7;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  /** The type of numbered event {@code id}. */
  static String typeOf(long id) {
    return TYPES[(int) (id % TYPES.length)];
  }

  /** The user of numbered event {@code id}. */
  static String userOf(long id) {
    return "user-" + (id % USERS);
  }

  /** Numbered event {@code id} as JSON. */
  static String json(long id) {
    ObjectNode event = JSON.createObjectNode();
    event.put("id", id);
    event.put("user", userOf(id));
    event.put("event", typeOf(id));
    event.put("amount", (id % 50 + 1) * 1000);
    return event.toString();
  }

  /** The parsed event, or null when the value is not a JSON object (such records are dropped, never fatal). */
  static JsonNode parse(String value) {
    if (value == null) return null;
    try {
      JsonNode node = JSON.readTree(value);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The value's text field, or null when the value is not an event or lacks it. */
  static String field(String value, String name) {
    JsonNode event = parse(value);
    JsonNode field = event == null ? null : event.get(name);
    return field != null && field.isTextual() ? field.asText() : null;
  }

  /** The value's numeric {@code id}, or -1 when it has none. */
  static long id(String value) {
    JsonNode event = parse(value);
    JsonNode id = event == null ? null : event.get("id");
    return id != null && id.canConvertToLong() ? id.asLong() : -1;
  }
}
