import { Arg, Authorized, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { EventKind, LogLevel } from '../schema/enums';
import { AgentStatusEvent } from '../schema/types/agent.type';
import { AgentLog } from '../schema/types/agent-log.type';
import { Event } from '../schema/types/event.type';
import { SystemOverview } from '../schema/types/metric.type';
import { Task } from '../schema/types/task.type';
import { WorkflowRun } from '../schema/types/workflow-run.type';
import { checkUuid } from '../services/common/ids';
import type { LiveEventRequest } from '../services/events/event-stream.service';
import { logLevelRank, type StoredEvent } from '../services/events/event-types';
import type { SystemOverviewView } from '../services/metrics/overview.service';
import type { RequestContext } from './context';
import {
  agentLogFromEvent,
  agentSnapshotOf,
  agentStatusEventRoot,
  logLineOf,
  runSnapshotOf,
  taskFromEvent,
  taskSnapshotOf,
  workflowRunFromEvent,
  type AgentStatusEventRoot,
} from './live-views';
import { eventView } from './views';

type Subscribe<Args> = SubscribeResolverData<unknown, Args, RequestContext>;

/** A live stream for this operation; a subscriber that falls behind is told and closed by the transport. */
function live(context: RequestContext, request: LiveEventRequest): AsyncIterableIterator<StoredEvent> {
  return context.services.live.open({ ...request, ...(context.onSlowConsumer ? { onOverflow: context.onSlowConsumer } : {}) });
}

const optionalId = (value: string | null | undefined, path: string): string | null => (value ? checkUuid(value, path) : null);

/**
 * Every subscription, over graphql-ws. Each is a view of the one durable event stream (the
 * relay feeds this process's bus from the events table): typed ones map the snapshots events
 * carry, with no database lookup per event. VIEWER and up may subscribe.
 */
@Resolver()
export class SubscriptionResolver {
  @Authorized()
  @Subscription(() => AgentStatusEvent, {
    description: 'Agent status changes (with agentId: that agent only).',
    subscribe: ({ args, context }: Subscribe<{ agentId?: string | null }>) =>
      live(context, { agentId: args.agentId, kinds: ['AGENT_STATUS'], where: (event) => agentSnapshotOf(event) !== null }),
  })
  agentStatusChanged(@Root() event: StoredEvent, @Arg('agentId', () => ID, { nullable: true }) _agentId: string | null): AgentStatusEventRoot {
    return agentStatusEventRoot(event);
  }

  @Authorized()
  @Subscription(() => Task, {
    description: "Every status change of tasks (narrowed to one agent's or one task).",
    subscribe: ({ args, context }: Subscribe<{ agentId?: string | null; taskId?: string | null }>) => {
      const taskId = optionalId(args.taskId, 'taskId');
      return live(context, {
        agentId: args.agentId,
        kinds: ['TASK_STATUS'],
        where: (event) => taskSnapshotOf(event) !== null && (taskId === null || event.taskId === taskId),
      });
    },
  })
  taskUpdated(
    @Root() event: StoredEvent,
    @Arg('agentId', () => ID, { nullable: true }) _agentId: string | null,
    @Arg('taskId', () => ID, { nullable: true }) _taskId: string | null,
  ): Task {
    return taskFromEvent(event);
  }

  @Authorized()
  @Subscription(() => WorkflowRun, {
    description: "Workflow runs as they change: the run's status and each of its steps' (with runId: that run only).",
    subscribe: ({ args, context }: Subscribe<{ runId?: string | null }>) => {
      const runId = optionalId(args.runId, 'runId');
      return live(context, {
        // Step changes carry their run's snapshot too: a step moving is an update of its run.
        kinds: ['WORKFLOW_RUN_STATUS', 'STEP_STATUS'],
        where: (event) => runSnapshotOf(event) !== null && (runId === null || event.workflowRunId === runId),
      });
    },
  })
  workflowRunUpdated(@Root() event: StoredEvent, @Arg('runId', () => ID, { nullable: true }) _runId: string | null): WorkflowRun {
    return workflowRunFromEvent(event);
  }

  @Authorized()
  @Subscription(() => AgentLog, {
    description: "Audit log lines as they are written: every change's line, not only LOG events (narrowed to one agent's, at or above minLevel).",
    subscribe: ({ args, context }: Subscribe<{ agentId?: string | null; minLevel?: LogLevel | null }>) => {
      const agentId = optionalId(args.agentId, 'agentId');
      const minRank = args.minLevel ? logLevelRank(args.minLevel) : 0;
      return live(context, {
        where: (event) => {
          const line = logLineOf(event);
          return line !== null && (agentId === null || line.agentId === agentId) && logLevelRank(line.level) >= minRank;
        },
      });
    },
  })
  agentLogAdded(
    @Root() event: StoredEvent,
    @Arg('agentId', () => ID, { nullable: true }) _agentId: string | null,
    @Arg('minLevel', () => LogLevel, { nullable: true }) _minLevel: LogLevel | null,
  ): AgentLog {
    return agentLogFromEvent(event);
  }

  @Authorized()
  @Subscription(() => SystemOverview, {
    description: 'The system overview: at most once a second, only when it changed (the current one first).',
    subscribe: ({ context }: Subscribe<Record<string, never>>) => context.services.overviewFeed.open(),
  })
  overviewUpdated(@Root() overview: SystemOverviewView): SystemOverview {
    return overview;
  }

  @Authorized()
  @Subscription(() => Event, {
    description:
      'The durable event stream. after omitted: only events from now on; "0": every retained event, then live; a cursor: every event after it, then live. ' +
      'Replay and live join with no gap and no duplicate. A cursor older than the retention window ends the stream with CURSOR_EXPIRED; ' +
      'a subscriber that falls too far behind gets SLOW_CONSUMER and its socket is closed with code 4008 (resume with its last cursor).',
    subscribe: ({ args, context }: Subscribe<{ after?: string | null; agentId?: string | null; kinds?: EventKind[] | null }>) =>
      live(context, { after: args.after, agentId: args.agentId, kinds: args.kinds }),
  })
  events(
    @Root() event: StoredEvent,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Arg('agentId', () => ID, { nullable: true }) _agentId: string | null,
    @Arg('kinds', () => [EventKind], { nullable: true }) _kinds: EventKind[] | null,
  ): Event {
    return eventView(event);
  }
}
