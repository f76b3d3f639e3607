package dev.warp2api.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of a server whose open connections can go silent: once
 * {@link #silenceOpenConnections()} is called, the connections it carries pass nothing either way,
 * as through a NAT entry that expired or to a host that vanished, while connections opened after it
 * pass as before. A connection closed on one side is closed on the other.
 */
public final class SilenceableRelay implements AutoCloseable {
  private final NetServer server;
  private final NetClient client;
  private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();

  private static final class Pair {
    final NetSocket in;
    final NetSocket out;
    volatile boolean silent;

    Pair(NetSocket in, NetSocket out) {
      this.in = in;
      this.out = out;
    }
  }

  private SilenceableRelay(NetServer server, NetClient client) {
    this.server = server;
    this.client = client;
  }

  /** A relay on a free loopback port to {@code 127.0.0.1:targetPort}. */
  public static Future<SilenceableRelay> start(Vertx vertx, int targetPort) {
    NetClient client = vertx.createNetClient();
    NetServer server = vertx.createNetServer();
    SilenceableRelay relay = new SilenceableRelay(server, client);
    server.connectHandler(in -> {
      in.pause();
      client.connect(targetPort, "127.0.0.1").onComplete(ar -> {
        if (ar.failed()) {
          in.close();
          return;
        }
        Pair pair = new Pair(in, ar.result());
        relay.pairs.add(pair);
        in.handler(b -> {
          if (!pair.silent) {
            pair.out.write(b);
          }
        });
        pair.out.handler(b -> {
          if (!pair.silent) {
            in.write(b);
          }
        });
        in.closeHandler(v -> {
          relay.pairs.remove(pair);
          pair.out.close();
        });
        pair.out.closeHandler(v -> {
          relay.pairs.remove(pair);
          in.close();
        });
        in.resume();
      });
    });
    return server.listen(0, "127.0.0.1").map(s -> relay);
  }

  public int port() {
    return server.actualPort();
  }

  /** From now on the connections open at this moment carry nothing, either way. */
  public void silenceOpenConnections() {
    pairs.forEach(p -> p.silent = true);
  }

  @Override
  public void close() {
    pairs.forEach(p -> {
      p.in.close();
      p.out.close();
    });
    server.close();
    client.close();
  }
}
