"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STEP_KEYS = void 0;
exports.checkStep = checkStep;
const workflow_definition_1 = require("./workflow-definition");
const workflow_problems_1 = require("./workflow-problems");
exports.STEP_KEYS = ['id', 'task', 'agentType', 'agent', 'payload', 'dependsOn', 'maxAttempts', 'timeoutSeconds', 'priority', 'onFailure'];
/** Longest `agent:` reference (a name or an id), in characters. */
const MAX_AGENT_REFERENCE_LENGTH = 200;
/**
 * Checks one step's own fields (not its relations to other steps) and returns it
 * normalised, with null for fields that are wrong (their problems are already listed).
 */
function checkStep(problems, registry, raw, index) {
    const path = ['steps', index];
    if (!(0, workflow_problems_1.isPlainObject)(raw)) {
        problems.add('a step must be a mapping with at least id and task', path);
        return null;
    }
    (0, workflow_problems_1.checkKeys)(problems, raw, exports.STEP_KEYS, path, 'a step');
    let id = null;
    if (raw['id'] === undefined || raw['id'] === null)
        problems.add('id is required', path);
    else if (typeof raw['id'] !== 'string' || !workflow_definition_1.STEP_ID_PATTERN.test(raw['id'])) {
        problems.add('id must be letters, digits, "-" or "_"', [...path, 'id']);
    }
    else
        id = raw['id'];
    const task = (0, workflow_problems_1.checkOptionalString)(problems, raw, 'task', path);
    if (task === null)
        problems.add('task is required', path);
    else if (typeof task === 'string' && registry.typesAccepting(task).length === 0) {
        const known = [...new Set(registry.list().flatMap((type) => Object.keys(type.taskTypes)))].sort();
        problems.add(`unknown task type "${task}"; known: ${known.join(', ')}`, [...path, 'task']);
    }
    const agentType = (0, workflow_problems_1.checkOptionalString)(problems, raw, 'agentType', path);
    if (typeof agentType === 'string') {
        const type = registry.get(agentType);
        if (type === undefined) {
            problems.add(`unknown agent type "${agentType}"; known: ${registry.list().map((known) => known.key).join(', ')}`, [...path, 'agentType']);
        }
        else if (typeof task === 'string' && registry.typesAccepting(task).length > 0 && !Object.hasOwn(type.taskTypes, task)) {
            problems.add(`agent type "${agentType}" does not accept task "${task}"; it accepts: ${Object.keys(type.taskTypes).join(', ')}`, [...path, 'agentType']);
        }
    }
    // Only the shape: the agent may be created after the workflow, so it is looked up when the step starts.
    const agent = (0, workflow_problems_1.checkOptionalString)(problems, raw, 'agent', path);
    if (typeof agent === 'string' && (agent.trim() === '' || agent.length > MAX_AGENT_REFERENCE_LENGTH)) {
        problems.add(`agent must name an agent (its name or id, 1 to ${MAX_AGENT_REFERENCE_LENGTH} characters)`, [...path, 'agent']);
    }
    if (typeof agent === 'string' && typeof agentType === 'string')
        problems.add('give agentType or agent, not both', [...path, 'agent']);
    let payload = {};
    if (raw['payload'] !== undefined && raw['payload'] !== null) {
        if ((0, workflow_problems_1.isPlainObject)(raw['payload']))
            payload = raw['payload'];
        else
            problems.add('payload must be a mapping', [...path, 'payload']);
    }
    const dependsOn = [];
    const rawDeps = raw['dependsOn'];
    if (rawDeps !== undefined && rawDeps !== null) {
        if (!Array.isArray(rawDeps))
            problems.add('dependsOn must be a list of step ids', [...path, 'dependsOn']);
        else {
            rawDeps.forEach((dep, at) => {
                if (typeof dep !== 'string')
                    problems.add('dependsOn must list step ids (strings)', [...path, 'dependsOn', at]);
                else if (!dependsOn.includes(dep))
                    dependsOn.push(dep);
            });
        }
    }
    const maxAttempts = (0, workflow_problems_1.checkInteger)(problems, raw, 'maxAttempts', path, workflow_definition_1.MAX_ATTEMPTS_RANGE, workflow_definition_1.STEP_DEFAULTS.maxAttempts);
    const timeoutSeconds = (0, workflow_problems_1.checkInteger)(problems, raw, 'timeoutSeconds', path, workflow_definition_1.TIMEOUT_SECONDS_RANGE, null);
    const priority = (0, workflow_problems_1.checkInteger)(problems, raw, 'priority', path, workflow_definition_1.PRIORITY_RANGE, workflow_definition_1.STEP_DEFAULTS.priority);
    let onFailure = workflow_definition_1.STEP_DEFAULTS.onFailure;
    const rawPolicy = raw['onFailure'];
    if (rawPolicy !== undefined && rawPolicy !== null) {
        if (typeof rawPolicy === 'string' && workflow_definition_1.ON_FAILURE_POLICIES.includes(rawPolicy))
            onFailure = rawPolicy;
        else
            problems.add(`onFailure must be one of: ${workflow_definition_1.ON_FAILURE_POLICIES.join(', ')}`, [...path, 'onFailure']);
    }
    return {
        id,
        task: typeof task === 'string' ? task : '',
        agentType: typeof agentType === 'string' ? agentType : null,
        agent: typeof agent === 'string' ? agent : null,
        payload,
        dependsOn,
        maxAttempts: maxAttempts ?? workflow_definition_1.STEP_DEFAULTS.maxAttempts,
        timeoutSeconds: timeoutSeconds ?? null,
        priority: priority ?? workflow_definition_1.STEP_DEFAULTS.priority,
        onFailure,
    };
}
//# sourceMappingURL=workflow-step-rules.js.map