package dev.warp2api.obs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.LogLines;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's warning about a connection accepted while a port closes is dropped when, and only when,
 * its cause is the empty event-loop rotation of a port whose servers have all left.
 */
class ClosingPortFilterTest {
  private static final Logger NETTY = LoggerFactory.getLogger(ClosingPortFilter.NETTY_LOGGER);

  @Test
  void theWarningOfAConnectionMetWhileThePortClosesIsDropped() {
    try (LogLines logs = new LogLines()) {
      NETTY.warn(
          "Failed to register an accepted channel: {}", "[id: 0x1]", new IllegalStateException());
      assertThat(logs.lines()).isEmpty();
    }
  }

  @Test
  void theSameWarningWithAnotherCauseAndOtherWarningsStay() {
    try (LogLines logs = new LogLines()) {
      NETTY.warn("Failed to register an accepted channel: {}", "[id: 0x2]", new IOException("x"));
      NETTY.warn("Something else: {}", "[id: 0x3]", new IllegalStateException());
      LoggerFactory.getLogger("dev.warp2api.other")
          .warn("Failed to register an accepted channel: {}", "y", new IllegalStateException());
      assertThat(logs.lines()).hasSize(3).allMatch(l -> l.startsWith("WARN"));
    }
  }
}
