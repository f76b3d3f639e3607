package dev.warp2api.e2e.usage;

import static dev.warp2api.e2e.usage.KeyStacks.MODEL;
import static dev.warp2api.e2e.usage.KeyStacks.admin;
import static dev.warp2api.e2e.usage.KeyStacks.chat;
import static dev.warp2api.e2e.usage.KeyStacks.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.server.Gateway;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.RedisServer;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code W2A_REDIS_URL}, a key made on one instance is kept in Redis and works on another. */
class KeysSharedThroughRedisTest {
  private static final String SECRET_KEY = RedisServer.SECRET_KEY;

  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

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

  @Test
  void theKeysOutliveARedisThatCameBackEmpty() {
    String prefix = "k" + System.nanoTime() + ":";
    try (TestStack one = KeyStacks.start(
        "W2A_REDIS_URL", redis.url(), "W2A_SECRET_KEY", SECRET_KEY, "W2A_REDIS_PREFIX", prefix)) {
      String secret = create(one, "{\"name\":\"kept-key\"}");
      Await.until(
          "the instance has read its key back once",
          Duration.ofSeconds(10),
          () -> redis.command("EXISTS " + prefix + "doc:keys").equals(":1"));
      redis.kill(); // no persistence: it comes back empty
      redis.start();
      Await.until(
          "the instance writes the keys back",
          Duration.ofSeconds(10),
          () -> ":1".equals(redis.command("EXISTS " + prefix + "doc:keys")));
      Gateway later = one.startAnotherGateway(Map.of());
      assertThat(later.keys().get("kept-key")).isPresent();
      assertThat(one.send(HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + later.port() + "/v1/chat/completions"))
                  .header("authorization", "Bearer " + secret)
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                      + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"))
                  .build())
              .statusCode())
          .isEqualTo(200);
    }
  }
}
