import type { Role } from '../api/types';

const RANK: Record<Role, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };

/**
 * What a role may do, to hide the controls it cannot use (the server refuses them anyway):
 * operate = start/stop agents, run/cancel/retry tasks and workflows, enable schedules;
 * administer = create and edit agents, workflows and schedules.
 */
export interface Abilities {
  operate: boolean;
  administer: boolean;
}

export function abilitiesOf(role: Role): Abilities {
  return { operate: RANK[role] >= RANK.OPERATOR, administer: RANK[role] >= RANK.ADMIN };
}
