package dev.warp2api.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file: {@code KEY=value} lines, an optional {@code export } prefix, values in
 * single quotes (literal) or double quotes ({@code \n}, {@code \"}, {@code \\} escapes), {@code #}
 * comments (whole lines, or after a blank in an unquoted value), blank lines, CRLF line ends. A value
 * with text after its closing quote ({@code 'a', 'b'}) is read as written, quotes included. No
 * variable interpolation. A later line for the same key wins, as with python-dotenv.
 *
 * <p>Problems name the line number and key only, never the value (a value may be a token).
 */
public final class DotEnv {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private DotEnv() {}

  /**
   * Reads {@code file}; a missing file is an empty map.
   *
   * @throws ConfigException listing every malformed line, or when the file cannot be read
   */
  public static Map<String, String> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new ConfigException(List.of(file + ": cannot be read (" + e.getClass().getSimpleName() + ")"));
    }
    return parse(text, file.getFileName().toString());
  }

  /**
   * Parses the text of a {@code .env} file.
   *
   * @param source the name used in problem lines, e.g. {@code .env}
   * @throws ConfigException listing every malformed line
   */
  public static Map<String, String> parse(String text, String source) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ") || line.startsWith("export\t")) {
        line = line.substring("export".length()).strip();
      }
      String where = source + " line " + (i + 1);
      int eq = line.indexOf('=');
      if (eq <= 0 || !KEY.matcher(line.substring(0, eq).strip()).matches()) {
        problems.add(where + ": expected KEY=value");
        continue;
      }
      String key = line.substring(0, eq).strip();
      try {
        values.put(key, value(line.substring(eq + 1).strip()));
      } catch (IllegalArgumentException e) {
        problems.add(where + " (" + key + "): " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return values;
  }

  private static String value(String raw) {
    if (raw.startsWith("'") || raw.startsWith("\"")) {
      String quoted = quoted(raw);
      if (quoted != null) {
        return quoted;
      }
    }
    for (int i = 1; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
        return raw.substring(0, i).strip();
      }
    }
    return raw;
  }

  private static String quoted(String raw) {
    char quote = raw.charAt(0);
    StringBuilder out = new StringBuilder();
    int i = 1;
    for (; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == quote) {
        break;
      }
      if (quote == '"' && c == '\\' && i + 1 < raw.length()) {
        char next = raw.charAt(++i);
        out.append(switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> next;
        });
      } else {
        out.append(c);
      }
    }
    if (i >= raw.length()) {
      throw new IllegalArgumentException("the quoted value has no closing " + quote);
    }
    String rest = raw.substring(i + 1).strip();
    if (!rest.isEmpty() && !rest.startsWith("#")) {
      return null; // quotes around list items, e.g. 'a', "b": the value is read as written
    }
    return out.toString();
  }
}
