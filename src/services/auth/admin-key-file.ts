import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config';
import { writePrivateFile } from '../secrets/key-material';
import { generateApiKeySecret } from './api-key-secret';

export interface AdminKey {
  secret: string;
  /** True the first time it was generated: the caller prints it once. */
  generated: boolean;
  /** Where a generated key is kept, for the operator's note. */
  path: string | null;
}

/** ADMIN_API_KEY, or the key generated on first boot into DATA_DIR/admin-api-key (mode 0600). */
export function resolveAdminKey(config: Config): AdminKey {
  if (config.adminApiKey !== undefined) return { secret: config.adminApiKey, generated: false, path: null };
  const path = join(config.dataDir, 'admin-api-key');
  if (existsSync(path)) return { secret: readFileSync(path, 'utf8').trim(), generated: false, path };
  const secret = generateApiKeySecret();
  writePrivateFile(path, `${secret}\n`);
  return { secret, generated: true, path };
}
