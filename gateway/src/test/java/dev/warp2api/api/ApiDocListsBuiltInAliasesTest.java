package dev.warp2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Users read the built-in alias table in docs/API.md ("Built-in aliases"); it and the code must not
 * drift apart.
 */
class ApiDocListsBuiltInAliasesTest {

  @Test
  void apiDocHasARowForEveryBuiltInAlias() throws IOException {
    Path doc = Path.of("..", "docs", "API.md");
    if (!Files.exists(doc)) {
      doc = Path.of("docs", "API.md");
    }
    String text = Files.readString(doc);
    ModelCatalog.builtInAliases()
        .forEach((alias, target) ->
            assertThat(text).as(alias).contains("| `" + alias + "` | `" + target + "` |"));
  }
}
