"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatTable = formatTable;
exports.writeReport = writeReport;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const pad = (text, width) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
/** The one table `npm run bench` prints. */
function formatTable(rows) {
    const headers = ['measure', 'figure', 'baseline (same run)', 'goal', 'met'];
    const cells = rows.map((row) => [row.measure, row.figure, row.baseline, row.goal, row.met === null ? 'n/a' : row.met ? 'yes' : 'NO']);
    const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((line) => line[column].length)));
    const line = (values) => `| ${values.map((value, column) => pad(value, widths[column])).join(' | ')} |`;
    return [line(headers), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
function writeReport(report, folder) {
    (0, node_fs_1.mkdirSync)(folder, { recursive: true });
    const path = (0, node_path_1.join)(folder, report.smoke ? 'smoke.json' : 'latest.json');
    (0, node_fs_1.writeFileSync)(path, `${JSON.stringify(report, null, 2)}\n`);
    return path;
}
//# sourceMappingURL=report.js.map