"""Drives a Kafka-compatible broker with confluent-kafka (librdkafka), as a Python service would.

    confluent_check.py produce BOOTSTRAP TOPIC COUNT COMPRESSION   (none, gzip, snappy, lz4, zstd)
    confluent_check.py consume BOOTSTRAP TOPIC GROUP COUNT

KAFKA_CLIENT_CONFIG, when set, is a JSON object of librdkafka settings added to every client (security.protocol,
sasl.mechanism, sasl.username, sasl.password, ssl.ca.location, ...).

Every line printed is machine-checkable; a failure prints "error: ..." on standard error and exits with 1.
"""
import json
import os
import sys

from confluent_kafka import Consumer, KafkaError, Producer, libversion, version


EXTRA_CONFIG = json.loads(os.environ.get("KAFKA_CLIENT_CONFIG", "{}"))


def produce(bootstrap, topic, count, compression):
    """Produces COUNT keyed records in one go with the given codec and prints one ACK line per delivery report."""
    acks = []
    errors = []

    def report(error, message):
        if error is not None:
            errors.append(error)
        else:
            acks.append((message.key().decode(), message.partition(), message.offset()))

    producer = Producer({
        **EXTRA_CONFIG,
        "bootstrap.servers": bootstrap,
        "compression.type": compression,
        "enable.idempotence": True,
        "linger.ms": 20,
    })
    for i in range(count):
        # Repetitive values, so that each codec has something to compress.
        producer.produce(topic, key=f"key-{i}".encode(), value=(f"value-{i} " * 20).encode(), on_delivery=report)
    remaining = producer.flush(30)
    if errors or remaining:
        raise RuntimeError(f"{remaining} undelivered, errors: {errors}")
    for key, partition, offset in acks:
        print(f"ACK {key} {partition} {offset}")
    print(f"PRODUCED {len(acks)} {compression}")


def consume(bootstrap, topic, group, count):
    """Reads COUNT records as a member of GROUP from the earliest offset, commits them synchronously and leaves."""
    consumer = Consumer({
        **EXTRA_CONFIG,
        "bootstrap.servers": bootstrap,
        "group.id": group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    consumer.subscribe([topic])
    seen = 0
    idle = 0
    while seen < count:
        message = consumer.poll(1.0)
        if message is None:
            idle += 1
            if idle > 60:
                raise RuntimeError(f"only {seen} of {count} records within 60 s")
            continue
        if message.error():
            if message.error().code() == KafkaError._PARTITION_EOF:
                continue
            raise RuntimeError(str(message.error()))
        seen += 1
        print(f"RECORD {message.partition()} {message.offset()} {message.key().decode()} {len(message.value())}")
    consumer.commit(asynchronous=False)
    print(f"COMMITTED {seen}")
    consumer.close()


def main(argv):
    print(f"CLIENT confluent-kafka {version()[0]} librdkafka {libversion()[0]}", flush=True)
    command = argv[1] if len(argv) > 1 else ""
    if command == "produce" and len(argv) == 6:
        produce(argv[2], argv[3], int(argv[4]), argv[5])
    elif command == "consume" and len(argv) == 6:
        consume(argv[2], argv[3], argv[4], int(argv[5]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    try:
        main(sys.argv)
    except Exception as error:  # noqa: BLE001 - the test reads the message
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
