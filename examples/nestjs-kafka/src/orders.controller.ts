import { Controller } from "@nestjs/common";
import { Ctx, EventPattern, KafkaContext, Payload } from "@nestjs/microservices";
import { ORDERS_TOPIC, type OrderCreated } from "./orders.js";
import { ReceivedOrders } from "./received-orders.js";

/** TypeScript's @KafkaListener: Nest's Kafka transport calls the handler for every record of the topic. */
@Controller()
export class OrdersController {
  constructor(private readonly received: ReceivedOrders) {}

  @EventPattern<string>(ORDERS_TOPIC)
  handleOrderCreated(@Payload() order: OrderCreated, @Ctx() context: KafkaContext): void {
    const message = context.getMessage();
    console.log(`EVENT ${context.getTopic()} ${context.getPartition()} ${message.offset} ${message.key?.toString() ?? "null"} ${JSON.stringify(order)}`);
    this.received.add(order);
  }
}
