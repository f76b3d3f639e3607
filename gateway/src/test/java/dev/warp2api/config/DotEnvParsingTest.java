package dev.warp2api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvParsingTest {
  private final List<String> warnings = new ArrayList<>();

  private Map<String, String> parse(String text) {
    return DotEnv.parse(text, ".env", Map.of(), warnings);
  }

  @Test
  void readsPlainQuotedExportedAndCommentedLines() {
    String text = String.join(
        "\r\n",
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
    Map<String, String> values = parse(text);
    assertThat(values)
        .containsEntry("PLAIN", "value")
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
    assertThat(parse("\uFEFFWARP_JWT=x\n")).containsEntry("WARP_JWT", "x");
  }

  @Test
  void laterLineForSameKeyWins() {
    assertThat(parse("A=1\nA=2\n")).containsEntry("A", "2");
  }

  @Test
  void skipsEveryMalformedLineWithAWarningNamingItsNumberNotItsText() {
    String text =
        "GOOD=1\nno equals sign secret-ish\nBAD='unterminated AMf-secret\n=nokey\nAFTER=2\n";
    assertThat(parse(text)).containsExactly(Map.entry("GOOD", "1"), Map.entry("AFTER", "2"));
    assertThat(warnings)
        .containsExactly(
            ".env line 2: expected KEY=value; line skipped",
            ".env line 3 (BAD): the quoted value has no closing '; line skipped",
            ".env line 4: expected KEY=value; line skipped");
    assertThat(String.join("\n", warnings))
        .doesNotContain("AMf-secret")
        .doesNotContain("secret-ish");
  }

  @Test
  void aBareLineWithoutEqualsIsSkippedWithAWarningAsPythonDotenvDoes() {
    assertThat(parse("BROKENLINE\nWARP_REFRESH_TOKEN=tok\n"))
        .containsExactly(Map.entry("WARP_REFRESH_TOKEN", "tok"));
    assertThat(warnings).containsExactly(".env line 1: expected KEY=value; line skipped");
  }

  @Test
  void aBareLineDoesNotStopTheGatewayFromLoadingItsSettings(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "BROKENLINE\nW2A_PORT=1234\n");
    SettingsLoader.LoadResult loaded = SettingsLoader.load(Map.of(), dir);
    assertThat(loaded.settings().listen().port()).isEqualTo(1234);
    assertThat(loaded.warnings()).contains(".env line 1: expected KEY=value; line skipped");
  }

  @Test
  void
      interpolatesBracedVariablesFromTheEnvironmentThenEarlierKeysInUnquotedAndDoubleQuotedValues() {
    String text = String.join(
        "\n",
        "BASE=http://file-host",
        "HOST_FROM_ENV=${HOST}",
        "URL=${BASE}/v1",
        "QUOTED=\"${BASE} and ${MISSING:-fallback}\"",
        "SINGLE='${BASE}'",
        "EMPTY=[${MISSING}]",
        "DOLLAR=$BASE",
        "BLANK_IN_ENV=${SET_BLANK:-default}");
    Map<String, String> values =
        DotEnv.parse(text, ".env", Map.of("HOST", "env-host", "SET_BLANK", ""), warnings);
    assertThat(values)
        .containsEntry("HOST_FROM_ENV", "env-host")
        .containsEntry("URL", "http://file-host/v1")
        .containsEntry("QUOTED", "http://file-host and fallback")
        .containsEntry("SINGLE", "${BASE}")
        .containsEntry("EMPTY", "[]")
        .containsEntry("DOLLAR", "$BASE")
        .containsEntry("BLANK_IN_ENV", "");
    assertThat(warnings).isEmpty();
  }

  @Test
  void theEnvironmentWinsOverAnEarlierKeyInInterpolation() {
    assertThat(DotEnv.parse("A=file\nB=${A}\n", ".env", Map.of("A", "env"), warnings))
        .containsEntry("B", "env");
  }

  @Test
  void quotedValuesMaySpanSeveralLines() {
    String text = "CERT=\"line one\nline two\\tend\"\nRAW='a\r\nb'\nNEXT=1\n";
    assertThat(parse(text))
        .containsEntry("CERT", "line one\nline two\tend")
        .containsEntry("RAW", "a\nb")
        .containsEntry("NEXT", "1");
    assertThat(warnings).isEmpty();
  }

  @Test
  void missingFileIsEmpty(@TempDir Path dir) {
    assertThat(DotEnv.read(dir.resolve(".env"), Map.of(), warnings)).isEmpty();
  }

  @Test
  void readsFileFromDisk(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "WARP_REFRESH_TOKEN='tok'\n");
    assertThat(DotEnv.read(dir.resolve(".env"), Map.of(), warnings))
        .containsEntry("WARP_REFRESH_TOKEN", "tok");
  }
}
