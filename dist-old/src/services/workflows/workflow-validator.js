"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WorkflowValidator = void 0;
const workflow_definition_1 = require("./workflow-definition");
const workflow_graph_1 = require("./workflow-graph");
const workflow_problems_1 = require("./workflow-problems");
const workflow_source_1 = require("./workflow-source");
const workflow_step_rules_1 = require("./workflow-step-rules");
const workflow_templates_1 = require("./workflow-templates");
const ROOT_KEYS = ['name', 'description', 'steps'];
/**
 * Checks a workflow definition (YAML or JSON text) and reports every problem at once, each
 * with a path and a 1-based line. Agents named by `agent:` are not looked up here: they may
 * be created after the workflow, so they are resolved when the step starts.
 */
class WorkflowValidator {
    registry;
    limits;
    constructor(registry, limits) {
        this.registry = registry;
        this.limits = limits;
    }
    validate(text) {
        const parsed = (0, workflow_source_1.parseSource)(text, this.limits);
        if (parsed.source === null)
            return invalid(parsed.problems);
        const problems = new workflow_problems_1.ProblemList(parsed.source);
        const root = parsed.source.value;
        if (!(0, workflow_problems_1.isPlainObject)(root)) {
            problems.add('the definition must be a mapping with name and steps', []);
            return invalid(problems.sorted());
        }
        (0, workflow_problems_1.checkKeys)(problems, root, ROOT_KEYS, [], 'the workflow');
        const name = this.checkName(problems, root);
        const description = (0, workflow_problems_1.checkOptionalString)(problems, root, 'description', []);
        const steps = this.checkSteps(problems, root);
        if (problems.count > 0 || name === null || steps === null)
            return invalid(problems.sorted());
        const order = (0, workflow_graph_1.topologicalOrder)(steps);
        if (order === null)
            return invalid(problems.sorted());
        const definition = { name, description: description ?? null, steps };
        return { valid: true, problems: [], stepOrder: order, definition };
    }
    checkName(problems, root) {
        const name = root['name'];
        if (name === undefined || name === null) {
            problems.add('name is required', []);
            return null;
        }
        if (typeof name !== 'string' || !workflow_definition_1.WORKFLOW_NAME_PATTERN.test(name) || name.length > workflow_definition_1.MAX_NAME_LENGTH) {
            problems.add(`name must be 1 to ${workflow_definition_1.MAX_NAME_LENGTH} letters, digits, "-", "_" or "."`, ['name']);
            return null;
        }
        return name;
    }
    /** Each step's fields, then what relates steps: duplicate ids, dependsOn, cycles, templates. */
    checkSteps(problems, root) {
        const raw = root['steps'];
        if (raw === undefined || raw === null) {
            problems.add('steps is required', []);
            return null;
        }
        if (!Array.isArray(raw) || raw.length === 0) {
            problems.add('steps must be a list of at least one step', ['steps']);
            return null;
        }
        if (raw.length > workflow_definition_1.MAX_STEPS) {
            problems.add(`a workflow has at most ${workflow_definition_1.MAX_STEPS} steps, got ${raw.length}`, ['steps']);
            return null;
        }
        const checked = raw.map((step, index) => (0, workflow_step_rules_1.checkStep)(problems, this.registry, step, index));
        const firstIndex = new Map();
        checked.forEach((step, index) => {
            if (step?.id == null)
                return;
            const first = firstIndex.get(step.id);
            if (first === undefined)
                firstIndex.set(step.id, index);
            else
                problems.add(`duplicate step id "${step.id}" (first used by steps[${first}])`, ['steps', index, 'id']);
        });
        checked.forEach((step, index) => {
            const deps = raw[index]?.['dependsOn'];
            if (step === null || !Array.isArray(deps))
                return;
            deps.forEach((dep, at) => {
                if (typeof dep === 'string' && !firstIndex.has(dep))
                    problems.add(`dependsOn names no step "${dep}"`, ['steps', index, 'dependsOn', at]);
            });
        });
        // The graph of the steps with a usable id (the first of each duplicate), edges to known steps only.
        const graph = [];
        checked.forEach((step, index) => {
            if (step?.id != null && firstIndex.get(step.id) === index)
                graph.push({ id: step.id, dependsOn: step.dependsOn.filter((dep) => firstIndex.has(dep)), index });
        });
        for (const cycle of (0, workflow_graph_1.findCycles)(graph)) {
            const from = graph.find((step) => step.id === cycle[0]);
            const rawDeps = raw[from.index]['dependsOn'];
            const message = cycle.length === 2 ? `step "${cycle[0]}" depends on itself` : `dependency cycle: ${cycle.map((id) => `"${id}"`).join(' → ')} (each depends on the next)`;
            problems.add(message, ['steps', from.index, 'dependsOn', rawDeps.indexOf(cycle[1])]);
        }
        checked.forEach((step, index) => {
            if (step !== null)
                this.checkTemplates(problems, step, index, graph);
        });
        if (checked.some((step) => step === null || step.id === null))
            return null;
        return checked.map((step) => ({ ...step, id: step.id }));
    }
    checkTemplates(problems, step, index, graph) {
        const found = (0, workflow_templates_1.findTemplates)(step.payload);
        if (found.length === 0)
            return;
        const known = new Set(graph.map((node) => node.id));
        const ancestors = step.id === null ? new Set() : (0, workflow_graph_1.ancestorsOf)(step.id, graph);
        for (const template of found) {
            const path = ['steps', index, 'payload', ...template.path];
            const reference = template.reference;
            if (reference === null)
                problems.add(template.error ?? `bad template ${template.text}`, path);
            else if (reference.kind === 'step') {
                if (reference.stepId === step.id)
                    problems.add(`${template.text} reads the output of its own step`, path);
                else if (!known.has(reference.stepId))
                    problems.add(`${template.text} names no step "${reference.stepId}"`, path);
                else if (!ancestors.has(reference.stepId)) {
                    problems.add(`${template.text}: step "${reference.stepId}" is not an ancestor of "${step.id}"; add it to dependsOn (directly or through another step)`, path);
                }
            }
        }
    }
}
exports.WorkflowValidator = WorkflowValidator;
function invalid(problems) {
    return { valid: false, problems, stepOrder: [], definition: null };
}
//# sourceMappingURL=workflow-validator.js.map