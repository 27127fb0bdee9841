import { Module } from "@nestjs/common";
import { ClientsModule, Transport } from "@nestjs/microservices";
import { Partitioners } from "kafkajs";
import { OrdersController } from "./orders.controller.js";
import { ReceivedOrders } from "./received-orders.js";

/** The bootstrap address of the broker: KAFKA_BOOTSTRAP, default 127.0.0.1:9092. */
export const BOOTSTRAP = process.env.KAFKA_BOOTSTRAP ?? "127.0.0.1:9092";

@Module({
  imports: [
    ClientsModule.register([
      {
        name: "ORDERS",
        transport: Transport.KAFKA,
        options: {
          client: { clientId: "nest-orders-producer", brokers: [BOOTSTRAP] },
          // kafkajs 2's default: Java's murmur2 partitioner (naming it silences kafkajs's migration warning).
          producer: { createPartitioner: Partitioners.DefaultPartitioner },
          producerOnlyMode: true,
        },
      },
    ]),
  ],
  controllers: [OrdersController],
  providers: [ReceivedOrders],
})
export class AppModule {}
