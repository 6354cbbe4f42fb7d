import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { TaskEngine1764000100000 } from './1764000100000-task-engine';
import { QueryIndexes1764000200000 } from './1764000200000-query-indexes';
import { ClaimGuard1764000300000 } from './1764000300000-claim-guard';
import { EventOutbox1764000400000 } from './1764000400000-event-outbox';
import { ChangeWriter1764000500000 } from './1764000500000-change-writer';
import { TaskFastPaths1764000600000 } from './1764000600000-task-fast-paths';
import { ChangeGroups1764000700000 } from './1764000700000-change-groups';
import { ClaimByKey1764000800000 } from './1764000800000-claim-by-key';
import { AgentTaskPages1764000900000 } from './1764000900000-agent-task-pages';
import { LeanTaskJobs1764001000000 } from './1764001000000-lean-task-jobs';
import { SequencerPass1764001100000 } from './1764001100000-sequencer-pass';

/** Every migration, oldest first. Imported as classes so compiled and ts-jest runs load the same list. */
export const allMigrations: Function[] = [InitialSchema1764000000000, TaskEngine1764000100000, QueryIndexes1764000200000, ClaimGuard1764000300000, EventOutbox1764000400000, ChangeWriter1764000500000, TaskFastPaths1764000600000, ChangeGroups1764000700000, ClaimByKey1764000800000, AgentTaskPages1764000900000, LeanTaskJobs1764001000000, SequencerPass1764001100000];
