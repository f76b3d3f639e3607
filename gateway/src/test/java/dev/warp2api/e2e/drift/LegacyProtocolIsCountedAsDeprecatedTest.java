package dev.warp2api.e2e.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A deployment that still gets the 2025 protocol sees it in the drift report as deprecated, not
 * unknown.
 */
class LegacyProtocolIsCountedAsDeprecatedTest {
  private static final String REFRESH = "rt-drift-legacy-2f61b0c4";

  @AutoClose
  final TestStack stack = TestStack.start(
      SimConfig.defaults().withLegacy(true).withAccounts(SimAccountSpec.of(REFRESH, "one", 100)),
      Map.of("WARP_REFRESH_TOKEN", REFRESH));

  @Test
  void the2025FramingAndFieldsAreListedAsDeprecated() {
    assertThat(stack.chat(false, "hello").statusCode()).isEqualTo(200);
    String body = stack.get("/admin/drift").body();
    assertThat(body)
        .contains(
            "\"status\":\"deprecated\"",
            "data: with a space (2025 framing)",
            "token_usage (field 8, internal since 2025-10)");
  }
}
