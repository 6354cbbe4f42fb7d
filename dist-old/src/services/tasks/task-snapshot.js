"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.taskSnapshot = taskSnapshot;
exports.taskFromSnapshot = taskFromSnapshot;
const iso = (date) => (date === null ? null : new Date(date).toISOString());
function taskSnapshot(task) {
    return {
        ...task,
        runAt: iso(task.runAt),
        createdAt: new Date(task.createdAt).toISOString(),
        startedAt: iso(task.startedAt),
        completedAt: iso(task.completedAt),
    };
}
/** Back from a snapshot to the view (for subscriptions resolving Task from an event). */
function taskFromSnapshot(snapshot) {
    const date = (value) => (value === null ? null : new Date(value));
    return { ...snapshot, runAt: date(snapshot.runAt), createdAt: new Date(snapshot.createdAt), startedAt: date(snapshot.startedAt), completedAt: date(snapshot.completedAt) };
}
//# sourceMappingURL=task-snapshot.js.map