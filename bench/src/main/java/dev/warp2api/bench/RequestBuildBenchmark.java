package dev.warp2api.bench;

import dev.warp2api.core.ChatRequest;
import dev.warp2api.warp.protocol.BuildOptions;
import dev.warp2api.warp.protocol.RequestBuilder;
import dev.warp2api.warp.protocol.pb.Request;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building Warp's {@code Request} for one turn of a 20-message chat with four tools
 * ({@link ChatFixture#twentyMessagesWithTools()}): {@link RequestBuilder#build} with the production
 * options (fresh random UUIDs for the task and every history message), and the same followed by
 * {@code toByteArray()}, the body actually sent upstream.
 *
 * <p>This is paid once per request, before the upstream call; it is the bulk of the gateway's own
 * time between request in and upstream request sent (the JSON parse of the client body is the
 * rest).
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar RequestBuildBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestBuildBenchmark {
  private final ChatRequest chat = ChatFixture.twentyMessagesWithTools();
  private final BuildOptions options = BuildOptions.defaults();

  /** The protobuf message, not yet serialised. */
  @Benchmark
  public Request build() {
    return RequestBuilder.build(chat, options);
  }

  /** The bytes of the upstream request body. */
  @Benchmark
  public byte[] buildAndSerialise() {
    return RequestBuilder.build(chat, options).toByteArray();
  }
}
