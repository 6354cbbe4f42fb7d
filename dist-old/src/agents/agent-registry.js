"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AgentRegistry = void 0;
const aws_guardduty_agent_1 = require("./aws-guardduty/aws-guardduty.agent");
const health_check_agent_1 = require("./health-check/health-check.agent");
/** The agent factory's catalogue. Adding a type: a folder under src/agents and one line here. */
const catalogue = [health_check_agent_1.healthCheckAgent, aws_guardduty_agent_1.awsGuardDutyAgent];
class AgentRegistry {
    types = new Map();
    constructor(definitions = catalogue) {
        for (const definition of definitions)
            this.types.set(definition.key, definition);
    }
    list() {
        return [...this.types.values()];
    }
    get(key) {
        return this.types.get(key);
    }
    /** Agent types whose agents accept the task type. */
    typesAccepting(taskType) {
        return this.list()
            .filter((definition) => Object.hasOwn(definition.taskTypes, taskType))
            .map((definition) => definition.key);
    }
}
exports.AgentRegistry = AgentRegistry;
//# sourceMappingURL=agent-registry.js.map