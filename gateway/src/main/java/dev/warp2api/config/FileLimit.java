package dev.warp2api.config;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The process's limit of open files ({@code ulimit -n}), where the platform tells it. */
final class FileLimit {
  /** Assumed when the platform does not say (a common default soft limit). */
  static final long UNKNOWN = 1024;

  private FileLimit() {}

  static long current() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof UnixOperatingSystemMXBean unix) {
      long max = unix.getMaxFileDescriptorCount();
      return max > 0 ? max : UNKNOWN;
    }
    return UNKNOWN;
  }
}
