package dev.warp2api.obs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What build is running: its version and where its code was loaded from. Read by the probes and
 * {@code --version}.
 */
public final class BuildInfo {
  private static final String VERSION = readVersion();

  private BuildInfo() {}

  /** The build's version from {@code warp2api-version.properties}, or {@code unknown}. */
  public static String version() {
    return VERSION;
  }

  /** Where the running code was loaded from (the jar, or a classes directory in development). */
  public static String location() {
    try {
      return Path.of(BuildInfo.class
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toURI())
          .toString();
    } catch (URISyntaxException | RuntimeException e) {
      return "unknown location";
    }
  }

  private static String readVersion() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/warp2api-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
