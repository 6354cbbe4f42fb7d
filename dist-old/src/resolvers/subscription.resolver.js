"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SubscriptionResolver = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../schema/enums");
const agent_type_1 = require("../schema/types/agent.type");
const agent_log_type_1 = require("../schema/types/agent-log.type");
const event_type_1 = require("../schema/types/event.type");
const metric_type_1 = require("../schema/types/metric.type");
const task_type_1 = require("../schema/types/task.type");
const workflow_run_type_1 = require("../schema/types/workflow-run.type");
const ids_1 = require("../services/common/ids");
const event_types_1 = require("../services/events/event-types");
const live_views_1 = require("./live-views");
const views_1 = require("./views");
/** A live stream for this operation; a subscriber that falls behind is told and closed by the transport. */
function live(context, request) {
    return context.services.live.open({ ...request, ...(context.onSlowConsumer ? { onOverflow: context.onSlowConsumer } : {}) });
}
const optionalId = (value, path) => (value ? (0, ids_1.checkUuid)(value, path) : null);
/**
 * Every subscription, over graphql-ws. Each is a view of the one durable event stream (the
 * relay feeds this process's bus from the events table): typed ones map the snapshots events
 * carry, with no database lookup per event. VIEWER and up may subscribe.
 */
let SubscriptionResolver = class SubscriptionResolver {
    agentStatusChanged(event, _agentId) {
        return (0, live_views_1.agentStatusEventRoot)(event);
    }
    taskUpdated(event, _agentId, _taskId) {
        return (0, live_views_1.taskFromEvent)(event);
    }
    workflowRunUpdated(event, _runId) {
        return (0, live_views_1.workflowRunFromEvent)(event);
    }
    agentLogAdded(event, _agentId, _minLevel) {
        return (0, live_views_1.agentLogFromEvent)(event);
    }
    overviewUpdated(overview) {
        return overview;
    }
    events(event, _after, _agentId, _kinds) {
        return (0, views_1.eventView)(event);
    }
};
exports.SubscriptionResolver = SubscriptionResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Subscription)(() => agent_type_1.AgentStatusEvent, {
        description: 'Agent status changes (with agentId: that agent only).',
        subscribe: ({ args, context }) => live(context, { agentId: args.agentId, kinds: ['AGENT_STATUS'], where: (event) => (0, live_views_1.agentSnapshotOf)(event) !== null }),
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Object)
], SubscriptionResolver.prototype, "agentStatusChanged", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Subscription)(() => task_type_1.Task, {
        description: "Every status change of tasks (narrowed to one agent's or one task).",
        subscribe: ({ args, context }) => {
            const taskId = optionalId(args.taskId, 'taskId');
            return live(context, {
                agentId: args.agentId,
                kinds: ['TASK_STATUS'],
                where: (event) => (0, live_views_1.taskSnapshotOf)(event) !== null && (taskId === null || event.taskId === taskId),
            });
        },
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('taskId', () => type_graphql_1.ID, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", task_type_1.Task)
], SubscriptionResolver.prototype, "taskUpdated", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Subscription)(() => workflow_run_type_1.WorkflowRun, {
        description: "Workflow runs as they change: the run's status and each of its steps' (with runId: that run only).",
        subscribe: ({ args, context }) => {
            const runId = optionalId(args.runId, 'runId');
            return live(context, {
                // Step changes carry their run's snapshot too: a step moving is an update of its run.
                kinds: ['WORKFLOW_RUN_STATUS', 'STEP_STATUS'],
                where: (event) => (0, live_views_1.runSnapshotOf)(event) !== null && (runId === null || event.workflowRunId === runId),
            });
        },
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Arg)('runId', () => type_graphql_1.ID, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", workflow_run_type_1.WorkflowRun)
], SubscriptionResolver.prototype, "workflowRunUpdated", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Subscription)(() => agent_log_type_1.AgentLog, {
        description: "Audit log lines as they are written: every change's line, not only LOG events (narrowed to one agent's, at or above minLevel).",
        subscribe: ({ args, context }) => {
            const agentId = optionalId(args.agentId, 'agentId');
            const minRank = args.minLevel ? (0, event_types_1.logLevelRank)(args.minLevel) : 0;
            return live(context, {
                where: (event) => {
                    const line = (0, live_views_1.logLineOf)(event);
                    return line !== null && (agentId === null || line.agentId === agentId) && (0, event_types_1.logLevelRank)(line.level) >= minRank;
                },
            });
        },
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('minLevel', () => enums_1.LogLevel, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", agent_log_type_1.AgentLog)
], SubscriptionResolver.prototype, "agentLogAdded", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Subscription)(() => metric_type_1.SystemOverview, {
        description: 'The system overview: at most once a second, only when it changed (the current one first).',
        subscribe: ({ context }) => context.services.overviewFeed.open(),
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", metric_type_1.SystemOverview)
], SubscriptionResolver.prototype, "overviewUpdated", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Subscription)(() => event_type_1.Event, {
        description: 'The durable event stream. after omitted: only events from now on; "0": every retained event, then live; a cursor: every event after it, then live. ' +
            'Replay and live join with no gap and no duplicate. A cursor older than the retention window ends the stream with CURSOR_EXPIRED; ' +
            'a subscriber that falls too far behind gets SLOW_CONSUMER and its socket is closed with code 4008 (resume with its last cursor).',
        subscribe: ({ args, context }) => live(context, { after: args.after, agentId: args.agentId, kinds: args.kinds }),
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('kinds', () => [enums_1.EventKind], { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object, Object]),
    __metadata("design:returntype", event_type_1.Event)
], SubscriptionResolver.prototype, "events", null);
exports.SubscriptionResolver = SubscriptionResolver = __decorate([
    (0, type_graphql_1.Resolver)()
], SubscriptionResolver);
//# sourceMappingURL=subscription.resolver.js.map