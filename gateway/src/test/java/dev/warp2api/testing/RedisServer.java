package dev.warp2api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) on a free loopback port, for
 * one test class: no persistence, no other client. {@link #kill()} and {@link #start()} again on
 * the same port play an outage. Tests never skip for lack of it: {@code .ci/run} installs the
 * package.
 *
 * <p>As a JUnit 5 extension ({@code @RegisterExtension static final RedisServer redis =
 * RedisServer.perClass();}) it starts before the class's first test, stops after its last, and is
 * started again after a test that left it down, so each test begins with Redis up. Tests keep apart
 * by key prefix ({@link #settings}), not by flushing.
 */
public final class RedisServer
    implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  /** A {@code W2A_SECRET_KEY} for tests: 32 zero bytes, base64. */
  public static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);

  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** Starts a server on a free port and waits until it answers PING. */
  public static RedisServer startNew() {
    RedisServer s = perClass();
    s.start();
    return s;
  }

  /** A server on a free port, started by JUnit before the test class (see the class comment). */
  public static RedisServer perClass() {
    try {
      return new RedisServer(TestStack.freePort(), Files.createTempDirectory("w2a-redis"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!"+PONG".equals(command("PING"))) {
      start(); // the test played an outage: the next one begins with Redis up
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * What a gateway instance needs to share this Redis: {@code W2A_REDIS_URL},
   * {@code W2A_REDIS_PREFIX} (a fresh one on each call: instances that should share pass the same
   * map), {@code W2A_SECRET_KEY}; in a mutable map, to add to.
   */
  public Map<String, String> settings() {
    Map<String, String> env = new HashMap<>();
    env.put("W2A_REDIS_URL", url());
    env.put("W2A_REDIS_PREFIX", newPrefix());
    env.put("W2A_SECRET_KEY", SECRET_KEY);
    return env;
  }

  /** A key prefix no other test of this server uses. */
  public static String newPrefix() {
    return "t" + System.nanoTime() + ":";
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** (Re)starts the server on its port, empty, and waits until it answers. */
  public synchronized void start() {
    try {
      process = new ProcessBuilder(
              "redis-server",
              "--port",
              Integer.toString(port),
              "--bind",
              "127.0.0.1",
              "--save",
              "",
              "--appendonly",
              "no",
              "--dir",
              dir.toString(),
              "--protected-mode",
              "yes")
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "redis-server could not be started (is the Debian package installed?)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited at start; see " + dir.resolve("redis.log"));
      }
      if ("+PONG".equals(command("PING"))) {
        return;
      }
      sleep(20);
    }
    throw new IllegalStateException("redis-server did not answer within 10 s");
  }

  /** Kills the server at once (SIGKILL): its content is lost, as in a crash without persistence. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Sends one inline command and returns the first line of the answer, or null when nothing
   * answers.
   */
  public String command(String inline) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Sends one inline command whose answer is an array of bulk strings ({@code ZRANGE ...
   * WITHSCORES}, say) and returns its elements; empty when the array is or nothing answers.
   */
  public List<String> array(String inline) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      String head = line(in);
      List<String> items = new ArrayList<>();
      if (!head.startsWith("*")) {
        return items;
      }
      int n = Integer.parseInt(head.substring(1));
      for (int i = 0; i < n; i++) {
        line(in); // $<length>: the values read here hold no line breaks
        items.add(line(in));
      }
      return items;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /**
   * Every key and its value as {@code redis-cli --no-raw} would dump them, for scans of what Redis
   * holds.
   */
  public String dump() {
    try {
      Process p = new ProcessBuilder(
              "sh",
              "-c",
              "for k in $(redis-cli -p " + port + " --scan); do echo \"$k\"; "
                  + "redis-cli -p " + port + " --no-raw DUMP \"$k\" >/dev/null; t=$(redis-cli -p "
                  + port + " TYPE \"$k\"); "
                  + "case $t in string) redis-cli -p " + port + " GET \"$k\";; hash) redis-cli -p "
                  + port
                  + " HGETALL \"$k\";; set) redis-cli -p " + port
                  + " SMEMBERS \"$k\";; zset) redis-cli -p " + port
                  + " ZRANGE \"$k\" 0 -1 WITHSCORES;; esac; done")
          .redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
