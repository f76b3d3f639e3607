package dev.warp2api.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: {@code warp2api <version>} and the path of the running jar. */
public final class VersionInfo implements IVersionProvider {

  /** The build's version from {@code warp2api-version.properties}, or {@code unknown}. */
  public static String version() {
    try (InputStream in = VersionInfo.class.getResourceAsStream("/warp2api-version.properties")) {
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

  /** Where the running code was loaded from (the jar, or a classes directory in development). */
  public static String location() {
    try {
      return Path.of(VersionInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | RuntimeException e) {
      return "unknown location";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"warp2api " + version(), location()};
  }
}
