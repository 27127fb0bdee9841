import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from "@nestjs/websockets";
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import { socketIdentity } from "../security/authenticated-ws-adapter.js";
import { GroupConsumeService } from "../group-consume/group-consume.service.js";
import { LiveTailService } from "./live-tail.service.js";
import { SocketOutbox } from "./socket-outbox.js";

/** Largest client frame accepted (a produce of a big record). */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** `/ws`: live tail and produce over one WebSocket (protocol in docs/rest-api.md), on the HTTP server's port. */
@WebSocketGateway({ path: "/ws", maxPayload: MAX_FRAME_BYTES })
export class LiveGateway implements OnGatewayConnection<WebSocket>, OnGatewayDisconnect<WebSocket> {
  constructor(
    private readonly live: LiveTailService,
    // Group consumption (group_subscribe, commit, ...) lives in group-consume/ and listens on the same sockets.
    private readonly groupConsume: GroupConsumeService,
  ) {}

  handleConnection(client: WebSocket, request: IncomingMessage): void {
    // Authenticated at the upgrade (AuthenticatedWsAdapter): every frame acts as this identity.
    const identity = socketIdentity(request);
    // One outbox per socket: live tail and group consumption share its flow control and slow-consumer policy.
    const outbox = new SocketOutbox(client, this.live.limits);
    this.live.open(client, outbox, identity);
    this.groupConsume.open(client, outbox, identity);
  }

  handleDisconnect(client: WebSocket): void {
    this.live.close(client);
    this.groupConsume.close(client);
  }
}
