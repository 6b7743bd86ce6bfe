// Public API of the sandbox: a simulated AWS account in a JSON file, served to the real SDK clients.
export { SandboxAccount } from "./account.js";
export { createSandboxClients } from "./clients.js";
export type { SandboxClientOptions } from "./clients.js";
export { SandboxFaultsSchema } from "./faults.js";
export type { SandboxFaults } from "./faults.js";
export { generateDemoAccount, generateScaleAccount, writeSandboxFile } from "./generate.js";
export type { ScaleOptions } from "./generate.js";
export type { ListName, SandboxLookup } from "./lookup.js";
export { parseSandboxText, parseSandboxValue } from "./parse.js";
export { SandboxFileSchema } from "./schema.js";
export type { SandboxFile, SandboxState } from "./schema.js";
