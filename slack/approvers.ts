// Who may do what from Slack: a roster of user ids and user groups (SLACK_APPROVERS for Approve /
// Reject, SLACK_AUTHORS for intents that store or change anything). Group members are read with
// usergroups.users.list and cached briefly. When Slack cannot say, the answer is no.
import type { WebClient } from "@slack/web-api";
import { errorMessage } from "../core/errors.js";
import type { Logger } from "../observability/index.js";

export const GROUP_CACHE_MS = 60_000;

export interface SlackRoster {
  /** The configured ids, users and groups alike. */
  readonly ids: readonly string[];
  /** Whether this Slack user is on the roster, directly or through a user group. */
  allows(userId: string, client: WebClient): Promise<boolean>;
}

/** Who may approve or reject runs. */
export type Approvers = SlackRoster;
/** Who may state intents that create, update, exempt or retire policies or change resources. */
export type Authors = SlackRoster;

const isGroup = (id: string) => id.startsWith("S");

/**
 * A roster over user and group ids; `role` names it in warnings ("approvers", "authors").
 * @example const approvers = createRoster(["U0BOB", "S0SECLEADS"], "approvers", logger);
 */
export function createRoster(ids: readonly string[], role: string, logger: Logger, cacheMs = GROUP_CACHE_MS, now: () => number = Date.now): SlackRoster {
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
      logger.warn({ group, role, err: errorMessage(error) }, `could not read a Slack ${role} group; its members count as not ${role} until it can be read`);
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
