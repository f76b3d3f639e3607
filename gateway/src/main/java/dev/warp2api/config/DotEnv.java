package dev.warp2api.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file as python-dotenv's {@code load_dotenv()} does (the original Warp2Api's
 * users' files must keep working): {@code KEY=value} lines, an optional {@code export } prefix,
 * values in single quotes (literal) or double quotes ({@code \n}, {@code \"}, {@code \\} escapes),
 * quoted values spanning several lines, {@code #} comments (whole lines, or after a blank in an
 * unquoted value), blank lines, CRLF line ends. A value with text after its closing quote
 * ({@code 'a', 'b'}) is read as written, quotes included. A later line for the same key wins.
 *
 * <p>Interpolation, as python-dotenv's default: {@code ${VAR}} and {@code ${VAR:-default}} in
 * unquoted and double-quoted values (never in single-quoted ones) take the process environment's
 * {@code VAR} if it is set (even to blank), else the value of an earlier {@code VAR} line in the
 * file, else the default, else the empty string. {@code $VAR} without braces is literal.
 *
 * <p>A line that cannot be read (no {@code =}, say {@code BROKENLINE}; a bad key; a quote never
 * closed) is skipped with a warning, as python-dotenv skips it. Warnings name the line number (and
 * the key when there is one), never the line's text: it may be a token.
 */
public final class DotEnv {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]*)(?::-([^}]*))?}");

  private DotEnv() {}

  /**
   * Reads {@code file}; a missing file is an empty map.
   *
   * @param processEnv what {@code ${VAR}} sees first (the process environment)
   * @param warnings receives one line per skipped line
   * @throws ConfigException when the file exists but cannot be read
   */
  public static Map<String, String> read(
      Path file, Map<String, String> processEnv, List<String> warnings) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new ConfigException(
          List.of(file + ": cannot be read (" + e.getClass().getSimpleName() + ")"));
    }
    return parse(text, file.getFileName().toString(), processEnv, warnings);
  }

  /**
   * Parses the text of a {@code .env} file.
   *
   * @param source the name used in warnings, e.g. {@code .env}
   * @param processEnv what {@code ${VAR}} sees first (the process environment)
   * @param warnings receives one line per skipped line
   */
  public static Map<String, String> parse(
      String text, String source, Map<String, String> processEnv, List<String> warnings) {
    Map<String, String> values = new LinkedHashMap<>();
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
        warnings.add(where + ": expected KEY=value; line skipped");
        continue;
      }
      String key = line.substring(0, eq).strip();
      String raw = line.substring(eq + 1).strip();
      if (raw.startsWith("'") || raw.startsWith("\"")) {
        char quote = raw.charAt(0);
        // A quoted value may run over the following lines, up to its closing quote.
        StringBuilder span = new StringBuilder(raw);
        int last = i;
        int close = closingQuote(span);
        while (close < 0 && last + 1 < lines.length) {
          span.append('\n').append(lines[++last]);
          close = closingQuote(span);
        }
        if (close < 0) {
          warnings.add(where + " (" + key + "): the quoted value has no closing " + quote
              + "; line skipped");
          continue;
        }
        String rest = span.substring(close + 1).strip();
        if (rest.isEmpty() || rest.startsWith("#")) {
          String inner = unquoted(span.substring(1, close), quote);
          values.put(key, quote == '"' ? interpolated(inner, processEnv, values) : inner);
          i = last;
          continue;
        }
        if (last > i) {
          warnings.add(
              where + " (" + key + "): text after the closing " + quote + "; line skipped");
          continue;
        }
        // Text after the closing quote on the same line (quotes around list items, 'a', "b"): read
        // as written.
      }
      values.put(key, interpolated(withoutComment(raw), processEnv, values));
    }
    return values;
  }

  /** The index of the quote closing {@code s} (which starts with its opening quote), or -1. */
  private static int closingQuote(CharSequence s) {
    char quote = s.charAt(0);
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == '"' && c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  private static String unquoted(String inner, char quote) {
    if (quote == '\'') {
      return inner;
    }
    StringBuilder out = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length()) {
        char next = inner.charAt(++i);
        out.append(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> next;
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String withoutComment(String raw) {
    for (int i = 1; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
        return raw.substring(0, i).strip();
      }
    }
    return raw;
  }

  private static String interpolated(
      String value, Map<String, String> processEnv, Map<String, String> earlier) {
    if (!value.contains("${")) {
      return value;
    }
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String found = processEnv.containsKey(name) ? processEnv.get(name) : earlier.get(name);
      String replacement = found != null ? found : m.group(2) != null ? m.group(2) : "";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
