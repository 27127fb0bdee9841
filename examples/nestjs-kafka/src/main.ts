import "reflect-metadata";
import { NestFactory } from "@nestjs/core";
import { type ClientKafka, type MicroserviceOptions, Transport } from "@nestjs/microservices";
import { Partitioners } from "kafkajs";
import { firstValueFrom } from "rxjs";
import { AppModule, BOOTSTRAP } from "./app.module.js";
import { ORDERS_TOPIC, type OrderCreated } from "./orders.js";
import { ReceivedOrders } from "./received-orders.js";

/**
 * NestJS's Kafka microservice transport against a Kafka-compatible broker: the app consumes ORDERS_TOPIC in group
 * `nest-orders` through an @EventPattern handler, and emits ORDER_COUNT (default 5) events to it with ClientKafka.
 * Prints `READY`, `EMITTED <orderId>` per event sent, `EVENT <topic> <partition> <offset> <key> <json>` per event
 * handled and `RECEIVED <count>`, then closes (exit code 0; 1 when the events do not all arrive within a minute).
 */
async function main(): Promise<void> {
  const count = Number(process.env.ORDER_COUNT ?? 5);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
    transport: Transport.KAFKA,
    options: {
      client: { clientId: "nest-orders", brokers: [BOOTSTRAP] },
      consumer: { groupId: "nest-orders" },
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
    },
    logger: ["error", "warn"],
  });
  await app.listen();
  console.log("READY");

  const client = app.get<ClientKafka>("ORDERS");
  await client.connect();
  for (let orderId = 1; orderId <= count; orderId++) {
    const order: OrderCreated = { orderId, item: `item-${orderId}` };
    await firstValueFrom(client.emit(ORDERS_TOPIC, { key: `order-${orderId}`, value: order }));
    console.log(`EMITTED ${orderId}`);
  }

  const received = app.get(ReceivedOrders);
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("events missing after 60 s")), 60_000).unref());
  await Promise.race([received.waitFor(count), timeout]);
  console.log(`RECEIVED ${count}`);
  await client.close();
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
