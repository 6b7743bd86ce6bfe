// Who may approve from Slack: the user ids in SLACK_APPROVERS, and the members of the user groups
// it names (read with usergroups.users.list, cached briefly). When Slack cannot say, the answer is no.
import type { WebClient } from "@slack/web-api";
import { errorMessage } from "../core/errors.js";
import type { Logger } from "../observability/index.js";

export const GROUP_CACHE_MS = 60_000;

export interface Approvers {
  /** The configured ids, users and groups alike. */
  readonly ids: readonly string[];
  /** Whether this Slack user may approve or reject runs. */
  allows(userId: string, client: WebClient): Promise<boolean>;
}

const isGroup = (id: string) => id.startsWith("S");

export function createApprovers(ids: readonly string[], logger: Logger, cacheMs = GROUP_CACHE_MS, now: () => number = Date.now): Approvers {
  const users = new Set(ids.filter((id) => !isGroup(id)));
  const groups = ids.filter(isGroup);
  const cache = new Map<string, { members: Set<string>; until: number }>();

  async function members(group: string, client: WebClient): Promise<Set<string>> {
    const cached = cache.get(group);
    if (cached && cached.until > now()) return cached.members;
    try {
      const answer = await client.usergroups.users.list({ usergroup: group });
      const found = new Set(answer.users ?? []);
      cache.set(group, { members: found, until: now() + cacheMs });
      return found;
    } catch (error) {
      logger.warn({ group, err: errorMessage(error) }, "could not read a Slack approvers group; its members cannot approve until it can be read");
      return new Set();
    }
  }

  return {
    ids,
    async allows(userId, client) {
      if (users.has(userId)) return true;
      for (const group of groups) if ((await members(group, client)).has(userId)) return true;
      return false;
    },
  };
}
