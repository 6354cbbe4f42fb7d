"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventStreamService = void 0;
const ids_1 = require("../common/ids");
const event_query_service_1 = require("./event-query.service");
const live_event_stream_1 = require("./live-event-stream");
/**
 * The live event streams behind every subscription: durable replay from PostgreSQL joined
 * with this process's bus (fed by the event relay). Knows nothing of GraphQL.
 */
class EventStreamService {
    store;
    bus;
    bufferSize;
    replayPageSize;
    constructor(store, bus, options = {}) {
        this.store = store;
        this.bus = bus;
        this.bufferSize = options.bufferSize ?? 1_000;
        this.replayPageSize = options.replayPageSize ?? 500;
    }
    /** Opens a stream; arguments are checked here (BAD_USER_INPUT), replay problems (CURSOR_EXPIRED) come from its first read. */
    open(request) {
        const after = request.after === undefined || request.after === null ? null : (0, event_query_service_1.parseEventCursor)(request.after);
        const agentId = request.agentId ? (0, ids_1.checkUuid)(request.agentId, 'agentId') : null;
        return new live_event_stream_1.LiveEventStream(this.store, this.bus, {
            after,
            filter: { agentId, kinds: request.kinds && request.kinds.length > 0 ? [...request.kinds] : null, where: request.where ?? null },
            bufferSize: this.bufferSize,
            replayPageSize: this.replayPageSize,
            onOverflow: request.onOverflow ?? null,
        });
    }
    /** Live subscribers in this process right now. */
    get subscriberCount() {
        return this.bus.listenerCount;
    }
}
exports.EventStreamService = EventStreamService;
//# sourceMappingURL=event-stream.service.js.map