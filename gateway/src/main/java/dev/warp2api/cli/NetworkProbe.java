package dev.warp2api.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The network steps of {@code doctor} for one upstream host, with the JDK's own sockets (blocking;
 * CLI only): DNS, a TCP connection (through {@code HTTPS_PROXY} with {@code CONNECT} when one
 * applies), and for {@code https://} a TLS handshake offering {@code h2} and {@code http/1.1} by
 * ALPN, as the gateway's client does. Each returns a {@link DoctorStep}; none throws.
 */
final class NetworkProbe {
  /**
   * Long enough for a slow resolver or a distant proxy; the whole doctor run stays under a minute.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private NetworkProbe() {}

  /**
   * {@code dns <host>}: the addresses of the host (or of the proxy, which then resolves the host).
   */
  static DoctorStep dns(URI target, String proxy) {
    String host = proxy == null ? target.getHost() : proxy.substring(0, proxy.lastIndexOf(':'));
    String step = "dns " + host;
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      List<String> addresses =
          Arrays.stream(all).map(InetAddress::getHostAddress).limit(4).toList();
      return DoctorStep.ok(
          step,
          String.join(", ", addresses)
              + (proxy == null ? "" : " (the proxy; it resolves " + target.getHost() + " itself)"));
    } catch (UnknownHostException e) {
      return DoctorStep.fail(
          step,
          "the name does not resolve",
          "check the host in " + (proxy == null ? urlSetting(target) : "HTTPS_PROXY")
              + ", and this machine's DNS");
    }
  }

  /** {@code tcp <host:port>}: a connection opens (through the proxy when one applies). */
  static DoctorStep tcp(URI target, String proxy) {
    String step = "tcp " + hostPort(target);
    try (Socket socket = connect(target, proxy)) {
      return DoctorStep.ok(
          step, "connected" + (proxy == null ? "" : " through the proxy " + proxy));
    } catch (ProxyRefused e) {
      return DoctorStep.fail(
          step,
          "the proxy " + proxy + " refused the tunnel: " + e.getMessage(),
          "check HTTPS_PROXY (and its user and password) or add the host to NO_PROXY");
    } catch (IOException e) {
      return DoctorStep.fail(
          step,
          "cannot connect" + (proxy == null ? "" : " through the proxy " + proxy) + ": "
              + e.getClass().getSimpleName(),
          "check that the host and port are right and that a firewall lets "
              + "this machine reach them"
              + (proxy == null ? "; set HTTPS_PROXY if it needs a proxy" : ""));
    }
  }

  /**
   * {@code tls <host:port>}: the handshake, the certificate (subject, issuer, expiry) and what ALPN
   * agreed: {@code h2} is what Warp speaks; {@code http/1.1} means an intercepting proxy or another
   * server is answering.
   */
  static DoctorStep tls(URI target, String proxy, boolean insecure, Instant now) {
    String step = "tls " + hostPort(target);
    try (Socket plain = connect(target, proxy)) {
      SSLContext context = insecure ? trustingEverything() : SSLContext.getDefault();
      SSLSocket tls = (SSLSocket)
          context.getSocketFactory().createSocket(plain, target.getHost(), port(target), true);
      SSLParameters params = tls.getSSLParameters();
      params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      if (!insecure) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
      }
      tls.setSSLParameters(params);
      tls.setSoTimeout((int) TIMEOUT.toMillis());
      tls.startHandshake();
      String alpn = tls.getApplicationProtocol();
      String certificate = describe(tls.getSession().getPeerCertificates(), now);
      String via = proxy == null ? "" : ", through the proxy " + proxy;
      String verification = insecure ? ", certificate NOT verified (WARP_INSECURE_TLS=true)" : "";
      tls.close();
      if (alpn == null || alpn.isEmpty() || alpn.equals("http/1.1")) {
        return DoctorStep.warn(
            step,
            "ALPN agreed " + (alpn == null || alpn.isEmpty() ? "nothing" : "http/1.1")
                + " instead of h2: the server (or an intercepting proxy) speaks HTTP/1.1 only; Warp speaks HTTP/2. "
                + certificate + via + verification,
            "chats can still work over HTTP/1.1; if a proxy intercepts TLS, let it pass HTTP/2 (ALPN h2)");
      }
      return DoctorStep.ok(
          step,
          tls.getSession().getProtocol() + ", ALPN " + alpn + ", " + certificate + via
              + verification);
    } catch (SSLHandshakeException e) {
      return DoctorStep.fail(
          step,
          "TLS handshake failed: " + e.getMessage(),
          "if a proxy intercepts TLS, add its CA to the Java trust store (or, only for such a proxy, set "
              + "WARP_INSECURE_TLS=true); otherwise check the host in " + urlSetting(target));
    } catch (ProxyRefused e) {
      return DoctorStep.fail(
          step,
          "the proxy " + proxy + " refused the tunnel: " + e.getMessage(),
          "check HTTPS_PROXY or add the host to NO_PROXY");
    } catch (IOException | GeneralSecurityException e) {
      return DoctorStep.fail(
          step,
          "TLS failed: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          "check the host and port in " + urlSetting(target));
    }
  }

  private static String describe(Certificate[] chain, Instant now) {
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      return "no X.509 certificate";
    }
    Instant expires = leaf.getNotAfter().toInstant();
    long days = Duration.between(now, expires).toDays();
    return "certificate " + leaf.getSubjectX500Principal().getName() + " issued by "
        + leaf.getIssuerX500Principal().getName() + ", expires " + expires + " (" + days + " days)";
  }

  private static Socket connect(URI target, String proxy) throws IOException {
    Socket socket = new Socket();
    try {
      if (proxy == null) {
        socket.connect(
            new InetSocketAddress(target.getHost(), port(target)), (int) TIMEOUT.toMillis());
        return socket;
      }
      int colon = proxy.lastIndexOf(':');
      socket.connect(
          new InetSocketAddress(
              proxy.substring(0, colon), Integer.parseInt(proxy.substring(colon + 1))),
          (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      tunnel(socket, hostPort(target));
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * {@code CONNECT host:port}; the proxy's status line must say 200. (Proxy authentication is not
   * tried here.)
   */
  private static void tunnel(Socket socket, String hostPort) throws IOException {
    OutputStream out = socket.getOutputStream();
    String connect = "CONNECT " + hostPort + " HTTP/1.1\r\nHost: " + hostPort + "\r\n\r\n";
    out.write(connect.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
      int b = in.read();
      if (b < 0) {
        throw new ProxyRefused("it closed the connection");
      }
      head.append((char) b);
    }
    String status = head.substring(0, Math.max(0, head.indexOf("\r\n")));
    if (!status.matches("HTTP/1\\.[01] 200.*")) {
      throw new ProxyRefused(status.isEmpty() ? "no status line" : status);
    }
  }

  private static final class ProxyRefused extends IOException {
    private static final long serialVersionUID = 1L;

    ProxyRefused(String message) {
      super(message);
    }
  }

  private static SSLContext trustingEverything() throws GeneralSecurityException {
    TrustManager all = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {all}, new SecureRandom());
    return context;
  }

  static int port(URI target) {
    return target.getPort() > 0
        ? target.getPort()
        : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
  }

  static String hostPort(URI target) {
    return target.getHost() + ":" + port(target);
  }

  /** Which setting holds this URL, for "what to do" lines. */
  private static String urlSetting(URI target) {
    return "WARP_API_URL (or WARP_REFRESH_URL / WARP_GRAPHQL_URL)";
  }
}
