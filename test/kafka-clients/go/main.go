// Command franz-go-check drives a Kafka-compatible broker with franz-go, as a Go service would: an idempotent
// producer (franz-go's default), a consumer in a group that commits, and an admin call through kadm. Every line it
// prints is machine-checkable; errors go to standard error with exit code 1.
//
//	franz-go-check produce -brokers HOST:PORT -topic T -count N
//	franz-go-check consume -brokers HOST:PORT -topic T -group G -count N
//	franz-go-check admin   -brokers HOST:PORT -topic T -partitions P -group G
//
// Every command also takes -sasl PLAIN|SCRAM-SHA-256|SCRAM-SHA-512 with -user and -password, and -tls-ca FILE for
// a TLS listener whose certificate that CA signed.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

func main() {
	if len(os.Args) < 2 {
		fail(fmt.Errorf("usage: franz-go-check produce|consume|admin [flags]"))
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	brokers := flags.String("brokers", "127.0.0.1:9092", "bootstrap server")
	topic := flags.String("topic", "", "topic")
	group := flags.String("group", "", "consumer group")
	count := flags.Int("count", 10, "records to produce or consume")
	partitions := flags.Int("partitions", 3, "partitions of the topic admin creates")
	timeout := flags.Duration("timeout", 60*time.Second, "give up after")
	mechanism := flags.String("sasl", "", "SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
	user := flags.String("user", "", "SASL user")
	password := flags.String("password", "", "SASL password")
	tlsCA := flags.String("tls-ca", "", "PEM file of the CA that signed the broker's certificate (enables TLS)")
	_ = flags.Parse(os.Args[2:])

	base, err := connectionOptions(*brokers, *mechanism, *user, *password, *tlsCA)
	if err != nil {
		fail(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	switch os.Args[1] {
	case "produce":
		err = produce(ctx, base, *topic, *count)
	case "consume":
		err = consume(ctx, base, *topic, *group, *count)
	case "admin":
		err = admin(ctx, base, *topic, int32(*partitions), *group)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}

// connectionOptions are the seed brokers and, when asked for, SASL and TLS.
func connectionOptions(brokers, mechanism, user, password, tlsCA string) ([]kgo.Opt, error) {
	opts := []kgo.Opt{kgo.SeedBrokers(brokers)}
	switch mechanism {
	case "":
	case "PLAIN":
		opts = append(opts, kgo.SASL(plain.Auth{User: user, Pass: password}.AsMechanism()))
	case "SCRAM-SHA-256":
		opts = append(opts, kgo.SASL(scram.Auth{User: user, Pass: password}.AsSha256Mechanism()))
	case "SCRAM-SHA-512":
		opts = append(opts, kgo.SASL(scram.Auth{User: user, Pass: password}.AsSha512Mechanism()))
	default:
		return nil, fmt.Errorf("unknown SASL mechanism %q", mechanism)
	}
	if tlsCA != "" {
		pem, err := os.ReadFile(tlsCA)
		if err != nil {
			return nil, err
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("no certificate in %s", tlsCA)
		}
		opts = append(opts, kgo.DialTLSConfig(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}))
	}
	return opts, nil
}

// produce sends count keyed records with franz-go's defaults: idempotent, acks=all, the sticky key partitioner
// (murmur2 for keyed records, as Kafka's Java client). It prints one ACK line per record in send order.
func produce(ctx context.Context, base []kgo.Opt, topic string, count int) error {
	client, err := kgo.NewClient(append(base, kgo.DefaultProduceTopic(topic))...)
	if err != nil {
		return err
	}
	defer client.Close()
	records := make([]*kgo.Record, count)
	for i := range records {
		records[i] = &kgo.Record{Key: []byte(fmt.Sprintf("key-%d", i)), Value: []byte(fmt.Sprintf("value-%d", i))}
	}
	results := client.ProduceSync(ctx, records...)
	for _, result := range results {
		if result.Err != nil {
			return result.Err
		}
		r := result.Record
		fmt.Printf("ACK %s %d %d producerId=%d epoch=%d\n", r.Key, r.Partition, r.Offset, r.ProducerID, r.ProducerEpoch)
	}
	fmt.Printf("PRODUCED %d\n", len(results))
	return nil
}

// consume joins the group, reads count records, commits what it read and leaves the group.
func consume(ctx context.Context, base []kgo.Opt, topic, group string, count int) error {
	client, err := kgo.NewClient(append(base,
		kgo.ConsumerGroup(group),
		kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.DisableAutoCommit(),
	)...)
	if err != nil {
		return err
	}
	defer client.Close()
	seen := 0
	for seen < count {
		fetches := client.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%d of %d records before %w", seen, count, err)
		}
		if errs := fetches.Errors(); len(errs) > 0 {
			return errs[0].Err
		}
		fetches.EachRecord(func(r *kgo.Record) {
			seen++
			fmt.Printf("RECORD %d %d %s %s\n", r.Partition, r.Offset, r.Key, r.Value)
		})
	}
	if err := client.CommitUncommittedOffsets(ctx); err != nil {
		return err
	}
	fmt.Printf("COMMITTED %d\n", seen)
	return nil
}

// admin creates a topic, then lists topics, end offsets and the group's committed offsets through kadm.
func admin(ctx context.Context, base []kgo.Opt, topic string, partitions int32, group string) error {
	client, err := kgo.NewClient(base...)
	if err != nil {
		return err
	}
	defer client.Close()
	adm := kadm.NewClient(client)

	created, err := adm.CreateTopic(ctx, partitions, 1, nil, topic)
	if err != nil {
		return err
	}
	fmt.Printf("CREATED %s %d\n", created.Topic, created.NumPartitions)

	details, err := adm.ListTopics(ctx, topic)
	if err != nil {
		return err
	}
	for _, detail := range details.Sorted() {
		fmt.Printf("TOPIC %s partitions=%d\n", detail.Topic, len(detail.Partitions))
	}

	brokerList, err := adm.ListBrokers(ctx)
	if err != nil {
		return err
	}
	for _, broker := range brokerList {
		fmt.Printf("BROKER %d %s:%d\n", broker.NodeID, broker.Host, broker.Port)
	}

	ends, err := adm.ListEndOffsets(ctx, topic)
	if err != nil {
		return err
	}
	ends.Each(func(o kadm.ListedOffset) {
		fmt.Printf("END %s %d %d\n", o.Topic, o.Partition, o.Offset)
	})

	if group != "" {
		offsets, err := adm.FetchOffsets(ctx, group)
		if err != nil {
			return err
		}
		var lines []string
		offsets.Each(func(o kadm.OffsetResponse) {
			lines = append(lines, fmt.Sprintf("COMMITTED %s %s %d %d", group, o.Topic, o.Partition, o.At))
		})
		sort.Strings(lines)
		for _, line := range lines {
			fmt.Println(line)
		}
	}
	return nil
}
