"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startLiveEvents = startLiveEvents;
const event_relay_1 = require("./event-relay");
/**
 * What an API process runs so its subscribers hear every committed change: the event relay
 * tailing the events table into the bus, and revocations from any process reaching this
 * process's sockets.
 */
async function startLiveEvents(services, connectionString) {
    const relay = new event_relay_1.EventRelay({ connectionString, dataSource: services.dataSource, bus: services.bus, logger: services.logger, sequencer: services.changes.sequencer });
    const stopFollowing = services.apiKeys.followRevocations(services.bus);
    services.changes.sequencer.start();
    try {
        await relay.start();
    }
    catch (error) {
        stopFollowing();
        await services.changes.sequencer.stop();
        await relay.stop();
        throw error;
    }
    return {
        relay,
        async stop() {
            stopFollowing();
            await services.changes.sequencer.stop();
            await relay.stop();
            await services.overviewFeed.stop();
        },
    };
}
//# sourceMappingURL=live-events.js.map