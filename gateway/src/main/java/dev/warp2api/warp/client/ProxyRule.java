package dev.warp2api.warp.client;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;
import java.util.Locale;

/**
 * Decides whether a host goes through {@code HTTPS_PROXY}, honouring {@code NO_PROXY} the way curl
 * does: entries are host names or domain suffixes (a leading dot or {@code *.} optional), {@code *}
 * excludes all, ports are ignored. Only {@code https://} targets use the proxy ({@code HTTPS_PROXY}
 * is for them).
 */
final class ProxyRule {
  private ProxyRule() {}

  /** The proxy for {@code target}, or null to connect directly. */
  static ProxyOptions forTarget(URI target, String httpsProxy, String noProxy) {
    if (httpsProxy == null
        || httpsProxy.isBlank()
        || !"https".equalsIgnoreCase(target.getScheme())) {
      return null;
    }
    if (excluded(target.getHost(), noProxy)) {
      return null;
    }
    URI proxy = URI.create(
        httpsProxy.contains("://") ? httpsProxy.strip() : "http://" + httpsProxy.strip());
    ProxyOptions options = new ProxyOptions()
        .setType(ProxyType.HTTP)
        .setHost(proxy.getHost())
        .setPort(proxy.getPort() > 0 ? proxy.getPort() : 80);
    String userInfo = proxy.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      options.setUsername(colon < 0 ? userInfo : userInfo.substring(0, colon));
      options.setPassword(colon < 0 ? "" : userInfo.substring(colon + 1));
    }
    return options;
  }

  static boolean excluded(String host, String noProxy) {
    if (host == null || noProxy == null || noProxy.isBlank()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String raw : noProxy.split(",")) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        return true;
      }
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.indexOf(':') == colon) {
        entry = entry.substring(0, colon);
      }
      entry = entry.startsWith("*.")
          ? entry.substring(2)
          : entry.startsWith(".") ? entry.substring(1) : entry;
      if (h.equals(entry) || h.endsWith("." + entry)) {
        return true;
      }
    }
    return false;
  }
}
