import { describe, expect, it } from "vitest";
import { createAwsClients } from "../../tools/aws/live/clients.js";

describe("when real AWS clients are created", () => {
  it("caches one client per service and region, in the region asked for", async () => {
    const clients = createAwsClients({ defaultRegion: "us-east-1" });
    try {
      expect(clients.s3("eu-west-1")).toBe(clients.s3("eu-west-1"));
      expect(clients.s3("eu-west-1")).not.toBe(clients.s3("us-east-1"));
      expect(await clients.ec2("ap-south-1").config.region()).toBe("ap-south-1");
      expect(clients.defaultRegion).toBe("us-east-1");
    } finally {
      clients.destroy();
    }
  });

  it("turns SDK retries off, so send() is the only layer that retries", async () => {
    const clients = createAwsClients({ defaultRegion: "us-east-1" });
    try {
      for (const client of [clients.s3("us-east-1"), clients.s3control("us-east-1"), clients.ec2("us-east-1"), clients.efs("us-east-1"), clients.autoscaling("us-east-1"), clients.sts("us-east-1")]) {
        expect(await client.config.maxAttempts()).toBe(1);
      }
    } finally {
      clients.destroy();
    }
  });

  it("sends every service to the endpoint it is given", async () => {
    const clients = createAwsClients({ defaultRegion: "us-east-1", endpoint: "http://localhost:4566" });
    try {
      const endpoint = await clients.sts("us-east-1").config.endpoint?.();
      expect(endpoint?.hostname).toBe("localhost");
      expect(endpoint?.port).toBe(4566);
      expect(clients.s3("us-east-1").config.forcePathStyle).toBe(true);
    } finally {
      clients.destroy();
    }
  });
});
