"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WorkflowService = void 0;
const ids_1 = require("../common/ids");
const keyset_1 = require("../common/keyset");
const pagination_1 = require("../common/pagination");
const domain_error_1 = require("../errors/domain-error");
const workflow_definition_1 = require("./workflow-definition");
const workflow_rows_1 = require("./workflow-rows");
/**
 * First key of the transaction-scoped advisory lock that serialises version numbering per
 * workflow name (the second key is hashtext(name)); the unique (name, version) index backs it.
 */
const VERSION_LOCK_NAMESPACE = 7_346_101;
/** Validating, storing (as numbered versions) and reading workflow definitions. */
class WorkflowService {
    dataSource;
    changes;
    validator;
    constructor(dataSource, changes, validator) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.validator = validator;
    }
    validate(text) {
        return this.validator.validate(text);
    }
    /** Stores the definition as the next version of its name; an invalid one stores nothing. */
    async create(actor, text) {
        const validation = this.validator.validate(text);
        if (!validation.valid || validation.definition === null) {
            const count = validation.problems.length;
            const first = validation.problems[0];
            throw new domain_error_1.DomainError('INVALID_WORKFLOW', `the workflow definition has ${count} problem(s)${first === undefined ? '' : `; first: ${first.message}`}`, {
                extensions: { problems: validation.problems },
            });
        }
        const definition = validation.definition;
        return this.changes.run(actor, async (tx) => {
            await tx.manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [VERSION_LOCK_NAMESPACE, definition.name]);
            const rows = await tx.manager.query(`INSERT INTO agent_workflows AS w (name, version, definition, source, created_by)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM agent_workflows WHERE name = $1
         RETURNING ${workflow_rows_1.WORKFLOW_COLUMNS}`, [definition.name, JSON.stringify(definition), text, actor.name]);
            const workflow = (0, workflow_rows_1.workflowFromRow)(rows[0]);
            await tx.record({ kind: 'LOG', data: { action: 'workflow.created', workflow: { id: workflow.id, name: workflow.name, version: workflow.version } } }, {
                level: 'INFO',
                message: `workflow "${workflow.name}" version ${workflow.version} created (${definition.steps.length} step(s))`,
                metadata: { workflowId: workflow.id, name: workflow.name, version: workflow.version },
            });
            return workflow;
        });
    }
    async get(id) {
        const [workflow] = await this.getMany([(0, ids_1.checkUuid)(id, 'id')]);
        return workflow ?? null;
    }
    async getMany(ids) {
        const valid = [...new Set(ids.filter(ids_1.isUuid).map((id) => id.toLowerCase()))];
        const rows = valid.length === 0 ? [] : await this.dataSource.query(`SELECT ${workflow_rows_1.WORKFLOW_COLUMNS} FROM agent_workflows w WHERE w.id = ANY($1::uuid[])`, [valid]);
        const byId = new Map(rows.map((row) => [row['id'], (0, workflow_rows_1.workflowFromRow)(row)]));
        return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }
    /** A version of a name: the given one, else the latest. Null when there is none. */
    async findByName(name, version) {
        if (version !== null && (!Number.isInteger(version) || version < 1))
            throw (0, domain_error_1.badInput)('version must be a positive whole number', 'input.version');
        // No stored workflow has another name, and a NUL character would not even reach PostgreSQL.
        if (!workflow_definition_1.WORKFLOW_NAME_PATTERN.test(name) || name.length > workflow_definition_1.MAX_NAME_LENGTH) {
            throw (0, domain_error_1.badInput)(`name must be 1 to ${workflow_definition_1.MAX_NAME_LENGTH} letters, digits, "-", "_" or "."`, 'input.name');
        }
        const rows = await this.dataSource.query(`SELECT ${workflow_rows_1.WORKFLOW_COLUMNS} FROM agent_workflows w WHERE w.name = $1 AND ($2::int IS NULL OR w.version = $2) ORDER BY w.version DESC LIMIT 1`, [name, version]);
        return rows.length === 0 ? null : (0, workflow_rows_1.workflowFromRow)(rows[0]);
    }
    /** Every version (of one name, when given), newest first. */
    async list(name, first, after) {
        (0, pagination_1.checkFirst)(first);
        const params = [name];
        const base = '($1::text IS NULL OR w.name = $1)';
        const counted = await this.dataSource.query(`SELECT count(*) AS count FROM agent_workflows w WHERE ${base}`, params);
        const keyset = (0, keyset_1.newestFirstAfter)(after, 'w', params.length);
        const pageParams = [...params, ...keyset.params, first + 1];
        const rows = await this.dataSource.query(`SELECT ${workflow_rows_1.WORKFLOW_COLUMNS} FROM agent_workflows w WHERE ${base} AND ${keyset.sql}
       ORDER BY ${(0, keyset_1.newestFirstOrder)('w')} LIMIT $${pageParams.length}`, pageParams);
        const items = rows.slice(0, first).map(workflow_rows_1.workflowFromRow);
        return { items, cursors: items.map((item) => (0, pagination_1.timeCursor)(item.createdAt, item.id)), hasNextPage: rows.length > first, totalCount: Number(counted[0].count) };
    }
}
exports.WorkflowService = WorkflowService;
//# sourceMappingURL=workflow.service.js.map