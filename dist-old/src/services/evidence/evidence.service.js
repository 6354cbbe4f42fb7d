"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EvidenceService = void 0;
const ids_1 = require("../common/ids");
const pagination_1 = require("../common/pagination");
const domain_error_1 = require("../errors/domain-error");
const canonical_json_1 = require("./canonical-json");
const evidence_chain_1 = require("./evidence-chain");
const evidence_row_1 = require("./evidence-row");
const evidence_verification_1 = require("./evidence-verification");
/**
 * First key of the two-key advisory lock that serialises appends to one agent's chain
 * (the second is hashtext(agent id)). The two-key space never meets the one-key
 * event-order lock of ChangeTransaction.
 */
const EVIDENCE_LOCK_NAMESPACE = 7_346_002;
/** Longest source, kind, externalId or externalVersion, in characters. */
const MAX_LABEL_LENGTH = 1024;
function label(value, path, required) {
    if (value === undefined || value === null) {
        if (required)
            throw (0, domain_error_1.badInput)(`${path} is required`, path);
        return null;
    }
    if (typeof value !== 'string' || (required && value.length === 0))
        throw (0, domain_error_1.badInput)(`${path} must be a${required ? ' non-empty' : ''} string`, path);
    if (value.length > MAX_LABEL_LENGTH)
        throw (0, domain_error_1.badInput)(`${path} must be at most ${MAX_LABEL_LENGTH} characters`, path);
    return value;
}
/**
 * The evidence ledger: per agent, an append-only hash chain of signed records. Appends to one
 * agent are serialised in PostgreSQL, so concurrent collectors (in any process) cannot fork it.
 */
class EvidenceService {
    dataSource;
    changes;
    keys;
    keyId;
    maxDataBytes;
    constructor(dataSource, changes, keys, options = {}) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.keys = keys;
        this.keyId = (0, evidence_chain_1.publicKeyFingerprint)(keys.publicKeyPem);
        this.maxDataBytes = options.maxDataBytes ?? 1_048_576;
    }
    /** The recorder a task handler gets: appends for one agent and task as one actor. */
    recorder(actor, agentId, taskId) {
        return { append: (record) => this.append(actor, agentId, taskId, record) };
    }
    /**
     * Appends one record in one transaction with its EVIDENCE event and audit line, or returns
     * the existing record when this externalId was already collected at this externalVersion.
     */
    async append(actor, agentId, taskId, record) {
        const agent = (0, ids_1.checkUuid)(agentId, 'agentId');
        const task = taskId === null ? null : (0, ids_1.checkUuid)(taskId, 'taskId');
        const source = label(record.source, 'source', true);
        const kind = label(record.kind, 'kind', true);
        const externalId = label(record.externalId, 'externalId', false);
        const externalVersion = label(record.externalVersion, 'externalVersion', false);
        // Hash what the jsonb column will give back, not the caller's object (Dates, undefined fields).
        let data;
        try {
            data = (0, canonical_json_1.toJsonValue)(record.data);
        }
        catch (error) {
            throw (0, domain_error_1.badInput)(`evidence data must be a JSON value (${error instanceof Error ? error.message : String(error)})`, 'data');
        }
        const size = Buffer.byteLength(JSON.stringify(data), 'utf8');
        if (size > this.maxDataBytes)
            throw (0, domain_error_1.badInput)(`evidence data is ${size} bytes; the limit is ${this.maxDataBytes}`, 'data');
        return this.changes.run(actor, async (tx) => {
            const query = tx.manager.query.bind(tx.manager);
            await query('SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))', [EVIDENCE_LOCK_NAMESPACE, agent]);
            const agents = await query('SELECT id FROM agent_instances WHERE id = $1', [agent]);
            if (agents.length === 0)
                throw (0, domain_error_1.notFound)('agent', agent);
            if (externalId !== null && externalVersion !== null) {
                const existing = await query('SELECT id FROM evidence WHERE agent_id = $1 AND kind = $2 AND external_id = $3 AND external_version = $4', [agent, kind, externalId, externalVersion]);
                if (existing.length > 0)
                    return { id: existing[0].id, created: false };
            }
            // The database clock, read under the lock, keeps collectedAt in chain order across processes.
            const heads = await query(`SELECT date_trunc('milliseconds', clock_timestamp()) AS now, last.seq, last.sha256
         FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT seq, sha256 FROM evidence WHERE agent_id = $1 ORDER BY seq DESC LIMIT 1) last ON true`, [agent]);
            const head = heads[0];
            const seq = head.seq === null ? 1 : Number(head.seq) + 1;
            const prevSha256 = head.sha256;
            const collectedAt = head.now;
            const sha256 = (0, evidence_chain_1.evidenceDigest)({ agentId: agent, taskId: task, seq, source, kind, externalId, externalVersion, data, prevSha256, collectedAt });
            const signature = (0, evidence_chain_1.signDigest)(this.keys.signingKey, sha256);
            const inserted = await query(`INSERT INTO evidence (agent_id, task_id, seq, source, kind, external_id, external_version, data, sha256, prev_sha256, signature, key_id, collected_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`, [agent, task, seq, source, kind, externalId, externalVersion, JSON.stringify(data), sha256, prevSha256, signature, this.keyId, collectedAt]);
            const id = inserted[0].id;
            await tx.record({ kind: 'EVIDENCE', agentId: agent, taskId: task, data: { evidence: { id, agentId: agent, taskId: task, kind, externalId, sha256 } } }, {
                agentId: agent,
                taskId: task,
                level: 'INFO',
                message: `evidence ${kind} #${seq} recorded${externalId === null ? '' : ` for ${externalId}`}`,
                metadata: { evidenceId: id, seq, source, kind, externalId, externalVersion, sha256 },
            });
            return { id, created: true };
        });
    }
    /** The agent's chain checked end to end (deleted agents included: their evidence stays verifiable). */
    async verify(agentId) {
        const agent = (0, ids_1.checkUuid)(agentId, 'agentId');
        const agents = await this.dataSource.query('SELECT id FROM agent_instances WHERE id = $1', [agent]);
        if (agents.length === 0)
            throw (0, domain_error_1.notFound)('agent', agent);
        return (0, evidence_verification_1.verifyChain)(this.dataSource, agent, this.keys.signingKey, this.keys.previousPublicKeys);
    }
    /** Evidence newest first (collectedAt, then seq), optionally for one agent and one kind. */
    async list(filter, first, after) {
        (0, pagination_1.checkFirst)(first);
        const where = [];
        const params = [];
        if (filter.agentId) {
            params.push((0, ids_1.checkUuid)(filter.agentId, 'agentId'));
            where.push(`e.agent_id = $${params.length}`);
        }
        if (filter.kind) {
            params.push(filter.kind);
            where.push(`e.kind = $${params.length}`);
        }
        const base = where.length > 0 ? where.join(' AND ') : 'TRUE';
        const counted = await this.dataSource.query(`SELECT count(*) AS count FROM evidence e WHERE ${base}`, params);
        const pageParams = [...params];
        let afterSql = 'TRUE';
        if (after) {
            const [collectedAt, seq, id] = (0, pagination_1.decodeCursor)(after, 3);
            if (typeof collectedAt !== 'string' || Number.isNaN(Date.parse(collectedAt)) || typeof seq !== 'number' || typeof id !== 'string' || !(0, ids_1.isUuid)(id)) {
                throw (0, domain_error_1.badInput)('after is not a cursor this list gave out', 'after');
            }
            pageParams.push(collectedAt, seq, id);
            const n = pageParams.length;
            afterSql = `(e.collected_at, e.seq, e.id) < ($${n - 2}::timestamptz, $${n - 1}::int, $${n}::uuid)`;
        }
        pageParams.push(first + 1);
        const rows = await this.dataSource.query(`SELECT ${evidence_row_1.EVIDENCE_COLUMNS} FROM evidence e WHERE ${base} AND ${afterSql}
       ORDER BY e.collected_at DESC, e.seq DESC, e.id DESC LIMIT $${pageParams.length}`, pageParams);
        const items = rows.slice(0, first).map(evidence_row_1.evidenceFromRow);
        return {
            items,
            cursors: items.map((item) => (0, pagination_1.encodeCursor)([item.collectedAt.toISOString(), item.seq, item.id])),
            hasNextPage: rows.length > first,
            totalCount: Number(counted[0].count),
        };
    }
}
exports.EvidenceService = EvidenceService;
//# sourceMappingURL=evidence.service.js.map