"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.allMigrations = void 0;
const _1764000000000_initial_schema_1 = require("./1764000000000-initial-schema");
const _1764000100000_task_engine_1 = require("./1764000100000-task-engine");
const _1764000200000_query_indexes_1 = require("./1764000200000-query-indexes");
const _1764000300000_claim_guard_1 = require("./1764000300000-claim-guard");
const _1764000400000_event_outbox_1 = require("./1764000400000-event-outbox");
const _1764000500000_change_writer_1 = require("./1764000500000-change-writer");
const _1764000600000_task_fast_paths_1 = require("./1764000600000-task-fast-paths");
const _1764000700000_change_groups_1 = require("./1764000700000-change-groups");
/** Every migration, oldest first. Imported as classes so compiled and ts-jest runs load the same list. */
exports.allMigrations = [_1764000000000_initial_schema_1.InitialSchema1764000000000, _1764000100000_task_engine_1.TaskEngine1764000100000, _1764000200000_query_indexes_1.QueryIndexes1764000200000, _1764000300000_claim_guard_1.ClaimGuard1764000300000, _1764000400000_event_outbox_1.EventOutbox1764000400000, _1764000500000_change_writer_1.ChangeWriter1764000500000, _1764000600000_task_fast_paths_1.TaskFastPaths1764000600000, _1764000700000_change_groups_1.ChangeGroups1764000700000];
//# sourceMappingURL=index.js.map