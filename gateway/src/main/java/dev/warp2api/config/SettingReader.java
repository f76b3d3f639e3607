package dev.warp2api.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed settings from an {@link Environment}, collecting every problem instead of stopping at
 * the first. Problem lines name the variable and quote the bad value; only non-secret settings are
 * read through the typed methods here, and URLs have their user-info masked.
 */
final class SettingReader {
  /** The original's example {@code .env} values ({@code your_warp_refresh_token_here}): unset. */
  private static final Pattern PLACEHOLDER = Pattern.compile("(?i)your_[a-z0-9_]*_here");

  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,15})\\s*(b|kib|mib|gib)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

  private final Environment env;
  private final List<String> problems = new ArrayList<>();

  SettingReader(Environment env) {
    this.env = env;
  }

  static boolean isPlaceholder(String value) {
    return PLACEHOLDER.matcher(value.strip()).matches();
  }

  List<String> problems() {
    return problems;
  }

  void problem(String line) {
    problems.add(line);
  }

  /** The value, or empty when unset, blank or the original's placeholder. */
  Optional<String> text(String name) {
    return env.get(name).filter(v -> !isPlaceholder(v));
  }

  String text(String name, String def) {
    return text(name).orElse(def);
  }

  int port(String name, String fallbackName, int def) {
    Optional<String> value = text(name);
    String used = name;
    if (value.isEmpty() && fallbackName != null) {
      value = text(fallbackName);
      used = fallbackName;
    }
    if (value.isEmpty()) {
      return def;
    }
    try {
      int port = Integer.parseInt(value.get());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problem(used + ": '" + value.get() + "' is not a port (1-65535)");
    return def;
  }

  int integer(String name, int def, int min) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return def;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problem(name + ": '" + value.get() + "' is not a whole number >= " + min);
    return def;
  }

  /**
   * The longest duration any setting takes. Far longer ones overflow when added to an instant or
   * converted to nanoseconds (a keep-alive of 999999999999d made every stream fail), and no
   * interval, cooldown or wait the gateway has is meaningful beyond a year.
   */
  static final Duration MAX_DURATION = Duration.ofDays(365);

  /**
   * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, at most {@link #MAX_DURATION};
   * a bare number is seconds.
   */
  Duration duration(String name, Duration def) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return def;
    }
    Matcher m = DURATION.matcher(value.get());
    if (!m.matches()) {
      problem(name + ": '" + value.get() + "' is not a duration (write 500ms, 30s, 5m, 1h or 2d)");
      return def;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.compareTo(MAX_DURATION) > 0) {
      problem(name + ": '" + value.get()
          + "' is longer than 365d, the longest duration a setting takes");
      return def;
    }
    return d;
  }

  /** {@code 512KiB}, {@code 20MiB}, {@code 1GiB}, {@code 100B}; a bare number is bytes. */
  long size(String name, long def) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return def;
    }
    Matcher m = SIZE.matcher(value.get());
    long n = m.matches() ? Long.parseLong(m.group(1)) : -1;
    if (n <= 0) {
      problem(name + ": '" + value.get()
          + "' is not a size above zero (write 512KiB, 20MiB or a number of bytes)");
      return def;
    }
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    int shift = switch (unit) {
      case "kib" -> 10;
      case "mib" -> 20;
      case "gib" -> 30;
      default -> 0;
    };
    if (n > (Long.MAX_VALUE >> shift)) {
      problem(name + ": '" + value.get() + "' is too large");
      return def;
    }
    return n << shift;
  }

  /** {@code true/false/1/0/yes/no}, any case. */
  boolean bool(String name, boolean def) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return def;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> {
        problem(name + ": '" + value.get() + "' is not a boolean (true/false, 1/0, yes/no)");
        yield def;
      }
    };
  }

  /**
   * An absolute URL with one of {@code schemes} and a host; {@code null} when unset and {@code def}
   * is null.
   */
  URI url(String name, String def, List<String> schemes) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return def == null ? null : URI.create(def);
    }
    try {
      URI uri = new URI(value.get());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (schemes.contains(scheme) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException ignored) {
      // reported below
    }
    problem(name + ": '" + masked(value.get()) + "' is not a " + String.join("/", schemes)
        + " URL with a host");
    return def == null ? null : URI.create(def);
  }

  /**
   * A proxy as {@code HTTPS_PROXY} is usually written; {@code host:port} means
   * {@code http://host:port}.
   */
  String proxyUrl(String name) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return null;
    }
    String url = value.get().contains("://") ? value.get() : "http://" + value.get();
    try {
      URI uri = new URI(url);
      if (List.of("http", "https", "socks5").contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException ignored) {
      // reported below
    }
    problem(name + ": '" + masked(value.get()) + "' is not a proxy URL (http://host:port)");
    return null;
  }

  /** The value with any {@code user:password@} part replaced, safe to print. */
  static String masked(String url) {
    return USER_INFO.matcher(url).replaceAll("//██@");
  }
}
