package dev.warp2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CONTRACT.md: the built-in alias table is written in the README; the two must not drift apart. */
class ReadmeListsBuiltInAliasesTest {

  @Test
  void readmeHasARowForEveryBuiltInAlias() throws IOException {
    Path readme = Path.of("..", "README.md");
    if (!Files.exists(readme)) {
      readme = Path.of("README.md");
    }
    String text = Files.readString(readme);
    ModelCatalog.builtInAliases().forEach((alias, target) ->
        assertThat(text).as(alias).contains("| `" + alias + "` | `" + target + "` |"));
  }
}
