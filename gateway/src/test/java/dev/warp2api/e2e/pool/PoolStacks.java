package dev.warp2api.e2e.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts, tokens and small readers shared by the pool scenarios. Tokens are long enough to search
 * for prefixes.
 */
final class PoolStacks {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String P1 = "rt-personal-one-4b7e19c2a8d5";
  static final String P2 = "rt-personal-two-9d03f6e1b2c7";
  static final String S1 = "rt-shared-one-5a8c2e7f0d91";

  private PoolStacks() {}

  /** personal-1, personal-2 and shared-1, labelled in the simulator as the gateway names them. */
  static SimConfig threeAccounts(SimAccountSpec... overrides) {
    Map<String, SimAccountSpec> byLabel = new LinkedHashMap<>();
    byLabel.put("personal-1", SimAccountSpec.of(P1, "personal-1", 100));
    byLabel.put("personal-2", SimAccountSpec.of(P2, "personal-2", 100));
    byLabel.put("shared-1", SimAccountSpec.of(S1, "shared-1", 100));
    for (SimAccountSpec o : overrides) {
      byLabel.put(o.label(), o);
    }
    return SimConfig.defaults().withAccounts(List.copyOf(byLabel.values()));
  }

  /** Gateway settings for the three accounts plus {@code extra} (name, value, ...). */
  /**
   * A started stack of {@link #threeAccounts} whose simulator also knows {@code spareToken}
   * (account {@code shared-2}, for adding at run time), once the start-up quota reads are in.
   */
  static TestStack startWithSpare(String spareToken) {
    TestStack stack = TestStack.start(
        threeAccounts(SimAccountSpec.of(spareToken, "shared-2", 100)), threeTokens());
    try {
      awaitQuotaKnown(stack);
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  static Map<String, String> threeTokens(String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("WARP_PERSONAL_TOKENS", P1 + "," + P2);
    env.put("WARP_SHARED_TOKENS", S1);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET /admin/pool} as JSON. */
  static JsonNode pool(TestStack stack) {
    return json(stack.get("/admin/pool").body());
  }

  /** One credential's entry of {@code GET /admin/pool}, or a missing node. */
  static JsonNode credential(TestStack stack, String name) {
    for (JsonNode c : pool(stack).path("credentials")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    return MissingNode.getInstance();
  }

  /** Waits until the start-up quota read of every credential has landed. */
  static void awaitQuotaKnown(TestStack stack) {
    stack.await("every credential's quota was read", () -> {
      for (JsonNode c : pool(stack).path("credentials")) {
        if (c.path("quota").isNull() || c.path("quota").isMissingNode()) {
          return false;
        }
      }
      return true;
    });
  }
}
