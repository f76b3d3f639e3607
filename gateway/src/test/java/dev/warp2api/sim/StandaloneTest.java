package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.GatewayException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneTest {
  @TempDir
  Path dir;

  @Test
  void refusesAnInvalidConfigBeforeListening() throws Exception {
    Path bad = Files.writeString(dir.resolve("sim.json"), "{ \"legacy\": \"yes\" }");
    assertThatThrownBy(() -> WarpSimulator.runStandalone(0, bad))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("legacy");
  }
}
