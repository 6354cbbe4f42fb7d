"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.topologicalOrder = topologicalOrder;
exports.findCycles = findCycles;
exports.ancestorsOf = ancestorsOf;
/**
 * A topological order (dependencies first). Among steps ready at the same time the one
 * defined first comes first, so the order is stable. Returns null when there is a cycle.
 */
function topologicalOrder(steps) {
    const index = new Map(steps.map((step, position) => [step.id, position]));
    const remaining = steps.map((step) => new Set(step.dependsOn.filter((id) => index.has(id))));
    const done = new Set();
    const order = [];
    while (order.length < steps.length) {
        // Definition order among ready steps: the lowest index whose dependencies are all done.
        const next = steps.findIndex((_step, position) => !done.has(position) && remaining[position].size === 0);
        if (next === -1)
            return null;
        done.add(next);
        order.push(steps[next].id);
        for (const deps of remaining)
            deps.delete(steps[next].id);
    }
    return order;
}
/**
 * Every dependency cycle, once each, as the ids along it in dependency order starting from
 * the earliest-defined member (e.g. ["a", "b", "a"] for a→b→a). Self-dependencies are ["a", "a"].
 */
function findCycles(steps) {
    const byId = new Map(steps.map((step) => [step.id, step]));
    const position = new Map(steps.map((step, at) => [step.id, at]));
    const components = stronglyConnected(steps, byId);
    const cycles = [];
    for (const members of components) {
        const set = new Set(members);
        const first = [...members].sort((a, b) => position.get(a) - position.get(b))[0];
        const selfLoop = byId.get(first).dependsOn.includes(first);
        if (members.length === 1 && !selfLoop)
            continue;
        // Walk edges inside the component from its first member until a step repeats.
        const path = [first];
        const seen = new Map([[first, 0]]);
        let current = first;
        for (;;) {
            const next = byId.get(current).dependsOn.find((dep) => set.has(dep));
            const at = seen.get(next);
            if (at !== undefined) {
                cycles.push([...path.slice(at), next]);
                break;
            }
            seen.set(next, path.length);
            path.push(next);
            current = next;
        }
    }
    return cycles.sort((a, b) => position.get(a[0]) - position.get(b[0]));
}
/** Every step `id` depends on, directly or not (safe on cyclic graphs). */
function ancestorsOf(id, steps) {
    const byId = new Map(steps.map((step) => [step.id, step]));
    const found = new Set();
    const stack = [...(byId.get(id)?.dependsOn ?? [])];
    while (stack.length > 0) {
        const next = stack.pop();
        if (found.has(next) || !byId.has(next))
            continue;
        found.add(next);
        stack.push(...byId.get(next).dependsOn);
    }
    return found;
}
/** Tarjan's algorithm, iterative so a long chain cannot overflow the stack. */
function stronglyConnected(steps, byId) {
    const indexOf = new Map();
    const low = new Map();
    const onStack = new Set();
    const stack = [];
    const components = [];
    let counter = 0;
    for (const root of steps) {
        if (indexOf.has(root.id))
            continue;
        const work = [{ id: root.id, edge: 0 }];
        indexOf.set(root.id, counter);
        low.set(root.id, counter);
        counter += 1;
        stack.push(root.id);
        onStack.add(root.id);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const deps = byId.get(frame.id).dependsOn.filter((dep) => byId.has(dep));
            if (frame.edge < deps.length) {
                const dep = deps[frame.edge];
                frame.edge += 1;
                if (!indexOf.has(dep)) {
                    indexOf.set(dep, counter);
                    low.set(dep, counter);
                    counter += 1;
                    stack.push(dep);
                    onStack.add(dep);
                    work.push({ id: dep, edge: 0 });
                }
                else if (onStack.has(dep)) {
                    low.set(frame.id, Math.min(low.get(frame.id), indexOf.get(dep)));
                }
                continue;
            }
            work.pop();
            const parent = work[work.length - 1];
            if (parent !== undefined)
                low.set(parent.id, Math.min(low.get(parent.id), low.get(frame.id)));
            if (low.get(frame.id) === indexOf.get(frame.id)) {
                const component = [];
                let member;
                do {
                    member = stack.pop();
                    onStack.delete(member);
                    component.push(member);
                } while (member !== frame.id);
                components.push(component);
            }
        }
    }
    return components;
}
//# sourceMappingURL=workflow-graph.js.map