"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventKind = exports.LogLevel = exports.StepStatus = exports.WorkflowRunStatus = exports.TaskStatus = exports.AgentStatus = exports.Role = void 0;
const type_graphql_1 = require("type-graphql");
// Values equal names so the database's text columns and GraphQL agree without mapping.
var Role;
(function (Role) {
    Role["VIEWER"] = "VIEWER";
    Role["OPERATOR"] = "OPERATOR";
    Role["ADMIN"] = "ADMIN";
})(Role || (exports.Role = Role = {}));
var AgentStatus;
(function (AgentStatus) {
    AgentStatus["CREATED"] = "CREATED";
    AgentStatus["STARTING"] = "STARTING";
    AgentStatus["RUNNING"] = "RUNNING";
    AgentStatus["STOPPING"] = "STOPPING";
    AgentStatus["STOPPED"] = "STOPPED";
    AgentStatus["ERROR"] = "ERROR";
})(AgentStatus || (exports.AgentStatus = AgentStatus = {}));
var TaskStatus;
(function (TaskStatus) {
    TaskStatus["QUEUED"] = "QUEUED";
    TaskStatus["RUNNING"] = "RUNNING";
    TaskStatus["SUCCEEDED"] = "SUCCEEDED";
    TaskStatus["FAILED"] = "FAILED";
    TaskStatus["CANCELLED"] = "CANCELLED";
})(TaskStatus || (exports.TaskStatus = TaskStatus = {}));
var WorkflowRunStatus;
(function (WorkflowRunStatus) {
    WorkflowRunStatus["PENDING"] = "PENDING";
    WorkflowRunStatus["RUNNING"] = "RUNNING";
    WorkflowRunStatus["SUCCEEDED"] = "SUCCEEDED";
    WorkflowRunStatus["FAILED"] = "FAILED";
    WorkflowRunStatus["CANCELLED"] = "CANCELLED";
})(WorkflowRunStatus || (exports.WorkflowRunStatus = WorkflowRunStatus = {}));
var StepStatus;
(function (StepStatus) {
    StepStatus["PENDING"] = "PENDING";
    StepStatus["QUEUED"] = "QUEUED";
    StepStatus["RUNNING"] = "RUNNING";
    StepStatus["SUCCEEDED"] = "SUCCEEDED";
    StepStatus["FAILED"] = "FAILED";
    StepStatus["SKIPPED"] = "SKIPPED";
    StepStatus["CANCELLED"] = "CANCELLED";
})(StepStatus || (exports.StepStatus = StepStatus = {}));
var LogLevel;
(function (LogLevel) {
    LogLevel["DEBUG"] = "DEBUG";
    LogLevel["INFO"] = "INFO";
    LogLevel["WARN"] = "WARN";
    LogLevel["ERROR"] = "ERROR";
})(LogLevel || (exports.LogLevel = LogLevel = {}));
var EventKind;
(function (EventKind) {
    EventKind["AGENT_STATUS"] = "AGENT_STATUS";
    EventKind["TASK_STATUS"] = "TASK_STATUS";
    EventKind["WORKFLOW_RUN_STATUS"] = "WORKFLOW_RUN_STATUS";
    EventKind["STEP_STATUS"] = "STEP_STATUS";
    EventKind["LOG"] = "LOG";
    EventKind["EVIDENCE"] = "EVIDENCE";
    EventKind["SCHEDULE"] = "SCHEDULE";
})(EventKind || (exports.EventKind = EventKind = {}));
(0, type_graphql_1.registerEnumType)(Role, { name: 'Role' });
(0, type_graphql_1.registerEnumType)(AgentStatus, { name: 'AgentStatus' });
(0, type_graphql_1.registerEnumType)(TaskStatus, { name: 'TaskStatus' });
(0, type_graphql_1.registerEnumType)(WorkflowRunStatus, { name: 'WorkflowRunStatus' });
(0, type_graphql_1.registerEnumType)(StepStatus, { name: 'StepStatus' });
(0, type_graphql_1.registerEnumType)(LogLevel, { name: 'LogLevel' });
(0, type_graphql_1.registerEnumType)(EventKind, { name: 'EventKind' });
//# sourceMappingURL=enums.js.map