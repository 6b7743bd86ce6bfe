import { describe, expect, it } from "vitest";
import { analysePolicy } from "../../tools/aws/collectors/s3-policy.js";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const publicRead = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
const tlsOnly = {
  Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

describe("when a bucket policy is analysed", () => {
  it("finds an Allow to everyone without conditions public", () => {
    expect(analysePolicy(doc(publicRead))).toEqual({ allowsPublic: true, deniesInsecureTransport: false, crossAccount: false });
    expect(analysePolicy(doc({ ...publicRead, Principal: { AWS: ["*"] } }))?.allowsPublic).toBe(true);
  });

  it("finds an Allow pinned to a VPC endpoint, an org or an account not public", () => {
    for (const Condition of [
      { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c" } },
      { StringEquals: { "aws:PrincipalOrgID": ["o-abc123"] } },
      { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
    ]) {
      expect(analysePolicy(doc({ ...publicRead, Condition }))?.allowsPublic).toBe(false);
    }
  });

  it("still finds conditions that let everyone through public", () => {
    for (const Condition of [
      { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } },
      { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c" } },
      { StringEqualsIfExists: { "aws:SourceVpc": "vpc-1" } },
      { Bool: { "aws:SecureTransport": "true" } },
    ]) {
      expect(analysePolicy(doc({ ...publicRead, Condition }))?.allowsPublic).toBe(true);
    }
  });

  it("does not count grants to named principals or Deny statements as public", () => {
    expect(analysePolicy(doc({ ...publicRead, Principal: { AWS: "arn:aws:iam::111122223333:root" } }))?.allowsPublic).toBe(false);
    expect(analysePolicy(doc({ ...publicRead, Effect: "Deny" }))?.allowsPublic).toBe(false);
  });

  it("recognises a deny of insecure transport, with a boolean or a list", () => {
    expect(analysePolicy(doc(tlsOnly))).toEqual({ allowsPublic: false, deniesInsecureTransport: true, crossAccount: false });
    const boolValue = { ...tlsOnly, Condition: { Bool: { "aws:SecureTransport": [false] } } };
    expect(analysePolicy({ Statement: boolValue })?.deniesInsecureTransport).toBe(true);
  });

  it("does not take a deny that only covers one action, or requires TLS, for one", () => {
    expect(analysePolicy(doc({ ...tlsOnly, Action: "s3:PutObject" }))?.deniesInsecureTransport).toBe(false);
    expect(analysePolicy(doc({ ...tlsOnly, Condition: { Bool: { "aws:SecureTransport": "true" } } }))?.deniesInsecureTransport).toBe(false);
  });

  it("finds an unconditioned Allow naming another account cross-account, in every principal form", () => {
    const OWNER = "123456789012";
    for (const AWS of ["210987654321", "arn:aws:iam::210987654321:root", ["arn:aws:iam::123456789012:role/app", "arn:aws:iam::210987654321:role/partner"],
      "arn:aws:sts::210987654321:assumed-role/partner/session", "arn:aws-us-gov:iam::210987654321:user/ops"]) {
      expect(analysePolicy(doc({ ...publicRead, Principal: { AWS } }), OWNER), JSON.stringify(AWS)).toMatchObject({ crossAccount: true, allowsPublic: false });
    }
  });

  it("does not count the owner's own principals, Deny statements, services, everyone, or restricted grants as cross-account", () => {
    const OWNER = "123456789012";
    const partner = { ...publicRead, Principal: { AWS: "arn:aws:iam::210987654321:root" } };
    for (const statement of [
      { ...publicRead, Principal: { AWS: `arn:aws:iam::${OWNER}:role/app` } },
      { ...partner, Effect: "Deny" },
      { ...publicRead, Principal: { Service: "logging.s3.amazonaws.com" } },
      publicRead,
      { ...partner, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } },
    ]) {
      expect(analysePolicy(doc(statement), OWNER)?.crossAccount, JSON.stringify(statement)).toBe(false);
    }
    expect(analysePolicy(doc({ ...partner, Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc123" } } }), OWNER)?.crossAccount).toBe(true);
  });

  it("answers null for something that is not a policy", () => {
    expect(analysePolicy("{not json")).toBeNull();
    expect(analysePolicy({ Version: "2012-10-17" })).toBeNull();
  });
});
