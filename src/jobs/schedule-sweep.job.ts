import type { Services } from '../services';

/** One scheduler sweep at the scheduler's clock `now`: fires due schedules (run on an interval by each worker). */
export function scheduleSweep(services: Services, workerId: string) {
  return async (now: Date = new Date()): Promise<number> => services.schedules.fireDue({ name: `worker:${workerId}`, correlationId: 'scheduler' }, now);
}
