/** An inclusive version range; 32767 stands for "and every later version". */
export type VersionRange = readonly [number, number];

/** One field of a normalized message schema (camelCase name, Kafka's type text such as `int32` or `[]TopicData`). */
export interface FieldSchema {
  name: string;
  type: string;
  versions: VersionRange;
  nullable?: VersionRange;
  tag?: number;
  tagged?: VersionRange;
  /** The field's own flexible versions, overriding the message's (null: never compact). */
  flexible?: VersionRange | null;
  /** Kafka's `default` text, when the definition gives one. */
  default?: string;
  ignorable?: boolean;
}

/** A message definition, normalized by the generator: its structs by name, the message itself under its own name. */
export interface MessageSchema {
  name: string;
  type: string;
  apiKey: number | null;
  validVersions: VersionRange;
  flexibleVersions: VersionRange | null;
  structs: Readonly<Record<string, readonly FieldSchema[]>>;
}
