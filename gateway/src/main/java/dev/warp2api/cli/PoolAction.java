package dev.warp2api.cli;

import java.util.Locale;

/** The {@code pool} subcommands and the admin route each one calls on a running gateway. */
public enum PoolAction {
  /** Print the pool table: {@code GET /admin/pool}. */
  STATUS("GET", "/admin/pool", "print the credential pool table"),
  /** Refresh every credential once and read its quota: {@code POST /admin/pool/check}. */
  CHECK(
      "POST",
      "/admin/pool/check",
      "refresh every credential once, read its quota; exit 1 if none works"),
  /** Return disabled / cooling credentials to service: {@code POST /admin/pool/recover}. */
  RECOVER(
      "POST",
      "/admin/pool/recover",
      "return disabled and cooling credentials to service and re-check them");

  private final String method;
  private final String path;
  private final String description;

  PoolAction(String method, String path, String description) {
    this.method = method;
    this.path = path;
    this.description = description;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String description() {
    return description;
  }

  /** The subcommand name: {@code status}, {@code check}, {@code recover}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
