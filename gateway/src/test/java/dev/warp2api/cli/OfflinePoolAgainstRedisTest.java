package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.RedisServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class OfflinePoolAgainstRedisTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @TempDir
  Path dir;

  Map<String, String> env(String... more) {
    Map<String, String> env = new HashMap<>(Map.of(
        "W2A_REDIS_URL",
        redis.url(),
        "W2A_SECRET_KEY",
        RedisServer.SECRET_KEY,
        "W2A_STATE_DIR",
        dir.resolve("unused").toString(),
        "WARP_PERSONAL_TOKENS",
        "AMf-one-0123456789,AMf-two-0123456789"));
    for (int i = 0; i + 1 < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void poolStatusOfflineReadsTheSharedStateInRedis() {
    redis.command("FLUSHALL");
    CliRun first = CliRun.run(env(), dir, "pool", "status", "--offline");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("personal-1").contains("personal-2").contains("available");
    assertThat(dir.resolve("unused")).doesNotExist(); // the file store is not used with Redis
  }

  @Test
  void withoutItsKeyTheCommandIsAConfigurationErrorNamingIt() {
    CliRun run =
        CliRun.run(Map.of("W2A_REDIS_URL", redis.url()), dir, "pool", "status", "--offline");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("W2A_SECRET_KEY");
  }
}
