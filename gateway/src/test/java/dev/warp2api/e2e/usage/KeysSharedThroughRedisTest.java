package dev.warp2api.e2e.usage;

import static dev.warp2api.e2e.usage.KeyStacks.MODEL;
import static dev.warp2api.e2e.usage.KeyStacks.admin;
import static dev.warp2api.e2e.usage.KeyStacks.chat;
import static dev.warp2api.e2e.usage.KeyStacks.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.RedisServer;
import dev.warp2api.testing.TestStack;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@code W2A_REDIS_URL}, a key made on one instance is kept in Redis and works on another. */
class KeysSharedThroughRedisTest {
  private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static RedisServer redis;

  @BeforeAll
  static void start() {
    redis = RedisServer.startNew();
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  @Test
  void aKeyMadeOnOneInstanceAdmitsOnAnotherAndItsRevocationToo() {
    try (TestStack one =
            KeyStacks.start("W2A_REDIS_URL", redis.url(), "W2A_SECRET_KEY", SECRET_KEY);
        TestStack two =
            KeyStacks.start("W2A_REDIS_URL", redis.url(), "W2A_SECRET_KEY", SECRET_KEY)) {
      create(one, "{\"name\":\"stays\"}");
      String secret = create(one, "{\"name\":\"shared\",\"models\":[\"claude-*\"]}");
      two.await(
          "the key reaches the second instance",
          () -> two.gateway.keys().get("shared").isPresent());
      assertThat(chat(two, secret, MODEL).statusCode()).isEqualTo(200);
      assertThat(chat(two, secret, "auto").statusCode()).isEqualTo(403);
      assertThat(one.stateDir.resolve("keys.json")).doesNotExist();

      assertThat(admin(two, "DELETE", "/admin/keys/shared", null).statusCode()).isEqualTo(200);
      one.await(
          "the revocation reaches the first instance",
          () -> one.gateway.keys().get("shared").isEmpty());
      assertThat(chat(one, secret, MODEL).statusCode()).isEqualTo(401);
    }
  }
}
