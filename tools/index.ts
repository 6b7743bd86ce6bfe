// The only list of domains: adding a domain is its folder under tools/ and one entry here.
import type { Domain } from "../engine/domain.js";
import { awsDomain } from "./aws/index.js";

export const DOMAINS: readonly Domain<unknown>[] = [awsDomain];
