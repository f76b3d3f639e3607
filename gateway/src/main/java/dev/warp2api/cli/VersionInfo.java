package dev.warp2api.cli;

import dev.warp2api.obs.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: {@code warp2api <version>} and the path of the running jar. */
final class VersionInfo implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"warp2api " + BuildInfo.version(), BuildInfo.location()};
  }
}
