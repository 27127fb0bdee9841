/** The topic the example's events travel on: an @EventPattern names the topic its handler consumes. */
export const ORDERS_TOPIC = "nest-orders";

/** What the example sends: an order event, serialised to JSON by Nest's Kafka transport. */
export interface OrderCreated {
  orderId: number;
  item: string;
}
