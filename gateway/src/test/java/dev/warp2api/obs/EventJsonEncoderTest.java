package dev.warp2api.obs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code W2A_LOG_FORMAT=json}: one object per line whose fields are the line's own
 * {@code key=value} pairs.
 */
class EventJsonEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("dev.warp2api.pool.Transitions");
  private final EventJsonEncoder encoder = new EventJsonEncoder();

  private JsonNode encode(Level level, String message, Throwable t) throws Exception {
    LoggingEvent event = new LoggingEvent("x", logger, level, message, t, null);
    event.setTimeStamp(1_764_583_200_000L); // 2025-12-01T10:00:00Z
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n").doesNotContain("\n{");
    return JSON.readTree(line);
  }

  @Test
  void eachKeyValuePairOfTheLineIsAFieldAndAValueRunsToTheNextKey() throws Exception {
    JsonNode n = encode(
        Level.WARN,
        "event=pool.auth_failed credential=personal-2 reason=upstream rejected the"
            + " credential (HTTP 400) failures=3",
        null);
    assertThat(n.get("time").asText()).isEqualTo("2025-12-01T10:00:00Z");
    assertThat(n.get("level").asText()).isEqualTo("WARN");
    assertThat(n.get("logger").asText()).isEqualTo("Transitions");
    assertThat(n.get("event").asText()).isEqualTo("pool.auth_failed");
    assertThat(n.get("credential").asText()).isEqualTo("personal-2");
    assertThat(n.get("reason").asText()).isEqualTo("upstream rejected the credential (HTTP 400)");
    assertThat(n.get("failures").asText()).isEqualTo("3");
    assertThat(n.get("message").asText()).startsWith("event=pool.auth_failed ");
  }

  @Test
  void aQuotedValueLosesItsQuotes() throws Exception {
    JsonNode n = encode(
        Level.INFO,
        "event=models.read_failed reason=\"no credential could read it\" fallback=list",
        null);
    assertThat(n.get("reason").asText()).isEqualTo("no credential could read it");
    assertThat(n.get("fallback").asText()).isEqualTo("list");
  }

  @Test
  void textBeforeThePairsStaysInTheMessageAndAThrowableIsItsClassAndMessage() throws Exception {
    JsonNode n = encode(
        Level.ERROR,
        "listening on 127.0.0.1:28889 level=ignored message=ignored",
        new IllegalStateException("boom", new RuntimeException("cause")));
    assertThat(n.get("message").asText())
        .isEqualTo("listening on 127.0.0.1:28889 level=ignored message=ignored");
    assertThat(n.get("level").asText()).as("never taken from the line").isEqualTo("ERROR");
    assertThat(n.get("error").asText())
        .isEqualTo("java.lang.IllegalStateException: boom | java.lang.RuntimeException: cause");
  }
}
