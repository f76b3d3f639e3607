package dev.warp2api.usage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A client key created at run time: its name, what it may use, and the SHA-256 of its secret (the
 * secret itself is shown once, at creation, and never kept).
 *
 * @param name the key's name ({@code team-a}); never {@code key-N}, which names {@code API_TOKEN}
 *     keys
 * @param sha256 the lower-case hex SHA-256 of the secret
 * @param models allowed Warp model id patterns ({@code *} matches any characters); empty: any
 * @param dailyTokens input + output tokens per UTC day, or -1 for no budget
 * @param requestsPerMinute requests per minute, or 0 for no limit
 * @param created when it was created
 */
public record NamedKey(
    String name,
    String sha256,
    List<String> models,
    long dailyTokens,
    int requestsPerMinute,
    Instant created) {
  public NamedKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    models = models == null ? List.of() : List.copyOf(models);
    Objects.requireNonNull(created, "created");
  }

  /** Whether the key may use the Warp model {@code modelId}. */
  public boolean allows(String modelId) {
    if (models.isEmpty()) {
      return true;
    }
    for (String pattern : models) {
      if (matches(pattern, modelId)) {
        return true;
      }
    }
    return false;
  }

  /** Glob match where {@code *} stands for any run of characters (case-sensitive). */
  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == text.charAt(t) && pattern.charAt(p) != '*') {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  public boolean hasBudget() {
    return dailyTokens >= 0;
  }

  public boolean hasRateLimit() {
    return requestsPerMinute > 0;
  }

  NamedKey with(List<String> newModels, long newDailyTokens, int newPerMinute) {
    return new NamedKey(name, sha256, newModels, newDailyTokens, newPerMinute, created);
  }
}
