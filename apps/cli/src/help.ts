import type { Command } from "./commands/command.js";
import { COMMON_OPTIONS } from "./commands/command.js";

/** `skein <command> --help`: what it does, every option, and examples. */
export function commandHelp(command: Command): string {
  const options = [...command.options, ...COMMON_OPTIONS];
  const labels = options.map((o) => [`--${o.name}`, ...(o.aliases ?? []).map((a) => `--${a}`)].join(", ") + (o.valueName ? ` ${o.valueName}` : ""));
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  const lines = [
    `Usage: skein ${command.name} [options]`,
    "",
    ...wrap(command.description, 100),
    "",
    "Options:",
    ...options.map((o, i) => `  ${labels[i]!.padEnd(width)}${o.description}`),
    "",
    "Examples:",
    ...command.examples.map((e) => `  ${e}`),
  ];
  return lines.join("\n") + "\n";
}

/** `skein --help`: the commands. */
export function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "Usage: skein <command> [options]",
    "",
    "Kafka's command-line tools, talking to a Skein service over its REST API (not Kafka's wire protocol). The",
    "flags and output layouts are Kafka's: `skein topics` takes kafka-topics.sh's options for what it does.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Every command takes --bootstrap-server <url|host:port> (else $SKEIN_SERVER, else http://localhost:8080),",
    "--output json, and --help with examples. Where Kafka's tools took --zookeeper, skein accepts it and says so:",
    "Skein has no ZooKeeper, and the command talks to the --bootstrap-server.",
    "",
    "Examples:",
    "  skein topics --bootstrap-server localhost:8080 --create --topic first_topic --partitions 3",
    "  skein console-producer --topic first_topic --property parse.key=true --property key.separator=,",
    "  skein console-consumer --topic first_topic --from-beginning --property print.key=true",
    "  skein consumer-groups --describe --group order",
    "",
  ].join("\n");
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
