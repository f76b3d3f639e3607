package dev.warp2api.testing;

import dev.warp2api.server.Gateway;
import dev.warp2api.sim.SimConfig;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gateway instances sharing one {@link RedisServer} and one in-process simulator, for tests of what
 * instances share. Instance A is a {@link TestStack} (the simulator, its clock and a gateway);
 * instance B is a second gateway with A's settings on another port. Both get the server's
 * {@link RedisServer#settings()} (its URL, a fresh key prefix, the secret key) with the test's own
 * settings over them.
 *
 * <p>A JUnit 5 extension on an instance field, declared after the server's static one:
 * {@code @RegisterExtension final TwoInstances instances = new TwoInstances(redis);}. After each
 * test it closes what the test started, before the server is started again for the next test.
 */
public final class TwoInstances implements AfterEachCallback {
  private final RedisServer redis;
  private TestStack a;
  private Gateway b;

  public TwoInstances(RedisServer redis) {
    this.redis = Objects.requireNonNull(redis, "redis");
  }

  /** Starts A, then B with the same settings; returns A. */
  public TestStack start(SimConfig sim, Map<String, String> settings) {
    startA(sim, settings);
    b = a.startAnotherGateway(Map.of());
    return a;
  }

  /**
   * Starts A alone, for tests that start another instance later themselves (with
   * {@link TestStack#startAnotherGateway}, or as a process with {@link TestStack#settings()});
   * returns A.
   */
  public TestStack startA(SimConfig sim, Map<String, String> settings) {
    Map<String, String> env = redis.settings();
    env.putAll(settings);
    a = TestStack.start(sim, env);
    return a;
  }

  /** Instance B, started by {@link #start}. */
  public Gateway b() {
    return Objects.requireNonNull(b, "B was not started");
  }

  /** Instance B's base URL. */
  public String onB() {
    return "http://127.0.0.1:" + b().port();
  }

  /** The key prefix the instances share in Redis ({@code W2A_REDIS_PREFIX}). */
  public String prefix() {
    return Objects.requireNonNull(a, "A was not started").settings().get("W2A_REDIS_PREFIX");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (a != null) {
      a.close(); // B and any other gateway started from A with it
    }
    a = null;
    b = null;
  }
}
