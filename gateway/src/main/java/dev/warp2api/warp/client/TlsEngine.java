package dev.warp2api.warp.client;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;

/**
 * Which TLS implementation speaks to Warp: BoringSSL through Netty's OpenSSL engine when its native
 * library loads (the jar carries it for Linux x86-64), else the JDK's own. Both negotiate ALPN and
 * verify certificates the same way; BoringSSL spends markedly less CPU per TLS record, and a
 * streamed reply is many small records.
 */
public final class TlsEngine {
  private static final boolean OPENSSL = OpenSSLEngineOptions.isAvailable();

  private TlsEngine() {}

  /** The engine options to set on every TLS client and server the gateway makes. */
  public static SSLEngineOptions preferred() {
    return OPENSSL ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
  }
}
