// Encryption at rest, as several kinds' controls say it: the words, the condition and the examples.
import type { Condition } from "../../../contracts/policy.js";
import type { ControlParams } from "../../../engine/control.js";

export const ENCRYPTION_WORDS = ["encrypted", "encryption", "encrypt", "encryption at rest", "encrypted at rest", "at rest", "unencrypted", "kms"];
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/example";

interface EncryptionOverlay { encrypted?: boolean; kmsKeyId?: string | null }

/** Encrypted with the key (when named) passes; unencrypted, or another key, fails. */
export function encryptionExamples({ kmsKeyId }: ControlParams): { compliant: EncryptionOverlay; noncompliant: EncryptionOverlay } {
  return {
    compliant: { encrypted: true, kmsKeyId: kmsKeyId ?? KEY },
    noncompliant: kmsKeyId ? { encrypted: true, kmsKeyId: `${kmsKeyId}-other` } : { encrypted: false, kmsKeyId: null },
  };
}

/** Encrypted, and with the named key when there is one. */
export function encryptedWith(kmsKeyId: string | undefined): Condition {
  const encrypted: Condition = { path: "encrypted", op: "eq", value: true };
  return kmsKeyId ? { all: [encrypted, { path: "kmsKeyId", op: "eq", value: kmsKeyId }] } : encrypted;
}
