"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ChangeTransaction = exports.EVENTS_CHANNEL = void 0;
const sql_literal_1 = require("../../db/sql-literal");
/**
 * The channel the event sequencer NOTIFYs when a pass numbered events. PostgreSQL delivers a
 * notification only when (and if) its transaction commits, so a relay woken by it never
 * hears of events that are not there. A wake-up only: relays read every event after the last
 * one they saw.
 */
exports.EVENTS_CHANNEL = 'velocity_events';
/**
 * One database transaction that changes state. Every change records its event and
 * audit line through it, so the three commit together or not at all.
 *
 * Events and audit lines are written by the commit message, together with the statements of
 * `atCommit` and the COMMIT: one round trip, so the locks that serialise commits are held for
 * no longer than the server needs, and a change costs no round trip for its records.
 */
class ChangeTransaction {
    manager;
    actor;
    pending = [];
    metrics = [];
    commitStatements = [];
    outboxIds = [];
    writtenAt = null;
    constructor(manager, actor) {
        this.manager = manager;
        this.actor = actor;
    }
    /** Records one change: its event and its audit line are written at commit. */
    async record(event, audit) {
        this.pending.push({ event, audit });
    }
    /** A log line with no other state change: it is its own LOG event. */
    async log(line) {
        await this.record({ kind: 'LOG', agentId: line.agentId ?? null, taskId: line.taskId ?? null }, line);
    }
    /**
     * A statement run in the commit message, before the records: a write nothing in this
     * transaction reads back, or a check that needs a hot lock (held from there to commit, with
     * no round trip in between; it may raise to abort the whole transaction). Every value in
     * its text must come from `sqlLiteral`.
     */
    atCommit(statement) {
        this.commitStatements.push(statement);
    }
    /** Metric samples written at commit (a sample that is not a finite number measures nothing and is dropped). */
    recordMetrics(samples) {
        for (const sample of samples)
            if (Number.isFinite(sample.value))
                this.metrics.push(sample);
    }
    /** Agents this transaction recorded changes of (their cached reads are stale once it commits). */
    get agentIds() {
        const ids = new Set();
        for (const { event } of this.pending)
            if (event.agentId)
                ids.add(event.agentId);
        return ids;
    }
    /** Outbox ids of the events this transaction wrote, in order: known once it committed. */
    get committedOutboxIds() {
        return this.outboxIds;
    }
    /** The time its events carry (the transaction's start): with the actor, it finds them in `events`. */
    get eventsAt() {
        return this.writtenAt;
    }
    /** Takes the outbox ids from the results of `commitMessage` (one result per statement; the writer's follows the `atCommit` ones). */
    acceptCommitResults(results) {
        if (this.pending.length === 0)
            return;
        const rows = results[this.commitStatements.length]?.rows ?? [];
        this.outboxIds = rows.map((row) => String(row.id));
        this.writtenAt = rows[0]?.at ?? null;
    }
    /**
     * The text that ends this transaction: one call of `velocity_write_changes` (migration 6)
     * after the `atCommit` statements, with the audit lines, events and metric samples as JSON,
     * then COMMIT, sent as one simple-protocol message (just COMMIT when there is nothing else).
     * The records come after the checks: an event written under a lock an `atCommit` check took
     * is numbered after the changes that check saw (the sequencer orders by outbox id).
     */
    commitMessage() {
        const parts = [...this.commitStatements];
        if (this.pending.length > 0 || this.metrics.length > 0)
            parts.push(this.writerCall());
        parts.push('COMMIT');
        return parts.join(';\n');
    }
    writerCall() {
        // Events go to the outbox, with no lock: the sequencer numbers them once committed.
        const changes = this.pending.map(({ event, audit }) => ({
            kind: event.kind,
            agentId: event.agentId ?? null,
            taskId: event.taskId ?? null,
            workflowRunId: event.workflowRunId ?? null,
            status: event.status ?? null,
            previousStatus: event.previousStatus ?? null,
            data: event.data ?? null,
            // The stored line travels in the event's data (live tails need no lookup); its id and time come from the insert.
            log: audit === null ? null : { agentId: audit.agentId ?? null, taskId: audit.taskId ?? null, level: audit.level, message: audit.message, metadata: audit.metadata ?? null },
        }));
        const metrics = this.metrics.length === 0 ? 'NULL::jsonb' : (0, sql_literal_1.sqlJsonLiteral)(this.metrics);
        return `SELECT outbox_id AS id, written_at AS at FROM velocity_write_changes(${(0, sql_literal_1.sqlJsonLiteral)(changes)}, ${metrics}, ${(0, sql_literal_1.sqlLiteral)(this.actor.name)}, ${(0, sql_literal_1.sqlLiteral)(this.actor.correlationId)})`;
    }
}
exports.ChangeTransaction = ChangeTransaction;
//# sourceMappingURL=change-transaction.js.map