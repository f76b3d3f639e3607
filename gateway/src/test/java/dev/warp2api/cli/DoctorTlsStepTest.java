package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PfxOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TLS step against a local TLS server with a throw-away self-signed certificate. */
class DoctorTlsStepTest {
  private static Path keystore;
  private final Vertx vertx = Vertx.vertx();

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path dir = Files.createTempDirectory("w2a-tls");
    keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair",
            "-alias",
            "sim",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=warp-sim",
            "-validity",
            "2",
            "-ext",
            "SAN=ip:127.0.0.1",
            "-keystore",
            keystore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            "changeit",
            "-keypass",
            "changeit")
        .redirectErrorStream(true)
        .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private URI serve(List<HttpVersion> alpn) throws Exception {
    PfxOptions certificate = new PfxOptions().setPath(keystore.toString()).setPassword("changeit");
    HttpServer server = vertx
        .createHttpServer(new HttpServerOptions()
            .setSsl(true)
            .setUseAlpn(true)
            .setAlpnVersions(alpn)
            .setKeyCertOptions(certificate))
        .requestHandler(r -> r.response().end())
        .listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
    return URI.create("https://127.0.0.1:" + server.actualPort() + "/ai/multi-agent");
  }

  @Test
  void anUpstreamSpeakingOnlyHttp11IsNamedAsSuch() throws Exception {
    DoctorStep step =
        NetworkProbe.tls(serve(List.of(HttpVersion.HTTP_1_1)), null, true, Instant.now());

    assertThat(step.outcome()).isEqualTo(DoctorStep.Outcome.WARN);
    assertThat(step.detail())
        .contains("ALPN agreed http/1.1 instead of h2", "CN=warp-sim", "NOT verified");
  }

  @Test
  void http2ByAlpnAndTheCertificateAreReported() throws Exception {
    DoctorStep step = NetworkProbe.tls(
        serve(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)), null, true, Instant.now());

    assertThat(step.outcome()).isEqualTo(DoctorStep.Outcome.OK);
    assertThat(step.detail()).contains("ALPN h2", "certificate CN=warp-sim", "expires");
  }

  @Test
  void anUntrustedCertificateFailsWithWhatToDo() throws Exception {
    DoctorStep step =
        NetworkProbe.tls(serve(List.of(HttpVersion.HTTP_2)), null, false, Instant.now());

    assertThat(step.outcome()).isEqualTo(DoctorStep.Outcome.FAIL);
    assertThat(step.detail()).startsWith("TLS handshake failed");
    assertThat(step.todo()).contains("trust store", "WARP_INSECURE_TLS");
  }
}
