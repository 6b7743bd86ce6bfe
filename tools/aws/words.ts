// Polar vocabulary several AWS kind folders share. Each folder's words.ts says, per control, which of its
// words name the state it requires (secure: "versioning", "IMDSv2") and which the state it forbids
// (insecure: "public", "IMDSv1"), so the weakening detector tells "disable versioning" (undoes the control)
// from "disable IMDSv1" (enforces it). Phrases are taken from the catalogue's words (a test keeps it so);
// `also` holds everyday words the catalogue leaves to broader phrases ("anyone", "encrypting").

export const ENCRYPTION = ["encrypted", "encryption", "encrypt", "encryption at rest", "encrypted at rest"];
export const ENCRYPTING = { secure: ["encrypting", "encrypts"] };
export const WORLD = ["open to the world", "open to the internet", "from the internet", "from anywhere", "0.0.0.0/0", "::/0", "public ingress", "world open", "world", "internet", "anywhere"];
