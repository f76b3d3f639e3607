package dev.warp2api.e2e.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.config.SettingsLoader;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimDrift;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** W2A_CAPTURE_DIR keeps failing exchanges, decoded, with no secret and no message text. */
class CaptureOfFailingExchangesTest {
  private static final String REFRESH = "rt-capture-93be01d7a2";
  private static final String WORDS = "secret-words-of-the-user";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path captures = temp();

  @AutoClose
  final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of(REFRESH, "one", 100)),
      Map.of("WARP_REFRESH_TOKEN", REFRESH, "W2A_CAPTURE_DIR", captures.toString()));

  @Test
  void aStreamWithAnUnknownEventIsCapturedByStructureWithoutTextOrSecrets() throws Exception {
    stack.sim.changeProtocol(SimDrift.UNKNOWN_EVENT, SimDrift.NEW_FINISH_REASON);
    assertThat(stack.chat(false, WORDS).statusCode()).isEqualTo(200);

    Path file = awaitCapture();
    String text = Files.readString(file);
    assertThat(text).doesNotContain(WORDS, "You said", REFRESH.substring(0, 12));
    for (String token : stack.sim.issuedAccessTokens()) {
      assertThat(text).doesNotContain(token.substring(0, 20));
    }
    JsonNode capture = JSON.readTree(text);
    assertThat(capture.path("why").asText()).isNotEmpty();
    assertThat(capture
            .path("request")
            .path("settings")
            .path("model_config")
            .path("base")
            .asText())
        .isEqualTo("claude-4-5-sonnet");
    assertThat(capture.path("response").path("status").asInt()).isEqualTo(200);
    assertThat(text).contains("\"unknown_fields\"", "\"" + SimDrift.EVENT_FIELD + "\"", "chars>");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(captures))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void aRefusedCallIsCapturedWithItsStatusAndClassifyingHeadersOnly() throws Exception {
    stack.sim.enqueue(SimFault.NEW_ERROR_CODE);
    stack.chat(false, WORDS);

    JsonNode capture = JSON.readTree(Files.readString(awaitCapture()));
    assertThat(capture.path("response").path("status").asInt()).isEqualTo(429);
    assertThat(
            capture.path("response").path("headers").path("x-warp-error-code").asText())
        .isEqualTo(SimFault.NEW_ERROR_CODE_VALUE);
    assertThat(capture.toString()).doesNotContain(WORDS, "authorization", REFRESH.substring(0, 12));
  }

  @Test
  void aHealthyExchangeIsNotCaptured() {
    assertThat(stack.chat(false, "hello").statusCode()).isEqualTo(200);
    assertThat(stack.chat(true, "hello").statusCode()).isEqualTo(200);
    assertThat(files()).isEmpty();
  }

  @Test
  void capturingIsOffByDefault() throws IOException {
    Path dir = Files.createTempDirectory("w2a-nocapture");
    assertThat(SettingsLoader.load(Map.of(), dir).settings().log().captureDir()).isNull();
  }

  private Path awaitCapture() {
    stack.await("a capture file", () -> !files().isEmpty());
    return files().get(0);
  }

  private List<Path> files() {
    if (!Files.isDirectory(captures)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(captures)) {
      return s.filter(p -> p.getFileName().toString().startsWith("exchange-"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path temp() {
    try {
      return Files.createTempDirectory("w2a-captures").resolve("captures");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
