package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Through successes, a wrong client key, an upstream failure and a quota exhaustion, no log line
 * (DEBUG and up) carries a client key, the refresh token or an access token (a JWT,
 * {@code eyJ...}).
 */
class NoSecretInLogsTest {
  private static final String GOOD_KEY = "client-key-secret-0042";
  private static final String WRONG_KEY = "client-key-wrong-0099";
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.warp2api");
  /**
   * Log events arrive on event-loop threads while the test thread reads them: a thread-safe list.
   */
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  private final ch.qos.logback.core.AppenderBase<ILoggingEvent> appender =
      new ch.qos.logback.core.AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          events.add(event);
        }
      };
  private Level previous;
  private TestStack stack;

  @BeforeEach
  void start() {
    previous = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    stack = OpenAiE2e.start("API_TOKEN", GOOD_KEY);
  }

  @AfterEach
  void stop() {
    stack.close();
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }

  private List<String> lines() {
    return events.stream()
        .map(e -> e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
        .toList();
  }

  @Test
  void noKeyOrTokenIsEverLogged() {
    String ask =
        "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    String auth = "Bearer " + GOOD_KEY;
    stack.sim.enqueue(SimReply.text("fine"));
    assertThat(stack.post("/v1/chat/completions", ask, "authorization", auth).statusCode())
        .isEqualTo(200);
    assertThat(stack
            .post("/v1/chat/completions", ask, "authorization", "Bearer " + WRONG_KEY)
            .statusCode())
        .isEqualTo(401);
    stack.sim.enqueue(SimFault.AUTH_401).enqueue(SimReply.text("after re-auth"));
    assertThat(stack.post("/v1/chat/completions", ask, "authorization", auth).statusCode())
        .isEqualTo(200);
    stack.sim.setCreditsUsed("alpha", 100);
    assertThat(stack.post("/v1/chat/completions", ask, "authorization", auth).statusCode())
        .isEqualTo(429);

    assertThat(lines())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line)
            .doesNotContain(GOOD_KEY)
            .doesNotContain(WRONG_KEY)
            .doesNotContain(OpenAiE2e.TOKEN)
            .doesNotContain("client-key")
            .doesNotContain("rt-openai")
            .doesNotContain("eyJ"));
  }
}
