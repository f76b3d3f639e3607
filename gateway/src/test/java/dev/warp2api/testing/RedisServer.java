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
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) on a free loopback port, for
 * one test class: no persistence, no other client. {@link #kill()} and {@link #start()} again on
 * the same port play an outage. Tests never skip for lack of it: {@code .ci/run} installs the
 * package.
 */
public final class RedisServer implements AutoCloseable {
  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** Starts a server on a free port and waits until it answers PING. */
  public static RedisServer startNew() {
    try {
      RedisServer s = new RedisServer(TestStack.freePort(), Files.createTempDirectory("w2a-redis"));
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
