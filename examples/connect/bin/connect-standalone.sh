#!/bin/sh
# Kafka's bin/connect-standalone.sh with Maven Central's jars: org.apache.kafka.connect.cli.ConnectStandalone on the
# worker's classpath (target/classpath.txt, written by `mvn -q package`), Kafka's heap and log4j2 defaults for Connect.
#   bin/connect-standalone.sh config/connect-standalone.properties config/connect-file-source.properties ...
here=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$here/target/classpath.txt" ] || (cd "$here" && mvn -q -B package && mvn -q -B -f plugins/debezium-postgres/pom.xml package) || exit 1
exec java ${KAFKA_HEAP_OPTS:--Xms256M -Xmx2G} -Dlog4j2.configurationFile="$here/config/connect-log4j2.xml" \
  -cp "$(cat "$here/target/classpath.txt")" org.apache.kafka.connect.cli.ConnectStandalone "$@"
