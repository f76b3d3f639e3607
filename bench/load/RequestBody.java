import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.warp.protocol.BuildOptions;
import dev.warp2api.warp.protocol.RequestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the protobuf body of one Warp {@code Request} for a one-message chat, built by the gateway's own
 * {@link RequestBuilder}: the body that {@code bench/load.sh} posts straight to the simulator, so that
 * "direct" and "through the gateway" carry the same turn. Run as a single-file program with the gateway
 * jar on the class path:
 *
 * <pre>java -cp gateway/target/warp2api.jar bench/load/RequestBody.java OUT.pb MODEL "QUERY"</pre>
 */
public final class RequestBody {
  private RequestBody() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: RequestBody OUT.pb MODEL QUERY");
      System.exit(2);
    }
    ChatRequest chat = new ChatRequest(args[1], null, List.of(ChatMessage.User.text(args[2])), List.of(),
        ToolChoice.AUTO, null, false);
    byte[] body = RequestBuilder.build(chat, BuildOptions.defaults()).toByteArray();
    Files.write(Path.of(args[0]), body);
  }
}
