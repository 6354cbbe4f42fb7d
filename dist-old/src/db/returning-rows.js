"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.returningRows = returningRows;
/**
 * TypeORM's `query()` answers an UPDATE or DELETE with `[rows, affectedCount]` but an INSERT
 * or SELECT with the rows alone; this gives the rows of a RETURNING clause either way.
 */
function returningRows(result) {
    if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
        return result[0];
    return result;
}
//# sourceMappingURL=returning-rows.js.map