package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.LogLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptStateFileTest extends PoolTestSupport {
  @TempDir
  Path dir;

  @Test
  void setsACorruptStateFileAsideReportsItByNameAndStartsFresh() throws Exception {
    String content = "{\"version\":1,\"credentials\":{\"3fa4c2d1\": AMf-vLEAKED-TOKEN-CONTENT";
    Files.writeString(dir.resolve("state.json"), content);

    try (LogLines logs = new LogLines("dev.warp2api.pool")) {
      FileStateStore store = new FileStateStore(dir, clock);
      CredentialPool p = pool(PoolPolicy.defaults(), store, DEFAULT_ORDER, "personal-1");

      assertThat(leaseName(p)).isEqualTo("personal-1");
      assertThat(logs.lines())
          .anySatisfy(l -> assertThat(l)
              .startsWith("WARN")
              .contains("event=pool.state.corrupt")
              .contains(dir.resolve("state.json").toString()));
      assertThat(String.join("\n", logs.lines())).doesNotContain("LEAKED").doesNotContain("AMf-v");
      store.flush();
    }

    Path aside = dir.resolve("state.json.corrupt-20261121T100000000Z");
    assertThat(aside).exists();
    assertThat(Files.readString(aside, StandardCharsets.UTF_8)).isEqualTo(content);
    assertThat(Files.readString(dir.resolve("state.json"))).contains("\"version\"");
  }

  @Test
  void treatsAFileOfAnotherFormatAsCorrupt() throws Exception {
    Files.writeString(dir.resolve("state.json"), "[1,2,3]");

    PoolState loaded = new FileStateStore(dir, clock).load();

    assertThat(loaded.credentials()).isEmpty();
    assertThat(Files.list(dir).map(f -> f.getFileName().toString()))
        .anySatisfy(n -> assertThat(n).startsWith("state.json.corrupt-"));
  }

  @Test
  void aMissingStateFileIsAnEmptyState() {
    assertThat(new FileStateStore(dir.resolve("fresh"), clock).load()).isEqualTo(PoolState.empty());
  }
}
