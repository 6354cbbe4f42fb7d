"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyService = void 0;
const entities_1 = require("../../entities");
const ids_1 = require("../common/ids");
const domain_error_1 = require("../errors/domain-error");
const api_key_secret_1 = require("./api-key-secret");
const roles_1 = require("./roles");
/** How long a verified key is trusted without asking PostgreSQL again, in ms. Default 5_000. */
const AUTH_CACHE_TTL_MS = 5_000;
/** last_used_at is written at most this often per key, in ms, to keep reads write-free. */
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
class ApiKeyService {
    dataSource;
    changes;
    cache = new Map();
    lastUsedWritten = new Map();
    revokedListeners = new Set();
    constructor(dataSource, changes) {
        this.dataSource = dataSource;
        this.changes = changes;
    }
    /** The principal of a presented secret, or null when it is unknown or revoked. */
    async authenticate(secret) {
        const hash = (0, api_key_secret_1.hashApiKeySecret)(secret);
        const now = Date.now();
        const cached = this.cache.get(hash);
        if (cached !== undefined && cached.expiresAt > now)
            return cached.principal;
        const row = await this.dataSource.getRepository(entities_1.ApiKeyEntity).findOne({ where: { hash } });
        const principal = row !== null && row.revokedAt === null && (0, roles_1.isRole)(row.role) ? { keyId: row.id, name: row.name, role: row.role } : null;
        if (this.cache.size > 10_000)
            this.cache.clear();
        this.cache.set(hash, { principal, expiresAt: now + AUTH_CACHE_TTL_MS });
        if (principal !== null)
            this.touch(principal.keyId, now);
        return principal;
    }
    /** Whether a principal's key is still valid now, skipping the cache (for long-lived sockets). */
    async isStillValid(keyId) {
        const rows = await this.dataSource.query('SELECT 1 FROM api_keys WHERE id = $1 AND revoked_at IS NULL', [keyId]);
        return rows.length > 0;
    }
    onRevoked(listener) {
        this.revokedListeners.add(listener);
        return () => this.revokedListeners.delete(listener);
    }
    async list() {
        return this.dataSource.getRepository(entities_1.ApiKeyEntity).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    }
    async create(actor, name, role) {
        const trimmed = name.trim();
        if (!NAME_PATTERN.test(trimmed)) {
            throw (0, domain_error_1.badInput)('name must be 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit', 'name');
        }
        const secret = (0, api_key_secret_1.generateApiKeySecret)();
        return this.changes.run(actor, async (tx) => {
            const repo = tx.manager.getRepository(entities_1.ApiKeyEntity);
            const taken = await repo.createQueryBuilder('k').where('k.name = :name AND k.revoked_at IS NULL', { name: trimmed }).getExists();
            if (taken)
                throw (0, domain_error_1.conflict)(`an API key named "${trimmed}" already exists`);
            const apiKey = await repo.save(repo.create({ name: trimmed, role, prefix: (0, api_key_secret_1.apiKeyPrefix)(secret), hash: (0, api_key_secret_1.hashApiKeySecret)(secret), createdBy: actor.name }));
            await tx.record({ kind: 'LOG', data: { apiKeyId: apiKey.id, action: 'apiKey.created', name: apiKey.name, role } }, { level: 'INFO', message: `API key "${apiKey.name}" created with role ${role}`, metadata: { apiKeyId: apiKey.id, role } });
            return { apiKey, secret };
        });
    }
    async revoke(actor, id) {
        const keyId = (0, ids_1.checkUuid)(id, 'id');
        const revoked = await this.changes.run(actor, async (tx) => {
            const repo = tx.manager.getRepository(entities_1.ApiKeyEntity);
            const apiKey = await repo.createQueryBuilder('k').setLock('pessimistic_write').where('k.id = :keyId', { keyId }).getOne();
            if (apiKey === null)
                throw (0, domain_error_1.notFound)('API key', keyId);
            if (apiKey.revokedAt !== null)
                throw (0, domain_error_1.conflict)(`API key "${apiKey.name}" is already revoked`);
            apiKey.revokedAt = new Date();
            await repo.save(apiKey);
            await tx.record({ kind: 'LOG', data: { apiKeyId: apiKey.id, action: 'apiKey.revoked', name: apiKey.name } }, { level: 'WARN', message: `API key "${apiKey.name}" revoked`, metadata: { apiKeyId: apiKey.id } });
            return apiKey;
        });
        this.forget(revoked.id);
        return revoked;
    }
    /** Drops a key from this process's cache and tells its sockets (called on revocation from any process). */
    forget(keyId) {
        for (const [hash, cached] of this.cache)
            if (cached.principal?.keyId === keyId)
                this.cache.delete(hash);
        for (const listener of this.revokedListeners)
            listener(keyId);
    }
    /**
     * Forgets every key revoked by any process as its revocation event arrives on this
     * process's bus (fed by the event relay), so revoked keys lose their sockets everywhere.
     */
    followRevocations(bus) {
        return bus.subscribe((event) => {
            const data = event.data;
            if (event.kind !== 'LOG' || data === null || data['action'] !== 'apiKey.revoked')
                return;
            const keyId = data['apiKeyId'];
            if (typeof keyId === 'string')
                this.forget(keyId);
        });
    }
    /**
     * Makes sure the configured admin secret is a live ADMIN key named "admin". A key an
     * operator revoked stays revoked; a changed ADMIN_API_KEY replaces the old admin key.
     */
    async ensureAdminKey(actor, secret) {
        const hash = (0, api_key_secret_1.hashApiKeySecret)(secret);
        await this.changes.run(actor, async (tx) => {
            const repo = tx.manager.getRepository(entities_1.ApiKeyEntity);
            if (await repo.exists({ where: { hash } }))
                return;
            await tx.manager.query(`UPDATE api_keys SET revoked_at = now() WHERE name = 'admin' AND revoked_at IS NULL`);
            const apiKey = await repo.save(repo.create({ name: 'admin', role: 'ADMIN', prefix: (0, api_key_secret_1.apiKeyPrefix)(secret), hash, createdBy: actor.name }));
            await tx.record({ kind: 'LOG', data: { apiKeyId: apiKey.id, action: 'apiKey.created', name: 'admin', role: 'ADMIN' } }, { level: 'INFO', message: 'admin API key installed', metadata: { apiKeyId: apiKey.id, role: 'ADMIN' } });
        });
    }
    touch(keyId, now) {
        const last = this.lastUsedWritten.get(keyId) ?? 0;
        if (now - last < LAST_USED_WRITE_INTERVAL_MS)
            return;
        this.lastUsedWritten.set(keyId, now);
        // Best effort and off the request's path: a failed write only delays lastUsedAt.
        this.dataSource.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [keyId]).catch(() => undefined);
    }
}
exports.ApiKeyService = ApiKeyService;
//# sourceMappingURL=api-key.service.js.map