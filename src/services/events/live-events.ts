import type { Services } from '../index';
import { EventRelay } from './event-relay';

export interface LiveEvents {
  relay: EventRelay;
  /** Stops the relay and the overview ticker; call before closing the pool. */
  stop(): Promise<void>;
}

/**
 * What an API process runs so its subscribers hear every committed change: the event relay
 * tailing the events table into the bus, and revocations from any process reaching this
 * process's sockets.
 */
export async function startLiveEvents(services: Services, connectionString: string): Promise<LiveEvents> {
  const relay = new EventRelay({ connectionString, dataSource: services.dataSource, bus: services.bus, logger: services.logger, sequencer: services.changes.sequencer });
  const stopFollowing = services.apiKeys.followRevocations(services.bus);
  services.changes.sequencer.start();
  try {
    await relay.start();
  } catch (error: unknown) {
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
