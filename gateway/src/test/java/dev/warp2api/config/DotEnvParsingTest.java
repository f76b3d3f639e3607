package dev.warp2api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvParsingTest {
  @Test
  void readsPlainQuotedExportedAndCommentedLines() {
    String text = String.join("\r\n",
        "# a comment",
        "",
        "PLAIN=value",
        "export EXPORTED=yes",
        "SINGLE='a # not a comment'",
        "DOUBLE=\"line\\nbreak \\\"q\\\"\"",
        "INLINE=abc # trailing comment",
        "HASH=abc#def",
        "  SPACED  =  padded  ",
        "EMPTY=",
        "LIST='a', \"b\"");
    Map<String, String> values = DotEnv.parse(text, ".env");
    assertThat(values).containsEntry("PLAIN", "value")
        .containsEntry("EXPORTED", "yes")
        .containsEntry("SINGLE", "a # not a comment")
        .containsEntry("DOUBLE", "line\nbreak \"q\"")
        .containsEntry("INLINE", "abc")
        .containsEntry("HASH", "abc#def")
        .containsEntry("SPACED", "padded")
        .containsEntry("EMPTY", "")
        .containsEntry("LIST", "'a', \"b\"");
  }

  @Test
  void byteOrderMarkIsIgnored() {
    assertThat(DotEnv.parse("\uFEFFWARP_JWT=x\n", ".env")).containsEntry("WARP_JWT", "x");
  }

  @Test
  void laterLineForSameKeyWins() {
    assertThat(DotEnv.parse("A=1\nA=2\n", ".env")).containsEntry("A", "2");
  }

  @Test
  void listsEveryMalformedLineWithoutItsValue() {
    String text = "GOOD=1\nno equals sign secret-ish\nBAD='unterminated AMf-secret\n=nokey\n";
    assertThatThrownBy(() -> DotEnv.parse(text, ".env"))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.problems()).containsExactly(
              ".env line 2: expected KEY=value",
              ".env line 3 (BAD): the quoted value has no closing '",
              ".env line 4: expected KEY=value");
          assertThat(e.getMessage()).doesNotContain("AMf-secret").doesNotContain("secret-ish");
        });
  }

  @Test
  void missingFileIsEmpty(@TempDir Path dir) {
    assertThat(DotEnv.read(dir.resolve(".env"))).isEmpty();
  }

  @Test
  void readsFileFromDisk(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "WARP_REFRESH_TOKEN='tok'\n");
    assertThat(DotEnv.read(dir.resolve(".env"))).containsEntry("WARP_REFRESH_TOKEN", "tok");
  }
}
