// An in-memory storage adapter for oidc-provider (its built-in one warns on every start and is an LRU
// capped at 1,000 entries, which a long browser-test run could overflow). Expired entries are swept.

/**
 * @typedef {Record<string, any>} Payload
 * @typedef {{ value: any, expiresAt: number }} Entry
 */

/** Models whose entries revokeByGrantId removes (as oidc-provider's own memory adapter does). */
const GRANTABLE = new Set([
  "AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode", "BackchannelAuthenticationRequest", "PreAuthorizedCode",
]);

/** Returns an adapter factory with its own store, for `new Provider(issuer, { adapter })`. */
export function createMemoryAdapter() {
  /** @type {Map<string, Entry>} */
  const store = new Map();
  let writes = 0;

  /** @param {string} key */
  const get = (key) => {
    const entry = store.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry?.value;
  };
  /**
   * @param {string} key
   * @param {any} value
   * @param {number | undefined} expiresIn seconds
   */
  const set = (key, value, expiresIn) => {
    store.set(key, { value, expiresAt: typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity });
    if (++writes % 500 === 0) {
      const now = Date.now();
      for (const [k, e] of store) if (e.expiresAt <= now) store.delete(k);
    }
  };

  class MemoryAdapter {
    /** @param {string} model */
    constructor(model) {
      this.model = model;
    }

    /** @param {string} id */
    key(id) {
      return `${this.model}:${id}`;
    }

    /**
     * @param {string} id
     * @param {Payload} payload
     * @param {number} [expiresIn]
     */
    async upsert(id, payload, expiresIn) {
      const key = this.key(id);
      set(key, payload, expiresIn);
      if (this.model === "Session") set(`sessionUid:${payload.uid}`, id, expiresIn);
      if (payload.userCode) set(`userCode:${payload.userCode}`, id, expiresIn);
      if (GRANTABLE.has(this.model) && payload.grantId) {
        const members = get(`grant:${payload.grantId}`) ?? new Set();
        members.add(key);
        set(`grant:${payload.grantId}`, members, undefined);
      }
    }

    /** @param {string} id */
    async find(id) {
      return get(this.key(id));
    }

    /** @param {string} uid */
    async findByUid(uid) {
      const id = get(`sessionUid:${uid}`);
      return id === undefined ? undefined : this.find(id);
    }

    /** @param {string} userCode */
    async findByUserCode(userCode) {
      const id = get(`userCode:${userCode}`);
      return id === undefined ? undefined : this.find(id);
    }

    /** @param {string} id */
    async consume(id) {
      const payload = get(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    /** @param {string} id */
    async destroy(id) {
      store.delete(this.key(id));
    }

    /** @param {string} grantId */
    async revokeByGrantId(grantId) {
      /** @type {Set<string> | undefined} */
      const members = get(`grant:${grantId}`);
      for (const key of members ?? []) store.delete(key);
      store.delete(`grant:${grantId}`);
    }
  }

  return MemoryAdapter;
}
